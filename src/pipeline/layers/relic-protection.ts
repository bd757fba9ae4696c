import type { Position } from 'geojson';
import type { Direction, RelicSiteRecord, Zone } from '../../core/model/gazette-record';
import { RECT_SIDES, RECT_SOLVE_NOTES, solveOffsetRectangle } from '../../core/geometry/offset-rectangle';
import type { OffsetRectangle, RectSide, SideSpec } from '../../core/geometry/offset-rectangle';
import { DIRECTION_VECTORS, halfPlanePolygon, ringArea, solveIncreasing } from '../../core/geometry/half-plane-polygon';
import type { HalfPlane } from '../../core/geometry/half-plane-polygon';
import type { AnchorFrame } from './frame-geometry';
import { directionOffsets, directionOfSide, offsetsByDirection, readSides, schemeOf, unknownSidesAtZero } from './relic-sides';
import type { Scheme } from './relic-sides';

/** Construction methods of relic zones. */
export const RELIC_METHODS = {
  SOLVED: 'offset-rectangle-solved',
  TWO_AREA: 'offset-rectangle-two-area',
  POINT_FOOTPRINT: 'offset-rectangle-point-footprint',
  LIMITS_ONLY: 'limits-only-area-square',
  BASE_POINT: 'base-point-rectangle',
  CIRCLE: 'radius-circle',
  CENTRED_RECTANGLE: 'centred-rectangle',
  POLYGON: 'offset-polygon-solved',
  CONTROL_RING: 'control-ring-from-protection',
  NOT_DRAWN: 'shape-not-drawn-marker',
} as const;

/** Notes the relic builder adds to the solver's. */
export const RELIC_NOTES = {
  /** Sides without metres drawn at 0 m from the reference and listed as unknown. */
  UNKNOWN_SIDES: 'unknown-sides',
  /** A self-contradicting clause drawn in its alternative reading. */
  ALTERNATIVE_READING: 'alternative-reading',
  /** Footprint solved as a rectangle from the protection and control areas together. */
  TWO_AREA: 'two-area-solved',
} as const;

/** A zone shape in the anchor's local frame. */
export type ZoneGeom =
  | { kind: 'rect'; scheme: Scheme; pRange: [number, number]; qRange: [number, number] }
  | { kind: 'poly'; planes: HalfPlane[] }
  | { kind: 'circle'; r: number };

/** The ring of a zone shape in lon/lat. */
export function zoneRing(af: AnchorFrame, g: ZoneGeom): Position[] {
  if (g.kind === 'rect') return af.rectangle(g.scheme, g.pRange, g.qRange);
  if (g.kind === 'circle') return af.circle(g.r, 96);
  const pts = halfPlanePolygon(g.planes);
  const ring = pts.map(([e, n]) => af.toLonLat('cardinal', e, n));
  return [...ring, ring[0]!];
}

/** Area of a zone shape in its plane (m²). */
export function planarArea(g: ZoneGeom): number {
  if (g.kind === 'rect') return (g.pRange[1] - g.pRange[0]) * (g.qRange[1] - g.qRange[0]);
  if (g.kind === 'circle') return Math.PI * g.r * g.r;
  return ringArea(halfPlanePolygon(g.planes));
}

/** Both readings of a clause that measures a side from the opposite wall (南由北城墙向南90米). */
export interface OddReading {
  /** Side and clause. */
  direction: Direction;
  clause: string;
  literal: { pRange: [number, number]; qRange: [number, number]; footprintM: number; containsAnchor: boolean };
  alternative: { pRange: [number, number]; qRange: [number, number]; footprintM: number };
  /** Which reading is drawn. */
  drawn: 'literal' | 'alternative';
}

