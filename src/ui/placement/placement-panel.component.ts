import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, LonLat, MapApi } from '../../map/map-api';
import type { CatalogStore } from '../../app/catalog/catalog-store';
import type { PlacementProblem, PlacementResult, PlacementSession, PositionSource } from '../../app/placement/placement-session';
import { parseLayer } from '../../app/catalog/catalog-load';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { parseGaussKruger, parseLonLat } from '../../core/geo/parse-position';
import type { PositionProblem } from '../../core/geo/parse-position';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { downloadBlob } from '../download';

/** The layers a placement rebuilds (every layer the pipeline builds). */
const REBUILT_LAYERS = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'] as const;

let sessionPromise: Promise<PlacementSession> | null = null;

/** The page's one placement session, loaded on first use (keeps the pipeline code out of the first load). */
export function placementSession(): Promise<PlacementSession> {
  sessionPromise ??= import('../../app/placement/placement-session').then((m) => new m.PlacementSession());
  return sessionPromise;
}

/**
 * Rebuilds the layers with the placements kept from earlier visits (none: nothing is loaded or rebuilt) and hands
 * them to the store. Resolves with whether any placement was applied.
 */
export async function restorePlacements(store: CatalogStore): Promise<boolean> {
  const session = await placementSession();
  const r = await session.restore();
  if (r === null || !r.ok) return false;
  store.replacePipelineLayers(REBUILT_LAYERS.map((id) => parseLayer(id, { type: 'FeatureCollection', features: r.build.layers[id] })));
  return true;
}

/**
 * "定位 / Place": put the selected text-derived feature where it belongs by typing its position (WGS84 decimal or
 * 度分秒, or CGCS2000 Gauss-Krüger X/Y with the zone prefix or a zone), with the source of the position and its
 * precision. The placement session rebuilds every layer from the records; the catalog store takes the result, so
 * every shape derived from that place follows. Undo, redo and the overrides file are here too.
 */
