import type { Position } from 'geojson';
import { SELF_INTERSECTION_SEGMENT_CAP, MAX_REPORTED_INTERSECTIONS, samePosition, Collector } from './validation-collector';

/**
 * The segments of one polygon as parallel arrays (index = segment number in ring order), with
 * their ends scaled to a local equirectangular plane (x = lon·cos lat₀, y = lat), plus the
 * scratch arrays of the sweep.
 */
class SegmentTable {
  length = 0;
  /** Ring of the segment. */
  readonly ring: Int32Array;
  /** Index of the segment's start vertex in the original ring. */
  readonly v: Int32Array;
  /** Index of the segment within its ring's de-duplicated segment list. */
  readonly k: Int32Array;
  readonly ax: Float64Array;
  readonly ay: Float64Array;
  readonly bx: Float64Array;
  readonly by: Float64Array;
  readonly minX: Float64Array;
  readonly maxX: Float64Array;
  readonly minY: Float64Array;
  readonly maxY: Float64Array;
  /** Segment numbers in sweep order. */
  readonly order: Int32Array;
  /** Segments whose x-range is still open, in sweep order. */
  readonly active: Int32Array;

  constructor(capacity: number) {
    this.ring = new Int32Array(capacity);
    this.v = new Int32Array(capacity);
    this.k = new Int32Array(capacity);
    this.ax = new Float64Array(capacity);
    this.ay = new Float64Array(capacity);
    this.bx = new Float64Array(capacity);
    this.by = new Float64Array(capacity);
    this.minX = new Float64Array(capacity);
    this.maxX = new Float64Array(capacity);
    this.minY = new Float64Array(capacity);
    this.maxY = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.active = new Int32Array(capacity);
  }

  push(ring: number, v: number, k: number, ax: number, ay: number, bx: number, by: number): void {
    const i = this.length++;
    this.ring[i] = ring;
    this.v[i] = v;
    this.k[i] = k;
    this.ax[i] = ax;
    this.ay[i] = ay;
    this.bx[i] = bx;
    this.by[i] = by;
    this.minX[i] = Math.min(ax, bx);
    this.maxX[i] = Math.max(ax, bx);
    this.minY[i] = Math.min(ay, by);
    this.maxY[i] = Math.max(ay, by);
  }
}

/** Polygons with at most this many segments reuse one shared {@link SegmentTable}. */
const SHARED_TABLE_CAPACITY = 1024;
const sharedTable = new SegmentTable(SHARED_TABLE_CAPACITY);
/** Up to this many segments are put in sweep order by insertion. */
const INSERTION_SORT_MAX = 64;

/** An empty table for up to `capacity` segments. */
function emptySegmentTable(capacity: number): SegmentTable {
  if (capacity > SHARED_TABLE_CAPACITY) return new SegmentTable(capacity);
  sharedTable.length = 0;
  return sharedTable;
}

/** Fills `tab.order` with the segment numbers ordered by western end, ties in table order. */
function sortForSweep(tab: SegmentTable): void {
  const n = tab.length;
  const { order, minX } = tab;
  if (n > INSERTION_SORT_MAX) {
    const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => (minX[a] ?? 0) - (minX[b] ?? 0) || a - b);
    order.set(sorted);
    return;
  }
  for (let i = 0; i < n; i++) {
    const key = minX[i] ?? 0;
    let j = i;
    while (j > 0 && (minX[order[j - 1] ?? 0] ?? 0) > key) {
      order[j] = order[j - 1] ?? 0;
      j--;
    }
    order[j] = i;
  }
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Where segments s and t of a table meet, or null. Collinear overlaps return a point of the overlap. */
function intersection(tab: SegmentTable, s: number, t: number): [number, number] | null {
  const sax = tab.ax[s] ?? 0;
  const say = tab.ay[s] ?? 0;
  const sbx = tab.bx[s] ?? 0;
  const sby = tab.by[s] ?? 0;
  const tax = tab.ax[t] ?? 0;
  const tay = tab.ay[t] ?? 0;
  const tbx = tab.bx[t] ?? 0;
  const tby = tab.by[t] ?? 0;
  const o1 = orient(sax, say, sbx, sby, tax, tay);
  const o2 = orient(sax, say, sbx, sby, tbx, tby);
  const o3 = orient(tax, tay, tbx, tby, sax, say);
  const o4 = orient(tax, tay, tbx, tby, sbx, sby);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    const d = (sbx - sax) * (tby - tay) - (sby - say) * (tbx - tax);
    const u = ((tax - sax) * (tby - tay) - (tay - say) * (tbx - tax)) / d;
    return [sax + u * (sbx - sax), say + u * (sby - say)];
  }
  if (o1 === 0 && onSegment(sax, say, sbx, sby, tax, tay)) return [tax, tay];
  if (o2 === 0 && onSegment(sax, say, sbx, sby, tbx, tby)) return [tbx, tby];
  if (o3 === 0 && onSegment(tax, tay, tbx, tby, sax, say)) return [sax, say];
  if (o4 === 0 && onSegment(tax, tay, tbx, tby, sbx, sby)) return [sbx, sby];
  return null;
}

