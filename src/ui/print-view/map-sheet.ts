import { html, svg } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang } from '../../map/map-api';
import { scaleBar } from '../../core/print/page-layout';
import type { BoxMm, PrintSettings, ScaleBar, SheetLayout } from '../../core/print/page-layout';
import { t } from '../../i18n/localize';
import type { PrintKey } from '../../i18n/localize';
import { noteLines, printNotes } from './print-document';

/**
 * The printed map sheet (公示图) as HTML for the print page: the map image sized in millimetres so
 * that its pixels print at the chosen resolution, and everything else as vector text and SVG:
 * title, scale bar, north arrow, legend, sources, basemap credits, CRS note, review number,
 * disclaimer and date. {@link sheetText} gives the same words to the PNG export.
 */

/** How a legend entry is drawn. */
export interface LegendSwatch {
  readonly kind: 'zone' | 'point' | 'ring';
  readonly fill: string;
  readonly line: string;
  readonly fillOpacity: number;
}

/** One legend entry. */
export interface LegendEntry {
  readonly label: string;
  readonly swatch: LegendSwatch;
}

/** Everything a printed map sheet shows. */
export interface MapSheet {
  readonly lang: Lang;
  readonly settings: PrintSettings;
  readonly layout: SheetLayout;
  /** The map image (object URL or data URL) and its pixel size. */
  readonly image: { readonly url: string; readonly widthPx: number; readonly heightPx: number };
  /** Scale denominator as rendered (the chosen one, or the fitted one). */
  readonly scale: number;
  readonly legend: readonly LegendEntry[];
  /** Documents behind the layers shown, one line each. */
  readonly sources: readonly string[];
  /** Basemap credits. */
  readonly attributions: readonly string[];
  readonly reviewNumber: string | null;
  readonly made: Date;
}

/** The sheet's scale bar: at most 30 % of the map width and 60 mm. */
export function sheetScaleBar(sheet: MapSheet): ScaleBar {
  return scaleBar(sheet.scale, Math.min(60, sheet.layout.map.w * 0.3));
}

/** Scale denominator as printed: to 3 significant figures when fitted (1:12,300), exact otherwise. */
export function scaleLabel(sheet: MapSheet): string {
  const loc = sheet.lang === 'en' ? 'en-US' : 'zh-CN';
  const s = sheet.settings.scale === 'fit' ? Number(sheet.scale.toPrecision(3)) : sheet.scale;
  const text = t('print.scaleText', sheet.lang, { s: s.toLocaleString(loc) });
  return sheet.settings.scale === 'fit' ? `${text}${t('print.scaleFitNote', sheet.lang)}` : text;
}

/** A ground length as printed under the scale bar. */
export function lengthLabel(m: number): string {
  return m >= 1000 ? `${m / 1000} km` : `${m} m`;
}

/** The side panel's text blocks in order (shared by the HTML sheet and the PNG export). */
export function sheetText(sheet: MapSheet): { scale: string; resolution: string; sources: string[]; basemap: string; notes: string[] } {
  const L = (k: PrintKey, vars?: Record<string, string | number>): string => t(`print.${k}`, sheet.lang, vars);
  return {
    scale: scaleLabel(sheet),
    resolution: L('resolution', { dpi: sheet.settings.dpi, paper: sheet.settings.paper, orientation: L(sheet.settings.orientation) }),
    sources: [...sheet.sources],
    basemap: `${L('basemap')}：${sheet.attributions.join('；')}`,
    notes: noteLines(sheet.lang, sheet.made, sheet.reviewNumber),
  };
}

const mm = (v: number): string => `${v.toFixed(2)}mm`;
const boxStyle = (b: BoxMm, layout: SheetLayout): string => `left:${mm(b.x - layout.marginMm)};top:${mm(b.y - layout.marginMm)};width:${mm(b.w)};height:${mm(b.h)}`;

/** A legend swatch as SVG (vector in the PDF). */
export function swatchSvg(s: LegendSwatch): TemplateResult {
  const body =
    s.kind === 'zone'
      ? svg`<rect x="0.5" y="0.5" width="7" height="4" fill=${s.fill} fill-opacity=${s.fillOpacity} stroke=${s.line} stroke-width="0.35"></rect>`
      : s.kind === 'point'
        ? svg`<circle cx="4" cy="2.5" r="1.6" fill=${s.fill} stroke="#ffffff" stroke-width="0.4"></circle>`
        : svg`<circle cx="4" cy="2.5" r="2.1" fill="none" stroke=${s.line} stroke-width="0.3" stroke-dasharray="0.3 0.6"></circle><circle cx="4" cy="2.5" r="0.5" fill=${s.line}></circle>`;
  return html`<svg class="swatch" width="8mm" height="5mm" viewBox="0 0 8 5" aria-hidden="true">${body}</svg>`;
}

