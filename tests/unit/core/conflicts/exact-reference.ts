import type { Parts } from './overlay-suite-lib';

/**
 * An exact reference for polygon overlay areas, independent of the engine: every coordinate is
 * turned into an integer (the doubles scaled by a common power of two, BigInt), the plane is cut
 * into vertical slabs at every vertex and every crossing of two edges (rational x), and inside each
 * slab the edges are sorted by their height at the slab's middle; a point of the slab between two
 * consecutive edges is in a shape when it is inside some part, a part being the even-odd
 * region of its rings. Each slab contributes width × the sum of the gaps (trapezoids), computed
 * exactly and rounded once to a double.
 */

/** Exact areas of A∩B, A \ B, B \ A and whether the closed shapes meet. */
export interface ExactOverlay {
  inter: number;
  aMinusB: number;
  bMinusA: number;
  /** The closed shapes have a point in common. */
  meet: boolean;
}

interface Edge {
  x0: bigint;
  y0: bigint;
  x1: bigint;
  y1: bigint;
  fx0: number;
  fx1: number;
  fy0: number;
  fy1: number;
  shape: 0 | 1;
  part: number;
}

interface Rat {
  n: bigint;
  d: bigint;
}

function decompose(v: number): { m: bigint; e: number } {
  if (v === 0) return { m: 0n, e: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  while (mant !== 0n && (mant & 1n) === 0n) {
    mant >>= 1n;
    e++;
  }
  return { m: v < 0 ? -mant : mant, e };
}

function toNumber(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const neg = n < 0n !== d < 0n;
  let an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const shift = an.toString(2).length - ad.toString(2).length - 64;
  let q: bigint;
  if (shift > 0) q = an / (ad << BigInt(shift));
  else {
    an <<= BigInt(-shift);
    q = an / ad;
  }
  const value = Number(q) * 2 ** shift;
  return neg ? -value : value;
}

function cmpRat(a: Rat, b: Rat): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

function sign(v: bigint): number {
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

function orient(ax: bigint, ay: bigint, bx: bigint, by: bigint, cx: bigint, cy: bigint): number {
  return sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function onSegment(e: Edge, px: bigint, py: bigint): boolean {
  const minX = e.x0 < e.x1 ? e.x0 : e.x1;
  const maxX = e.x0 < e.x1 ? e.x1 : e.x0;
  const minY = e.y0 < e.y1 ? e.y0 : e.y1;
  const maxY = e.y0 < e.y1 ? e.y1 : e.y0;
  return px >= minX && px <= maxX && py >= minY && py <= maxY;
}

/** Computes A∩B, A \ B, B \ A exactly (see the module comment). */
export function exactOverlay(a: Parts, b: Parts): ExactOverlay {
  let minE = Infinity;
  for (const shape of [a, b]) for (const part of shape) for (const ring of part) for (const p of ring) for (const v of p.slice(0, 2)) {
    if (v !== 0) minE = Math.min(minE, decompose(v as number).e);
  }
  if (!Number.isFinite(minE)) minE = 0;
  const toInt = (v: number): bigint => {
    const { m, e } = decompose(v);
    return m << BigInt(e - minE);
  };
  const edges: Edge[] = [];
  [a, b].forEach((shape, s) => {
    shape.forEach((part, pi) => {
      for (const ring of part) {
        const n = ring.length;
        for (let i = 0; i < n; i++) {
          const p = ring[i] as number[];
          const q = ring[(i + 1) % n] as number[];
          if (p[0] === q[0] && p[1] === q[1]) continue;
          edges.push({
            x0: toInt(p[0] as number), y0: toInt(p[1] as number), x1: toInt(q[0] as number), y1: toInt(q[1] as number),
            fx0: p[0] as number, fy0: p[1] as number, fx1: q[0] as number, fy1: q[1] as number,
            shape: s as 0 | 1, part: pi,
          });
        }
      }
    });
  });
  const xs: Rat[] = [];
  for (const e of edges) xs.push({ n: e.x0, d: 1n });
  let meet = false;
  const byMin = edges.map((_, i) => i).sort((i, j) => Math.min((edges[i] as Edge).fx0, (edges[i] as Edge).fx1) - Math.min((edges[j] as Edge).fx0, (edges[j] as Edge).fx1));
  for (let ii = 0; ii < byMin.length; ii++) {
    const e = edges[byMin[ii] as number] as Edge;
    const eMaxX = Math.max(e.fx0, e.fx1);
    const eMinY = Math.min(e.fy0, e.fy1);
    const eMaxY = Math.max(e.fy0, e.fy1);
    for (let jj = ii + 1; jj < byMin.length; jj++) {
      const f = edges[byMin[jj] as number] as Edge;
      if (Math.min(f.fx0, f.fx1) > eMaxX) break;
      if (Math.max(f.fy0, f.fy1) < eMinY || Math.min(f.fy0, f.fy1) > eMaxY) continue;
      const o1 = orient(e.x0, e.y0, e.x1, e.y1, f.x0, f.y0);
      const o2 = orient(e.x0, e.y0, e.x1, e.y1, f.x1, f.y1);
      const o3 = orient(f.x0, f.y0, f.x1, f.y1, e.x0, e.y0);
      const o4 = orient(f.x0, f.y0, f.x1, f.y1, e.x1, e.y1);
      const proper = o1 * o2 < 0 && o3 * o4 < 0;
      if (e.shape !== f.shape && !meet) {
        meet =
          proper ||
          (o1 === 0 && onSegment(e, f.x0, f.y0)) ||
          (o2 === 0 && onSegment(e, f.x1, f.y1)) ||
          (o3 === 0 && onSegment(f, e.x0, e.y0)) ||
          (o4 === 0 && onSegment(f, e.x1, e.y1));
      }
      if (proper) {
        const ex = e.x1 - e.x0;
        const ey = e.y1 - e.y0;
        const fx = f.x1 - f.x0;
        const fy = f.y1 - f.y0;
        let den = ex * fy - ey * fx;
        let num = (f.x0 - e.x0) * fy - (f.y0 - e.y0) * fx;
        if (den < 0n) {
          den = -den;
          num = -num;
        }
        xs.push({ n: e.x0 * den + ex * num, d: den });
      }
    }
  }
  const approx = (r: Rat): number => toNumber(r.n, r.d);
  const keyed = xs.map((r) => ({ r, v: approx(r) }));
  keyed.sort((p, q) => (Math.abs(p.v - q.v) > 1e-9 * (Math.abs(p.v) + Math.abs(q.v)) ? p.v - q.v : cmpRat(p.r, q.r)));
  const slabs: Rat[] = [];
  for (const k of keyed) if (slabs.length === 0 || cmpRat(slabs[slabs.length - 1] as Rat, k.r) !== 0) slabs.push(k.r);

  const spans = edges.filter((e) => e.x0 !== e.x1).map((e) => (e.x0 < e.x1 ? e : { ...e, x0: e.x1, y0: e.y1, x1: e.x0, y1: e.y0 }));
  spans.sort((p, q) => (p.x0 < q.x0 ? -1 : p.x0 > q.x0 ? 1 : 0));
  const partCount = [a.length, b.length];
  const sums = [0, 0, 0];
  const comps = [0, 0, 0];
  let active: Edge[] = [];
  let next = 0;
  for (let k = 0; k + 1 < slabs.length; k++) {
    const xl = slabs[k] as Rat;
    const xr = slabs[k + 1] as Rat;
    while (next < spans.length && (spans[next] as Edge).x0 * xl.d <= xl.n) active.push(spans[next++] as Edge);
    active = active.filter((e) => e.x1 * xl.d > xl.n);
    if (active.length === 0) continue;
    const mn = xl.n * xr.d + xr.n * xl.d;
    const md = 2n * xl.d * xr.d;
    const ys = active.map((e) => {
      const dx = e.x1 - e.x0;
      const n = e.y0 * dx * md + (e.y1 - e.y0) * (mn - e.x0 * md);
      const d = dx * md;
      return { e, r: { n, d }, v: toNumber(n, d) };
    });
    ys.sort((p, q) => (Math.abs(p.v - q.v) > 1e-9 * (Math.abs(p.v) + Math.abs(q.v)) ? p.v - q.v : cmpRat(p.r, q.r)));
    const width = toNumber(xr.n * xl.d - xl.n * xr.d, xl.d * xr.d);
    const parity = [new Uint8Array(partCount[0] as number), new Uint8Array(partCount[1] as number)];
    const odd = [0, 0];
    for (let i = 0; i + 1 < ys.length; i++) {
      const cur = ys[i] as (typeof ys)[number];
      const par = parity[cur.e.shape] as Uint8Array;
      par[cur.e.part] = 1 - (par[cur.e.part] as number);
      odd[cur.e.shape] = (odd[cur.e.shape] as number) + (par[cur.e.part] === 1 ? 1 : -1);
      const inA = (odd[0] as number) > 0;
      const inB = (odd[1] as number) > 0;
      const slot = inA && inB ? 0 : inA ? 1 : inB ? 2 : -1;
      if (slot < 0) continue;
      const nx = (ys[i + 1] as (typeof ys)[number]).r;
      const gap = toNumber(nx.n * cur.r.d - cur.r.n * nx.d, nx.d * cur.r.d);
      const term = gap * width;
      const s = sums[slot] as number;
      const t = s + term;
      comps[slot] = (comps[slot] as number) + (Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s);
      sums[slot] = t;
    }
  }
  const scale = 2 ** (2 * minE);
  const inter = ((sums[0] as number) + (comps[0] as number)) * scale;
  return {
    inter,
    aMinusB: ((sums[1] as number) + (comps[1] as number)) * scale,
    bMinusA: ((sums[2] as number) + (comps[2] as number)) * scale,
    meet: meet || inter > 0,
  };
}
