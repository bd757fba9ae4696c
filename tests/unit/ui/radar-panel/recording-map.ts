import type { FeatureCollection } from 'geojson';
import type { BasemapId, Lang, LayerOverview, LonLat, MapApi, MapClick, OverlayImage, ViewState } from '../../../../src/map/map-api';

/** One recorded call: the method name and its arguments. */
export interface FakeMapCall {
  readonly method: keyof MapApi;
  readonly args: readonly unknown[];
}

/**
 * A recording fake of {@link MapApi} for component tests (no MapLibre, no WebGL): every call is appended to
 * `calls`; the state the UI can read back (layers, analysis overlays, image overlays, visibility, opacity,
 * selection, cursor, measure, query marker, camera) is kept in plain maps; `click()` and `movePointer()`
 * play user input to the registered callbacks. Projection is a plain equirectangular mapping, enough for
 * tests that check where something would be drawn relative to something else.
 */
export class FakeMap implements MapApi {
  /** Every call in order. */
  readonly calls: FakeMapCall[] = [];
  readonly layerData = new Map<string, FeatureCollection>();
  readonly layerUrls = new Map<string, { url: string; overview: LayerOverview | null }>();
  readonly analysis = new Map<string, FeatureCollection>();
  readonly images = new Map<string, { image: OverlayImage; bounds: readonly [number, number, number, number]; opacity: number }>();
  readonly visibility = new Map<string, boolean>();
  readonly opacity = new Map<string, number>();
  selected: string | null = null;
  cursor: 'default' | 'crosshair' = 'default';
  measure: { vertices: readonly LonLat[]; closed: boolean } = { vertices: [], closed: false };
  queryMarker: { point: LonLat | null; radiusM: number } = { point: null, radiusM: 0 };
  language: Lang = 'zh-CN';
  mounted = false;
  private currentView: ViewState = { lon: 112, lat: 37.5, zoom: 6 };
  private currentBasemap: BasemapId = 'offline';
  private readonly clickListeners = new Set<(event: MapClick) => void>();
  private readonly moveListeners = new Set<(position: LonLat | null) => void>();
  private readonly viewListeners = new Set<(view: ViewState) => void>();

  private record(method: keyof MapApi, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  /** The recorded calls of one method. */
  callsOf(method: keyof MapApi): FakeMapCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Plays a click at `position` over `features` (topmost first) to every click listener. */
  click(position: LonLat, features: MapClick['features'] = []): void {
    for (const l of [...this.clickListeners]) l({ position, features });
  }

  /** Plays a pointer move (null = the pointer left the map). */
  movePointer(position: LonLat | null): void {
    for (const l of [...this.moveListeners]) l(position);
  }

  /** Number of registered click listeners (to check that views unsubscribe). */
  get clickListenerCount(): number {
    return this.clickListeners.size;
  }

  async mount(container: HTMLElement, view?: ViewState): Promise<void> {
    this.record('mount', container, view);
    if (view) this.currentView = view;
    this.mounted = true;
  }
  destroy(): void {
    this.record('destroy');
    this.mounted = false;
  }
  setLanguage(lang: Lang): void {
    this.record('setLanguage', lang);
    this.language = lang;
  }
  setBasemap(id: BasemapId, options?: { tiandituKey?: string }): void {
    this.record('setBasemap', id, options);
    this.currentBasemap = id;
  }
  basemap(): BasemapId {
    return this.currentBasemap;
  }
  view(): ViewState {
    return this.currentView;
  }
  fitBounds(bbox: readonly [number, number, number, number], padding?: { top: number; right: number; bottom: number; left: number }): void {
    this.record('fitBounds', bbox, padding);
    this.setView({ lon: (bbox[0] + bbox[2]) / 2, lat: (bbox[1] + bbox[3]) / 2, zoom: this.currentView.zoom });
  }
  renderedPlaceLabels(): string[] {
    return [];
  }
  async whenIdle(): Promise<void> {}
  async whenLayersRendered(): Promise<void> {}
  onViewChange(callback: (view: ViewState) => void): () => void {
    this.viewListeners.add(callback);
    return () => this.viewListeners.delete(callback);
  }
  setView(view: ViewState): void {
    this.record('setView', view);
    this.currentView = view;
    for (const l of [...this.viewListeners]) l(view);
  }
  setLayerData(layer: string, data: FeatureCollection): void {
    this.record('setLayerData', layer, data);
    this.layerData.set(layer, data);
  }
  setLayerUrl(layer: string, url: string, overview?: LayerOverview | null): void {
    this.record('setLayerUrl', layer, url, overview);
    this.layerUrls.set(layer, { url, overview: overview ?? null });
  }
  async warmUpShaders(): Promise<void> {
    this.record('warmUpShaders');
  }
  setLayerVisibility(layer: string, visible: boolean): void {
    this.record('setLayerVisibility', layer, visible);
    this.visibility.set(layer, visible);
  }
  setLayerOpacity(layer: string, opacity: number): void {
    this.record('setLayerOpacity', layer, opacity);
    this.opacity.set(layer, opacity);
  }
  setSelected(featureId: string | null): void {
    this.record('setSelected', featureId);
    this.selected = featureId;
  }
  onClick(callback: (event: MapClick) => void): () => void {
    this.record('onClick', callback);
    this.clickListeners.add(callback);
    return () => this.clickListeners.delete(callback);
  }
  onPointerMove(callback: (position: LonLat | null) => void): () => void {
    this.record('onPointerMove', callback);
    this.moveListeners.add(callback);
    return () => this.moveListeners.delete(callback);
  }
  setMeasure(vertices: readonly LonLat[], closed: boolean): void {
    this.record('setMeasure', vertices, closed);
    this.measure = { vertices, closed };
  }
  setQueryMarker(point: LonLat | null, radiusM: number): void {
    this.record('setQueryMarker', point, radiusM);
    this.queryMarker = { point, radiusM };
  }
  setCursor(cursor: 'default' | 'crosshair'): void {
    this.record('setCursor', cursor);
    this.cursor = cursor;
  }
  project(position: LonLat): { x: number; y: number } {
    const scale = 256 * 2 ** this.currentView.zoom / 360;
    return { x: (position[0] - this.currentView.lon) * scale, y: (this.currentView.lat - position[1]) * scale };
  }
  metresPerPixel(): number {
    return (40_075_016.686 * Math.cos((this.currentView.lat * Math.PI) / 180)) / (256 * 2 ** this.currentView.zoom);
  }
  snapshot(): string {
    return 'data:image/png;base64,';
  }
  renderedFeatureIds(): string[] {
    return [...this.layerData.entries()].filter(([layer]) => this.visibility.get(layer) !== false).flatMap(([, fc]) => fc.features.map((f) => String(f.properties?.['id'] ?? f.id ?? '')));
  }
  setAnalysisLayer(id: string, data: FeatureCollection | null): void {
    this.record('setAnalysisLayer', id, data);
    if (data) this.analysis.set(id, data);
    else this.analysis.delete(id);
  }
  setImageOverlay(id: string, image: OverlayImage | null, bounds: readonly [number, number, number, number], opacity: number): void {
    this.record('setImageOverlay', id, image, bounds, opacity);
    if (image) this.images.set(id, { image, bounds, opacity });
    else this.images.delete(id);
  }
  renderedAnalysisCount(id: string): number {
    return this.analysis.get(id)?.features.length ?? 0;
  }
}
