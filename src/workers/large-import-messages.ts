import type { ConflictReport } from '../core/conflicts/report';
import type { InputLayer } from '../core/conflicts/check-conflicts';
import type { ExportFormat, ExportResult, FixId, ImportFailure, ImportPreview } from '../core/io/index';
import type { ExportJobOptions, FeatureAreas, ImportJobOptions } from './import-messages';
import type { OverviewImage, OverviewStyle } from './overview-raster';

/**
 * Messages between the page and the large-import worker (`large-import-worker.ts`). A large file
 * never passes through the page: the page hands the worker the `File` (a handle), the worker
 * parses, validates and accepts it and answers with two `Blob`s (handles again): the accepted
 * layer as GeoJSON text (`data`, for storage, checks and exports) and a slim GeoJSON with only
 * the properties the map style reads (`map`, which MapLibre fetches in its own worker through a
 * blob: URL). Checks and exports read `data` in the worker. The worker of a `prepare` job may be
 * kept for the same layer's `overview` and `check` jobs (see large-import-client.ts), which then
 * use the features it still holds instead of parsing `data` again.
 */

/** The two blobs and the figures of an accepted large layer. */
export interface LargeLayerData {
  /** FeatureCollection of the accepted features (all properties), UTF-8 JSON. */
  readonly data: Blob;
  /** FeatureCollection with `id`, `name`, `status`, `precisionM` only, for the map. */
  readonly map: Blob;
  readonly featureCount: number;
  /** [w, s, e, n] in lon/lat; null when empty. */
  readonly bbox: readonly [number, number, number, number] | null;
  /** Number of error-level problems (the preview lists only the first ones). */
  readonly errorCount: number;
  /** Prefix of the feature ids (`<prefix>-1` …). */
  readonly idPrefix: string;
}

/** Outcome of a `prepare` job: the preview without its features (they stay in the blobs), or a failure. */
export type LargePrepareResult = { readonly ok: true; readonly preview: ImportPreview; readonly layer: LargeLayerData } | ImportFailure;

/** Outcome of a `check` job: the report with the findings of the layer (at most `maxFindings`) and their totals. */
export interface LargeCheckResult {
  readonly ok: boolean;
  readonly message: string;
  readonly report: ConflictReport | null;
  /** Findings involving the layer before the cap. */
  readonly totalFindings: number;
  /** Areas of the layer's features that appear in the listed findings. */
  readonly areas: readonly FeatureAreas[];
}

/** A job for the large-import worker. */
export type LargeImportRequest =
  | {
      readonly type: 'prepare';
      readonly id: number;
      readonly file: Blob;
      readonly name: string;
      readonly options: ImportJobOptions;
      readonly fixIds: readonly FixId[];
      readonly idPrefix: string;
    }
  | {
      readonly type: 'check';
      readonly id: number;
      readonly data: Blob;
      readonly layerName: string;
      readonly category: string;
      readonly idPrefix: string;
      /** Every other layer of the check (small: the gazette layers and the other imports). */
      readonly others: readonly InputLayer[];
      readonly rules: unknown;
      readonly time: string;
      readonly maxFindings: number;
    }
  | {
      readonly type: 'overview';
      readonly id: number;
      /** The accepted layer (read only when the worker no longer holds its features). */
      readonly data: Blob;
      readonly idPrefix: string;
      readonly bbox: readonly [number, number, number, number];
      readonly style: OverviewStyle;
    }
  | { readonly type: 'export'; readonly id: number; readonly data: Blob; readonly format: ExportFormat; readonly options: ExportJobOptions };

/** The value each job type resolves to. */
export interface LargeImportJobValues {
  prepare: LargePrepareResult;
  check: LargeCheckResult;
  /** The overview image, or null where it cannot be drawn (no OffscreenCanvas, empty extent). */
  overview: OverviewImage | null;
  export: ExportResult;
}

/** Stages the worker reports; `done`/`total` count features within a stage when known. */
export type LargeImportStage = 'reading' | 'parsing' | 'validating' | 'writing' | 'checking' | 'done';

/** A message from the worker. */
export type LargeImportReply =
  | { readonly type: 'progress'; readonly id: number; readonly stage: LargeImportStage; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
