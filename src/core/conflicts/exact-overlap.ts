import { difference, intersection, union } from 'polyclip-ts';
import type { Geom } from 'polyclip-ts';
import { areaShapeFromRings, ringSignedArea } from './planar-shape';
import type { AreaShape } from './planar-shape';

/**
 * Exact planar overlap of two polygonal shapes, in the metres of a local projection.
 *
 * The area of A∩B is computed without building the intersection polygon, from Green's theorem:
 * ∂(A∩B) is made of the pieces of ∂A that lie inside B and the pieces of ∂B that lie inside A,
 * so area(A∩B) = ½ ∮ (x dy − y dx) over those pieces. Each edge is split at every crossing with
 * the other boundary and at every vertex of the other shape lying on it; each piece is classified by
 * its midpoint as inside, outside or on the other boundary. A piece shared by both boundaries is
 * counted once when both shapes have their interior on the same side of it (same direction, since
 * outer rings run counter-clockwise and holes clockwise) and not at all when the interiors lie on
 * opposite sides (edge touch). So edge touch, corner touch and shapes that meet only inside a hole
 * give exactly 0, identical shapes give the full area and containment gives the smaller area:
 * the cases Turf's boolean predicates get wrong (Turf #2454).
 *
 * `eps` (metres) is the distance under which a point counts as lying on a boundary. It absorbs the
 * rounding of projected coordinates; it must be far below any feature size (default 1e-6 m).
 */

/** Default on-boundary tolerance in metres. */
export const DEFAULT_EPS_M = 1e-6;

/** Classification of a point against a shape: strictly outside. */
export const POINT_OUTSIDE = 0;
/** Classification of a point against a shape: strictly inside. */
export const POINT_INSIDE = 1;
/** On the boundary, along an edge that runs in the given direction. */
export const POINT_ON_SAME = 2;
/** On the boundary, along an edge that runs against the given direction. */
export const POINT_ON_OPPOSITE = 3;

/** One of the `POINT_*` classifications. */
export type PointClass = typeof POINT_OUTSIDE | typeof POINT_INSIDE | typeof POINT_ON_SAME | typeof POINT_ON_OPPOSITE;

/**
 * Classifies (x, y) against `shape` (even-odd over all rings). When the point is within `eps` of an
 * edge, the edge direction is compared with (dx, dy).
 */
export function classifyPoint(shape: AreaShape, x: number, y: number, dx: number, dy: number, eps: number): PointClass {
  let inside = false;
  const eps2 = eps * eps;
  for (const ring of shape.rings) {
    const n = ring.length;
    let jx = ring[n - 2] as number;
    let jy = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const ix = ring[i] as number;
      const iy = ring[i + 1] as number;
      if (
        x >= (ix < jx ? ix : jx) - eps &&
        x <= (ix > jx ? ix : jx) + eps &&
        y >= (iy < jy ? iy : jy) - eps &&
        y <= (iy > jy ? iy : jy) + eps
      ) {
        const ex = ix - jx;
        const ey = iy - jy;
        const len2 = ex * ex + ey * ey;
        let t = len2 > 0 ? ((x - jx) * ex + (y - jy) * ey) / len2 : 0;
        if (t < 0) t = 0;
        else if (t > 1) t = 1;
        const qx = jx + t * ex - x;
        const qy = jy + t * ey - y;
        if (qx * qx + qy * qy <= eps2) return dx * ex + dy * ey > 0 ? POINT_ON_SAME : POINT_ON_OPPOSITE;
      }
      if (iy > y !== jy > y && x < ((jx - ix) * (y - iy)) / (jy - iy) + ix) inside = !inside;
      jx = ix;
      jy = iy;
    }
  }
  return inside ? POINT_INSIDE : POINT_OUTSIDE;
}

let scratch = new Float64Array(64);

function insertSorted(count: number, t: number): number {
  if (count >= scratch.length) {
    const bigger = new Float64Array(scratch.length * 2);
    bigger.set(scratch);
    scratch = bigger;
  }
  let i = count;
  while (i > 0 && (scratch[i - 1] as number) > t) {
    scratch[i] = scratch[i - 1] as number;
    i--;
  }
  scratch[i] = t;
  return count + 1;
}

/**
 * Twice the signed area swept by the pieces of ∂a that lie inside b (plus, when `includeShared`, the
 * pieces shared with ∂b in the same direction), relative to the origin (ox, oy).
 */
