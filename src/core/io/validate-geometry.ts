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
  const b = ring.find((p) => p[0] !== a[0] || p[1] !== a[1]);
  if (b === undefined) return true;
  const [ax, ay, bx, by] = [a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0];
  const ab = Math.hypot(bx - ax, by - ay);
  return ring.every((p) => {
    const [px, py] = [(p[0] ?? 0) - ax, (p[1] ?? 0) - ay];
    // Relative tolerance: sin(angle) below 1e-12 counts as on the line.
    return Math.abs((bx - ax) * py - (by - ay) * px) <= 1e-12 * ab * Math.hypot(px, py);
  });
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
  rings.forEach((ring, r) =>
    ring.forEach((p, v) => {
      const lon = p[0];
      const lat = p[1];
      if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        ok = false;
        c.add('invalid-coordinate', 'error', c.where(part, r, v), `坐标无效 [${p.join(', ')}]`, `invalid coordinate [${p.join(', ')}]`);
      }
    }),
  );
  return ok;
}

function checkDuplicates(c: Collector, ring: readonly Position[], part: number, r: number, closed: boolean): void {
  const end = closed ? ring.length - 1 : ring.length;
  for (let v = 1; v < end; v++) {
    const a = ring[v - 1];
    const b = ring[v];
    if (a === undefined || b === undefined) continue;
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

function distinctCount(ring: readonly Position[]): number {
  const seen = new Set<string>();
  for (const p of ring) seen.add(`${p[0]},${p[1]}`);
  return seen.size;
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
    const distinct = distinctCount(ring);
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

interface Segment {
  readonly ring: number;
  /** Index of the segment's start vertex in the original ring. */
  readonly v: number;
  /** Index of the segment within its ring's de-duplicated segment list. */
  readonly k: number;
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Where two segments meet, or null. Collinear overlaps return a point of the overlap. */
function intersection(s: Segment, t: Segment): [number, number] | null {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
    const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
    const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
    return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
  }
  if (o1 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) return [t.ax, t.ay];
  if (o2 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) return [t.bx, t.by];
  if (o3 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) return [s.ax, s.ay];
  if (o4 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.bx, s.by)) return [s.bx, s.by];
  return null;
}

function checkSelfIntersections(c: Collector, rings: readonly (readonly Position[])[], part: number, usable: readonly boolean[]): void {
  const segments: Segment[] = [];
  const segmentCount: number[] = [];
  const cosLat = Math.cos(((rings[0]?.[0]?.[1] ?? 0) * Math.PI) / 180);
  rings.forEach((ring, r) => {
    segmentCount.push(0);
    if (usable[r] !== true) return;
    // De-duplicate exact repeats so that a duplicate vertex is not also reported as a crossing.
    const idx: number[] = [];
    for (let v = 0; v < ring.length; v++) {
      const last = idx[idx.length - 1];
      if (last !== undefined && samePosition(ring[last], ring[v])) continue;
      idx.push(v);
    }
    const firstIdx = idx[0];
    const lastIdx = idx[idx.length - 1];
    if (firstIdx !== undefined && lastIdx !== undefined && idx.length > 1 && !samePosition(ring[firstIdx], ring[lastIdx])) {
      idx.push(firstIdx); // unclosed ring: check its implicit closing segment too
    }
    let k = 0;
    for (let i = 1; i < idx.length; i++) {
      const va = idx[i - 1];
      const vb = idx[i];
      if (va === undefined || vb === undefined) continue;
      const a = ring[va];
      const b = ring[vb];
      if (a === undefined || b === undefined) continue;
      const ax = (a[0] ?? 0) * cosLat;
      const ay = a[1] ?? 0;
      const bx = (b[0] ?? 0) * cosLat;
      const by = b[1] ?? 0;
      segments.push({ ring: r, v: va, k: k++, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by) });
    }
    segmentCount[r] = k;
  });
  if (segments.length > SELF_INTERSECTION_SEGMENT_CAP) {
    c.add(
      'self-intersection-skipped',
      'info',
      c.where(part, undefined, undefined),
      `有 ${segments.length} 条边，超过 ${SELF_INTERSECTION_SEGMENT_CAP}，未检查自相交`,
      `has ${segments.length} segments, more than ${SELF_INTERSECTION_SEGMENT_CAP}; self-intersections not searched`,
    );
    return;
  }
  segments.sort((a, b) => a.minX - b.minX);
  let active: Segment[] = [];
  let reported = 0;
  for (const s of segments) {
    active = active.filter((t) => t.maxX >= s.minX);
    for (const t of active) {
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const n = segmentCount[s.ring] ?? 0;
      const adjacent = s.ring === t.ring && (Math.abs(s.k - t.k) === 1 || (n > 2 && Math.abs(s.k - t.k) === n - 1));
      let hit: [number, number] | null = null;
      if (adjacent) {
        // Adjacent segments share a vertex; they only conflict when one folds back onto the other (a spike).
        const sharedFirst = s.k === (t.k + 1) % n ? s : t;
        const before = sharedFirst === s ? t : s;
        const collinear = orient(before.ax, before.ay, before.bx, before.by, sharedFirst.bx, sharedFirst.by) === 0;
        const back = (before.bx - before.ax) * (sharedFirst.bx - sharedFirst.ax) + (before.by - before.ay) * (sharedFirst.by - sharedFirst.ay) < 0;
        if (n > 2 && collinear && back) hit = [sharedFirst.ax, sharedFirst.ay];
      } else {
        hit = intersection(s, t);
      }
      if (hit === null) continue;
      reported++;
      if (reported > MAX_REPORTED_INTERSECTIONS) break;
      const [first, second] = s.ring < t.ring || (s.ring === t.ring && s.v < t.v) ? [s, t] : [t, s];
      const position: Position = [hit[0] / cosLat, hit[1]];
      const sameRing = first.ring === second.ring;
      c.add(
        'self-intersection',
        'error',
        c.where(part, first.ring, first.v, position),
        adjacent
          ? '边折返形成尖刺（自相交）'
          : sameRing
            ? `从第 ${first.v + 1} 点起的边与从第 ${second.v + 1} 点起的边相交（自相交），需人工修正`
            : `与${second.ring === 0 ? '外环' : `内环 ${second.ring}`}从第 ${second.v + 1} 点起的边相交，需人工修正`,
        adjacent
          ? 'an edge folds back on itself (a spike: self-intersection)'
          : sameRing
            ? `the edge from vertex ${first.v + 1} crosses the edge from vertex ${second.v + 1} (self-intersection); needs a manual fix`
            : `crosses ${second.ring === 0 ? 'the outer ring' : `hole ${second.ring}`} at the edge from vertex ${second.v + 1}; needs a manual fix`,
      );
    }
    if (reported > MAX_REPORTED_INTERSECTIONS) break;
    active.push(s);
  }
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
    const outerOk = out[0] !== undefined && distinctCount(out[0]) >= 3 && !collinear(out[0]);
    if (!outerOk) return [];
    out = out.filter((r) => distinctCount(r) >= 3 && !collinear(r));
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
