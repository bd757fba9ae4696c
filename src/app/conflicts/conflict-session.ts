import type { CheckResult, InputLayer } from '../../core/conflicts/check-conflicts';
import type { ConflictReport } from '../../core/conflicts/report';
import type { RuleOverride, RuleSet } from '../../core/conflicts/rule-schema';
import type { ConflictWorkerApi } from '../../workers/conflict-worker';
import { loadRules } from '../rules-loader';
import type { RulesLoadFailure } from '../rules-loader';
import { hardwareThreads, startConflictWorker } from '../worker-factories';
import { mergePartialReports } from '../../core/conflicts/finding-build';
import { readFeatureProps } from '../../core/conflicts/prepare-features';
import { callback, openWorker } from '../worker-protocol';
import type { WorkerHandle } from '../worker-protocol';

/**
 * A conflict check session: the rule set (through the one rules loader), one check at a time, its side-A
 * features shared among up to {@link MAX_CONFLICT_WORKERS} conflict workers (the report is the one a single
 * worker gives), with progress and cancel, and the last report. State changes reach subscribers; what went wrong is a
 * code with its detail (views put it into words). No DOM, no Lit, no MapLibre.
 */

/** State of the check. */
export type ConflictPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Why a check did not give a report. */
export type ConflictFailure =
  | { code: 'no-layers' }
  | { code: 'rules-unavailable'; reason: RulesLoadFailure['reason']; detail: string }
  | { code: 'engine'; reason: Extract<CheckResult, { ok: false }>['reason']; detail: string }
  | { code: 'worker-error'; detail: string };

/** A snapshot of the session. */
export interface ConflictSessionState {
  /** The rule set (null while loading or when it failed; see `rulesFailure`). */
  readonly rules: RuleSet | null;
  readonly rulesFailure: Extract<ConflictFailure, { code: 'rules-unavailable' }> | null;
  readonly phase: ConflictPhase;
  readonly progress: { readonly done: number; readonly total: number };
  /** The last completed report (cleared when a new check starts). */
  readonly report: ConflictReport | null;
  /** Why the last check failed (phase `failed`). */
  readonly failure: ConflictFailure | null;
}

/** Starts the worker a check runs in (replaceable in tests). */
export type ConflictWorkerStart = () => WorkerHandle<ConflictWorkerApi>;

interface ActiveCheck {
  handles: Array<WorkerHandle<ConflictWorkerApi>>;
  cancelled: boolean;
}

/** At most this many conflict workers share a check. */
export const MAX_CONFLICT_WORKERS = 4;
/** A check gets one more worker per this many input features (small checks stay in one worker). */
export const FEATURES_PER_WORKER = 1_000;

/** Workers a check may use here: the browser's logical cores, at most {@link MAX_CONFLICT_WORKERS}. */
export function defaultConflictWorkers(): number {
  return Math.max(1, Math.min(MAX_CONFLICT_WORKERS, hardwareThreads()));
}

/**
 * The position of each feature id in the input as the engine numbers checked features (first feature with valid
 * properties per id), so that merged partial reports list touching pairs in the single run's order.
 */
function inputRank(layers: readonly InputLayer[]): (id: string) => number {
  let rank: Map<string, number> | null = null;
  return (id) => {
    if (rank === null) {
      const map = new Map<string, number>();
      let n = 0;
      for (const layer of layers) {
        layer.features.forEach((f, i) => {
          const read = readFeatureProps(layer.name, i, f);
          if (read.kind === 'candidate' && !map.has(read.id)) map.set(read.id, n);
          n++;
        });
      }
      rank = map;
    }
    return rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  };
}

/** The conflict check session. */
export class ConflictSession {
  private state: ConflictSessionState = { rules: null, rulesFailure: null, phase: 'idle', progress: { done: 0, total: 0 }, report: null, failure: null };
  private readonly listeners = new Set<(s: ConflictSessionState) => void>();
  private active: ActiveCheck | null = null;
  private rulesLoading: Promise<void> | null = null;

