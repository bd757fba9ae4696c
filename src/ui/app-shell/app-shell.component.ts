import { LitElement, html, unsafeCSS, nothing } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { createMapView, MAP_CSS, BASEMAP_IDS } from '../../map/index';
import type { BasemapId, Lang, MapApi, MapClick } from '../../map/index';
import { appShellStyles } from './app-shell.styles';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { CATALOG, bboxOf, fetchCatalogFiles, isUserLayerId, layerLabel, toFeatureCollection } from '../data/catalog-basics';
import type { CatalogFiles } from '../data/catalog-basics';
import type { CatalogLoad, ViewerFeature } from '../data/layer-catalog';
import { CITIES, SHANXI_BBOX, cityBbox } from '../data/cities';
import { PANELS, parseUrlState, writeUrlState } from '../state/url-state';
import type { Panel, UrlState } from '../state/url-state';
import { buildSearchIndex } from '../search/search-index';
import type { SearchEntry } from '../search/search-index';
import type { SelectFeatureDetail } from '../search/search.component';
import type { LayerEntry, LayerOpacityDetail, LayerVisibilityDetail } from '../layer-panel/layer-panel.component';
import type { PrintSource } from '../print-view/print-view.component';
import type { AttributeTable } from '../attribute-table/attribute-table.component';
import type { RadarPinDetail } from '../radar-panel/radar-panel.component';
import { CONFLICT_OVERLAY_LAYER } from '../conflict-panel/conflict-view-model';
import type { ImportPanel, UserDataChangedDetail } from '../import-panel/import-panel.component';

const TIANDITU_KEY_STORAGE = 'gis.tiandituKey';

const BASEMAP_LABELS: Record<BasemapId, StringKey> = {
  offline: 'basemapOffline',
  osm: 'basemapOsm',
  'tianditu-vec': 'basemapTdtVec',
  'tianditu-img': 'basemapTdtImg',
};

const PANEL_LABELS: Record<Panel, StringKey> = {
  layers: 'tabLayers',
  table: 'tabTable',
  tools: 'tabTools',
  conflicts: 'tabConflicts',
  radar: 'tabRadar',
  import: 'tabImport',
  public: 'tabPublic',
};

function readStoredKey(): string {
  try {
    return localStorage.getItem(TIANDITU_KEY_STORAGE) ?? '';
  } catch (error: unknown) {
    console.warn('localStorage unavailable', error);
    return '';
  }
}

/** Layers hidden unless the URL asks for them (the QA markers would crowd the public's view). */
const HIDDEN_BY_DEFAULT: readonly string[] = ['qa'];

/** Least half-size (degrees) of the box a feature is zoomed to, so points and tiny zones get context. */
const MIN_HALF_DEG = 0.004;

/** The application shell: header with search, side panels, the map with its inspector, and the print sheet. */
/**
 * Panels whose components load on first use, so the first paint does not wait for their code
 * (the startup budget in tests/bench/perf).
 */
const LAZY_PANELS: Partial<Record<Panel, () => Promise<unknown>>> = {
  conflicts: () => import('../conflict-panel/conflict-panel.component'),
  radar: () => import('../radar-panel/radar-panel.component'),
  public: () => import('../public-mode/public-mode.component'),
};

/**
 * The components inside the shell. Their code loads once the map has drawn its layers, so the map starts first;
 * Lit upgrades their elements in place when it arrives. A failure is logged and the components stay empty.
 */
function loadComponents(): Promise<void> {
  return Promise.all([
    import('../layer-panel/layer-panel.component'),
    import('../search/search.component'),
    import('../coord-readout/coord-readout.component'),
    import('../inspector/inspector.component'),
    import('../measure-tool/measure-tool.component'),
    import('../attribute-table/attribute-table.component'),
    import('../import-panel/import-panel.component'),
  ]).then(
    () => undefined,
    (error: unknown) => console.error('components failed to load', error),
  );
}

/** When the panels' code loads if the map has not shown its layers by then (ms after the map was created). */
const COMPONENTS_AT_LATEST_MS = 5000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

/** Validates the catalog's files (the schemas load on demand); if their code cannot be loaded, every layer says so. */
function validateCatalog(files: CatalogFiles): Promise<CatalogLoad> {
  return import('../data/layer-catalog').then(
    (m) => m.loadCatalog(files),
    (error: unknown): CatalogLoad => {
      const why = error instanceof Error ? error.message : String(error);
      return { layers: CATALOG.map((c) => ({ id: c.id, features: [], errors: [`${c.id}: ${why}`] })), sample: files.sample };
    },
  );
}

