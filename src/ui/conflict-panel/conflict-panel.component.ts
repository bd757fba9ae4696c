import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Geometry } from 'geojson';
import type { Lang, MapApi } from '../../map/map-api';
import { ConflictSession } from '../../app/conflicts/conflict-session';
import type { ConflictFailure, ConflictSessionState } from '../../app/conflicts/conflict-session';
import type { ConflictReport, Finding } from '../../core/conflicts/report';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import type { NamedLayer } from '../print-view/layer-names';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import { sharedStyles } from '../shared-styles';
import { conflictPanelStyles } from './conflict-panel.styles';
import { t } from '../../i18n/localize';
import type { ConflictKey } from '../../i18n/localize';
import { CONFLICT_OVERLAY_LAYER, buildOverrides, findingBbox, findingKey, overlayCollection, toInputLayers } from './conflict-view-model';
import type { RuleEdit } from './conflict-view-model';
import type { RuleEditDetail } from './conflict-rules-view';
import './conflict-rules-view';
import './conflict-report-view';

/**
 * The conflict check: the rule list (switch, editable parameters, severity, basis on demand), a run button
 * that checks every loaded layer in the conflict worker (through the conflict session in src/app) with the
 * user's overrides, progress and cancel, then the report with its findings drawn on the map. Clicking a
 * feature name asks the shell to select it (`select-feature`, as the search does).
 */
