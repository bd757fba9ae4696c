import type { Geometry, Position } from 'geojson';
import type { ImportIssue } from './import-types';
import { DUPLICATE_TOLERANCE_M, M_PER_DEG_LAT, nearDistanceM, samePosition, signedRingArea, collinear, Collector, distinctUpTo } from './validation-collector';
import type { ValidationContext } from './validation-collector';
import { checkSelfIntersections } from './self-intersections';

/**
 * Validation of imported lon/lat geometry, pure TS: unclosed rings, duplicate vertices, too few
 * vertices and empty parts, ring orientation (RFC 7946: outer counter-clockwise, holes clockwise),
 * non-finite coordinates and self-intersections (including rings of one polygon crossing each
 * other and spikes). Every finding names its feature, part, ring and vertex (and for tables the
 * line and point name) and is explained in Chinese and English; `fix` is set where a safe
 * automatic repair exists (see {@link fixGeometry}). Self-intersections have no safe fix.
 *
 * Self-intersection search: a sweep over the segments sorted by their western end, keeping the
 * segments whose x-range is still open. That is O(n log n + n·k) for k open segments (small for
 * real parcels) and O(n²) in the worst case, so it is capped: a polygon with more than
 * {@link SELF_INTERSECTION_SEGMENT_CAP} segments is not searched (an `info` finding says so), and at
 * most {@link MAX_REPORTED_INTERSECTIONS} crossings are reported per polygon.
 * Crossings between different polygons of a MultiPolygon are not searched.
 */

export { DUPLICATE_TOLERANCE_M, MAX_REPORTED_INTERSECTIONS, SELF_INTERSECTION_SEGMENT_CAP, signedRingArea } from './validation-collector';
export type { ValidationContext } from './validation-collector';
export { fixGeometry } from './geometry-fixes';

/** Validates one feature's geometry (lon/lat). `feature` is its index, for locations. */
export function validateGeometry(geometry: Geometry | null, feature: number, ctx: ValidationContext = {}): ImportIssue[] {
  const c = new Collector(ctx, feature);
  if (geometry === null) {
    c.add('empty-part', 'error', c.where(undefined, undefined, undefined), '没有几何图形', 'has no geometry', 'drop-empty-parts');
    return c.issues;
  }
  switch (geometry.type) {
    case 'Point':
      checkFinite(c, [[geometry.coordinates]], 0);
      break;
    case 'MultiPoint':
      if (geometry.coordinates.length === 0) c.add('empty-part', 'error', c.where(0, undefined, undefined), '多点为空', 'the MultiPoint is empty', 'drop-empty-parts');
      checkFinite(c, [geometry.coordinates], 0);
      break;
    case 'LineString':
      checkLine(c, geometry.coordinates, 0);
      break;
    case 'MultiLineString':
      if (geometry.coordinates.length === 0) c.add('empty-part', 'error', c.where(undefined, undefined, undefined), '多线为空', 'the MultiLineString is empty', 'drop-empty-parts');
      geometry.coordinates.forEach((line, i) => checkLine(c, line, i));
      break;
    case 'Polygon':
      checkPolygon(c, geometry.coordinates, 0);
      break;
    case 'MultiPolygon':
      if (geometry.coordinates.length === 0) c.add('empty-part', 'error', c.where(undefined, undefined, undefined), '多面为空', 'the MultiPolygon is empty', 'drop-empty-parts');
      geometry.coordinates.forEach((polygon, i) => checkPolygon(c, polygon, i));
      break;
    case 'GeometryCollection':
      c.add('unsupported-geometry', 'warning', c.where(undefined, undefined, undefined), '几何集合（GeometryCollection）未检查', 'a GeometryCollection is not validated');
      break;
  }
  return c.issues;
}

function checkFinite(c: Collector, rings: readonly (readonly Position[])[], part: number): boolean {
  let ok = true;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r] ?? [];
    for (let v = 0; v < ring.length; v++) {
      const p = ring[v];
      if (p === undefined) continue;
      const lon = p[0];
      const lat = p[1];
      if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        ok = false;
        c.add('invalid-coordinate', 'error', c.where(part, r, v), `坐标无效 [${p.join(', ')}]`, `invalid coordinate [${p.join(', ')}]`);
      }
    }
  }
  return ok;
}

/**
 * Whether two positions are certainly farther apart than {@link DUPLICATE_TOLERANCE_M}: their
 * north-south distance alone exceeds it, and {@link nearDistanceM} is never smaller than that.
 */
function clearlyApart(a: Position, b: Position): boolean {
  return Math.abs(((a[1] ?? 0) - (b[1] ?? 0)) * M_PER_DEG_LAT) > DUPLICATE_TOLERANCE_M;
}

