import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { FeatureCollection } from 'geojson';
import { basemapStyle } from './basemap-style';
import type { DrawChange, DrawOptions, BasemapId, Insets, Lang, LayerOverview, LonLat, MapApi, MapClick, ViewState } from './map-api';
import type { OffscreenImage, OffscreenRequest } from './offscreen-render';
import { LARGE_VECTOR_MIN_ZOOM } from './map-api';
import { PointerOverlays, OVERLAY_LAYERS } from './pointer-overlays';
import { EMPTY, addGeneratedLayers, atLargeZoom, inDrawOrder, installOverview, overviewLayerId, precisionFeatures, setGeojsonSource, sourcesLoaded, whenMapIdle, whenRendered } from './thematic-sources';
import type { ThematicState } from './thematic-sources';
import { HATCH_IMAGE, decorationLayerIds, hatchImage, thematicLayerIds, thematicLayers } from './thematic-style';
import { CONFLICT_HATCH_IMAGE, conflictHatchImage } from './conflict-style';
import { warmUpShaders, warmUpSpecs } from './shader-warmup';
import { AnalysisOverlays } from './analysis-overlays';
import type { OverlayImage } from './map-api';
import { BasemapExtras } from './basemap-extras';
import { snapToBasemap } from './basemap-snap';
import { LazyDraw } from './lazy-draw';
import { featuresAt, placeLabels, renderedIds } from './feature-hits';
import type { UserBasemapInfo } from './basemap-pmtiles';
import { AnchorStacks } from './anchor-stacks';
import type { RenderedStack, StackInput } from './anchor-stacks';

setWorkerUrl(workerUrl);

/** Starts MapLibre's worker (fetching and compiling its script) before the map is created, so it is ready sooner. */
export function prewarmMapWorker(): void {
  prewarm();
}

/** The view that shows the whole of Shanxi. */
export const SHANXI_VIEW: ViewState = { lon: 112.3, lat: 37.6, zoom: 5.6 };

const CJK_FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** The one class that owns a MapLibre map. */
export class MapView implements MapApi {
  private map: MaplibreMap | null = null;
  private lang: Lang = 'zh-CN';
  private current: BasemapId = 'offline';
  private tiandituKey = '';
  private readonly extras = new BasemapExtras(
    () => this.applyStyle(),
    () => this.current,
  );
  private readonly viewListeners = new Set<(view: ViewState) => void>();
  private readonly clickListeners = new Set<(event: MapClick) => void>();
  private readonly moveListeners = new Set<(position: LonLat | null) => void>();
  private readonly thematic = new Map<string, ThematicState>();
  private selected: string | null = null;
  private readonly pointer = new PointerOverlays();
  private styleReady = false;
  /**
   * Whether the decorations (precision circles and anchors, hatches, the measuring and query overlays) are installed. They
   * come after the first frame that shows the basemap and the layers, so the worker and the GPU do that frame first.
   */
  private decorated = false;
  private readonly analysis = new AnalysisOverlays();
  private readonly stacks = new AnchorStacks();

