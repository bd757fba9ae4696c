import { difference, intersection, union } from 'polyclip-ts';
import type { Geom } from 'polyclip-ts';
import { areaShapeFromRings, ringSignedArea } from './planar-shape';
import type { AreaShape } from './planar-shape';
import { EDGE_STRIDE, edgeTable } from './edge-table';

/**
 * Planar overlap of two polygonal shapes, in the metres of a local projection.
 *
 * The area of A∩B is the integral of w_A·w_B, where w is the winding number of a shape. Written
 * with the edges above a point, w(p) = Σᵢ sᵢ·[x_p within edge i's x-range]·[y_p < fᵢ(x_p)]
 * (sᵢ = +1 for an edge running towards −x, −1 towards +x), so for every pair of edges (i of A,
 * j of B) whose x-ranges overlap, the integral over y ≥ y₀ gives
 *
 *   area(A∩B) = Σᵢⱼ sᵢ·sⱼ·∫ max(0, min(fᵢ(x), fⱼ(x)) − y₀) dx   over the common x-range,
 *
 * with y₀ = the larger of the two shapes' minimum y. No point is ever classified: there is no
 * decision about which side of an edge a piece lies on, so collinear edges, shared edges,
 * vertices on edges and multipolygon parts sharing an edge (w = 1 on both sides) need no special
 * case, and the result is a continuous function of the coordinates. Each term is a piecewise
 * linear integral computed without cancellation, the terms are summed with Neumaier's
 * compensation, and the arguments are put in a canonical order, so area(A∩B) = area(B∩A) exactly.
 * The rounding error is bounded per pair ({@link OverlapMeasure.errorM2}); there is no clamp to
 * the smaller area, so an error can never read as containment.
 *
 * Valid input is assumed (w ∈ {0, 1}): rings oriented (outer CCW, holes CW, see planar-shape.ts)
 * and parts that do not overlap; prepare-features.ts finds invalid polygons with
 * {@link windingExcess} and replaces them by {@link repairShape}, with a note.
 */

/** Former on-boundary tolerance in metres; now only the gap of the bounding-box shortcut. */
export const DEFAULT_EPS_M = 1e-6;

/** Unit roundoff of IEEE doubles. */
const U = 2 ** -53;

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
 * edge, the edge direction is compared with (dx, dy). Used for distances, not for areas.
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

/** Area of A∩B with a bound on its rounding error. */
export interface OverlapMeasure {
  /** Planar area of A∩B in m² (map units); may be a rounding error below 0 when the shapes only touch. */
  areaM2: number;
  /** Bound on |areaM2 − exact area of A∩B| from floating-point rounding, m². */
  errorM2: number;
}

/** Average over [0, 1] of max(0, h) for h linear from h0 to h1. */
function positivePart(h0: number, h1: number): number {
  if (h0 >= 0 && h1 >= 0) return (h0 + h1) / 2;
  if (h0 <= 0 && h1 <= 0) return 0;
  const p = h0 > h1 ? h0 : h1;
  const q = h0 > h1 ? -h1 : -h0;
  return (p * p) / (2 * (p + q));
}

/** Height above `oy` at x of the edge from (lx, ly) to (rx, ry), lx < rx (x within [lx, rx]). */
function heightAt(lx: number, ly: number, rx: number, ry: number, x: number, oy: number): number {
  if (x === lx) return ly - oy;
  if (x === rx) return ry - oy;
  const l = ly - oy;
  return l + (ry - oy - l) * ((x - lx) / (rx - lx));
}

/** Magnitude (Σ length × |heights|) of the last {@link pairIntegral}, for the error bound. */
let lastMagnitude = 0;

/**
 * ∫ max(0, min(f, g) − oy) dx over the common x-range [x0, x1] of two edges given left to right
 * (f from (ax, ay) to (bx, by), g from (cx, cy) to (dx, dy)); 0 when the x-ranges do not overlap.
 */
