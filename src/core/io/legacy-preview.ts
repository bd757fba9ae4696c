import type { Position } from 'geojson';
import { legacyToCgcs2000, LEGACY_DATUM_NAMES, sevenParamsProblem, type LegacyFrame, type SevenParams } from '../geo/datum';
import { isSupportedZone, zoneFromEasting, type ZoneWidth } from '../geo/gauss-kruger';
import type { PreviewOptions, RawFeature, RawImport } from './build-preview';
import { legacyRefusal, type LegacyStatement } from './detect-crs';
import { IMPORT_REASONS, importFailure, type ImportResult } from './import-types';

/**
 * Import of Xi'an 80 / Beijing 54 coordinates with seven parameters: the source pairs are
 * converted to CGCS2000 lon/lat by a Bursa-Wolf transformation (proj4 `+towgs84`), then the usual
 * preview is built on the converted numbers and its CRS says what was applied.
 */

function mapGeometryPositions(g: RawFeature['geometry'], f: (p: Position) => Position): RawFeature['geometry'] {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(f) } as RawFeature['geometry'];
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as RawFeature['geometry'];
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapGeometryPositions(x, f)) };
  }
}

function extent(features: readonly RawFeature[]): { minA: number; maxA: number; minB: number; maxB: number } {
  const r = { minA: Infinity, maxA: -Infinity, minB: Infinity, maxB: -Infinity };
  for (const feat of features) {
    mapGeometryPositions(feat.geometry, (p) => {
      const a = p[0] ?? NaN;
      const b = p[1] ?? NaN;
      if (Number.isFinite(a) && Number.isFinite(b)) {
        r.minA = Math.min(r.minA, a);
        r.maxA = Math.max(r.maxA, a);
        r.minB = Math.min(r.minB, b);
        r.maxB = Math.max(r.maxB, b);
      }
      return p;
    });
  }
  return r;
}

/** Builds the preview of a legacy-datum file (see the module comment). */
export function legacyPreview(
  raw: RawImport,
  statement: LegacyStatement,
  params: SevenParams | null,
  paramSource: 'file' | 'user',
  options: PreviewOptions,
  build: (raw: RawImport, options: PreviewOptions) => ImportResult,
): ImportResult {
  const file = raw.fileName;
  if (params === null) {
    const refusal = legacyRefusal(statement, `文件 ${file} `, `file ${file}`);
    const detail = refusal !== null && !refusal.ok ? refusal.unsupported : { zh: '缺少七参数', en: 'seven parameters missing' };
    return importFailure(IMPORT_REASONS.unsupportedCrs, detail);
  }
  const problem = sevenParamsProblem(params);
  if (problem !== null) return importFailure(IMPORT_REASONS.unsupportedCrs, { zh: `文件 ${file}：七参数不合理：${problem.zh}`, en: `file ${file}: implausible seven parameters: ${problem.en}` });
  const r = extent(raw.features);
  if (!Number.isFinite(r.minA)) return importFailure(IMPORT_REASONS.noFeatures, { zh: `文件 ${file}：没有可用的坐标`, en: `file ${file}: no usable coordinates` });
  let frame: LegacyFrame;
  let swapped = false;
  if (statement.kind === 'geographic') {
    frame = { kind: 'geographic' };
    swapped = r.maxA <= 90 && r.minB > 90;
  } else {
    swapped = r.minA > 1e6 && r.minA < 7e6 && r.minB > 1e7;
    const east = swapped ? r.minB : r.minA;
    const fromPrefix = east >= 1e6 ? zoneFromEasting(east) : null;
    const width: ZoneWidth | undefined = statement.width ?? options.zoneWidth ?? (fromPrefix?.ok === true ? fromPrefix.width : undefined);
    const zone = statement.zone ?? options.zone ?? (fromPrefix?.ok === true ? fromPrefix.zone : undefined);
    const prefixed = east >= 1e6;
    if (zone === undefined || width === undefined || !isSupportedZone(zone, width)) {
      return importFailure(IMPORT_REASONS.crsUndetermined, {
        zh: `文件 ${file}：${LEGACY_DATUM_NAMES[statement.datum].zh}坐标未说明投影带（带号与几度分带），无法换算；请指定带号`,
        en: `file ${file}: the ${LEGACY_DATUM_NAMES[statement.datum].en} coordinates state no zone (number and width); give the zone`,
      });
    }
    frame = { kind: 'gk', zone, width, prefixed };
  }
  const convert = legacyToCgcs2000(statement.datum, frame, params);
  if (convert === null) return importFailure(IMPORT_REASONS.crsUndetermined, { zh: `文件 ${file}：投影带无效`, en: `file ${file}: invalid zone` });
  const features = raw.features.map((f) => ({
    ...f,
    geometry: mapGeometryPositions(f.geometry, (p) => {
      const a = p[0] ?? NaN;
      const b = p[1] ?? NaN;
      const [lon, lat] = swapped ? convert(b, a) : convert(a, b);
      return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
    }),
  }));
  const name = LEGACY_DATUM_NAMES[statement.datum];
  const frameZh = frame.kind === 'gk' ? `${frame.width}度带第 ${frame.zone} 带` : '经纬度';
  const frameEn = frame.kind === 'gk' ? `${frame.width}° zone ${frame.zone}` : 'lon/lat';
  const list = [params.dx, params.dy, params.dz, params.rx, params.ry, params.rz, params.ppm] as const;
  const result = build(
    { ...raw, features, stated: { ok: true, crs: { kind: 'geographic', source: { zh: '七参数换算结果', en: 'result of the seven-parameter transformation' } } }, allowSwap: false },
    { ...(options.sourceDatum !== undefined ? { sourceDatum: options.sourceDatum } : {}), autoFix: false },
  );
  if (!result.ok) return result;
  return {
    ...result,
    crs: {
      ...result.crs,
      name: `${name.en} ${frameEn} → CGCS2000 (Bursa-Wolf)`,
      ...(frame.kind === 'gk' ? { zone: frame.zone, zoneWidth: frame.width } : {}),
      axesSwapped: swapped,
      confidence: 'stated',
      reason: {
        zh: `${name.zh}${frameZh}，按${paramSource === 'file' ? '文件给出' : '用户输入'}的七参数（${list.join(', ')}）以布尔莎模型换算为 2000 国家大地坐标系`,
        en: `${name.en} ${frameEn}, converted to CGCS2000 by a Bursa-Wolf transformation with the seven parameters ${paramSource === 'file' ? 'the file gives' : 'given by the user'} (${list.join(', ')})`,
      },
      datumTransform: { datum: statement.datum, params: list, source: paramSource },
    },
    warnings: [
      {
        code: 'datum-transformed',
        severity: 'info',
        location: { file },
        message: {
          zh: `坐标由${name.zh}经七参数换算；结果的准确度取决于七参数本身（通常为分米级）`,
          en: `the coordinates were converted from ${name.en} with seven parameters; the result is only as accurate as the parameters (usually decimetres)`,
        },
      },
      ...result.warnings,
    ],
  };
}
