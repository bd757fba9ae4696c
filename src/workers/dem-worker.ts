/// <reference lib="webworker" />
import { createDemService, transferablesOf } from '../core/radar/dem-service';

/**
 * DEM worker entry: opens a GeoTIFF (a File/Blob is read slice by slice, never whole), loads a
 * window around the radar and answers profile, blockage and hillshade requests. Messages are
 * validated with zod in `dem-service.ts`; every request gets exactly one response with its
 * `requestId`. Start it with `new Worker(new URL('../workers/dem-worker.ts', import.meta.url), { type: 'module' })`.
 */

const service = createDemService();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<unknown>) => {
  void service.handle(event.data).then((response) => scope.postMessage(response, transferablesOf(response)));
};
