import type { CheckResult, InputLayer } from '../../core/conflicts/check-conflicts';
import type { ConflictReport } from '../../core/conflicts/report';
import type { RuleOverride, RuleSet } from '../../core/conflicts/rule-schema';
import type { ConflictWorkerApi } from '../../workers/conflict-worker';
import { loadRules } from '../rules-loader';
import type { RulesLoadFailure } from '../rules-loader';
import { startConflictWorker } from '../worker-factories';
import { callback, openWorker } from '../worker-protocol';
import type { WorkerHandle } from '../worker-protocol';

/**
 * A conflict check session: the rule set (through the one rules loader), one check at a time in the conflict
 * worker with progress and cancel, and the last report. State changes reach subscribers; what went wrong is a
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
  handle: WorkerHandle<ConflictWorkerApi> | null;
  cancelled: boolean;
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
    const active: ActiveCheck = { handle: null, cancelled: false };
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
    if (layers.every((l) => l.features.length === 0)) return fail({ code: 'no-layers' });
    const handle = this.startWorker();
    active.handle = handle;
    const onProgress = callback((done: number, total: number) => {
      if (this.active === active) this.set({ progress: { done, total } });
    });
    const time = this.clock().toISOString();
    const result = await handle.run((api): Promise<CheckResult> => api.checkConflicts(layers, rules, overrides, time, onProgress));
    handle.terminate();
    if (this.active !== active) return;
    this.active = null;
    if (!result.ok) {
      if (result.reason === 'cancelled') this.set({ phase: 'cancelled' });
      else this.set({ phase: 'failed', failure: { code: 'worker-error', detail: result.detail } });
      return;
    }
    const check = result.value;
    if (check.ok) this.set({ phase: 'done', report: check.report });
    else this.set({ phase: 'failed', failure: { code: 'engine', reason: check.reason, detail: check.message } });
  }

  /** Stops a running check at once (the worker is terminated); the phase becomes `cancelled`. */
  cancel(): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    active.cancelled = true;
    active.handle?.terminate();
    this.set({ phase: 'cancelled' });
  }

  /** Ends the session: a running check is stopped. */
  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }
}
