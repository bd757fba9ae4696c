import type { CheckResult, InputLayer } from '../../core/conflicts/check-conflicts';
import type { ConflictReport } from '../../core/conflicts/report';
import type { RuleOverride, RuleSet } from '../../core/conflicts/rule-schema';
import type { ConflictWorkerApi } from '../../workers/conflict-worker';
import { startConflictWorker } from '../worker-factories';
import { callback, openWorker } from '../worker-protocol';

/** Outcome of a check run in the worker. */
export type WorkerCheckResult = { ok: true; report: ConflictReport } | { ok: false; reason: string; message: string };

/** A running check: its result, and a way to stop it. */
export interface RunningCheck {
  result: Promise<WorkerCheckResult>;
  /** Stops the check at once (the worker is terminated); the result resolves with reason `cancelled`. */
  cancel(): void;
}

/**
 * One check of an already parsed rule set in its own conflict worker, for callers that are not the conflict
 * panel (the compliance review). The conflict panel uses {@link ConflictSession}.
 */
export function runCheckInWorker(
  layers: readonly InputLayer[],
  rules: RuleSet,
  overrides: readonly RuleOverride[],
  onProgress: (done: number, total: number) => void = () => undefined,
): RunningCheck {
  const handle = openWorker<ConflictWorkerApi>(startConflictWorker);
  const time = new Date().toISOString();
  const result = handle
    .run((api): Promise<CheckResult> => api.checkConflicts(layers, rules, overrides, time, callback(onProgress)))
    .then((r): WorkerCheckResult => {
      handle.terminate();
      if (!r.ok) return { ok: false, reason: r.reason, message: r.reason === 'cancelled' ? '检查已取消 / check cancelled' : r.detail };
      return r.value.ok ? { ok: true, report: r.value.report } : { ok: false, reason: r.value.reason, message: r.value.message };
    });
  return { result, cancel: () => handle.terminate() };
}
