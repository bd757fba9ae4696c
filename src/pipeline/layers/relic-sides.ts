import type { Clause, Direction, RelicSiteRecord, Zone } from '../../core/model/gazette-record';
import { RECT_SIDES } from '../../core/geometry/offset-rectangle';
import type { RectSide, SideSpec } from '../../core/geometry/offset-rectangle';

/**
 * Reading the sides of a relic zone: which direction scheme it uses, which rectangle side each clause makes,
 * and which sides the text gives no metres for. A side without metres is never filled from the other sides: it is
 * drawn at the reference object's edge (0 m) and listed as unknown.
 */

/** Rectangle schemes: sides facing N/E/S/W, or NE/SE/SW/NW. */
export type Scheme = 'cardinal' | 'diagonal';
/** A scheme, or a zone mixing both. */
export type SchemeOrMixed = Scheme | 'mixed';

const CARDINAL_SIDES: Partial<Record<Direction, RectSide>> = { E: '+p', W: '-p', N: '+q', S: '-q' };
const DIAGONAL_SIDES: Partial<Record<Direction, RectSide>> = { NE: '+p', SW: '-p', NW: '+q', SE: '-q' };
const OPPOSITE_WORD: Record<Direction, string> = { N: '南', S: '北', E: '西', W: '东', NE: '西南', SW: '东北', NW: '东南', SE: '西北' };

/** The direction a clause stands for (the inferred one when the parser corrected a duplicate). */
export function effectiveDirection(c: { direction: Direction; inferredDirection: Direction | null }): Direction {
  return c.inferredDirection ?? c.direction;
}

/** The direction scheme of a zone's clauses. */
export function schemeOf(clauses: readonly Clause[]): SchemeOrMixed {
  const dirs = clauses.flatMap((c) =>
    c.type === 'base-point'
      ? c.legs.map((l) => l.direction)
      : c.type === 'offset' || c.type === 'limit'
        ? [effectiveDirection(c)]
        : [],
  );
  if (dirs.every((d) => d in CARDINAL_SIDES)) return 'cardinal';
  if (dirs.every((d) => d in DIAGONAL_SIDES)) return 'diagonal';
  return 'mixed';
}

/** The rectangle side a direction makes in a scheme. */
export function sideOf(scheme: Scheme, d: Direction): RectSide | undefined {
  return (scheme === 'cardinal' ? CARDINAL_SIDES : DIAGONAL_SIDES)[d];
}

/** The direction of a rectangle side in a scheme. */
export function directionOfSide(scheme: Scheme, side: RectSide): Direction {
  const table = scheme === 'cardinal' ? CARDINAL_SIDES : DIAGONAL_SIDES;
  return (Object.entries(table).find(([, s]) => s === side)?.[0] ?? 'N') as Direction;
}

/** True when a clause measures from a reference on the opposite side (南由北城墙…). */
function fromOppositeWall(c: Clause, record: RelicSiteRecord): boolean {
  if (c.type !== 'offset' || !c.reference) return false;
  const flagged = record.flags.some((f) => f.code === 'ODD_REFERENCE' && f.span && f.span[0] < c.span[1] && c.span[0] < f.span[1]);
  return flagged || c.reference.startsWith(OPPOSITE_WORD[effectiveDirection(c)]);
}

/** The sides of a rectangle zone as read: metres (null: not given), the clause of each side, and problems. */
export interface SideRead {
  specs: Record<RectSide, SideSpec>;
  /** Text of the clause that made each side (for labelling an unknown side). */
  clauseOf: Partial<Record<RectSide, string>>;
  problems: string[];
}

