/**
 * The only place that starts workers. Each factory is a literal `new Worker(new URL(...))` so that Vite bundles
 * the entry; sessions open them with `openWorker` from `./worker-protocol`.
 */

/** Starts the DEM worker (GeoTIFF reads, profiles, blockage, hillshade). */
export const startDemWorker = (): Worker =>
  new Worker(new URL('../workers/dem-worker.ts', import.meta.url), { type: 'module' });

/** Starts the pipeline worker (rebuilding gazette layers with anchor overrides). */
export const startPipelineWorker = (): Worker =>
  new Worker(new URL('../workers/pipeline-worker.ts', import.meta.url), { type: 'module' });

/** Logical cores of this device as the browser reports them (1 when unknown). */
export const hardwareThreads = (): number => globalThis.navigator?.hardwareConcurrency ?? 1;

/** Starts the conflict worker (the conflict engine). */
export const startConflictWorker = (): Worker =>
  new Worker(new URL('../workers/conflict-worker.ts', import.meta.url), { type: 'module' });

// spine-import
/** Starts the import worker (read, preview, fix, accept, overview, compliance check, export of user files). */
export const startImportWorker = (): Worker =>
  new Worker(new URL('../workers/import-worker.ts', import.meta.url), { type: 'module' });
