import { LitElement, html, unsafeCSS, nothing } from 'lit';
import { customElement, state, query } from 'lit/decorators.js';
import { createMapView, MAP_CSS } from '../../map/index';
import type { Lang, MapApi, MapClick } from '../../map/index';
import { appShellStyles } from './app-shell.styles';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';
import { fetchCatalogFiles } from '../../app/catalog/catalog-files';
import type { CatalogState, CatalogStore } from '../../app/catalog/catalog-store';
import type { StoreContent } from '../../app/catalog/user-layer-store';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { CATALOG_LAYER_IDS } from '../../core/model/layer-registry';
import { PANELS, parseUrlState, writeUrlState } from '../state/url-state';
import type { Panel, TableUrlState, UrlState } from '../state/url-state';
import { buildSearchIndex } from '../search/search-index';
import type { SearchEntry } from '../search/search-index';
import type { SelectFeatureDetail } from '../search/search.component';
import type { AttributeTable } from '../attribute-table/attribute-table.component';
import type { RadarPinDetail } from '../radar-panel/radar-panel.component';
import type { ImportPanel } from '../import-panel/import-panel.component';
import { layerLabel } from '../layer-label';
import { COMPONENTS_AT_LATEST_MS, delay, loadCatalogRuntime, loadComponents, loadPanel, printSources } from './shell-loading';
import type { CatalogRuntime } from './shell-loading';
import { renderPanels } from './shell-panels';
import { featureZoom, nextPanel, stepAside } from './shell-navigation';
import { keepFirstView } from './first-view';
import { inspectorTemplate } from './shell-inspector-view';

const PANEL_LABELS: Record<Panel, MessageKey> = {
  layers: 'tabLayers',
  table: 'tabTable',
  tools: 'tabTools',
  conflicts: 'tabConflicts',
  radar: 'tabRadar',
  import: 'tabImport',
  public: 'tabPublic',
};

/** Map layer of the conflict panel's findings (clicks on it do not select features). */
const CONFLICT_OVERLAY_LAYER = 'conflict-overlaps';

/**
 * The application shell: header with search, side panels, the map with its inspector, and the print sheet.
 * The catalog store (src/app/catalog) holds the layers and their visibility; the shell holds the URL state
 * (selection, panel, language) and hands the store's state to the views.
 */
@customElement('gis-app')
export class AppShell extends LitElement {
  static override styles = [unsafeCSS(MAP_CSS), appShellStyles];

  private readonly initialUrl = parseUrlState(new URL(window.location.href));
  @state() private uiLang: Lang = this.initialUrl.lang;
  @state() private mapStatus: 'loading' | 'ready' | 'failed' = 'loading';
  @state() private mapError = '';
  @state() private placeLabels: string[] = [];
  /** The catalog store's state (null until the catalog code has loaded). */
  @state() private catalog: CatalogState | null = null;
  /** Whether the placement form is open under the inspector. */
  @state() private placing = false;
  /** Whether a park boundary is being drawn (map clicks then belong to the drawing). */
  @state() private drawing = false;
  /** Features of different sites under the last click (stacked or overlapping): the user picks one. */
  @state() private choices: readonly ViewerFeature[] = [];
  @state() private selectedId: string | null = this.initialUrl.selected;
  @state() private panel: Panel = this.initialUrl.panel;
  @state() private tableState: TableUrlState = this.initialUrl.table;
  /** Panels opened at least once: the attribute table and public mode render only from then on. */
  @state() private visited: ReadonlySet<Panel> = new Set([this.initialUrl.panel]);
  @state() private measureActive = false;
  @state() private searchEntries: SearchEntry[] = [];
  @state() private notice = '';
  /** Whether the inspector was collapsed to let the map show a target (narrow screens). */
  @state() private inspectorCollapsed = false;
  @state() private print: { image: string; widthPx: number; mpp: number; date: string } | null = null;
  @query('#map') private mapHost!: HTMLDivElement;
  @query('gis-attribute-table:defined') private table!: AttributeTable | null;
  @query('gis-import-panel:defined') private importPanel!: ImportPanel | null;
  private runtime: CatalogRuntime | null = null;
  private pinyinInitials: ((s: string) => string) | undefined;
  /** Stops re-fitting the first view to the layout (see first-view.ts). */
  private stopFirstView: (() => void) | null = null;

