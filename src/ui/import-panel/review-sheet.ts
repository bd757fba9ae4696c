import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang } from '../../map/map-api';
import type { Finding } from '../../core/conflicts/report';
import type { FeatureAreas } from '../../core/areas/feature-areas';
import type { ComplianceResult } from '../../app/compliance/compliance-session';
import type { Severity } from '../../core/conflicts/rule-schema';
import { CATEGORY_LABELS, formatTime } from '../../i18n/labels';
import { t } from '../../i18n/localize';
import { caveatText } from '../../i18n/conflict-text';
import type { ImportKey as ImportStringKey } from '../../i18n/localize';
import { sharedNoteText } from '../shared-anchor-note';
import { fillPrintWindow, printNotes } from '../print-view/print-document';
import type { PaperChoice } from '../print-view/print-document';
import { layerNamer } from '../print-view/layer-names';
import type { LayerNamer, NamedLayer } from '../print-view/layer-names';

/**
 * The compliance review sheet (合规性审查表): the layer under review, its areas (ellipsoidal and
 * Gauss-Krüger planar next to any stated area), the findings grouped by severity with their legal
 * basis, and the layers compared with their hashes. Rendered with Lit bindings only: every name
 * from data is text, never markup. Shown in the panel and printable on a page of its own (the
 * shared print layout of `print-view/print-document.ts`). Layers are named by their names.
 */

/** The areas of one feature of the layer under review. */
export type SheetArea = FeatureAreas;

/** Everything the sheet shows (the compliance session's result). */
export type { ComplianceResult };

const SEV_KEY: Record<Severity, ImportStringKey> = { 禁止: 'sevForbidden', 需审批: 'sevApproval', 提示: 'sevNotice' };
const SEV_CLASS: Record<Severity, string> = { 禁止: 'forbidden', 需审批: 'approval', 提示: 'notice' };

