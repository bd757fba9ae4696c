import type { Feature, Geometry } from 'geojson';
import type { AcceptResult, ExportFormat, ExportResult, FixId, ImportPreview, ImportResult } from '../core/io/index';

/**
 * Messages between the page and the import worker (`import-worker.ts`). Only types: the page
 * never loads the import code itself, so shpjs, togeojson, fflate and xmldom stay out of the
 * initial bundle.
 */

/** What the user chose before the preview is (re)built. */
export interface ImportJobOptions {
  /** Force the source CRS (an EPSG code of the registry, 4326 or 3857). */
  readonly forceEpsg?: number;
  /** Zone of unprefixed Gauss-Krüger eastings. */
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  /** The user says the lon/lat are GCJ-02 or BD-09. */
  readonly sourceDatum?: 'gcj02' | 'bd09';
}

/** Options of an export job (the union of the core exporters' options that the UI sets). */
export interface ExportJobOptions {
  readonly name?: string;
  /** Coordinate tables: zone and width. */
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  /** Shapefile: target EPSG (4490 or a CGCS2000 Gauss-Krüger code). */
  readonly epsg?: number;
  /** GeoJSON: add the legacy `crs` member naming EPSG:4490. */
  readonly legacyCrs?: boolean;
}

/** Areas of one polygon feature: on the GRS80 ellipsoid and in a Gauss-Krüger plane. */
export interface FeatureAreas {
  readonly featureId: string;
  /** Geodesic area on GRS80 / CGCS2000, m²; null for non-areal features. */
  readonly geodesicM2: number | null;
  /** Planar (shoelace) area in the zone below, m²; null for non-areal features. */
  readonly planarM2: number | null;
  /** EPSG code and zone of the plane. */
  readonly epsg: number | null;
  readonly zone: number | null;
  /** Whether the zone is the one the source file was written in (else: the zone of the centre). */
  readonly zoneFromSource: boolean;
}

/** A job for the worker. */
export type ImportRequest =
  | { readonly type: 'import'; readonly id: number; readonly bytes: Uint8Array; readonly name: string; readonly options: ImportJobOptions }
  | { readonly type: 'fix'; readonly id: number; readonly preview: ImportPreview; readonly fixIds: readonly FixId[] }
  | {
      readonly type: 'accept';
      readonly id: number;
      readonly preview: ImportPreview;
      readonly idPrefix: string;
      readonly allowErrors: boolean;
    }
  | {
      readonly type: 'export';
      readonly id: number;
      readonly features: ReadonlyArray<Feature<Geometry | null, Record<string, unknown> | null>>;
      readonly format: ExportFormat;
      readonly options: ExportJobOptions;
    }
  | { readonly type: 'areas'; readonly id: number; readonly features: ReadonlyArray<Feature<Geometry | null, Record<string, unknown> | null>> };

/** The value each job type resolves to. */
export interface ImportJobValues {
  import: ImportResult;
  fix: ImportPreview;
  accept: AcceptResult;
  export: ExportResult;
  areas: FeatureAreas[];
}

/** Stages the worker reports while it works. */
export type ImportStage = 'started' | 'parsing' | 'validating' | 'writing' | 'done';

/** A message from the worker. */
export type ImportReply =
  | { readonly type: 'progress'; readonly id: number; readonly stage: ImportStage }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