/** A protection range as built. */
export interface ProtectionBuild {
  geom: ZoneGeom;
  method: string;
  footprintM: number | null;
  /** Footprint as a rectangle (w along p, h along q) when solved from both areas. */
  footprintPQM: [number, number] | null;
  offsetsM: Record<string, number> | null;
  /** Offsets per rectangle side (metres, unknown sides at 0) for a rectangle grown from a footprint. */
  sideOffsets: Record<RectSide, number> | null;
  /** Directions the text gives no metres for. */
  unknown: string[];
  /** Clause of each unknown direction. */
  unknownClauses: string[];
  notes: string[];
  scheme: 'cardinal' | 'diagonal' | 'circle' | 'none';
  odd: OddReading | null;
}

function containsOrigin(r: OffsetRectangle): boolean {
  return r.pRange[0] <= 0 && r.pRange[1] >= 0 && r.qRange[0] <= 0 && r.qRange[1] >= 0;
}

function buildRadiusOrCentred(pr: Zone, stated: number | null): ProtectionBuild | null {
  const base = { footprintPQM: null, sideOffsets: null, unknown: [], unknownClauses: [], odd: null };
  const radius = pr.clauses.find((c) => c.type === 'radius');
  if (radius) {
    return { ...base, geom: { kind: 'circle', r: radius.metres }, method: RELIC_METHODS.CIRCLE, footprintM: 0, offsetsM: { r: radius.metres }, notes: [RECT_SOLVE_NOTES.POINT_REFERENCE], scheme: 'circle' };
  }
  const rect = pr.clauses.find((c) => c.type === 'rectangle');
  if (!rect) return null;
  const point = !rect.reference || /中心|基点/.test(rect.reference);
  const side = (m: number): SideSpec => ({ metres: m, fromOppositeWall: false });
  const solved = solveOffsetRectangle({
    sides: { '+p': side(rect.eastWestMetres), '-p': side(rect.eastWestMetres), '+q': side(rect.northSouthMetres), '-q': side(rect.northSouthMetres) },
    statedAreaM2: stated,
    pointReference: point,
  });
  return {
    ...base,
    geom: { kind: 'rect', scheme: 'cardinal', pRange: solved.pRange, qRange: solved.qRange },
    method: RELIC_METHODS.CENTRED_RECTANGLE,
    footprintM: solved.footprintM,
    offsetsM: offsetsByDirection('cardinal', solved.offsetsM),
    notes: solved.notes,
    scheme: 'cardinal',
  };
}

function buildPolygon(pr: Zone, stated: number | null, pointReference: boolean, problems: string[]): ProtectionBuild {
  const { offsets, problems: p } = directionOffsets(pr);
  problems.push(...p);
  const unknown = [...offsets.entries()].filter(([, m]) => m === null).map(([d]) => d);
  const planesAt = (s: number): HalfPlane[] =>
    [...offsets.entries()].map(([d, m]) => {
      const [ux, uy] = DIRECTION_VECTORS[d]!;
      const corner = d.length === 2 ? Math.SQRT2 / 2 : 1 / 2;
      return { ux, uy, h: corner * s + (m ?? 0) };
    });
  const areaAt = (s: number): number => ringArea(halfPlanePolygon(planesAt(s)));
  let s = 0;
  const notes: string[] = [];
  if (pointReference) notes.push(RECT_SOLVE_NOTES.POINT_REFERENCE);
  else if (stated === null) notes.push(RECT_SOLVE_NOTES.NO_AREA);
  else {
    const solved = solveIncreasing(areaAt, stated);
    if (solved === null) notes.push(RECT_SOLVE_NOTES.UNREACHABLE);
    else {
      s = solved;
      notes.push(RECT_SOLVE_NOTES.SOLVED);
    }
  }
  if (unknown.length) notes.push(RELIC_NOTES.UNKNOWN_SIDES);
  return {
    geom: { kind: 'poly', planes: planesAt(s) },
    method: RELIC_METHODS.POLYGON,
    footprintM: s,
    footprintPQM: null,
    offsetsM: Object.fromEntries([...offsets.entries()].map(([d, m]) => [d, m ?? 0])),
    sideOffsets: null,
    unknown,
    unknownClauses: pr.clauses.filter((c) => c.type === 'limit').map((c) => c.text),
    notes,
    scheme: 'none',
    odd: null,
  };
}

