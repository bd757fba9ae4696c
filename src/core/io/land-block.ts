import type { Geometry, Position } from 'geojson';
import { parseSevenParams, type SevenParams } from '../geo/datum';
import type { ParsedArea } from './coordinate-table';
import type { ImportIssue, SourceProperties, VertexSource } from './import-types';

/**
 * Reader of the natural-resources ministry's land-block coordinate format (自然资源部 / 原国土资源部
 * 勘测定界、报批 "坐标交换格式"):
 *
 * ```
 * [属性描述]                      (or 【属性描述】, ［属性描述］)
 * 格式版本号=1.01版本
 * 坐标系=2000国家大地坐标系
 * 几度分带=3
 * 带号=37
 * 精度=0.05
 * 转换参数=,,,,,,               (seven Bursa-Wolf parameters for Xi'an 80 / Beijing 54)
 * [地块坐标]
 * 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@     (9 fields; 13 in newer templates)
 * J1,1,X,Y                       (point name, ring number 圈号, X northing, Y easting)
 * [扩展信息]                      (optional key=value lines)
 * ```
 *
 * 圈号 1 opens a new part (outer ring), 2+ a hole of the current part; a ring also ends where it
 * returns to its first point. 图形属性 线 gives lines, 点 points, anything else polygons.
 */

/** Names of the parcel header fields, in file order (fields beyond them are kept as 字段N). */
export const LAND_BLOCK_FIELDS = ['界址点数', '地块面积', '地块编号', '地块名称', '图形属性', '图幅号', '地块用途', '地类编码'] as const;

/** One parcel read from the file, in source coordinates ([east, north] = [Y, X]). */
export interface LandBlockParcel {
  readonly line: number;
  readonly properties: SourceProperties;
  readonly geometry: Geometry;
  readonly vertexSources: VertexSource[][][];
  readonly statedArea?: ParsedArea;
}

/** A parsed land-block file. */
export interface LandBlockFile {
  readonly ok: true;
  /** `[属性描述]` key → value, as written. */
  readonly header: Readonly<Record<string, string>>;
  /** `[扩展信息]` key → value (or line N → text), as written. */
  readonly extended: Readonly<Record<string, string>>;
  readonly parcels: readonly LandBlockParcel[];
  readonly warnings: readonly ImportIssue[];
  /** `精度=` read as metres (a plain number), or null when absent or not a length. */
  readonly precisionM: number | null;
  /** Seven parameters from `转换参数=`, or null when blank. */
  readonly sevenParams: SevenParams | null;
}

/** Whether the text looks like the land-block format (half- or full-width brackets). */
export function isLandBlockText(text: string): boolean {
  return /^\s*[[【［]\s*(属性描述|地块坐标)\s*[\]】］]/m.test(text);
}

function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function setSafe(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface RawRing {
  readonly ringNo: string;
  readonly points: { a: number; b: number; src: VertexSource }[];
}

function ringInside(inner: RawRing, outer: RawRing): boolean {
  const ring = outer.points;
  return inner.points.every(({ a, b }) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const pi = ring[i];
      const pj = ring[j];
      if (pi === undefined || pj === undefined) continue;
      if (pi.b > b !== pj.b > b && a < ((pj.a - pi.a) * (b - pi.b)) / (pj.b - pi.b) + pi.a) inside = !inside;
    }
    return inside;
  });
}

function issue(code: string, severity: ImportIssue['severity'], file: string, line: number, zh: string, en: string, feature?: number): ImportIssue {
  return { code, severity, location: { file, line, ...(feature !== undefined ? { feature } : {}) }, message: { zh, en } };
}

/**
 * Parses a land-block file. Never throws on data; a file without any coordinate row gives
 * `{ ok: false }` with a message.
 */
