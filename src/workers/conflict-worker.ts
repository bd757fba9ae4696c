/// <reference lib="webworker" />
import { checkConflicts as runEngine } from '../core/conflicts/check-conflicts';
import type { CheckResult, InputLayer } from '../core/conflicts/check-conflicts';
import type { RuleOverride, RuleSet } from '../core/conflicts/rule-schema';
import { exposeWorkerApi } from './expose';

/**
 * The conflict engine off the main thread. The page opens it with `openWorker` (src/app/conflicts) and
 * cancels by terminating it; several of them can share one check (`partition`).
 */
export const conflictWorkerApi = {
  /**
   * Runs the engine: `time` (ISO) is stamped into the report (the caller's clock); `onProgress` receives
   * done/total units; with `partition`, only every `count`-th side-A feature from `index` is checked (the
   * page merges the partial reports with `mergePartialReports`).
   */
  checkConflicts(
    layers: readonly InputLayer[],
    rules: RuleSet,
    overrides: readonly RuleOverride[],
    time: string,
    onProgress?: (done: number, total: number) => void,
    partition?: { index: number; count: number },
  ): CheckResult {
    return runEngine(layers, rules, { overrides, now: () => new Date(time), ...(onProgress ? { onProgress } : {}), ...(partition ? { partition } : {}) });
  },
};

/** What the conflict worker exposes. */
export type ConflictWorkerApi = typeof conflictWorkerApi;

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) exposeWorkerApi(conflictWorkerApi);