/** CSS of the map sheet page. */
export function mapSheetCss(layout: SheetLayout): string {
  const innerW = layout.widthMm - 2 * layout.marginMm;
  const innerH = layout.heightMm - 2 * layout.marginMm;
  const big = layout.paper === 'A4' ? 1 : layout.paper === 'A3' ? 1.2 : 1.45;
  return `
  body { margin: 0; }
  .toolbar { margin: 8px; }
  .sheet { position: relative; width: ${mm(innerW)}; height: ${mm(innerH)}; overflow: hidden; background: #fff; font-size: ${(8 * big).toFixed(1)}pt; line-height: 1.35; }
  @media screen { .sheet { outline: 1px dashed #999; margin: ${mm(layout.marginMm)}; } }
  .box { position: absolute; box-sizing: border-box; }
  .title { display: flex; align-items: center; justify-content: center; border-bottom: 0.6mm solid #000; }
  .title h1 { font-size: ${(16 * big).toFixed(1)}pt; margin: 0; }
  .map { outline: 0.5mm solid #000; }
  .map img { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
  .north { position: absolute; top: 4mm; right: 4mm; background: rgb(255 255 255 / 0.85); }
  .scalebar { position: absolute; left: 4mm; bottom: 4mm; background: rgb(255 255 255 / 0.85); padding: 1mm 2mm; }
  .side { border: 0.35mm solid #000; padding: 3mm; overflow: hidden; }
  .side h2 { font-size: ${(9.5 * big).toFixed(1)}pt; margin: 2mm 0 1mm; border-bottom: 0.25mm solid #000; }
  .side h2:first-child { margin-top: 0; }
  .side ul { list-style: none; margin: 0; padding: 0; }
  .side li { display: flex; align-items: center; gap: 1.5mm; margin: 0.6mm 0; }
  .side .sources li { display: block; }
  .side p { margin: 0.6mm 0; }
  .print-notes { font-size: ${(7 * big).toFixed(1)}pt; }
  ${layout.orientation === 'portrait' ? '.side { column-count: 2; column-gap: 5mm; } .side li, .side p { break-inside: avoid; }' : ''}
  `;
}

/** The sheet's body (inside the print page). */
export function mapSheetTemplate(sheet: MapSheet): TemplateResult {
  const L = (k: PrintKey): string => t(`print.${k}`, sheet.lang);
  const { layout } = sheet;
  const bar = sheetScaleBar(sheet);
  const text = sheetText(sheet);
  const w = bar.lengthMm;
  return html`<article class="sheet" data-testid="map-sheet">
    <div class="box title" style=${boxStyle(layout.title, layout)}><h1 data-testid="sheet-title">${sheet.settings.title}</h1></div>
    <div class="box map" style=${boxStyle(layout.map, layout)}>
      <img data-testid="sheet-map" src=${sheet.image.url} alt=${sheet.settings.title} data-width=${sheet.image.widthPx} data-height=${sheet.image.heightPx} />
      <svg class="north" width="10mm" height="14mm" viewBox="0 0 10 14" role="img" aria-label=${L('north')}>
        <polygon points="5,1 8.5,10 5,8 1.5,10" fill="#000"></polygon><polygon points="5,1 5,8 1.5,10" fill="#fff" stroke="#000" stroke-width="0.3"></polygon>
        <text x="5" y="13.5" font-size="3.4" text-anchor="middle" font-weight="700">${L('north')}</text>
      </svg>
      <svg class="scalebar" data-testid="sheet-scalebar" data-length-m=${bar.lengthM} data-length-mm=${bar.lengthMm.toFixed(3)}
        width=${mm(Math.max(w + 4, 72))} height="9mm" viewBox="-2 0 ${Math.max(w + 4, 72)} 9" role="img" aria-label=${text.scale}>
        <rect x="0" y="1" width=${w / 2} height="1.6" fill="#000"></rect><rect x=${w / 2} y="1" width=${w / 2} height="1.6" fill="#fff" stroke="#000" stroke-width="0.25"></rect>
        <rect x="0" y="1" width=${w} height="1.6" fill="none" stroke="#000" stroke-width="0.25"></rect>
        <text x="0" y="5.5" font-size="2.6" text-anchor="start">0</text>
        <text x=${w} y="5.5" font-size="2.6" text-anchor="end">${lengthLabel(bar.lengthM)}</text>
        <text x="0" y="8.6" font-size="2.4" text-anchor="start">${text.scale}</text>
      </svg>
    </div>
    <section class="box side" style=${boxStyle(layout.side, layout)}>
      <h2>${L('scale')}</h2>
      <p data-testid="sheet-scale">${text.scale}</p>
      <p>${text.resolution}</p>
      <h2>${L('legend')}</h2>
      <ul data-testid="sheet-legend">${sheet.legend.map((e) => html`<li>${swatchSvg(e.swatch)}<span>${e.label}</span></li>`)}</ul>
      <h2>${L('sources')}</h2>
      <ul class="sources" data-testid="sheet-sources">${text.sources.map((s) => html`<li>${s}</li>`)}</ul>
      <p>${text.basemap}</p>
      ${printNotes(sheet.lang, sheet.made, sheet.reviewNumber)}
    </section>
  </article>`;
}
