import { parseShp } from 'shpjs';
import { readDbf, type DbfNote } from './dbf-read';
import type { Geometry } from 'geojson';
import { buildPreview, type PreviewOptions, type RawFeature } from './build-preview';
import { crsFromWkt, type StatedCrsResult } from './detect-crs';
import { IMPORT_REASONS, importFailure, type ImportIssue, type ImportResult } from './import-types';
import { decodeText, encodingFromCpg } from './text-decode';
import { fixGeometry } from './validate-geometry';
import { ignoredEntryWarnings, readZipEntries } from './zip-read';

/**
 * Zipped Shapefile import: `.shp` geometry with `shpjs` (read without reprojection), `.dbf`
 * attributes (encoding from `.cpg`, else the DBF language driver byte, else UTF-8 if the bytes are
 * valid UTF-8 and GBK otherwise), `.prj` read by our own WKT reader (`detect-crs.ts`) so that
 * CGCS2000 Gauss-Krüger names such as `CGCS2000_3_Degree_GK_Zone_37` are understood.
 */

/** The files of one shapefile layer. */
export interface ShapefileParts {
  readonly shp: Uint8Array;
  readonly dbf?: Uint8Array;
  readonly prj?: Uint8Array;
  readonly cpg?: Uint8Array;
}

/** Encoding label for a DBF: `.cpg`, else language driver byte, else sniffed. */
export function dbfEncoding(dbf: Uint8Array, cpg?: Uint8Array): string {
  if (cpg !== undefined) {
    const fromCpg = encodingFromCpg(decodeText(cpg).text);
    if (fromCpg !== null) return fromCpg;
  }
  const ldid = dbf[29];
  if (ldid === 0x4d || ldid === 0x7a) return 'gbk';
  const headerLength = (dbf[8] ?? 0) | ((dbf[9] ?? 0) << 8);
  const body = dbf.subarray(Math.min(headerLength, dbf.length));
  return decodeText(body).encoding === 'gb18030' ? 'gbk' : 'utf-8';
}

/**
 * Shapefiles store outer rings clockwise and holes counter-clockwise; that is the format's
 * convention, not a property of the data, so rings are turned to the RFC 7946 order on reading.
 */
function toRfc7946(g: Geometry): Geometry {
  return fixGeometry(g, new Set(['fix-orientation'] as const)) ?? g;
}

/** Shape types of the .shp format that are read (MultiPatch, 31, is not). */
const SHAPE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'Null'],
  [1, 'Point'],
  [3, 'PolyLine'],
  [5, 'Polygon'],
  [8, 'MultiPoint'],
  [11, 'PointZ'],
  [13, 'PolyLineZ'],
  [15, 'PolygonZ'],
  [18, 'MultiPointZ'],
  [21, 'PointM'],
  [23, 'PolyLineM'],
  [25, 'PolygonM'],
  [28, 'MultiPointM'],
]);
const PART_TYPES = new Set([3, 5, 13, 15, 23, 25]);
const MULTIPOINT_TYPES = new Set([8, 18, 28]);

/**
 * Checks the structure of a .shp before `shpjs` reads it: file code 9994, a supported shape
 * type, and every record (header, content length, part and point counts) inside the file. A
 * damaged file is a message naming the record and byte; a header whose file length differs from
 * the real length is reported (the records decide).
 */
export function checkShp(shp: Uint8Array, label: string): { declaredBytes: number; recordsEnd: number } | string {
  if (shp.length < 100) return `${label}.shp: 文件头应为 100 字节，只有 ${shp.length} 字节 / the 100-byte header is cut at ${shp.length} bytes`;
  const dv = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const code = dv.getInt32(0, false);
  if (code !== 9994) return `${label}.shp: 文件标识为 ${code}，应为 9994 / file code ${code}, not 9994`;
  const type = dv.getInt32(32, true);
  if (!SHAPE_TYPES.has(type)) {
    return `${label}.shp: 不支持的形状类型 ${type}${type === 31 ? '（MultiPatch）' : ''} / unsupported shape type ${type}${type === 31 ? ' (MultiPatch)' : ''}`;
  }
  let at = 100;
  for (let record = 1; at < shp.length; record++) {
    if (shp.subarray(at).every((b) => b === 0)) return { declaredBytes: dv.getInt32(24, false) * 2, recordsEnd: at };
    const where = `${label}.shp 第 ${record} 条记录（第 ${at} 字节）`;
    const whereEn = `${label}.shp record ${record} (byte ${at})`;
    if (at + 12 > shp.length) return `${where}：记录头被截断 / ${whereEn}: the record header is cut`;
    const length = dv.getInt32(at + 4, false) * 2;
    if (length < 4 || at + 8 + length > shp.length) {
      return `${where}：声明 ${length} 字节内容，但文件在 ${shp.length} 字节处结束 / ${whereEn}: declares ${length} content bytes but the file ends at byte ${shp.length}`;
    }
    const recordType = dv.getInt32(at + 8, true);
    if (recordType !== 0 && recordType !== type) {
      return `${where}：形状类型 ${recordType} 与文件头的 ${type} 不符 / ${whereEn}: shape type ${recordType} differs from the header's ${type}`;
    }
    if (recordType !== 0 && PART_TYPES.has(type)) {
      const parts = length >= 44 ? dv.getInt32(at + 8 + 36, true) : -1;
      const points = length >= 44 ? dv.getInt32(at + 8 + 40, true) : -1;
      if (parts < 0 || points < 0 || 44 + 4 * parts + 16 * points > length) {
        return `${where}：声明 ${parts} 个部分、${points} 个点，超出记录长度 ${length} 字节 / ${whereEn}: declares ${parts} parts and ${points} points, more than its ${length} bytes hold`;
      }
    }
    if (recordType !== 0 && MULTIPOINT_TYPES.has(type)) {
      const points = length >= 40 ? dv.getInt32(at + 8 + 36, true) : -1;
      if (points < 0 || 40 + 16 * points > length) {
        return `${where}：声明 ${points} 个点，超出记录长度 ${length} 字节 / ${whereEn}: declares ${points} points, more than its ${length} bytes hold`;
      }
    }
    at += 8 + length;
  }
  return { declaredBytes: dv.getInt32(24, false) * 2, recordsEnd: at };
}

