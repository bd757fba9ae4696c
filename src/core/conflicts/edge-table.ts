import type { AreaShape } from './planar-shape';

/**
 * The non-vertical edges of a shape, each stored left to right with the sign of its direction,
 * sorted by left x: what the overlap integral of exact-overlap.ts sweeps. Built once per shape.
 */
export interface EdgeTable {
  count: number;
  lx: Float64Array;
  ly: Float64Array;
  rx: Float64Array;
  ry: Float64Array;
  /** max(ly, ry). */
  topY: Float64Array;
  /** +1 when the edge runs towards −x in its ring, −1 towards +x. */
  sign: Float64Array;
  /** Total length of all edges (vertical ones included). */
  perimeter: number;
}

const tables = new WeakMap<AreaShape, EdgeTable>();

/** The edge table of `shape` (cached per shape object). */
export function edgeTable(shape: AreaShape): EdgeTable {
  const cached = tables.get(shape);
  if (cached !== undefined) return cached;
  let total = 0;
  for (const ring of shape.rings) total += ring.length / 2;
  const buffer = new Float64Array(total * 6);
  const lx = buffer.subarray(0, total);
  const ly = buffer.subarray(total, 2 * total);
  const rx = buffer.subarray(2 * total, 3 * total);
  const ry = buffer.subarray(3 * total, 4 * total);
  const topY = buffer.subarray(4 * total, 5 * total);
  const sign = buffer.subarray(5 * total, 6 * total);
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
        const y0 = forward ? py : qy;
        const x1 = forward ? qx : px;
        const y1 = forward ? qy : py;
        // Insertion by left x for short rings; long ones are sorted once below.
        let k = count++;
        while (total <= 64 && k > 0 && (lx[k - 1] as number) > x0) {
          lx[k] = lx[k - 1] as number;
          ly[k] = ly[k - 1] as number;
          rx[k] = rx[k - 1] as number;
          ry[k] = ry[k - 1] as number;
          topY[k] = topY[k - 1] as number;
          sign[k] = sign[k - 1] as number;
          k--;
        }
        lx[k] = x0;
        ly[k] = y0;
        rx[k] = x1;
        ry[k] = y1;
        topY[k] = y0 > y1 ? y0 : y1;
        sign[k] = forward ? -1 : 1;
      }
      px = qx;
      py = qy;
    }
  }
  if (total > 64) sortByLeft(buffer, total, count);
  const table: EdgeTable = { count, lx, ly, rx, ry, topY, sign, perimeter };
  tables.set(shape, table);
  return table;
}

/** Sorts the first `count` edges of a 6-column buffer (column stride `total`) by left x. */
function sortByLeft(buffer: Float64Array, total: number, count: number): void {
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((p, q) => (buffer[p] as number) - (buffer[q] as number));
  const copy = buffer.slice();
  for (let c = 0; c < 6; c++) {
    const base = c * total;
    for (let k = 0; k < count; k++) buffer[base + k] = copy[base + (order[k] as number)] as number;
  }
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * Whether two non-vertical edges of the table cross at a point inside both (floating-point
 * orientation tests; shared end points and collinear overlaps do not count). A sweep in order of
 * left x, so only edges whose x-ranges overlap are compared.
 */
export function hasProperCrossing(t: EdgeTable): boolean {
  const active: number[] = [];
  for (let k = 0; k < t.count; k++) {
    const x = t.lx[k] as number;
    const ax = x;
    const ay = t.ly[k] as number;
    const bx = t.rx[k] as number;
    const by = t.ry[k] as number;
    for (let q = 0; q < active.length; q++) {
      const m = active[q] as number;
      const cx = t.lx[m] as number;
      const cy = t.ly[m] as number;
      const dx = t.rx[m] as number;
      const dy = t.ry[m] as number;
      if (dx <= x) {
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
