import type { Geometry, Position } from 'geojson';
import { geodesicDistance } from './geodesic';

/** A feature as far as the point query needs it. */
export interface QueryFeature<P> {
  geometry: Geometry | null;
  properties: P;
}

/** One feature near the query point. */
export interface ZoneHit<P> {
  properties: P;
  /** Whether the point lies inside the drawn shape (always false for points and lines). */
  inside: boolean;
  /** Distance from the point to the drawn shape in metres (0 inside). */
  distanceM: number;
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

function polygonMeasure(rings: readonly (readonly Position[])[], project: (p: Position) => [number, number]): { inside: boolean; d: number } {
  const [outer, ...holes] = rings;
  if (!outer) return { inside: false, d: Infinity };
  const inOuter = ringContains(outer, 0, 0, project);
  const inHole = holes.some((h) => ringContains(h, 0, 0, project));
  const inside = inOuter && !inHole;
  const d = inside ? 0 : Math.min(...rings.map((r) => ringDistance(r, project)));
  return { inside, d };
}

function measure(geometry: Geometry, point: Position, project: (p: Position) => [number, number]): { inside: boolean; d: number } {
  switch (geometry.type) {
    case 'Point':
      return { inside: false, d: geodesicDistance(point, geometry.coordinates) };
    case 'MultiPoint':
      return { inside: false, d: Math.min(...geometry.coordinates.map((c) => geodesicDistance(point, c))) };
    case 'LineString':
      return { inside: false, d: ringDistance(geometry.coordinates, project) };
    case 'MultiLineString':
      return { inside: false, d: Math.min(...geometry.coordinates.map((l) => ringDistance(l, project))) };
    case 'Polygon':
      return polygonMeasure(geometry.coordinates, project);
    case 'MultiPolygon': {
      const parts = geometry.coordinates.map((p) => polygonMeasure(p, project));
      return { inside: parts.some((p) => p.inside), d: Math.min(...parts.map((p) => p.d)) };
    }
    case 'GeometryCollection': {
      const parts = geometry.geometries.map((g) => measure(g, point, project));
      return { inside: parts.some((p) => p.inside), d: Math.min(...parts.map((p) => p.d)) };
    }
  }
}

/**
 * Features whose drawn shape contains `point` ([lon, lat]) or lies within `radiusM` metres of it,
 * nearest first. Distances use a local metric frame (sub-percent error at these ranges) for
 * shapes and the geodesic for points.
 */
export function zonesAt<P>(point: Position, features: readonly QueryFeature<P>[], radiusM: number): ZoneHit<P>[] {
  const project = localFrame(point);
  const hits: ZoneHit<P>[] = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const { inside, d } = measure(f.geometry, point, project);
    if (inside || d <= radiusM) hits.push({ properties: f.properties, inside, distanceM: inside ? 0 : d });
  }
  return hits.sort((a, b) => a.distanceM - b.distanceM);
}
