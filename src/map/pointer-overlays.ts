import type { Map as MaplibreMap, GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geodesicCircle } from '../core/geo/circle';
import type { LonLat } from './map-api';

/** Map-layer ids of the measuring line and the query marker (drawn above everything else). */
export const OVERLAY_LAYERS = ['measure-fill', 'measure-line', 'measure-vertex', 'query-radius', 'query-point'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const OVERLAY_SPECS: readonly LayerSpecification[] = [
  { id: 'measure-fill', type: 'fill', source: 'measure', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#0072B2', 'fill-opacity': 0.15 } },
  { id: 'measure-line', type: 'line', source: 'measure', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#0072B2', 'line-width': 2.5 } },
  { id: 'measure-vertex', type: 'circle', source: 'measure', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#0072B2', 'circle-stroke-width': 2 } },
  { id: 'query-radius', type: 'line', source: 'query', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#000000', 'line-width': 1.5, 'line-dasharray': [2, 2] } },
  { id: 'query-point', type: 'circle', source: 'query', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 6, 'circle-color': '#000000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
];

/** The measuring line (or polygon) and the public-mode query marker with its radius, as map overlays. */
export class PointerOverlays {
  private measure: { vertices: LonLat[]; closed: boolean } = { vertices: [], closed: false };
  private query: { point: LonLat; radiusM: number } | null = null;

  /** Sets the measured vertices (closed: a polygon). */
  setMeasure(vertices: readonly LonLat[], closed: boolean): void {
    this.measure = { vertices: [...vertices], closed };
  }

  /** Sets the query point and its radius in metres (null: none). */
  setQuery(point: LonLat | null, radiusM: number): void {
    this.query = point ? { point, radiusM } : null;
  }

  /** Removes the overlay layers (before the thematic layers are re-added under them). */
  remove(map: MaplibreMap): void {
    for (const id of OVERLAY_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  }

  /** (Re)adds the overlay layers on top and fills their sources. */
  install(map: MaplibreMap): void {
    this.remove(map);
    if (!map.getSource('measure')) map.addSource('measure', { type: 'geojson', data: EMPTY });
    if (!map.getSource('query')) map.addSource('query', { type: 'geojson', data: EMPTY });
    for (const spec of OVERLAY_SPECS) map.addLayer(spec);
    this.update(map);
  }

  /** Sends the current measure and query to their sources (nothing when they are not installed). */
  update(map: MaplibreMap): void {
    const m = this.measure;
    const coords = m.vertices.map((v) => [v[0], v[1]]);
    const features: Feature[] = coords.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }));
    if (coords.length >= 2) {
      const first = coords[0]!;
      const geometry: Geometry =
        m.closed && coords.length >= 3 ? { type: 'Polygon', coordinates: [[...coords, first]] } : { type: 'LineString', coordinates: coords };
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
}
