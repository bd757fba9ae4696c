/// <reference lib="webworker" />
import { placementTargetFor, rebuildLayers } from '../pipeline/layers/rebuild';
import { exposeWorkerApi } from './expose';

/** Pipeline worker: rebuilds the gazette layers with a planner's anchor overrides, off the main thread. */
const api = { rebuildLayers, placementTargetFor };

/** The API of this worker, for `openWorker<PipelineWorkerApi>`. */
export type PipelineWorkerApi = typeof api;

exposeWorkerApi(api);
