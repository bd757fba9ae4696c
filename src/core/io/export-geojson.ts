import type { Geometry, Position } from 'geojson';
import { mapPositions } from './build-preview';
import { EXPORT_REASONS, exportFailure, safeBaseName, type ExportFeature, type ExportResult } from './export-types';

/** Options of {@link exportGeoJson}. */
export interface GeoJsonExportOptions {
  /** Base file name without extension. */
  readonly name?: string;
  /** Decimal places of lon/lat (default 9, about 0.1 mm). */
  readonly decimals?: number;
  /** Add the legacy `crs` member naming EPSG:4490 (not RFC 7946; some Chinese tools expect it). */
  readonly legacyCrs?: boolean;
}

/** Rounds a position's lon/lat to `decimals` places (extra ordinates kept). */
export function roundPosition(p: Position, decimals: number): Position {
  const f = 10 ** decimals;
  return p.map((v, i) => (i < 2 ? Math.round(v * f) / f : v));
}

/** Writes features as an RFC 7946 FeatureCollection (UTF-8). */
export function exportGeoJson(features: readonly ExportFeature[], options: GeoJsonExportOptions = {}): ExportResult {
  const decimals = options.decimals ?? 9;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new RangeError(`decimals must be 0–15, got ${decimals}`);
  const out = features
    .filter((f) => f.geometry !== null)
    .map((f) => ({
      type: 'Feature' as const,
      ...(f.id !== undefined ? { id: f.id } : {}),
      properties: f.properties,
      geometry: mapPositions(f.geometry as Geometry, (p) => roundPosition(p, decimals)),
    }));
  if (out.length === 0) {
    return exportFailure(EXPORT_REASONS.nothingToExport, { zh: '没有带几何图形的要素可导出', en: 'no feature with a geometry to export' });
  }
  const doc = {
    type: 'FeatureCollection',
    ...(options.legacyCrs === true ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } } } : {}),
    features: out,
  };
  const skipped = features.length - out.length;
  return {
    ok: true,
    fileName: `${safeBaseName(options.name ?? 'layer')}.geojson`,
    mimeType: 'application/geo+json',
    bytes: new TextEncoder().encode(JSON.stringify(doc)),
    warnings: skipped > 0 ? [{ zh: `${skipped} 个要素没有几何图形，未导出`, en: `${skipped} feature(s) without geometry not exported` }] : [],
  };
}
