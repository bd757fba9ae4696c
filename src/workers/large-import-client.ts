import type { LargeImportJobValues, LargeImportReply, LargeImportRequest, LargeImportStage } from './large-import-messages';
import type { ImportJobResult, RunningImportJob } from './import-client';

/** Distributes `Omit` over a union, so each job type keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Progress of a large-import job: the stage and, when counted, features done of total. */
export type LargeImportProgress = (stage: LargeImportStage, done: number, total: number) => void;

let nextId = 1;

/**
 * Runs one job of the large-import worker (`prepare`, `check`, `export`) in a fresh Web Worker.
 * Only handles (File, Blob) and small values cross to the worker and back; the features of a
 * large layer never reach the page.
 */
export function runLargeImportJob<K extends LargeImportRequest['type']>(
  request: WithoutId<Extract<LargeImportRequest, { type: K }>>,
  onProgress: LargeImportProgress = () => undefined,
): RunningImportJob<LargeImportJobValues[K]> {
  const id = nextId++;
  const worker = new Worker(new URL('./large-import-worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: ImportJobResult<LargeImportJobValues[K]>) => void = () => undefined;
  const result = new Promise<ImportJobResult<LargeImportJobValues[K]>>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const finish = (r: ImportJobResult<LargeImportJobValues[K]>): void => {
    if (done) return;
    done = true;
    worker.terminate();
    settle(r);
  };
  worker.onmessage = (event: MessageEvent<LargeImportReply>) => {
    const msg = event.data;
    if (msg.id !== id && msg.id !== -1) return;
    if (msg.type === 'progress') onProgress(msg.stage, msg.done, msg.total);
    else if (msg.type === 'result') finish({ ok: true, value: msg.value as LargeImportJobValues[K] });
    else finish({ ok: false, reason: 'worker-error', message: msg.message });
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    finish({ ok: false, reason: 'worker-error', message: event.message || 'worker error' });
  };
  worker.postMessage({ ...request, id } as LargeImportRequest);
  return { result, cancel: () => finish({ ok: false, reason: 'cancelled', message: '已取消 / cancelled' }) };
}
