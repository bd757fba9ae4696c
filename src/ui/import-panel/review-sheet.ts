import { html, nothing, render } from 'lit';
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

/**
 * The compliance review sheet (合规性审查表): the layer under review, its areas (ellipsoidal and
 * Gauss-Krüger planar next to any stated area), the findings grouped by severity with their legal
 * basis, and the layers compared with their hashes. Rendered with Lit bindings only: every name
 * from data is text, never markup. Shown in the panel and printable on a page of its own.
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

function featureLabel(f: Finding['b']): string {
  if (f === null) return '—';
  return `${f.name ?? f.id}（${f.layer}${f.category ? ` / ${f.category}` : ''}）`;
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
                <td>${featureLabel(f.b)}${sharedCell(r, f.b, lang)}</td>
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
        ${r.report.layers.map((l) => html`<tr><td>${l.name}</td><td class="num">${l.featureCount}</td><td><code>${l.hash ?? '—'}</code></td></tr>`)}
      </tbody>
    </table>
    <p class="signature">${L('sheetSignature')}</p>
  `;
}

/** Print CSS of the review sheet page (A4 portrait; the toolbar is not printed). */
export const SHEET_PRINT_CSS = `
  @page { size: A4 portrait; margin: 14mm; }
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif; color: #000; font-size: 10pt; margin: 1rem; }
  h1 { font-size: 16pt; margin: 0 0 6pt; }
  h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1pt solid #000; }
  h3 { font-size: 11pt; margin: 8pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
  th, td { border: 0.75pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  code { font-size: 8pt; word-break: break-all; }
  .note, .caveat { font-size: 9pt; color: #333; }
  .sev-forbidden { color: #8b0000; }
  .signature { margin-top: 24pt; }
  .toolbar { margin-bottom: 8pt; }
  tr { break-inside: avoid; }
  @media print { .toolbar { display: none; } body { margin: 0; } }
`;

/** Opens the sheet on a page of its own (same origin, filled through Lit) and returns the window. */
export function openReviewSheet(r: ComplianceResult, lang: Lang): Window | null {
  const win = window.open('', '_blank');
  if (win === null) return null;
  const doc = win.document;
  doc.documentElement.lang = lang;
  doc.title = `${t('import.sheetTitle', lang)} ${r.layer.name}`;
  const style = doc.createElement('style');
  style.textContent = SHEET_PRINT_CSS;
  doc.head.append(style);
  render(
    html`<div class="toolbar"><button type="button" data-testid="sheet-print" @click=${() => win.print()}>${t('import.print', lang)}</button></div>${reviewSheetTemplate(r, lang)}`,
    doc.body,
  );
  win.focus();
  return win;
}