  async mount(container: HTMLElement, view: ViewState = SHANXI_VIEW): Promise<void> {
    if (this.map) throw new Error('MapView.mount called twice');
    const map = new MaplibreMap({
      container,
      style: basemapStyle(this.current, this.lang, this.tiandituKey, this.extras.userStyle(this.lang)),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      attributionControl: false,
      localIdeographFontFamily: CJK_FONTS,
      // The drawing buffer is not preserved between frames (keeping it costs a copy of the canvas every frame);
      // snapshot() draws a frame and reads it in the same task.
      canvasContextAttributes: { preserveDrawingBuffer: false },
    });
    this.map = map;
    map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.extras.attach(map);
    map.addControl(new AttributionControl({ compact: true, customAttribution: 'Natural Earth · DCW/GSHHG (LGPL) · <span lang="zh-CN">锚点</span> Vonng/adcode' }));
    map.on('style.load', () => {
      this.styleReady = true;
      this.installOverlays();
    });
    // The first frame with every layer given so far (or the first idle frame when none has arrived yet).
    const decorate = (): void => {
      map.off('render', onRender);
      map.off('idle', decorate);
      window.setTimeout(() => {
        this.decorated = true;
        if (this.map !== map) return;
        if (this.styleReady) this.installDecorations(map);
        // Then, when the page is idle, the programs of layers added later (see warmUpShaders).
        const idle = (cb: () => void): void => void (typeof requestIdleCallback === 'function' ? requestIdleCallback(cb, { timeout: 2000 }) : window.setTimeout(cb, 500));
        idle(() => {
          if (this.map === map) void this.warmUpShaders();
        });
      }, 0);
    };
    const onRender = (): void => {
      if (this.thematic.size > 0 && this.layersReady(map)) decorate();
    };
    map.on('render', onRender);
    map.on('idle', decorate);
    map.on('click', (e) => {
      const event: MapClick = { position: [e.lngLat.lng, e.lngLat.lat], features: featuresAt(map, this.visibleLayers(), this.stacks, e.point.x, e.point.y) };
      for (const cb of this.clickListeners) cb(event);
    });
    map.on('mousemove', (e) => {
      for (const cb of this.moveListeners) cb([e.lngLat.lng, e.lngLat.lat]);
    });
    map.getCanvas().addEventListener('mouseleave', () => {
      for (const cb of this.moveListeners) cb(null);
    });
    map.on('zoom', () => {
      if (this.largeVectorsDue()) this.scheduleInstall();
    });
    map.on('moveend', () => {
      const v = this.view();
      for (const cb of this.viewListeners) cb(v);
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: { error?: { message: string } }): void =>
        reject(new Error(e.error?.message ?? 'map failed to load'));
      map.once('error', onError);
      map.once('idle', () => {
        map.off('error', onError);
        resolve();
      });
    });
    // On a phone the attribution starts folded (its ⓘ opens it): unfolded it covers the south of the first view.
    if (container.clientWidth <= 700) container.querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
    void this.extras.restore();
  }

  destroy(): void {
    this.map?.remove();
    this.map = null;
    this.viewListeners.clear();
    this.clickListeners.clear();
    this.moveListeners.clear();
  }

  setLanguage(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.applyStyle();
  }

  setBasemap(id: BasemapId, options: { tiandituKey?: string; reviewNumber?: string } = {}): void {
    const key = options.tiandituKey ?? this.tiandituKey;
    if (id !== this.current || key !== this.tiandituKey) {
      this.current = id;
      this.tiandituKey = key;
      this.applyStyle();
    }
    this.extras.basemapChanged(options.reviewNumber);
  }

  setUserBasemap(file: Blob | string | null, name?: string): Promise<UserBasemapInfo | null> {
    return this.extras.setUserBasemap(file, name);
  }

  userBasemap(): UserBasemapInfo | null {
    return this.extras.userBasemap();
  }

  reviewNumber(): string | null {
    return this.extras.reviewNumber();
  }

  renderedBasemap(): { countyLines: number; countyNames: string[]; user: Record<string, number> } {
    return this.extras.rendered(this.requireMap());
  }

  snapToBasemap(position: LonLat, tolerancePx: number): LonLat | null {
    return snapToBasemap(this.requireMap(), position, tolerancePx);
  }

  basemap(): BasemapId {
    return this.current;
  }

  view(): ViewState {
    const map = this.requireMap();
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
  }

  fitBounds(bbox: readonly [number, number, number, number], padding?: Insets): void {
    const p = padding ?? { top: 40, right: 40, bottom: 40, left: 40 };
    const extra = padding ? null : (this.fitInsets?.() ?? null);
    const sum = extra ? { top: p.top + extra.top, right: p.right + extra.right, bottom: p.bottom + extra.bottom, left: p.left + extra.left } : p;
    this.requireMap().fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: sum, duration: 0 });
  }

  private fitInsets: (() => Insets | null) | null = null;
  setFitInsets(provider: (() => Insets | null) | null): void {
    this.fitInsets = provider;
  }

  async renderOffscreen(request: OffscreenRequest): Promise<OffscreenImage> {
    const { renderOffscreen } = await import('./offscreen-render');
    return renderOffscreen(this.requireMap(), request, CJK_FONTS);
  }

  renderedPlaceLabels(): string[] {
    return placeLabels(this.requireMap(), this.lang);
  }

  whenIdle(): Promise<void> {
    return whenMapIdle(this.requireMap());
  }

  whenLayersRendered(): Promise<void> {
    return whenRendered(this.requireMap(), (map) => this.layersReady(map));
  }

  /** Whether the basemap sources and every thematic layer's source are loaded (not the decorations). */
  private layersReady(map: MaplibreMap): boolean {
    return sourcesLoaded(map, this.thematic);
  }

  onViewChange(callback: (view: ViewState) => void): () => void {
    this.viewListeners.add(callback);
    return () => this.viewListeners.delete(callback);
  }

  setView(view: ViewState): void {
    this.requireMap().jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  setLayerData(layer: string, data: FeatureCollection): void {
    const prev = this.thematic.get(layer);
    // The precision circles are computed when first drawn (with the decorations, after the first frame).
    let precision: FeatureCollection | undefined;
    const state: ThematicState = {
      data,
      get precision(): FeatureCollection {
        return (precision ??= precisionFeatures(data));
      },
      visible: prev?.visible ?? true,
      opacity: prev?.opacity ?? 1,
    };
    this.thematic.set(layer, state);
    if (!this.map || !this.styleReady) return;
    // A layer that had an overview loses it (and its zoom range): re-install.
    if (prev && !prev.overview && this.map.getSource(`t-${layer}`)) {
      this.setSourceData(this.map, `t-${layer}`, state.data);
      if (this.decorated) this.setSourceData(this.map, `t-${layer}-precision`, state.precision);
      this.stacks.refresh(this.map, this.stackInputs());
    } else {
      this.scheduleInstall();
    }
  }

  setLayerUrl(layer: string, url: string, overview: LayerOverview | null = null): void {
    const prev = this.thematic.get(layer);
    if (prev?.data === url && (prev.overview?.url ?? null) === (overview?.url ?? null)) return;
    this.thematic.set(layer, { data: url, precision: EMPTY, visible: prev?.visible ?? true, opacity: prev?.opacity ?? 1, overview });
    if (!this.map || !this.styleReady) return;
    if (overview !== null || prev?.overview) {
      this.scheduleInstall();
    } else if (prev && this.map.getSource(`t-${layer}`)) {
      this.setSourceData(this.map, `t-${layer}`, url);
      this.setSourceData(this.map, `t-${layer}-precision`, EMPTY);
    } else {
      this.scheduleInstall();
    }
  }

  private warmUp: Promise<void> | null = null;
  warmUpShaders(): Promise<void> {
    if (this.warmUp) return this.warmUp;
    const map = this.requireMap();
    this.warmUp = warmUpShaders(map, warmUpSpecs(map), () => this.map !== map).then(
      () => undefined,
      (e: unknown) => console.warn('shader warm-up stopped:', e),
    );
    return this.warmUp;
  }

  setLayerVisibility(layer: string, visible: boolean): void {
    const st = this.thematic.get(layer) ?? { data: EMPTY, precision: EMPTY, visible, opacity: 1 };
    st.visible = visible;
    this.thematic.set(layer, st);
    const map = this.map;
    if (!map || !this.styleReady) return;
    for (const id of [overviewLayerId(layer), ...thematicLayerIds(layer)]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
    this.stacks.refresh(map, this.stackInputs());
  }

  setLayerOpacity(layer: string, opacity: number): void {
    const st = this.thematic.get(layer);
    if (!st) return;
    st.opacity = Math.max(0, Math.min(1, opacity));
    if (this.map && this.styleReady) this.installOverlays();
  }

  setSelected(featureId: string | null): void {
    this.selected = featureId;
    const map = this.map;
    if (!map || !this.styleReady) return;
    for (const layer of this.thematic.keys()) {
      const id = `${layer}-selected`;
      if (map.getLayer(id)) map.setFilter(id, ['==', ['get', 'id'], featureId ?? '\u0000']);
    }
  }

  onClick(callback: (event: MapClick) => void): () => void {
    this.clickListeners.add(callback);
    return () => this.clickListeners.delete(callback);
  }

  onPointerMove(callback: (position: LonLat | null) => void): () => void {
    this.moveListeners.add(callback);
    return () => this.moveListeners.delete(callback);
  }

  setMeasure(vertices: readonly LonLat[], closed: boolean): void {
    this.pointer.setMeasure(vertices, closed);
    if (this.map && this.styleReady) this.pointer.update(this.map);
  }
  setQueryMarker(point: LonLat | null, radiusM: number): void {
    this.pointer.setQuery(point, radiusM);
    if (this.map && this.styleReady) this.pointer.update(this.map);
  }

  setCursor(cursor: 'default' | 'crosshair'): void {
    const canvas = this.map?.getCanvas();
    if (canvas) canvas.style.cursor = cursor === 'default' ? '' : cursor;
  }

  project(position: LonLat): { x: number; y: number } {
    const p = this.requireMap().project([position[0], position[1]]);
    return { x: p.x, y: p.y };
  }

  metresPerPixel(): number {
    const map = this.requireMap();
    const lat = map.getCenter().lat;
    return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  }

  snapshot(): string {
    const map = this.requireMap();
    // Read right after a synchronous frame: the drawing buffer is not preserved once a frame is shown.
    map.redraw();
    return map.getCanvas().toDataURL('image/png');
  }

  renderedFeatureIds(): string[] {
    return renderedIds(this.requireMap(), [...this.thematic.keys()]);
  }

  setAnalysisLayer(id: string, data: FeatureCollection | null): void {
    const isNew = data !== null && !this.analysis.hasVector(id);
    const ready = this.map && this.styleReady ? this.map : null;
    this.analysis.setVector(ready, id, data);
    // A new overlay goes on top of the others, under the measuring and query overlays; nothing else is re-added.
    if (ready && isNew) this.analysis.installVector(ready, id, OVERLAY_LAYERS.find((l) => ready.getLayer(l) !== undefined));
  }

  setImageOverlay(id: string, image: OverlayImage | null, bounds: readonly [number, number, number, number], opacity: number): void {
    const isNew = image !== null && !this.analysis.hasImage(id);
    const ready = this.map && this.styleReady ? this.map : null;
    this.analysis.setImage(ready, id, image, bounds, opacity);
    if (ready && isNew) this.installOverlays();
  }

  renderedAnalysisCount(id: string): number {
    return this.analysis.renderedCount(this.requireMap(), id);
  }

  private readonly draw = new LazyDraw(() => this.requireMap());  startDraw(options: DrawOptions, onChange: (change: DrawChange) => void): void {
    this.draw.start(options, onChange);
  }
  setDrawRing(ring: readonly LonLat[] | null): void {
    this.draw.setRing(ring);
  }
  undoDrawVertex(): void {
    this.draw.undoVertex();
  }
  stopDraw(): void {
    this.draw.stop();
  }
  setDraggableAnchor(position: LonLat | null, onDrop?: (position: LonLat) => void): void {
    this.draw.setAnchor(position, onDrop);
  }

  private visibleLayers(): string[] {
    return [...this.thematic].filter(([, st]) => st.visible).map(([layer]) => layer);
  }

  private orderedLayers(): string[] {
    return inDrawOrder([...this.thematic.keys()]);
  }

  private installScheduled = false;

  /** Installs the overlays once at the end of the current task, however many layers arrive in it. */
  private scheduleInstall(): void {
    if (this.installScheduled) return;
    this.installScheduled = true;
    queueMicrotask(() => {
      this.installScheduled = false;
      if (this.map && this.styleReady) this.installOverlays();
    });
  }

  /** Data objects last given to each source, so an unchanged source is not sent to the worker again. */
  private readonly sourceData = new Map<string, unknown>();

  private setSourceData(map: MaplibreMap, id: string, data: FeatureCollection | string): void {
    setGeojsonSource(map, id, data, this.sourceData);
  }

  /** (Re)adds every thematic and overlay layer in drawing order; sources are kept and updated. */
  private installOverlays(): void {
    const map = this.map;
    if (!map) return;
    if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
    if (!map.hasImage(CONFLICT_HATCH_IMAGE)) map.addImage(CONFLICT_HATCH_IMAGE, conflictHatchImage());
    for (const layer of this.orderedLayers()) {
      for (const id of [overviewLayerId(layer), ...thematicLayerIds(layer)]) if (map.getLayer(id)) map.removeLayer(id);
    }
    this.pointer.remove(map);
    this.analysis.installImages(map);
    for (const layer of this.orderedLayers()) {
      const st = this.thematic.get(layer);
      if (!st) continue;
      const src = `t-${layer}`;
      const psrc = `t-${layer}-precision`;
      const large = installOverview(map, layer, st, this.sourceData);
      if (!large) this.largeVectors.delete(layer);
      if (large && !this.largeVectors.has(layer)) {
        if (map.getZoom() < LARGE_VECTOR_MIN_ZOOM - 1) continue;
        this.largeVectors.add(layer);
      }
      this.setSourceData(map, src, st.data);
      if (this.decorated) this.setSourceData(map, psrc, st.precision);
      const decorations = new Set(decorationLayerIds(layer));
      const specs = thematicLayers(layer, src, psrc, st.opacity, st.visible, this.selected).filter((spec) => this.decorated || !decorations.has(spec.id));
      addGeneratedLayers(map, large ? specs.map(atLargeZoom) : specs);
    }
    this.stacks.install(map, this.stackInputs());
    this.analysis.installVectors(map);
    if (this.decorated) this.pointer.install(map);
  }

  /** Adds the decorations to the installed layers, each in its place among its layer's map layers; the overlays on top. */
  private installDecorations(map: MaplibreMap): void {
    for (const layer of this.orderedLayers()) {
      const st = this.thematic.get(layer);
      const src = `t-${layer}`;
      const psrc = `t-${layer}-precision`;
      if (!st || !map.getSource(src)) continue;
      const decorations = new Set(decorationLayerIds(layer));
      const specs = thematicLayers(layer, src, psrc, st.opacity, st.visible, this.selected);
      if (!specs.some((spec) => decorations.has(spec.id) && !map.getLayer(spec.id))) continue;
      this.setSourceData(map, psrc, st.precision);
      specs.forEach((spec, i) => {
        if (!decorations.has(spec.id) || map.getLayer(spec.id)) return;
        const beforeId = specs.slice(i + 1).find((next) => map.getLayer(next.id))?.id;
        map.addLayer(st.overview ? atLargeZoom(spec) : spec, beforeId);
      });
    }
    this.pointer.install(map);
  }

  /** Large layers with an overview whose polygons have been loaded (from near {@link LARGE_VECTOR_MIN_ZOOM} on). */
  private readonly largeVectors = new Set<string>();

  /** Whether the map has come near {@link LARGE_VECTOR_MIN_ZOOM} with a large layer's polygons not loaded yet. */
  private largeVectorsDue(): boolean {
    const map = this.map;
    if (!map || !this.styleReady || map.getZoom() < LARGE_VECTOR_MIN_ZOOM - 1) return false;
    for (const [layer, st] of this.thematic) if (st.overview && !this.largeVectors.has(layer)) return true;
    return false;
  }

  private applyStyle(): void {
    this.styleReady = false;
    this.map?.setStyle(basemapStyle(this.current, this.lang, this.tiandituKey, this.extras.userStyle(this.lang)), { diff: false });
  }

  renderedStacks(): RenderedStack[] {
    return this.stacks.rendered(this.requireMap());
  }

  private stackInputs(): StackInput[] {
    return [...this.thematic].map(([layer, st]) => ({ layer, data: st.data, visible: st.visible }));
  }

  private requireMap(): MaplibreMap {
    if (!this.map) throw new Error('MapView used before mount');
    return this.map;
  }
}
