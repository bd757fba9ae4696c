import type { MetricProjection } from './metric-projection';
import type { AreaShape } from './planar-shape';
import { VERDICT_NONE } from './precision-verdict';
import type { VerdictOutcome } from './precision-verdict';
import type { Prepared } from './prepare-features';
import type { FeatureRef, Finding } from './report';

/** Measures of one pair, as the engine computed them. */
export interface PairMeasures {
  outcome: VerdictOutcome;
  overlapAreaM2: number | null;
  shareOfA: number | null;
  shareOfB: number | null;
  outsideAreaM2: number | null;
  distanceM: number | null;
  touching: boolean;
  overlap: AreaShape | null;
  projection: MetricProjection;
}

/**
 * The possible-only pairs of one A feature. Up to the grouping threshold they become findings one
 * by one, each measured exactly. Past it (a ±25 km site meets tens of thousands of parcels) they
 * become one grouped finding: B is the exactly nearest (pairs known only by a bound are measured
 * while their bound could still beat the best, see {@link quickPointVerdict}), and `bIds` lists all,
 * nearest first (by measured depth, else by the bound). Measures are kept only while the group is
 * small, so a large group costs a few numbers per pair.
 */
export class PossibleFindings {
  private readonly bs: Prepared[] = [];
  /** Depth of each pair (m): measured, or an upper bound when `measured[i]` is false. */
  private readonly keys: number[] = [];
  private readonly measured: boolean[] = [];
  private kept: Array<PairMeasures | null> = [];
  private best: PairMeasures | null = null;
  private bestB: Prepared | null = null;

  constructor(private readonly groupOver: number) {}

  /** A pair measured exactly (verdict possible, not nominal). */
  add(b: Prepared, measures: PairMeasures): void {
    this.push(b, measures.outcome.depthM, true, measures);
    this.consider(b, measures);
  }

  /** A pair known to be possible, not nominal, with depth at most `depthBound` (not measured yet). */
  addUnmeasured(b: Prepared, depthBound: number): void {
    this.push(b, depthBound, false, null);
  }

  private push(b: Prepared, key: number, measured: boolean, measures: PairMeasures | null): void {
    this.bs.push(b);
    this.keys.push(key);
    this.measured.push(measured);
    if (this.bs.length <= this.groupOver) this.kept.push(measures);
    else if (this.kept.length > 0) this.kept = [];
  }

  private consider(b: Prepared, m: PairMeasures): void {
    const best = this.best;
    const d = m.outcome.depthM;
    if (best === null || d > best.outcome.depthM || (d === best.outcome.depthM && b.ref.id < (this.bestB as Prepared).ref.id)) {
      this.best = m;
      this.bestB = b;
    }
  }

  /**
   * Appends the findings of the pairs added since the last flush to `out` and starts over;
   * `measure` measures a pair exactly, `make` turns measures into a finding against B (with `bIds`).
   */
  flush(out: Finding[], measure: (b: Prepared) => PairMeasures, make: (b: FeatureRef, bIds: string[], m: PairMeasures) => Finding): void {
    const { bs, keys, measured } = this;
    const n = bs.length;
    if (n <= this.groupOver) {
      for (let i = 0; i < n; i++) {
        const b = bs[i] as Prepared;
        const m = this.kept[i] ?? measure(b);
        if (m.outcome.verdict !== VERDICT_NONE) out.push(make(b.ref, [b.ref.id], m));
      }
    } else {
      const unmeasured: number[] = [];
      for (let i = 0; i < n; i++) if (!measured[i]) unmeasured.push(i);
      unmeasured.sort((x, y) => (keys[y] as number) - (keys[x] as number));
      for (const i of unmeasured) {
        if (this.best !== null && (keys[i] as number) <= this.best.outcome.depthM) break;
        const b = bs[i] as Prepared;
        const m = measure(b);
        keys[i] = m.outcome.depthM;
        measured[i] = true;
        this.consider(b, m);
      }
      const best = this.best as PairMeasures;
      const bestB = this.bestB as Prepared;
      const order = Array.from({ length: n }, (_, i) => i).filter((i) => bs[i] !== bestB);
      order.sort((x, y) => (keys[y] as number) - (keys[x] as number) || ((bs[x] as Prepared).ref.id < (bs[y] as Prepared).ref.id ? -1 : 1));
      const ids = [bestB.ref.id, ...order.map((i) => (bs[i] as Prepared).ref.id)];
      const finding = make(bestB.ref, ids, best);
      finding.caveat = { ...finding.caveat, groupedOthers: n - 1 };
      out.push(finding);
    }
    bs.length = 0;
    keys.length = 0;
    measured.length = 0;
    this.kept = [];
    this.best = null;
    this.bestB = null;
  }
}

/** Bounds on the Gauss-Krüger point scale within a 3° zone (planar metres ÷ k = ground metres). */
const K_LOW = 0.999;
const K_HIGH = 1.001;

/**
 * For an overlap rule between a point feature A and an area B in the same frame, what their
 * bounding boxes settle without measuring: 'none' when every point is farther from B's box than
 * the precision shift allows, 'possible' when B lies wholly within the shift of a point (and no
 * point is inside B's box, so the overlap cannot hold at the drawn position), with an upper bound
 * on the depth; null when only the exact measure can tell.
 */
export function quickPointVerdict(a: Prepared, b: Prepared): { verdict: 'none' } | { verdict: 'possible'; depthBound: number } | null {
  if (a.home !== b.home) return null;
  const sa = a.shapes.get(a.home);
  const sb = b.shapes.get(b.home);
  if (sa === undefined || sb === undefined || sa.kind !== 'point' || sb.kind !== 'area') return null;
  const shift = a.ref.precisionM + b.ref.precisionM;
  let dMin = Infinity;
  let dMaxNearest = Infinity;
  const p = sa.points;
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i] as number;
    const y = p[i + 1] as number;
    if (x >= sb.minX && x <= sb.maxX && y >= sb.minY && y <= sb.maxY) return null;
    const dx = Math.max(sb.minX - x, 0, x - sb.maxX);
    const dy = Math.max(sb.minY - y, 0, y - sb.maxY);
    dMin = Math.min(dMin, Math.hypot(dx, dy));
    dMaxNearest = Math.min(dMaxNearest, Math.hypot(Math.max(Math.abs(x - sb.minX), Math.abs(x - sb.maxX)), Math.max(Math.abs(y - sb.minY), Math.abs(y - sb.maxY))));
  }
  if (dMin / K_HIGH > shift) return { verdict: 'none' };
  if (dMaxNearest / K_LOW < shift) return { verdict: 'possible', depthBound: -dMin / K_HIGH };
  return null;
}
