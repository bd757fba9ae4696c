import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { basemapStyle } from './basemap-style';
import type { BasemapId, Lang, LonLat, MapApi, MapClick, ViewState } from './map-api';
import { displayCircle, geodesicCircle } from '../core/geo/circle';
import { HATCH_IMAGE, clickableLayerIds, hatchImage, thematicLayerIds, thematicLayers } from './thematic-style';
import { CONFLICT_HATCH_IMAGE, conflictHatchImage } from './conflict-style';
import { AnalysisOverlays } from './analysis-overlays';
import type { OverlayImage } from './map-api';

setWorkerUrl(workerUrl);

/** The view that shows the whole of Shanxi. */
export const SHANXI_VIEW: ViewState = { lon: 112.3, lat: 37.6, zoom: 5.6 };

/** Bottom-to-top drawing order of the known thematic layers; others go on top in the order they arrive. */
const LAYER_ORDER = ['relic-control', 'chemical-park', 'relic-protection', 'land-acquisition', 'meteo-site', 'imported', 'qa'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface ThematicState {
  /** The features, or a URL MapLibre fetches in its worker (large imported layers). */
  data: FeatureCollection | string;
  precision: FeatureCollection;
  visible: boolean;
  opacity: number;
}

const OVERLAY_LAYERS = ['measure-fill', 'measure-line', 'measure-vertex', 'query-radius', 'query-point'];

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
export class MapView implements MapApi {
  private map: MaplibreMap | null = null;
  private lang: Lang = 'zh-CN';
  private current: BasemapId = 'offline';
  private tiandituKey = '';
  private readonly viewListeners = new Set<(view: ViewState) => void>();
  private readonly clickListeners = new Set<(event: MapClick) => void>();
  private readonly moveListeners = new Set<(position: LonLat | null) => void>();
  private readonly thematic = new Map<string, ThematicState>();
  private selected: string | null = null;
  private measure: { vertices: LonLat[]; closed: boolean } = { vertices: [], closed: false };
  private query: { point: LonLat; radiusM: number } | null = null;
  private styleReady = false;
  private readonly analysis = new AnalysisOverlays();

  async mount(container: HTMLElement, view: ViewState = SHANXI_VIEW): Promise<void> {
    if (this.map) throw new Error('MapView.mount called twice');
    const map = new MaplibreMap({
      container,
      style: basemapStyle(this.current, this.lang, this.tiandituKey),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      attributionControl: false,
      localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map = map;
    map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.addControl(new AttributionControl({ compact: true, customAttribution: 'Natural Earth · DCW/GSHHG (LGPL) · 锚点 Vonng/adcode' }));
    map.on('style.load', () => {
      this.styleReady = true;
      this.installOverlays();
    });
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

  setBasemap(id: BasemapId, options: { tiandituKey?: string } = {}): void {
    const key = options.tiandituKey ?? this.tiandituKey;
    if (id === this.current && key === this.tiandituKey) return;
    this.current = id;
    this.tiandituKey = key;
    this.applyStyle();
  }

  basemap(): BasemapId {
    return this.current;
  }

  view(): ViewState {
    const map = this.requireMap();
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
  }

  fitBounds(bbox: readonly [number, number, number, number], padding?: { top: number; right: number; bottom: number; left: number }): void {
    this.requireMap().fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: padding ?? 40, duration: 0 });
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
    const ids = (): string[] => ['world', 'shanxi', 'rivers', 'places', ...[...this.thematic.keys()].map((l) => `t-${l}`)];
    const ready = (): boolean => ids().every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id));
    return new Promise((resolve) => {
      const onRender = (): void => {
        if (!ready()) return;
        map.off('render', onRender);
        resolve();
      };
      map.on('render', onRender);
      map.triggerRepaint();
    });
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
    const state: ThematicState = { data, precision: precisionFeatures(data), visible: prev?.visible ?? true, opacity: prev?.opacity ?? 1 };
    this.thematic.set(layer, state);
    if (!this.map || !this.styleReady) return;
    if (prev && this.map.getSource(`t-${layer}`)) {
      this.setSourceData(this.map, `t-${layer}`, state.data);
      this.setSourceData(this.map, `t-${layer}-precision`, state.precision);
    } else {
      this.scheduleInstall();
    }
  }

  setLayerUrl(layer: string, url: string): void {
    const prev = this.thematic.get(layer);
    if (prev?.data === url) return;
    this.thematic.set(layer, { data: url, precision: EMPTY, visible: prev?.visible ?? true, opacity: prev?.opacity ?? 1 });
    if (!this.map || !this.styleReady) return;
    if (prev && this.map.getSource(`t-${layer}`)) {
      this.setSourceData(this.map, `t-${layer}`, url);
      this.setSourceData(this.map, `t-${layer}-precision`, EMPTY);
    } else {
      this.scheduleInstall();
    }
  }

  setLayerVisibility(layer: string, visible: boolean): void {
    const st = this.thematic.get(layer) ?? { data: EMPTY, precision: EMPTY, visible, opacity: 1 };
    st.visible = visible;
    this.thematic.set(layer, st);
    const map = this.map;
    if (!map || !this.styleReady) return;
    for (const id of thematicLayerIds(layer)) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
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
    if (ready && isNew) this.installOverlays();
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
    const out: Array<{ layer: string; id: string }> = [];
    const seen = new Set<string>();
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
      for (const id of thematicLayerIds(layer)) if (map.getLayer(id)) map.removeLayer(id);
    }
    for (const id of OVERLAY_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
    this.analysis.installImages(map);
    for (const layer of this.orderedLayers()) {
      const st = this.thematic.get(layer);
      if (!st) continue;
      const src = `t-${layer}`;
      const psrc = `t-${layer}-precision`;
      this.setSourceData(map, src, st.data);
      this.setSourceData(map, psrc, st.precision);
      for (const spec of thematicLayers(layer, src, psrc, st.opacity, st.visible, this.selected)) map.addLayer(spec);
    }
    this.analysis.installVectors(map);
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
    this.map?.setStyle(basemapStyle(this.current, this.lang, this.tiandituKey), { diff: false });
  }

  private requireMap(): MaplibreMap {
    if (!this.map) throw new Error('MapView used before mount');
    return this.map;
  }
}