export function parseLandBlock(text: string, file: string): LandBlockFile | { readonly ok: false; readonly message: { zh: string; en: string } } {
  const lines = text.split(/\r\n|\n|\r/);
  const header: Record<string, string> = {};
  const extended: Record<string, string> = {};
  const warnings: ImportIssue[] = [];
  const parcels: LandBlockParcel[] = [];
  let section = '';
  interface Open {
    line: number;
    fields: string[];
    rings: RawRing[];
    rows: number;
  }
  let open: Open | null = null;
  const cur: { ring: RawRing | null } = { ring: null };
  const closeRing = (): void => {
    if (open !== null && cur.ring !== null && cur.ring.points.length > 0) open.rings.push(cur.ring);
    cur.ring = null;
  };
  const closeParcel = (): void => {
    closeRing();
    if (open !== null) {
      const p = finishParcel(open.fields, open.rings, open.line, open.rows, parcels.length, file, warnings);
      if (p !== null) parcels.push(p);
    }
    open = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').replace(/^\uFEFF/, '').replace(/[，,]/g, ',').replace(/＠/g, '@').replace(/＝/g, '=').trim();
    if (line === '') continue;
    const sectionMatch = /^[[【［]\s*(.+?)\s*[\]】］]$/.exec((lines[i] ?? '').replace(/^\uFEFF/, '').trim());
    if (sectionMatch !== null) {
      closeParcel();
      section = halfWidth(sectionMatch[1] ?? '').replace(/\s+/g, '');
      continue;
    }
    if (section === '属性描述' || section === '扩展信息') {
      const kv = /^([^=]+)=(.*)$/.exec(line);
      const target = section === '属性描述' ? header : extended;
      if (kv !== null) setSafe(target, (kv[1] ?? '').trim(), (kv[2] ?? '').trim());
      else if (section === '扩展信息') setSafe(target, `第${lineNo}行`, line);
      else warnings.push(issue('line-ignored', 'info', file, lineNo, `第 ${lineNo} 行不是“键=值”，已跳过`, `line ${lineNo} is not key=value; skipped`));
      continue;
    }
    if (section !== '地块坐标') {
      warnings.push(issue('line-ignored', 'info', file, lineNo, `第 ${lineNo} 行在节之外，已跳过`, `line ${lineNo} lies outside any section; skipped`));
      continue;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (cells[cells.length - 1] === '@') {
      closeParcel();
      open = { line: lineNo, fields: cells.slice(0, -1), rings: [], rows: 0 };
      continue;
    }
    const [name, rn0, xs0, ys0] = cells;
    const rn = rn0 === undefined ? undefined : halfWidth(rn0).trim();
    const xs = xs0 === undefined ? undefined : halfWidth(xs0).trim();
    const ys = ys0 === undefined ? undefined : halfWidth(ys0).trim();
    const x = Number(xs);
    const y = Number(ys);
    const numeric = (s: string | undefined): boolean => s !== undefined && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s);
    if (open === null || name === undefined || rn === undefined || !numeric(xs) || !numeric(ys)) {
      warnings.push(issue('line-ignored', 'warning', file, lineNo, `第 ${lineNo} 行不是“点号,圈号,X,Y”坐标行，已跳过："${line.slice(0, 40)}"`, `line ${lineNo} is not a "name,ring,X,Y" row; skipped: "${line.slice(0, 40)}"`));
      continue;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      warnings.push(issue('coordinate-not-finite', 'error', file, lineNo, `第 ${lineNo} 行坐标超出数值范围（${(xs ?? '').slice(0, 20)}…），已跳过`, `line ${lineNo}: the coordinate overflows (${(xs ?? '').slice(0, 20)}…); skipped`));
      continue;
    }
    open.rows++;
    if (cur.ring !== null && cur.ring.ringNo !== rn) closeRing();
    const r: RawRing = cur.ring ?? { ringNo: rn, points: [] };
    cur.ring = r;
    r.points.push({ a: y, b: x, src: { line: lineNo, ...(name !== '' ? { name } : {}) } });
    const first = r.points[0];
    if (first !== undefined && r.points.length >= 4 && first.a === y && first.b === x) closeRing();
  }
  closeParcel();
  if (parcels.length === 0) return { ok: false, message: { zh: '地块坐标文件中没有坐标行', en: 'the land-block file holds no coordinate rows' } };
  const precisionText = header['精度'] ?? '';
  const precision = /^\d+(\.\d+)?$/.test(precisionText) ? Number(precisionText) : NaN;
  const decimalsWritten = Number.isInteger(precision) && precision >= 1 && precision <= 6 && !precisionText.includes('.');
  if (decimalsWritten) {
    warnings.push({
      code: 'precision-as-decimals',
      severity: 'info',
      location: { file },
      message: { zh: `精度=${precisionText} 按小数位数理解，不作为点位精度（米）`, en: `精度=${precisionText} read as a number of decimals, not as a position precision in metres` },
    });
  }
  return {
    ok: true,
    header,
    extended,
    parcels,
    warnings,
    precisionM: Number.isFinite(precision) && !decimalsWritten && precision > 0 ? precision : null,
    sevenParams: parseSevenParams(header['转换参数'] ?? ''),
  };
}

