import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { BASEMAP_IDS } from '../../map/map-api';
import type { BasemapId, Lang, MapApi } from '../../map/map-api';
import type { CatalogState } from '../../app/catalog/catalog-store';
import { isUserLayerId } from '../../core/model/layer-registry';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';
import { layerLabel } from '../layer-label';
import type { LayerEntry } from '../layer-panel/layer-panel.component';

const TIANDITU_KEY_STORAGE = 'gis.tiandituKey';
/** Where the 审图号 the user configured for Tianditu is kept between visits. */
const TIANDITU_REVIEW_STORAGE = 'gis.tiandituReview';

const BASEMAP_LABELS: Record<BasemapId, MessageKey> = {
  offline: 'basemapOffline',
  osm: 'basemapOsm',
  'tianditu-vec': 'basemapTdtVec',
  'tianditu-img': 'basemapTdtImg',
};

function readStoredKey(item = TIANDITU_KEY_STORAGE): string {
  try {
    return localStorage.getItem(item) ?? '';
  } catch (error: unknown) {
    console.warn('localStorage unavailable', error);
    return '';
  }
}

/** Rows of the layer list: the catalog's layers (the QA markers only when there are some), not the user's imported ones. */
export function layerEntries(state: CatalogState | null): LayerEntry[] {
  return (state?.layers ?? [])
    .filter((l) => (l.features.length > 0 || l.id !== 'qa') && !isUserLayerId(l.id))
    .map((l) => ({ id: l.id, label: layerLabel(l.id), count: l.features.length, visible: state?.visibility[l.id] !== false, opacity: state?.opacity[l.id] ?? 1 }));
}

/**
 * The layers tab: load state and data errors, the layer list (its `layer-visibility` / `layer-opacity` events
 * bubble to the shell), the basemap choice with the Tianditu key, and the place names on screen. Rendered in
 * light DOM so that the shell's styles apply.
 */
@customElement('gis-shell-layers')
export class ShellLayersView extends LitElement {
  @property() locale: Lang = 'zh-CN';
  /** The catalog store's state (null while loading). */
  @property({ attribute: false }) catalog: CatalogState | null = null;
  @property({ attribute: false }) map: MapApi | null = null;
  /** Place labels drawn on the map now (the map's text alternative). */
  @property({ attribute: false }) placeLabels: readonly string[] = [];

  @state() private basemap: BasemapId = 'offline';
  /** The stored Tianditu key, read from storage when a Tianditu basemap is first chosen (null until then). */
  @state() private tiandituKey: string | null = null;
  /** The stored 审图号 for Tianditu, read with the key. */
  @state() private reviewNumber = '';
  @state() private basemapMessage = '';
  /** Name of the user's own offline basemap (PMTiles) now open, or null. */
  @state() private userBasemap: string | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private chooseBasemap(id: BasemapId): void {
    this.basemapMessage = '';
    if (this.tiandituKey === null) {
      this.tiandituKey = readStoredKey();
      this.reviewNumber = readStoredKey(TIANDITU_REVIEW_STORAGE);
    }
    const key = this.tiandituKey.trim();
    this.basemap = id;
    if (id.startsWith('tianditu') && key === '') {
      this.basemapMessage = t('tiandituKeyMissing', this.locale);
      return;
    }
    const review = this.reviewNumber.trim();
    this.map?.setBasemap(id, id.startsWith('tianditu') ? { tiandituKey: key, reviewNumber: review } : { tiandituKey: key });
  }

  /** Opens a PMTiles file the user picked as the basemap (kept between visits by the map), or closes it (null). */
  async openUserBasemap(file: File | null): Promise<void> {
    this.basemapMessage = '';
    const map = this.map;
    if (map?.setUserBasemap === undefined) return;
    try {
      const info = await map.setUserBasemap(file, file?.name);
      this.userBasemap = info === null ? null : (file?.name ?? null);
    } catch (error: unknown) {
      const e = error as { message?: unknown; messageEn?: unknown };
      const text = this.locale === 'en' && typeof e.messageEn === 'string' ? e.messageEn : typeof e.message === 'string' ? e.message : String(error);
      this.basemapMessage = t('userBasemapFailed', this.locale, { reason: text });
    }
  }

