import type { Geometry, Position } from 'geojson';
import { EXPORT_REASONS, exportFailure, safeBaseName, type ExportFeature, type ExportResult } from './export-types';

/** Options of {@link exportKml}. */
export interface KmlExportOptions {
  readonly name?: string;
  /** Decimal places of lon/lat (default 10). */
  readonly decimals?: number;
}

/** Escapes text for XML content and attributes. */
export function xmlEscape(s: string): string {
  // XML 1.0 forbids C0 controls other than tab, LF and CR (and lone surrogates, U+FFFE/U+FFFF);
  // they are replaced by U+FFFD so that every XML reader (GDAL included) accepts the file.
  return s
    .replace(/(?![\t\n\r])\p{Cc}|[\ufffe\uffff\ud800-\udfff]/gu, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function coords(ring: readonly Position[], decimals: number, close: boolean): string {
  const pts = [...ring];
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (close && first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) pts.push(first);
  return pts
    .map((p) => `${(p[0] ?? 0).toFixed(decimals)},${(p[1] ?? 0).toFixed(decimals)}${p[2] !== undefined ? `,${p[2]}` : ''}`)
    .join(' ');
}

function polygonKml(rings: readonly (readonly Position[])[], d: number): string {
  const [outer, ...holes] = rings;
  if (outer === undefined) return '';
  return (
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer, d, true)}</coordinates></LinearRing></outerBoundaryIs>` +
    holes.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h, d, true)}</coordinates></LinearRing></innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function geometryKml(g: Geometry, d: number): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${coords([g.coordinates], d, false)}</coordinates></Point>`;
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((p) => `<Point><coordinates>${coords([p], d, false)}</coordinates></Point>`).join('')}</MultiGeometry>`;
    case 'LineString':
      return `<LineString><coordinates>${coords(g.coordinates, d, false)}</coordinates></LineString>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((l) => `<LineString><coordinates>${coords(l, d, false)}</coordinates></LineString>`).join('')}</MultiGeometry>`;
    case 'Polygon':
      return polygonKml(g.coordinates, d);
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map((p) => polygonKml(p, d)).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${g.geometries.map((x) => geometryKml(x, d)).join('')}</MultiGeometry>`;
  }
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Writes features as KML 2.2 (UTF-8): one Placemark each with its `name` and every property as
 * ExtendedData; rings are closed as KML requires.
 */
export function exportKml(features: readonly ExportFeature[], options: KmlExportOptions = {}): ExportResult {
  const d = options.decimals ?? 10;
  if (!Number.isInteger(d) || d < 0 || d > 15) throw new RangeError(`decimals must be 0–15, got ${d}`);
  const placemarks: string[] = [];
  features.forEach((f, i) => {
    if (f.geometry === null) return;
    const props = f.properties ?? {};
    const nameValue = props['name'];
    const name = typeof nameValue === 'string' && nameValue !== '' ? nameValue : `#${i + 1}`;
    const data = Object.entries(props)
      .map(([k, v]) => `<Data name="${xmlEscape(k)}"><value>${xmlEscape(valueText(v))}</value></Data>`)
      .join('');
    placemarks.push(
      `<Placemark><name>${xmlEscape(name)}</name>${data === '' ? '' : `<ExtendedData>${data}</ExtendedData>`}${geometryKml(f.geometry, d)}</Placemark>`,
    );
  });
  if (placemarks.length === 0) {
    return exportFailure(EXPORT_REASONS.nothingToExport, { zh: '没有带几何图形的要素可导出', en: 'no feature with a geometry to export' });
  }
  const base = safeBaseName(options.name ?? 'layer');
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' +
    `<name>${xmlEscape(base)}</name>\n${placemarks.join('\n')}\n</Document></kml>\n`;
  const skipped = features.length - placemarks.length;
  return {
    ok: true,
    fileName: `${base}.kml`,
    mimeType: 'application/vnd.google-earth.kml+xml',
    bytes: new TextEncoder().encode(text),
    warnings: skipped > 0 ? [{ zh: `${skipped} 个要素没有几何图形，未导出`, en: `${skipped} feature(s) without geometry not exported` }] : [],
  };
}