/** Loads a panel's component if it is lazy; a failure is logged and the panel stays empty. */
function loadPanel(panel: Panel): Promise<void> {
  const load = LAZY_PANELS[panel];
  if (!load) return Promise.resolve();
  return load().then(
    () => undefined,
    (error: unknown) => console.error(`panel ${panel} failed to load`, error),
  );
}

@customElement('gis-app')
export class AppShell extends LitElement {
  static override styles = [unsafeCSS(MAP_CSS), appShellStyles];

  private readonly initialUrl = parseUrlState(new URL(window.location.href));
  @state() private uiLang: Lang = this.initialUrl.lang;
  @state() private basemap: BasemapId = 'offline';
  /** The stored Tianditu key, read from storage when a Tianditu basemap is first chosen (null until then). */
  @state() private tiandituKey: string | null = null;
  @state() private mapStatus: 'loading' | 'ready' | 'failed' = 'loading';
  @state() private mapError = '';
  @state() private placeLabels: string[] = [];
  @state() private basemapMessage = '';
  @state() private catalog: CatalogLoad | null = null;
  @state() private visibility: Record<string, boolean> = {};
  @state() private opacity: Record<string, number> = {};
  @state() private selectedId: string | null = this.initialUrl.selected;
  @state() private panel: Panel = this.initialUrl.panel;
  /** Panels opened at least once: the attribute table and public mode render only from then on. */
  @state() private visited: ReadonlySet<Panel> = new Set([this.initialUrl.panel]);
  @state() private measureActive = false;
  @state() private searchEntries: SearchEntry[] = [];
  @state() private notice = '';
  @state() private print: { image: string; widthPx: number; mpp: number; date: string } | null = null;
  @query('#map') private mapHost!: HTMLDivElement;
  @query('gis-attribute-table:defined') private table!: AttributeTable | null;
  @query('gis-import-panel:defined') private importPanel!: ImportPanel | null;
  /** The catalog as loaded, before the user's imported layers and supersede records are merged in. */
  private baseCatalog: CatalogLoad | null = null;
  /** Reading and merging of the user's stored data (loaded with the catalog). */
  private userData: typeof import('../import-panel/user-data-sync') | null = null;

  /** The map behind its interface; exposed for tests and other components. */
  readonly map: MapApi = createMapView();
  private readonly onPopState = (): void => this.applyUrlState(parseUrlState(new URL(window.location.href)));

  /** The loaded and validated layers (null while loading). */
  get loaded(): CatalogLoad | null {
    return this.catalog;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadPanel(this.panel);
    document.documentElement.lang = this.uiLang;
    window.addEventListener('popstate', this.onPopState);
  }

  override async firstUpdated(): Promise<void> {
    // The map is created first (in the right language, so its style loads once). Then the thematic layers are
    // fetched and validated while the map loads the basemap, and handed to the map as soon as they are: it draws
    // them with the basemap in one pass.
    this.map.setLanguage(this.uiLang);
    const mounted = this.map.mount(this.mapHost, this.initialUrl.view ?? undefined);
    const catalog = validateCatalog(fetchCatalogFiles()).then((load) => {
      this.pushLayerData(load);
      return load;
    });
    // Watched from the moment the map has the layers, so the mark is the frame that first shows them, not a later one.
    const rendered = catalog.then(async () => {
      await this.map.whenLayersRendered();
      performance.mark('gis:layers-rendered');
    });
    // The code of the panels loads after that frame (or after a few seconds without it): until then the page's
    // processor time goes to the map.
    const components = Promise.race([rendered.catch(() => undefined), delay(COMPONENTS_AT_LATEST_MS)]).then(loadComponents);
    try {
      await mounted;
      await components;
      this.mapStatus = 'ready';
      this.refreshPlaceLabels();
      this.map.onViewChange(() => {
        this.refreshPlaceLabels();
        this.commitUrl(false);
      });
      this.map.onClick((e) => this.onMapClick(e));
    } catch (error: unknown) {
      this.mapStatus = 'failed';
      this.mapError = error instanceof Error ? error.message : String(error);
      void rendered.catch(() => undefined);
      void loadComponents();
      return;
    }
    await this.loadLayers(catalog, rendered);
  }

