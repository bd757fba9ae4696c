import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl, prewarm, setWorkerUrl } from 'maplibre-gl';
import { DRAW_ORDER } from '../core/model/layer-registry';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { basemapStyle } from './basemap-style';
import type { DrawChange, DrawOptions, BasemapId, Insets, Lang, LayerOverview, LonLat, MapApi, MapClick, ViewState } from './map-api';
import type { OffscreenImage, OffscreenRequest } from './offscreen-render';
import { LARGE_VECTOR_MIN_ZOOM } from './map-api';
import { displayCircle, geodesicCircle } from '../core/geo/circle';
import { HATCH_IMAGE, clickableLayerIds, decorationLayerIds, hatchImage, thematicLayerIds, thematicLayers } from './thematic-style';
import { CONFLICT_HATCH_IMAGE, CONFLICT_LAYER, conflictHatchImage } from './conflict-style';
import { warmUpShaders } from './shader-warmup';
import { AnalysisOverlays, analysisVectorLayers } from './analysis-overlays';
import type { OverlayImage } from './map-api';
import { BasemapExtras } from './basemap-extras';
import { snapToBasemap } from './basemap-snap';
import type { DrawController } from './draw-controller';
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

/** Bottom-to-top drawing order of the known thematic layers (layer identity is in core/model/layer-registry). */
const LAYER_ORDER = DRAW_ORDER;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface ThematicState {
  /** The features, or a URL MapLibre fetches in its worker (large imported layers). */
  data: FeatureCollection | string;
  precision: FeatureCollection;
  visible: boolean;
  opacity: number;
  /** Overview image of a large layer, drawn instead of its polygons below {@link LARGE_VECTOR_MIN_ZOOM}. */
  overview?: LayerOverview | null;
}

/** Map-layer id of a large layer's overview image. */
const overviewLayerId = (layer: string): string => `${layer}-overview`;
/** Source id of a large layer's overview image. */
const overviewSourceId = (layer: string): string => `t-${layer}-overview`;

const OVERLAY_LAYERS = ['measure-fill', 'measure-line', 'measure-vertex', 'query-radius', 'query-point'];

/**
 * Adds map layers made by thematic-style.ts, in order, on top. Map.addLayer validates every layer against the whole
 * style, serialising the style each time (quadratic in the number of layers: tens of milliseconds for the startup
 * layers on a slow machine). These specs are checked against the style spec by the unit tests instead, so all but
 * the last are added to the style unvalidated; the last goes through Map.addLayer, which also schedules the update.
 */
function addGeneratedLayers(map: MaplibreMap, specs: readonly LayerSpecification[]): void {
  specs.forEach((spec, i) => {
    if (i === specs.length - 1) map.addLayer(spec);
    else map.style.addLayer(spec, undefined, { validate: false });
  });
}

/** A large layer's map layers start at {@link LARGE_VECTOR_MIN_ZOOM} (its overview image is drawn below). */
function atLargeZoom(spec: LayerSpecification): LayerSpecification {
  return { ...spec, minzoom: Math.max(spec.minzoom ?? 0, LARGE_VECTOR_MIN_ZOOM) } as LayerSpecification;
}

function anchorOf(f: Feature): LonLat | null {
  const a: unknown = f.properties?.['anchor'];
  if (a && typeof a === 'object' && 'lon' in a && 'lat' in a && typeof a.lon === 'number' && typeof a.lat === 'number') {
    return [a.lon, a.lat];
  }
  if (f.geometry?.type === 'Point') {
    const [lon, lat] = f.geometry.coordinates;
    if (lon !== undefined && lat !== undefined) return [lon, lat];
  }
  return null;
}

/** Precision circles (as rings) and anchor points of every feature with a precision radius. */
function precisionFeatures(data: FeatureCollection): FeatureCollection {
  const out: Feature[] = [];
  for (const f of data.features) {
    const r: unknown = f.properties?.['precisionM'];
    const centre = anchorOf(f);
    if (typeof r !== 'number' || !(r > 0) || !centre) continue;
    const id: unknown = f.properties?.['id'];
    const props = { id: typeof id === 'string' ? id : '', precisionM: r };
    const circle = displayCircle([centre[0], centre[1]], r, 96);
    out.push({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: circle.coordinates[0] ?? [] } });
    out.push({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [centre[0], centre[1]] } });
  }
  return { type: 'FeatureCollection', features: out };
}

