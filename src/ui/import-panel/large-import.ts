import type { ImportStage } from '../../workers/import-messages';
import type { LargeImportStage } from '../../workers/large-import-messages';

/**
 * Large imports (issue 9): files from this size on go through the large-import worker: the page
 * passes the File handle, never reads the bytes, and never holds the features. The preview shows
 * counts, CRS, extent and the first problems; the accepted layer is stored as Blobs and drawn by
 * MapLibre from a blob: URL; checks and exports read the Blob in a worker. Smaller files keep
 * the ordinary path (preview with every feature drawn). A build may move the threshold with
 * `VITE_LARGE_IMPORT_BYTES` (the browser test uses it to show the old path's long tasks).
 */
export const LARGE_IMPORT_BYTES: number = (() => {
  const raw: unknown = import.meta.env['VITE_LARGE_IMPORT_BYTES'];
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? n : 4_000_000;
})();

/** Whether a file takes the large-import path. */
export function isLargeFile(file: Blob): boolean {
  return file.size >= LARGE_IMPORT_BYTES;
}

/** How the large-import worker's stages show in the panel. */
export const LARGE_STAGES: Readonly<Record<LargeImportStage, ImportStage>> = {
  reading: 'started',
  parsing: 'parsing',
  validating: 'validating',
  writing: 'writing',
  checking: 'validating',
  done: 'done',
};

/** Findings of a large layer listed on the review sheet and drawn (the total is shown). */
export const MAX_LISTED_FINDINGS = 100;
