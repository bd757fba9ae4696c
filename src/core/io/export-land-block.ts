import type { Geometry, Position } from 'geojson';
import { CGCS2000_EPSG, converterBetween } from '../geo/crs-registry';
import { cgcs2000ToLegacy, LEGACY_DATUM_NAMES, type LegacyDatum, type SevenParams } from '../geo/datum';
import { epsgForZone, type ZoneWidth } from '../geo/gauss-kruger';
import { planarRingArea } from '../geo/geodesic';
import { EXPORT_REASONS, exportFailure, safeBaseName, type ExportFeature, type ExportResult } from './export-types';
import { chooseExportZone } from './export-zone';
import { encodeGb18030 } from './gb18030';
import type { Bilingual } from './import-types';
import { LAND_BLOCK_FIELDS } from './land-block';

/**
 * Writer of the ministry's land-block coordinate format (see `land-block.ts`): one parcel per
 * feature, polygons with 圈号 restarting at 1 for every part (1 = outer, 2+ = holes), lines (线)
 * and points (点) as such, every ring closed by repeating its first point, 界址点数 = rows written,
 * 地块面积 in hectares from the written coordinates. GB18030 by default (what the ministry's tools
 * read), UTF-8 on request.
 */

/** Options of {@link exportLandBlock}. */
export interface LandBlockExportOptions {
  readonly name?: string;
  /** Zone; default: chosen from the data by `chooseExportZone`. */
  readonly zone?: number;
  readonly zoneWidth?: ZoneWidth;
  /** Whether Y carries the zone prefix (default true). */
  readonly prefixed?: boolean;
  /** Decimal places of X and Y (default 3). */
  readonly decimals?: number;
  /** `gb18030` (default) or `utf-8` (no BOM). */
  readonly encoding?: 'gb18030' | 'utf-8';
  /** Position precision in metres written as `精度=` (left blank when unknown). */
  readonly precisionM?: number;
  readonly date?: Date;
  /** `数据产生单位=`. */
  readonly producer?: string;
  /** `格式版本号=` (default `1.01版本`). */
  readonly formatVersion?: string;
  /** Write Xi'an 80 / Beijing 54 coordinates with these seven parameters (and `转换参数=`). */
  readonly legacy?: { readonly datum: LegacyDatum; readonly params: SevenParams };
  /** Lines of `[扩展信息]` (key → value); omitted when empty. */
  readonly extended?: Readonly<Record<string, string>>;
}

function clean(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return s.replace(/[\r\n,，@]/g, ' ').replace(/\p{Cc}/gu, ' ').trim();
}

function openRing(ring: readonly Position[]): Position[] {
  const out = [...ring];
  const f = out[0];
  const l = out[out.length - 1];
  if (out.length > 1 && f !== undefined && l !== undefined && f[0] === l[0] && f[1] === l[1]) out.pop();
  return out;
}

interface Shape {
  readonly kind: '面' | '线' | '点';
  /** Per ring: its 圈号 and vertices. */
  readonly rings: { ringNo: number; positions: Position[]; closed: boolean; hole: boolean }[];
}

function shapeOf(g: Geometry): Shape | null {
  switch (g.type) {
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      return { kind: '面', rings: polys.flatMap((p) => p.map((r, i) => ({ ringNo: i + 1, positions: openRing(r), closed: true, hole: i > 0 }))) };
    }
    case 'LineString':
      return { kind: '线', rings: [{ ringNo: 1, positions: g.coordinates, closed: false, hole: false }] };
    case 'MultiLineString':
      return { kind: '线', rings: g.coordinates.map((l, i) => ({ ringNo: i + 1, positions: l, closed: false, hole: false })) };
    case 'Point':
      return { kind: '点', rings: [{ ringNo: 1, positions: [g.coordinates], closed: false, hole: false }] };
    case 'MultiPoint':
      return { kind: '点', rings: [{ ringNo: 1, positions: g.coordinates, closed: false, hole: false }] };
    default:
      return null;
  }
}

