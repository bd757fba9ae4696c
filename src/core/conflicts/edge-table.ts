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
  const raw = new Float64Array(total * 5);
  let count = 0;
  let perimeter = 0;
  for (const ring of shape.rings) {
    const n = ring.length;
    let px = ring[n - 2] as number;
    let py = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const qx = ring[i] as number;
      const qy = ring[i + 1] as number;
      perimeter += Math.hypot(qx - px, qy - py);
      if (qx !== px) {
        const o = count * 5;
        if (px < qx) {
          raw[o] = px;
          raw[o + 1] = py;
          raw[o + 2] = qx;
          raw[o + 3] = qy;
          raw[o + 4] = -1;
        } else {
          raw[o] = qx;
          raw[o + 1] = qy;
          raw[o + 2] = px;
          raw[o + 3] = py;
          raw[o + 4] = 1;
        }
        count++;
      }
      px = qx;
      py = qy;
    }
  }
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((p, q) => (raw[p * 5] as number) - (raw[q * 5] as number));
  const table: EdgeTable = {
    count,
    lx: new Float64Array(count),
    ly: new Float64Array(count),
    rx: new Float64Array(count),
    ry: new Float64Array(count),
    topY: new Float64Array(count),
    sign: new Float64Array(count),
    perimeter,
  };
  for (let k = 0; k < count; k++) {
    const o = (order[k] as number) * 5;
    table.lx[k] = raw[o] as number;
    table.ly[k] = raw[o + 1] as number;
    table.rx[k] = raw[o + 2] as number;
    table.ry[k] = raw[o + 3] as number;
    table.topY[k] = Math.max(raw[o + 1] as number, raw[o + 3] as number);
    table.sign[k] = raw[o + 4] as number;
  }
  tables.set(shape, table);
  return table;
}