  /** Gives the loaded layers to the map (it keeps them until its style is ready) with their initial visibility. */
  private pushLayerData(load: CatalogLoad): void {
    const wanted = this.initialUrl.layers;
    const visibility: Record<string, boolean> = {};
    const opacity: Record<string, number> = {};
    for (const layer of load.layers) {
      visibility[layer.id] = wanted === null ? !HIDDEN_BY_DEFAULT.includes(layer.id) : wanted.includes(layer.id);
      opacity[layer.id] = 1;
      this.map.setLayerData(layer.id, toFeatureCollection(layer));
      this.map.setLayerVisibility(layer.id, visibility[layer.id] ?? true);
    }
    this.visibility = visibility;
    this.opacity = opacity;
  }

  private async loadLayers(catalog: Promise<CatalogLoad>, rendered: Promise<void>): Promise<void> {
    const load = await catalog;
    const userData = await import('../import-panel/user-data-sync');
    this.userData = userData;
    this.baseCatalog = load;
    this.catalog = load;
    this.applyUserData(await userData.loadUserContent());
    const all = this.allFeatures();
    this.searchEntries = buildSearchIndex(all);
    if (this.selectedId) {
      const f = this.featureById(this.selectedId);
      if (f) {
        this.map.setSelected(f.id);
        if (!this.initialUrl.view) this.zoomToFeature(f);
      } else {
        this.notice = `${t('featureNotFound', this.uiLang)}${this.selectedId}`;
        this.selectedId = null;
      }
    }
    this.commitUrl(false);
    await rendered;
    // After the first paint, fetch the code of the other panels and of the print sheet (Ctrl+P must work).
    window.setTimeout(() => {
      for (const panel of PANELS) void loadPanel(panel);
      import('../print-view/print-view.component').catch((error: unknown) => console.error('print sheet failed to load', error));
    }, 0);
    await this.map.whenIdle();
    this.setAttribute('data-layers', 'ready');
    // Pinyin initials are a nicety: load the dictionary after the first paint.
    try {
      const { pinyin } = await import('pinyin-pro');
      const initials = (s: string): string => pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
      this.searchEntries = buildSearchIndex(all, initials);
    } catch (error: unknown) {
      console.warn('pinyin initials unavailable', error);
    }
  }

  /** Merges the user's imported layers and supersede records (IndexedDB) into the catalog and the map. */
  private applyUserData(content: UserDataChangedDetail): void {
    if (!this.baseCatalog || !this.catalog || !this.userData) return;
    const r = this.userData.syncUserData(this.map, this.baseCatalog, this.catalog, content, this.visibility);
    this.catalog = r.catalog;
    this.visibility = r.visibility;
    this.searchEntries = buildSearchIndex(this.allFeatures());
  }

  /** A file dropped on the map goes to the import tab. */
  private onMapDrop(e: DragEvent): void {
    if (!this.importPanel || !e.dataTransfer?.types.includes('Files')) return;
    if (this.panel !== 'import') this.setPanel('import');
    void this.importPanel.acceptDrop(e);
  }

