import type { FeatureCollection } from 'geojson';
import type { BasemapId, DrawChange, DrawOptions, Lang, LayerOverview, LonLat, MapApi, MapClick, OverlayImage, ViewState } from '../../../src/map/map-api';
import type { RenderedStack } from '../../../src/map/anchor-stacks';

/** One recorded call of the fake map: the method's name and its arguments. */
export interface MapCall {
  method: keyof MapApi;
  args: unknown[];
}

/**
 * A MapApi that draws nothing and records every call, for component tests without MapLibre (as terra-draw's
 * test adapter does). It keeps the state a test asserts on (layer data, visibility, opacity, basemap,
 * selection, analysis overlays) and lets a test fire clicks, pointer moves and camera changes.
 */
export class FakeMap implements MapApi {
  readonly calls: MapCall[] = [];
  readonly layerData = new Map<string, FeatureCollection | string>();
  readonly visibility = new Map<string, boolean>();
  readonly opacity = new Map<string, number>();
  readonly analysis = new Map<string, FeatureCollection | null>();
  selected: string | null = null;
  currentBasemap: BasemapId = 'offline';
  lang: Lang = 'zh-CN';
  camera: ViewState = { lon: 112.3, lat: 37.6, zoom: 5.6 };
  lastBounds: readonly [number, number, number, number] | null = null;
  placeLabels: string[] = [];
  private readonly clickListeners = new Set<(e: MapClick) => void>();
  private readonly moveListeners = new Set<(p: LonLat | null) => void>();
  private readonly viewListeners = new Set<(v: ViewState) => void>();

  private record(method: keyof MapApi, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  /** The recorded calls of one method. */
  callsOf(method: keyof MapApi): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Fires a click at `position` over `features`. */
  click(position: LonLat, features: MapClick['features'] = []): void {
    for (const l of this.clickListeners) l({ position, features });
  }

  /** Fires a pointer move (null: the pointer left the map). */
  move(position: LonLat | null): void {
    for (const l of this.moveListeners) l(position);
  }

  mount(_container: HTMLElement, view?: ViewState): Promise<void> {
    this.record('mount', view);
    if (view) this.camera = view;
    return Promise.resolve();
  }
  destroy(): void {
    this.record('destroy');
  }
  setLanguage(lang: Lang): void {
    this.record('setLanguage', lang);
    this.lang = lang;
  }
  setBasemap(id: BasemapId, options?: { tiandituKey?: string }): void {
    this.record('setBasemap', id, options);
    this.currentBasemap = id;
  }
  basemap(): BasemapId {
    return this.currentBasemap;
  }
  view(): ViewState {
    return this.camera;
  }
  fitBounds(bbox: readonly [number, number, number, number], padding?: { top: number; right: number; bottom: number; left: number }): void {
    this.record('fitBounds', bbox, padding);
    this.lastBounds = bbox;
  }
  renderedPlaceLabels(): string[] {
    return this.placeLabels;
  }
  whenIdle(): Promise<void> {
    return Promise.resolve();
  }
  whenLayersRendered(): Promise<void> {
    return Promise.resolve();
  }
  onViewChange(callback: (view: ViewState) => void): () => void {
    this.viewListeners.add(callback);
    return () => this.viewListeners.delete(callback);
  }
  setView(view: ViewState): void {
    this.record('setView', view);
    this.camera = view;
    for (const l of this.viewListeners) l(view);
  }
  setLayerData(layer: string, data: FeatureCollection): void {
    this.record('setLayerData', layer, data);
    this.layerData.set(layer, data);
  }
  setLayerUrl(layer: string, url: string, overview?: LayerOverview | null): void {
    this.record('setLayerUrl', layer, url, overview);
    this.layerData.set(layer, url);
  }
  warmUpShaders(): Promise<void> {
    return Promise.resolve();
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
    this.clickListeners.add(callback);
    return () => this.clickListeners.delete(callback);
  }
  onPointerMove(callback: (position: LonLat | null) => void): () => void {
    this.moveListeners.add(callback);
    return () => this.moveListeners.delete(callback);
  }
  setMeasure(vertices: readonly LonLat[], closed: boolean): void {
    this.record('setMeasure', vertices, closed);
  }
  setQueryMarker(point: LonLat | null, radiusM: number): void {
    this.record('setQueryMarker', point, radiusM);
  }
  setCursor(cursor: 'default' | 'crosshair'): void {
    this.record('setCursor', cursor);
  }
  project(position: LonLat): { x: number; y: number } {
    return { x: position[0], y: position[1] };
  }
  metresPerPixel(): number {
    return 100;
  }
  snapshot(): string {
    return 'data:image/png;base64,';
  }
  renderedFeatureIds(): string[] {
    const ids: string[] = [];
    for (const [layer, data] of this.layerData) {
      if (this.visibility.get(layer) === false || typeof data === 'string') continue;
      for (const f of data.features) if (typeof f.properties?.['id'] === 'string') ids.push(f.properties['id']);
    }
    return ids;
  }
  setAnalysisLayer(id: string, data: FeatureCollection | null): void {
    this.record('setAnalysisLayer', id, data);
    this.analysis.set(id, data);
  }
  setImageOverlay(id: string, image: OverlayImage | null, bounds: readonly [number, number, number, number], opacity: number): void {
    this.record('setImageOverlay', id, image, bounds, opacity);
  }
  renderedAnalysisCount(id: string): number {
    return this.analysis.get(id)?.features.length ?? 0;
  }

  /** The listener of the drawing in progress (null: not drawing). */
  drawListener: ((change: DrawChange) => void) | null = null;
  /** The draggable anchor shown, and what a drop calls. */
  anchorHandle: { position: LonLat; onDrop?: (p: LonLat) => void } | null = null;
  /** Lines a drawn vertex can snap to (as `renderedBasemap` reports county lines). */
  basemapLines = 0;

  /** Fires a drawing change, as terra-draw would after the user drew `ring`. */
  drawTo(ring: readonly LonLat[], closed: boolean, committed = true): void {
    this.drawListener?.({ ring, closed, committed });
  }
  /** Drops the draggable anchor at `position`. */
  dropAnchor(position: LonLat): void {
    this.anchorHandle?.onDrop?.(position);
  }
  renderedBasemap(): { countyLines: number; countyNames: string[]; user: Record<string, number> } {
    return { countyLines: this.basemapLines, countyNames: [], user: {} };
  }
  startDraw(options: DrawOptions, onChange: (change: DrawChange) => void): void {
    this.record('startDraw', options);
    this.drawListener = onChange;
  }
  setDrawRing(ring: readonly LonLat[] | null): void {
    this.record('setDrawRing', ring);
  }
  undoDrawVertex(): void {
    this.record('undoDrawVertex');
  }
  stopDraw(): void {
    this.record('stopDraw');
    this.drawListener = null;
  }
  setDraggableAnchor(position: LonLat | null, onDrop?: (position: LonLat) => void): void {
    this.record('setDraggableAnchor', position);
    this.anchorHandle = position === null ? null : { position, onDrop };
  }
  /** Stack markers a test says are drawn (issue 16). */
  stacks: RenderedStack[] = [];
  renderedStacks(): RenderedStack[] {
    return this.stacks;
  }
}
