import { anchorOverrideListSchema } from '../../core/gazetteer/gazetteer-schema';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';
import type { LayerBuild } from '../../pipeline/layers/index';
import type { RebuildInput, RebuildResult } from '../../pipeline/layers/rebuild';
import type { PipelineWorkerApi } from '../../workers/pipeline-worker';
import { startPipelineWorker } from '../worker-factories';
import { openWorker } from '../worker-protocol';
import type { WorkerHandle } from '../worker-protocol';
import { loadPipelineInputs } from './pipeline-inputs';
import { indexedDbOverrideStore } from './override-store';
import type { OverrideStore } from './override-store';

/**
 * Placing text-derived features where they belong (低精度服从高精度 by the user's own knowledge): each placement is
 * an anchor override of the gazetteer (name + county → position, precision, source), the same entries as
 * data/gazetteer/overrides.json. Every layer is rebuilt from the records in the pipeline worker, so every shape
 * derived from that place follows in metres. Placements are kept (IndexedDB), can be undone and redone, exported
 * as an overrides file for `npm run data -- --overrides`, and imported back.
 */

/** How the user knows the position. */
export type PositionSource = 'surveyed' | 'imagery' | 'local-knowledge';

/** What to place: a gazetteer key (see `placementTarget` in the pipeline). */
export interface PlacementTarget {
  name: string;
  county: string;
}

/** Why an operation did not complete. */
export type PlacementProblem =
  | { code: 'placement-rebuild-failed'; params: { reason: string; detail: string } }
  | { code: 'placement-worker-stopped'; params: { reason: string } }
  | { code: 'placement-file-invalid'; params: { detail: string } }
  | { code: 'placement-store-failed'; params: { detail: string } }
  | { code: 'placement-nothing-to-undo' }
  | { code: 'placement-nothing-to-redo' };

/** A rebuilt set of layers, or why not. */
export type PlacementResult = { ok: true; build: LayerBuild } | { ok: false; problem: PlacementProblem };

/** What a session observer sees. */
export interface PlacementState {
  overrides: readonly AnchorOverride[];
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
}

/** Dependencies (replaceable in tests). */
export interface PlacementDeps {
  store?: OverrideStore;
  loadInputs?: () => Promise<Omit<RebuildInput, 'overrides'>>;
  rebuild?: (input: RebuildInput) => Promise<{ ok: true; value: RebuildResult } | { ok: false; reason: string; detail: string }>;
  /** The gazetteer key of a record (the pipeline worker's `placementTargetFor` by default). */
  targetOf?: (recordFiles: readonly unknown[], recordId: string) => Promise<PlacementTarget | null>;
}

const keyOf = (o: PlacementTarget): string => `${o.county}\u0000${o.name}`;

/** The app's placement session. */
export class PlacementSession {
  private overrides: AnchorOverride[] = [];
  private readonly undoStack: AnchorOverride[][] = [];
  private readonly redoStack: AnchorOverride[][] = [];
  private readonly listeners = new Set<(s: PlacementState) => void>();
  private busy = false;
  private worker: WorkerHandle<PipelineWorkerApi> | null = null;
  private inputs: Promise<Omit<RebuildInput, 'overrides'>> | null = null;
  private readonly store: OverrideStore;
  private readonly loadInputs: () => Promise<Omit<RebuildInput, 'overrides'>>;
  private readonly rebuildFn: NonNullable<PlacementDeps['rebuild']>;
  private readonly targetFn: NonNullable<PlacementDeps['targetOf']>;

  constructor(deps: PlacementDeps = {}) {
    this.store = deps.store ?? indexedDbOverrideStore();
    this.loadInputs = deps.loadInputs ?? loadPipelineInputs;
    this.rebuildFn =
      deps.rebuild ??
      ((input) => {
        this.worker ??= openWorker<PipelineWorkerApi>(startPipelineWorker);
        return this.worker.run((api) => api.rebuildLayers(input) as Promise<RebuildResult>);
      });
    this.targetFn =
      deps.targetOf ??
      (async (files, recordId) => {
        this.worker ??= openWorker<PipelineWorkerApi>(startPipelineWorker);
        const r = await this.worker.run((api) => api.placementTargetFor(files, recordId));
        return r.ok ? r.value : null;
      });
  }

  /** What placing the feature built from record `recordId` overrides (its site, or its own name), or null. */
  async targetFor(recordId: string): Promise<PlacementTarget | null> {
    this.inputs ??= this.loadInputs();
    try {
      return await this.targetFn((await this.inputs).recordFiles, recordId);
    } catch {
      this.inputs = null;
      return null;
    }
  }

  /** The current state. */
  get state(): PlacementState {
    return { overrides: this.overrides, canUndo: this.undoStack.length > 0, canRedo: this.redoStack.length > 0, busy: this.busy };
  }