  private saveKey(value: string, review: string): void {
    this.tiandituKey = value;
    this.reviewNumber = review;
    try {
      localStorage.setItem(TIANDITU_KEY_STORAGE, value.trim());
      localStorage.setItem(TIANDITU_REVIEW_STORAGE, review.trim());
    } catch (error: unknown) {
      console.warn('could not store the Tianditu key', error);
    }
    if (this.basemap.startsWith('tianditu')) this.chooseBasemap(this.basemap);
  }

  override render(): unknown {
    const L = (k: MessageKey): string => t(k, this.locale);
    const errors = this.catalog?.layers.flatMap((l) => l.errors) ?? [];
    const loaded = this.catalog?.loaded === true;
    return html`
      <h2>${L('tabLayers')}</h2>
      ${loaded ? nothing : html`<p>${L('dataLoading')}</p>`}
      ${this.catalog?.sample ? html`<p class="warning" data-testid="sample-notice">${L('dataSample')}</p>` : nothing}
      ${errors.length > 0
        ? html`<div class="warning" role="alert" data-testid="data-errors">${L('dataError')}<ul>${errors.slice(0, 20).map((e) => html`<li>${e}</li>`)}</ul></div>`
        : nothing}
      <gis-layer-panel .locale=${this.locale} .entries=${layerEntries(this.catalog)}></gis-layer-panel>
      <h2>${L('basemap')}</h2>
      <label>
        <span class="sr-only">${L('basemap')}</span>
        <select data-testid="basemap-select" aria-label=${L('basemap')} @change=${(e: Event) => this.chooseBasemap((e.target as HTMLSelectElement).value as BasemapId)}>
          ${BASEMAP_IDS.map((id) => html`<option value=${id} ?selected=${this.basemap === id}>${L(BASEMAP_LABELS[id])}</option>`)}
        </select>
      </label>
      ${this.basemap !== 'offline' ? html`<p class="warning">${L('onlineWarning')}</p>` : nothing}
      ${this.basemap.startsWith('tianditu')
        ? html`<form
            @submit=${(e: Event) => {
              e.preventDefault();
              const form = e.target as HTMLFormElement;
              const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
              this.saveKey(field('tk'), field('review'));
            }}
          >
            <label>${L('tiandituKey')} <input name="tk" autocomplete="off" .value=${this.tiandituKey ?? ''} /></label>
            <label>${L('ground.tiandituReview')} <input name="review" data-testid="tianditu-review" autocomplete="off" placeholder="GS(2024)0650号" .value=${this.reviewNumber} /></label>
            <p class="notice">${L('ground.tiandituReviewHelp')}</p>
            <button type="submit" data-testid="tianditu-apply">${L('apply')}</button>
            <p class="notice">${L('tiandituKeyHelp')}</p>
          </form>`
        : nothing}
      ${this.map?.setUserBasemap !== undefined
        ? html`<label>${L('userBasemapPick')}
              <input type="file" accept=".pmtiles" data-testid="user-basemap" @change=${(e: Event) => {
                const file = (e.target as HTMLInputElement).files?.[0];
                if (file) void this.openUserBasemap(file);
              }} /></label>
            ${this.userBasemap !== null
              ? html`<p data-testid="user-basemap-name">${L('userBasemapOpen')} <code>${this.userBasemap}</code>
                  <button type="button" @click=${() => void this.openUserBasemap(null)}>${L('userBasemapRemove')}</button></p>`
              : nothing}`
        : nothing}
      ${this.basemapMessage ? html`<p class="warning" role="alert">${this.basemapMessage}</p>` : nothing}
      <h2>${L('placesOnMap')}</h2>
      <ul data-testid="place-list" class="places">
        ${this.placeLabels.map((n) => html`<li>${n}</li>`)}
      </ul>
      <p class="notice">${L('dataNotice')}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-shell-layers': ShellLayersView;
  }
}