function pairIntegral(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
  oy: number,
): number {
  const x0 = ax > cx ? ax : cx;
  const x1 = bx < dx ? bx : dx;
  if (x1 <= x0) {
    lastMagnitude = 0;
    return 0;
  }
  const len = x1 - x0;
  const f0 = heightAt(ax, ay, bx, by, x0, oy);
  const f1 = heightAt(ax, ay, bx, by, x1, oy);
  const g0 = heightAt(cx, cy, dx, dy, x0, oy);
  const g1 = heightAt(cx, cy, dx, dy, x1, oy);
  const d0 = f0 - g0;
  const d1 = f1 - g1;
  let avg: number;
  if (d0 <= 0 && d1 <= 0) avg = positivePart(f0, f1);
  else if (d0 >= 0 && d1 >= 0) avg = positivePart(g0, g1);
  else {
    const s = d0 / (d0 - d1);
    const c = (f0 + s * (f1 - f0) + (g0 + s * (g1 - g0))) / 2;
    avg = positivePart(f0 < g0 ? f0 : g0, c) * s + positivePart(c, f1 < g1 ? f1 : g1) * (1 - s);
  }
  lastMagnitude = len * (Math.abs(f0) + Math.abs(f1) + Math.abs(g0) + Math.abs(g1));
  return avg * len;
}

let activeA: Int32Array = new Int32Array(64);
let activeB: Int32Array = new Int32Array(64);

function grow(a: Int32Array, n: number): Int32Array {
  if (n < a.length) return a;
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** Whether `a` comes before `b` in the canonical argument order (any strict total order on shapes will do). */
function canonicalFirst(a: AreaShape, b: AreaShape): boolean {
  if (a.area !== b.area) return a.area < b.area;
  if (a.minX !== b.minX) return a.minX < b.minX;
  if (a.minY !== b.minY) return a.minY < b.minY;
  if (a.maxX !== b.maxX) return a.maxX < b.maxX;
  if (a.maxY !== b.maxY) return a.maxY < b.maxY;
  if (a.rings.length !== b.rings.length) return a.rings.length < b.rings.length;
  for (let r = 0; r < a.rings.length; r++) {
    const ra = a.rings[r] as Float64Array;
    const rb = b.rings[r] as Float64Array;
    if (ra.length !== rb.length) return ra.length < rb.length;
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] as number) < (rb[i] as number);
  }
  return true;
}

/** True when x − o is exact for every x in [lo, hi] (Sterbenz: o/2 ≤ x ≤ 2o, same sign). */
function exactShift(lo: number, hi: number, o: number): boolean {
  if (o === 0) return true;
  return o > 0 ? lo >= o / 2 && hi <= 2 * o : hi <= o / 2 && lo >= 2 * o;
}

/**
 * Area of A∩B by the edge-pair integral of the module comment, with its rounding-error bound.
 * Small pairs are integrated edge by edge; larger ones by a sweep over edge tables sorted by left
 * x, so only edges whose x-ranges overlap are paired.
 * `shortcuts: false` skips the box and containment shortcuts (for the benchmark's naive loop).
 */
export function overlapMeasure(a: AreaShape, b: AreaShape, shortcuts = true): OverlapMeasure {
  if (!canonicalFirst(a, b)) {
    const t = a;
    a = b;
    b = t;
  }
  if (shortcuts) {
    if (boxesApart(a, b, 0)) return { areaM2: 0, errorM2: 0 };
    if (!edgeNearBox(a, b)) return { areaM2: wholeInside(b, a) ? b.area : 0, errorM2: 0 };
    if (!edgeNearBox(b, a)) return { areaM2: wholeInside(a, b) ? a.area : 0, errorM2: 0 };
  }
  const ox = a.minX > b.minX ? a.minX : b.minX;
  const xr = a.maxX < b.maxX ? a.maxX : b.maxX;
  const oy = a.minY > b.minY ? a.minY : b.minY;
  const direct = vertexCount(a) * vertexCount(b) <= DIRECT_PAIRS;
  const result = direct ? directSum(a, b, ox, xr, oy) : sweepSum(a, b, ox, xr, oy, shortcuts);
  const areaM2 = result.sum;
  let errorM2 = 16 * U * result.mag + 2 * U * Math.abs(areaM2);
  const lo = a.minX < b.minX ? a.minX : b.minX;
  const hi = a.maxX > b.maxX ? a.maxX : b.maxX;
  const loY = a.minY < b.minY ? a.minY : b.minY;
  const hiY = a.maxY > b.maxY ? a.maxY : b.maxY;
  if (!exactShift(lo, hi, lo) || !exactShift(loY, hiY, oy)) {
    // Differences of coordinates may round: each vertex moves by at most u·|coordinate|.
    const reach = U * Math.max(Math.abs(lo), Math.abs(hi), Math.abs(loY), Math.abs(hiY));
    errorM2 += 4 * reach * (perimeter(a) + perimeter(b));
  }
  return { areaM2, errorM2 };
}

