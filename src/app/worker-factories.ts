/**
 * The only place that starts workers. Each factory is a literal `new Worker(new URL(...))` so that Vite bundles
 * the entry; sessions open them with `openWorker` from `./worker-protocol`.
 */

/** Starts the DEM worker (GeoTIFF reads, profiles, blockage, hillshade). */
export const startDemWorker = (): Worker =>
  new Worker(new URL('../workers/dem-worker.ts', import.meta.url), { type: 'module' });

// spine-import
/** Starts the import worker (read, preview, fix, accept, overview, compliance check, export of user files). */
export const startImportWorker = (): Worker =>
  new Worker(new URL('../workers/import-worker.ts', import.meta.url), { type: 'module' });
