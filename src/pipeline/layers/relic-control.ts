import type { Direction, RelicSiteRecord, Zone } from '../../core/model/gazette-record';
import { RECT_SIDES } from '../../core/geometry/offset-rectangle';
import type { RectSide } from '../../core/geometry/offset-rectangle';
import { DIRECTION_VECTORS } from '../../core/geometry/half-plane-polygon';
import { directionOffsets, directionOfSide, offsetsByDirection, readSides, schemeOf } from './relic-sides';
import { RELIC_METHODS, RELIC_NOTES } from './relic-protection';
import type { ProtectionBuild, ZoneGeom } from './relic-protection';
import { solveTwoAreas } from './two-area-solve';
import type { Footprint, TwoAreaResult } from './two-area-solve';

/** Why a control zone gives no ring. */
export const CONTROL_OUTCOMES = {
  /** The text says the control zone is the protection range (同保护范围). */
  SAME_AS_PROTECTION: 'same-as-protection',
  /** No clause of the control zone was read. */
  UNPARSED: 'unparsed',
} as const;

/** The outer shape of a control zone, or why there is none. */
export type ControlOuter =
  | {
      ok: true;
      geom: ZoneGeom;
      offsetsM: Record<string, number> | null;
      /** Directions the text gives no metres for (drawn at 0 m). */
      unknown: string[];
      /** Per-side offsets for a rectangle ring, for the two-area solve. */
      sideOffsets: Record<RectSide, number> | null;
    }
  | { ok: false; outcome: (typeof CONTROL_OUTCOMES)[keyof typeof CONTROL_OUTCOMES] };

const USABLE = new Set(['offset', 'limit', 'uniform', 'radius', 'rectangle', 'base-point', 'same-as']);

/** Outer shape of a control zone around a protection shape. Unknown sides stay at 0 m and are listed. */
export function buildControlOuter(cz: Zone, inner: ZoneGeom, record: RelicSiteRecord, problems: string[]): ControlOuter {
  if (cz.clauses.length > 0 && cz.clauses.every((c) => c.type === 'same-as' && c.direction === null)) return { ok: false, outcome: CONTROL_OUTCOMES.SAME_AS_PROTECTION };
  if (!cz.clauses.some((c) => USABLE.has(c.type))) return { ok: false, outcome: CONTROL_OUTCOMES.UNPARSED };
  const radius = cz.clauses.find((c) => c.type === 'radius');
  if (radius) return { ok: true, geom: { kind: 'circle', r: radius.metres }, offsetsM: { r: radius.metres }, unknown: [], sideOffsets: null };
  const rect = cz.clauses.find((c) => c.type === 'rectangle');
  if (rect && rect.referenceZone !== 'protection-range') {
    return {
      ok: true,
      geom: { kind: 'rect', scheme: 'cardinal', pRange: [-rect.eastWestMetres, rect.eastWestMetres], qRange: [-rect.northSouthMetres, rect.northSouthMetres] },
      offsetsM: { EW: rect.eastWestMetres, NS: rect.northSouthMetres },
      unknown: [],
      sideOffsets: null,
    };
  }
  const uniform = cz.clauses.find((c) => c.type === 'uniform');
  if (inner.kind === 'circle') {
    if (uniform) return { ok: true, geom: { kind: 'circle', r: inner.r + uniform.metres }, offsetsM: { all: uniform.metres }, unknown: [], sideOffsets: null };
    problems.push('per-direction offsets around a circle: grown from its bounding square');
    inner = { kind: 'rect', scheme: 'cardinal', pRange: [-inner.r, inner.r], qRange: [-inner.r, inner.r] };
  }
  if (inner.kind === 'poly') {
    const { offsets, problems: p } = uniform ? { offsets: new Map<Direction, number | null>(), problems: [] } : directionOffsets(cz);
    problems.push(...p);
    const unknown: string[] = [];
    const planes = inner.planes.map((hp) => {
      const d = (Object.entries(DIRECTION_VECTORS).find(([, v]) => Math.abs(v[0] - hp.ux) < 1e-9 && Math.abs(v[1] - hp.uy) < 1e-9)?.[0] ?? 'N') as Direction;
      const m = uniform ? uniform.metres : offsets.get(d);
      if (m === null || m === undefined) unknown.push(d);
      return { ...hp, h: hp.h + (m ?? 0) };
    });
    const offsetsM = uniform ? { all: uniform.metres } : Object.fromEntries([...offsets.entries()].map(([d, m]) => [d, m ?? 0]));
    return { ok: true, geom: { kind: 'poly', planes }, offsetsM, unknown, sideOffsets: null };
  }
  const scheme = inner.scheme;
  let offsets: Record<RectSide, number | null>;
  if (uniform) offsets = { '+p': uniform.metres, '-p': uniform.metres, '+q': uniform.metres, '-q': uniform.metres };
  else if (rect) offsets = { '+p': rect.eastWestMetres, '-p': rect.eastWestMetres, '+q': rect.northSouthMetres, '-q': rect.northSouthMetres };
  else {
    if (schemeOf(cz.clauses) !== scheme) problems.push('control zone uses another direction scheme than the protection range; drawn in the protection scheme');
    const read = readSides(cz, scheme, record);
    problems.push(...read.problems);
    offsets = Object.fromEntries(RECT_SIDES.map((x) => [x, read.specs[x].metres])) as Record<RectSide, number | null>;
  }
  const used = Object.fromEntries(RECT_SIDES.map((s) => [s, offsets[s] ?? 0])) as Record<RectSide, number>;
  return {
    ok: true,
    geom: grow(inner, used),
    offsetsM: offsetsByDirection(scheme, used),
    unknown: RECT_SIDES.filter((s) => offsets[s] === null).map((s) => directionOfSide(scheme, s)),
    sideOffsets: used,
  };
}

