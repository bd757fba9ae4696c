import { EXPORT_FORMATS, EXPORT_REASONS, exportFailure, type ExportFeature, type ExportFormat, type ExportResult } from './export-types';
import { exportGeoJson, type GeoJsonExportOptions } from './export-geojson';
import { exportKml, type KmlExportOptions } from './export-kml';
import { exportShapefile, type ShapefileExportOptions } from './export-shapefile';
import { exportCoordinateTable, type TableExportOptions } from './export-table';
import { exportLandBlock, type LandBlockExportOptions } from './export-land-block';
import { importGeoJson } from './geojson-import';
import { IMPORT_REASONS, importFailure, type ImportResult } from './import-types';
import { importKml, importKmz, decodeXml, type XmlParser } from './kml-import';
import { importShapefileParts, importShapefileZip } from './shapefile-import';
import { importCoordinateTable } from './table-import';
import { decodeText } from './text-decode';
import { readZipEntries } from './zip-read';
import type { PreviewOptions } from './build-preview';
import type { AngleMode } from './dms';

/**
 * Import and export of layers (issue 7, core part). `importFile` turns bytes into a preview
 * (nothing is accepted until `acceptPreview`); `exportLayer` writes features in one of the formats.
 * Pure TS: runs in the browser, in workers and in Node (KML needs a DOMParser there).
 */

export * from './import-types';
export * from './export-types';
export { applyFixes, acceptPreview, availableFixes, undoFixes, SAFE_FIXES, ACCEPT_REASONS, type AcceptOptions, type AcceptResult, type ImportedFeatureProps, type PreviewOptions } from './build-preview';
export { crsChoices, type CrsOption } from './crs-choices';
export { chooseExportZone, listExportZones, type ZoneChoice, type ZoneOption } from './export-zone';
export { exportLandBlock, type LandBlockExportOptions } from './export-land-block';
export { parseLandBlock, isLandBlockText, LAND_BLOCK_FIELDS } from './land-block';
export { readDbf } from './dbf-read';
export { encodeGb18030 } from './gb18030';
export { legacyDatumIn, parseSevenParams, sevenParamsProblem, LEGACY_DATUM_NAMES, type LegacyDatum, type SevenParams } from '../geo/datum';
export { detectCrs, crsFromWkt, crsFromName, crsFromText, shiftedDatumHint, SHANXI_BBOX, WEB_MERCATOR_EPSG } from './detect-crs';
export { parseCoordinateTable } from './coordinate-table';
export { parseAngle, formatDms } from './dms';
export { validateGeometry, fixGeometry } from './validate-geometry';
export { prjWkt, esriName } from './prj-wkt';
export { decodeText } from './text-decode';
export { ZIP_LIMITS, isUnsafeZipName, readZipEntries } from './zip-read';
export type { XmlParser };

/** Options of {@link importFile}. */
export interface ImportOptions extends PreviewOptions {
  /** DOMParser for KML/KMZ outside the browser. */
  readonly domParser?: XmlParser;
  /** How plain decimals in angle columns of tables are read. */
  readonly angleMode?: AngleMode;
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Shapefile parts that cannot be imported without their .shp. */
const SIDECAR_EXTENSIONS: readonly string[] = ['dbf', 'shx', 'prj', 'cpg', 'sbn', 'sbx'];

/** Sniffs the format from content first and the extension second. */
export function sniffFormat(bytes: Uint8Array, name: string): 'zip' | 'geojson' | 'kml' | 'shp' | 'text' | null {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0x00, 0x00, 0x27, 0x0a])) return 'shp';
  const head = decodeText(bytes.subarray(0, 512)).text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'geojson';
  if (head.startsWith('<')) return /<kml|<\?xml/i.test(head) ? 'kml' : null;
  if (['geojson', 'json'].includes(ext)) return 'geojson';
  if (ext === 'kml') return 'kml';
  if (['txt', 'csv', 'tsv', 'dat', 'text', ''].includes(ext) || head.length > 0) return 'text';
  return null;
}

/**
 * Imports a file: GeoJSON, KML, KMZ, zipped Shapefile, a bare .shp, a coordinate table (text,
 * CSV, spreadsheet paste; UTF-8, UTF-16 or GBK) or a land-block file. Returns a preview or a
 * failure value; throws only on misuse (KML without any DOMParser).
 */
