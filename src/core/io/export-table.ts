import type { Position } from 'geojson';
import { CGCS2000_EPSG, converterBetween } from '../geo/crs-registry';
import { centralMeridianOf, epsgForZone, type ZoneWidth } from '../geo/gauss-kruger';
import { exportLandBlock } from './export-land-block';
import { chooseExportZone } from './export-zone';
import { planarRingArea } from '../geo/geodesic';
import { EXPORT_REASONS, exportFailure, safeBaseName, type ExportFeature, type ExportResult } from './export-types';
import type { Bilingual } from './import-types';

/**
 * Coordinate-table export, the inverse of the table import: every Polygon / MultiPolygon feature
 * becomes a parcel, written in a chosen CGCS2000 Gauss-Krüger zone with X = northing and
 * Y = easting (or the other way round on request), each ring closed by repeating its first point,
 * rings separated by `*`, parcels introduced by `[地块n] name`, and followed by their planar area
 * (shoelace of the written, rounded coordinates: the 界址点 convention). The `land-block` style
 * writes the land departments' `[属性描述]` / `[地块坐标]` exchange format instead.
 */

/** Options of {@link exportCoordinateTable}. */
export interface TableExportOptions {
  readonly name?: string;
  /** Zone; default: the zone containing the centre of all features. */
  readonly zone?: number;
  /** Zone width (default 3). */
  readonly zoneWidth?: ZoneWidth;
  /** Whether Y carries the zone prefix (default true). */
  readonly prefixed?: boolean;
  /** Decimal places of the coordinates (default 3, millimetres). */
  readonly decimals?: number;
  /** Column order: X (northing) first (default) or Y first. */
  readonly columns?: 'XY' | 'YX';
  readonly delimiter?: 'tab' | 'comma' | 'space';
  /** Unit of the area rows (default m², 2 decimals; ha with 4 decimals). */
  readonly areaUnit?: 'm2' | 'ha';
  /** `table` (default) or the `land-block` exchange format. */
  readonly style?: 'table' | 'land-block';
  /** Date for the land-block header (default: now). */
  readonly date?: Date;
  /** Land-block style only: `gb18030` (default) or `utf-8`. */
  readonly encoding?: 'gb18030' | 'utf-8';
  /** Land-block style only: position precision in metres for `精度=`. */
  readonly precisionM?: number;
}

function polygonsOf(f: ExportFeature): Position[][][] | null {
  const g = f.geometry;
  if (g === null) return null;
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return null;
}

function pointNamesOf(f: ExportFeature): string[][][] | null {
  const names = f.properties?.['pointNames'];
  if (!Array.isArray(names)) return null;
  const ok = names.every((p) => Array.isArray(p) && p.every((r) => Array.isArray(r) && r.every((n) => typeof n === 'string')));
  return ok ? (names as string[][][]) : null;
}

function openRing(ring: readonly Position[]): Position[] {
  const out = [...ring];
  const f = out[0];
  const l = out[out.length - 1];
  if (out.length > 1 && f !== undefined && l !== undefined && f[0] === l[0] && f[1] === l[1]) out.pop();
  return out;
}

