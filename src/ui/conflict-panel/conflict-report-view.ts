import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import { groupBySeverity } from '../../core/conflicts/report';
import type { ConflictReport, Finding } from '../../core/conflicts/report';
import { reportToCsv, reportToGeoJson } from '../../core/conflicts/report-export';
import { caveatText } from '../../i18n/conflict-text';
import { t } from '../../i18n/localize';
import { formatTime } from '../../i18n/labels';
import type { ConflictKey } from '../../i18n/localize';
import type { SelectFeatureDetail } from '../search/search.component';
import { formatAreaM2Ha, formatDistance, formatShare, ruleParamsText, ruleStatusLabel, severityLabel, severityToken, verdictLabel } from './conflict-format';
import { REPORT_PAPER, openPrintableReport } from './conflict-print';
import { paperChooser } from '../print-view/print-document';
import type { PaperChoice } from '../print-view/print-document';
import { layerNamer } from '../print-view/layer-names';
import type { NamedLayer } from '../print-view/layer-names';
import { renderBasis } from './conflict-rules-view';
import { exportFileName, findingKey } from './conflict-view-model';
import { downloadBlob } from '../download';

/** Findings listed per severity before "show more". */
const PAGE = 50;

function download(text: string, name: string, type: string): void {
  downloadBlob(new Blob([text], { type }), name);
}

/**
 * A conflict report: summary by severity and verdict, the findings (each names both features, the rule, the
 * numbers, the verdict and its precision caveat, the basis), the rules and layers used, CSV / GeoJSON exports
 * and the printable page. `finding-zoom` asks the panel to show a finding on the map, `select-feature` the
 * shell to select a feature, `show-on-map` to show or hide the overlay, `report-notice` to say something.
 * Light DOM (the panel's styles apply).
 */
