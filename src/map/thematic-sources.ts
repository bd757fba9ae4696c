import type { GeoJSONSource, Map as MaplibreMap, LayerSpecification } from 'maplibre-gl';
import { DRAW_ORDER } from '../core/model/layer-registry';
import type { Feature, FeatureCollection } from 'geojson';
import { displayCircle } from '../core/geo/circle';
import type { LayerOverview, LonLat } from './map-api';
import { LARGE_VECTOR_MIN_ZOOM } from './map-api';

/** An empty feature collection. */
export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** What the map holds for one thematic layer. */
export interface ThematicState {
  /** The features, or a URL MapLibre fetches in its worker (large imported layers). */
  data: FeatureCollection | string;
  precision: FeatureCollection;
  visible: boolean;
  opacity: number;
  /** Overview image of a large layer, drawn instead of its polygons below {@link LARGE_VECTOR_MIN_ZOOM}. */
  overview?: LayerOverview | null;
}

/** Map-layer id of a large layer's overview image. */
export const overviewLayerId = (layer: string): string => `${layer}-overview`;
/** Source id of a large layer's overview image. */
export const overviewSourceId = (layer: string): string => `t-${layer}-overview`;

/**
 * Adds map layers made by thematic-style.ts, in order, on top. Map.addLayer validates every layer against the whole
 * style, serialising the style each time (quadratic in the number of layers: tens of milliseconds for the startup
 * layers on a slow machine). These specs are checked against the style spec by the unit tests instead, so all but
 * the last are added to the style unvalidated; the last goes through Map.addLayer, which also schedules the update.
 */
export function addGeneratedLayers(map: MaplibreMap, specs: readonly LayerSpecification[]): void {
  specs.forEach((spec, i) => {
    if (i === specs.length - 1) map.addLayer(spec);
    else map.style.addLayer(spec, undefined, { validate: false });
  });
}

/** A large layer's map layers start at {@link LARGE_VECTOR_MIN_ZOOM} (its overview image is drawn below). */
export function atLargeZoom(spec: LayerSpecification): LayerSpecification {
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
export function precisionFeatures(data: FeatureCollection): FeatureCollection {
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

/** Resolves when `map` is idle after one more frame (also when it was idle already and fires no new 'idle'). */
export function whenMapIdle(map: MaplibreMap): Promise<void> {
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
    const timer = setInterval(() => {
      if (rendered && map.loaded() && !map.isMoving()) finish();
    }, 150);
    map.on('render', onRender);
    map.once('idle', finish);
    map.triggerRepaint();
  });
}

/** Resolves at the first frame where `ready(map)` holds. */
export function whenRendered(map: MaplibreMap, ready: (map: MaplibreMap) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const onRender = (): void => {
      if (!ready(map)) return;
      map.off('render', onRender);
      resolve();
    };
    map.on('render', onRender);
    map.triggerRepaint();
  });
}

/**
 * Adds (or replaces, or with no overview removes) a large layer's overview image and its raster layer, drawn below
 * {@link LARGE_VECTOR_MIN_ZOOM}; returns whether the layer has one. `sourceData` records what each source was given.
 */
export function installOverview(map: MaplibreMap, layer: string, st: ThematicState, sourceData: Map<string, unknown>): boolean {
  const id = overviewSourceId(layer);
  const o = st.overview ?? null;
  if (map.getSource(id) && sourceData.get(id) !== o?.url) {
    map.removeSource(id);
    sourceData.delete(id);
  }
  if (o === null) return false;
  const [w, s, e, n] = o.bounds;
  if (!map.getSource(id)) {
    map.addSource(id, { type: 'image', url: o.url, coordinates: [[w, n], [e, n], [e, s], [w, s]] });
    sourceData.set(id, o.url);
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

/** Whether the basemap sources and every thematic layer's source (or its overview's) are loaded, not the decorations. */
export function sourcesLoaded(map: MaplibreMap, thematic: ReadonlyMap<string, ThematicState>): boolean {
  const ids = [
    'world',
    'shanxi',
    'rivers',
    'places',
    ...[...thematic.entries()].flatMap(([l, st]) => {
      if (!st.overview) return [`t-${l}`];
      return map.getSource(`t-${l}`) === undefined ? [overviewSourceId(l)] : [overviewSourceId(l), `t-${l}`];
    }),
  ];
  return ids.every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id));
}

/** Sets (or adds) the GeoJSON source `id`, sending `data` to the worker only when it differs from what `sent` holds. */
export function setGeojsonSource(map: MaplibreMap, id: string, data: FeatureCollection | string, sent: Map<string, unknown>): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  if (source) {
    if (sent.get(id) !== data) source.setData(data);
  } else {
    map.addSource(id, { type: 'geojson', data });
  }
  sent.set(id, data);
}

/** `layers` bottom to top: the known thematic layers in core's drawing order, then the others as given. */
export function inDrawOrder(layers: readonly string[]): string[] {
  const known = DRAW_ORDER.filter((l) => layers.includes(l));
  return [...known, ...layers.filter((k) => !DRAW_ORDER.includes(k))];
}
