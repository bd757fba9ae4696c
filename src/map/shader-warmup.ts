import type { Map as MaplibreMap, LayerSpecification, ImageSource } from 'maplibre-gl';
import type { Feature } from 'geojson';
import { thematicLayers } from './thematic-style';
import { CONFLICT_LAYER } from './conflict-style';
import { analysisVectorLayers } from './analysis-overlays';

/**
 * Shader warm-up: MapLibre compiles a WebGL program the first time it draws a layer of a new
 * kind, and on a software renderer (SwiftShader, as in headless Chromium or a machine without GPU
 * drivers) one compile blocks the page for 70–250 ms. The app adds such layers later on (import
 * previews, overview images, compliance overlays, zoom-dependent layers), which would freeze the
 * page in the middle of an import. Warming up draws one clone of each distinct layer kind, one per
 * frame, on a sub-pixel feature at the map centre with constant opacities at 1 %, right after
 * startup while the page is idle.
 */

const VECTOR_SOURCE = 'warmup-vector';
const IMAGE_SOURCE = 'warmup-image';

/** Properties every style expression of the app may read. */
const PROPS = { id: 'warmup', name: '·', label: '·', status: 'in-force', precisionM: 0, fill: '#000000', stroke: '#000000', strokeWidth: 1, fillOpacity: 0.01, radius: 1 };

/**
 * Side in degrees of the warm-up image at map zoom `zoom`: four tile units, as the vector shapes, but never smaller
 * than four units of a zoom-13 tile. MapLibre puts an image source in the smallest tile that holds it, and tiles
 * stop at zoom 25: the vector size at zoom 15 and over would ask for zoom 26 and throw.
 */
export function warmupImageExtent(zoom: number): number {
  return (4 * 360) / 2 ** Math.min(Math.floor(zoom), 13) / 8192;
}

function warmupFeatures(lon: number, lat: number, d: number): Feature[] {
  const ring = [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];
  return [
    { type: 'Feature', properties: PROPS, geometry: { type: 'Polygon', coordinates: [ring] } },
    { type: 'Feature', properties: { ...PROPS, dashed: true }, geometry: { type: 'LineString', coordinates: ring } },
    { type: 'Feature', properties: PROPS, geometry: { type: 'Point', coordinates: [lon, lat] } },
  ];
}

/** What decides a layer's program: its type and which paint/layout values are expressions. */
function programKey(spec: LayerSpecification): string {
  const kinds = (o: object | undefined): string =>
    Object.entries(o ?? {})
      .map(([k, v]) => `${k}:${Array.isArray(v) && typeof v[0] === 'string' ? 'expr' : 'const'}`)
      .sort()
      .join(',');
  const s = spec as { paint?: object; layout?: object };
  return `${spec.type}|${kinds(s.paint)}|${kinds(s.layout)}`;
}

/** A clone of `spec` on the warm-up sources, without filter or zoom range, drawn but invisible. */
function cloneForWarmup(spec: LayerSpecification, index: number): LayerSpecification {
  const raster = spec.type === 'raster';
  const clone = { ...spec, id: `warmup-${index}`, source: raster ? IMAGE_SOURCE : VECTOR_SOURCE } as LayerSpecification & Record<string, unknown>;
  delete clone['filter'];
  delete clone['minzoom'];
  delete clone['maxzoom'];
  delete clone['source-layer'];
  const loose = clone as Record<string, unknown>;
  loose['layout'] = { ...((spec as { layout?: Record<string, unknown> }).layout ?? {}), visibility: 'visible' };
  // Constant opacities become nearly zero (the same program; a zero opacity would skip the draw).
  const paint: Record<string, unknown> = { ...((spec as { paint?: Record<string, unknown> }).paint ?? {}) };
  for (const k of Object.keys(paint)) if (k.endsWith('-opacity') && typeof paint[k] === 'number') paint[k] = 0.01;
  loose['paint'] = paint;
  return clone;
}

function nextRender(map: MaplibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('render', () => resolve());
    map.triggerRepaint();
  });
}

async function untilLoaded(map: MaplibreMap, source: string): Promise<void> {
  for (let i = 0; i < 200 && !(map.getSource(source) !== undefined && map.isSourceLoaded(source)); i++) await nextRender(map);
}

/**
 * Draws one clone of each distinct kind among `specs` (vector kinds on a sub-pixel feature at the
 * map centre, raster on a 1×1 transparent image), one per frame, then removes them. Layer types
 * without a source (background) and sources other than GeoJSON/image are skipped. Resolves with
 * the number of kinds drawn; stops early when `cancelled()` turns true.
 */
export async function warmUpShaders(map: MaplibreMap, specs: readonly LayerSpecification[], cancelled: () => boolean = () => false): Promise<number> {
  const seen = new Set<string>();
  const todo = specs.filter((spec) => {
    if (spec.type === 'background' || spec.type === 'hillshade' || spec.type === 'color-relief') return false;
    const key = programKey(spec);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const c = map.getCenter();
  // Four tile units at the current zoom (smaller shapes vanish when tiled), well under a pixel.
  const d = (4 * 360) / 2 ** Math.floor(map.getZoom()) / 8192;
  map.addSource(VECTOR_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: warmupFeatures(c.lng, c.lat, d) } });
  const e = warmupImageExtent(map.getZoom());
  map.addSource(IMAGE_SOURCE, { type: 'image', coordinates: [[c.lng, c.lat + e], [c.lng + e, c.lat + e], [c.lng + e, c.lat], [c.lng, c.lat]] });
  (map.getSource(IMAGE_SOURCE) as ImageSource).updateImage({
    image: new ImageData(new Uint8ClampedArray(4), 1, 1),
    coordinates: [[c.lng, c.lat + e], [c.lng + e, c.lat + e], [c.lng + e, c.lat], [c.lng, c.lat]],
  } as unknown as Parameters<ImageSource['updateImage']>[0]);
  let drawn = 0;
  try {
    for (let i = 0; i < todo.length && !cancelled(); i++) {
      const clone = cloneForWarmup(todo[i] as LayerSpecification, i);
      try {
        map.addLayer(clone);
      } catch {
        continue;
      }
      // The next frame starts re-tiling the source for the new layer; the one after loading draws it.
      await nextRender(map);
      await untilLoaded(map, clone.type === 'raster' ? IMAGE_SOURCE : VECTOR_SOURCE);
      await nextRender(map);
      if (map.getLayer(clone.id)) map.removeLayer(clone.id);
      drawn++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    for (const spec of todo.map(cloneForWarmup)) if (map.getLayer(spec.id)) map.removeLayer(spec.id);
    if (map.getSource(VECTOR_SOURCE)) map.removeSource(VECTOR_SOURCE);
    if (map.getSource(IMAGE_SOURCE)) map.removeSource(IMAGE_SOURCE);
  }
  return drawn;
}

/** The layers to warm up: the style's own and one of every layer kind the app may add later. */
export function warmUpSpecs(map: MaplibreMap): LayerSpecification[] {
  return [
    ...(map.getStyle().layers ?? []),
    ...thematicLayers('imported:permanent-basic-farmland:warmup', 'warmup', 'warmup', 1, true, null),
    ...thematicLayers('meteo-site', 'warmup', 'warmup', 1, true, null),
    ...thematicLayers(CONFLICT_LAYER, 'warmup', 'warmup', 1, true, null),
    ...analysisVectorLayers('warmup', 'warmup'),
    { id: 'warmup-overview', type: 'raster', source: 'warmup', paint: { 'raster-opacity': 1, 'raster-fade-duration': 0, 'raster-resampling': 'linear' } },
  ];
}
