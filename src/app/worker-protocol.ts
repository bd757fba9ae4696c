import { proxy, transfer, wrap, type Remote } from 'comlink';

/**
 * The one protocol between the page and its workers: Comlink RPC over a dedicated worker.
 *
 * A worker entry (src/workers/*) calls `exposeWorkerApi(api)` from `src/workers/expose.ts` with an object of
 * core functions; the page opens it with `openWorker<Api>(start)` where `start` is one of the factories in
 * `src/app/worker-factories.ts`. Calls return promises of the functions' values (core returns values, not
 * throws). Cancellation is by termination: `terminate()` ends the worker at once and every call in flight
 * settles with `{ ok: false, reason: 'cancelled' }`; a crash of the worker settles them with
 * `reason: 'worker-error'`.
 */

/** Why a call did not return a value. */
export type WorkerStopReason = 'cancelled' | 'worker-error';

/** The outcome of one call through a worker handle. */
export type WorkerCallResult<T> = { ok: true; value: T } | { ok: false; reason: WorkerStopReason; detail: string };

/** An open worker: its typed API, a guarded call, and termination. */
export interface WorkerHandle<Api> {
  /** Runs `call` against the worker's API; settles as cancelled or failed if the worker stops first. */
  run<T>(call: (api: Remote<Api>) => Promise<T>): Promise<WorkerCallResult<T>>;
  /** Ends the worker at once; calls in flight settle with reason `cancelled`. Idempotent. */
  terminate(): void;
  /** True once the worker was terminated or crashed. */
  readonly stopped: boolean;
}

/** Starts a worker with `start` and opens the Comlink channel to it. */
export function openWorker<Api>(start: () => Worker): WorkerHandle<Api> {
  const worker = start();
  const api = wrap<Api>(worker);
  let stopReason: { reason: WorkerStopReason; detail: string } | null = null;
  const waiting = new Set<(r: { reason: WorkerStopReason; detail: string }) => void>();
  const stop = (reason: WorkerStopReason, detail: string): void => {
    if (stopReason) return;
    stopReason = { reason, detail };
    worker.terminate();
    for (const notify of waiting) notify(stopReason);
    waiting.clear();
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    stop('worker-error', event.message || 'worker error');
  });
  worker.addEventListener('messageerror', () => stop('worker-error', 'message could not be deserialised'));
  return {
    get stopped() {
      return stopReason !== null;
    },
    terminate: () => stop('cancelled', 'terminated'),
    run<T>(call: (remote: Remote<Api>) => Promise<T>): Promise<WorkerCallResult<T>> {
      if (stopReason) return Promise.resolve({ ok: false, ...stopReason });
      return new Promise<WorkerCallResult<T>>((resolve) => {
        const onStop = (r: { reason: WorkerStopReason; detail: string }): void => resolve({ ok: false, ...r });
        waiting.add(onStop);
        call(api).then(
          (value) => {
            waiting.delete(onStop);
            resolve({ ok: true, value });
          },
          (error: unknown) => {
            waiting.delete(onStop);
            resolve({ ok: false, reason: 'worker-error', detail: error instanceof Error ? error.message : String(error) });
          },
        );
      });
    },
  };
}

/** Marks a callback (e.g. a progress listener) to be called back across the worker boundary. */
export function callback<F extends (...args: never[]) => unknown>(fn: F): F {
  return proxy(fn) as unknown as F;
}

/** Marks `value` so that `buffers` are transferred to the worker, not copied. */
export function transferring<T>(value: T, buffers: Transferable[]): T {
  return transfer(value, buffers);
}
