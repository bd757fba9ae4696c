/// <reference lib="webworker" />
import { transfer } from 'comlink';
import { createDemService } from '../core/radar/dem-service';
import type { HillshadeRequest } from '../core/radar/dem-service';
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
  /** The hillshade's pixels (up to 16 MB) are transferred, not copied. */
  hillshade: async (request?: HillshadeRequest) => {
    const r = await service.hillshade(request);
    return r.ok && r.image.data.buffer instanceof ArrayBuffer ? transfer(r, [r.image.data.buffer]) : r;
  },
  coverage: service.coverage,
  rank: service.rank,
};

exposeWorkerApi(api);

/** The DEM worker's API, for `openWorker<DemWorkerApi>` in the app. */
export type DemWorkerApi = typeof api;
