import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Geometry } from 'geojson';
import type { Lang, MapApi } from '../../map/index';
import rulesJson from '../../../data/rules/rules.json';
import { groupBySeverity } from '../../core/conflicts/report';
import type { ConflictReport, Finding } from '../../core/conflicts/report';
import { reportToCsv, reportToGeoJson } from '../../core/conflicts/report-export';
import { parseRuleSet } from '../../core/conflicts/rule-schema';
import type { Rule, RuleSet } from '../../core/conflicts/rule-schema';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import { runCheckInWorker } from '../../workers/conflict-client';
import type { RunningCheck } from '../../workers/conflict-client';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import type { SelectFeatureDetail } from '../search/search.component';
import { sharedStyles } from '../shared-styles';
import { conflictPanelStyles } from './conflict-panel.styles';
import { t } from '../../i18n/localize';
import type { ConflictKey as ConflictStringKey } from '../../i18n/localize';
import { formatAreaM2Ha, formatDistance, formatShare, ruleParamsText, ruleStatusLabel, severityLabel, severityToken, verdictLabel } from './conflict-format';
import {
  CONFLICT_OVERLAY_LAYER,
  MAX_AREA_TOLERANCE_M2,
  MAX_DISTANCE_M,
  buildOverrides,
  defaultTexts,
  exportFileName,
  findingBbox,
  findingKey,
  hasDistance,
  overlayCollection,
  parseParamInput,
  toInputLayers,
} from './conflict-view-model';
import type { ParamError, RuleEdit } from './conflict-view-model';
import { openPrintableReport } from './conflict-print';

/** The bundled rule set (data/rules/rules.json), validated once. */
const RULES = parseRuleSet(rulesJson);

/** Findings listed per severity before "show more". */
const PAGE = 50;

/** State of the check. */
type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

const PARAM_ERRORS: Readonly<Record<ParamError, ConflictStringKey>> = {
  empty: 'errEmpty',
  'not-a-number': 'errNaN',
  negative: 'errNegative',
  'too-large': 'errTooLarge',
};

/**
 * The conflict check: the rule list (switch, editable parameters, severity, basis on demand), a
 * run button that sends every loaded layer to the conflict worker with the user's overrides,
 * progress and cancel, then the report grouped by severity with its findings drawn on the map,
 * CSV / GeoJSON downloads and a printable page. Clicking a feature name asks the shell to select
 * it (`select-feature`, as the search does).
 */
@customElement('gis-conflict-panel')
export class ConflictPanel extends LitElement {
  static override styles = [sharedStyles, conflictPanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** The catalog's loaded layers (every layer but the QA markers is checked). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /**
   * Further engine input layers checked with the catalog's (a hook for tests and for callers
   * that have layers outside the catalog).
   */
  @property({ attribute: false }) extraLayers: readonly InputLayer[] = [];

  @state() private edits: Record<string, RuleEdit> = {};
  @state() private phase: Phase = 'idle';
  @state() private progress: { done: number; total: number } = { done: 0, total: 0 };
  @state() private report: ConflictReport | null = null;
  @state() private message = '';
  @state() private focusKey: string | null = null;
  @state() private showOnMap = true;
  @state() private shown: Record<string, number> = {};
  @state() private rulesOpen = true;
  private running: RunningCheck | null = null;
  private geometryIndex: Map<string, Geometry> | null = null;