/** Up to this many vertex pairs, edges are paired directly instead of swept (no edge table to build). */
const DIRECT_PAIRS = 1024;

function vertexCount(shape: AreaShape): number {
  let n = 0;
  for (const ring of shape.rings) n += ring.length;
  return n / 2;
}

function perimeter(shape: AreaShape): number {
  let sum = 0;
  for (const ring of shape.rings) {
    const n = ring.length;
    let px = ring[n - 2] as number;
    let py = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      sum += Math.hypot((ring[i] as number) - px, (ring[i + 1] as number) - py);
      px = ring[i] as number;
      py = ring[i + 1] as number;
    }
  }
  return sum;
}

/** The edge-pair sum over every pair of edges of A and B whose x-ranges overlap (Neumaier-compensated). */
function directSum(a: AreaShape, b: AreaShape, ox: number, xr: number, oy: number): { sum: number; mag: number } {
  let sum = 0;
  let comp = 0;
  let mag = 0;
  for (const ra of a.rings) {
    const n = ra.length;
    let px = ra[n - 2] as number;
    let py = ra[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const qx = ra[i] as number;
      const qy = ra[i + 1] as number;
      const forward = px < qx;
      const ax = forward ? px : qx;
      const ay = forward ? py : qy;
      const bx = forward ? qx : px;
      const by = forward ? qy : py;
      px = qx;
      py = qy;
      if (ax === bx || bx <= ox || ax >= xr || (ay > by ? ay : by) <= oy) continue;
      const sa = forward ? -1 : 1;
      for (const rb of b.rings) {
        const m = rb.length;
        let sx = rb[m - 2] as number;
        let sy = rb[m - 1] as number;
        for (let j = 0; j < m; j += 2) {
          const tx = rb[j] as number;
          const ty = rb[j + 1] as number;
          const fw = sx < tx;
          const cx = fw ? sx : tx;
          const dx = fw ? tx : sx;
          if (cx !== dx && dx > ax && cx < bx) {
            const cy = fw ? sy : ty;
            const dy = fw ? ty : sy;
            if ((cy > dy ? cy : dy) > oy) {
              const term = (fw ? -sa : sa) * pairIntegral(ax, ay, bx, by, cx, cy, dx, dy, oy);
              const next = sum + term;
              comp += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
              sum = next;
              mag += lastMagnitude;
            }
          }
          sx = tx;
          sy = ty;
        }
      }
    }
  }
  return { sum: sum + comp, mag };
}

