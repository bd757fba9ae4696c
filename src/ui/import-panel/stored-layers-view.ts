import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Feature, Geometry } from 'geojson';
import type { Lang, MapApi } from '../../map/map-api';
import type { ExportFormat } from '../../core/io/index';
import type { ExportJobOptions } from '../../core/import-job/import-service';
import type { ImportSession } from '../../app/import/import-session';
import type { UserData } from '../../app/import/user-data';
import type { ComplianceSession } from '../../app/compliance/compliance-session';
import { bboxOf } from '../../core/geo/bbox';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import type { StoredLayer, UserCategory } from '../../core/model/user-layer';
import { CATEGORY_LABELS } from '../../i18n/labels';
import { userLayerId } from '../../core/model/layer-registry';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { SessionController } from './session-controller';

const EXPORT_FORMATS: ReadonlyArray<{ id: ExportFormat; label: ImportKey }> = [
  { id: 'geojson', label: 'fmtGeojson' },
  { id: 'kml', label: 'fmtKml' },
  { id: 'shapefile', label: 'fmtShapefile' },
  { id: 'coordinate-table', label: 'fmtTable' },
];

/** The CGCS2000 3° Gauss-Krüger zones a coordinate table may be written in (25–45: all of China). */
export const TABLE_ZONES: readonly number[] = Array.from({ length: 21 }, (_, i) => 25 + i);

const CATEGORY_COLOURS: Record<UserCategory, string> = {
  'project-boundary': '#6E1F63',
  'ecological-red-line': '#CC3311',
  'permanent-basic-farmland': '#5F5F1F',
  'urban-development-boundary': '#332288',
  other: '#1F6F99',
};

/** [w, s, e, n] of features; null when none has a finite extent. */
export function layerBbox(features: ReadonlyArray<Feature<Geometry, unknown>>): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const f of features) {
    const [w, s, e, n] = bboxOf(f.geometry);
    if (!Number.isFinite(w)) continue;
    box = box === null ? [w, s, e, n] : [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)];
  }
  return box;
}

/** The 3° zone a layer's coordinate table is written in by default: the zone of its centre (37 when unknown). */
export function defaultZone(layer: StoredLayer): number {
  const b = layer.large ? layer.large.bbox : layerBbox(layer.features);
  const zone = b ? Math.round((b[0] + b[2]) / 2 / 3) : 37;
  return TABLE_ZONES.includes(zone) ? zone : 37;
}

/** Zones the layer's extent reaches into, when more than one (a table in one zone stretches the others). */
export function spannedZones(layer: StoredLayer): number[] {
  const b = layer.large ? layer.large.bbox : layerBbox(layer.features);
  if (!b) return [];
  const west = Math.round(b[0] / 3);
  const east = Math.round(b[2] / 3);
  return west === east ? [] : Array.from({ length: east - west + 1 }, (_, i) => west + i);
}

/**
 * The stored (imported) layers: show/hide, rename, remove with confirmation, zoom to, export in four
 * formats and the compliance check. A view over the user's data and the import and compliance sessions.
 */