  override updated(): void {
    this.setAttribute('data-map', this.mapStatus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.map.destroy();
  }

  private allFeatures(): ViewerFeature[] {
    return this.catalog?.layers.flatMap((l) => l.features) ?? [];
  }

  private featureById(id: string): ViewerFeature | undefined {
    for (const l of this.catalog?.layers ?? []) {
      const f = l.features.find((x) => x.id === id);
      if (f) return f;
    }
    return undefined;
  }

  private refreshPlaceLabels(): void {
    this.placeLabels = this.map.renderedPlaceLabels();
  }

  // ---- URL state -------------------------------------------------------------------------

  private currentUrlState(): UrlState {
    const ids = this.catalog?.layers.map((l) => l.id).filter((id) => !isUserLayerId(id)) ?? [];
    const visible = ids.filter((id) => this.visibility[id] !== false);
    const isDefault = ids.every((id) => (this.visibility[id] !== false) === !HIDDEN_BY_DEFAULT.includes(id));
    return {
      view: this.mapStatus === 'ready' ? this.map.view() : null,
      layers: this.catalog === null ? this.initialUrl.layers : isDefault ? null : visible,
      selected: this.selectedId,
      lang: this.uiLang,
      panel: this.panel,
    };
  }

  /** Writes the state into the address bar: a new history entry for discrete changes, a replacement for camera moves. */
  private commitUrl(push: boolean): void {
    const url = writeUrlState(new URL(window.location.href), this.currentUrlState());
    if (url.href === window.location.href) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  private applyUrlState(s: UrlState): void {
    if (s.lang !== this.uiLang) this.applyLang(s.lang);
    this.panel = s.panel;
    if (!this.visited.has(s.panel)) this.visited = new Set([...this.visited, s.panel]);
    void loadPanel(s.panel);
    this.measureActive = false;
    const visibility: Record<string, boolean> = {};
    for (const l of this.catalog?.layers ?? []) {
      visibility[l.id] = isUserLayerId(l.id) ? this.visibility[l.id] !== false : s.layers === null ? !HIDDEN_BY_DEFAULT.includes(l.id) : s.layers.includes(l.id);
      this.map.setLayerVisibility(l.id, visibility[l.id] ?? true);
    }
    this.visibility = visibility;
    this.selectedId = s.selected && this.featureById(s.selected) ? s.selected : null;
    this.map.setSelected(this.selectedId);
    if (s.view) this.map.setView(s.view);
  }

  // ---- actions ---------------------------------------------------------------------------

  private applyLang(lang: Lang): void {
    this.uiLang = lang;
    document.documentElement.lang = lang;
    if (this.mapStatus === 'ready') {
      this.map.setLanguage(lang);
      void this.map.whenIdle().then(() => this.refreshPlaceLabels());
    }
  }

  private setLang(lang: Lang): void {
    this.applyLang(lang);
    this.commitUrl(true);
  }

  private setPanel(panel: Panel, focus = false): void {
    void loadPanel(panel);
    if (!this.visited.has(panel)) this.visited = new Set([...this.visited, panel]);
    this.panel = panel;
    if (panel !== 'tools') this.measureActive = false;
    this.commitUrl(true);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${panel}`)?.focus());
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = PANELS.indexOf(this.panel);
    let next: Panel | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = PANELS[(i + 1) % PANELS.length];
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = PANELS[(i + PANELS.length - 1) % PANELS.length];
    else if (e.key === 'Home') next = PANELS[0];
    else if (e.key === 'End') next = PANELS[PANELS.length - 1];
    if (next) {
      e.preventDefault();
      this.setPanel(next, true);
    }
  }

  private onMapClick(e: MapClick): void {
    if (this.panel === 'public' || this.measureActive) return;
    const hit = e.features.find((f) => f.layer !== CONFLICT_OVERLAY_LAYER);
    this.select(hit ? hit.id : null, false);
  }

  /** Selects a feature (or none), optionally zooming to it, and records it in the history. */
  select(id: string | null, zoom: boolean): void {
    const f = id ? this.featureById(id) : undefined;
    this.selectedId = f ? f.id : null;
    this.map.setSelected(this.selectedId);
    if (f) {
      if (this.visibility[f.props.layer] === false) this.setVisibility(f.props.layer, true, false);
      if (zoom) this.zoomToFeature(f);
      this.table?.showLayerOf(f.id);
    }
    this.commitUrl(true);
    if (f && zoom) void this.updateComplete.then(() => this.renderRoot.querySelector('gis-inspector')?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus());
  }

  private zoomToFeature(f: ViewerFeature): void {
    const [w, s, e, n] = bboxOf(f.geometry);
    const cx = (w + e) / 2;
    const cy = (s + n) / 2;
    const hx = Math.max((e - w) / 2, MIN_HALF_DEG);
    const hy = Math.max((n - s) / 2, MIN_HALF_DEG);
    const w0 = this.mapHost.clientWidth;
    const h0 = this.mapHost.clientHeight;
    // Leave room for the inspector: on the right on wide screens, at the bottom on phones.
    const padding = w0 > 700 ? { top: 40, right: Math.min(420, w0 / 2), bottom: 40, left: 40 } : { top: 30, right: 30, bottom: Math.min(h0 / 3, 200), left: 30 };
    this.map.fitBounds([cx - hx, cy - hy, cx + hx, cy + hy], padding);
  }

  /**
   * Replaces a feature in the app's state (not in any data file), e.g. a radar whose site the user
   * pinned: extra viewer properties are kept and the map layer is refreshed.
   */
  replaceFeature(feature: RadarPinDetail['feature']): void {
    const load = this.catalog;
    const layerId = feature.properties.layer;
    const layer = load?.layers.find((l) => l.id === layerId);
    const old = layer?.features.find((f) => f.id === feature.properties.id);
    if (!load || !layer || !old) return;
    const next: ViewerFeature = { id: old.id, geometry: feature.geometry, props: { ...old.props, ...feature.properties } };
    const layers = load.layers.map((l) => (l === layer ? { ...l, features: l.features.map((f) => (f === old ? next : f)) } : l));
    this.catalog = { ...load, layers };
    const updated = layers.find((l) => l.id === layerId);
    if (updated) this.map.setLayerData(layerId, toFeatureCollection(updated));
  }

  private setVisibility(layer: string, visible: boolean, push = true): void {
    this.visibility = { ...this.visibility, [layer]: visible };
    this.map.setLayerVisibility(layer, visible);
    if (push) this.commitUrl(true);
  }

  private setOpacity(layer: string, opacity: number): void {
    this.opacity = { ...this.opacity, [layer]: opacity };
    this.map.setLayerOpacity(layer, opacity);
  }

  private zoomToArea(value: string): void {
    if (value === 'shanxi') this.map.fitBounds(SHANXI_BBOX);
    const city = CITIES.find((c) => c.id === value);
    if (city) this.map.fitBounds(cityBbox(city));
  }

  private chooseBasemap(id: BasemapId): void {
    this.basemapMessage = '';
    this.tiandituKey ??= readStoredKey();
    const key = this.tiandituKey.trim();
    if (id.startsWith('tianditu') && key === '') {
      this.basemapMessage = t('tiandituKeyMissing', this.uiLang);
      this.basemap = id;
      return;
    }
    this.basemap = id;
    this.map.setBasemap(id, { tiandituKey: key });
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

  private printSources(): PrintSource[] {
    const seen = new Map<string, PrintSource>();
    for (const l of this.catalog?.layers ?? []) {
      if (this.visibility[l.id] === false) continue;
      for (const f of l.features) {
        const p = f.props;
        if (p.docNumber && !seen.has(p.docNumber)) seen.set(p.docNumber, { docNumber: p.docNumber, issuer: p.issuer, date: p.docDate, file: p.source?.file ?? null });
      }
    }
    return [...seen.values()].sort((a, b) => a.docNumber.localeCompare(b.docNumber, 'zh-CN'));
  }

  /** Prepares the print sheet from the current map and opens the browser's print dialog. */
  async printSheet(): Promise<void> {
    await import('../print-view/print-view.component');
    await this.map.whenIdle();
    this.print = {
      image: this.map.snapshot(),
      widthPx: this.mapHost.clientWidth,
      mpp: this.map.metresPerPixel(),
      date: new Date().toISOString().slice(0, 10),
    };
    await this.updateComplete;
    const img = this.renderRoot.querySelector('gis-print-view')?.shadowRoot?.querySelector('img');
    if (img && !img.complete) await new Promise((ok) => img.addEventListener('load', ok, { once: true }));
    window.print();
  }

  // ---- rendering -------------------------------------------------------------------------

  private layerEntries(): LayerEntry[] {
    return (this.catalog?.layers ?? [])
      .filter((l) => (l.features.length > 0 || l.id !== 'qa') && !isUserLayerId(l.id))
      .map((l) => ({ id: l.id, label: layerLabel(l.id), count: l.features.length, visible: this.visibility[l.id] !== false, opacity: this.opacity[l.id] ?? 1 }));
  }

  private renderLayersPanel(L: (k: StringKey) => string): unknown {
    const errors = this.catalog?.layers.flatMap((l) => l.errors) ?? [];
    return html`
      <h2>${L('tabLayers')}</h2>
      ${this.catalog === null ? html`<p>${L('dataLoading')}</p>` : nothing}
      ${this.catalog?.sample ? html`<p class="warning" data-testid="sample-notice">${L('dataSample')}</p>` : nothing}
      ${errors.length > 0
        ? html`<div class="warning" role="alert" data-testid="data-errors">${L('dataError')}<ul>${errors.slice(0, 20).map((e) => html`<li>${e}</li>`)}</ul></div>`
        : nothing}
      <gis-layer-panel
        .locale=${this.uiLang}
        .entries=${this.layerEntries()}
        @layer-visibility=${(e: CustomEvent<LayerVisibilityDetail>) => this.setVisibility(e.detail.layer, e.detail.visible)}
        @layer-opacity=${(e: CustomEvent<LayerOpacityDetail>) => this.setOpacity(e.detail.layer, e.detail.opacity)}
      ></gis-layer-panel>
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
              const input = (e.target as HTMLFormElement).elements.namedItem('tk') as HTMLInputElement;
              this.saveKey(input.value);
            }}
          >
            <label>${L('tiandituKey')} <input name="tk" autocomplete="off" .value=${this.tiandituKey ?? ''} /></label>
            <button type="submit">${L('apply')}</button>
            <p class="notice">${L('tiandituKeyHelp')}</p>
          </form>`
        : nothing}
      ${this.basemapMessage ? html`<p class="warning" role="alert">${this.basemapMessage}</p>` : nothing}
      <h2>${L('placesOnMap')}</h2>
      <ul data-testid="place-list" class="places">
        ${this.placeLabels.map((n) => html`<li>${n}</li>`)}
      </ul>
      <p class="notice">${L('dataNotice')}</p>
    `;
  }

