/**
 * The reference for the first-render budget: a bare MapLibre page that draws the same basemap and layer files with
 * minimal styles, and marks when they are first rendered. No UI, no schema checks.
 */
import { Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import world from '../../../../data/basemap/world.geojson?url';
import shanxi from '../../../../data/basemap/shanxi.geojson?url';
import rivers from '../../../../data/basemap/rivers.geojson?url';
import places from '../../../../data/basemap/places.geojson?url';
import park from '../../../../data/layers/chemical-park.geojson?url';
import land from '../../../../data/layers/land-acquisition.geojson?url';
import protection from '../../../../data/layers/relic-protection.geojson?url';
import control from '../../../../data/layers/relic-control.geojson?url';
import meteo from '../../../../data/layers/meteo-site.geojson?url';

setWorkerUrl(workerUrl);
const abs = (u: string): string => new URL(u, document.baseURI).href;
const polygons = { park, protection, control };
const points = { land, meteo };
const map = new MaplibreMap({
  container: 'map',
  center: [112.3, 37.6],
  zoom: 5.6,
  style: {
    version: 8,
    sources: {
      world: { type: 'geojson', data: abs(world) },
      shanxi: { type: 'geojson', data: abs(shanxi) },
      rivers: { type: 'geojson', data: abs(rivers) },
      places: { type: 'geojson', data: abs(places) },
      ...Object.fromEntries([...Object.entries(polygons), ...Object.entries(points)].map(([k, u]) => [k, { type: 'geojson', data: abs(u) }])),
    },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#dfe9f0' } },
      { id: 'world', type: 'fill', source: 'world', paint: { 'fill-color': '#f4f2ec' } },
      { id: 'shanxi', type: 'line', source: 'shanxi', paint: { 'line-color': '#666' } },
      { id: 'rivers', type: 'line', source: 'rivers', paint: { 'line-color': '#6fa8d6' } },
      ...Object.keys(polygons).map((k) => ({ id: k, type: 'fill' as const, source: k, paint: { 'fill-color': '#a05', 'fill-opacity': 0.5 } })),
      ...Object.keys(points).map((k) => ({ id: k, type: 'circle' as const, source: k, paint: { 'circle-color': '#085' } })),
      { id: 'places', type: 'symbol', source: 'places', layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans CJK SC', 'sans-serif'] } },
    ],
  },
});
// Same criterion as the app's MapView.whenLayersRendered: the first frame in which every source is loaded.
const onRender = (): void => {
  const ids = Object.keys(map.getStyle().sources);
  if (!ids.every((id) => map.isSourceLoaded(id))) return;
  map.off('render', onRender);
  performance.mark('bare:layers-rendered');
};
map.on('render', onRender);
