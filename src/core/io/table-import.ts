import type { Geometry, Position } from 'geojson';
import { buildPreview, type PreviewOptions, type RawFeature } from './build-preview';
import { parseCoordinateTable, type ParsedArea, type ParsedTable, type TableParcel, type TablePoint, type TableParseOptions } from './coordinate-table';
import { crsFromText, type StatedCrsResult } from './detect-crs';
import { IMPORT_REASONS, importFailure, type ImportIssue, type ImportResult, type VertexSource } from './import-types';

/**
 * Coordinate tables and land-block files (国土资源部 "[属性描述] / [地块坐标]" format) to an
 * import preview. Rings of one parcel become holes when they lie inside an earlier ring of the
 * parcel and further polygons (a MultiPolygon) otherwise.
 */

/** Whether the text looks like the land-block exchange format. */
export function isLandBlockText(text: string): boolean {
  return /\[\s*(属性描述|地块坐标)\s*\]/.test(text);
}

/** Parses the land-block exchange format into the same shape as a coordinate table. */
export function parseLandBlockText(text: string): { table: ParsedTable; stated: StatedCrsResult } | { ok: false; message: string } {
  const lines = text.split(/\r\n|\n|\r/);
  const attrs = new Map<string, string>();
  const parcels: TableParcel[] = [];
  const ignored: { line: number; text: string }[] = [];
  let section = '';
  let parcel: TableParcel | null = null;
  let ring: TablePoint[] = [];
  let ringNo: string | null = null;
  const endRing = (): void => {
    if (ring.length > 0 && parcel !== null) parcel.rings.push(ring);
    ring = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').replace(/^\uFEFF/, '').replace(/，/g, ',').trim();
    if (line === '') continue;
    const sectionMatch = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (sectionMatch !== null) {
      section = sectionMatch[1] ?? '';
      continue;
    }
    if (section === '属性描述') {
      const kv = /^([^=]+)=(.*)$/.exec(line);
      if (kv !== null) attrs.set((kv[1] ?? '').trim(), (kv[2] ?? '').trim());
      continue;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (cells[cells.length - 1] === '@') {
      endRing();
      ringNo = null;
      const areaText = cells[1] ?? '';
      const decimals = /\.(\d+)$/.exec(areaText)?.[1]?.length ?? 0;
      const ha = Number(areaText);
      const name = cells[3] !== undefined && cells[3] !== '' ? cells[3] : cells[2];
      parcel = { line: lineNo, rings: [], ...(name !== undefined && name !== '' ? { name } : {}) };
      if (areaText !== '' && Number.isFinite(ha)) {
        parcel.statedArea = { text: `${areaText} 公顷`, line: lineNo, m2: ha * 10_000, toleranceM2: 0.5 * 10 ** -decimals * 10_000 };
      }
      parcels.push(parcel);
      continue;
    }
    const [name, rn, xs, ys] = cells;
    const x = Number(xs);
    const y = Number(ys);
    if (parcel === null || name === undefined || rn === undefined || xs === undefined || ys === undefined || xs === '' || ys === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      ignored.push({ line: lineNo, text: line });
      continue;
    }
    if (ringNo !== null && rn !== ringNo) endRing();
    ringNo = rn;
    // X is the northing, Y the easting: presumed [east, north] = [Y, X].
    ring.push({ line: lineNo, a: y, b: x, ...(name !== '' ? { name } : {}) });
  }
  endRing();
  const withPoints = parcels.filter((p) => p.rings.length > 0);
  if (withPoints.length === 0) return { ok: false, message: '地块坐标文件中没有坐标 / the land-block file holds no coordinates' };
  const width = attrs.get('几度分带');
  const zone = attrs.get('带号');
  const system = attrs.get('坐标系') ?? '';
  const crsText = `${system} ${width !== undefined && width !== '' ? `${width}度带` : ''} ${zone !== undefined && zone !== '' ? `第${zone}带` : ''}`;
  return {
    table: {
      ok: true,
      parcels: withPoints,
      titleText: [...attrs].map(([k, v]) => `${k}=${v}`).join('\n'),
      columnOrder: 'north-east',
      orderSource: 'header',
      angular: false,
      ignoredLines: ignored,
    },
    stated: crsFromText(crsText),
  };
}

function ringContains(ring: readonly TablePoint[], a: number, b: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const pi = ring[i];
    const pj = ring[j];
    if (pi === undefined || pj === undefined) continue;
    if (pi.b > b !== pj.b > b && a < ((pj.a - pi.a) * (b - pi.b)) / (pj.b - pi.b) + pi.a) inside = !inside;
  }
  return inside;
}