/** Writes features (CGCS2000 lon/lat) in the ministry's land-block format. */
export function exportLandBlock(features: readonly ExportFeature[], options: LandBlockExportOptions = {}): ExportResult {
  const width: ZoneWidth = options.zoneWidth ?? 3;
  const prefixed = options.prefixed ?? true;
  const decimals = options.decimals ?? 3;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) throw new RangeError(`decimals must be 0–9, got ${decimals}`);
  const shapes = features.map((f) => ({ f, shape: f.geometry === null ? null : shapeOf(f.geometry) })).filter((s): s is { f: ExportFeature; shape: Shape } => s.shape !== null);
  const warnings: Bilingual[] = [];
  if (shapes.length < features.length) warnings.push({ zh: `${features.length - shapes.length} 个要素没有可写入的几何图形，未导出`, en: `${features.length - shapes.length} feature(s) without a writable geometry not exported` });
  if (shapes.length === 0) return exportFailure(EXPORT_REASONS.nothingToExport, { zh: '没有可写入地块坐标文件的要素', en: 'no feature to write as a land-block file' });
  const choice = chooseExportZone(shapes.map((s) => s.f), width, options.zone, prefixed);
  if (!choice.ok) return exportFailure(EXPORT_REASONS.outsideZones, choice.message);
  if (choice.warning !== null) warnings.push(choice.warning);
  const zone = choice.zone;
  let project: (lon: number, lat: number) => [number, number];
  if (options.legacy !== undefined) {
    const conv = cgcs2000ToLegacy(options.legacy.datum, { kind: 'gk', zone, width, prefixed }, options.legacy.params);
    if (conv === null) return exportFailure(EXPORT_REASONS.outsideZones, { zh: `第 ${zone} 带无效`, en: `zone ${zone} is not valid` });
    project = conv;
  } else {
    const conv = converterBetween(CGCS2000_EPSG, epsgForZone(zone, width, prefixed));
    project = (lon, lat) => {
      const o = conv.forward([lon, lat]);
      return [o[0] ?? NaN, o[1] ?? NaN];
    };
  }
  const f10 = 10 ** decimals;
  const round = (v: number): number => Math.round(v * f10) / f10;
  const body: string[] = [];
  let nonFinite = 0;
  shapes.forEach(({ f, shape }, pi) => {
    const props = f.properties ?? {};
    const rows: string[] = [];
    let area = 0;
    let counter = 0;
    for (const ring of shape.rings) {
      const xy = ring.positions.map((q) => {
        const [e, n] = project(q[0] ?? NaN, q[1] ?? NaN);
        return [round(n), round(e)] as [number, number];
      });
      if (xy.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
        nonFinite++;
        continue;
      }
      if (shape.kind === '面') {
        const a = Math.abs(planarRingArea(xy.map(([x, y]) => [y, x])));
        area += ring.hole ? -a : a;
      }
      const names = xy.map(() => `J${++counter}`);
      const written = ring.closed && xy[0] !== undefined ? [...xy, xy[0]] : xy;
      written.forEach(([x, y], v) => rows.push(`${names[v % names.length] ?? `J${v + 1}`},${ring.ringNo},${x.toFixed(decimals)},${y.toFixed(decimals)}`));
    }
    const field = (key: string, fallback: string): string => {
      const v = clean(props[key]);
      return v !== '' ? v : fallback;
    };
    const name = field('地块名称', field('name', ''));
    const header = [
      String(rows.length),
      shape.kind === '面' ? (area / 10_000).toFixed(4) : '',
      field('地块编号', String(pi + 1)),
      name,
      shape.kind,
      field(LAND_BLOCK_FIELDS[5], ''),
      field(LAND_BLOCK_FIELDS[6], ''),
      field(LAND_BLOCK_FIELDS[7], ''),
    ];
    body.push(`${header.join(',')},@`, ...rows);
  });
  if (nonFinite > 0) warnings.push({ zh: `${nonFinite} 个环含无效坐标，未写入`, en: `${nonFinite} ring(s) with non-finite coordinates not written` });
  const d = options.date ?? new Date();
  const system = options.legacy === undefined ? '2000国家大地坐标系' : LEGACY_DATUM_NAMES[options.legacy.datum].zh;
  const p = options.legacy?.params;
  const lines = [
    '[属性描述]',
    `格式版本号=${clean(options.formatVersion) || '1.01版本'}`,
    `数据产生单位=${clean(options.producer)}`,
    `数据产生日期=${d.toISOString().slice(0, 10)}`,
    `坐标系=${system}`,
    `几度分带=${width}`,
    '投影类型=高斯克吕格',
    '计量单位=米',
    `带号=${zone}`,
    `精度=${options.precisionM !== undefined && Number.isFinite(options.precisionM) && options.precisionM > 0 ? String(options.precisionM) : ''}`,
    `转换参数=${p === undefined ? ',,,,,,' : [p.dx, p.dy, p.dz, p.rx, p.ry, p.rz, p.ppm].join(',')}`,
    '[地块坐标]',
    ...body,
  ];
  const ext = Object.entries(options.extended ?? {});
  if (ext.length > 0) lines.push('[扩展信息]', ...ext.map(([k, v]) => `${clean(k)}=${clean(v)}`));
  const text = `${lines.join('\r\n')}\r\n`;
  const encoding = options.encoding ?? 'gb18030';
  return {
    ok: true,
    fileName: `${safeBaseName(options.name ?? 'layer')}.txt`,
    mimeType: encoding === 'gb18030' ? 'text/plain;charset=GB18030' : 'text/plain;charset=UTF-8',
    bytes: encoding === 'gb18030' ? encodeGb18030(text) : new TextEncoder().encode(text),
    warnings,
  };
}