@customElement('gis-placement')
export class PlacementPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; font-size: 0.85rem; border-top: 1px solid #ddd; padding-top: 0.4rem; margin-top: 0.4rem; }
      .row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; margin: 0.25rem 0; }
      label { display: flex; flex-direction: column; gap: 0.1rem; }
      input { width: 9rem; }
      .problem { color: #b00020; }
      .done { color: #1b5e20; }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) feature: ViewerFeature | null = null;
  @property({ attribute: false }) store: CatalogStore | null = null;
  /** The map, for dragging the anchor (null: typed positions only). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** Replaceable in tests. */
  @property({ attribute: false }) session: (() => Promise<PlacementSession>) = placementSession;

  @state() private mode: 'lonlat' | 'gauss-kruger' = 'gauss-kruger';
  @state() private a = '';
  @state() private b = '';
  @state() private zone = '';
  @state() private source: PositionSource = 'surveyed';
  @state() private precision = '5';
  @state() private note = '';
  @state() private message: { key: MessageKey; vars: Record<string, string | number>; bad: boolean } | null = null;
  @state() private busy = false;
  @state() private canUndo = false;
  @state() private canRedo = false;
  @state() private exported = '';
  @state() private dragging = false;

  private L(key: MessageKey, vars?: Record<string, string | number>): string {
    return t(key, this.locale, vars);
  }

  private positionProblem(p: PositionProblem): void {
    this.message = { key: `placeProblem_${p.code.replace('position-', '').replace(/-/g, '_')}` as MessageKey, vars: 'params' in p ? { ...(p.params as Record<string, string | number>) } : {}, bad: true };
  }

  private placementProblem(p: PlacementProblem): void {
    this.message = { key: 'placeFailed', vars: { code: p.code, detail: 'params' in p ? Object.values(p.params).join(' ') : '' }, bad: true };
  }

  private async finish(session: PlacementSession, r: PlacementResult): Promise<void> {
    this.busy = false;
    this.canUndo = session.state.canUndo;
    this.canRedo = session.state.canRedo;
    if (!r.ok) {
      this.placementProblem(r.problem);
      return;
    }
    const layers = REBUILT_LAYERS.map((id) => parseLayer(id, { type: 'FeatureCollection', features: r.build.layers[id] }));
    this.store?.replacePipelineLayers(layers);
    this.dispatchEvent(new CustomEvent('placed', { bubbles: true, composed: true }));
    await this.updateComplete;
  }

  private async apply(): Promise<void> {
    const f = this.feature;
    if (!f || f.props.recordId === null) return;
    const zone = this.zone.trim() === '' ? null : Number(this.zone);
    const pos = this.mode === 'lonlat' ? parseLonLat(this.a, this.b) : parseGaussKruger(this.a, this.b, zone);
    if (!pos.ok) {
      this.positionProblem(pos.problem);
      return;
    }
    await this.placeAt(pos.lon, pos.lat);
  }

  /** Places the feature's target at `lon`, `lat` with the source and precision of the form. */
  private async placeAt(lon: number, lat: number): Promise<void> {
    const f = this.feature;
    if (!f || f.props.recordId === null) return;
    const precisionM = Number(this.precision);
    if (this.precision.trim() === '' || !Number.isFinite(precisionM) || precisionM < 0) {
      this.message = { key: 'placePrecisionBad', vars: {}, bad: true };
      return;
    }
    this.busy = true;
    this.message = null;
    const session = await this.session();
    const target = await session.targetFor(f.props.recordId);
    if (target === null) {
      this.busy = false;
      this.message = { key: 'placeNoTarget', vars: {}, bad: true };
      return;
    }
    const r = await session.place(target, lon, lat, precisionM, this.source, this.note);
    await this.finish(session, r);
    if (r.ok) this.message = { key: 'placeDone', vars: { lon: lon.toFixed(6), lat: lat.toFixed(6), n: precisionM }, bad: false };
    if (this.dragging) this.map?.setDraggableAnchor?.([lon, lat], (p) => void this.onDrop(p));
  }

  private onDrop(p: LonLat): void {
    this.mode = 'lonlat';
    this.a = p[0].toFixed(7);
    this.b = p[1].toFixed(7);
    void this.placeAt(p[0], p[1]);
  }

  /** Shows (or removes) the draggable anchor marker at the feature's anchor. */
  private toggleDrag(): void {
    const anchor = this.feature?.props.anchor;
    if (this.dragging || !anchor || !this.map?.setDraggableAnchor) {
      this.map?.setDraggableAnchor?.(null);
      this.dragging = false;
      return;
    }
    this.map.setDraggableAnchor([anchor.lon, anchor.lat], (p) => void this.onDrop(p));
    this.dragging = true;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const before = changed.get('feature') as ViewerFeature | null | undefined;
    if (this.dragging && before !== undefined && before?.props.recordId !== this.feature?.props.recordId) {
      this.map?.setDraggableAnchor?.(null);
      this.dragging = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.dragging) this.map?.setDraggableAnchor?.(null);
    this.dragging = false;
  }

  private async step(kind: 'undo' | 'redo'): Promise<void> {
    this.busy = true;
    const session = await this.session();
    const r = kind === 'undo' ? await session.undo() : await session.redo();
    await this.finish(session, r);
    if (r.ok) this.message = { key: kind === 'undo' ? 'placeUndone' : 'placeRedone', vars: {}, bad: false };
  }

  private async exportFile(): Promise<void> {
    const session = await this.session();
    this.exported = session.exportOverrides();
    downloadBlob(new Blob([this.exported], { type: 'application/json' }), 'overrides.json');
  }

  private async importFile(file: File): Promise<void> {
    this.busy = true;
    const session = await this.session();
    const r = await session.importOverrides(await file.text());
    await this.finish(session, r);
    if (r.ok) this.message = { key: 'placeImported', vars: { n: session.state.overrides.length }, bad: false };
  }

  override render(): unknown {
    const f = this.feature;
    if (!f) return nothing;
    const L = this.L.bind(this);
    const input = (label: string, value: string, set: (v: string) => void, id: string): unknown =>
      html`<label>${label}<input data-testid=${id} .value=${value} @input=${(e: Event) => set((e.target as HTMLInputElement).value)} /></label>`;
    return html`
      <section data-testid="placement" aria-label=${L('placeTitle')}>
        <h3>${L('placeTitle')}</h3>
        <p class="muted">${L('placeHelp')}</p>
        <div class="row">
          <label>${L('placeMode')}
            <select data-testid="place-mode" @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value === 'lonlat' ? 'lonlat' : 'gauss-kruger')}>
              <option value="gauss-kruger" ?selected=${this.mode === 'gauss-kruger'}>${L('placeModeGk')}</option>
              <option value="lonlat" ?selected=${this.mode === 'lonlat'}>${L('placeModeLonLat')}</option>
            </select>
          </label>
        </div>
        <div class="row">
          ${this.mode === 'lonlat'
            ? html`${input(L('placeLon'), this.a, (v) => (this.a = v), 'place-a')}${input(L('placeLat'), this.b, (v) => (this.b = v), 'place-b')}`
            : html`${input(L('placeX'), this.a, (v) => (this.a = v), 'place-a')}${input(L('placeY'), this.b, (v) => (this.b = v), 'place-b')}${input(L('placeZone'), this.zone, (v) => (this.zone = v), 'place-zone')}`}
        </div>
        <div class="row">
          <label>${L('placeSource')}
            <select data-testid="place-source" @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value as PositionSource)}>
              <option value="surveyed" ?selected=${this.source === 'surveyed'}>${L('placeSourceSurveyed')}</option>
              <option value="imagery" ?selected=${this.source === 'imagery'}>${L('placeSourceImagery')}</option>
              <option value="local-knowledge" ?selected=${this.source === 'local-knowledge'}>${L('placeSourceLocal')}</option>
            </select>
          </label>
          ${input(L('placePrecision'), this.precision, (v) => (this.precision = v), 'place-precision')}
          ${input(L('placeNote'), this.note, (v) => (this.note = v), 'place-note')}
        </div>
        ${this.map?.setDraggableAnchor && f.props.anchor
          ? html`<div class="row">
              <button type="button" data-testid="place-drag" aria-pressed=${this.dragging ? 'true' : 'false'} ?disabled=${this.busy} @click=${() => this.toggleDrag()}>
                ${L(this.dragging ? 'draw.dragStop' : 'draw.dragStart')}</button>
            </div>
            ${this.dragging ? html`<p class="muted">${L('draw.dragHelp')}</p>` : nothing}`
          : nothing}
        <div class="row">
          <button type="button" data-testid="place-apply" ?disabled=${this.busy} @click=${() => void this.apply()}>${L('placeApply')}</button>
          <button type="button" data-testid="place-undo" ?disabled=${this.busy || !this.canUndo} @click=${() => void this.step('undo')}>${L('placeUndo')}</button>
          <button type="button" data-testid="place-redo" ?disabled=${this.busy || !this.canRedo} @click=${() => void this.step('redo')}>${L('placeRedo')}</button>
          <button type="button" data-testid="place-export" @click=${() => void this.exportFile()}>${L('placeExport')}</button>
          <label>${L('placeImport')}<input type="file" accept=".json" data-testid="place-import" @change=${(e: Event) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void this.importFile(file);
          }} /></label>
        </div>
        ${this.busy ? html`<p role="status">${L('placeBusy')}</p>` : nothing}
        ${this.message ? html`<p role="status" data-testid="place-message" class=${this.message.bad ? 'problem' : 'done'}>${L(this.message.key, this.message.vars)}</p>` : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-placement': PlacementPanel;
  }
}
