import { html, render } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang } from '../../map/map-api';
import { groupBySeverity } from '../../core/conflicts/report';
import type { ConflictReport } from '../../core/conflicts/report';
import { t } from '../../i18n/localize';
import { formatTime } from '../../i18n/labels';
import { caveatText, ruleNoteText } from '../../i18n/conflict-text';
import type { ConflictKey } from '../../i18n/localize';
import { formatAreaM2Ha, formatDistance, formatShare, ruleParamsText, ruleStatusLabel, severityLabel, severityToken, verdictLabel } from './conflict-format';

/**
 * The printable report: a page of its own (a same-origin window the app fills with DOM through
 * Lit, so every name and quote is text, never markup), with print CSS. It carries what a report
 * needs to be reproduced: rule-set version, the time, each input layer's hash, every rule's status
 * and parameters, then the findings table grouped by severity.
 */

/** Print CSS of the report page (A4 landscape; the toolbar is not printed). */
export const PRINT_CSS = `
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif; color: #000; font-size: 10pt; margin: 1rem; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1pt solid #000; }
  h3 { font-size: 11pt; margin: 8pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
  th, td { border: 0.75pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  code { font-size: 8pt; word-break: break-all; }
  .meta { margin: 0; }
  .note { font-size: 9pt; color: #333; }
  .toolbar { margin-bottom: 8pt; }
  .toolbar button { font: inherit; padding: 4pt 10pt; }
  tr { break-inside: avoid; }
  .sev-forbidden th.sev { background: #f6d5d9; }
  @media print { .toolbar { display: none; } body { margin: 0; } }
`;

/** The report page's content. */
export function printTemplate(report: ConflictReport, lang: Lang, onPrint: () => void): TemplateResult {
  const L = (k: ConflictKey, vars?: Record<string, string | number>): string => t(`conflicts.${k}`, lang, vars);
  return html`
    <div class="toolbar"><button type="button" data-testid="print-report-button" @click=${onPrint}>${L('printButton')}</button></div>
    <h1>${L('printTitle')}</h1>
    <p class="meta" data-testid="print-ruleset">${L('ruleSet')}: ${report.ruleSet.id} v${report.ruleSet.version}</p>
    <p class="meta" data-testid="print-time">${L('generatedAt')}: ${formatTime(report.generatedAt, lang)}</p>
    <p class="meta">${L('projection')}: ${report.engine.projection}</p>
    <p class="note">${L('printNote')}</p>

    <h2>${L('summaryHeading')}</h2>
    <table data-testid="print-summary">
      <thead><tr><th>${L('severity')}</th><th>${L('definite')}</th><th>${L('possible')}</th><th>${L('total')}</th></tr></thead>
      <tbody>
        ${groupBySeverity(report.findings).map(({ severity }) => {
          const s = report.summary[severity];
          return html`<tr><th scope="row">${severityLabel(severity, lang)}</th><td class="num">${s.definite}</td><td class="num">${s.possible}</td><td class="num">${s.definite + s.possible}</td></tr>`;
        })}
      </tbody>
    </table>

    <h2>${L('layersUsed')}</h2>
    <table data-testid="print-layers">
      <thead><tr><th>${L('layer')}</th><th>${L('featureCount')}</th><th>${L('inactive')}</th><th>${L('hash')}</th></tr></thead>
      <tbody>
        ${report.layers.map((l) => html`<tr><td>${l.name}</td><td class="num">${l.featureCount}</td><td class="num">${l.inactiveCount}</td><td><code>${l.hash ?? '—'}</code></td></tr>`)}
      </tbody>
    </table>

    <h2>${L('rulesUsed')}</h2>
    <table data-testid="print-rules">
      <thead><tr><th>${L('rule')}</th><th>${L('severity')}</th><th>${L('status')}</th><th>${L('params')}</th><th>${L('findings')}</th></tr></thead>
      <tbody>
        ${report.rules.map(
          (r) => html`<tr data-rule=${r.ruleId}>
            <td>${r.title}<br /><code>${r.ruleId} v${r.version}</code></td>
            <td>${severityLabel(r.severity, lang)}</td>
            <td>${ruleStatusLabel(r.status, lang)}${r.note === null ? '' : ` — ${ruleNoteText(r.note, lang)}`}</td>
            <td>${ruleParamsText(r)}${r.overridden.length > 0 ? ` (${L('userChanged')}: ${r.overridden.join(', ')})` : ''}</td>
            <td class="num">${r.findings}</td>
          </tr>`,
        )}
      </tbody>
    </table>

    <h2>${L('findingsTable')}</h2>
    ${report.findings.length === 0 ? html`<p>${L('noFindings')}</p>` : ''}
    ${groupBySeverity(report.findings)
      .filter((g) => g.findings.length > 0)
      .map(
        (g) => html`
          <h3>${severityLabel(g.severity, lang)}（${g.findings.length}）</h3>
          <table class="sev-${severityToken(g.severity)}" data-testid="print-findings">
            <thead>
              <tr>
                <th>#</th><th>${L('verdict')}</th><th>${L('rule')}</th><th>${L('featureA')}</th><th>${L('featureB')}</th>
                <th>${L('overlapArea')}</th><th>${L('shares')}</th><th>${L('distance')}</th><th>${L('caveat')}</th><th>${L('basis')}</th>
              </tr>
            </thead>
            <tbody>
              ${g.findings.map(
                (f, i) => html`<tr data-testid="print-finding">
                  <td class="num">${i + 1}</td>
                  <td>${verdictLabel(f.verdict, lang)}</td>
                  <td>${f.ruleTitle}</td>
                  <td>${f.a.name ?? f.a.id}</td>
                  <td>${f.b === null ? L('noFeatureB') : (f.b.name ?? f.b.id)}</td>
                  <td class="num">${f.relation === 'outside-of' ? formatAreaM2Ha(f.outsideAreaM2, lang) : formatAreaM2Ha(f.overlapAreaM2, lang)}</td>
                  <td>${L('shareA', { p: formatShare(f.shareOfA, lang) })}${f.shareOfB === null ? '' : html`<br />${L('shareB', { p: formatShare(f.shareOfB, lang) })}`}</td>
                  <td class="num">${formatDistance(f.distanceM, lang)}${f.relation === 'within-distance' ? html`<br />(${L('limit')} ${f.params.distanceM} m)` : ''}</td>
                  <td>${caveatText(f.caveat, lang)}</td>
                  <td>${f.basis.map((b) => html`<div>${b.document}${b.article === undefined ? '' : ` ${b.article}`}</div>`)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        `,
      )}
  `;
}

/**
 * Opens the printable report in a new window (tab) of the same origin and fills it. Returns the
 * window, or null when the browser blocked it.
 */
export function openPrintableReport(report: ConflictReport, lang: Lang): Window | null {
  const win = window.open('', '_blank');
  if (win === null) return null;
  const doc = win.document;
  doc.documentElement.lang = lang;
  doc.title = `${t('conflicts.printTitle', lang)} ${report.generatedAt}`;
  const style = doc.createElement('style');
  style.textContent = PRINT_CSS;
  doc.head.append(style);
  render(printTemplate(report, lang, () => win.print()), doc.body);
  win.focus();
  return win;
}
