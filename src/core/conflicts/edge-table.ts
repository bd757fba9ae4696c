import type { AreaShape } from './planar-shape';

/**
 * The non-vertical edges of a shape, each stored left to right with the sign of its direction,
 * sorted by left x: what the overlap integral of exact-overlap.ts sweeps. Built once per shape
 * and kept on it. Edge k is `e[6k … 6k+5]` = left x, left y, right x, right y, max(left y,
 * right y), sign (+1 when the edge runs towards −x in its ring, −1 towards +x).
 */
export interface EdgeTable {
  count: number;
  e: Float64Array;
  /** Total length of all edges (vertical ones included). */
  perimeter: number;
}

/** Floats per edge in {@link EdgeTable.e}. */
export const EDGE_STRIDE = 6;

/** The edge table of `shape` (built on first use and stored on the shape). */
export function edgeTable(shape: AreaShape): EdgeTable {
  const cached = shape.edges;
  if (cached !== undefined && cached !== null) return cached;
  let total = 0;
  for (const ring of shape.rings) total += ring.length / 2;
  const e = new Float64Array(total * EDGE_STRIDE);
  let count = 0;
  let perimeter = 0;
  for (const ring of shape.rings) {
    const n = ring.length;
    let px = ring[n - 2] as number;
    let py = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const qx = ring[i] as number;
      const qy = ring[i + 1] as number;
      const ex = qx - px;
      const ey = qy - py;
      perimeter += Math.sqrt(ex * ex + ey * ey);
      if (ex !== 0) {
        const forward = ex > 0;
        const x0 = forward ? px : qx;
        // Insertion by left x for short rings; long ones are sorted once below.
        let o = count++ * EDGE_STRIDE;
        while (total <= 64 && o > 0 && (e[o - EDGE_STRIDE] as number) > x0) {
          e.copyWithin(o, o - EDGE_STRIDE, o);
          o -= EDGE_STRIDE;
        }
        const y0 = forward ? py : qy;
        const y1 = forward ? qy : py;
        e[o] = x0;
        e[o + 1] = y0;
        e[o + 2] = forward ? qx : px;
        e[o + 3] = y1;
        e[o + 4] = y0 > y1 ? y0 : y1;
        e[o + 5] = forward ? -1 : 1;
      }
      px = qx;
      py = qy;
    }
  }
  if (total > 64) sortByLeft(e, count);
  const table: EdgeTable = { count, e, perimeter };
  (shape as { edges?: EdgeTable | null }).edges = table;
  return table;
}

/** Sorts the first `count` edges of `e` by left x. */
function sortByLeft(e: Float64Array, count: number): void {
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((p, q) => (e[p * EDGE_STRIDE] as number) - (e[q * EDGE_STRIDE] as number));
  const copy = e.slice(0, count * EDGE_STRIDE);
  for (let k = 0; k < count; k++) e.set(copy.subarray((order[k] as number) * EDGE_STRIDE, ((order[k] as number) + 1) * EDGE_STRIDE), k * EDGE_STRIDE);
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Whether two edges of a short flat ring cross at a point inside both (same test as
 * {@link ringCrosses}, all pairs of non-adjacent edges: for rings of up to 64 vertices this
 * is cheaper than sorting the edges).
 */
export function shortRingCrosses(ring: Float64Array): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const ax = ring[i] as number;
    const ay = ring[i + 1] as number;
    const bx = ring[(i + 2) % n] as number;
    const by = ring[(i + 3) % n] as number;
    const minX = ax < bx ? ax : bx;
    const maxX = ax < bx ? bx : ax;
    const minY = ay < by ? ay : by;
    const maxY = ay < by ? by : ay;
    for (let j = i + 4; j < n; j += 2) {
      if (i === 0 && j === n - 2) continue;
      const cx = ring[j] as number;
      const cy = ring[j + 1] as number;
      const dx = ring[(j + 2) % n] as number;
      const dy = ring[(j + 3) % n] as number;
      if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX) || (cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
      const o1 = orient(ax, ay, bx, by, cx, cy);
      const o2 = orient(ax, ay, bx, by, dx, dy);
      if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) continue;
      const o3 = orient(cx, cy, dx, dy, ax, ay);
      const o4 = orient(cx, cy, dx, dy, bx, by);
      if ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) return true;
    }
  }
  return false;
}

/**
 * Whether two edges of a flat ring cross at a point inside both (same test as
 * {@link shortRingCrosses}): a sweep in order of left x, so only edges whose x-ranges overlap
 * are compared.
 */
export function ringCrosses(ring: Float64Array): boolean {
  const n = ring.length / 2;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  const left = (k: number): number => Math.min(ring[2 * k] as number, ring[(2 * k + 2) % (2 * n)] as number);
  order.sort((p, q) => left(p) - left(q));
  const active: number[] = [];
  for (const k of order) {
    const ax = ring[2 * k] as number;
    const ay = ring[2 * k + 1] as number;
    const bx = ring[(2 * k + 2) % (2 * n)] as number;
    const by = ring[(2 * k + 3) % (2 * n)] as number;
    const lx = ax < bx ? ax : bx;
    for (let q = 0; q < active.length; q++) {
      const m = active[q] as number;
      const cx = ring[2 * m] as number;
      const cy = ring[2 * m + 1] as number;
      const dx = ring[(2 * m + 2) % (2 * n)] as number;
      const dy = ring[(2 * m + 3) % (2 * n)] as number;
      if ((cx > dx ? cx : dx) < lx) {
        active[q] = active[active.length - 1] as number;
        active.pop();
        q--;
        continue;
      }
      const o1 = orient(ax, ay, bx, by, cx, cy);
      const o2 = orient(ax, ay, bx, by, dx, dy);
      if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) continue;
      const o3 = orient(cx, cy, dx, dy, ax, ay);
      const o4 = orient(cx, cy, dx, dy, bx, by);
      if ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) return true;
    }
    active.push(k);
  }
  return false;
}