function finishParcel(fields: readonly string[], rings: readonly RawRing[], line: number, rows: number, index: number, file: string, warnings: ImportIssue[]): LandBlockParcel | null {
  const properties: Record<string, unknown> = {};
  fields.forEach((v, i) => setSafe(properties, LAND_BLOCK_FIELDS[i] ?? `字段${i + 1}`, v));
  const name = fields[3] !== undefined && fields[3] !== '' ? fields[3] : fields[2];
  if (name !== undefined && name !== '') setSafe(properties, 'name', name);
  if (rings.length === 0) {
    warnings.push(issue('parcel-without-points', 'warning', file, line, `第 ${line} 行的地块“${name ?? ''}”没有坐标行`, `the parcel "${name ?? ''}" of line ${line} has no coordinate rows`));
    return null;
  }
  const stated = Number(fields[0]);
  if (fields[0] !== undefined && fields[0] !== '') {
    const distinct = rings.reduce((n, r) => {
      const f = r.points[0];
      const l = r.points[r.points.length - 1];
      return n + r.points.length - (f !== undefined && l !== undefined && r.points.length > 1 && f.a === l.a && f.b === l.b ? 1 : 0);
    }, 0);
    if (!Number.isInteger(stated) || (stated !== rows && stated !== distinct)) {
      warnings.push(issue('point-count-mismatch', 'warning', file, line, `地块“${name ?? index + 1}”声明界址点数 ${fields[0]}，实际有 ${rows} 行（${distinct} 个不重复点），文件可能不完整`, `parcel "${name ?? index + 1}" states ${fields[0]} boundary points but has ${rows} rows (${distinct} distinct points); the file may be incomplete`, index));
    }
  }
  const kind = (fields[4] ?? '').trim();
  const pos = (p: { a: number; b: number }): Position => [p.a, p.b];
  let geometry: Geometry;
  let vertexSources: VertexSource[][][];
  if (kind === '点' || /^point$/i.test(kind)) {
    const pts = rings.flatMap((r) => r.points);
    geometry = pts.length === 1 && pts[0] !== undefined ? { type: 'Point', coordinates: pos(pts[0]) } : { type: 'MultiPoint', coordinates: pts.map(pos) };
    vertexSources = [[pts.map((p) => p.src)]];
  } else if (kind === '线' || /^line$/i.test(kind)) {
    const first = rings[0];
    geometry = rings.length === 1 && first !== undefined ? { type: 'LineString', coordinates: first.points.map(pos) } : { type: 'MultiLineString', coordinates: rings.map((r) => r.points.map(pos)) };
    vertexSources = rings.map((r) => [r.points.map((p) => p.src)]);
  } else {
    const polygons: RawRing[][] = [];
    for (const r of rings) {
      const current = polygons[polygons.length - 1];
      const outer = current?.[0];
      const isHoleNumber = r.ringNo !== '1' && r.ringNo !== '01';
      if (current !== undefined && outer !== undefined && isHoleNumber) {
        if (ringInside(r, outer)) {
          current.push(r);
          continue;
        }
        warnings.push(issue('ring-number-not-hole', 'warning', file, r.points[0]?.src.line ?? line, `圈号 ${r.ringNo} 的环不在外环内，按新的部分读取`, `the ring numbered ${r.ringNo} lies outside the outer ring; read as a new part`, index));
      }
      polygons.push([r]);
    }
    const coords = polygons.map((p) => p.map((r) => r.points.map(pos)));
    geometry = coords.length === 1 && coords[0] !== undefined ? { type: 'Polygon', coordinates: coords[0] } : { type: 'MultiPolygon', coordinates: coords };
    vertexSources = polygons.map((p) => p.map((r) => r.points.map((q) => q.src)));
  }
  const areaText = fields[1] ?? '';
  const ha = Number(areaText);
  const decimals = /\.(\d+)$/.exec(areaText)?.[1]?.length ?? 0;
  const polygonal = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
  const statedArea: ParsedArea | undefined =
    polygonal && areaText !== '' && Number.isFinite(ha) && ha > 0
      ? { text: `${areaText} 公顷`, line, m2: ha * 10_000, toleranceM2: 0.5 * 10 ** -decimals * 10_000 }
      : undefined;
  return { line, properties, geometry, vertexSources, ...(statedArea !== undefined ? { statedArea } : {}) };
}
