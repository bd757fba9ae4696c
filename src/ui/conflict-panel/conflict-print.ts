import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang } from '../../map/map-api';
import { groupBySeverity } from '../../core/conflicts/report';
import type { ConflictReport, FeatureRef } from '../../core/conflicts/report';
import { fillPrintWindow, printNotes } from '../print-view/print-document';
import type { PaperChoice } from '../print-view/print-document';
import type { LayerNamer } from '../print-view/layer-names';
import { t } from '../../i18n/localize';
import { formatTime } from '../../i18n/labels';
import { caveatText, ruleNoteText } from '../../i18n/conflict-text';
import type { ConflictKey } from '../../i18n/localize';
import { formatAreaM2Ha, formatDistance, formatShare, ruleParamsText, ruleStatusLabel, severityLabel, severityToken, verdictLabel } from './conflict-format';

/**
 * The printable report: a page of its own (a same-origin window the app fills with DOM through
 * Lit, so every name and quote is text, never markup), with print CSS. It carries what a report
 * needs to be reproduced: rule-set version, the time, each input layer's hash, every rule's status
 * and parameters, then the findings table grouped by severity. Layers are named by their names
 * (imported layers by the name the user gave them), never by internal ids. The page layout is the
 * shared one of `print-view/print-document.ts`.
 */

/** CSS of the report page (after the shared print CSS). */
export const REPORT_CSS = `
  .meta { margin: 0; }
  .sev-forbidden th.sev { background: #f6d5d9; }
`;

/** Default paper of the report. */
export const REPORT_PAPER: PaperChoice = { paper: 'A4', orientation: 'landscape' };

/** The report page's content. */
export function printTemplate(report: ConflictReport, lang: Lang, name: LayerNamer = (l) => l): TemplateResult {
  const L = (k: ConflictKey, vars?: Record<string, string | number>): string => t(`conflicts.${k}`, lang, vars);
  const feature = (f: FeatureRef): string => `${f.name ?? f.id}（${name(f.layer)}）`;
  return html`
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
        ${report.layers.map((l) => html`<tr><td>${name(l.name)}</td><td class="num">${l.featureCount}</td><td class="num">${l.inactiveCount}</td><td><code>${l.hash ?? '—'}</code></td></tr>`)}
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
                  <td>${feature(f.a)}</td>
                  <td>${f.b === null ? L('noFeatureB') : feature(f.b)}</td>
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
 * Fills the printable report into a same-origin page (opened in the click when `win` is null) on
 * the chosen paper, layers named by `name`. Returns the window, or null when the browser blocked it.
 */
export function openPrintableReport(report: ConflictReport, lang: Lang, paper: PaperChoice = REPORT_PAPER, name: LayerNamer = (l) => l, win: Window | null = null): Window | null {
  const target = win ?? window.open('', '_blank');
  if (target === null) return null;
  return fillPrintWindow(target, {
    lang,
    title: `${t('conflicts.printTitle', lang)} ${report.generatedAt}`,
    paper,
    marginMm: 12,
    css: REPORT_CSS,
    printLabel: t('conflicts.printButton', lang),
    printTestId: 'print-report-button',
    body: html`${printTemplate(report, lang, name)}${printNotes(lang, new Date(report.generatedAt), null)}`,
  });
}