  private renderToolsPanel(L: (k: StringKey) => string): unknown {
    return html`
      <h2>${L('zoomToArea')}</h2>
      <div class="zoom-to" role="group" aria-label=${L('zoomToArea')}>
        <button data-zoom="shanxi" @click=${() => this.zoomToArea('shanxi')}>${L('shanxiWhole')}</button>
        ${CITIES.map((c) => html`<button data-zoom=${c.id} @click=${() => this.zoomToArea(c.id)}>${c.name[this.uiLang]}</button>`)}
      </div>
      <p class="notice">${L('cityNote')}</p>
      <h2>${L('measure')}</h2>
      <gis-measure-tool
        .locale=${this.uiLang}
        .map=${this.mapStatus === 'ready' ? this.map : null}
        ?active=${this.measureActive && this.panel === 'tools'}
        @measure-active=${(e: CustomEvent<boolean>) => (this.measureActive = e.detail)}
      ></gis-measure-tool>
      <h2>${L('print')}</h2>
      <button data-testid="print-button" @click=${() => void this.printSheet()}>${L('print')}</button>
    `;
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.uiLang);
    const selected = this.selectedId ? this.featureById(this.selectedId) : undefined;
    const visibleLayers = CATALOG.filter((c) => this.visibility[c.id] !== false && (this.catalog?.layers.find((l) => l.id === c.id)?.features.length ?? 0) > 0);
    return html`
      <header>
        <h1>${t('productName', 'zh-CN')}<span class="en" lang="en">${t('productName', 'en')}</span></h1>
        <gis-search class="search" .locale=${this.uiLang} .index=${this.searchEntries}
          @select-feature=${(e: CustomEvent<SelectFeatureDetail>) => this.select(e.detail.id, e.detail.zoom)}></gis-search>
        <button class="public-btn" data-testid="public-button" aria-pressed=${this.panel === 'public' ? 'true' : 'false'} @click=${() => this.setPanel('public')}>
          ${L('tabPublic')}
        </button>
        <label class="lang">
          <span class="sr-only">${L('language')}</span>
          <select aria-label=${L('language')} @change=${(e: Event) => this.setLang((e.target as HTMLSelectElement).value === 'en' ? 'en' : 'zh-CN')}>
            <option value="zh-CN" ?selected=${this.uiLang === 'zh-CN'}>中文</option>
            <option value="en" ?selected=${this.uiLang === 'en'}>English</option>
          </select>
        </label>
      </header>
      <main>
        <aside aria-label=${L('panels')}>
          <div role="tablist" aria-label=${L('panels')} @keydown=${(e: KeyboardEvent) => this.onTabKey(e)}>
            ${PANELS.map(
              (p) => html`<button role="tab" id="tab-${p}" aria-controls="panel-${p}" aria-selected=${this.panel === p ? 'true' : 'false'}
                tabindex=${this.panel === p ? 0 : -1} @click=${() => this.setPanel(p)}>${L(PANEL_LABELS[p])}</button>`,
            )}
          </div>
          ${this.notice ? html`<p class="warning" role="alert">${this.notice}</p>` : nothing}
          <section role="tabpanel" id="panel-layers" aria-labelledby="tab-layers" ?hidden=${this.panel !== 'layers'}>${this.renderLayersPanel(L)}</section>
          <section role="tabpanel" id="panel-table" aria-labelledby="tab-table" ?hidden=${this.panel !== 'table'}>
            <h2>${L('table')}</h2>
            ${this.visited.has('table')
              ? html`<gis-attribute-table .locale=${this.uiLang} .layers=${this.catalog?.layers ?? []} .selectedId=${this.selectedId}
                  @select-feature=${(e: CustomEvent<SelectFeatureDetail>) => this.select(e.detail.id, e.detail.zoom)}></gis-attribute-table>`
              : nothing}
          </section>
          <section role="tabpanel" id="panel-tools" aria-labelledby="tab-tools" ?hidden=${this.panel !== 'tools'}>${this.renderToolsPanel(L)}</section>
          <section role="tabpanel" id="panel-conflicts" aria-labelledby="tab-conflicts" ?hidden=${this.panel !== 'conflicts'}>
            <gis-conflict-panel .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null} .layers=${this.catalog?.layers ?? []}
              @select-feature=${(e: CustomEvent<SelectFeatureDetail>) => this.select(e.detail.id, e.detail.zoom)}></gis-conflict-panel>
          </section>
          <section role="tabpanel" id="panel-radar" aria-labelledby="tab-radar" ?hidden=${this.panel !== 'radar'}>
            <h2>${L('tabRadar')}</h2>
            <gis-radar-panel .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null} .layers=${this.catalog?.layers ?? []}
              ?active=${this.panel === 'radar'} @measure-active=${(e: CustomEvent<boolean>) => (this.measureActive = e.detail)}
              @radar-pin=${(e: CustomEvent<RadarPinDetail>) => this.replaceFeature(e.detail.feature)}></gis-radar-panel>
          </section>
          <section role="tabpanel" id="panel-import" aria-labelledby="tab-import" ?hidden=${this.panel !== 'import'}>
            <h2>${L('tabImport')}</h2>
            <gis-import-panel .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null} .layers=${this.catalog?.layers ?? []} .selectedId=${this.selectedId}
              @user-data-changed=${(e: CustomEvent<UserDataChangedDetail>) => this.applyUserData(e.detail)}></gis-import-panel>
          </section>
          <section role="tabpanel" id="panel-public" aria-labelledby="tab-public" ?hidden=${this.panel !== 'public'}>
            <h2>${L('publicTitle')}</h2>
            ${this.visited.has('public')
              ? html`<gis-public-mode .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null} .features=${this.allFeatures().filter((f) => this.visibility[f.props.layer] !== false)}
                  ?active=${this.panel === 'public'}></gis-public-mode>`
              : nothing}
          </section>
        </aside>
        <div class="map-wrap" @dragover=${(e: DragEvent) => this.importPanel?.allowDrop(e)} @drop=${(e: DragEvent) => this.onMapDrop(e)}>
          <div id="map" role="region" aria-label=${L('mapAltHint')}>
            ${this.mapStatus === 'loading' ? html`<div class="map-status">${L('mapLoading')}</div>` : nothing}
            ${this.mapStatus === 'failed' ? html`<div class="map-status" role="alert">${L('mapFailed')}${this.mapError}</div>` : nothing}
          </div>
          ${selected
            ? html`<div class="inspector-wrap">
                <gis-inspector .locale=${this.uiLang} .feature=${selected.props}
                  @close=${() => this.select(null, false)} @zoom-to=${() => this.zoomToFeature(selected)}></gis-inspector>
              </div>`
            : nothing}
          <gis-coord-readout class="coords" .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null}></gis-coord-readout>
        </div>
      </main>
      <gis-print-view
        class="print-only"
        .locale=${this.uiLang}
        .image=${this.print?.image ?? ''}
        .imageWidthPx=${this.print?.widthPx ?? 0}
        .metresPerPixel=${this.print?.mpp ?? 0}
        .legend=${visibleLayers.map((c) => ({ id: c.id, label: c.label }))}
        .sources=${this.printSources()}
        .date=${this.print?.date ?? new Date().toISOString().slice(0, 10)}
      ></gis-print-view>
      <p class="sr-only" aria-live="polite">${selected ? `${L('inspector')}: ${selected.props.name}` : ''}${this.catalog ? ` ${t('featureCount', this.uiLang, { n: this.allFeatures().length })}` : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-app': AppShell;
  }
}