/** The one class that owns a MapLibre map. */
const CJK_FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

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
  private measure: { vertices: LonLat[]; closed: boolean } = { vertices: [], closed: false };
  private query: { point: LonLat; radiusM: number } | null = null;
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
      const event: MapClick = { position: [e.lngLat.lng, e.lngLat.lat], features: this.featuresAt(e.point.x, e.point.y) };
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
    const map = this.requireMap();
    if (!map.getLayer('places-label')) return [];
    const names = map
      .queryRenderedFeatures({ layers: ['places-label'] })
      .map((f) => String((this.lang === 'en' ? f.properties['nameEn'] : undefined) ?? f.properties['name'] ?? ''));
    return [...new Set(names)].filter((n) => n.length > 0).sort();
  }

  whenIdle(): Promise<void> {
    const map = this.requireMap();
    return new Promise((resolve) => {
      let done = false;
      let rendered = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearInterval(timer);
        map.off('idle', finish);
        map.off('render', onRender);
        resolve();
      };
      const onRender = (): void => {
        rendered = true;
      };
      // 'idle' is the normal signal; the poll covers a map that was already idle and renders one frame without firing it again.
      const timer = setInterval(() => {
        if (rendered && map.loaded() && !map.isMoving()) finish();
      }, 150);
      map.on('render', onRender);
      map.once('idle', finish);
      map.triggerRepaint();
    });
  }

  whenLayersRendered(): Promise<void> {
    const map = this.requireMap();
    return new Promise((resolve) => {
      const onRender = (): void => {
        if (!this.layersReady(map)) return;
        map.off('render', onRender);
        resolve();
      };
      map.on('render', onRender);
      map.triggerRepaint();
    });
  }

  /** Whether the basemap sources and every thematic layer's source are loaded (not the decorations). */
  private layersReady(map: MaplibreMap): boolean {
    const ids = [
      'world',
      'shanxi',
      'rivers',
      'places',
      ...[...this.thematic.entries()].flatMap(([l, st]) => {
        if (!st.overview) return [`t-${l}`];
        return map.getSource(`t-${l}`) === undefined ? [overviewSourceId(l)] : [overviewSourceId(l), `t-${l}`];
      }),
    ];
    return ids.every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id));
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
    const specs: LayerSpecification[] = [
      ...(map.getStyle().layers ?? []),
      ...thematicLayers('imported:permanent-basic-farmland:warmup', 'warmup', 'warmup', 1, true, null),
      ...thematicLayers('meteo-site', 'warmup', 'warmup', 1, true, null),
      ...thematicLayers(CONFLICT_LAYER, 'warmup', 'warmup', 1, true, null),
      ...analysisVectorLayers('warmup', 'warmup'),
      { id: 'warmup-overview', type: 'raster', source: 'warmup', paint: { 'raster-opacity': 1, 'raster-fade-duration': 0, 'raster-resampling': 'linear' } },
    ];
    this.warmUp = warmUpShaders(map, specs, () => this.map !== map).then(
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
    this.measure = { vertices: [...vertices], closed };
    this.updateOverlaySources();
  }

  setQueryMarker(point: LonLat | null, radiusM: number): void {
    this.query = point ? { point, radiusM } : null;
    this.updateOverlaySources();
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
    const map = this.requireMap();
    const layers = [...this.thematic.keys()].flatMap(clickableLayerIds).filter((id) => map.getLayer(id));
    if (layers.length === 0) return [];
    const ids = map.queryRenderedFeatures({ layers }).map((f) => String(f.properties['id'] ?? ''));
    return [...new Set(ids)].filter((id) => id !== '').sort();
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

  private drawing: Promise<DrawController> | null = null;
  /** terra-draw loads on first use (not with the first paint); calls keep their order through the one promise. */
  private withDrawing(fn: (d: DrawController) => void): void {
    this.drawing ??= import('./draw-controller').then((m) => new m.DrawController(() => this.requireMap()));
    void this.drawing.then(fn).catch((error: unknown) => console.error('drawing failed', error));
  }
  startDraw(options: DrawOptions, onChange: (change: DrawChange) => void): void {
    this.withDrawing((d) => d.start(options, onChange));
  }
  setDrawRing(ring: readonly LonLat[] | null): void {
    this.withDrawing((d) => d.setRing(ring));
  }
  undoDrawVertex(): void {
    this.withDrawing((d) => d.undoVertex());
  }
  stopDraw(): void {
    if (this.drawing) this.withDrawing((d) => d.stop());
  }
  setDraggableAnchor(position: LonLat | null, onDrop?: (position: LonLat) => void): void {
    if (this.drawing || position !== null) this.withDrawing((d) => d.setAnchor(position, onDrop));
  }

  private featuresAt(x: number, y: number): Array<{ layer: string; id: string }> {
    const map = this.requireMap();
    const owner = new Map<string, string>();
    for (const layer of this.thematic.keys()) {
      if (!this.thematic.get(layer)?.visible) continue;
      for (const id of clickableLayerIds(layer)) if (map.getLayer(id)) owner.set(id, layer);
    }
    if (owner.size === 0) return [];
    const hits = map.queryRenderedFeatures(
      [
        [x - 4, y - 4],
        [x + 4, y + 4],
      ],
      { layers: [...owner.keys()] },
    );
    const out = this.stacks.hitsAt(map, [[x - 4, y - 4], [x + 4, y + 4]]);
    const seen = new Set<string>(out.map((h) => h.id));
    for (const h of hits) {
      const id = String(h.properties['id'] ?? '');
      const layer = owner.get(h.layer.id);
      if (!layer || id === '' || seen.has(id)) continue;
      seen.add(id);
      out.push({ layer, id });
    }
    return out;
  }

  private orderedLayers(): string[] {
    const keys = [...this.thematic.keys()];
    const known = LAYER_ORDER.filter((l) => keys.includes(l));
    return [...known, ...keys.filter((k) => !LAYER_ORDER.includes(k))];
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
    const source = map.getSource(id) as GeoJSONSource | undefined;
    if (source) {
      if (this.sourceData.get(id) !== data) source.setData(data);
    } else {
      map.addSource(id, { type: 'geojson', data });
    }
    this.sourceData.set(id, data);
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
    for (const id of OVERLAY_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
    this.analysis.installImages(map);
    for (const layer of this.orderedLayers()) {
      const st = this.thematic.get(layer);
      if (!st) continue;
      const src = `t-${layer}`;
      const psrc = `t-${layer}-precision`;
      const large = this.installOverview(map, layer, st);
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
    if (this.decorated) this.installPointerOverlays(map);
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
    this.installPointerOverlays(map);
  }

  /** The measuring line and the query marker, above everything else. */
  private installPointerOverlays(map: MaplibreMap): void {
    for (const id of OVERLAY_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
    if (!map.getSource('measure')) map.addSource('measure', { type: 'geojson', data: EMPTY });
    if (!map.getSource('query')) map.addSource('query', { type: 'geojson', data: EMPTY });
    const overlays: LayerSpecification[] = [
      { id: 'measure-fill', type: 'fill', source: 'measure', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#0072B2', 'fill-opacity': 0.15 } },
      { id: 'measure-line', type: 'line', source: 'measure', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#0072B2', 'line-width': 2.5 } },
      { id: 'measure-vertex', type: 'circle', source: 'measure', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#0072B2', 'circle-stroke-width': 2 } },
      { id: 'query-radius', type: 'line', source: 'query', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#000000', 'line-width': 1.5, 'line-dasharray': [2, 2] } },
      { id: 'query-point', type: 'circle', source: 'query', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': '#000000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
    ];
    for (const spec of overlays) map.addLayer(spec);
    this.updateOverlaySources();
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

  /**
   * Adds (or replaces, or with no overview removes) a large layer's overview image and its raster
   * layer, drawn below {@link LARGE_VECTOR_MIN_ZOOM}; returns whether the layer has one.
   */
  private installOverview(map: MaplibreMap, layer: string, st: ThematicState): boolean {
    const id = overviewSourceId(layer);
    const o = st.overview ?? null;
    if (map.getSource(id) && this.sourceData.get(id) !== o?.url) {
      map.removeSource(id);
      this.sourceData.delete(id);
    }
    if (o === null) {
      this.largeVectors.delete(layer);
      return false;
    }
    const [w, s, e, n] = o.bounds;
    if (!map.getSource(id)) {
      map.addSource(id, { type: 'image', url: o.url, coordinates: [[w, n], [e, n], [e, s], [w, s]] });
      this.sourceData.set(id, o.url);
    }
    map.addLayer({
      id: overviewLayerId(layer),
      type: 'raster',
      source: id,
      maxzoom: LARGE_VECTOR_MIN_ZOOM,
      layout: { visibility: st.visible ? 'visible' : 'none' },
      paint: { 'raster-opacity': st.opacity, 'raster-fade-duration': 0, 'raster-resampling': 'linear' },
    });
    return true;
  }

  private updateOverlaySources(): void {
    const map = this.map;
    if (!map || !this.styleReady) return;
    const m = this.measure;
    const coords = m.vertices.map((v) => [v[0], v[1]]);
    const features: Feature[] = coords.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }));
    if (coords.length >= 2) {
      const first = coords[0]!;
      const geometry: Geometry =
        m.closed && coords.length >= 3
          ? { type: 'Polygon', coordinates: [[...coords, first]] }
          : { type: 'LineString', coordinates: coords };
      features.push({ type: 'Feature', properties: {}, geometry });
    }
    (map.getSource('measure') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    const q = this.query;
    const qf: Feature[] = [];
    if (q) {
      qf.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [q.point[0], q.point[1]] } });
      if (q.radiusM > 0) qf.push({ type: 'Feature', properties: {}, geometry: geodesicCircle([q.point[0], q.point[1]], q.radiusM, 96) });
    }
    (map.getSource('query') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: qf });
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
