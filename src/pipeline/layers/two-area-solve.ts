/**
 * A relic's reference footprint as a rectangle w × h, solved from the two areas a notice states.
 *
 * With per-side offsets summing to a1 (along p) and b1 (along q) for the protection range and a2, b2 for the
 * construction-control zone, the protection range is (w + a1)(h + b1) = Ap and the control ring is
 * (w + a1 + a2)(h + b1 + b2) − Ap = Ac. With X = w + a1 and Y = Ap / X this is b2·X² − (Ac − a2·b2)·X + a2·Ap = 0,
 * with X in [a1, Ap / b1] so that w, h ≥ 0. Zero, one or two footprints satisfy both areas; when two do, the one
 * closer to a square is taken and the other is returned too.
 */

/** Input of {@link solveTwoAreas}: sums of opposite offsets (m) and the two stated areas (m²). */
export interface TwoAreaInput {
  /** Protection offsets along p (east + west, or north-east + south-west). */
  a1: number;
  /** Protection offsets along q. */
  b1: number;
  /** Control offsets along p. */
  a2: number;
  /** Control offsets along q. */
  b2: number;
  protectionM2: number;
  /** The control zone's stated area, read as the ring outside the protection range. */
  controlRingM2: number;
}

/** A footprint of w × h metres (along p and q). */
export interface Footprint {
  w: number;
  h: number;
}

/** Outcome of {@link solveTwoAreas}. */
export type TwoAreaResult =
  | { ok: true; footprint: Footprint; other: Footprint | null }
  | {
      ok: false;
      /** Smallest and largest control ring any footprint with the exact protection area gives (max null: unbounded). */
      ringRangeM2: [number, number | null];
    };

/** Ratio of the longer to the shorter side (Infinity for a segment). */
export function aspect(f: Footprint): number {
  const lo = Math.min(f.w, f.h);
  return lo <= 0 ? Infinity : Math.max(f.w, f.h) / lo;
}

/** Solves the footprint from both areas (see the module comment). Throws only on negative input. */
export function solveTwoAreas(input: TwoAreaInput): TwoAreaResult {
  const { a1, b1, a2, b2, protectionM2: ap, controlRingM2: ac } = input;
  for (const v of [a1, b1, a2, b2, ap, ac]) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`two-area input must be finite and ≥ 0, got ${v}`);
  const lo = a1;
  const hi = b1 > 0 ? ap / b1 : Infinity;
  const ring = (x: number): number => (x + a2) * (ap / x + b2) - ap;
  if (lo > hi || ap <= 0) return { ok: false, ringRangeM2: [0, null] };
  const feasible = (x: number): boolean => x >= lo * (1 - 1e-12) && x <= hi * (1 + 1e-12) && x > 0;
  const roots: number[] = [];
  const c = ac - a2 * b2;
  if (b2 === 0) {
    if (a2 > 0 && ac > 0) roots.push((a2 * ap) / ac);
  } else {
    const disc = c * c - 4 * b2 * a2 * ap;
    if (disc >= 0) {
      const r = Math.sqrt(disc);
      roots.push((c + r) / (2 * b2), (c - r) / (2 * b2));
    }
  }
  const footprints = [...new Set(roots.filter(feasible))]
    .map((x) => ({ w: Math.max(0, x - a1), h: Math.max(0, ap / x - b1) }))
    .sort((p, q) => aspect(p) - aspect(q) || p.w - q.w);
  const [best, other] = footprints;
  if (best) {
    const distinct = other && (Math.abs(other.w - best.w) > 1e-6 || Math.abs(other.h - best.h) > 1e-6) ? other : null;
    return { ok: true, footprint: best, other: distinct };
  }
  const vertex = b2 > 0 ? Math.sqrt((a2 * ap) / b2) : hi;
  const clamped = Math.min(Math.max(vertex, Math.max(lo, 1e-9)), hi);
  const ends = [Math.max(lo, 1e-9), hi].filter(Number.isFinite).map(ring);
  const max = Number.isFinite(hi) && lo > 0 ? Math.max(...ends) : null;
  return { ok: false, ringRangeM2: [ring(clamped), max] };
}
