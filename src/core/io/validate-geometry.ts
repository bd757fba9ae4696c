import type { Geometry, Position } from 'geojson';
import type { Bilingual, FixId, ImportIssue, IssueLocation, VertexSource } from './import-types';

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

/** Vertices closer than this (metres) count as duplicates. */
export const DUPLICATE_TOLERANCE_M = 0.001;
/** Polygons with more segments than this are not searched for self-intersections. */
export const SELF_INTERSECTION_SEGMENT_CAP = 200_000;
/** At most this many crossings are reported per polygon. */
export const MAX_REPORTED_INTERSECTIONS = 20;

/** Context for messages: file name and, for tables, where each vertex came from. */
export interface ValidationContext {
  readonly file?: string;
  /** Per part, ring and vertex: source line and point name (tables). */
  readonly vertexSources?: readonly (readonly (readonly VertexSource[])[])[] | null;
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

/** Approximate distance in metres between two nearby lon/lat positions (equirectangular). */
function nearDistanceM(a: Position, b: Position): number {
  const lat = (((a[1] ?? 0) + (b[1] ?? 0)) / 2) * (Math.PI / 180);
  const dx = ((a[0] ?? 0) - (b[0] ?? 0)) * M_PER_DEG_LON_EQUATOR * Math.cos(lat);
  const dy = ((a[1] ?? 0) - (b[1] ?? 0)) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Signed area (degrees², counter-clockwise positive) of a ring, closed or not. */
export function signedRingArea(ring: readonly Position[]): number {
  const first = ring[0];
  if (first === undefined) return 0;
  const x0 = first[0] ?? 0;
  const y0 = first[1] ?? 0;
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    if (p === undefined || q === undefined) continue;
    twice += ((p[0] ?? 0) - x0) * ((q[1] ?? 0) - y0) - ((q[0] ?? 0) - x0) * ((p[1] ?? 0) - y0);
  }
  return twice / 2;
}

/** Whether every vertex of a ring lies on one line (encloses nothing, whatever the order). */
function collinear(ring: readonly Position[]): boolean {
  const a = ring[0];
  if (a === undefined) return true;
  let b: Position | undefined;
  for (const p of ring) {
    if (p[0] !== a[0] || p[1] !== a[1]) {
      b = p;
      break;
    }
  }
  if (b === undefined) return true;
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  const ab = Math.hypot(bx - ax, by - ay);
  for (const p of ring) {
    const px = (p[0] ?? 0) - ax;
    const py = (p[1] ?? 0) - ay;
    // Relative tolerance: sin(angle) below 1e-12 counts as on the line.
    if (!(Math.abs((bx - ax) * py - (by - ay) * px) <= 1e-12 * ab * Math.hypot(px, py))) return false;
  }
  return true;
}

function pos2(p: Position | undefined): [number, number] | undefined {
  if (p === undefined) return undefined;
  const x = p[0];
  const y = p[1];
  return x === undefined || y === undefined ? undefined : [x, y];
}

class Collector {
  readonly issues: ImportIssue[] = [];
  constructor(
    private readonly ctx: ValidationContext,
    private readonly feature: number,
  ) {}

  where(part: number | undefined, ring: number | undefined, vertex: number | undefined, position?: Position): IssueLocation {
    const source = part !== undefined && ring !== undefined && vertex !== undefined ? this.ctx.vertexSources?.[part]?.[ring]?.[vertex] : undefined;
    const p = pos2(position);
    return {
      ...(this.ctx.file !== undefined ? { file: this.ctx.file } : {}),
      ...(source !== undefined ? { line: source.line } : {}),
      ...(source?.name !== undefined ? { pointName: source.name } : {}),
      feature: this.feature,
      ...(part !== undefined ? { part } : {}),
      ...(ring !== undefined ? { ring } : {}),
      ...(vertex !== undefined ? { vertex } : {}),
      ...(p !== undefined ? { position: p } : {}),
    };
  }

  /** "要素 3 第 1 部分 外环 第 5 点（J5，第 12 行）" / "feature 3, part 1, outer ring, vertex 5 (J5, line 12)". */
  label(loc: IssueLocation): Bilingual {
    const zh: string[] = [];
    const en: string[] = [];
    if (loc.file !== undefined) {
      zh.push(`文件 ${loc.file}`);
      en.push(`file ${loc.file}`);
    }
    zh.push(`要素 ${(loc.feature ?? 0) + 1}`);
    en.push(`feature ${(loc.feature ?? 0) + 1}`);
    if (loc.part !== undefined) {
      zh.push(`第 ${loc.part + 1} 部分`);
      en.push(`part ${loc.part + 1}`);
    }
    if (loc.ring !== undefined) {
      zh.push(loc.ring === 0 ? '外环' : `内环 ${loc.ring}`);
      en.push(loc.ring === 0 ? 'outer ring' : `hole ${loc.ring}`);
    }
    if (loc.vertex !== undefined) {
      zh.push(`第 ${loc.vertex + 1} 点`);
      en.push(`vertex ${loc.vertex + 1}`);
    }
    const extraZh: string[] = [];
    const extraEn: string[] = [];
    if (loc.pointName !== undefined) {
      extraZh.push(loc.pointName);
      extraEn.push(loc.pointName);
    }
    if (loc.line !== undefined) {
      extraZh.push(`第 ${loc.line} 行`);
      extraEn.push(`line ${loc.line}`);
    }
    const suffixZh = extraZh.length > 0 ? `（${extraZh.join('，')}）` : '';
    const suffixEn = extraEn.length > 0 ? ` (${extraEn.join(', ')})` : '';
    return { zh: zh.join(' ') + suffixZh, en: en.join(', ') + suffixEn };
  }

