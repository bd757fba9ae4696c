import type { Position } from 'geojson';
import type { Bilingual, FixId, ImportIssue, IssueLocation, VertexSource } from './import-types';

/** Shared pieces of geometry validation: tolerances, ring helpers and the collector of findings. */

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

export const M_PER_DEG_LAT = 110_574;
export const M_PER_DEG_LON_EQUATOR = 111_320;

/** Approximate distance in metres between two nearby lon/lat positions (equirectangular). */
export function nearDistanceM(a: Position, b: Position): number {
  const lat = (((a[1] ?? 0) + (b[1] ?? 0)) / 2) * (Math.PI / 180);
  const dx = ((a[0] ?? 0) - (b[0] ?? 0)) * M_PER_DEG_LON_EQUATOR * Math.cos(lat);
  const dy = ((a[1] ?? 0) - (b[1] ?? 0)) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

export function samePosition(a: Position | undefined, b: Position | undefined): boolean {
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
export function collinear(ring: readonly Position[]): boolean {
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

export function pos2(p: Position | undefined): [number, number] | undefined {
  if (p === undefined) return undefined;
  const x = p[0];
  const y = p[1];
  return x === undefined || y === undefined ? undefined : [x, y];
}

export class Collector {
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

/** Number of distinct positions among the first `limit` of `ring`. */
export function distinctUpTo(ring: readonly Position[], limit: number): number {
  const seen: Position[] = [];
  for (const p of ring) {
    if (seen.length >= limit) break;
    let known = false;
    for (const q of seen) if (sameOrdinate(q[0], p[0]) && sameOrdinate(q[1], p[1])) known = true;
    if (!known) seen.push(p);
  }
  return seen.length;
}

/** Whether two ordinates are equal (both undefined, or the same number). */
export function sameOrdinate(a: number | undefined, b: number | undefined): boolean {
  return a === b || (a !== a && b !== b);
}
