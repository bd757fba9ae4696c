/// <reference lib="webworker" />
import { buildNoticeFromTexts } from '../pipeline/layers/notice-entry';
import { placementTargetFor, rebuildLayers } from '../pipeline/layers/rebuild';
import { exposeWorkerApi } from './expose';

/**
 * Pipeline worker: rebuilds the gazette layers with a planner's anchor overrides, and turns a new notice's text into
 * records and layers (with the reviewer's choices), off the main thread.
 */
const api = { rebuildLayers, placementTargetFor, buildNoticeFromTexts };

/** The API of this worker, for `openWorker<PipelineWorkerApi>`. */
export type PipelineWorkerApi = typeof api;

exposeWorkerApi(api);