function readLayer(
  parts: ShapefileParts,
  label: string,
): { geometries: (Geometry | null)[]; records: (Record<string, unknown> | null)[]; encoding?: string; declaredBytes: number; recordsEnd: number; notes: DbfNote[] } | string {
  const structure = checkShp(parts.shp, label);
  if (typeof structure === 'string') return structure;
  let geometries: (Geometry | null)[];
  try {
    geometries = parseShp(parts.shp.subarray(0, structure.recordsEnd), false);
  } catch (error) {
    return `${label}.shp: ${error instanceof Error ? error.message : String(error)}`;
  }
  const base = { geometries, declaredBytes: structure.declaredBytes, recordsEnd: structure.recordsEnd };
  if (parts.dbf === undefined) return { ...base, records: [], notes: [] };
  const table = readDbf(parts.dbf, parts.cpg);
  if (typeof table === 'string') return `${label}${table}`;
  return { ...base, records: [...table.records], encoding: table.encoding, notes: [...table.notes] };
}

/** Imports one shapefile layer given its parts. */
export function importShapefileParts(parts: ShapefileParts, fileName: string, options: PreviewOptions = {}, extraWarnings: ImportIssue[] = []): ImportResult {
  const layer = readLayer(parts, fileName.replace(/\.(zip|shp)$/i, ''));
  if (typeof layer === 'string') {
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 损坏：${layer}`, en: `file ${fileName} is damaged: ${layer}` });
  }
  const warnings = [...extraWarnings];
  const stated: StatedCrsResult = parts.prj === undefined ? null : crsFromWkt(decodeText(parts.prj).text);
  for (const n of layer.notes) warnings.push({ code: n.code, severity: n.code === 'dbf-deleted-records' ? 'info' : 'warning', location: { file: fileName }, message: { zh: n.zh, en: n.en } });
  if (layer.recordsEnd < parts.shp.length) {
    warnings.push({
      code: 'shp-zero-padding',
      severity: 'info',
      location: { file: fileName },
      message: { zh: `.shp 最后一条记录后有 ${parts.shp.length - layer.recordsEnd} 个零字节填充，已忽略`, en: `${parts.shp.length - layer.recordsEnd} zero bytes of padding after the last .shp record were ignored` },
    });
  }
  if (layer.declaredBytes !== parts.shp.length && layer.declaredBytes !== layer.recordsEnd) {
    warnings.push({
      code: 'shp-header-length-mismatch',
      severity: 'warning',
      location: { file: fileName },
      message: {
        zh: `.shp 文件头声明长度 ${layer.declaredBytes} 字节，实际为 ${parts.shp.length} 字节；按实际记录读取`,
        en: `the .shp header declares ${layer.declaredBytes} bytes but the file has ${parts.shp.length}; the records actually present were read`,
      },
    });
  }
  if (parts.dbf === undefined) {
    warnings.push({
      code: 'missing-dbf',
      severity: 'warning',
      location: { file: fileName },
      message: { zh: '缺少 .dbf 文件，要素没有属性', en: 'no .dbf file; the features have no attributes' },
    });
  }
  if (parts.prj === undefined) {
    warnings.push({
      code: 'missing-prj',
      severity: 'warning',
      location: { file: fileName },
      message: { zh: '缺少 .prj 文件，坐标系按数值判断', en: 'no .prj file; the CRS is judged from the numbers' },
    });
  }
  if (parts.dbf !== undefined && layer.records.length !== layer.geometries.length) {
    warnings.push({
      code: 'dbf-count-mismatch',
      severity: 'warning',
      location: { file: fileName },
      message: {
        zh: `.shp 有 ${layer.geometries.length} 条记录而 .dbf 有 ${layer.records.length} 条，属性可能错位`,
        en: `.shp has ${layer.geometries.length} records but .dbf ${layer.records.length}; attributes may be misaligned`,
      },
    });
  }
  const features: RawFeature[] = [];
  layer.geometries.forEach((g, i) => {
    if (layer.records[i] === null) return;
    if (g === null) {
      warnings.push({
        code: 'null-geometry',
        severity: 'info',
        location: { file: fileName, feature: i },
        message: { zh: `记录 ${i + 1} 为空图形，已跳过`, en: `record ${i + 1} is a null shape; skipped` },
      });
      return;
    }
    features.push({ geometry: toRfc7946(g), properties: layer.records[i] ?? {} });
  });
  return buildPreview(
    {
      format: 'shapefile',
      fileName,
      features,
      stated,
      warnings,
      hintText: features.slice(0, 50).map((f) => JSON.stringify(f.properties).slice(0, 200)).join('\n'),
      ...(layer.encoding !== undefined ? { encoding: layer.encoding } : {}),
    },
    options,
  );
}

/**
 * Imports a zipped shapefile. With several layers in the zip, the first (by name) is read with
 * every other layer that has the same `.prj`; layers with another `.prj` are skipped with a warning.
 */
export function importShapefileZip(bytes: Uint8Array, fileName: string, options: PreviewOptions = {}): ImportResult {
  const zip = readZipEntries(bytes, fileName, (n) => /\.(shp|dbf|prj|cpg)$/i.test(n) && !n.includes('__MACOSX'));
  if (!zip.ok) return zip;
  const entries = zip.entries;
  const byBase = new Map<string, Partial<Record<'shp' | 'dbf' | 'prj' | 'cpg', Uint8Array>>>();
  for (const [name, data] of Object.entries(entries)) {
    if (name.includes('__MACOSX')) continue;
    const m = /^(.*)\.(shp|dbf|prj|cpg)$/i.exec(name);
    if (m === null) continue;
    const base = m[1] ?? '';
    const ext = (m[2] ?? '').toLowerCase() as 'shp' | 'dbf' | 'prj' | 'cpg';
    const entry = byBase.get(base) ?? {};
    entry[ext] = data;
    byBase.set(base, entry);
  }
  const layers = [...byBase.entries()].filter(([, e]) => e.shp !== undefined).sort(([a], [b]) => a.localeCompare(b));
  const first = layers[0];
  if (first === undefined) {
    const skipped = zip.ignored.length > 0 ? { zh: `（${zip.ignored.length} 个路径不安全的条目已忽略）`, en: ` (${zip.ignored.length} entries with unsafe paths ignored)` } : { zh: '', en: '' };
    return importFailure(IMPORT_REASONS.missingPart, { zh: `zip 文件 ${fileName} 中没有 .shp${skipped.zh}`, en: `the zip ${fileName} contains no .shp${skipped.en}` });
  }
  const prjText = (e: Partial<Record<string, Uint8Array>>): string => (e['prj'] === undefined ? '' : decodeText(e['prj']).text.trim());
  const same = layers.filter(([, e]) => prjText(e) === prjText(first[1]));
  const warnings: ImportIssue[] = [...ignoredEntryWarnings(fileName, zip.ignored), ...layers
    .filter((l) => !same.includes(l))
    .map(([base]) => ({
      code: 'layer-skipped',
      severity: 'warning' as const,
      location: { file: `${fileName}/${base}.shp` },
      message: { zh: `图层 ${base} 的坐标系与 ${first[0]} 不同，未导入；请单独导入`, en: `layer ${base} has another CRS than ${first[0]}; not imported, import it on its own` },
    }))];
  if (same.length === 1) {
    const e = first[1];
    if (e.shp === undefined) throw new Error('unreachable: layer without .shp');
    return importShapefileParts({ shp: e.shp, ...(e.dbf ? { dbf: e.dbf } : {}), ...(e.prj ? { prj: e.prj } : {}), ...(e.cpg ? { cpg: e.cpg } : {}) }, fileName, options, warnings);
  }
  // Several layers with one CRS: import each and merge the raw features through one preview.
  const merged: RawFeature[] = [];
  let encoding: string | undefined;
  for (const [base, e] of same) {
    if (e.shp === undefined) continue;
    const layer = readLayer({ shp: e.shp, ...(e.dbf ? { dbf: e.dbf } : {}), ...(e.cpg ? { cpg: e.cpg } : {}) }, base);
    if (typeof layer === 'string') {
      return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 损坏：${layer}`, en: `file ${fileName} is damaged: ${layer}` });
    }
    encoding ??= layer.encoding;
    layer.geometries.forEach((g, i) => {
      const rec = layer.records[i];
      if (g !== null && rec !== null) merged.push({ geometry: toRfc7946(g), properties: { ...(rec ?? {}), _layer: base } });
    });
  }
  const prj = first[1].prj;
  return buildPreview(
    {
      format: 'shapefile',
      fileName,
      features: merged,
      stated: prj === undefined ? null : crsFromWkt(decodeText(prj).text),
      warnings,
      ...(encoding !== undefined ? { encoding } : {}),
    },
    options,
  );
}