/** Reads the four sides of a rectangle zone in a scheme. */
export function readSides(zone: Zone, scheme: Scheme, record: RelicSiteRecord): SideRead {
  const specs = Object.fromEntries(RECT_SIDES.map((s) => [s, { metres: null, fromOppositeWall: false }])) as Record<RectSide, SideSpec>;
  const clauseOf: Partial<Record<RectSide, string>> = {};
  const problems: string[] = [];
  const seen = new Set<RectSide>();
  const set = (side: RectSide, spec: SideSpec, text: string, label: string): void => {
    if (seen.has(side)) problems.push(`side ${label} given twice; the later clause wins: ${text}`);
    seen.add(side);
    specs[side] = spec;
    clauseOf[side] = text;
  };
  for (const c of zone.clauses) {
    if (c.type === 'uniform') {
      for (const s of RECT_SIDES) {
        specs[s] = { metres: c.metres, fromOppositeWall: false };
        clauseOf[s] = c.text;
        seen.add(s);
      }
      continue;
    }
    if (c.type === 'base-point') {
      for (const leg of c.legs) {
        const side = sideOf(scheme, leg.direction);
        if (!side) problems.push(`direction ${leg.direction} does not fit the ${scheme} scheme: ${leg.text}`);
        else set(side, { metres: leg.metres, fromOppositeWall: false }, leg.text, leg.direction);
      }
      continue;
    }
    if (c.type === 'same-as') {
      const sides = c.direction ? [sideOf(scheme, c.direction)].filter((s): s is RectSide => !!s) : [...RECT_SIDES];
      for (const s of sides) set(s, { metres: 0, fromOppositeWall: false }, c.text, c.direction ?? 'all');
      continue;
    }
    if (c.type !== 'offset' && c.type !== 'limit') {
      problems.push(`clause type ${c.type} not used for a relic rectangle: ${c.text}`);
      continue;
    }
    const d = effectiveDirection(c);
    const side = sideOf(scheme, d);
    if (!side) {
      problems.push(`direction ${d} does not fit the ${scheme} scheme: ${c.text}`);
      continue;
    }
    set(side, { metres: c.type === 'offset' ? c.metres : null, fromOppositeWall: fromOppositeWall(c, record) }, c.text, d);
  }
  return { specs, clauseOf, problems };
}

/** Sides of a read without metres (in the order N/E/S/W or NE/…), and the specs with those sides at 0 m. */
export function unknownSidesAtZero(read: SideRead): { specs: Record<RectSide, SideSpec>; unknown: RectSide[] } {
  const unknown = RECT_SIDES.filter((s) => read.specs[s].metres === null);
  const specs = Object.fromEntries(RECT_SIDES.map((s) => [s, { ...read.specs[s], metres: read.specs[s].metres ?? 0 }])) as Record<RectSide, SideSpec>;
  return { specs, unknown };
}

/** Per-direction offsets of a zone with up to eight directions (limits without metres: null). */
export function directionOffsets(zone: Zone): { offsets: Map<Direction, number | null>; problems: string[] } {
  const offsets = new Map<Direction, number | null>();
  const problems: string[] = [];
  for (const c of zone.clauses) {
    if (c.type === 'offset' || c.type === 'limit') {
      const d = effectiveDirection(c);
      if (offsets.has(d)) problems.push(`side ${d} given twice; the later clause wins: ${c.text}`);
      offsets.set(d, c.type === 'offset' ? c.metres : null);
    } else if (c.type === 'base-point') {
      for (const l of c.legs) offsets.set(l.direction, l.metres);
    } else if (c.type === 'same-as' && c.direction) {
      offsets.set(c.direction, 0);
    } else {
      problems.push(`clause type ${c.type} not used with eight-direction offsets: ${c.text}`);
    }
  }
  return { offsets, problems };
}

/** The clauses of a zone with the edge each made, for the inspector's highlighting. */
export function clauseList(zone: Zone, role: string): { text: string; edge: string | null; role: string }[] {
  return zone.clauses.map((c) => ({
    text: c.text,
    edge: c.type === 'offset' || c.type === 'limit' ? effectiveDirection(c) : c.type === 'same-as' ? c.direction : null,
    role,
  }));
}

/** Offsets per direction name of a scheme. */
export function offsetsByDirection(scheme: Scheme, offsets: Record<RectSide, number>): Record<string, number> {
  return Object.fromEntries(RECT_SIDES.map((s) => [directionOfSide(scheme, s), offsets[s]]));
}
