import { Worker } from 'node:worker_threads';
import { mergePartialReports } from '../../core/conflicts/check-conflicts';
import type { CheckResult } from '../../core/conflicts/check-conflicts';
import type { CheckThreadInput, CheckThreadResult } from './check-thread';

/**
 * Runs one check on `threads` worker threads: each reads the layer files, builds the index and checks every
 * `threads`-th side-A feature of each rule (`CheckOptions.partition`); the partial reports are merged into the
 * report of a single-threaded run. The first failing thread's result (bad input) is returned; a thread that
 * crashes rejects the promise.
 */
export async function checkInThreads(input: Omit<CheckThreadInput, 'partition'>, threads: number): Promise<CheckThreadResult> {
  const entry = new URL('./check-thread.ts', import.meta.url).href;
  // The thread loads the TypeScript entry through tsx's loader, as `npm run check` does for the main thread.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const runs = Array.from(
    { length: threads },
    (_, index) =>
      new Promise<CheckThreadResult>((resolve, reject) => {
        const worker = new Worker(boot, { eval: true, workerData: { ...input, partition: { index, count: threads } } });
        worker.once('message', (result: CheckThreadResult) => {
          resolve(result);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
  );
  const results = await Promise.all(runs);
  const failed = results.find((r) => !r.ok);
  if (failed !== undefined) return failed;
  return { ok: true, report: mergePartialReports(results.map((r) => (r as Extract<CheckResult, { ok: true }>).report)) };
}
