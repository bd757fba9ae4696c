/**
 * Rectangles grown from an unknown reference footprint by per-side offsets, solved against a stated area.
 *
 * The gazettes describe a relic's protection range as offsets (metres) outward from a reference object on each
 * of four sides, plus the range's area. The reference object's size is not given. We model it as a square
 * footprint of side `s` centred on the anchor and choose `s` so that the rectangle's area equals the stated area.
 * Where even a point footprint (s = 0) gives more than the stated area, the area is unreachable: we keep s = 0
 * and report the residual.
 *
 * Sides are named in a local frame (p, q): for the cardinal scheme p points east and q north; for the diagonal
 * scheme (东北/东南/西南/西北) p points north-east and q north-west, i.e. the rectangle is turned 45°.
 */

/** The four sides of a rectangle in its local frame. */
export const RECT_SIDES = ['+p', '-p', '+q', '-q'] as const;
/** One of {@link RECT_SIDES}. */
export type RectSide = (typeof RECT_SIDES)[number];

/** How one side of the rectangle is described. */
export interface SideSpec {
  /** Offset in metres outward from the reference; null when the text gives a limit feature but no distance. */
  metres: number | null;
  /**
   * True when the offset is measured from the footprint's opposite side (e.g. 南 measured from the 北城墙):
   * the side then lies at `offset` beyond the opposite wall, whatever the footprint's size.
   */
  fromOppositeWall: boolean;
}

/** Input of {@link solveOffsetRectangle}. */
export interface OffsetRectangleInput {
  sides: Readonly<Record<RectSide, SideSpec>>;
  /** Stated area in m², or null when the text gives none. */
  statedAreaM2: number | null;
  /**
   * The offsets are measured from a point (以遗址中心点为基点): the footprint is a point, nothing is solved, and the
   * stated area only yields a residual.
   */
  pointReference?: boolean;
}

/** Why a solution is not the exact one. */
export const RECT_SOLVE_NOTES = {
  /** Stated area matched with a positive footprint. */
  SOLVED: 'solved',
  /** Even a point footprint exceeds the stated area. */
  UNREACHABLE: 'area-unreachable',
  /** No area stated: point footprint. */
  NO_AREA: 'no-area',
  /** Some offsets were missing and were set to the mean of the known ones. */
  ASSUMED_OFFSETS: 'assumed-offsets',
  /** No offset is known: a square of the stated area around the anchor. */
  LIMITS_ONLY: 'limits-only',
  /** Offsets from a base point: nothing to solve. */
  POINT_REFERENCE: 'point-reference',
} as const;
/** One of the values of {@link RECT_SOLVE_NOTES}. */
export type RectSolveNote = (typeof RECT_SOLVE_NOTES)[keyof typeof RECT_SOLVE_NOTES];

/** A solved rectangle in the local frame, centred on the anchor at (0, 0). */
export interface OffsetRectangle {
  /** Side of the square reference footprint, metres. */
  footprintM: number;
  /** Offsets actually used per side (assumed ones included). */
  offsetsM: Record<RectSide, number>;
  /** Sides whose offset was assumed. */
  assumedSides: RectSide[];
  /** Extent of the rectangle along p and q: [min, max] in metres. */
  pRange: [number, number];
  qRange: [number, number];
  /** Area of the rectangle, m². */
  areaM2: number;
  /** (area - stated) / stated, or null without a stated area. */
  residual: number | null;
  notes: RectSolveNote[];
}

const SIGN: Record<RectSide, 1 | -1> = { '+p': 1, '-p': -1, '+q': 1, '-q': -1 };

/** Position of a side along its axis as `c * s + d` for footprint side `s`. */
function sideLinear(side: RectSide, offset: number, fromOpposite: boolean): { c: number; d: number } {
  const sign = SIGN[side];
  return fromOpposite ? { c: -sign / 2, d: sign * offset } : { c: sign / 2, d: sign * offset };
}

/** Smallest s ≥ 0 with (a s + b)(c s + d) = A, or null if none (a, c ≥ 0 assumed monotone). */
function solveFootprint(a: number, b: number, c: number, d: number, target: number): number | null {
  const f = (s: number): number => (a * s + b) * (c * s + d);
  if (f(0) > target) return null;
  const qa = a * c;
  const qb = a * d + b * c;
  const qc = b * d - target;
  if (Math.abs(qa) < 1e-12) {
    if (Math.abs(qb) < 1e-12) return null;
    const s = -qc / qb;
    return s >= 0 ? s : null;
  }
  const disc = qb * qb - 4 * qa * qc;
  if (disc < 0) return null;
  const r = Math.sqrt(disc);
  const roots = [(-qb + r) / (2 * qa), (-qb - r) / (2 * qa)].filter((s) => s >= 0).sort((x, y) => x - y);
  return roots[0] ?? null;
}

/**
 * Solves the footprint so the rectangle's area equals the stated area (see the module comment).
 * Throws only on misuse (negative offsets or area).
 */