  /** The last report (null before the first completed check). */
  get lastReport(): ConflictReport | null {
    return this.report;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running?.cancel();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('layers') || changed.has('extraLayers')) this.geometryIndex = null;
    if (changed.has('map') && this.map && this.report) this.drawOverlay();
  }

  // ---- rules ---------------------------------------------------------------------------

  private L(key: ConflictStringKey, vars?: Record<string, string | number>): string {
    return t(`conflicts.${key}`, this.locale, vars);
  }

  private edit(ruleId: string, change: RuleEdit): void {
    this.edits = { ...this.edits, [ruleId]: { ...this.edits[ruleId], ...change } };
  }

  private enabledOf(rule: Rule): boolean {
    return this.edits[rule.id]?.enabled ?? rule.enabled;
  }

  private resetRules(): void {
    this.edits = {};
  }

  private paramField(rule: Rule, which: 'distance' | 'tolerance'): TemplateResult {
    const defaults = defaultTexts(rule);
    const e = this.edits[rule.id];
    const text = (which === 'distance' ? e?.distanceText : e?.toleranceText) ?? defaults[which];
    const max = which === 'distance' ? MAX_DISTANCE_M : MAX_AREA_TOLERANCE_M2;
    const parsed = parseParamInput(text, max);
    const errId = `err-${which}-${rule.id}`;
    const label = this.L(which === 'distance' ? 'distanceM' : 'toleranceM2');
    const param = which === 'distance' ? rule.params.distanceM : rule.params.areaToleranceM2;
    return html`<label>
      ${label}
      <input
        name=${which}
        inputmode="decimal"
        autocomplete="off"
        data-testid=${`param-${which}`}
        .value=${text}
        aria-invalid=${parsed.ok ? 'false' : 'true'}
        aria-describedby=${parsed.ok ? nothing : errId}
        title=${param ? `${param.kind === 'legal-value' ? this.L('legalValue') : this.L('configurableDefault')}${param.note ? `：${param.note}` : ''}` : ''}
        @input=${(ev: Event) => this.edit(rule.id, which === 'distance' ? { distanceText: (ev.target as HTMLInputElement).value } : { toleranceText: (ev.target as HTMLInputElement).value })}
      />
      ${parsed.ok ? nothing : html`<span class="field-error" id=${errId} role="alert">${this.L(PARAM_ERRORS[parsed.error], { max: max.toLocaleString('en') })}</span>`}
    </label>`;
  }

  private renderRule(rule: Rule, set: RuleSet): TemplateResult {
    const enabled = this.enabledOf(rule);
    const built = buildOverrides(set, { [rule.id]: this.edits[rule.id] ?? {} });
    const changed = built.ok ? built.overrides.length > 0 : true;
    const notes = [rule.params.distanceM, rule.params.areaToleranceM2].filter((p) => p?.note !== undefined);
    return html`<li class="rule" data-testid="conflict-rule" data-rule=${rule.id} data-enabled=${enabled ? 'true' : 'false'}>
      <div class="rule-head">
        <label>
          <input type="checkbox" data-testid="rule-enabled" .checked=${enabled} @change=${(ev: Event) => this.edit(rule.id, { enabled: (ev.target as HTMLInputElement).checked })} />
          <span class="rule-title">${rule.title}</span>
        </label>
        ${changed ? html`<span class="badge changed">${this.L('modified')}</span>` : nothing}
        <span class="badge sev-${severityToken(rule.severity)}">${severityLabel(rule.severity, this.locale)}</span>
      </div>
      <div class="params">
        ${hasDistance(rule) ? this.paramField(rule, 'distance') : nothing}
        ${rule.params.areaToleranceM2 !== undefined ? this.paramField(rule, 'tolerance') : nothing}
      </div>
      <details data-testid="rule-basis">
        <summary>${this.L('basis')}</summary>
        ${this.renderBasis(rule.basis)}
        ${notes.map((p) => html`<p class="muted">${this.L('paramNote')}：${p?.note}</p>`)}
        ${rule.notes ? html`<p class="muted">${rule.notes}</p>` : nothing}
      </details>
    </li>`;
  }

  private renderBasis(basis: Rule['basis']): TemplateResult {
    return html`<ul class="basis-list">
      ${basis.map(
        (b) => html`<li>
          <strong>${b.document}</strong>${b.docNumber ? html` ${b.docNumber}` : nothing}${b.article ? html` ${b.article}` : nothing}
          <span class="muted">（${this.L(b.textKind === 'quote' ? 'quote' : 'summary')}）</span>
          <blockquote>${b.text}</blockquote>
        </li>`,
      )}
    </ul>`;
  }

  // ---- running -------------------------------------------------------------------------

  /** Runs the check on every loaded layer with the current rule edits (ignored while one runs). */
  async run(): Promise<void> {
    if (!RULES.ok || this.running) return;
    const built = buildOverrides(RULES.value, this.edits);
    if (!built.ok) {
      this.phase = 'failed';
      this.message = this.L('fixFields');
      return;
    }
    const inputs = [...toInputLayers(this.layers), ...this.extraLayers];
    if (inputs.every((l) => l.features.length === 0)) {
      this.phase = 'failed';
      this.message = this.L('noLayers');
      return;
    }
    this.phase = 'running';
    this.message = this.L('running');
    this.progress = { done: 0, total: 0 };
    this.report = null;
    this.focusKey = null;
    this.shown = {};
    this.map?.setLayerData(CONFLICT_OVERLAY_LAYER, { type: 'FeatureCollection', features: [] });
    const running = runCheckInWorker(inputs, rulesJson, built.overrides, (done, total) => {
      if (this.running === running) this.progress = { done, total };
    });
    this.running = running;
    const result = await running.result;
    if (this.running !== running) return;
    this.running = null;
    if (result.ok) {
      this.report = result.report;
      this.phase = 'done';
      this.message = this.L('done', { n: result.report.findings.length });
      this.rulesOpen = false;
      this.drawOverlay();
    } else if (result.reason === 'cancelled') {
      this.phase = 'cancelled';
      this.message = this.L('cancelled');
    } else {
      this.phase = 'failed';
      this.message = `${this.L('failed')}${result.message}`;
    }
  }

  /** Stops a running check; the panel returns to idle with a "cancelled" message. */
  cancel(): void {
    this.running?.cancel();
  }

  // ---- map -----------------------------------------------------------------------------

  private geometryOf = (id: string): Geometry | undefined => {
    if (this.geometryIndex === null) {
      const index = new Map<string, Geometry>();
      for (const l of this.layers) for (const f of l.features) index.set(f.id, f.geometry);
      for (const l of this.extraLayers) {
        for (const f of l.features) {
          const fid: unknown = f.properties?.['id'];
          if (typeof fid === 'string' && f.geometry) index.set(fid, f.geometry);
        }
      }
      this.geometryIndex = index;
    }
    return this.geometryIndex.get(id);
  };

  private drawOverlay(): void {
    if (!this.map || !this.report) return;
    this.map.setLayerData(CONFLICT_OVERLAY_LAYER, overlayCollection(this.report, this.geometryOf, this.focusKey));
    this.map.setLayerVisibility(CONFLICT_OVERLAY_LAYER, this.showOnMap);
  }

  private setShowOnMap(show: boolean): void {
    this.showOnMap = show;
    this.map?.setLayerVisibility(CONFLICT_OVERLAY_LAYER, show);
  }

  /** Highlights a finding on the map and zooms to it (its overlap, else both features). */
  zoomToFinding(f: Finding): void {
    this.focusKey = findingKey(f);
    if (!this.showOnMap) this.setShowOnMap(true);
    this.drawOverlay();
    const box = findingBbox(f, this.geometryOf);
    if (!box || !this.map) return;
    const pad = Math.max((box[2] - box[0]) * 0.15, (box[3] - box[1]) * 0.15, 0.003);
    this.map.fitBounds([box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad]);
  }

  private selectFeature(id: string): void {
    this.dispatchEvent(new CustomEvent<SelectFeatureDetail>('select-feature', { detail: { id, zoom: true }, bubbles: true, composed: true }));
  }

  // ---- exports -------------------------------------------------------------------------

  private download(text: string, name: string, type: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private exportCsv(): void {
    if (this.report) this.download(reportToCsv(this.report), exportFileName(this.report.generatedAt, 'csv'), 'text/csv;charset=utf-8');
  }

  private exportGeoJson(): void {
    if (this.report) this.download(`${JSON.stringify(reportToGeoJson(this.report), null, 1)}\n`, exportFileName(this.report.generatedAt, 'geojson'), 'application/geo+json');
  }

  private print(): void {
    if (!this.report) return;
    if (openPrintableReport(this.report, this.locale) === null) this.message = this.L('popupBlocked');
  }

  // ---- report --------------------------------------------------------------------------

  private renderFeatureRef(ref: Finding['a'], testId: string): TemplateResult {
    return html`<button class="link" type="button" data-testid=${testId} data-feature=${ref.id} title=${this.L('selectFeature')} @click=${() => this.selectFeature(ref.id)}>${ref.name ?? ref.id}</button>`;
  }

  private renderFinding(f: Finding): TemplateResult {
    const key = findingKey(f);
    const area = f.relation === 'outside-of' ? f.outsideAreaM2 : f.overlapAreaM2;
    return html`<li class="finding" data-testid="conflict-finding" data-key=${key} data-rule=${f.ruleId} data-severity=${f.severity} data-verdict=${f.verdict} data-focus=${this.focusKey === key ? 'true' : 'false'}>
      <div class="finding-head">
        <span class="badge verdict-${f.verdict}" data-testid="finding-verdict">${verdictLabel(f.verdict, this.locale)}</span>
        <span class="finding-title">${f.ruleTitle}</span>
        <button type="button" data-testid="finding-zoom" @click=${() => this.zoomToFinding(f)}>${this.L('zoomTo')}</button>
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
      <p class="caveat" data-testid="finding-caveat"><span class="sr-only">${this.L('caveat')}：</span>${f.caveat}</p>
      <details>
        <summary>${this.L('basis')}</summary>
        ${this.renderBasis(f.basis)}
      </details>
    </li>`;
  }

  private renderReport(report: ConflictReport): TemplateResult {
    const groups = groupBySeverity(report.findings);
    return html`<section data-testid="conflict-report" aria-labelledby="report-h">
      <h3 id="report-h">${this.L('report')}</h3>
      <p class="report-meta">
        ${this.L('ruleSet')}: <span data-testid="report-ruleset">${report.ruleSet.id} v${report.ruleSet.version}</span> ·
        ${this.L('generatedAt')}: <span data-testid="report-time">${report.generatedAt}</span>
      </p>
      <div class="actions">
        <button type="button" data-testid="export-csv" @click=${() => this.exportCsv()}>${this.L('exportCsv')}</button>
        <button type="button" data-testid="export-geojson" @click=${() => this.exportGeoJson()}>${this.L('exportGeoJson')}</button>
        <button type="button" data-testid="print-report" @click=${() => this.print()}>${this.L('printReport')}</button>
      </div>
      <label class="toggle"><input type="checkbox" data-testid="show-on-map" .checked=${this.showOnMap} @change=${(e: Event) => this.setShowOnMap((e.target as HTMLInputElement).checked)} />${this.L('showOnMap')}</label>

      <h4>${this.L('summaryHeading')}</h4>
      <table data-testid="conflict-summary">
        <thead><tr><th scope="col">${this.L('severity')}</th><th scope="col">${this.L('definite')}</th><th scope="col">${this.L('possible')}</th><th scope="col">${this.L('total')}</th></tr></thead>
        <tbody>
          ${groups.map(({ severity }) => {
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
      ${groups
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
        })}

      <h4>${this.L('rulesUsed')}</h4>
      <table data-testid="report-rules">
        <thead><tr><th scope="col">${this.L('rule')}</th><th scope="col">${this.L('status')}</th><th scope="col">${this.L('params')}</th><th scope="col">${this.L('findings')}</th></tr></thead>
        <tbody>
          ${report.rules.map(
            (r) => html`<tr data-rule=${r.ruleId} data-status=${r.status}>
              <td>${r.title}</td>
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
          ${report.layers.map((l) => html`<tr data-layer=${l.name}><td>${l.name}</td><td class="num">${l.featureCount}</td><td><code data-testid="layer-hash">${l.hash ?? '—'}</code></td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }

  override render(): unknown {
    if (!RULES.ok) return html`<p class="status-msg error" role="alert">${this.L('rulesBad')}${RULES.message}</p>`;
    const set = RULES.value;
    const valid = buildOverrides(set, this.edits).ok;
    const running = this.phase === 'running';
    const { done, total } = this.progress;
    return html`
      <h2>${this.L('title')}</h2>
      <p class="muted">${this.L('intro')}</p>
      <p class="report-meta">${this.L('ruleSet')}: ${set.id} v${set.version}（${set.updated}）</p>
      <details class="rules-box" data-testid="rules-box" ?open=${this.rulesOpen} @toggle=${(e: Event) => (this.rulesOpen = (e.target as HTMLDetailsElement).open)}>
        <summary>
          <h3>${this.L('rulesHeading')}</h3>
          <span class="muted">${this.L('rulesCount', { n: set.rules.length, on: set.rules.filter((r) => this.enabledOf(r)).length })}</span>
        </summary>
        <ul class="rules">${set.rules.map((r) => this.renderRule(r, set))}</ul>
        ${Object.keys(this.edits).length > 0 ? html`<button type="button" data-testid="reset-rules" @click=${() => this.resetRules()}>${this.L('resetRules')}</button>` : nothing}
      </details>
      <div class="actions">
        <button type="button" class="primary" data-testid="conflict-run" ?disabled=${running || !valid} @click=${() => void this.run()}>${this.L('run')}</button>
        ${running ? html`<button type="button" data-testid="conflict-cancel" @click=${() => this.cancel()}>${this.L('cancel')}</button>` : nothing}
      </div>
      ${valid ? nothing : html`<p class="field-error">${this.L('fixFields')}</p>`}
      ${running
        ? html`<div class="progress">
            <progress data-testid="conflict-progress" aria-label=${this.L('progress')} max=${total > 0 ? total : nothing} value=${total > 0 ? done : nothing}></progress>
            <span class="muted" data-testid="conflict-progress-text">${total > 0 ? this.L('progressUnits', { done, total }) : ''}</span>
          </div>`
        : nothing}
      <p class="status-msg ${this.phase === 'failed' ? 'error' : ''}" data-testid="conflict-status" data-phase=${this.phase} role="status">${this.message}</p>
      ${this.report ? this.renderReport(this.report) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-conflict-panel': ConflictPanel;
  }
}
