// Reference for equivalence tests: src/core/conflicts/planar-shape.ts as of commit 7b69aba, before the per-feature
// preparation was made faster, with validation by the zod schemas alone (the schemas of record).
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { EdgeTable } from '../../../../../src/core/conflicts/edge-table';
import type { MetricProjection } from '../../../../../src/core/conflicts/metric-projection';

/**
 * A polygonal area in projected metres. Every ring is a flat `[x0, y0, x1, y1, …]` array without the
 * closing vertex; outer rings run counter-clockwise, holes clockwise, so the signed shoelace sum of
 * all rings is the area. Parts of a MultiPolygon are assumed interior-disjoint (valid GeoJSON).
 */
export interface AreaShape {
  readonly kind: 'area';
  readonly rings: readonly Float64Array[];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** Planar area in m² (map units, no scale correction). */
  readonly area: number;
  /** Number of rings of each polygon part, in order (outer ring first); sums to `rings.length`. */
  readonly ringCounts: readonly number[];
  /** Edge table of the overlap integral, built on first use (edge-table.ts). */
  edges?: EdgeTable | null;
}

/** One or more points in projected metres, flat `[x0, y0, x1, y1, …]`. */
export interface PointShape {
  readonly kind: 'point';
  readonly points: Float64Array;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A feature geometry prepared for planar computation. */
export type PlanarShape = AreaShape | PointShape;

/** Reason: the geometry type is not Polygon, MultiPolygon, Point or MultiPoint. */
export const SHAPE_UNSUPPORTED_GEOMETRY = 'unsupported-geometry';
/** Reason: a coordinate is not a finite [lon, lat] pair within range. */
export const SHAPE_BAD_COORDINATE = 'bad-coordinate';
/** Reason: a ring has fewer than three distinct vertices. */
export const SHAPE_DEGENERATE_RING = 'degenerate-ring';
/** Reason: the geometry has no parts. */
export const SHAPE_EMPTY = 'empty-geometry';

/** Why a geometry could not be prepared. */
export type ShapeProblemReason =
  | typeof SHAPE_UNSUPPORTED_GEOMETRY
  | typeof SHAPE_BAD_COORDINATE
  | typeof SHAPE_DEGENERATE_RING
  | typeof SHAPE_EMPTY;

/** Note code: a ring collapsed when projected (fewer than 3 distinct vertices or zero area) and was dropped. */
export const SHAPE_RING_COLLAPSED = 'ring-collapsed';

/** A ring dropped from a shape; an outer ring (ring 0) drops its whole part. */
export interface ShapeNote {
  code: typeof SHAPE_RING_COLLAPSED;
  part: number;
  ring: number;
  /** Distinct vertices left. */
  vertices: number;
}

/** Result of {@link projectGeometry}. */
export type ShapeResult =
  | { ok: true; shape: PlanarShape; notes: ShapeNote[] }
  | { ok: false; reason: ShapeProblemReason; message: string };

/** Planar signed area of a flat ring (counter-clockwise positive). */
export function ringSignedArea(ring: Float64Array): number {
  const n = ring.length;
  if (n < 6) return 0;
  const ox = ring[0] as number;
  const oy = ring[1] as number;
  let sum = 0;
  let px = 0;
  let py = 0;
  for (let i = 2; i < n; i += 2) {
    const x = (ring[i] as number) - ox;
    const y = (ring[i + 1] as number) - oy;
    sum += px * y - x * py;
    px = x;
    py = y;
  }
  return sum / 2;
}

function badCoordinate(position: Position | undefined): boolean {
  if (position === undefined || position.length < 2) return true;
  const lon = position[0];
  const lat = position[1];
  return (
    lon === undefined ||
    lat === undefined ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lon) > 180 ||
    Math.abs(lat) > 90
  );
}

type RingResult =
  | { ok: true; ring: Float64Array }
  | { ok: false; reason: ShapeProblemReason; message: string; vertices?: number };

function projectRing(positions: readonly Position[], projection: MetricProjection, wantCcw: boolean): RingResult {
  const flat = new Float64Array(positions.length * 2);
  let n = 0;
  for (const position of positions) {
    if (badCoordinate(position)) {
      return { ok: false, reason: SHAPE_BAD_COORDINATE, message: `bad coordinate ${JSON.stringify(position)}` };
    }
    const xy = projection.forward(position as unknown as readonly [number, number]);
    const x = xy[0];
    const y = xy[1];
    if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
    flat[n++] = x;
    flat[n++] = y;
  }
  // Drop the closing vertex (and any repeat of the first vertex at the end).
  while (n >= 4 && flat[0] === flat[n - 2] && flat[1] === flat[n - 1]) n -= 2;
  if (n < 6) {
    return { ok: false, reason: SHAPE_DEGENERATE_RING, message: `ring has ${n / 2} distinct vertices, needs 3`, vertices: n / 2 };
  }
  let ring: Float64Array = n === flat.length ? flat : flat.slice(0, n);
  const signed = ringSignedArea(ring);
  if (signed === 0) {
    return { ok: false, reason: SHAPE_DEGENERATE_RING, message: 'ring has zero area', vertices: n / 2 };
  }
  if (signed > 0 !== wantCcw) ring = reverseRing(ring);
  return { ok: true, ring };
}

