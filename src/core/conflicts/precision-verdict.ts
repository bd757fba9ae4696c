import { signedDistance } from './min-distance';
import type { AreaShape } from './planar-shape';

/**
 * Precision-aware verdicts.
 *
 * Every feature may truly lie anywhere within `precisionM` (r) of where it is drawn. For two
 * features the worst relative displacement is the shift s = rA + rB. A rule's relation is judged
 * at the drawn positions ("nominal") and then asked how robust that answer is:
 *
 * - **overlap** (conflict iff area(A∩B) > tol). If the interiors meet, the depth is ρ − √(tol/π)
 *   where ρ is the radius of the largest disc inside A∩B. Moving the shapes apart by δ < ρ still
 *   leaves a disc of radius ρ − δ inside the overlap, so the conflict survives every shift up to s
 *   when ρ − s > √(tol/π): **definite**. When the interiors do not meet the depth is −D (D the
 *   minimum distance): a shift larger than D could create an overlap: **possible** when D < s.
 *   The disc bound is conservative: a long thin overlap may be called possible although no shift
 *   of size s removes it.
 * - **outside-of** (conflict iff area(A \ B) > tol). Same as overlap with A \ B in place of A∩B;
 *   when A lies inside B the depth is −(distance from ∂A to ∂B).
 * - **within-distance d** (conflict iff D ≤ d). depth = d − D: definite when d − D ≥ s, possible
 *   when D − s ≤ d.
 *
 * In every case margin = depth − s. A finding is definite when the nominal answer is a conflict
 * and margin > 0 (for within-distance margin ≥ 0), or when s = 0 (surveyed data: the drawn
 * position is the position); possible when the conflict holds for some displacement of at most s,
 * i.e. depth + s > 0; none otherwise. Depths are lower bounds: with s > 0 they are refined to
 * max(0.05 m, 2 %); with s = 0 (verdict settled by the nominal answer) the search stops at the first
 * disc that clears the tolerance, so depth and margin then only say "at least this much".
 */

/** The conflict holds wherever both features could lie. */
export const VERDICT_DEFINITE = 'definite';
/** The conflict holds for some positions within the precision radii only. */
export const VERDICT_POSSIBLE = 'possible';
/** No conflict at any position within the precision radii. */
export const VERDICT_NONE = 'none';
/** A precision-aware verdict. */
export type Verdict = typeof VERDICT_DEFINITE | typeof VERDICT_POSSIBLE | typeof VERDICT_NONE;

/** Outcome of {@link decideVerdict}. */
export interface VerdictOutcome {
  verdict: Verdict;
  /** Whether the relation holds at the drawn positions. */
  nominal: boolean;
  /** Robustness depth in metres (see module comment); positive favours the conflict. */
  depthM: number;
  /** rA + rB in metres. */
  shiftM: number;
  /** depthM − shiftM. */
  marginM: number;
}

/**
 * Turns a nominal answer and a depth into a verdict (rules in the module comment).
 * `inclusive` makes margin = 0 count as definite (distance rules use ≤).
 */
export function decideVerdict(nominal: boolean, depthM: number, shiftM: number, inclusive = false): VerdictOutcome {
  if (!(shiftM >= 0)) throw new RangeError(`shift must be ≥ 0, got ${shiftM}`);
  const marginM = depthM - shiftM;
  let verdict: Verdict;
  if (nominal && (shiftM === 0 || marginM > 0 || (inclusive && marginM === 0))) verdict = VERDICT_DEFINITE;
  else if (nominal || depthM + shiftM > 0 || (inclusive && depthM + shiftM === 0 && shiftM > 0)) verdict = VERDICT_POSSIBLE;
  else verdict = VERDICT_NONE;
  return { verdict, nominal, depthM, shiftM, marginM };
}

interface Cell {
  x: number;
  y: number;
  h: number;
  d: number;
  max: number;
}

function pushCell(heap: Cell[], cell: Cell): void {
  heap.push(cell);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as Cell;
    if (p.max >= cell.max) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = cell;
}