@customElement('gis-conflict-report')
export class ConflictReportView extends LitElement {
  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) report: ConflictReport | null = null;
  /** Key of the finding shown on the map. */
  @property({ attribute: false }) focusKey: string | null = null;
  @property({ type: Boolean }) showOnMap = true;
  /** The user's imported layers: the report names them by their names. */
  @property({ attribute: false }) importedLayers: readonly NamedLayer[] = [];
  @state() private shown: Record<string, number> = {};
  @state() private paper: PaperChoice = REPORT_PAPER;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('report')) this.shown = {};
  }

  private L(key: ConflictKey, vars?: Record<string, string | number>): string {
    return t(`conflicts.${key}`, this.locale, vars);
  }

  private emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  private caveat = (c: Finding['caveat']): string => caveatText(c, this.locale);

  private exportCsv(report: ConflictReport): void {
    download(reportToCsv(report, this.caveat), exportFileName(report.generatedAt, 'csv'), 'text/csv;charset=utf-8');
  }

  private exportGeoJson(report: ConflictReport): void {
    download(`${JSON.stringify(reportToGeoJson(report, this.caveat), null, 1)}\n`, exportFileName(report.generatedAt, 'geojson'), 'application/geo+json');
  }

  private print(report: ConflictReport): void {
    if (openPrintableReport(report, this.locale, this.paper, layerNamer(this.importedLayers, this.locale)) === null) this.emit('report-notice', this.L('popupBlocked'));
  }

  private renderFeatureRef(ref: Finding['a'], testId: string): TemplateResult {
    return html`<button class="link" type="button" lang="zh-CN" data-testid=${testId} data-feature=${ref.id} title=${this.L('selectFeature')}
      @click=${() => this.emit<SelectFeatureDetail>('select-feature', { id: ref.id, zoom: true })}>${ref.name ?? ref.id}</button>`;
  }

  private renderFinding(f: Finding): TemplateResult {
    const key = findingKey(f);
    const area = f.relation === 'outside-of' ? f.outsideAreaM2 : f.overlapAreaM2;
    return html`<li class="finding" data-testid="conflict-finding" data-key=${key} data-rule=${f.ruleId} data-severity=${f.severity} data-verdict=${f.verdict} data-focus=${this.focusKey === key ? 'true' : 'false'}>
      <div class="finding-head">
        <span class="badge verdict-${f.verdict}" data-testid="finding-verdict">${verdictLabel(f.verdict, this.locale)}</span>
        <span class="finding-title" lang="zh-CN">${f.ruleTitle}</span>
        <button type="button" data-testid="finding-zoom" @click=${() => this.emit<Finding>('finding-zoom', f)}>${this.L('zoomTo')}</button>
      </div>
      <dl>
        <dt>${this.L('featureA')}</dt>
        <dd>${this.renderFeatureRef(f.a, 'finding-a')}</dd>
        <dt>${this.L('featureB')}</dt>
        <dd>${f.b === null ? this.L('noFeatureB') : this.renderFeatureRef(f.b, 'finding-b')}${f.bIds.length > 1 ? html` <span class="muted">${this.L('andMore', { n: f.bIdsTotal ?? f.bIds.length })}</span>` : nothing}</dd>
        <dt>${this.L(f.relation === 'outside-of' ? 'outsideArea' : 'overlapArea')}</dt>
        <dd data-testid="finding-area" data-m2=${area ?? ''}>${formatAreaM2Ha(area, this.locale)}</dd>
        <dt>${this.L('shares')}</dt>
        <dd>
          ${f.shareOfA === null && f.shareOfB === null
            ? '—'
            : html`${this.L('shareA', { p: formatShare(f.shareOfA, this.locale) })}${f.shareOfB === null ? nothing : html`；${this.L('shareB', { p: formatShare(f.shareOfB, this.locale) })}`}`}
        </dd>
        <dt>${this.L('distance')}</dt>
        <dd data-testid="finding-distance" data-m=${f.distanceM ?? ''}>
          ${formatDistance(f.distanceM, this.locale)}${f.relation === 'within-distance' ? html` <span class="muted">(${this.L('limit')} ${f.params.distanceM} m)</span>` : nothing}
        </dd>
      </dl>
      <p class="caveat" data-testid="finding-caveat" data-code=${f.caveat.code}><span class="sr-only">${this.L('caveat')}：</span>${this.caveat(f.caveat)}</p>
      <details>
        <summary>${this.L('basis')}</summary>
        ${renderBasis(f.basis, this.locale)}
      </details>
    </li>`;
  }

  private renderGroups(report: ConflictReport): unknown {
    return groupBySeverity(report.findings)
      .filter((g) => g.findings.length > 0)
      .map((g) => {
        const limit = this.shown[g.severity] ?? PAGE;
        const rest = g.findings.length - limit;
        return html`<section data-testid="finding-group" data-severity=${g.severity}>
          <h4><span class="badge sev-${severityToken(g.severity)}">${severityLabel(g.severity, this.locale)}</span> ${g.findings.length}</h4>
          <ol class="findings">${g.findings.slice(0, limit).map((f) => this.renderFinding(f))}</ol>
          ${rest > 0
            ? html`<button type="button" @click=${() => (this.shown = { ...this.shown, [g.severity]: limit + PAGE })}>${this.L('showMore', { n: Math.min(rest, PAGE) })}</button>`
            : nothing}
        </section>`;
      });
  }

  override render(): unknown {
    const report = this.report;
    if (!report) return nothing;
    return html`<section data-testid="conflict-report" aria-labelledby="report-h">
      <h3 id="report-h">${this.L('report')}</h3>
      <p class="report-meta">
        ${this.L('ruleSet')}: <span data-testid="report-ruleset"><code>${report.ruleSet.id}</code> v${report.ruleSet.version}</span> ·
        ${this.L('generatedAt')}: <span data-testid="report-time" data-iso=${report.generatedAt}>${formatTime(report.generatedAt, this.locale)}</span>
      </p>
      <div class="actions">
        <button type="button" data-testid="export-csv" @click=${() => this.exportCsv(report)}>${this.L('exportCsv')}</button>
        <button type="button" data-testid="export-geojson" @click=${() => this.exportGeoJson(report)}>${this.L('exportGeoJson')}</button>
        ${paperChooser(this.paper, this.locale, (p) => (this.paper = p), 'report-paper')}
        <button type="button" data-testid="print-report" @click=${() => this.print(report)}>${this.L('printReport')}</button>
      </div>
      <label class="toggle"><input type="checkbox" data-testid="show-on-map" .checked=${this.showOnMap} @change=${(e: Event) => this.emit<boolean>('show-on-map', (e.target as HTMLInputElement).checked)} />${this.L('showOnMap')}</label>

      <h4>${this.L('summaryHeading')}</h4>
      <table data-testid="conflict-summary">
        <thead><tr><th scope="col">${this.L('severity')}</th><th scope="col">${this.L('definite')}</th><th scope="col">${this.L('possible')}</th><th scope="col">${this.L('total')}</th></tr></thead>
        <tbody>
          ${groupBySeverity(report.findings).map(({ severity }) => {
            const s = report.summary[severity];
            return html`<tr data-severity=${severity}>
              <th scope="row"><span class="badge sev-${severityToken(severity)}">${severityLabel(severity, this.locale)}</span></th>
              <td class="num" data-verdict="definite">${s.definite}</td>
              <td class="num" data-verdict="possible">${s.possible}</td>
              <td class="num">${s.definite + s.possible}</td>
            </tr>`;
          })}
        </tbody>
      </table>

      ${report.findings.length === 0 ? html`<p data-testid="no-findings">${this.L('noFindings')}</p>` : nothing}
      ${this.renderGroups(report)}

      <h4>${this.L('rulesUsed')}</h4>
      <table data-testid="report-rules">
        <thead><tr><th scope="col">${this.L('rule')}</th><th scope="col">${this.L('status')}</th><th scope="col">${this.L('params')}</th><th scope="col">${this.L('findings')}</th></tr></thead>
        <tbody>
          ${report.rules.map(
            (r) => html`<tr data-rule=${r.ruleId} data-status=${r.status}>
              <td lang="zh-CN">${r.title}</td>
              <td data-testid="rule-status">${ruleStatusLabel(r.status, this.locale)}</td>
              <td>${ruleParamsText(r)}${r.overridden.length > 0 ? html` <span class="badge changed">${this.L('userChanged')}</span>` : nothing}</td>
              <td class="num">${r.findings}</td>
            </tr>`,
          )}
        </tbody>
      </table>

      <h4>${this.L('layersUsed')}</h4>
      <table data-testid="report-layers">
        <thead><tr><th scope="col">${this.L('layer')}</th><th scope="col">${this.L('featureCount')}</th><th scope="col">${this.L('hash')}</th></tr></thead>
        <tbody>
          ${report.layers.map((l) => html`<tr data-layer=${l.name}><td>${layerNamer(this.importedLayers, this.locale)(l.name)}</td><td class="num">${l.featureCount}</td><td><code data-testid="layer-hash">${l.hash ?? '—'}</code></td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-conflict-report': ConflictReportView;
  }
}
