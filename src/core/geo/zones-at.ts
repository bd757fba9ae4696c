import type { Geometry, Position } from 'geojson';
import { geodesicDistance } from './geodesic';

/** A feature as far as the point query needs it. */
export interface QueryFeature<P> {
  geometry: Geometry | null;
  properties: P;
}

/**
 * What can be said of the query point and one zone, given the zone's position precision r (the zone may lie
 * anywhere within r metres of where it is drawn):
 * - `inside`: inside the drawn shape and more than r from its edge, so inside wherever the zone lies;
 * - `may-be-inside`: inside for some of those positions only (drawn inside but within r of the edge, or drawn
 *   outside but less than r away);
 * - `outside`: outside wherever the zone lies (drawn at least r away; listed because it is near).
 */
export type ZoneVerdict = 'inside' | 'may-be-inside' | 'outside';

/** One feature near the query point. */
export interface ZoneHit<P> {
  properties: P;
  /** Whether the point lies inside the drawn shape (always false for points and lines). */
  inside: boolean;
  /** Distance from the point to the drawn shape in metres (0 inside). */
  distanceM: number;
  /** Distance from the point to the drawn shape's edge in metres: positive inside, negative outside. */
  depthM: number;
  /** The zone's position precision used for the verdict, metres. */
  precisionM: number;
  /** The answer for this zone that holds wherever the zone may lie. */
  verdict: ZoneVerdict;
}

/** The verdict for a point at signed depth `depthM` in a zone known to ±`precisionM` (see {@link ZoneVerdict}). */
export function zoneVerdict(depthM: number, precisionM: number, area: boolean): ZoneVerdict {
  if (!area) return 'outside';
  if (depthM > precisionM) return 'inside';
  if (depthM + precisionM > 0 || (precisionM === 0 && depthM === 0)) return 'may-be-inside';
  return 'outside';
}

const M_PER_DEG_LAT = 111_132.954;

/** Local equirectangular frame around `origin`, good to well under 1 % for a few kilometres. */
function localFrame(origin: Position): (p: Position) => [number, number] {
  const lat0 = ((origin[1] ?? 0) * Math.PI) / 180;
  const kx = M_PER_DEG_LAT * Math.cos(lat0);
  return (p) => [((p[0] ?? 0) - (origin[0] ?? 0)) * kx, ((p[1] ?? 0) - (origin[1] ?? 0)) * M_PER_DEG_LAT];
}

function ringContains(ring: readonly Position[], x: number, y: number, project: (p: Position) => [number, number]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = project(ring[i]!);
    const [xj, yj] = project(ring[j]!);
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentDistance(px: number, py: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2));
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

function ringDistance(ring: readonly Position[], project: (p: Position) => [number, number]): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    best = Math.min(best, segmentDistance(0, 0, project(ring[i - 1]!), project(ring[i]!)));
  }
  return best;
}

interface Measure {
  inside: boolean;
  /** Distance to the shape (0 inside). */
  d: number;
  /** Distance to the edge (for areas; equals d for points and lines). */
  edge: number;
  area: boolean;
}

function polygonMeasure(rings: readonly (readonly Position[])[], project: (p: Position) => [number, number]): Measure {
  const [outer, ...holes] = rings;
  if (!outer) return { inside: false, d: Infinity, edge: Infinity, area: true };
  const inOuter = ringContains(outer, 0, 0, project);
  const inHole = holes.some((h) => ringContains(h, 0, 0, project));
  const inside = inOuter && !inHole;
  const edge = Math.min(...rings.map((r) => ringDistance(r, project)));
  return { inside, d: inside ? 0 : edge, edge, area: true };
}

function combine(parts: readonly Measure[]): Measure {
  const inside = parts.some((p) => p.inside);
  const d = Math.min(...parts.map((p) => p.d));
  // Inside one part: the depth is the distance to that part's edge (parts of a valid multipolygon do not overlap).
  const edge = inside ? Math.max(...parts.filter((p) => p.inside).map((p) => p.edge)) : Math.min(...parts.map((p) => p.edge));
  return { inside, d, edge, area: parts.some((p) => p.area) };
}

function lineLike(d: number): Measure {
  return { inside: false, d, edge: d, area: false };
}

function measure(geometry: Geometry, point: Position, project: (p: Position) => [number, number]): Measure {
  switch (geometry.type) {
    case 'Point':
      return lineLike(geodesicDistance(point, geometry.coordinates));
    case 'MultiPoint':
      return lineLike(Math.min(...geometry.coordinates.map((c) => geodesicDistance(point, c))));
    case 'LineString':
      return lineLike(ringDistance(geometry.coordinates, project));
    case 'MultiLineString':
      return lineLike(Math.min(...geometry.coordinates.map((l) => ringDistance(l, project))));
    case 'Polygon':
      return polygonMeasure(geometry.coordinates, project);
    case 'MultiPolygon':
      return combine(geometry.coordinates.map((p) => polygonMeasure(p, project)));
    case 'GeometryCollection':
      return combine(geometry.geometries.map((g) => measure(g, point, project)));
  }
}

/**
 * Features whose drawn shape contains `point` ([lon, lat]), lies within `radiusM` metres of it, or could contain it
 * given its position precision (`precisionOf`, metres; 0 when omitted), nearest first, each with its
 * {@link ZoneVerdict}. Distances use a local metric frame (sub-percent error at these ranges) for shapes and the
 * geodesic for points.
 */
export function zonesAt<P>(
  point: Position,
  features: readonly QueryFeature<P>[],
  radiusM: number,
  precisionOf: (properties: P) => number = () => 0,
): ZoneHit<P>[] {
  const project = localFrame(point);
  const hits: ZoneHit<P>[] = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const m = measure(f.geometry, point, project);
    const precisionM = Math.max(0, precisionOf(f.properties) || 0);
    const depthM = m.inside ? m.edge : -m.d;
    const verdict = zoneVerdict(depthM, precisionM, m.area);
    if (m.inside || m.d <= radiusM || verdict !== 'outside') {
      hits.push({ properties: f.properties, inside: m.inside, distanceM: m.inside ? 0 : m.d, depthM, precisionM, verdict });
    }
  }
  return hits.sort((a, b) => a.distanceM - b.distanceM);
}

/** The first line a user should read for a point: the strongest verdict among the hits, or `none`. */
export function overallVerdict(hits: readonly ZoneHit<unknown>[]): ZoneVerdict | 'none' {
  if (hits.some((h) => h.verdict === 'inside')) return 'inside';
  if (hits.some((h) => h.verdict === 'may-be-inside')) return 'may-be-inside';
  return 'none';
}