  constructor(
    private readonly startWorker: ConflictWorkerStart = () => openWorker<ConflictWorkerApi>(startConflictWorker),
    private readonly rulesSource: () => ReturnType<typeof loadRules> = () => loadRules(),
    private readonly clock: () => Date = () => new Date(),
    private readonly workers: { max: number; featuresPerWorker: number } = { max: defaultConflictWorkers(), featuresPerWorker: FEATURES_PER_WORKER },
  ) {}

  /** The current state. */
  get(): ConflictSessionState {
    return this.state;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (s: ConflictSessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ConflictSessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l(this.state);
  }

  /** Loads the rule set once (a failed load is tried again on the next call). */
  loadRules(): Promise<void> {
    if (this.state.rules) return Promise.resolve();
    this.rulesLoading ??= this.rulesSource().then((r) => {
      this.rulesLoading = null;
      if (r.ok) this.set({ rules: r.rules, rulesFailure: null });
      else this.set({ rulesFailure: { code: 'rules-unavailable', reason: r.reason, detail: r.detail } });
    });
    return this.rulesLoading;
  }

  /**
   * Runs a check of `layers` with the user's `overrides`; ignored while one runs. The phase is `running` from
   * the call on (so a cancel in the same task stops it). Resolves when the check ends.
   */
  async run(layers: readonly InputLayer[], overrides: readonly RuleOverride[]): Promise<void> {
    if (this.active) return;
    const active: ActiveCheck = { handles: [], cancelled: false };
    this.active = active;
    this.set({ phase: 'running', progress: { done: 0, total: 0 }, report: null, failure: null });
    await this.loadRules();
    if (active.cancelled) return;
    const rules = this.state.rules;
    const fail = (failure: ConflictFailure | null): void => {
      this.active = null;
      this.set({ phase: 'failed', failure });
    };
    if (!rules) return fail(this.state.rulesFailure);
    const features = layers.reduce((n, l) => n + l.features.length, 0);
    if (features === 0) return fail({ code: 'no-layers' });
    const count = Math.max(1, Math.min(this.workers.max, Math.floor(features / this.workers.featuresPerWorker)));
    const handles = Array.from({ length: count }, () => this.startWorker());
    active.handles = handles;
    const progress = handles.map(() => ({ done: 0, total: 0 }));
    const time = this.clock().toISOString();
    const results = await Promise.all(
      handles.map(async (handle, index) => {
        const onProgress = callback((done: number, total: number) => {
          progress[index] = { done, total };
          if (this.active === active) this.set({ progress: progress.reduce((a, p) => ({ done: a.done + p.done, total: a.total + p.total }), { done: 0, total: 0 }) });
        });
        const result = await handle.run((api): Promise<CheckResult> =>
          count === 1 ? api.checkConflicts(layers, rules, overrides, time, onProgress) : api.checkConflicts(layers, rules, overrides, time, onProgress, { index, count }),
        );
        // One worker failing ends the check: the others are stopped at once.
        if (!result.ok) for (const h of handles) h.terminate();
        return result;
      }),
    );
    for (const h of handles) h.terminate();
    if (this.active !== active) return;
    this.active = null;
    const stopped = results.find((r) => !r.ok && r.reason !== 'cancelled') ?? results.find((r) => !r.ok);
    if (stopped !== undefined && !stopped.ok) {
      if (stopped.reason === 'cancelled') this.set({ phase: 'cancelled' });
      else this.set({ phase: 'failed', failure: { code: 'worker-error', detail: stopped.detail } });
      return;
    }
    const checks = results.map((r) => (r as Extract<typeof r, { ok: true }>).value);
    const refused = checks.find((c) => !c.ok);
    if (refused !== undefined && !refused.ok) {
      this.set({ phase: 'failed', failure: { code: 'engine', reason: refused.reason, detail: refused.message } });
      return;
    }
    const reports = checks.map((c) => (c as Extract<CheckResult, { ok: true }>).report);
    this.set({ phase: 'done', report: reports.length === 1 ? (reports[0] as ConflictReport) : mergePartialReports(reports, inputRank(layers)) });
  }

  /** Stops a running check at once (the worker is terminated); the phase becomes `cancelled`. */
  cancel(): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    active.cancelled = true;
    for (const h of active.handles) h.terminate();
    this.set({ phase: 'cancelled' });
  }

  /** Ends the session: a running check is stopped. */
  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }
}