/** The same sum by a sweep over both edge tables in order of left x. */
function sweepSum(a: AreaShape, b: AreaShape, ox: number, xr: number, oy: number, shortcuts: boolean): { sum: number; mag: number } {
  const ta = edgeTable(a);
  const tb = edgeTable(b);
  let sum = 0;
  let comp = 0;
  let mag = 0;
  let na = 0;
  let nb = 0;
  let i = 0;
  let j = 0;
  const ea = ta.count;
  const eb = tb.count;
  const ae = ta.e;
  const be = tb.e;
  while (i < ea || j < eb) {
    const fromA = j >= eb || (i < ea && (ae[i * EDGE_STRIDE] as number) <= (be[j * EDGE_STRIDE] as number));
    const te = fromA ? ae : be;
    const oe = fromA ? be : ae;
    const k = fromA ? i++ : j++;
    const ok = k * EDGE_STRIDE;
    const x = te[ok] as number;
    if (x >= xr && shortcuts) break;
    if ((te[ok + 2] as number) <= ox || (te[ok + 4] as number) <= oy) continue;
    const active = fromA ? activeB : activeA;
    let n = fromA ? nb : na;
    const sk = te[ok + 5] as number;
    const rxk = te[ok + 2] as number;
    const ly = te[ok + 1] as number;
    const ry = te[ok + 3] as number;
    for (let q = 0; q < n; q++) {
      const m = active[q] as number;
      const om = m * EDGE_STRIDE;
      const rxm = oe[om + 2] as number;
      if (rxm <= x) {
        active[q] = active[n - 1] as number;
        n--;
        q--;
        continue;
      }
      const term = sk * (oe[om + 5] as number) * pairIntegral(x, ly, rxk, ry, oe[om] as number, oe[om + 1] as number, rxm, oe[om + 3] as number, oy);
      const next = sum + term;
      comp += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
      sum = next;
      mag += lastMagnitude;
    }
    if (fromA) {
      nb = n;
      activeA = grow(activeA, na);
      activeA[na++] = k;
    } else {
      na = n;
      activeB = grow(activeB, nb);
      activeB[nb++] = k;
    }
  }
  return { sum: sum + comp, mag };
}

/** Whether some edge of `a` has its box touching `b`'s box. */
function edgeNearBox(a: AreaShape, b: AreaShape): boolean {
  for (const ring of a.rings) {
    const n = ring.length;
    let jx = ring[n - 2] as number;
    let jy = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const ix = ring[i] as number;
      const iy = ring[i + 1] as number;
      if (
        !((ix > jx ? ix : jx) < b.minX || (ix < jx ? ix : jx) > b.maxX || (iy > jy ? iy : jy) < b.minY || (iy < jy ? iy : jy) > b.maxY)
      ) {
        return true;
      }
      jx = ix;
      jy = iy;
    }
  }
  return false;
}

/** With no edge of `outer` touching `inner`'s box: whether `inner` lies inside `outer` (one vertex decides). */
function wholeInside(inner: AreaShape, outer: AreaShape): boolean {
  const ring = inner.rings[0] as Float64Array;
  return classifyPoint(outer, ring[0] as number, ring[1] as number, 0, 0, 0) === POINT_INSIDE;
}

/** True when the bounding boxes of two shapes are farther apart than `gap`. */
export function boxesApart(a: AreaShape, b: AreaShape, gap: number): boolean {
  return a.maxX + gap < b.minX || b.maxX + gap < a.minX || a.maxY + gap < b.minY || b.maxY + gap < a.minY;
}

/**
 * Planar area of A∩B in m² (map units), never below 0; see {@link overlapMeasure} for the error
 * bound. `eps` is the gap of the bounding-box shortcut; `boxTest: false` skips every shortcut and
 * sweeps all edges (only the benchmark's naive loop wants that).
 */
export function intersectionArea(a: AreaShape, b: AreaShape, eps: number = DEFAULT_EPS_M, boxTest = true): number {
  if (boxTest && boxesApart(a, b, eps)) return 0;
  const { areaM2 } = overlapMeasure(a, b, boxTest);
  return areaM2 > 0 ? areaM2 : 0;
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

/**
 * ∫w² − ∫w over the plane, w the shape's winding number, with its error bound: 0 for a valid shape
 * (w ∈ {0, 1}); twice the area covered twice when parts overlap, twice the area of the lobes of a
 * self-crossing ring that wind the wrong way or of a hole's part outside its shell.
 */
export function windingExcess(shape: AreaShape): OverlapMeasure {
  const self = overlapMeasure(shape, shape);
  return { areaM2: self.areaM2 - shape.area, errorM2: self.errorM2 + 4 * U * Math.abs(shape.area) };
}

/**
 * The stated repair of an invalid shape: the union of its parts by polyclip-ts (self-crossing
 * rings by the non-zero rule, the part of a hole outside its shell dropped), or null when nothing
 * with area is left.
 */
export function repairShape(shape: AreaShape): AreaShape | null {
  return fromPolyclip(union(toPolyclip(shape)));
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