function parcelToRaw(parcel: TableParcel, index: number): RawFeature {
  const polygons: TablePoint[][][] = [];
  for (const ring of parcel.rings) {
    const probe = ring[0];
    const host = probe === undefined ? undefined : polygons.find((poly) => poly[0] !== undefined && poly[0].length >= 3 && ring.every((p) => ringContains(poly[0] ?? [], p.a, p.b)));
    if (host !== undefined) host.push(ring);
    else polygons.push([ring]);
  }
  const toPos = (p: TablePoint): Position => [p.a, p.b];
  const toSrc = (p: TablePoint): VertexSource => ({ line: p.line, ...(p.name !== undefined ? { name: p.name } : {}) });
  const geometry: Geometry =
    polygons.length === 1
      ? { type: 'Polygon', coordinates: (polygons[0] ?? []).map((r) => r.map(toPos)) }
      : { type: 'MultiPolygon', coordinates: polygons.map((poly) => poly.map((r) => r.map(toPos))) };
  const vertexSources = polygons.map((poly) => poly.map((r) => r.map(toSrc)));
  const statedArea: ParsedArea | undefined = parcel.statedArea;
  return {
    geometry,
    properties: { name: parcel.name ?? `地块 ${index + 1}`, line: parcel.line },
    vertexSources,
    ...(statedArea !== undefined ? { statedArea } : {}),
  };
}

/** Options of the table importers. */
export interface TableImportOptions extends PreviewOptions, TableParseOptions {}

/** Builds the preview of a parsed table. */
export function previewFromTable(
  table: ParsedTable,
  stated: StatedCrsResult,
  fileName: string,
  format: 'coordinate-table' | 'land-block',
  encoding: string | undefined,
  options: TableImportOptions,
): ImportResult {
  const warnings: ImportIssue[] = table.ignoredLines.map((l) => ({
    code: 'line-ignored',
    severity: 'info',
    location: { file: fileName, line: l.line },
    message: { zh: `第 ${l.line} 行未识别，已跳过："${l.text.slice(0, 40)}"`, en: `line ${l.line} not understood, skipped: "${l.text.slice(0, 40)}"` },
  }));
  let statedCrs = stated;
  if (statedCrs === null && table.angular) {
    statedCrs = { ok: true, crs: { kind: 'geographic', source: { zh: '表头为经纬度', en: 'the header names longitude/latitude' } } };
  }
  return buildPreview(
    {
      format,
      fileName,
      features: table.parcels.map(parcelToRaw),
      stated: statedCrs,
      warnings,
      hintText: table.titleText,
      ...(encoding !== undefined ? { encoding } : {}),
    },
    options,
  );
}

/** Imports a coordinate table (text already decoded). */
export function importCoordinateTable(text: string, fileName: string, options: TableImportOptions = {}, encoding?: string): ImportResult {
  if (isLandBlockText(text)) {
    const parsed = parseLandBlockText(text);
    if ('ok' in parsed) return importFailure(IMPORT_REASONS.noFeatures, { zh: `文件 ${fileName}：${parsed.message.split(' / ')[0]}`, en: `file ${fileName}: ${parsed.message.split(' / ')[1]}` });
    return previewFromTable(parsed.table, parsed.stated, fileName, 'land-block', encoding, options);
  }
  const table = parseCoordinateTable(text, options);
  if (!table.ok) {
    return importFailure(IMPORT_REASONS.noFeatures, {
      zh: `文件 ${fileName}：表中没有找到坐标行（每行应有两个坐标数值）`,
      en: `file ${fileName}: no coordinate rows found (each row needs two coordinate numbers)`,
    });
  }
  return previewFromTable(table, crsFromText(table.titleText), fileName, 'coordinate-table', encoding, options);
}
