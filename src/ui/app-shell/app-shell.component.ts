import { LitElement, html, unsafeCSS, nothing } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { createMapView, MAP_CSS, BASEMAP_IDS } from '../../map/index';
import type { BasemapId, Lang, MapApi } from '../../map/index';
import { appShellStyles } from './app-shell.styles';
import { langFromUrl, t } from '../i18n';
import type { StringKey } from '../i18n';

const TIANDITU_KEY_STORAGE = 'gis.tiandituKey';

const BASEMAP_LABELS: Record<BasemapId, StringKey> = {
  offline: 'basemapOffline',
  osm: 'basemapOsm',
  'tianditu-vec': 'basemapTdtVec',
  'tianditu-img': 'basemapTdtImg',
};

function readStoredKey(): string {
  try {
    return localStorage.getItem(TIANDITU_KEY_STORAGE) ?? '';
  } catch (error: unknown) {
    console.warn('localStorage unavailable', error);
    return '';
  }
}

/** The application shell: header, side panel and the map. */
@customElement('gis-app')
export class AppShell extends LitElement {
  static override styles = [unsafeCSS(MAP_CSS), appShellStyles];

  @state() private uiLang: Lang = langFromUrl(new URL(window.location.href));
  @state() private basemap: BasemapId = 'offline';
  @state() private tiandituKey = readStoredKey();
  @state() private mapStatus: 'loading' | 'ready' | 'failed' = 'loading';
  @state() private mapError = '';
  @state() private placeLabels: string[] = [];
  @state() private basemapMessage = '';
  @query('#map') private mapHost!: HTMLDivElement;

  /** The map behind its interface; exposed for tests and other components. */
  readonly map: MapApi = createMapView();

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.uiLang;
  }

  override async firstUpdated(): Promise<void> {
    try {
      await this.map.mount(this.mapHost);
      this.mapStatus = 'ready';
      this.refreshPlaceLabels();
      this.map.onViewChange(() => this.refreshPlaceLabels());
    } catch (error: unknown) {
      this.mapStatus = 'failed';
      this.mapError = error instanceof Error ? error.message : String(error);
    }
  }

  override updated(): void {
    this.setAttribute('data-map', this.mapStatus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.map.destroy();
  }

  private refreshPlaceLabels(): void {
    this.placeLabels = this.map.renderedPlaceLabels();
  }

  private setLang(lang: Lang): void {
    this.uiLang = lang;
    document.documentElement.lang = lang;
    const url = new URL(window.location.href);
    if (lang === 'en') url.searchParams.set('lang', 'en');
    else url.searchParams.delete('lang');
    history.replaceState(null, '', url);
    if (this.mapStatus === 'ready') {
      this.map.setLanguage(lang);
      void this.map.whenIdle().then(() => this.refreshPlaceLabels());
    }
  }

  private chooseBasemap(id: BasemapId): void {
    this.basemapMessage = '';
    if (id.startsWith('tianditu') && this.tiandituKey.trim() === '') {
      this.basemapMessage = t('tiandituKeyMissing', this.uiLang);
      this.basemap = id;
      return;
    }
    this.basemap = id;
    this.map.setBasemap(id, { tiandituKey: this.tiandituKey.trim() });
  }

  private saveKey(value: string): void {
    this.tiandituKey = value;
    try {
      localStorage.setItem(TIANDITU_KEY_STORAGE, value.trim());
    } catch (error: unknown) {
      console.warn('could not store the Tianditu key', error);
    }
    if (this.basemap.startsWith('tianditu')) this.chooseBasemap(this.basemap);
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.uiLang);
    return html`
      <header>
        <h1>${t('productName', 'zh-CN')}<span class="en" lang="en">${t('productName', 'en')}</span></h1>
        <span class="spacer"></span>
        <label>
          ${L('language')}
          <select
            aria-label=${L('language')}
            @change=${(e: Event) => this.setLang((e.target as HTMLSelectElement).value === 'en' ? 'en' : 'zh-CN')}
          >
            <option value="zh-CN" ?selected=${this.uiLang === 'zh-CN'}>中文</option>
            <option value="en" ?selected=${this.uiLang === 'en'}>English</option>
          </select>
        </label>
      </header>
      <main>
        <aside aria-label=${L('layers')}>
          <h2>${L('layers')}</h2>
          <p>${L('layersPlaceholder')}</p>
          <h2>${L('basemap')}</h2>
          <label>
            <span class="sr-only">${L('basemap')}</span>
            <select
              aria-label=${L('basemap')}
              @change=${(e: Event) => this.chooseBasemap((e.target as HTMLSelectElement).value as BasemapId)}
            >
              ${BASEMAP_IDS.map((id) => html`<option value=${id} ?selected=${this.basemap === id}>${L(BASEMAP_LABELS[id])}</option>`)}
            </select>
          </label>
          ${this.basemap !== 'offline' ? html`<p class="warning">${L('onlineWarning')}</p>` : nothing}
          ${this.basemap.startsWith('tianditu')
            ? html`<form
                @submit=${(e: Event) => {
                  e.preventDefault();
                  const input = (e.target as HTMLFormElement).elements.namedItem('tk') as HTMLInputElement;
                  this.saveKey(input.value);
                }}
              >
                <label>${L('tiandituKey')} <input name="tk" autocomplete="off" .value=${this.tiandituKey} /></label>
                <button type="submit">${L('apply')}</button>
                <p class="notice">${L('tiandituKeyHelp')}</p>
              </form>`
            : nothing}
          ${this.basemapMessage ? html`<p class="warning" role="alert">${this.basemapMessage}</p>` : nothing}
          <h2>${L('placesOnMap')}</h2>
          <ul data-testid="place-list">
            ${this.placeLabels.map((n) => html`<li>${n}</li>`)}
          </ul>
          <p class="notice">${L('dataNotice')}</p>
        </aside>
        <div id="map" role="region" aria-label=${L('mapLabel')}>
          ${this.mapStatus === 'loading' ? html`<div class="map-status">${L('mapLoading')}</div>` : nothing}
          ${this.mapStatus === 'failed' ? html`<div class="map-status" role="alert">${L('mapFailed')}${this.mapError}</div>` : nothing}
        </div>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-app': AppShell;
  }
}
