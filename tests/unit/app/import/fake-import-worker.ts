import { expose } from 'comlink';
import { DOMParser } from '@xmldom/xmldom';
import type { Remote } from 'comlink';
import { openWorker, type WorkerCallResult } from '../../../../src/app/worker-protocol';
import { createImportService } from '../../../../src/core/import-job/import-service';
import type { OverviewCanvasFactory } from '../../../../src/core/raster/overview-raster';
import type { ImportWorker } from '../../../../src/app/import/import-workers';
import type { ImportWorkerApi } from '../../../../src/workers/import-worker';

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
      const { port1, port2 } = new MessageChannel();
      const service = createImportService({
        xmlParser: { parseFromString: (text: string, mime: 'text/xml'): unknown => new DOMParser().parseFromString(text, mime) },
        createCanvas,
      });
      expose(service, port2 as unknown as Parameters<typeof expose>[1]);
      const target = new EventTarget();
      port1.addEventListener('message', (e) => target.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })));
      port1.start();
      const fake = {
        postMessage: (data: unknown, transfer?: Transferable[]) => port1.postMessage(data, transfer ?? []),
        addEventListener: (type: string, fn: EventListener) => target.addEventListener(type, fn),
        removeEventListener: (type: string, fn: EventListener) => target.removeEventListener(type, fn),
        dispatchEvent: (e: Event) => target.dispatchEvent(e),
        terminate: () => {
          terminated++;
          port1.close();
          port2.close();
        },
      };
      return fake as unknown as Worker;
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
