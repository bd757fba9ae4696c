import type { BBox, Geometry, Position } from 'geojson';
import type { ImportStats, PreviewFeature } from './import-types';

/** The polygons of a Polygon / MultiPolygon (none for other types). */
export function polygonsOf(g: Geometry | null): Position[][][] {
  if (g === null) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** Whether every position is finite with |lat| ≤ 90. */
export function allFinite(polygons: Position[][][]): boolean {
  for (const p of polygons) for (const r of p) for (const q of r) {
    const lon = q[0];
    const lat = q[1];
    if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return false;
  }
  return true;
}

type Pos2Mapper = (p: Position) => Position;

/** Applies `f` to every position of a geometry (a new geometry; the input is not changed). */
export function mapPositions(g: Geometry, f: Pos2Mapper): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}

/** Calls `visit` with every list of positions of a geometry (a point as a list of one), in order. */
export function forEachPositionList(g: Geometry, visit: (positions: readonly Position[]) => void): void {
  switch (g.type) {
    case 'Point':
      visit([g.coordinates]);
      return;
    case 'MultiPoint':
    case 'LineString':
      visit(g.coordinates);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const l of g.coordinates) visit(l);
      return;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) visit(r);
      return;
    case 'GeometryCollection':
      for (const x of g.geometries) forEachPositionList(x, visit);
      return;
  }
}

/** Every position of a geometry, in order. */
export function* positionsOf(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const l of g.coordinates) yield* l;
      return;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      return;
    case 'GeometryCollection':
      for (const x of g.geometries) yield* positionsOf(x);
      return;
  }
}

export function withLonLat(p: Position, lon: number, lat: number): Position {
  return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
}

/** Counts and extent of features. */
export function statsOf(features: readonly PreviewFeature[]): ImportStats {
  let parts = 0;
  let rings = 0;
  let vertices = 0;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const types: Record<string, number> = {};
  const extend = (positions: readonly Position[]): void => {
    for (const p of positions) {
      const x = p[0];
      const y = p[1];
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      vertices++;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  };
  for (const f of features) {
    const g = f.geometry;
    types[g.type] = (types[g.type] ?? 0) + 1;
    switch (g.type) {
      case 'Polygon':
        parts += 1;
        rings += g.coordinates.length;
        break;
      case 'MultiPolygon':
        parts += g.coordinates.length;
        for (const p of g.coordinates) rings += p.length;
        break;
      case 'MultiLineString':
      case 'MultiPoint':
        parts += g.coordinates.length;
        break;
      default:
        parts += 1;
    }
    forEachPositionList(g, extend);
  }
  const bbox: BBox | null = Number.isFinite(w) ? [w, s, e, n] : null;
  return { features: features.length, parts, rings, vertices, bbox, geometryTypes: types };
}
