/// <reference lib="webworker" />
import { createDemService } from '../core/radar/dem-service';
import { exposeWorkerApi } from './expose';

/**
 * DEM worker entry: the core DEM service (open a GeoTIFF read slice by slice, load a window around
 * the radar, profile, blockage, hillshade, coverage, ranking) exposed over the worker protocol. The
 * page opens it with `openWorker(startDemWorker)` (src/app/worker-factories.ts).
 */

const service = createDemService();

const api = {
  open: service.open,
  loadRegion: service.loadRegion,
  profile: service.profile,
  blockage: service.blockage,
  hillshade: service.hillshade,
  coverage: service.coverage,
  rank: service.rank,
};

exposeWorkerApi(api);

/** The DEM worker's API, for `openWorker<DemWorkerApi>` in the app. */
export type DemWorkerApi = typeof api;
