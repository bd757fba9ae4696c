import { DOMParser } from '@xmldom/xmldom';
import type { Remote } from 'comlink';
import { openWorker, type WorkerCallResult } from '../../../../src/app/worker-protocol';
import { createImportService } from '../../../../src/core/import-job/import-service';
import type { OverviewCanvasFactory } from '../../../../src/core/raster/overview-raster';
import type { ImportWorker } from '../../../../src/app/import/import-workers';
import type { ImportWorkerApi } from '../../../../src/workers/import-worker';
import { channelWorker } from '../channel-worker';

/**
 * The import worker in this process: the real core import job behind the real Comlink protocol, over a
 * MessageChannel instead of a dedicated worker (values are structured-cloned as they would be).
 * `opened` counts the workers opened, `terminated` those ended.
 */
export function fakeImportWorkers(createCanvas: OverviewCanvasFactory = () => null): { open: () => ImportWorker; opened: () => number; terminated: () => number } {
  let opened = 0;
  let terminated = 0;
  const open = (): ImportWorker =>
    openWorker<ImportWorkerApi>(() => {
      opened++;
      const service = createImportService({
        xmlParser: { parseFromString: (text: string, mime: 'text/xml'): unknown => new DOMParser().parseFromString(text, mime) },
        createCanvas,
      });
      return channelWorker(service, () => terminated++);
    });
  return { open, opened: () => opened, terminated: () => terminated };
}

/**
 * The import worker as a direct call in this process (no MessageChannel: for DOM test environments whose Blob
 * a Node port cannot clone). Same API and stop semantics as a handle from `openWorker`.
 */
export function inProcessImportWorker(createCanvas: OverviewCanvasFactory = () => null): ImportWorker {
  const service = createImportService({
    xmlParser: { parseFromString: (text: string, mime: 'text/xml'): unknown => new DOMParser().parseFromString(text, mime) },
    createCanvas,
  });
  let stopped = false;
  const waiting = new Set<() => void>();
  return {
    get stopped() {
      return stopped;
    },
    terminate() {
      stopped = true;
      for (const w of waiting) w();
      waiting.clear();
    },
    run<T>(call: (api: Remote<ImportWorkerApi>) => Promise<T>): Promise<WorkerCallResult<T>> {
      if (stopped) return Promise.resolve({ ok: false as const, reason: 'cancelled' as const, detail: 'terminated' });
      return new Promise<WorkerCallResult<T>>((resolve) => {
        const onStop = (): void => resolve({ ok: false, reason: 'cancelled', detail: 'terminated' });
        waiting.add(onStop);
        call(service as never).then(
          (value) => {
            waiting.delete(onStop);
            if (!stopped) resolve({ ok: true, value });
          },
          (error: unknown) => {
            waiting.delete(onStop);
            resolve({ ok: false, reason: 'worker-error', detail: String(error) });
          },
        );
      });
    },
  };
}