  /** Calls `fn` on every change; returns an unsubscribe function. */
  subscribe(fn: (s: PlacementState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    const s = this.state;
    for (const fn of this.listeners) fn(s);
  }

  /** Loads the kept placements; resolves with the rebuilt layers when there are any, else null. */
  async restore(): Promise<PlacementResult | null> {
    const kept = await this.store.load();
    if (!kept.ok) return { ok: false, problem: { code: 'placement-store-failed', params: { detail: kept.detail } } };
    this.overrides = kept.overrides;
    this.emit();
    return this.overrides.length === 0 ? null : this.rebuild();
  }

  /** Places `target` at `lon`, `lat` known to ±`precisionM` from `source` (with a free note) and rebuilds. */
  place(target: PlacementTarget, lon: number, lat: number, precisionM: number, source: PositionSource, note = ''): Promise<PlacementResult> {
    const entry: AnchorOverride = {
      name: target.name,
      county: target.county,
      lon,
      lat,
      precisionM,
      source: note.trim() === '' ? source : `${source}: ${note.trim()}`,
    };
    const next = [...this.overrides.filter((o) => keyOf(o) !== keyOf(target)), entry];
    return this.commit(next);
  }

  /** Removes the placement of `target` (back to the gazetteer's own anchor) and rebuilds. */
  unplace(target: PlacementTarget): Promise<PlacementResult> {
    return this.commit(this.overrides.filter((o) => keyOf(o) !== keyOf(target)));
  }

  /** Undoes the last placement change. */
  async undo(): Promise<PlacementResult> {
    const previous = this.undoStack.pop();
    if (previous === undefined) return { ok: false, problem: { code: 'placement-nothing-to-undo' } };
    const current = this.overrides;
    const r = await this.apply(previous);
    if (r.ok) this.redoStack.push(current);
    else this.undoStack.push(previous);
    this.emit();
    return r;
  }

  /** Redoes the last undone change. */
  async redo(): Promise<PlacementResult> {
    const next = this.redoStack.pop();
    if (next === undefined) return { ok: false, problem: { code: 'placement-nothing-to-redo' } };
    const current = this.overrides;
    const r = await this.apply(next);
    if (r.ok) this.undoStack.push(current);
    else this.redoStack.push(next);
    this.emit();
    return r;
  }

  /** The placements as an overrides file (data/gazetteer/overrides.json format), sorted by county and name. */
  exportOverrides(): string {
    const sorted = [...this.overrides].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    return `${JSON.stringify(sorted, null, 2)}\n`;
  }

  /** Adds the placements of an overrides file (its entries replace placements of the same place) and rebuilds. */
  importOverrides(text: string): Promise<PlacementResult> {
    let raw: unknown;
    try {
      raw = JSON.parse(text) as unknown;
    } catch (error) {
      return Promise.resolve({ ok: false, problem: { code: 'placement-file-invalid', params: { detail: (error as Error).message } } });
    }
    const parsed = anchorOverrideListSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return Promise.resolve({ ok: false, problem: { code: 'placement-file-invalid', params: { detail } } });
    }
    const incoming = new Set(parsed.data.map(keyOf));
    return this.commit([...this.overrides.filter((o) => !incoming.has(keyOf(o))), ...parsed.data]);
  }

  /** Rebuilds every layer with the current placements. */
  async rebuild(): Promise<PlacementResult> {
    this.inputs ??= this.loadInputs();
    let inputs: Omit<RebuildInput, 'overrides'>;
    try {
      inputs = await this.inputs;
    } catch (error) {
      this.inputs = null;
      return { ok: false, problem: { code: 'placement-rebuild-failed', params: { reason: 'inputs', detail: (error as Error).message } } };
    }
    this.busy = true;
    this.emit();
    const r = await this.rebuildFn({ ...inputs, overrides: this.overrides });
    this.busy = false;
    this.emit();
    if (!r.ok) return { ok: false, problem: { code: 'placement-worker-stopped', params: { reason: r.reason } } };
    if (!r.value.ok) return { ok: false, problem: { code: 'placement-rebuild-failed', params: { reason: r.value.reason, detail: r.value.detail } } };
    return { ok: true, build: r.value.build };
  }

  /** Ends the worker. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private async commit(next: AnchorOverride[]): Promise<PlacementResult> {
    const current = this.overrides;
    const r = await this.apply(next);
    if (r.ok) {
      this.undoStack.push(current);
      this.redoStack.length = 0;
    }
    this.emit();
    return r;
  }

  /** Rebuilds with `next`; keeps it (and stores it) only when the rebuild succeeds. */
  private async apply(next: AnchorOverride[]): Promise<PlacementResult> {
    const before = this.overrides;
    this.overrides = next;
    const built = await this.rebuild();
    if (!built.ok) {
      this.overrides = before;
      return built;
    }
    const saved = await this.store.save(next);
    this.emit();
    if (!saved.ok) return { ok: false, problem: { code: 'placement-store-failed', params: { detail: saved.detail } } };
    return built;
  }
}