@customElement('gis-conflict-panel')
export class ConflictPanel extends LitElement {
  static override styles = [sharedStyles, conflictPanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** The catalog's loaded layers (every layer but the QA markers is checked). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /** Further engine input layers checked with the catalog's (a hook for tests and for callers with layers outside the catalog). */
  @property({ attribute: false }) extraLayers: readonly InputLayer[] = [];
  /** The user's imported layers (id, category, name): the report names them by their names. */
  @property({ attribute: false }) importedLayers: readonly NamedLayer[] = [];
  /** The session the panel shows (replaceable in tests). */
  @property({ attribute: false }) session: ConflictSession = new ConflictSession();

  @state() private edits: Record<string, RuleEdit> = {};
  @state() private sessionState: ConflictSessionState = this.session.get();
  /** A message of the panel itself (fields to fix, a blocked pop-up), shown instead of the session's until the next run. */
  @state() private notice: { key: ConflictKey; error: boolean } | null = null;
  @state() private focusKey: string | null = null;
  @state() private showOnMap = true;
  @state() private rulesOpen = true;
  private unsubscribe: (() => void) | null = null;
  private geometryIndex: Map<string, Geometry> | null = null;

  /** The last report (null before the first completed check). */
  get lastReport(): ConflictReport | null {
    return this.sessionState.report;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow(this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session.cancel();
  }

  private follow(session: ConflictSession): void {
    this.unsubscribe?.();
    this.sessionState = session.get();
    this.unsubscribe = session.subscribe((s) => this.onSession(s));
    void session.loadRules();
  }

  private onSession(s: ConflictSessionState): void {
    const finished = s.phase === 'done' && this.sessionState.phase !== 'done';
    this.sessionState = s;
    if (finished) {
      this.rulesOpen = false;
      this.drawOverlay();
    }
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session') && changed.get('session') !== undefined && this.isConnected) this.follow(this.session);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('layers') || changed.has('extraLayers')) this.geometryIndex = null;
    if (changed.has('map') && this.map && this.sessionState.report) this.drawOverlay();
  }

  private L(key: ConflictKey, vars?: Record<string, string | number>): string {
    return t(`conflicts.${key}`, this.locale, vars);
  }

  /** Runs the check on every loaded layer with the current rule edits (ignored while one runs). */
  async run(): Promise<void> {
    const rules = this.sessionState.rules;
    if (this.sessionState.phase === 'running') return;
    if (rules) {
      const built = buildOverrides(rules, this.edits);
      if (!built.ok) {
        this.notice = { key: 'fixFields', error: true };
        return;
      }
    }
    this.notice = null;
    this.focusKey = null;
    this.map?.setLayerData(CONFLICT_OVERLAY_LAYER, { type: 'FeatureCollection', features: [] });
    const inputs = [...toInputLayers(this.layers), ...this.extraLayers];
    const overrides = (): ReturnType<typeof buildOverrides> => (this.sessionState.rules ? buildOverrides(this.sessionState.rules, this.edits) : { ok: true, overrides: [] });
    const built = overrides();
    await this.session.run(inputs, built.ok ? built.overrides : []);
  }

  /** Stops a running check; the panel returns to idle with a "cancelled" message. */
  cancel(): void {
    this.session.cancel();
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
    const report = this.sessionState.report;
    if (!this.map || !report) return;
    this.map.setLayerData(CONFLICT_OVERLAY_LAYER, overlayCollection(report, this.geometryOf, this.focusKey));
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

  // ---- rendering -----------------------------------------------------------------------

  private failureText(f: ConflictFailure | null): string {
    if (f === null) return this.L('failed');
    switch (f.code) {
      case 'no-layers':
        return this.L('noLayers');
      case 'rules-unavailable':
        return `${this.L('rulesBad')}${f.detail}`;
      case 'engine':
      case 'worker-error':
        return `${this.L('failed')}${f.detail}`;
    }
  }

  private statusText(s: ConflictSessionState): string {
    if (this.notice) return this.L(this.notice.key);
    switch (s.phase) {
      case 'idle':
        return '';
      case 'running':
        return this.L('running');
      case 'done':
        return this.L('done', { n: s.report?.findings.length ?? 0 });
      case 'cancelled':
        return this.L('cancelled');
      case 'failed':
        return this.failureText(s.failure);
    }
  }

  override render(): unknown {
    const s = this.sessionState;
    const set = s.rules;
    if (!set && s.rulesFailure) return html`<p class="status-msg error" role="alert">${this.L('rulesBad')}${s.rulesFailure.detail}</p>`;
    const valid = set ? buildOverrides(set, this.edits).ok : true;
    const running = s.phase === 'running';
    const { done, total } = s.progress;
    const failed = this.notice?.error === true || (this.notice === null && s.phase === 'failed');
    return html`
      <h2>${this.L('title')}</h2>
      <p class="muted">${this.L('intro')}</p>
      ${set ? html`<p class="report-meta">${this.L('ruleSet')}: <code>${set.id}</code> v${set.version}（${set.updated}）</p>` : nothing}
      <gis-conflict-rules .locale=${this.locale} .rules=${set} .edits=${this.edits} ?open=${this.rulesOpen}
        @rules-toggle=${(e: CustomEvent<boolean>) => (this.rulesOpen = e.detail)}
        @rule-edit=${(e: CustomEvent<RuleEditDetail>) => (this.edits = { ...this.edits, [e.detail.ruleId]: { ...this.edits[e.detail.ruleId], ...e.detail.change } })}
        @rules-reset=${() => (this.edits = {})}></gis-conflict-rules>
      <div class="actions">
        <button type="button" class="primary" data-testid="conflict-run" ?disabled=${running || !valid || !set} @click=${() => void this.run()}>${this.L('run')}</button>
        ${running ? html`<button type="button" data-testid="conflict-cancel" @click=${() => this.cancel()}>${this.L('cancel')}</button>` : nothing}
      </div>
      ${valid ? nothing : html`<p class="field-error">${this.L('fixFields')}</p>`}
      ${running
        ? html`<div class="progress">
            <progress data-testid="conflict-progress" aria-label=${this.L('progress')} max=${total > 0 ? total : nothing} value=${total > 0 ? done : nothing}></progress>
            <span class="muted" data-testid="conflict-progress-text">${total > 0 ? this.L('progressUnits', { done, total }) : ''}</span>
          </div>`
        : nothing}
      <p class="status-msg ${failed ? 'error' : ''}" data-testid="conflict-status" data-phase=${this.notice?.error ? 'failed' : s.phase} role="status">${this.statusText(s)}</p>
      <gis-conflict-report .locale=${this.locale} .report=${s.report} .importedLayers=${this.importedLayers} .focusKey=${this.focusKey} ?showOnMap=${this.showOnMap}
        @finding-zoom=${(e: CustomEvent<Finding>) => this.zoomToFinding(e.detail)}
        @show-on-map=${(e: CustomEvent<boolean>) => this.setShowOnMap(e.detail)}
        @report-notice=${() => (this.notice = { key: 'popupBlocked', error: false })}></gis-conflict-report>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-conflict-panel': ConflictPanel;
  }
}
