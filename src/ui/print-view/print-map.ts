import type { Lang, MapApi } from '../../map/map-api';
import { styleOf } from '../../map/index';
import { CATALOG_LAYER_IDS, QA_LAYER_ID } from '../../core/model/layer-registry';
import { mapPixels, metresPerDevicePixel, scaleOf, sheetLayout } from '../../core/print/page-layout';
import type { PrintSettings } from '../../core/print/page-layout';
import type { CatalogState } from '../../app/catalog/catalog-store';
import { userLayerId } from '../../core/model/layer-registry';
import { t } from '../../i18n/localize';
import { layerNamer } from './layer-names';
import { mapSheetCss, mapSheetTemplate } from './map-sheet';
import type { LegendEntry, MapSheet } from './map-sheet';
import { mapSheetPng } from './map-sheet-png';
import { fillPrintWindow } from './print-document';

/**
 * The map sheet's flow: render the map off-screen at the chosen paper, scale and resolution, then
 * fill the print page (the browser's print to PDF) or composite the PNG.
 */

/** A document behind the layers shown. */
export interface SheetSource {
  docNumber: string;
  issuer: string | null;
  date: string | null;
  file: string | null;
}

/** The legend of the layers shown: catalog layers with features, imported layers by name, and the precision circle. */
export function sheetLegend(catalog: CatalogState | null, lang: Lang): LegendEntry[] {
  if (catalog === null) return [];
  const name = layerNamer(catalog.user.layers, lang);
  const shown = (id: string): boolean => catalog.visibility[id] !== false && (catalog.layers.find((l) => l.id === id)?.features.length ?? 0) > 0;
  const entries: LegendEntry[] = [];
  for (const id of CATALOG_LAYER_IDS) {
    if (id === QA_LAYER_ID || !shown(id)) continue;
    const s = styleOf(id);
    entries.push({ label: name(id), swatch: { kind: s.kind === 'zone' ? 'zone' : 'point', fill: s.fill, line: s.line, fillOpacity: s.fillOpacity } });
  }
  for (const l of catalog.user.layers) {
    const id = userLayerId(l);
    if (catalog.visibility[id] === false) continue;
    const s = styleOf(id);
    entries.push({ label: l.name, swatch: { kind: s.kind === 'zone' ? 'zone' : 'point', fill: s.fill, line: s.line, fillOpacity: s.fillOpacity } });
  }
  entries.push({ label: t('print.precisionCircle', lang), swatch: { kind: 'ring', fill: 'none', line: '#444444', fillOpacity: 0 } });
  return entries;
}

/** One line per document. */
export function sourceLines(sources: readonly SheetSource[]): string[] {
  return sources.map((s) => `${s.docNumber}${s.issuer ? ` ${s.issuer}` : ''}${s.date ? ` ${s.date}` : ''}${s.file ? `（${s.file}）` : ''}`);
}

/** What the sheet needs besides the map. */
export interface SheetInputs {
  readonly map: MapApi;
  readonly lang: Lang;
  readonly legend: readonly LegendEntry[];
  readonly sources: readonly string[];
}

/** Renders the map off-screen for `settings` and returns the sheet (its image as an object URL) and the image. */
export async function buildMapSheet(inputs: SheetInputs, settings: PrintSettings): Promise<{ sheet: MapSheet; bitmap: ImageBitmap }> {
  const { map } = inputs;
  if (!map.renderOffscreen) throw new Error('this map cannot render off-screen');
  const layout = sheetLayout(settings.paper, settings.orientation);
  const px = mapPixels(layout, settings.dpi);
  const image = await map.renderOffscreen({
    widthPx: px.width,
    heightPx: px.height,
    dpi: settings.dpi,
    metresPerPixel: settings.scale === 'fit' ? null : metresPerDevicePixel(settings.scale, settings.dpi),
  });
  const scale = settings.scale === 'fit' ? scaleOf(image.metresPerPixel, settings.dpi) : settings.scale;
  const sheet: MapSheet = {
    lang: inputs.lang,
    settings,
    layout,
    image: { url: URL.createObjectURL(image.png), widthPx: image.widthPx, heightPx: image.heightPx },
    scale,
    legend: inputs.legend,
    sources: inputs.sources,
    attributions: image.attributions,
    reviewNumber: map.reviewNumber?.() ?? null,
    made: new Date(),
  };
  return { sheet, bitmap: await createImageBitmap(image.png) };
}

/** Fills the print page with the sheet; resolves once its map image has loaded (the page is then marked `data-ready`). */
export async function fillMapPrintPage(win: Window, sheet: MapSheet): Promise<void> {
  fillPrintWindow(win, { lang: sheet.lang, title: sheet.settings.title, paper: sheet.settings, marginMm: sheet.layout.marginMm, css: mapSheetCss(sheet.layout), body: mapSheetTemplate(sheet) });
  const img = win.document.querySelector('img');
  if (img && !img.complete) await new Promise((ok) => img.addEventListener('load', ok, { once: true }));
  win.document.body.dataset['ready'] = 'true';
}

/** The sheet as a PNG of the whole page. */
export function mapSheetPngBlob(sheet: MapSheet, bitmap: ImageBitmap): Promise<Blob> {
  return mapSheetPng(sheet, bitmap);
}