function reverseRing(ring: Float64Array): Float64Array {
  const out = new Float64Array(ring.length);
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = ring[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = ring[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}

function bboxOf(arrays: readonly Float64Array[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i += 2) {
      const x = a[i] as number;
      const y = a[i + 1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Builds an {@link AreaShape} from rings already oriented (outer CCW, holes CW); `ringCounts` gives
 * the number of rings per polygon part (default: every ring is its own part).
 */
export function areaShapeFromRings(rings: readonly Float64Array[], ringCounts?: readonly number[]): AreaShape {
  const counts = ringCounts ?? rings.map(() => 1);
  if (counts.reduce((a, b) => a + b, 0) !== rings.length) {
    throw new RangeError(`ringCounts sum to ${counts.reduce((a, b) => a + b, 0)}, expected ${rings.length}`);
  }
  const [minX, minY, maxX, maxY] = bboxOf(rings);
  let area = 0;
  for (const ring of rings) area += ringSignedArea(ring);
  return { kind: 'area', rings, minX, minY, maxX, maxY, area, ringCounts: counts, edges: null };
}

/**
 * Projects a GeoJSON Polygon, MultiPolygon, Point or MultiPoint (lon/lat degrees) to a planar shape.
 * Repeated vertices are dropped and ring orientation is normalised. A ring that collapses (fewer
 * than 3 distinct vertices or zero area, e.g. a tiny hole after coordinate rounding) has no area
 * to lose: it is dropped with a note (an outer ring drops its part); the geometry fails only when
 * no part is left. Self-intersections are not repaired: the caller's data is expected to be valid.
 */
export function projectGeometry(geometry: Geometry, projection: MetricProjection): ShapeResult {
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') {
    const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
    if (positions.length === 0) return { ok: false, reason: SHAPE_EMPTY, message: 'MultiPoint has no points' };
    const flat = new Float64Array(positions.length * 2);
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i];
      if (position === undefined || badCoordinate(position)) {
        return { ok: false, reason: SHAPE_BAD_COORDINATE, message: `bad coordinate ${JSON.stringify(position)}` };
      }
      const [x, y] = projection.forward([position[0] as number, position[1] as number]);
      flat[2 * i] = x;
      flat[2 * i + 1] = y;
    }
    const [minX, minY, maxX, maxY] = bboxOf([flat]);
    return { ok: true, shape: { kind: 'point', points: flat, minX, minY, maxX, maxY }, notes: [] };
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return {
      ok: false,
      reason: SHAPE_UNSUPPORTED_GEOMETRY,
      message: `geometry type ${geometry.type} is not supported (Polygon, MultiPolygon, Point, MultiPoint)`,
    };
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Float64Array[] = [];
  const ringCounts: number[] = [];
  const notes: ShapeNote[] = [];
  let collapsed: string | null = null;
  for (let p = 0; p < polygons.length; p++) {
    const polygon = polygons[p] as Position[][];
    if (polygon.length === 0) continue;
    let kept = 0;
    for (let r = 0; r < polygon.length; r++) {
      const result = projectRing(polygon[r] as Position[], projection, r === 0);
      if (!result.ok) {
        if (result.reason !== SHAPE_DEGENERATE_RING) return result;
        notes.push({ code: SHAPE_RING_COLLAPSED, part: p, ring: r, vertices: result.vertices ?? 0 });
        collapsed = result.message;
        if (r === 0) break;
        continue;
      }
      rings.push(result.ring);
      kept++;
    }
    if (kept > 0) ringCounts.push(kept);
  }
  if (rings.length === 0) {
    return collapsed === null
      ? { ok: false, reason: SHAPE_EMPTY, message: 'polygon has no rings' }
      : { ok: false, reason: SHAPE_DEGENERATE_RING, message: collapsed };
  }
  return { ok: true, shape: areaShapeFromRings(rings, ringCounts), notes };
}

/** An area shape back in lon/lat (closed rings; a Polygon when it has one part). */
export function shapeToLonLat(shape: AreaShape, projection: MetricProjection): Polygon | MultiPolygon {
  const polygons: Position[][][] = [];
  let r = 0;
  for (const count of shape.ringCounts) {
    const polygon: Position[][] = [];
    for (let k = 0; k < count; k++, r++) {
      const ring = shape.rings[r] as Float64Array;
      const positions: Position[] = [];
      for (let i = 0; i < ring.length; i += 2) positions.push(projection.inverse([ring[i] as number, ring[i + 1] as number]));
      const first = positions[0];
      if (first !== undefined) positions.push([first[0] as number, first[1] as number]);
      polygon.push(positions);
    }
    polygons.push(polygon);
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polygons };
}