function boundaryPart(a: AreaShape, b: AreaShape, eps: number, includeShared: boolean, ox: number, oy: number): number {
  let sum = 0;
  const bMinX = b.minX - eps;
  const bMinY = b.minY - eps;
  const bMaxX = b.maxX + eps;
  const bMaxY = b.maxY + eps;
  for (const ring of a.rings) {
    const n = ring.length;
    for (let i = 0; i < n; i += 2) {
      const px = ring[i] as number;
      const py = ring[i + 1] as number;
      const k = i + 2 === n ? 0 : i + 2;
      const qx = ring[k] as number;
      const qy = ring[k + 1] as number;
      const eMinX = px < qx ? px : qx;
      const eMaxX = px > qx ? px : qx;
      const eMinY = py < qy ? py : qy;
      const eMaxY = py > qy ? py : qy;
      if (eMaxX < bMinX || eMinX > bMaxX || eMaxY < bMinY || eMinY > bMaxY) continue;
      const ex = qx - px;
      const ey = qy - py;
      const len = Math.sqrt(ex * ex + ey * ey);
      const lim = eps * len;
      const tEps = eps / len;
      let count = 0;
      for (const bring of b.rings) {
        const m = bring.length;
        let rx = bring[m - 2] as number;
        let ry = bring[m - 1] as number;
        for (let j = 0; j < m; j += 2) {
          const sx = bring[j] as number;
          const sy = bring[j + 1] as number;
          if (
            !(
              (rx > sx ? rx : sx) < eMinX - eps ||
              (rx < sx ? rx : sx) > eMaxX + eps ||
              (ry > sy ? ry : sy) < eMinY - eps ||
              (ry < sy ? ry : sy) > eMaxY + eps
            )
          ) {
            const cr = (rx - px) * ey - (ry - py) * ex;
            const cs = (sx - px) * ey - (sy - py) * ex;
            const rOn = cr <= lim && cr >= -lim;
            if (rOn) {
              const t = ((rx - px) * ex + (ry - py) * ey) / (len * len);
              if (t > tEps && t < 1 - tEps) count = insertSorted(count, t);
            } else if (!(cs <= lim && cs >= -lim) && cr > 0 !== cs > 0) {
              const fx = sx - rx;
              const fy = sy - ry;
              const limF = eps * Math.sqrt(fx * fx + fy * fy);
              const cp = (px - rx) * fy - (py - ry) * fx;
              const cq = (qx - rx) * fy - (qy - ry) * fx;
              if ((cp > limF || cp < -limF) && (cq > limF || cq < -limF) && cp > 0 !== cq > 0) {
                count = insertSorted(count, cp / (cp - cq));
              }
            }
          }
          rx = sx;
          ry = sy;
        }
      }
      let x0 = px;
      let y0 = py;
      let t0 = 0;
      for (let s = 0; s <= count; s++) {
        const t1 = s < count ? (scratch[s] as number) : 1;
        const x1 = s < count ? px + ex * t1 : qx;
        const y1 = s < count ? py + ey * t1 : qy;
        if ((t1 - t0) * len > eps) {
          const c = classifyPoint(b, (x0 + x1) / 2, (y0 + y1) / 2, ex, ey, eps);
          if (c === POINT_INSIDE || (includeShared && c === POINT_ON_SAME)) {
            sum += (x0 - ox) * (y1 - oy) - (x1 - ox) * (y0 - oy);
          }
        }
        x0 = x1;
        y0 = y1;
        t0 = t1;
      }
    }
  }
  return sum;
}

/** Whether some edge of `a` has its box within `eps` of `b`'s box. */
function edgeNearBox(a: AreaShape, b: AreaShape, eps: number): boolean {
  const minX = b.minX - eps;
  const minY = b.minY - eps;
  const maxX = b.maxX + eps;
  const maxY = b.maxY + eps;
  for (const ring of a.rings) {
    const n = ring.length;
    let jx = ring[n - 2] as number;
    let jy = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const ix = ring[i] as number;
      const iy = ring[i + 1] as number;
      if (
        !((ix > jx ? ix : jx) < minX || (ix < jx ? ix : jx) > maxX || (iy > jy ? iy : jy) < minY || (iy < jy ? iy : jy) > maxY)
      ) {
        return true;
      }
      jx = ix;
      jy = iy;
    }
  }
  return false;
}

/** With boundaries known not to meet: whether `inner` lies inside `outer` (tests one vertex). */
function wholeInside(inner: AreaShape, outer: AreaShape, eps: number): boolean {
  const ring = inner.rings[0] as Float64Array;
  return classifyPoint(outer, ring[0] as number, ring[1] as number, 0, 0, eps) === POINT_INSIDE;
}

