import type { Position } from 'geojson';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import type { Supersession } from '../../core/model/user-layer';
import { compareArea, drawnSupersession, facedDirections, fourBoundSides } from '../../core/park-draw/four-bounds-draw';
import type { AreaComparison, Cardinal, FourBoundSide } from '../../core/park-draw/four-bounds-draw';
import type { StoreContent, UserLayerStore } from '../catalog/user-layer-store';

/**
 * Drawing a park's boundary along its 四至: what the drawing says against the text (which stated sides have an edge
 * facing them, the area against the stated one), undo over closed shapes, and saving the finished shape as a
 * supersede record (kept in IndexedDB; the record it replaced, if any, is kept for "undo the save"). Nothing is
 * written before `save`; `cancel` leaves the store as it was.
 */

/** The store operations the session uses (the IndexedDB store, or a fake in tests). */
export type DrawStore = Pick<UserLayerStore, 'readAll' | 'putSupersession' | 'deleteSupersession'>;

/** A stated side and whether the drawing has an edge facing it. */
export interface SideState extends FourBoundSide {
  readonly drawn: boolean;
}

/** What the view shows. */
export interface ParkDrawState {
  readonly sides: readonly SideState[];
  readonly ring: readonly Position[];
  readonly closed: boolean;
  readonly area: AreaComparison;
  /** Closed shapes the user can step back to. */
  readonly canUndo: boolean;
  /** The record this session saved (null before a save or after "undo the save"). */
  readonly saved: Supersession | null;
}

/** Why an operation did not complete. */
export type ParkDrawProblem =
  | { code: 'not-closed' }
  | { code: 'too-few-vertices' }
  | { code: 'precision-invalid' }
  | { code: 'store-failed'; detail: string }
  | { code: 'nothing-saved' };

/** Outcome of a write: the store's new content (for the catalog), or why not. */
export type ParkDrawResult = { ok: true; content: StoreContent } | { ok: false; problem: ParkDrawProblem };

/** A drawing session for one park. */
export class ParkDrawSession {
  private readonly statedSides: readonly FourBoundSide[];
  private ring: readonly Position[] = [];
  private closed = false;
  private readonly history: Array<readonly Position[]> = [];
  private saved: Supersession | null = null;

  /**
   * `existing` is the feature's supersede record before this session (restored by "undo the save"); `now` gives
   * the date of the record.
   */
  constructor(
    readonly feature: ViewerFeature,
    private readonly store: DrawStore,
    private readonly existing: Supersession | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statedSides = fourBoundSides(feature);
  }

  /** The current state. */
  get state(): ParkDrawState {
    const faced: Set<Cardinal> = this.ring.length > 0 ? facedDirections(this.ring) : new Set();
    return {
      sides: this.statedSides.map((s) => ({ ...s, drawn: faced.has(s.edge) })),
      ring: this.ring,
      closed: this.closed,
      area: compareArea(this.ring, this.feature.props.statedAreaM2),
      canUndo: this.history.length > 0,
      saved: this.saved,
    };
  }

  /**
   * The polygon on screen changed. A committed change of a closed shape (closing it, a vertex dragged) is a step
   * that undo can go back over.
   */
  update(ring: readonly Position[], closed: boolean, committed: boolean): ParkDrawState {
    if (committed && this.closed && closed && this.ring.length > 0 && !sameRing(this.ring, ring)) this.history.push(this.ring);
    this.ring = ring;
    this.closed = closed;
    return this.state;
  }

  /**
   * Steps back to the previous closed shape (returned, for the map to show); null when there is none, and then the
   * map should draw anew. The shape stepped away from is not lost until the next edit: it is only not in force.
   */
  undo(): readonly Position[] | null {
    const previous = this.history.pop();
    if (previous === undefined) return null;
    this.ring = previous;
    this.closed = true;
    return previous;
  }

  /** The user starts the drawing again: a closed shape is kept in the history, so undo can bring it back. */
  restart(): void {
    if (this.closed && this.ring.length > 0) this.history.push(this.ring);
    this.ring = [];
    this.closed = false;
  }

  /** Saves the closed shape as the feature's shape in force, with the precision the user states (m). */
  async save(precisionM: number): Promise<ParkDrawResult> {
    if (!this.closed) return { ok: false, problem: { code: 'not-closed' } };
    const built = drawnSupersession(this.feature, this.ring, precisionM, this.now(), this.existing);
    if (!built.ok) return { ok: false, problem: { code: built.problem } };
    const put = await this.store.putSupersession(built.record);
    if (!put.ok) return { ok: false, problem: { code: 'store-failed', detail: put.message } };
    this.saved = built.record;
    return this.readBack();
  }

  /** Undoes the save: the record this session replaced applies again (or the text-derived shape, when none). */
  async revertSave(): Promise<ParkDrawResult> {
    if (this.saved === null) return { ok: false, problem: { code: 'nothing-saved' } };
    const r = this.existing ? await this.store.putSupersession(this.existing) : await this.store.deleteSupersession(this.feature.id);
    if (!r.ok) return { ok: false, problem: { code: 'store-failed', detail: r.message } };
    this.saved = null;
    return this.readBack();
  }

  private async readBack(): Promise<ParkDrawResult> {
    const r = await this.store.readAll();
    if (!r.ok) return { ok: false, problem: { code: 'store-failed', detail: r.message } };
    return { ok: true, content: r.content };
  }
}

function sameRing(a: readonly Position[], b: readonly Position[]): boolean {
  return a.length === b.length && a.every((p, i) => p[0] === b[i]?.[0] && p[1] === b[i]?.[1]);
}
