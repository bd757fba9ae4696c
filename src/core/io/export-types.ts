import type { Feature, Geometry } from 'geojson';
import type { Bilingual } from './import-types';

/** A feature to export: any GeoJSON feature in CGCS2000 / WGS84 lon/lat (layer features included). */
export type ExportFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** Formats the exporters write. */
export const EXPORT_FORMATS = ['geojson', 'kml', 'shapefile', 'coordinate-table', 'land-block'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Why an export produced nothing. */
export const EXPORT_REASONS = {
  /** No feature had a geometry the format can hold (e.g. only points for a coordinate table). */
  nothingToExport: 'nothing-to-export',
  /** The features lie outside every supported Gauss-Krüger zone for a projected export. */
  outsideZones: 'outside-zones',
} as const;
/** One of {@link EXPORT_REASONS}. */
export type ExportReason = (typeof EXPORT_REASONS)[keyof typeof EXPORT_REASONS];

/** A written file. */
export interface ExportFile {
  readonly ok: true;
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** What was lost or changed on the way (skipped features, truncated fields …). */
  readonly warnings: readonly Bilingual[];
}

/** An export that produced nothing. */
export interface ExportFailure {
  readonly ok: false;
  readonly reason: ExportReason;
  readonly message: string;
}

/** What every exporter returns. */
export type ExportResult = ExportFile | ExportFailure;

/** Builds an {@link ExportFailure}. */
export function exportFailure(reason: ExportReason, detail: Bilingual): ExportFailure {
  return { ok: false, reason, message: `${detail.zh} / ${detail.en}` };
}

/** A file-name-safe base name (keeps CJK, replaces path and control characters). */
export function safeBaseName(name: string): string {
  const cleaned = [...name].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').trim();
  return cleaned === '' ? 'layer' : cleaned;
}