export function solveOffsetRectangle(input: OffsetRectangleInput): OffsetRectangle {
  const known = RECT_SIDES.map((s) => input.sides[s].metres).filter((m): m is number => m !== null);
  for (const m of known) if (!(m >= 0) || !Number.isFinite(m)) throw new RangeError(`offset must be ≥ 0, got ${m}`);
  const stated = input.statedAreaM2;
  if (stated !== null && !(stated > 0)) throw new RangeError(`stated area must be > 0, got ${stated}`);

  const notes: RectSolveNote[] = [];
  if (known.length === 0) {
    const area = stated ?? 0;
    const half = Math.sqrt(area) / 2;
    const offsets = { '+p': half, '-p': half, '+q': half, '-q': half };
    return {
      footprintM: 0,
      offsetsM: offsets,
      assumedSides: [...RECT_SIDES],
      pRange: [-half, half],
      qRange: [-half, half],
      areaM2: area,
      residual: stated === null ? null : 0,
      notes: [RECT_SOLVE_NOTES.LIMITS_ONLY],
    };
  }
  const mean = known.reduce((x, y) => x + y, 0) / known.length;
  const assumedSides = RECT_SIDES.filter((s) => input.sides[s].metres === null);
  if (assumedSides.length > 0) notes.push(RECT_SOLVE_NOTES.ASSUMED_OFFSETS);
  const offsetsM = Object.fromEntries(RECT_SIDES.map((s) => [s, input.sides[s].metres ?? mean])) as Record<RectSide, number>;
  const lin = Object.fromEntries(
    RECT_SIDES.map((s) => [s, sideLinear(s, offsetsM[s], input.sides[s].fromOppositeWall)]),
  ) as Record<RectSide, { c: number; d: number }>;
  const wA = lin['+p'].c - lin['-p'].c;
  const wB = lin['+p'].d - lin['-p'].d;
  const hA = lin['+q'].c - lin['-q'].c;
  const hB = lin['+q'].d - lin['-q'].d;

  let s = 0;
  if (input.pointReference) {
    notes.push(RECT_SOLVE_NOTES.POINT_REFERENCE);
  } else if (stated === null) {
    notes.push(RECT_SOLVE_NOTES.NO_AREA);
  } else {
    const solved = solveFootprint(wA, wB, hA, hB, stated);
    if (solved === null) notes.push(RECT_SOLVE_NOTES.UNREACHABLE);
    else {
      s = solved;
      notes.push(RECT_SOLVE_NOTES.SOLVED);
    }
  }
  const pos = (side: RectSide): number => lin[side].c * s + lin[side].d;
  const pRange: [number, number] = [pos('-p'), pos('+p')];
  const qRange: [number, number] = [pos('-q'), pos('+q')];
  const areaM2 = (pRange[1] - pRange[0]) * (qRange[1] - qRange[0]);
  return {
    footprintM: s,
    offsetsM,
    assumedSides,
    pRange,
    qRange,
    areaM2,
    residual: stated === null ? null : (areaM2 - stated) / stated,
    notes,
  };
}

/** A ring grown outward from an inner rectangle by per-side offsets. */
export interface GrownRing {
  offsetsM: Record<RectSide, number>;
  assumedSides: RectSide[];
  pRange: [number, number];
  qRange: [number, number];
  /** Area of the ring only (outer minus inner), m². */
  ringAreaM2: number;
  /** Area of the outer rectangle, m². */
  outerAreaM2: number;
}

/**
 * Grows a rectangle outward by per-side offsets (null: unknown, set to the mean of the known ones; when none
 * is known, 0). Used for construction-control zones around a protection range.
 */
export function growRectangle(
  inner: { pRange: [number, number]; qRange: [number, number] },
  offsets: Readonly<Record<RectSide, number | null>>,
): GrownRing {
  const known = RECT_SIDES.map((s) => offsets[s]).filter((m): m is number => m !== null);
  for (const m of known) if (!(m >= 0) || !Number.isFinite(m)) throw new RangeError(`offset must be ≥ 0, got ${m}`);
  const mean = known.length ? known.reduce((x, y) => x + y, 0) / known.length : 0;
  const assumedSides = RECT_SIDES.filter((s) => offsets[s] === null);
  const o = Object.fromEntries(RECT_SIDES.map((s) => [s, offsets[s] ?? mean])) as Record<RectSide, number>;
  const pRange: [number, number] = [inner.pRange[0] - o['-p'], inner.pRange[1] + o['+p']];
  const qRange: [number, number] = [inner.qRange[0] - o['-q'], inner.qRange[1] + o['+q']];
  const outerAreaM2 = (pRange[1] - pRange[0]) * (qRange[1] - qRange[0]);
  const innerArea = (inner.pRange[1] - inner.pRange[0]) * (inner.qRange[1] - inner.qRange[0]);
  return { offsetsM: o, assumedSides, pRange, qRange, ringAreaM2: outerAreaM2 - innerArea, outerAreaM2 };
}

/** Corners of a local-frame rectangle, counter-clockwise, closed, as [p, q]. */
export function rectangleRing(pRange: [number, number], qRange: [number, number]): Array<[number, number]> {
  const [p0, p1] = pRange;
  const [q0, q1] = qRange;
  return [
    [p0, q0],
    [p1, q0],
    [p1, q1],
    [p0, q1],
    [p0, q0],
  ];
}

/**
 * Maps local-frame coordinates to easting/northing offsets from the anchor. The cardinal frame is the identity;
 * the diagonal frame turns p to north-east and q to north-west (a 45° counter-clockwise rotation).
 */
export function localToEastNorth(scheme: 'cardinal' | 'diagonal', p: number, q: number): [number, number] {
  if (scheme === 'cardinal') return [p, q];
  const k = Math.SQRT1_2;
  return [k * (p - q), k * (p + q)];
}

/** Inverse of {@link localToEastNorth}. */
export function eastNorthToLocal(scheme: 'cardinal' | 'diagonal', e: number, n: number): [number, number] {
  if (scheme === 'cardinal') return [e, n];
  const k = Math.SQRT1_2;
  return [k * (e + n), k * (n - e)];
}