function popCell(heap: Cell[]): Cell | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    let best = last.max;
    if (l < n && (heap[l] as Cell).max > best) {
      m = l;
      best = (heap[l] as Cell).max;
    }
    if (r < n && (heap[r] as Cell).max > best) m = r;
    if (m === i) break;
    heap[i] = heap[m] as Cell;
    i = m;
  }
  heap[i] = last;
  return top;
}

/** Options of {@link maxInscribedRadius}. */
export interface InscribedOptions {
  /** Stop once a disc of at least this radius is found (default: refine fully). */
  enough?: number;
  /** Absolute precision in metres (default 0.05). */
  absPrecision?: number;
  /** Relative precision (default 0.02). */
  relPrecision?: number;
  /** Safety cap on evaluated cells (default 20 000). */
  maxCells?: number;
}

/**
 * Largest r such that some point c has f(c) ≥ r, for a 1-Lipschitz function f (a signed distance)
 * over the box [minX, maxX] × [minY, maxY]: a polylabel-style best-first search over quadtree
 * cells. Returns a lower bound within the requested precision (negative when f < 0 everywhere).
 */
export function maxLipschitz(
  f: (x: number, y: number) => number,
  minX: number, minY: number, maxX: number, maxY: number,
  options: InscribedOptions = {},
): number {
  const absPrecision = options.absPrecision ?? 0.05;
  const relPrecision = options.relPrecision ?? 0.02;
  const enough = options.enough ?? Infinity;
  const maxCells = options.maxCells ?? 20_000;
  const w = maxX - minX;
  const hgt = maxY - minY;
  const size = Math.max(w, hgt);
  const heap: Cell[] = [];
  const make = (x: number, y: number, h: number): Cell => {
    const d = f(x, y);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  let best = make(cx, cy, 0).d;
  if (size <= 0 || best >= enough) return best;
  // Start with square cells covering the box.
  const h0 = Math.min(w, hgt) > 0 ? Math.min(w, hgt) / 2 : size / 2;
  for (let x = minX; x < maxX; x += 2 * h0) {
    for (let y = minY; y < maxY; y += 2 * h0) {
      const cell = make(x + h0, y + h0, h0);
      if (cell.d > best) best = cell.d;
      if (best >= enough) return best;
      pushCell(heap, cell);
    }
  }
  let evaluated = heap.length;
  while (heap.length > 0 && best < enough && evaluated < maxCells) {
    const cell = popCell(heap) as Cell;
    if (cell.max - best <= Math.max(absPrecision, relPrecision * Math.abs(best))) break;
    const h = cell.h / 2;
    for (let q = 0; q < 4; q++) {
      const child = make(cell.x + (q & 1 ? h : -h), cell.y + (q & 2 ? h : -h), h);
      evaluated++;
      if (child.d > best) best = child.d;
      if (child.max > best) pushCell(heap, child);
    }
  }
  return best;
}

/** Radius of the largest disc inside A∩B (≤ 0 when the interiors do not meet). */
export function intersectionInradius(a: AreaShape, b: AreaShape, options: InscribedOptions = {}): number {
  const minX = Math.max(a.minX, b.minX);
  const minY = Math.max(a.minY, b.minY);
  const maxX = Math.min(a.maxX, b.maxX);
  const maxY = Math.min(a.maxY, b.maxY);
  if (minX > maxX || minY > maxY) return 0;
  return maxLipschitz((x, y) => Math.min(signedDistance(a, x, y), signedDistance(b, x, y)), minX, minY, maxX, maxY, options);
}

/** Radius of the largest disc inside A \ B (≤ 0 when A lies inside B). */
export function differenceInradius(a: AreaShape, b: AreaShape | null, options: InscribedOptions = {}): number {
  const f =
    b === null
      ? (x: number, y: number) => signedDistance(a, x, y)
      : (x: number, y: number) => Math.min(signedDistance(a, x, y), -signedDistance(b, x, y));
  return maxLipschitz(f, a.minX, a.minY, a.maxX, a.maxY, options);
}