/** A rectangle grown by per-side offsets. */
export function grow(inner: Extract<ZoneGeom, { kind: 'rect' }>, o: Record<RectSide, number>): Extract<ZoneGeom, { kind: 'rect' }> {
  return { kind: 'rect', scheme: inner.scheme, pRange: [inner.pRange[0] - o['-p'], inner.pRange[1] + o['+p']], qRange: [inner.qRange[0] - o['-q'], inner.qRange[1] + o['+q']] };
}

/** The protection rectangle of a footprint w × h grown by per-side offsets, centred on the anchor. */
export function rectangleOfFootprint(scheme: 'cardinal' | 'diagonal', f: Footprint, o: Record<RectSide, number>): Extract<ZoneGeom, { kind: 'rect' }> {
  return grow({ kind: 'rect', scheme, pRange: [-f.w / 2, f.w / 2], qRange: [-f.h / 2, f.h / 2] }, o);
}

/** Outcome of trying the two-area solve on a site. */
export type TwoAreaAttempt = { applicable: false; why: string } | { applicable: true; result: TwoAreaResult };

/**
 * Solves the protection footprint as a rectangle from both stated areas, when the shapes allow it: a rectangle
 * protection range grown from a footprint (or known only by its area) and a control ring of known offsets.
 */
export function tryTwoAreas(prot: ProtectionBuild, outer: ControlOuter, protectionM2: number | null, controlM2: number | null): TwoAreaAttempt {
  if (protectionM2 === null || controlM2 === null) return { applicable: false, why: 'both areas are needed' };
  if (prot.geom.kind !== 'rect' || prot.sideOffsets === null) return { applicable: false, why: 'the protection range is not grown from a footprint' };
  if (prot.method !== RELIC_METHODS.SOLVED && prot.method !== RELIC_METHODS.LIMITS_ONLY) return { applicable: false, why: `protection method ${prot.method}` };
  if (prot.notes.includes(RELIC_NOTES.UNKNOWN_SIDES)) return { applicable: false, why: 'a protection side has no metres' };
  if (prot.odd?.drawn === 'literal') return { applicable: false, why: 'a side is measured from the opposite wall' };
  if (!outer.ok || outer.sideOffsets === null) return { applicable: false, why: 'the control zone is not a ring of per-side offsets' };
  if (outer.unknown.length > 0) return { applicable: false, why: 'a control side has no metres' };
  const p = prot.sideOffsets;
  const c = outer.sideOffsets;
  return {
    applicable: true,
    result: solveTwoAreas({ a1: p['+p'] + p['-p'], b1: p['+q'] + p['-q'], a2: c['+p'] + c['-p'], b2: c['+q'] + c['-q'], protectionM2, controlRingM2: controlM2 }),
  };
}
