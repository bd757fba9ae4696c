import type { LargeImportJobValues, LargeImportReply, LargeImportRequest, LargeImportStage } from './large-import-messages';
import type { ImportJobResult, RunningImportJob } from './import-client';

/** Distributes `Omit` over a union, so each job type keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Progress of a large-import job: the stage and, when counted, features done of total. */
export type LargeImportProgress = (stage: LargeImportStage, done: number, total: number) => void;

let nextId = 1;

/**
 * The worker of the last successful `prepare` (or `overview`), kept with the accepted features
 * it holds so that the same layer's `overview` and `check` jobs skip parsing the stored Blob again
 * (seconds for 100 MB). Released by the layer's check, by the next prepare, or after
 * {@link RETAIN_MS} unused.
 */
let retained: { idPrefix: string; worker: Worker; timer: ReturnType<typeof setTimeout> } | null = null;

/** How long a kept worker (and the features it holds) may stay unused. */
export const RETAIN_MS = 10 * 60_000;

/** Terminates the kept large-import worker, if any, freeing the features it holds. */
export function releaseLargeImportWorker(): void {
  if (retained === null) return;
  clearTimeout(retained.timer);
  retained.worker.terminate();
  retained = null;
}

function idPrefixOf(request: { type: string }): string | null {
  const prefix = (request as { idPrefix?: unknown }).idPrefix;
  return typeof prefix === 'string' ? prefix : null;
}

function workerFor(request: { type: string }): Worker {
  const prefix = idPrefixOf(request);
  if (request.type !== 'prepare' && prefix !== null && retained?.idPrefix === prefix) {
    const { worker, timer } = retained;
    clearTimeout(timer);
    retained = null;
    return worker;
  }
  if (request.type === 'prepare') releaseLargeImportWorker();
  return new Worker(new URL('./large-import-worker.ts', import.meta.url), { type: 'module' });
}

function retain(worker: Worker, idPrefix: string): void {
  releaseLargeImportWorker();
  worker.onmessage = null;
  worker.onerror = null;
  retained = { idPrefix, worker, timer: setTimeout(releaseLargeImportWorker, RETAIN_MS) };
}

/**
 * Runs one job of the large-import worker (`prepare`, `overview`, `check`, `export`) in a Web
 * Worker: a fresh one, or for `overview` and `check` the kept worker of the same layer.
 * Only handles (File, Blob) and small values cross to the worker and back; the features of a
 * large layer never reach the page.
 */
export function runLargeImportJob<K extends LargeImportRequest['type']>(
  request: WithoutId<Extract<LargeImportRequest, { type: K }>>,
  onProgress: LargeImportProgress = () => undefined,
): RunningImportJob<LargeImportJobValues[K]> {
  const id = nextId++;
  const worker = workerFor(request);
  const prefix = idPrefixOf(request);
  const keep = (request.type === 'prepare' || request.type === 'overview') && prefix !== null;
  let settle: (r: ImportJobResult<LargeImportJobValues[K]>) => void = () => undefined;
  const result = new Promise<ImportJobResult<LargeImportJobValues[K]>>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const finish = (r: ImportJobResult<LargeImportJobValues[K]>): void => {
    if (done) return;
    done = true;
    const succeeded = r.ok && (r.value as { ok?: unknown } | null)?.ok !== false;
    if (keep && succeeded && prefix !== null) retain(worker, prefix);
    else worker.terminate();
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
