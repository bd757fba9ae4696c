import { seededRandom } from '../../../src/core/random/seeded-random';
import type { Feature, Polygon } from 'geojson';
import { createTransverseMercator } from '../../../src/core/conflicts/metric-projection';
import type { MetricProjection } from '../../../src/core/conflicts/metric-projection';

/**
 * Seeded synthetic data for the conflict benchmark: star-shaped zone polygons (some with a hole)
 * and small parcel polygons scattered over a square in the CGCS2000 3° Gauss-Krüger zone with
 * central meridian 111°E, centred on it. Coordinates are generated in metres, converted to lon/lat
 * for the engine, and converted back (the same forward projection the engine uses) for PostGIS, so
 * every contestant sees the same vertices.
 */

/** mulberry32 (see src/core/random/seeded-random.ts). */
export const mulberry32 = seededRandom;

/** Parameters of a synthetic data set. */
export interface SyntheticSpec {
  seed: number;
  zones: number;
  parcels: number;
  /** Side of the square, metres. */
  sideM: number;
}

/** The benchmark's data set as specified by the issue. */
export const ISSUE_SPEC: SyntheticSpec = { seed: 20_240_611, zones: 10_000, parcels: 100_000, sideM: 100_000 };

/** Centre of the square: on the 111°E central meridian. */
export const CENTRE_LONLAT: [number, number] = [111, 37.5];

/** A generated polygon: lon/lat feature plus its metric rings (closed) for PostGIS. */
export interface SyntheticPolygon {
  feature: Feature<Polygon, { id: string; layer: 'imported'; name: string; precisionM: number; category: string }>;
  /** Rings in projected metres (forward projection of the lon/lat rings), closed. */
  metricRings: Array<Array<[number, number]>>;
}

function star(
  rand: () => number, cx: number, cy: number, radius: number, vertices: number, clockwise: boolean,
): Array<[number, number]> {
  const ring: Array<[number, number]> = [];
  const step = (2 * Math.PI) / vertices;
  const phase = rand() * step;
  for (let i = 0; i < vertices; i++) {
    const angle = phase + i * step + (rand() - 0.5) * 0.6 * step;
    const r = radius * (0.6 + 0.4 * rand());
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  if (clockwise) ring.reverse();
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function build(
  projection: MetricProjection, rings: Array<Array<[number, number]>>, id: string, category: string,
): SyntheticPolygon {
  const lonlat = rings.map((ring) => ring.map(([x, y]) => projection.inverse([x, y])));
  const metricRings = lonlat.map((ring) => ring.map((p) => projection.forward(p)));
  return {
    feature: {
      type: 'Feature',
      properties: { id, layer: 'imported', name: id, precisionM: 0, category },
      geometry: { type: 'Polygon', coordinates: lonlat },
    },
    metricRings,
  };
}

/** Generates zones and parcels for `spec`, deterministically. */
export function generate(spec: SyntheticSpec): { zones: SyntheticPolygon[]; parcels: SyntheticPolygon[] } {
  const projection = createTransverseMercator(111);
  const [e0, n0] = projection.forward(CENTRE_LONLAT);
  const rand = mulberry32(spec.seed);
  const half = spec.sideM / 2;
  const zones: SyntheticPolygon[] = [];
  for (let i = 0; i < spec.zones; i++) {
    const cx = e0 - half + rand() * spec.sideM;
    const cy = n0 - half + rand() * spec.sideM;
    const radius = 300 + rand() * 600;
    const rings = [star(rand, cx, cy, radius, 12 + Math.floor(rand() * 29), false)];
    if (rand() < 0.1) rings.push(star(rand, cx, cy, radius * 0.3, 6 + Math.floor(rand() * 6), true));
    zones.push(build(projection, rings, `z${i}`, 'bench-zone'));
  }
  const parcels: SyntheticPolygon[] = [];
  for (let i = 0; i < spec.parcels; i++) {
    const cx = e0 - half + rand() * spec.sideM;
    const cy = n0 - half + rand() * spec.sideM;
    const radius = 40 + rand() * 80;
    parcels.push(build(projection, [star(rand, cx, cy, radius, 4 + Math.floor(rand() * 5), false)], `p${i}`, 'bench-parcel'));
  }
  return { zones, parcels };
}