  /** The map behind its interface; exposed for tests and other components. */
  readonly map: MapApi = createMapView();
  /** The catalog store (null until the catalog code has loaded); exposed for tests and other components. */
  store: CatalogStore | null = null;
  private readonly onPopState = (): void => this.applyUrlState(parseUrlState(new URL(window.location.href)));

  /** The catalog's state once loaded (null while loading); exposed for tests. */
  get loaded(): CatalogState | null {
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
    // fetched and validated while the map loads the basemap, and handed to the map (through the store) as soon
    // as they are: it draws them with the basemap in one pass.
    this.map.setLanguage(this.uiLang);
    const mounted = this.map.mount(this.mapHost, this.initialUrl.view ?? undefined);
    const catalog = loadCatalogRuntime(fetchCatalogFiles()).then((runtime) => {
      this.runtime = runtime;
      this.store = runtime.store;
      runtime.bind(this.map);
      runtime.store.setPipeline(runtime.load, this.initialUrl.layers);
      try {
        if (!this.initialUrl.view && !this.initialUrl.selected) this.stopFirstView = keepFirstView(this.map, this.mapHost, () => runtime.store.allFeatures());
      } catch (error: unknown) {
        console.warn('first view not fitted (the map did not start)', error);
      }
      runtime.store.subscribe((s, change) => {
        this.catalog = s;
        if (change.data.length > 0 || change.removed.length > 0) this.searchEntries = buildSearchIndex(runtime.store.allFeatures(), this.pinyinInitials);
      });
      return runtime;
    });
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
      this.map.setFitInsets?.(() => this.panelInsets());
    } catch (error: unknown) {
      this.mapStatus = 'failed';
      this.mapError = error instanceof Error ? error.message : String(error);
      void rendered.catch(() => undefined);
      void loadComponents();
      return;
    }
    await this.loadLayers(catalog, rendered);
  }

  private async loadLayers(catalog: Promise<CatalogRuntime>, rendered: Promise<void>): Promise<void> {
    let runtime: CatalogRuntime;
    try {
      runtime = await catalog;
    } catch (error: unknown) {
      this.notice = `${t('dataError', this.uiLang)} ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    const store = runtime.store;
    this.catalog = store.get();
    store.setUserContent(await runtime.readUserContent());
    this.searchEntries = buildSearchIndex(store.allFeatures());
    if (this.selectedId) {
      const f = store.featureById(this.selectedId);
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
      this.pinyinInitials = (s: string): string => pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
      this.searchEntries = buildSearchIndex(store.allFeatures(), this.pinyinInitials);
    } catch (error: unknown) {
      console.warn('pinyin initials unavailable', error);
    }
    // Placements kept from earlier visits: rebuilt in the pipeline worker only when there are any.
    try {
      const { restorePlacements } = await import('../placement/placement-panel.component');
      await restorePlacements(store);
    } catch (error: unknown) {
      console.warn('placements could not be restored', error);
    }
  }

  /** The import panel changed the user's stored data: the store takes it (and the map follows the store). */
  private applyUserData(content: StoreContent): void {
    this.store?.setUserContent(content);
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
    this.stopFirstView?.();
    this.runtime?.dispose();
    this.map.destroy();
  }

  private featureById(id: string): ViewerFeature | undefined {
    return this.store?.featureById(id);
  }

  private refreshPlaceLabels(): void {
    this.placeLabels = this.map.renderedPlaceLabels();
  }

  // ---- URL state -------------------------------------------------------------------------

  private currentUrlState(): UrlState {
    return {
      view: this.mapStatus === 'ready' ? this.map.view() : null,
      layers: this.store === null ? this.initialUrl.layers : this.store.urlLayers(),
      selected: this.selectedId,
      lang: this.uiLang,
      panel: this.panel,
      table: this.tableState,
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
    this.tableState = s.table;
    if (!this.visited.has(s.panel)) this.visited = new Set([...this.visited, s.panel]);
    void loadPanel(s.panel);
    this.measureActive = false;
    this.store?.applyUrlLayers(s.layers);
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
    const next = nextPanel(this.panel, e.key);
    if (next) {
      e.preventDefault();
      this.setPanel(next, true);
    }
  }

  private onMapClick(e: MapClick): void {
    if (this.panel === 'public' || this.measureActive || this.drawing) return;
    const ids = [...new Set(e.features.filter((f) => f.layer !== CONFLICT_OVERLAY_LAYER).map((f) => f.id))];
    const features = ids.map((id) => this.featureById(id)).filter((f): f is ViewerFeature => f !== undefined);
    // The zones of one site nest (protection inside control): the topmost is meant. Features of different sites
    // under one click are stacked at a shared approximate anchor or overlap: say so and let the user choose.
    const sites = new Set(features.map((f) => f.props.recordId ?? f.id));
    if (sites.size > 1) {
      this.select(null, false);
      this.choices = features;
      return;
    }
    this.choices = [];
    this.select(features[0]?.id ?? ids[0] ?? null, false);
  }

  /** Room the inspector takes over the map when the map moves to a target (see `stepAside`); collapses it when narrow. */
  private panelInsets(): { top: number; right: number; bottom: number; left: number } | null {
    const wrap = this.inspectorCollapsed ? null : this.renderRoot.querySelector('.inspector-wrap');
    if (!wrap) return null;
    const r = stepAside(this.mapHost.getBoundingClientRect(), wrap.getBoundingClientRect());
    if (r !== 'collapse') return r.insets;
    this.inspectorCollapsed = true;
    return null;
  }

  /** Selects a feature (or none), optionally zooming to it, and records it in the history. */
  select(id: string | null, zoom: boolean): void {
    this.stopFirstView?.();
    if (id !== this.selectedId) {
      this.placing = false;
      this.drawing = false;
    }
    this.inspectorCollapsed = false;
    const f = id ? this.featureById(id) : undefined;
    this.selectedId = f ? f.id : null;
    this.map.setSelected(this.selectedId);
    if (f) {
      if (this.store?.isVisible(f.props.layer) === false) this.store.setVisibility(f.props.layer, true);
      if (zoom) this.zoomToFeature(f);
      this.table?.showLayerOf(f.id);
    }
    this.commitUrl(true);
    if (f && zoom) void this.updateComplete.then(() => this.renderRoot.querySelector('gis-inspector')?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus());
  }

  /** Opens (or closes) the placement form; its code loads on first use. */
  private async openPlacement(): Promise<void> {
    if (!this.placing) await import('../placement/placement-panel.component');
    this.placing = !this.placing;
  }

  private zoomToFeature(f: ViewerFeature): void {
    const { bbox, padding } = featureZoom(f.geometry, this.mapHost.clientWidth, this.mapHost.clientHeight);
    this.map.fitBounds(bbox, padding);
  }

  /**
   * Replaces a feature in the app's state (not in any data file), e.g. a radar whose site the user
   * pinned: extra properties are kept and the map layer is refreshed (through the store).
   */
  replaceFeature(feature: RadarPinDetail['feature']): void {
    this.store?.replaceFeature(feature.properties.layer, feature.properties.id, feature.geometry, feature.properties);
  }

  private setVisibility(layer: string, visible: boolean): void {
    this.store?.setVisibility(layer, visible);
    this.commitUrl(true);
  }

  /** Prepares the print sheet from the current map and opens the browser's print dialog. */
  async printSheet(): Promise<void> {
    await import('../print-view/print-view.component');
    await this.map.whenIdle();
    this.print = {
      image: this.map.snapshot(),
      widthPx: this.mapHost.clientWidth,
      mpp: this.map.metresPerPixel(),
      date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
    };
    await this.updateComplete;
    const img = this.renderRoot.querySelector('gis-print-view')?.shadowRoot?.querySelector('img');
    if (img && !img.complete) await new Promise((ok) => img.addEventListener('load', ok, { once: true }));
    window.print();
  }

  /** Opens the print dialog (its code loads on first use). */
  async openPrintDialog(): Promise<void> {
    const [{ openMapPrintDialog }, { sheetLegend, sourceLines }] = await Promise.all([import('../print-view/print-dialog.component'), import('../print-view/print-map')]);
    const lang = this.uiLang;
    await openMapPrintDialog(lang, t('printTitle', lang), () => ({ map: this.map, lang, legend: sheetLegend(this.catalog, lang), sources: sourceLines(printSources(this.catalog)) }));
  }

  // ---- rendering -------------------------------------------------------------------------

  private renderPanels(): unknown {
    return renderPanels({
      lang: this.uiLang,
      panel: this.panel,
      visited: this.visited,
      map: this.mapStatus === 'ready' ? this.map : null,
      shellMap: this.map,
      catalog: this.catalog,
      visibleFeatures: this.store?.visibleFeatures() ?? [],
      placeLabels: this.placeLabels,
      selectedId: this.selectedId,
      table: this.tableState,
      measuring: this.measureActive && this.panel === 'tools',
      onSelect: (id, zoom) => this.select(id, zoom),
      onVisibility: (layer, visible) => this.setVisibility(layer, visible),
      onOpacity: (layer, opacity) => this.store?.setOpacity(layer, opacity),
      onMeasuring: (on) => (this.measureActive = on),
      onPrint: () => void this.printSheet(),
      onPrintDialog: () => void this.openPrintDialog(),
      onRadarPin: (feature) => this.replaceFeature(feature),
      onUserData: (content) => this.applyUserData(content),
      onNoticeSaved: (content) => (this.importPanel ? void this.importPanel.userData.reload(true) : this.applyUserData(content)),
      onTableState: (table) => {
        this.tableState = table;
        this.commitUrl(true);
      },
    });
  }

  override render(): unknown {
    const L = (k: MessageKey): string => t(k, this.uiLang);
    const selected = this.selectedId ? this.featureById(this.selectedId) : undefined;
    const catalog = this.catalog;
    const legend = CATALOG_LAYER_IDS.filter((id) => catalog?.visibility[id] !== false && (catalog?.layers.find((l) => l.id === id)?.features.length ?? 0) > 0);
    const featureCount = catalog?.layers.reduce((n, l) => n + l.features.length, 0) ?? 0;
    return html`
      <header>
        <h1><span lang="zh-CN">${t('productName', 'zh-CN')}</span><span class="en" lang="en">${t('productName', 'en')}</span></h1>
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
          ${this.renderPanels()}
        </aside>
        <div class="map-wrap" @dragover=${(e: DragEvent) => this.importPanel?.allowDrop(e)} @drop=${(e: DragEvent) => this.onMapDrop(e)}>
          <div id="map" role="region" aria-label=${L('mapAltHint')}>
            ${this.mapStatus === 'loading' ? html`<div class="map-status">${L('mapLoading')}</div>` : nothing}
            ${this.mapStatus === 'failed' ? html`<div class="map-status" role="alert">${L('mapFailed')}${this.mapError}</div>` : nothing}
          </div>
          ${inspectorTemplate({
            lang: this.uiLang, selected, choices: this.choices, collapsed: this.inspectorCollapsed, placing: this.placing,
            store: this.store ?? null, catalog: this.catalog ?? null, map: this.mapStatus === 'ready' ? this.map : null,
            onExpand: () => (this.inspectorCollapsed = false),
            onClose: () => this.select(null, false),
            onZoom: (f) => this.zoomToFeature(f),
            onPlace: () => void this.openPlacement(),
            onDrawing: (on) => (this.drawing = on),
            onUserDataChanged: () => void this.importPanel?.userData.reload(false),
            onChoose: (id) => {
              this.choices = [];
              this.select(id, false);
            },
            onCloseChooser: () => (this.choices = []),
          })}
          <gis-coord-readout class="coords" .locale=${this.uiLang} .map=${this.mapStatus === 'ready' ? this.map : null}></gis-coord-readout>
        </div>
      </main>
      <gis-print-view
        class="print-only"
        .locale=${this.uiLang}
        .image=${this.print?.image ?? ''}
        .imageWidthPx=${this.print?.widthPx ?? 0}
        .metresPerPixel=${this.print?.mpp ?? 0}
        .legend=${legend.map((id) => ({ id, label: layerLabel(id) }))}
        .sources=${printSources(catalog)}
        .date=${this.print?.date ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())}
      ></gis-print-view>
      <p class="sr-only" aria-live="polite">${selected ? html`${L('inspector')}: <span lang="zh-CN">${selected.props.name}</span>` : ''}${catalog?.loaded ? ` ${t('featureCount', this.uiLang, { n: featureCount })}` : ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-app': AppShell;
  }
}