/**
 * Where adjacent segments s and t (sharing a vertex) conflict: only when one folds back onto the
 * other (a spike), at the shared vertex. `n` is the number of segments of their ring.
 */
function spike(tab: SegmentTable, s: number, t: number, n: number): [number, number] | null {
  if (n <= 2) return null;
  const sk = tab.k[s] ?? 0;
  const tk = tab.k[t] ?? 0;
  const second = sk === (tk + 1) % n ? s : t;
  const first = second === s ? t : s;
  const fax = tab.ax[first] ?? 0;
  const fay = tab.ay[first] ?? 0;
  const fbx = tab.bx[first] ?? 0;
  const fby = tab.by[first] ?? 0;
  const sax = tab.ax[second] ?? 0;
  const say = tab.ay[second] ?? 0;
  const sbx = tab.bx[second] ?? 0;
  const sby = tab.by[second] ?? 0;
  const collinear = orient(fax, fay, fbx, fby, sbx, sby) === 0;
  const back = (fbx - fax) * (sbx - sax) + (fby - fay) * (sby - say) < 0;
  return collinear && back ? [sax, say] : null;
}

/**
 * Adds the segment from vertex `va` to vertex `vb` of ring `r` as number `k` of its ring (with a
 * null table: only says whether it would be added).
 */
function addSegment(tab: SegmentTable | null, ring: readonly Position[], r: number, va: number, vb: number, k: number, cosLat: number): boolean {
  const a = ring[va];
  const b = ring[vb];
  if (a === undefined || b === undefined) return false;
  tab?.push(r, va, k, (a[0] ?? 0) * cosLat, a[1] ?? 0, (b[0] ?? 0) * cosLat, b[1] ?? 0);
  return true;
}

/**
 * Fills `tab` with the segments of the usable rings (with a null table: only counts them);
 * returns the segment count per ring.
 */
function collectSegments(tab: SegmentTable | null, rings: readonly (readonly Position[])[], usable: readonly boolean[], cosLat: number): number[] {
  const segmentCount: number[] = [];
  for (let r = 0; r < rings.length; r++) {
    segmentCount.push(0);
    const ring = rings[r];
    if (usable[r] !== true || ring === undefined || ring.length === 0) continue;
    let k = 0;
    // Exact repeats are skipped so that a duplicate vertex is not also reported as a crossing.
    let prev = 0;
    let kept = 1;
    for (let v = 1; v < ring.length; v++) {
      if (samePosition(ring[prev], ring[v])) continue;
      if (addSegment(tab, ring, r, prev, v, k, cosLat)) k++;
      prev = v;
      kept++;
    }
    // An unclosed ring: its implicit closing segment too.
    if (kept > 1 && !samePosition(ring[0], ring[prev]) && addSegment(tab, ring, r, prev, 0, k, cosLat)) k++;
    segmentCount[r] = k;
  }
  return segmentCount;
}