export function importFile(bytes: Uint8Array, name: string, options: ImportOptions = {}): ImportResult {
  if (bytes.length === 0 || decodeText(bytes.subarray(0, 4096)).text.trim() === '') {
    return importFailure(IMPORT_REASONS.empty, { zh: `文件 ${name} 为空`, en: `file ${name} is empty` });
  }
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  if (SIDECAR_EXTENSIONS.includes(ext)) {
    return importFailure(IMPORT_REASONS.missingPart, {
      zh: `文件 ${name} 只是 Shapefile 的 .${ext} 部分，缺少 .shp；请选择 .shp（连同 .dbf、.prj）或整个 zip`,
      en: `file ${name} is only the .${ext} part of a shapefile, without its .shp; choose the .shp (with .dbf and .prj) or the whole zip`,
    });
  }
  const kind = sniffFormat(bytes, name);
  switch (kind) {
    case 'zip': {
      const listing = readZipEntries(bytes, name, () => false);
      if (!listing.ok) return listing;
      const names = listing.names.map((n) => n.toLowerCase());
      if (names.some((n) => n.endsWith('.shp'))) return importShapefileZip(bytes, name, options);
      if (names.some((n) => n.endsWith('.kml'))) return importKmz(bytes, name, options);
      const skipped = listing.ignored.length > 0 ? { zh: `（${listing.ignored.length} 个路径不安全的条目已忽略）`, en: ` (${listing.ignored.length} entries with unsafe paths ignored)` } : { zh: '', en: '' };
      return importFailure(IMPORT_REASONS.missingPart, {
        zh: `zip 文件 ${name} 中既没有 .shp 也没有 .kml${skipped.zh}`,
        en: `the zip ${name} holds neither a .shp nor a .kml${skipped.en}`,
      });
    }
    case 'shp':
      return importShapefileParts({ shp: bytes }, name, options);
    case 'geojson': {
      const d = decodeText(bytes);
      return importGeoJson(d.text, name, options, d.encoding);
    }
    case 'kml': {
      const d = decodeXml(bytes);
      return importKml(d.text, name, options, d.encoding);
    }
    case 'text': {
      const d = decodeText(bytes);
      return importCoordinateTable(d.text, name, options, d.encoding);
    }
    case null:
      return importFailure(IMPORT_REASONS.unknownFormat, { zh: `无法识别文件 ${name} 的格式`, en: `the format of file ${name} is not recognised` });
  }
}

/** Imports text pasted by the user (a spreadsheet selection, a table, GeoJSON or KML). */
export function importText(text: string, name = '粘贴内容 pasted text', options: ImportOptions = {}): ImportResult {
  return importFile(new TextEncoder().encode(text), name, options);
}

/** Options of {@link exportLayer}, per format. */
export type ExportOptions = GeoJsonExportOptions & KmlExportOptions & ShapefileExportOptions & TableExportOptions & LandBlockExportOptions;

function finiteCoordinates(c: unknown): boolean {
  if (!Array.isArray(c)) return true;
  if (typeof c[0] === 'number') return c.every((v) => typeof v === 'number' && Number.isFinite(v));
  return c.every(finiteCoordinates);
}

function geometryFinite(g: ExportFeature['geometry']): boolean {
  if (g === null) return true;
  if (g.type === 'GeometryCollection') return g.geometries.every(geometryFinite);
  return finiteCoordinates(g.coordinates);
}

/**
 * Exports features (lon/lat) as GeoJSON, KML, a zipped Shapefile, a Gauss-Krüger coordinate table
 * or the ministry's land-block format. Features with a non-finite coordinate are left out with a
 * warning (never projected, never written as null).
 */
export function exportLayer(features: readonly ExportFeature[], format: ExportFormat, options: ExportOptions = {}): ExportResult {
  const finite = features.filter((f) => geometryFinite(f.geometry));
  const dropped = features.length - finite.length;
  if (dropped === 0) return exportFinite(features, format, options);
  if (finite.length === 0) {
    return exportFailure(EXPORT_REASONS.nothingToExport, { zh: `${dropped} 个要素的坐标不是有限数值，无可导出`, en: `${dropped} feature(s) have non-finite coordinates; nothing to export` });
  }
  const r = exportFinite(finite, format, options);
  if (!r.ok) return r;
  return { ...r, warnings: [{ zh: `${dropped} 个要素的坐标不是有限数值（NaN 或无穷大），未导出`, en: `${dropped} feature(s) with non-finite coordinates (NaN or infinite) not exported` }, ...r.warnings] };
}

function exportFinite(features: readonly ExportFeature[], format: ExportFormat, options: ExportOptions): ExportResult {
  switch (format) {
    case 'geojson':
      return exportGeoJson(features, options);
    case 'kml':
      return exportKml(features, options);
    case 'shapefile':
      return exportShapefile(features, options);
    case 'coordinate-table':
      return exportCoordinateTable(features, options);
    case 'land-block':
      return exportLandBlock(features, options);
    default:
      throw new RangeError(`unknown export format ${String(format)}; expected one of ${EXPORT_FORMATS.join(', ')}`);
  }
}
