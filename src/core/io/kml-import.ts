import { kml } from '@tmcw/togeojson';
import { buildPreview, type PreviewOptions, type RawFeature } from './build-preview';
import { flattenCollection } from './geojson-import';
import { IMPORT_REASONS, importFailure, type ImportIssue, type ImportResult } from './import-types';
import { decodeText } from './text-decode';
import { ignoredEntryWarnings, readZipEntries } from './zip-read';

/**
 * KML and KMZ import with `@tmcw/togeojson`. KML coordinates are WGS84 lon/lat by definition, so
 * the CRS is stated (still checked against the numbers). A DOM parser is needed: the browser's
 * (and a worker's, where available) `DOMParser` is taken from `globalThis` at call time; in Node
 * pass one (`new DOMParser()` from `@xmldom/xmldom`) as `options.domParser`.
 */

/** The part of `DOMParser` the KML importer uses. */
export interface XmlParser {
  parseFromString(text: string, mimeType: 'text/xml'): unknown;
}

/** Options of the KML/KMZ importers. */
export interface KmlImportOptions extends PreviewOptions {
  readonly domParser?: XmlParser;
}

type KmlDocument = Parameters<typeof kml>[0];

function getParser(options: KmlImportOptions): XmlParser {
  if (options.domParser !== undefined) return options.domParser;
  const Ctor = (globalThis as { DOMParser?: new () => XmlParser }).DOMParser;
  if (Ctor === undefined) {
    throw new Error(
      'KML import needs a DOMParser: none on globalThis here (Node, some workers); pass options.domParser, e.g. new DOMParser() from @xmldom/xmldom',
    );
  }
  return new Ctor();
}

/** Decodes KML bytes, honouring an XML declaration that names GBK / GB2312 / GB18030. */
export function decodeXml(bytes: Uint8Array): { text: string; encoding: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared !== undefined && /^(gbk|gb2312|gb18030)$/.test(declared)) {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
  const d = decodeText(bytes);
  return { text: d.text, encoding: d.encoding };
}

function hasParserError(doc: unknown): string | null {
  const d = doc as { getElementsByTagName?: (name: string) => ArrayLike<{ textContent?: string | null }> };
  if (typeof d.getElementsByTagName !== 'function') return 'the parser returned no document';
  const errors = d.getElementsByTagName('parsererror');
  if (errors.length > 0) return errors[0]?.textContent?.slice(0, 200) ?? 'XML parser error';
  if (d.getElementsByTagName('kml').length === 0 && d.getElementsByTagName('Placemark').length === 0) return 'no <kml> element';
  return null;
}

/** Imports KML text. */
export function importKml(
  text: string,
  fileName: string,
  options: KmlImportOptions = {},
  encoding?: string,
  format: 'kml' | 'kmz' = 'kml',
  extraWarnings: readonly ImportIssue[] = [],
): ImportResult {
  const parser = getParser(options);
  let doc: unknown;
  // Non-conformant writers use <MultiPolygon>, <MultiLineString>, <MultiPoint>; GDAL reads them as
  // <MultiGeometry>, and so do we.
  const conformant = text.replace(/<(\/?)(?:kml:)?Multi(?:Polygon|LineString|Point)(\s[^>]*)?>/g, '<$1MultiGeometry>');
  try {
    doc = parser.parseFromString(conformant, 'text/xml');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 不是有效的 XML：${detail}`, en: `file ${fileName} is not valid XML: ${detail}` });
  }
  const xmlError = hasParserError(doc);
  if (xmlError !== null) {
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 不是有效的 KML：${xmlError}`, en: `file ${fileName} is not valid KML: ${xmlError}` });
  }
  let fc: ReturnType<typeof kml>;
  try {
    fc = kml(doc as KmlDocument);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 的 KML 内容无法读取：${detail}`, en: `file ${fileName}: the KML content cannot be read: ${detail}` });
  }
  const warnings: ImportIssue[] = [...extraWarnings];
  const features: RawFeature[] = [];
  fc.features.forEach((f, i) => {
    if (f.geometry === null) {
      warnings.push({
        code: 'null-geometry',
        severity: 'info',
        location: { file: fileName, feature: i },
        message: { zh: `地标 ${i + 1} 没有几何图形，已跳过`, en: `placemark ${i + 1} has no geometry; skipped` },
      });
      return;
    }
    const properties = { ...(f.properties ?? {}) };
    for (const g of flattenCollection(f.geometry)) features.push({ geometry: g, properties });
  });
  const hintText = features
    .slice(0, 50)
    .map((f) => JSON.stringify(f.properties).slice(0, 200))
    .join('\n');
  return buildPreview(
    {
      format,
      fileName,
      features,
      stated: { ok: true, crs: { kind: 'geographic', source: { zh: 'KML 规定为 WGS84 经纬度', en: 'KML is WGS84 lon/lat by definition' } } },
      warnings,
      hintText,
      ...(encoding !== undefined ? { encoding } : {}),
    },
    options,
  );
}

/**
 * Reads the (safely named) entries of a zip within the caps of `zip-read.ts`; a damaged or
 * oversized zip is a message, not an exception.
 */
export function readZip(bytes: Uint8Array): Record<string, Uint8Array> | string {
  const r = readZipEntries(bytes, 'zip');
  return r.ok ? r.entries : r.message;
}

/** Imports a KMZ (zipped KML: `doc.kml` or the first `.kml` entry). */
export function importKmz(bytes: Uint8Array, fileName: string, options: KmlImportOptions = {}): ImportResult {
  const isKml = (n: string): boolean => n.toLowerCase().endsWith('.kml') && !n.includes('__MACOSX');
  const zip = readZipEntries(bytes, fileName, isKml);
  if (!zip.ok) return zip;
  const entries = zip.entries;
  const names = Object.keys(entries).filter(isKml);
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  const data = main === undefined ? undefined : entries[main];
  if (main === undefined || data === undefined) {
    const skipped = zip.ignored.length > 0 ? { zh: `（${zip.ignored.length} 个路径不安全的条目已忽略）`, en: ` (${zip.ignored.length} entries with unsafe paths ignored)` } : { zh: '', en: '' };
    return importFailure(IMPORT_REASONS.missingPart, { zh: `KMZ 文件 ${fileName} 中没有 .kml${skipped.zh}`, en: `the KMZ ${fileName} contains no .kml${skipped.en}` });
  }
  const { text, encoding } = decodeXml(data);
  return importKml(text, fileName, options, encoding, 'kmz', ignoredEntryWarnings(fileName, zip.ignored));
}
