/// <reference lib="webworker" />
import { checkConflicts as runEngine } from '../core/conflicts/check-conflicts';
import type { CheckResult, InputLayer } from '../core/conflicts/check-conflicts';
import type { RuleOverride, RuleSet } from '../core/conflicts/rule-schema';
import { exposeWorkerApi } from './expose';

/**
 * The conflict engine off the main thread. The page opens it with `openWorker` (src/app/conflicts) and
 * cancels by terminating it.
 */
const api = {
  /**
   * Runs the engine: `time` (ISO) is stamped into the report (the caller's clock); `onProgress` receives
   * done/total units.
   */
  checkConflicts(
    layers: readonly InputLayer[],
    rules: RuleSet,
    overrides: readonly RuleOverride[],
    time: string,
    onProgress?: (done: number, total: number) => void,
  ): CheckResult {
    return runEngine(layers, rules, { overrides, now: () => new Date(time), ...(onProgress ? { onProgress } : {}) });
  },
};

/** What the conflict worker exposes. */
export type ConflictWorkerApi = typeof api;

exposeWorkerApi(api);