  add(code: string, severity: ImportIssue['severity'], loc: IssueLocation, zh: string, en: string, fix?: FixId): void {
    const where = this.label(loc);
    this.issues.push({
      code,
      severity,
      location: loc,
      message: { zh: `${where.zh}：${zh}`, en: `${where.en}: ${en}` },
      ...(fix !== undefined ? { fix } : {}),
    });
  }
}

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
function sameOrdinate(a: number | undefined, b: number | undefined): boolean {
  return a === b || (a !== a && b !== b);
}

/** The number of distinct [x, y] pairs of a ring, counted up to `limit`. */
function distinctUpTo(ring: readonly Position[], limit: number): number {
  const seen: Position[] = [];
  for (const p of ring) {
    if (seen.length >= limit) break;
    let known = false;
    for (const q of seen) if (sameOrdinate(q[0], p[0]) && sameOrdinate(q[1], p[1])) known = true;
    if (!known) seen.push(p);
  }
  return seen.length;
}

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

function checkSelfIntersections(c: Collector, rings: readonly (readonly Position[])[], part: number, usable: readonly boolean[]): void {
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

function dropDuplicates(ring: readonly Position[], closed: boolean): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last !== undefined && nearDistanceM(last, p) <= DUPLICATE_TOLERANCE_M) continue;
    out.push(p);
  }
  if (closed && out.length > 1) {
    // Keep the closing vertex exactly equal to the first; drop a near-duplicate just before it.
    const first = out[0];
    while (out.length > 2 && first !== undefined && nearDistanceM(out[out.length - 1] ?? first, first) <= DUPLICATE_TOLERANCE_M) out.pop();
    if (first !== undefined) out.push(first);
  }
  return out;
}

function fixRing(ring: readonly Position[], fixes: ReadonlySet<FixId>): Position[] {
  let out = [...ring];
  const first = out[0];
  const last = out[out.length - 1];
  const closed = out.length > 1 && samePosition(first, last);
  if (fixes.has('remove-duplicate-vertices')) out = dropDuplicates(out, closed || (fixes.has('close-rings') && first !== undefined && last !== undefined && nearDistanceM(first, last) <= DUPLICATE_TOLERANCE_M));
  if (fixes.has('close-rings')) {
    const f = out[0];
    const l = out[out.length - 1];
    if (f !== undefined && l !== undefined && !samePosition(f, l)) {
      if (out.length > 1 && nearDistanceM(f, l) <= DUPLICATE_TOLERANCE_M) out[out.length - 1] = f;
      else out.push(f);
    }
  }
  return out;
}

function fixPolygon(rings: readonly (readonly Position[])[], fixes: ReadonlySet<FixId>): Position[][] {
  let out = rings.map((r) => fixRing(r, fixes));
  if (fixes.has('drop-empty-parts')) {
    const outerOk = out[0] !== undefined && distinctUpTo(out[0], 3) >= 3 && !collinear(out[0]);
    if (!outerOk) return [];
    out = out.filter((r) => distinctUpTo(r, 3) >= 3 && !collinear(r));
  }
  if (fixes.has('fix-orientation')) {
    out = out.map((r, i) => {
      const a = signedRingArea(r);
      return (i === 0 ? a < 0 : a > 0) ? [...r].reverse() : r;
    });
  }
  return out;
}

/**
 * Applies the geometry fixes in a fixed, safe order (duplicates, closing, empty parts,
 * orientation). Returns null when `drop-empty-parts` leaves nothing. Other fix ids are ignored.
 */
export function fixGeometry(geometry: Geometry, fixes: ReadonlySet<FixId>): Geometry | null {
  const drop = fixes.has('drop-empty-parts');
  switch (geometry.type) {
    case 'Point':
    case 'GeometryCollection':
      return geometry;
    case 'MultiPoint':
      return drop && geometry.coordinates.length === 0 ? null : geometry;
    case 'LineString': {
      const line = fixes.has('remove-duplicate-vertices') ? dropDuplicates(geometry.coordinates, false) : geometry.coordinates;
      return drop && line.length < 2 ? null : { type: 'LineString', coordinates: line };
    }
    case 'MultiLineString': {
      let lines = geometry.coordinates.map((l) => (fixes.has('remove-duplicate-vertices') ? dropDuplicates(l, false) : l));
      if (drop) lines = lines.filter((l) => l.length >= 2);
      return drop && lines.length === 0 ? null : { type: 'MultiLineString', coordinates: lines };
    }
    case 'Polygon': {
      const rings = fixPolygon(geometry.coordinates, fixes);
      return drop && rings.length === 0 ? null : { type: 'Polygon', coordinates: rings };
    }
    case 'MultiPolygon': {
      let polygons = geometry.coordinates.map((p) => fixPolygon(p, fixes));
      if (drop) polygons = polygons.filter((p) => p.length > 0);
      if (drop && polygons.length === 0) return null;
      return { type: 'MultiPolygon', coordinates: polygons };
    }
  }
}