export function checkSelfIntersections(c: Collector, rings: readonly (readonly Position[])[], part: number, usable: readonly boolean[]): void {
  const cosLat = Math.cos(((rings[0]?.[0]?.[1] ?? 0) * Math.PI) / 180);
  // At most one segment per vertex plus one closing segment per ring.
  let capacity = 0;
  for (const ring of rings) capacity += ring.length + 1;
  if (capacity > SELF_INTERSECTION_SEGMENT_CAP) {
    const count = collectSegments(null, rings, usable, cosLat).reduce((a, b) => a + b, 0);
    if (count > SELF_INTERSECTION_SEGMENT_CAP) {
      c.add(
        'self-intersection-skipped',
        'info',
        c.where(part, undefined, undefined),
        `有 ${count} 条边，超过 ${SELF_INTERSECTION_SEGMENT_CAP}，未检查自相交`,
        `has ${count} segments, more than ${SELF_INTERSECTION_SEGMENT_CAP}; self-intersections not searched`,
      );
      return;
    }
  }
  const tab = emptySegmentTable(capacity);
  const segmentCount = collectSegments(tab, rings, usable, cosLat);
  sortForSweep(tab);
  sweep(c, tab, segmentCount, part, cosLat);
}

/**
 * The sweep over the segments in `tab.order`: tests each against the earlier ones whose x-range
 * is still open and reports up to {@link MAX_REPORTED_INTERSECTIONS} crossings.
 */
function sweep(c: Collector, tab: SegmentTable, segmentCount: readonly number[], part: number, cosLat: number): void {
  const { order, active, ring: ringOf, k: kOf, minX, maxX, minY, maxY } = tab;
  let activeCount = 0;
  let reported = 0;
  for (let o = 0; o < tab.length; o++) {
    const s = order[o] ?? 0;
    const sMinX = minX[s] ?? 0;
    let kept = 0;
    for (let i = 0; i < activeCount; i++) {
      const t = active[i] ?? 0;
      if ((maxX[t] ?? 0) >= sMinX) active[kept++] = t;
    }
    activeCount = kept;
    const sMinY = minY[s] ?? 0;
    const sMaxY = maxY[s] ?? 0;
    const sRing = ringOf[s] ?? 0;
    const sk = kOf[s] ?? 0;
    for (let i = 0; i < activeCount; i++) {
      const t = active[i] ?? 0;
      if ((maxY[t] ?? 0) < sMinY || (minY[t] ?? 0) > sMaxY) continue;
      const tk = kOf[t] ?? 0;
      const n = segmentCount[sRing] ?? 0;
      const adjacent = sRing === ringOf[t] && (Math.abs(sk - tk) === 1 || (n > 2 && Math.abs(sk - tk) === n - 1));
      const hit = adjacent ? spike(tab, s, t, n) : intersection(tab, s, t);
      if (hit === null) continue;
      reported++;
      if (reported > MAX_REPORTED_INTERSECTIONS) return;
      reportCrossing(c, tab, s, t, hit, part, adjacent, cosLat);
    }
    active[activeCount++] = s;
  }
}

/** Adds the `self-intersection` finding of segments s and t meeting at `hit` (local plane). */
function reportCrossing(c: Collector, tab: SegmentTable, s: number, t: number, hit: [number, number], part: number, adjacent: boolean, cosLat: number): void {
  const sRing = tab.ring[s] ?? 0;
  const tRing = tab.ring[t] ?? 0;
  const sFirst = sRing < tRing || (sRing === tRing && (tab.v[s] ?? 0) < (tab.v[t] ?? 0));
  const firstRing = sFirst ? sRing : tRing;
  const secondRing = sFirst ? tRing : sRing;
  const firstV = (sFirst ? tab.v[s] : tab.v[t]) ?? 0;
  const secondV = (sFirst ? tab.v[t] : tab.v[s]) ?? 0;
  const position: Position = [hit[0] / cosLat, hit[1]];
  const sameRing = firstRing === secondRing;
  c.add(
    'self-intersection',
    'error',
    c.where(part, firstRing, firstV, position),
    adjacent
      ? '边折返形成尖刺（自相交）'
      : sameRing
        ? `从第 ${firstV + 1} 点起的边与从第 ${secondV + 1} 点起的边相交（自相交），需人工修正`
        : `与${secondRing === 0 ? '外环' : `内环 ${secondRing}`}从第 ${secondV + 1} 点起的边相交，需人工修正`,
    adjacent
      ? 'an edge folds back on itself (a spike: self-intersection)'
      : sameRing
        ? `the edge from vertex ${firstV + 1} crosses the edge from vertex ${secondV + 1} (self-intersection); needs a manual fix`
        : `crosses ${secondRing === 0 ? 'the outer ring' : `hole ${secondRing}`} at the edge from vertex ${secondV + 1}; needs a manual fix`,
  );
}