/** True when the bounding boxes of two shapes are farther apart than `gap`. */
export function boxesApart(a: AreaShape, b: AreaShape, gap: number): boolean {
  return a.maxX + gap < b.minX || b.maxX + gap < a.minX || a.maxY + gap < b.minY || b.maxY + gap < a.minY;
}

/**
 * Planar area of A∩B in m² (map units); exact up to `eps`-sized pieces. See the module comment.
 * `boxTest: false` skips the bounding-box shortcut (only the benchmark's naive loop wants that).
 */
export function intersectionArea(a: AreaShape, b: AreaShape, eps: number = DEFAULT_EPS_M, boxTest = true): number {
  if (boxTest && boxesApart(a, b, eps)) return 0;
  // When no edge of one shape comes near the other's box, the boundaries cannot meet: the other
  // shape then lies wholly inside or wholly outside, and one point test settles it.
  if (!edgeNearBox(a, b, eps)) return wholeInside(b, a, eps) ? b.area : 0;
  if (!edgeNearBox(b, a, eps)) return wholeInside(a, b, eps) ? a.area : 0;
  const ox = ((a.minX > b.minX ? a.minX : b.minX) + (a.maxX < b.maxX ? a.maxX : b.maxX)) / 2;
  const oy = ((a.minY > b.minY ? a.minY : b.minY) + (a.maxY < b.maxY ? a.maxY : b.maxY)) / 2;
  const twice = boundaryPart(a, b, eps, true, ox, oy) + boundaryPart(b, a, eps, false, ox, oy);
  const area = twice / 2;
  const cap = a.area < b.area ? a.area : b.area;
  if (area <= 0) return 0;
  return area > cap ? cap : area;
}

/** Planar area of A \ B in m² (map units). */
export function differenceArea(a: AreaShape, b: AreaShape, eps: number = DEFAULT_EPS_M): number {
  const rest = a.area - intersectionArea(a, b, eps);
  return rest > 0 ? rest : 0;
}

type Pair = [number, number];

function toPolyclip(shape: AreaShape): Geom {
  const polygons: Pair[][][] = [];
  let r = 0;
  for (const count of shape.ringCounts) {
    const polygon: Pair[][] = [];
    for (let k = 0; k < count; k++, r++) {
      const ring = shape.rings[r] as Float64Array;
      const pairs: Pair[] = [];
      for (let i = 0; i < ring.length; i += 2) pairs.push([ring[i] as number, ring[i + 1] as number]);
      pairs.push([ring[0] as number, ring[1] as number]);
      polygon.push(pairs);
    }
    polygons.push(polygon);
  }
  return polygons;
}

function fromPolyclip(multi: Pair[][][]): AreaShape | null {
  const rings: Float64Array[] = [];
  const ringCounts: number[] = [];
  for (const polygon of multi) {
    let kept = 0;
    for (let k = 0; k < polygon.length; k++) {
      const pairs = polygon[k] as Pair[];
      const flat: number[] = [];
      for (let i = 0; i + 1 < pairs.length; i++) {
        const p = pairs[i] as Pair;
        flat.push(p[0], p[1]);
      }
      if (flat.length < 6) continue;
      let ring: Float64Array = Float64Array.from(flat);
      const wantCcw = k === 0;
      if (ringSignedArea(ring) > 0 !== wantCcw) ring = reversed(ring);
      rings.push(ring);
      kept++;
    }
    if (kept > 0) ringCounts.push(kept);
  }
  return rings.length === 0 ? null : areaShapeFromRings(rings, ringCounts);
}

function reversed(ring: Float64Array): Float64Array {
  const out = new Float64Array(ring.length);
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = ring[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = ring[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}

/**
 * The intersection polygon A∩B (polyclip-ts, in the same planar metres), or null when it has no area.
 * Slower than {@link intersectionArea}; used to export overlaps, not to decide verdicts.
 */
export function intersectionShape(a: AreaShape, b: AreaShape): AreaShape | null {
  if (boxesApart(a, b, 0)) return null;
  return fromPolyclip(intersection(toPolyclip(a), toPolyclip(b)));
}

/** The union of several shapes (polyclip-ts), or null when the list is empty. */
export function unionShapes(shapes: readonly AreaShape[]): AreaShape | null {
  const [first, ...rest] = shapes;
  if (first === undefined) return null;
  if (rest.length === 0) return first;
  return fromPolyclip(union(toPolyclip(first), ...rest.map(toPolyclip)));
}

/** The difference A \ B (polyclip-ts), or null when nothing is left. */
export function differenceShape(a: AreaShape, b: AreaShape | null): AreaShape | null {
  if (b === null || boxesApart(a, b, 0)) return a;
  return fromPolyclip(difference(toPolyclip(a), toPolyclip(b)));
}