/** m² with thousands separators and the hectare value. */
export function formatArea(m2: number | null, lang: Lang): string {
  if (m2 === null || !Number.isFinite(m2)) return '—';
  const loc = lang === 'en' ? 'en-US' : 'zh-CN';
  const sq = m2.toLocaleString(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const ha = (m2 / 10_000).toLocaleString(loc, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  return `${sq} ${t('import.metres2', lang)}（${ha} ${t('import.hectare', lang)}）`;
}

function signed(m2: number | null, lang: Lang): string {
  if (m2 === null) return '—';
  const loc = lang === 'en' ? 'en-US' : 'zh-CN';
  return `${m2 >= 0 ? '+' : ''}${m2.toLocaleString(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${t('import.metres2', lang)}`;
}

function featureLabel(f: Finding['b'], name: LayerNamer): string {
  if (f === null) return '—';
  return `${f.name ?? f.id}（${name(f.layer)}${f.category ? ` / ${f.category}` : ''}）`;
}

/** Under the other feature: "N sites share this approximate position" when it does (issue 16). */
function sharedCell(r: ComplianceResult, b: Finding['b'], lang: Lang): unknown {
  const note = b === null ? undefined : r.sharedAnchors?.get(b.id);
  return note ? html`<br /><span class="caveat" data-testid="finding-shared">${sharedNoteText(note, lang)}</span>` : nothing;
}

/** Options of {@link reviewSheetTemplate}. */
export interface SheetOptions {
  /**
   * Rows listed per table (default all). On screen a large layer's sheet lists the first rows
   * only: laying out hundreds of table rows of Chinese text blocks the page for a third of a
   * second. The printed sheet lists all.
   */
  readonly maxRows?: number;
  /** Called by the "show all" button under a cut table. */
  readonly onShowAll?: () => void;
  /** Names layers by their names (default: the layer under review by its name, catalog layers by their labels). */
  readonly layerName?: LayerNamer;
}

/** The sheet's content. */
export function reviewSheetTemplate(r: ComplianceResult, lang: Lang, options: SheetOptions = {}): TemplateResult {
  const L = (k: ImportStringKey, vars?: Record<string, string | number>): string => t(`import.${k}`, lang, vars);
  const max = options.maxRows ?? Infinity;
  const cut = <T>(rows: readonly T[]): readonly T[] => (rows.length > max ? rows.slice(0, max) : rows);
  const hidden = (rows: readonly unknown[]): TemplateResult | typeof nothing =>
    rows.length > max
      ? html`<p class="note no-print" data-testid="sheet-rows-hidden">${L('rowsHidden', { n: rows.length - max })}
          ${options.onShowAll ? html`<button type="button" data-testid="sheet-show-all" @click=${options.onShowAll}>${L('showAllRows')}</button>` : nothing}</p>`
      : nothing;
  const bySeverity: Severity[] = ['禁止', '需审批', '提示'];
  const name = options.layerName ?? sheetLayerNamer(r, [], lang);
  return html`
    <h1>${L('sheetTitle')}</h1>
    <p class="note">${L('sheetNote')}</p>
    <table class="meta">
      <tbody>
        <tr><th scope="row">${L('sheetLayer')}</th><td data-testid="sheet-layer">${r.layer.name}</td></tr>
        <tr><th scope="row">${L('category')}</th><td>${CATEGORY_LABELS[r.layer.category][lang]}</td></tr>
        <tr><th scope="row">${L('sheetSource')}</th><td>${r.layer.source.fileName} · ${r.layer.source.crsName} (EPSG:${r.layer.source.crsEpsg})</td></tr>
        <tr><th scope="row">${L('sheetTime')}</th><td>${formatTime(r.report.generatedAt, lang)}</td></tr>
        <tr><th scope="row">${L('rule')}</th><td>${L('complianceRules', { n: r.report.rules.length, set: `${r.report.ruleSet.id} v${r.report.ruleSet.version}` })}
          ${r.derivedRules.length > 0 ? html`<br />${L('derivedRules')}：${r.derivedRules.join('，')}` : nothing}</td></tr>
      </tbody>
    </table>

    <h2>${L('areas')}</h2>
    <table data-testid="sheet-areas">
      <thead><tr><th>${L('feature')}</th><th>${L('statedArea')}</th><th>${L('geodesicArea')}</th><th>${L('planarArea')}</th><th>${L('plane')}</th><th>${L('difference')}</th></tr></thead>
      <tbody>
        ${cut(r.areas).map(
          (a) => html`<tr data-geodesic=${String(a.geodesicM2 ?? '')} data-planar=${String(a.planarM2 ?? '')}>
            <td>${a.name}</td>
            <td class="num">${formatArea(a.statedM2, lang)}</td>
            <td class="num">${formatArea(a.geodesicM2, lang)}</td>
            <td class="num">${formatArea(a.planarM2, lang)}</td>
            <td>${a.epsg === null ? '—' : `CGCS2000 3° GK ${L('zone')} ${a.zone ?? '?'} (EPSG:${a.epsg})`}</td>
            <td class="num">${a.statedM2 === null || a.planarM2 === null ? '—' : signed(a.planarM2 - a.statedM2, lang)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${hidden(r.areas)}

    <h2>${L('findings')}：${r.findings.length === 0 ? L('noFindings') : L('findingsN', { n: r.findings.length })}</h2>
    ${bySeverity.map((sev) => {
      const list = r.findings.filter((f) => f.severity === sev);
      if (list.length === 0) return nothing;
      return html`
        <h3 class="sev-${SEV_CLASS[sev]}">${L(SEV_KEY[sev])}（${list.length}）</h3>
        <table data-testid="sheet-findings-${SEV_CLASS[sev]}">
          <thead><tr><th>${L('rule')}</th><th>${L('feature')}</th><th>${L('against')}</th><th>${L('overlap')}</th><th>${L('distance')}</th><th>${L('verdict')}</th><th>${L('basis')}</th></tr></thead>
          <tbody>
            ${cut(list).map(
              (f) => html`<tr class="finding" data-severity=${f.severity} data-rule=${f.ruleId} data-b-layer=${f.b?.layer ?? ''} data-nominal=${String(f.nominal)}>
                <td>${f.ruleTitle}<br /><code>${f.ruleId} v${f.ruleVersion}</code></td>
                <td>${f.a.name ?? f.a.id}</td>
                <td>${featureLabel(f.b, name)}${sharedCell(r, f.b, lang)}</td>
                <td class="num">${formatArea(f.overlapAreaM2, lang)}</td>
                <td class="num">${f.distanceM === null ? '—' : `${f.distanceM.toFixed(1)} m`}</td>
                <td>${f.verdict === 'definite' ? L('definite') : L('possible')}<br /><span class="caveat">${caveatText(f.caveat, lang)}</span></td>
                <td>${f.basis.map((b) => html`<div>${b.document}${b.docNumber ? `（${b.docNumber}）` : ''}${b.article ? ` ${b.article}` : ''}</div>`)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${hidden(list)}
      `;
    })}

    <h2>${L('sheetInputs')}</h2>
    <table>
      <tbody>
        ${r.report.layers.map((l) => html`<tr><td>${name(l.name)}</td><td class="num">${l.featureCount}</td><td><code>${l.hash ?? '—'}</code></td></tr>`)}
      </tbody>
    </table>
    <p class="signature">${L('sheetSignature')}</p>
  `;
}

/** CSS of the review sheet page (after the shared print CSS). */
export const SHEET_CSS = `
  h1 { margin: 0 0 6pt; }
  .sev-forbidden { color: #8b0000; }
  .signature { margin-top: 24pt; }
`;

/** Default paper of the review sheet. */
export const SHEET_PAPER: PaperChoice = { paper: 'A4', orientation: 'portrait' };

/**
 * Fills the sheet into a page of its own (same origin, through Lit and the shared print layout) on
 * the chosen paper and returns the window, or null when the browser blocked it.
 */
export function openReviewSheet(r: ComplianceResult, lang: Lang, paper: PaperChoice = SHEET_PAPER, layerName?: LayerNamer): Window | null {
  const win = window.open('', '_blank');
  if (win === null) return null;
  return fillPrintWindow(win, {
    lang,
    title: `${t('import.sheetTitle', lang)} ${r.layer.name}`,
    paper,
    marginMm: 14,
    css: SHEET_CSS,
    printLabel: t('import.print', lang),
    printTestId: 'sheet-print',
    body: html`${reviewSheetTemplate(r, lang, layerName ? { layerName } : {})}${printNotes(lang, new Date(r.report.generatedAt), null)}`,
  });
}

/** A namer for the sheet: the user's imported layers by name (the layer under review among them), catalog layers by label. */
export function sheetLayerNamer(r: ComplianceResult, imported: readonly NamedLayer[], lang: Lang): LayerNamer {
  const base = layerNamer(imported, lang);
  return (id) => (id === r.layerId || id === `${r.layerId}.geojson` ? r.layer.name : base(id));
}
