import type { Geometry, Position } from 'geojson';
import { buildPreview, type PreviewOptions, type RawFeature } from './build-preview';
import { parseCoordinateTable, type ParsedArea, type ParsedTable, type TableParcel, type TablePoint, type TableParseOptions } from './coordinate-table';
import { crsFromText, type StatedCrsResult } from './detect-crs';
import { IMPORT_REASONS, importFailure, type ImportIssue, type ImportResult, type VertexSource } from './import-types';
import { isLandBlockText, parseLandBlock } from './land-block';

export { isLandBlockText };

/**
 * Coordinate tables and land-block files (国土资源部 "[属性描述] / [地块坐标]" format) to an
 * import preview. Rings of one parcel become holes when they lie inside an earlier ring of the
 * parcel and further polygons (a MultiPolygon) otherwise.
 */

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
    properties: { name: parcel.name ?? `地块 ${index + 1}`, line: parcel.line, ...(parcel.elevations !== undefined && parcel.elevations.length > 0 ? { 标高: parcel.elevations.map((e) => e.join(',')).join('; ') } : {}) },
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
  if (isLandBlockText(text)) return importLandBlock(text, fileName, options, encoding);
  const table = parseCoordinateTable(text, options);
  if (!table.ok) {
    return importFailure(IMPORT_REASONS.noFeatures, {
      zh: `文件 ${fileName}：表中没有找到坐标行（每行应有两个坐标数值）`,
      en: `file ${fileName}: no coordinate rows found (each row needs two coordinate numbers)`,
    });
  }
  return previewFromTable(table, crsFromText(table.titleText), fileName, 'coordinate-table', encoding, options);
}

/** Imports a land-block file (the ministry's format, `land-block.ts`). */
export function importLandBlock(text: string, fileName: string, options: TableImportOptions = {}, encoding?: string): ImportResult {
  const parsed = parseLandBlock(text, fileName);
  if (!parsed.ok) return importFailure(IMPORT_REASONS.noFeatures, { zh: `文件 ${fileName}：${parsed.message.zh}`, en: `file ${fileName}: ${parsed.message.en}` });
  const h = parsed.header;
  const width = (h['几度分带'] ?? '').replace(/[^\d]/g, '');
  const zone = (h['带号'] ?? '').replace(/[^\d]/g, '');
  const crsText = `${h['坐标系'] ?? ''} ${h['投影类型'] ?? ''} ${width !== '' ? `${width}度带` : ''} ${zone !== '' ? `第${zone}带` : ''}`;
  const headerProps: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) Object.defineProperty(headerProps, k, { value: v, enumerable: true, writable: true, configurable: true });
  return buildPreview(
    {
      format: 'land-block',
      fileName,
      features: parsed.parcels.map((p) => {
        const properties: Record<string, unknown> = { ...p.properties, line: p.line };
        Object.defineProperty(properties, '属性描述', { value: headerProps, enumerable: true, writable: true, configurable: true });
        if (Object.keys(parsed.extended).length > 0) Object.defineProperty(properties, '扩展信息', { value: { ...parsed.extended }, enumerable: true, writable: true, configurable: true });
        return { geometry: p.geometry, properties, vertexSources: p.vertexSources, ...(p.statedArea !== undefined ? { statedArea: p.statedArea } : {}) };
      }),
      stated: crsFromText(crsText),
      warnings: parsed.warnings,
      hintText: crsText,
      allowSwap: false,
      sevenParams: parsed.sevenParams,
      statedPrecisionM: parsed.precisionM,
      ...(encoding !== undefined ? { encoding } : {}),
    },
    options,
  );
}