function checkDuplicates(c: Collector, ring: readonly Position[], part: number, r: number, closed: boolean): void {
  const end = closed ? ring.length - 1 : ring.length;
  for (let v = 1; v < end; v++) {
    const a = ring[v - 1];
    const b = ring[v];
    if (a === undefined || b === undefined || clearlyApart(a, b)) continue;
    const d = nearDistanceM(a, b);
    if (d <= DUPLICATE_TOLERANCE_M) {
      c.add(
        'duplicate-vertex',
        'warning',
        c.where(part, r, v, b),
        `与上一点重复（相距 ${(d * 1000).toFixed(2)} mm），可删除`,
        `repeats the previous vertex (${(d * 1000).toFixed(2)} mm apart); it can be removed`,
        'remove-duplicate-vertices',
      );
    }
  }
  if (closed && end >= 1) {
    const a = ring[end - 1];
    const b = ring[end];
    if (a !== undefined && b !== undefined && end - 1 > 0 && nearDistanceM(a, b) <= DUPLICATE_TOLERANCE_M) {
      c.add(
        'duplicate-vertex',
        'warning',
        c.where(part, r, end - 1, a),
        '与闭合点重复，可删除',
        'repeats the closing vertex; it can be removed',
        'remove-duplicate-vertices',
      );
    }
  }
}

function checkLine(c: Collector, line: readonly Position[], part: number): void {
  if (!checkFinite(c, [line], part)) return;
  if (line.length < 2) {
    c.add('empty-part', 'error', c.where(part, undefined, undefined), `线只有 ${line.length} 个点`, `the line has ${line.length} vertices`, 'drop-empty-parts');
    return;
  }
  checkDuplicates(c, line, part, 0, false);
}

/** Equality of ordinates as their text: NaN equals NaN, 0 equals −0. */

/** The number of distinct [x, y] pairs of a ring, counted up to `limit`. */

function checkPolygon(c: Collector, rings: readonly (readonly Position[])[], part: number): void {
  if (rings.length === 0) {
    c.add('empty-part', 'error', c.where(part, undefined, undefined), '面没有环', 'the polygon has no rings', 'drop-empty-parts');
    return;
  }
  if (!checkFinite(c, rings, part)) return;
  const usable: boolean[] = [];
  rings.forEach((ring, r) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (ring.length === 0 || first === undefined || last === undefined) {
      c.add('empty-part', 'error', c.where(part, r, undefined), '环为空', 'the ring is empty', 'drop-empty-parts');
      usable.push(false);
      return;
    }
    const closed = samePosition(first, last) && ring.length > 1;
    if (!closed) {
      const gap = nearDistanceM(first, last);
      if (ring.length > 1 && gap <= DUPLICATE_TOLERANCE_M) {
        c.add(
          'ring-closure-inexact',
          'info',
          c.where(part, r, ring.length - 1, last),
          `末点与首点相差 ${(gap * 1000).toFixed(2)} mm，未严格闭合`,
          `the last vertex is ${(gap * 1000).toFixed(2)} mm from the first, not exactly closed`,
          'close-rings',
        );
      } else {
        c.add(
          'ring-not-closed',
          'error',
          c.where(part, r, ring.length - 1, last),
          `环未闭合（末点与首点相距 ${gap.toFixed(3)} m），可自动补上首点`,
          `the ring is not closed (last vertex ${gap.toFixed(3)} m from the first); the first vertex can be appended`,
          'close-rings',
        );
      }
    }
    checkDuplicates(c, ring, part, r, closed);
    const distinct = distinctUpTo(ring, 3);
    if (distinct < 3) {
      c.add('degenerate-ring', 'error', c.where(part, r, undefined, first), `环只有 ${distinct} 个不同的点，不能成面`, `the ring has only ${distinct} distinct vertices and encloses nothing`, 'drop-empty-parts');
      usable.push(false);
      return;
    }
    const area = signedRingArea(ring);
    if (collinear(ring)) {
      c.add('degenerate-ring', 'error', c.where(part, r, undefined, first), '环面积为零（各点共线）', 'the ring has zero area (collinear vertices)', 'drop-empty-parts');
      usable.push(false);
      return;
    }
    usable.push(true);
    const wantCcw = r === 0;
    if (area !== 0 && area > 0 !== wantCcw) {
      c.add(
        'ring-orientation',
        'info',
        c.where(part, r, undefined),
        r === 0 ? '外环为顺时针，GeoJSON（RFC 7946）要求逆时针，可自动反转' : '内环为逆时针，GeoJSON（RFC 7946）要求顺时针，可自动反转',
        r === 0 ? 'the outer ring is clockwise; RFC 7946 wants counter-clockwise; it can be reversed' : 'the hole is counter-clockwise; RFC 7946 wants clockwise; it can be reversed',
        'fix-orientation',
      );
    }
  });
  checkSelfIntersections(c, rings, part, usable);
}

