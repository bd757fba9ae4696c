import type { Remote } from 'comlink';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { WorkerCallResult, WorkerHandle } from '../../../../src/app/worker-protocol';
import type { ConflictWorkerApi } from '../../../../src/workers/conflict-worker';

/** The conflict worker's API run in this process (the engine itself, not a stub). */
const api = {
  checkConflicts: (...[layers, rules, overrides, time, onProgress, partition]: Parameters<ConflictWorkerApi['checkConflicts']>) =>
    Promise.resolve(checkConflicts(layers, rules, { overrides, now: () => new Date(time), ...(onProgress ? { onProgress } : {}), ...(partition ? { partition } : {}) })),
};

/**
 * A WorkerHandle over the engine in this process. With `hold`, calls wait until `release()` (to test cancel);
 * `terminate()` settles waiting calls as cancelled, as the real protocol does.
 */
export function inProcessConflictWorker(options: { hold?: boolean } = {}): WorkerHandle<ConflictWorkerApi> & { release(): void; started: number } {
  let stopped = false;
  const waiting: Array<(r: WorkerCallResult<never>) => void> = [];
  let gate: (() => void) | null = null;
  const held = options.hold ? new Promise<void>((ok) => (gate = ok)) : Promise.resolve();
  const handle = {
    started: 0,
    get stopped() {
      return stopped;
    },
    terminate() {
      if (stopped) return;
      stopped = true;
      for (const w of waiting) w({ ok: false, reason: 'cancelled', detail: 'terminated' });
    },
    release() {
      gate?.();
    },
    run<T>(call: (remote: Remote<ConflictWorkerApi>) => Promise<T>): Promise<WorkerCallResult<T>> {
      handle.started++;
      if (stopped) return Promise.resolve({ ok: false, reason: 'cancelled', detail: 'terminated' });
      return new Promise<WorkerCallResult<T>>((resolve) => {
        waiting.push(resolve as (r: WorkerCallResult<never>) => void);
        void held
          .then(() => call(api as unknown as Remote<ConflictWorkerApi>))
          .then((value) => {
            if (!stopped) resolve({ ok: true, value });
          });
      });
    },
  };
  return handle;
}
