import type { ConflictReport } from '../core/conflicts/report';
import type { RuleOverride } from '../core/conflicts/rule-schema';
import type { InputLayer } from '../core/conflicts/check-conflicts';
import { workerReplySchema } from './conflict-messages';

/** Outcome of a check run in the worker. */
export type WorkerCheckResult =
  | { ok: true; report: ConflictReport }
  | { ok: false; reason: string; message: string };

/** A running check: its result, and a way to stop it. */
export interface RunningCheck {
  result: Promise<WorkerCheckResult>;
  /** Stops the check at once (the worker is terminated); the result resolves with reason `cancelled`. */
  cancel(): void;
}

let nextId = 1;

/**
 * Runs the conflict engine in a Web Worker so the page stays responsive. `onProgress` receives done/total units.
 */
export function runCheckInWorker(
  layers: readonly InputLayer[],
  rules: unknown,
  overrides: readonly RuleOverride[],
  onProgress: (done: number, total: number) => void = () => undefined,
): RunningCheck {
  const id = nextId++;
  const worker = new Worker(new URL('./conflict-worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: WorkerCheckResult) => void = () => undefined;
  const result = new Promise<WorkerCheckResult>((resolve) => {
    settle = resolve;
  });
  const finish = (r: WorkerCheckResult): void => {
    worker.terminate();
    settle(r);
  };
  worker.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = workerReplySchema.safeParse(event.data);
    if (!parsed.success) {
      finish({ ok: false, reason: 'bad-reply', message: parsed.error.message });
      return;
    }
    const msg = parsed.data;
    if (msg.id !== id && msg.id !== -1) return;
    if (msg.type === 'progress') onProgress(msg.done, msg.total);
    else if (msg.type === 'result') finish({ ok: true, report: msg.report as ConflictReport });
    else finish({ ok: false, reason: msg.reason, message: msg.message });
  };
  worker.onerror = (event: ErrorEvent) => finish({ ok: false, reason: 'worker-error', message: event.message });
  worker.postMessage({ type: 'check', id, layers, rules, overrides, time: new Date().toISOString() });
  return { result, cancel: () => finish({ ok: false, reason: 'cancelled', message: '检查已取消 / check cancelled' }) };
}