@customElement('gis-stored-layers')
export class StoredLayersView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The map (null until ready). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** The user's stored data. */
  @property({ attribute: false }) userData: UserData | null = null;
  /** The import session (exports run in its worker and show its progress). */
  @property({ attribute: false }) session: ImportSession | null = null;
  /** The compliance session. */
  @property({ attribute: false }) compliance: ComplianceSession | null = null;
  /** Every catalog layer (the compliance check's other side). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];

  @state() private confirmRemove: string | null = null;
  @state() private exportFormat: Record<string, ExportFormat> = {};
  @state() private exportZone: Record<string, number> = {};
  @state() private renaming: Record<string, string> = {};

  constructor() {
    super();
    new SessionController(this, () => this.userData);
    new SessionController(this, () => this.session);
    new SessionController(this, () => this.compliance);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ImportKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  private async rename(layer: StoredLayer): Promise<void> {
    if (!this.userData) return;
    if (await this.userData.rename(layer, this.renaming[layer.id] ?? '')) {
      const { [layer.id]: _done, ...rest } = this.renaming;
      this.renaming = rest;
    }
  }

  private async removeLayer(layer: StoredLayer): Promise<void> {
    this.confirmRemove = null;
    if (!this.userData) return;
    const ok = await this.userData.remove(layer);
    if (ok && this.compliance?.state.result?.layerId === userLayerId(layer)) this.compliance.clear();
  }

  private zoomTo(layer: StoredLayer): void {
    const b = layer.large ? layer.large.bbox : layerBbox(layer.features);
    if (b && this.map) this.map.fitBounds([b[0] - 0.002, b[1] - 0.002, b[2] + 0.002, b[3] + 0.002]);
  }

  private async exportLayer(layer: StoredLayer): Promise<void> {
    const format = this.exportFormat[layer.id] ?? 'geojson';
    const options: ExportJobOptions = format === 'coordinate-table' ? { name: layer.name, zone: this.exportZone[layer.id] ?? defaultZone(layer), zoneWidth: 3 } : { name: layer.name };
    await this.session?.exportLayer(layer, format, options);
  }

  private renderLayer(layer: StoredLayer): TemplateResult {
    const L = this.L.bind(this);
    const catalogId = userLayerId(layer);
    const format = this.exportFormat[layer.id] ?? 'geojson';
    const renameValue = this.renaming[layer.id];
    const busy = this.session?.state.job != null;
    return html`<li data-testid="user-layer" data-layer-id=${layer.id} data-catalog-id=${catalogId}>
      <div class="row">
        <label class="row">
          <input type="checkbox" data-testid="user-layer-visible" .checked=${layer.visible} @change=${(e: Event) => void this.userData?.setVisible(layer, (e.target as HTMLInputElement).checked)} />
          <span class="swatch" style="border-color:${CATEGORY_COLOURS[layer.category]}" aria-hidden="true"></span>
          <span class="name" data-testid="user-layer-name">${layer.name}</span>
          <span class="sr-only">${L('show')}</span>
        </label>
        <span class="muted">${CATEGORY_LABELS[layer.category][this.locale]} · ${L('featuresN', { n: layer.large?.featureCount ?? layer.features.length })}</span>
      </div>
      <div class="row">
        <button type="button" data-testid="zoom-layer" @click=${() => this.zoomTo(layer)}>${L('zoomTo')}</button>
        <button type="button" data-testid="compliance-button" ?disabled=${this.compliance?.state.running != null}
          @click=${() => void this.compliance?.run(layer, this.layers, this.userData?.state.content.layers ?? [])}>${L('compliance')}</button>
        ${this.confirmRemove === layer.id
          ? html`<span role="alert">${L('confirmRemove', { name: layer.name })}</span>
              <button type="button" class="danger" data-testid="confirm-remove" @click=${() => void this.removeLayer(layer)}>${L('yes')}</button>
              <button type="button" @click=${() => (this.confirmRemove = null)}>${L('no')}</button>`
          : html`<button type="button" data-testid="remove-layer" @click=${() => (this.confirmRemove = layer.id)}>${L('remove')}</button>`}
      </div>
      <div class="row">
        <label>${L('rename')}
          <input data-testid="rename-input" .value=${renameValue ?? layer.name}
            @input=${(e: Event) => (this.renaming = { ...this.renaming, [layer.id]: (e.target as HTMLInputElement).value })}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && void this.rename(layer)} />
        </label>
        <button type="button" data-testid="rename-save" ?disabled=${renameValue === undefined || renameValue.trim() === '' || renameValue.trim() === layer.name} @click=${() => void this.rename(layer)}>${L('save')}</button>
      </div>
      <div class="row">
        <label>${L('exportAs')}
          <select data-testid="export-format" @change=${(e: Event) => (this.exportFormat = { ...this.exportFormat, [layer.id]: (e.target as HTMLSelectElement).value as ExportFormat })}>
            ${EXPORT_FORMATS.map((f) => html`<option value=${f.id} ?selected=${f.id === format}>${L(f.label)}</option>`)}
          </select>
        </label>
        ${format === 'coordinate-table'
          ? html`<label>${L('tableZone')}
              <select data-testid="export-zone" @change=${(e: Event) => (this.exportZone = { ...this.exportZone, [layer.id]: Number((e.target as HTMLSelectElement).value) })}>
                ${TABLE_ZONES.map((z) => html`<option value=${z} ?selected=${z === (this.exportZone[layer.id] ?? defaultZone(layer))}>${z}（${z * 3}°E）</option>`)}
              </select>
            </label>
            ${spannedZones(layer).length > 0
              ? html`<p class="warn" data-testid="export-zone-warning">${t('import.zonesSpanned', this.locale, { zones: spannedZones(layer).join('、') })}</p>`
              : nothing}`
          : nothing}
        <button type="button" data-testid="export-button" ?disabled=${busy} @click=${() => void this.exportLayer(layer)}>${L('exportButton')}</button>
      </div>
    </li>`;
  }

  override render(): unknown {
    const layers = this.userData?.state.content.layers ?? [];
    return html`<h3>${this.L('storedLayers')}</h3>
      ${layers.length === 0
        ? html`<p class="muted" data-testid="no-user-layers">${this.L('noStored')}</p>`
        : html`<ul class="layers" data-testid="user-layers">${layers.map((l) => this.renderLayer(l))}</ul>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-stored-layers': StoredLayersView;
  }
}
