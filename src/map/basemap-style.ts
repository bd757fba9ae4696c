import type { ExpressionSpecification, StyleSpecification, SourceSpecification, LayerSpecification } from 'maplibre-gl';
import worldUrl from '../../data/basemap/world.geojson?url';
import shanxiUrl from '../../data/basemap/shanxi.geojson?url';
import riversUrl from '../../data/basemap/rivers.geojson?url';
import placesUrl from '../../data/basemap/places.geojson?url';
import type { BasemapId, Lang } from './map-api';
import { ZONE_MIN_ZOOM } from './basemap-counties';
import type { UserBasemapStyle } from './basemap-pmtiles';

export { LABEL_FONTS } from './basemap-fonts';
import { LABEL_FONTS } from './basemap-fonts';

/** Colours of the offline basemap (muted, so thematic layers stand out). */
export const BASEMAP_COLORS = {
  sea: '#dfe9f0',
  land: '#f4f2ec',
  countryLine: '#b9b4a8',
  shanxiFill: '#fbfaf6',
  shanxiLine: '#6e6a60',
  river: '#6fa8d6',
  label: '#333333',
  halo: '#ffffff',
} as const;

function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

function offlineSources(): Record<string, SourceSpecification> {
  return {
    world: { type: 'geojson', data: absolute(worldUrl) },
    shanxi: { type: 'geojson', data: absolute(shanxiUrl) },
    rivers: { type: 'geojson', data: absolute(riversUrl) },
    places: { type: 'geojson', data: absolute(placesUrl) },
  };
}

function labelField(lang: Lang): LayerSpecification['layout'] {
  return {
    'text-field': lang === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'],
  } as LayerSpecification['layout'];
}

function offlineLayers(lang: Lang, withContext: boolean, user: UserBasemapStyle | null = null): LayerSpecification[] {
  const context: LayerSpecification[] = withContext
    ? [
        { id: 'bg', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
        { id: 'world-fill', type: 'fill', source: 'world', paint: { 'fill-color': BASEMAP_COLORS.land } },
        { id: 'world-line', type: 'line', source: 'world', paint: { 'line-color': BASEMAP_COLORS.countryLine, 'line-width': 0.8 } },
        { id: 'shanxi-fill', type: 'fill', source: 'shanxi', paint: { 'fill-color': BASEMAP_COLORS.shanxiFill } },
        ...(user?.layers ?? []),
        { id: 'rivers', type: 'line', source: 'rivers', paint: { 'line-color': BASEMAP_COLORS.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.8, 10, 2.2] } },
      ]
    : [];
  return [
    ...context,
    {
      id: 'shanxi-line',
      type: 'line',
      source: 'shanxi',
      // From zone scale the county data's own province edge is drawn (basemap-counties.ts), not this 1:1M outline.
      maxzoom: ZONE_MIN_ZOOM,
      paint: { 'line-color': BASEMAP_COLORS.shanxiLine, 'line-width': 1.6, 'line-dasharray': [4, 1.5] },
    },
    // One layer per dot size: constant paint draws with the same WebGL program as the thematic markers.
    ...[
      { id: 'places-dot', filter: ['!=', ['get', 'rank'], 1] as ExpressionSpecification, radius: 2.5 },
      { id: 'places-dot-major', filter: ['==', ['get', 'rank'], 1] as ExpressionSpecification, radius: 4 },
    ].map(
      (d): LayerSpecification => ({
        id: d.id,
        type: 'circle',
        source: 'places',
        filter: d.filter,
        paint: { 'circle-radius': d.radius, 'circle-color': '#444', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
      }),
    ),
    {
      id: 'places-label',
      type: 'symbol',
      source: 'places',
      filter: ['any', ['==', ['get', 'rank'], 1], ['>=', ['zoom'], 7.5]],
      layout: {
        ...labelField(lang),
        'text-font': LABEL_FONTS,
        'text-size': ['match', ['get', 'rank'], 1, 15, 12],
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
      },
      paint: { 'text-color': BASEMAP_COLORS.label, 'text-halo-color': BASEMAP_COLORS.halo, 'text-halo-width': 1.5 },
    },
  ];
}

const OSM_TILES = ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'];

/** Tile URLs of a Tianditu WMTS layer (Web Mercator, `_w`) on its eight hosts t0…t7, with the user's key. */
export function tiandituTiles(layer: 'vec' | 'cva' | 'img' | 'cia', key: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
      `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

/**
 * Builds the map style for a basemap. The offline style needs no network and no key (with `user`, the user's own
 * offline basemap file is drawn above the world context); online styles keep the Shanxi outline and place labels
 * on top of the raster tiles. County boundaries are added at zone scale by basemap-counties.ts.
 */
export function basemapStyle(id: BasemapId, lang: Lang, tiandituKey = '', user: UserBasemapStyle | null = null): StyleSpecification {
  const sources = offlineSources();
  if (id === 'offline') {
    return { version: 8, sources: { ...sources, ...(user?.sources ?? {}) }, layers: offlineLayers(lang, true, user) };
  }
  const raster: Array<{ id: string; tiles: string[]; attribution: string }> =
    id === 'osm'
      ? [{ id: 'osm', tiles: OSM_TILES, attribution: '© OpenStreetMap contributors' }]
      : id === 'tianditu-vec'
        ? [
            { id: 'tdt-vec', tiles: tiandituTiles('vec', tiandituKey), attribution: '© 天地图 Tianditu' },
            { id: 'tdt-cva', tiles: tiandituTiles('cva', tiandituKey), attribution: '© 天地图 Tianditu' },
          ]
        : [
            { id: 'tdt-img', tiles: tiandituTiles('img', tiandituKey), attribution: '© 天地图 Tianditu' },
            { id: 'tdt-cia', tiles: tiandituTiles('cia', tiandituKey), attribution: '© 天地图 Tianditu' },
          ];
  for (const r of raster) {
    sources[r.id] = { type: 'raster', tiles: r.tiles, tileSize: 256, attribution: r.attribution, maxzoom: 18 };
  }
  const rasterLayers: LayerSpecification[] = raster.map((r) => ({ id: r.id, type: 'raster', source: r.id }));
  return { version: 8, sources, layers: [...rasterLayers, ...offlineLayers(lang, false)] };
}