/**
 * Builds a protection range from its clauses and stated area. Sides without metres are drawn at the reference
 * (0 m) and listed as unknown; a side measured from the opposite wall is read literally unless that puts the
 * site's own anchor outside its range, in which case the alternative reading (from its own wall) is drawn.
 */
export function buildProtection(pr: Zone, record: RelicSiteRecord, problems: string[]): ProtectionBuild {
  const stated = pr.area?.m2 ?? null;
  const special = buildRadiusOrCentred(pr, stated);
  if (special) return special;
  const scheme = schemeOf(pr.clauses);
  const pointReference = pr.clauses.some((c) => c.type === 'base-point');
  if (scheme === 'mixed') return buildPolygon(pr, stated, pointReference, problems);
  const read = readSides(pr, scheme, record);
  problems.push(...read.problems);
  const { specs, unknown } = unknownSidesAtZero(read);
  const allUnknown = unknown.length === RECT_SIDES.length;
  const solve = (sides: Record<RectSide, SideSpec>): OffsetRectangle =>
    allUnknown ? solveOffsetRectangle({ sides: read.specs, statedAreaM2: stated, pointReference }) : solveOffsetRectangle({ sides, statedAreaM2: stated, pointReference });
  let solved = solve(specs);
  let odd: OddReading | null = null;
  const oddSide = RECT_SIDES.find((s) => specs[s].fromOppositeWall);
  if (oddSide) {
    const plain = Object.fromEntries(RECT_SIDES.map((s) => [s, { ...specs[s], fromOppositeWall: false }])) as Record<RectSide, SideSpec>;
    const alt = solve(plain);
    const contains = containsOrigin(solved);
    odd = {
      direction: directionOfSide(scheme, oddSide),
      clause: read.clauseOf[oddSide] ?? '',
      literal: { pRange: solved.pRange, qRange: solved.qRange, footprintM: solved.footprintM, containsAnchor: contains },
      alternative: { pRange: alt.pRange, qRange: alt.qRange, footprintM: alt.footprintM },
      drawn: contains ? 'literal' : 'alternative',
    };
    if (!contains) solved = alt;
  }
  const method = solved.notes.includes(RECT_SOLVE_NOTES.LIMITS_ONLY)
    ? RELIC_METHODS.LIMITS_ONLY
    : solved.notes.includes(RECT_SOLVE_NOTES.POINT_REFERENCE)
      ? RELIC_METHODS.BASE_POINT
      : solved.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)
        ? RELIC_METHODS.POINT_FOOTPRINT
        : RELIC_METHODS.SOLVED;
  const notes: string[] = solved.notes.filter((n) => n !== RECT_SOLVE_NOTES.ASSUMED_OFFSETS);
  if (unknown.length > 0 && !allUnknown) notes.push(RELIC_NOTES.UNKNOWN_SIDES);
  if (odd?.drawn === 'alternative') notes.push(RELIC_NOTES.ALTERNATIVE_READING);
  return {
    geom: { kind: 'rect', scheme, pRange: solved.pRange, qRange: solved.qRange },
    method,
    footprintM: solved.footprintM,
    footprintPQM: null,
    offsetsM: allUnknown ? null : offsetsByDirection(scheme, solved.offsetsM),
    sideOffsets: allUnknown ? { '+p': 0, '-p': 0, '+q': 0, '-q': 0 } : solved.offsetsM,
    unknown: unknown.map((s) => directionOfSide(scheme, s)),
    unknownClauses: unknown.map((s) => `${directionOfSide(scheme, s)}: ${read.clauseOf[s] ?? 'no clause'}`),
    notes,
    scheme,
    odd,
  };
}
