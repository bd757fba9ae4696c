import { Map as MaplibreMap, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { basemapStyle } from './basemap-style';
import type { BasemapId, Lang, MapApi, ViewState } from './map-api';

setWorkerUrl(workerUrl);

/** The view that shows the whole of Shanxi. */
export const SHANXI_VIEW: ViewState = { lon: 112.3, lat: 37.6, zoom: 5.6 };

/** The one class that owns a MapLibre map. */
export class MapView implements MapApi {
  private map: MaplibreMap | null = null;
  private lang: Lang = 'zh-CN';
  private current: BasemapId = 'offline';
  private tiandituKey = '';
  private readonly viewListeners = new Set<(view: ViewState) => void>();

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

  fitBounds(bbox: readonly [number, number, number, number]): void {
    this.requireMap().fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: 40, duration: 0 });
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
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  }

  onViewChange(callback: (view: ViewState) => void): () => void {
    this.viewListeners.add(callback);
    return () => this.viewListeners.delete(callback);
  }

  private applyStyle(): void {
    this.map?.setStyle(basemapStyle(this.current, this.lang, this.tiandituKey), { diff: false });
  }

  private requireMap(): MaplibreMap {
    if (!this.map) throw new Error('MapView used before mount');
    return this.map;
  }
}