/** Writes Polygon / MultiPolygon features as a coordinate table (UTF-8 text). */
export function exportCoordinateTable(features: readonly ExportFeature[], options: TableExportOptions = {}): ExportResult {
  const width: ZoneWidth = options.zoneWidth ?? 3;
  const prefixed = options.prefixed ?? true;
  const decimals = options.decimals ?? 3;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) throw new RangeError(`decimals must be 0–9, got ${decimals}`);
  const parcels = features.map((f) => ({ f, polygons: polygonsOf(f) })).filter((p): p is { f: ExportFeature; polygons: Position[][][] } => p.polygons !== null && p.polygons.length > 0);
  const warnings: Bilingual[] = [];
  const skipped = features.length - parcels.length;
  if (skipped > 0) warnings.push({ zh: `${skipped} 个要素不是面，坐标表中未包含`, en: `${skipped} feature(s) are not polygons and were left out of the table` });
  if (parcels.length === 0) {
    return exportFailure(EXPORT_REASONS.nothingToExport, { zh: '没有面要素可写入坐标表', en: 'no polygon to write as a coordinate table' });
  }
  if (options.style === 'land-block') {
    return exportLandBlock(features, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.zone !== undefined ? { zone: options.zone } : {}),
      zoneWidth: width,
      prefixed,
      decimals,
      ...(options.date !== undefined ? { date: options.date } : {}),
      ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
      ...(options.precisionM !== undefined ? { precisionM: options.precisionM } : {}),
    });
  }
  const choice = chooseExportZone(parcels.map((p) => p.f), width, options.zone, prefixed);
  if (!choice.ok) return exportFailure(EXPORT_REASONS.outsideZones, choice.message);
  if (choice.warning !== null) warnings.push(choice.warning);
  const zone = choice.zone;
  const epsg = epsgForZone(zone, width, prefixed);
  const conv = converterBetween(CGCS2000_EPSG, epsg);
  const f10 = 10 ** decimals;
  const round = (v: number): number => Math.round(v * f10) / f10;
  const sep = options.delimiter === 'comma' ? ',' : options.delimiter === 'space' ? '  ' : '\t';
  const xFirst = (options.columns ?? 'XY') === 'XY';
  const cm = centralMeridianOf(zone, width);
  const out: string[] = [];
  const body: string[] = [];
  parcels.forEach(({ f, polygons }, pi) => {
    const names = pointNamesOf(f);
    let counter = 0;
    let area = 0;
    const rows: string[] = [];
    polygons.forEach((polygon, partIndex) =>
      polygon.forEach((ring, ringIndex) => {
        const open = openRing(ring);
        const xy = open.map((q) => {
          const [e, n] = conv.forward([q[0] ?? NaN, q[1] ?? NaN]);
          return [round(n ?? NaN), round(e ?? NaN)] as [number, number];
        });
        const ringNames = open.map((_, v) => {
          const given = names?.[partIndex]?.[ringIndex]?.[v];
          return given !== undefined && given !== '' ? given : `J${++counter}`;
        });
        const a = Math.abs(planarRingArea(xy.map(([x, y]) => [y, x])));
        area += ringIndex === 0 ? a : -a;
        if (rows.length > 0) rows.push('*');
        [...xy, xy[0]].forEach((p, v) => {
          if (p === undefined) return;
          const name = ringNames[v % ringNames.length] ?? `J${v + 1}`;
          const [x, y] = p;
          rows.push([name, ...(xFirst ? [x, y] : [y, x]).map((c) => c.toFixed(decimals))].join(sep));
        });
      }),
    );
    const nameValue = f.properties?.['name'];
    const name = typeof nameValue === 'string' && nameValue !== '' ? nameValue.replace(/[\p{Cc},@[\]【】]/gu, ' ').trim() : '';
    if (pi > 0) body.push('');
    body.push(`[地块${pi + 1}]${name === '' ? '' : ` ${name}`}`, ...rows);
    body.push(options.areaUnit === 'ha' ? `面积 ${(area / 10_000).toFixed(4)} 公顷` : `面积 ${area.toFixed(2)} 平方米`);
  });
  out.push(`界址点坐标表 (2000国家大地坐标系 ${width}度带 第${zone}带 中央经线${cm}°E${prefixed ? '' : ' Y不含带号'})`);
  out.push(['点号', ...(xFirst ? ['X(m)', 'Y(m)'] : ['Y(m)', 'X(m)'])].join(sep));
  out.push(...body);
  const ext = options.delimiter === 'comma' ? 'csv' : 'txt';
  return {
    ok: true,
    fileName: `${safeBaseName(options.name ?? 'layer')}.${ext}`,
    mimeType: ext === 'csv' ? 'text/csv' : 'text/plain',
    bytes: new TextEncoder().encode(`${out.join('\r\n')}\r\n`),
    warnings,
  };
}
