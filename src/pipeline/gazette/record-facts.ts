import type { Clause, Direction, GazetteRecord, Span, Zone } from '../../core/model/gazette-record';

/**
 * The facts a record states, flattened: every distance with its direction and the zone it belongs
 * to, every limit feature, every area in m². Used to score the parser against hand-written
 * expected facts and by the property test that perturbs numbers and directions.
 */

/** Which zone a relic fact belongs to; `null` for park and land records. */
export interface FactZone {
  readonly zone: 'protection' | 'control' | null;
  /** 1, 2 or 3 for 一类/二类/三类建设控制地带. */
  readonly grade: number | null;
}

/** One fact of a record. `direction` is a compass direction, `all` (every side) or `sides` (both sides of a line). */
export type RecordFact = FactZone &
  (
    | { readonly kind: 'offset'; readonly direction: Direction | 'all' | 'sides'; readonly metres: number; readonly span: Span }
    | { readonly kind: 'limit'; readonly direction: Direction | 'all'; readonly text: string; readonly span: Span }
    | { readonly kind: 'bound'; readonly direction: Direction; readonly text: string; readonly span: Span }
    | { readonly kind: 'radius'; readonly metres: number; readonly span: Span }
    | { readonly kind: 'area'; readonly m2: number; readonly span: Span }
    | { readonly kind: 'same-as-protection'; readonly direction?: Direction; readonly span: Span }
    | { readonly kind: 'corner'; readonly direction: Direction; readonly lat: number; readonly lon: number; readonly span: Span }
  );

const CARDINAL_ORDER: readonly Direction[] = ['E', 'S', 'W', 'N'];

function clauseFacts(c: Clause, z: FactZone): RecordFact[] {
  const out: RecordFact[] = [];
  switch (c.type) {
    case 'offset': {
      const direction = c.inferredDirection ?? c.direction;
      out.push({ ...z, kind: 'offset', direction, metres: c.metres, span: c.span });
      if (c.limit !== null) out.push({ ...z, kind: 'limit', direction, text: c.limit, span: c.span });
      break;
    }
    case 'limit':
      out.push({ ...z, kind: 'limit', direction: c.inferredDirection ?? c.direction, text: c.limit, span: c.span });
      break;
    case 'uniform':
      out.push({ ...z, kind: 'offset', direction: 'all', metres: c.metres, span: c.span });
      if (c.limit !== null) out.push({ ...z, kind: 'limit', direction: 'all', text: c.limit, span: c.span });
      break;
    case 'radius':
      out.push({ ...z, kind: 'radius', metres: c.metres, span: c.span });
      break;
    case 'base-point':
      for (const leg of c.legs) {
        if (leg.metres !== null) out.push({ ...z, kind: 'offset', direction: leg.direction, metres: leg.metres, span: leg.span });
        if (leg.limit !== null) out.push({ ...z, kind: 'limit', direction: leg.direction, text: leg.limit, span: leg.span });
      }
      break;
    case 'rectangle':
      for (const d of CARDINAL_ORDER) {
        out.push({ ...z, kind: 'offset', direction: d, metres: d === 'E' || d === 'W' ? c.eastWestMetres : c.northSouthMetres, span: c.span });
      }
      break;
    case 'linear':
      out.push({ ...z, kind: 'offset', direction: 'sides', metres: c.metres, span: c.span });
      for (const end of c.ends) {
        if (end.metres !== null) out.push({ ...z, kind: 'offset', direction: end.direction, metres: end.metres, span: end.span });
        if (end.limit !== null) out.push({ ...z, kind: 'limit', direction: end.direction, text: end.limit, span: end.span });
      }
      break;
    case 'same-as':
      if (c.target === 'protection-range') out.push(c.direction === null ? { ...z, kind: 'same-as-protection', span: c.span } : { ...z, kind: 'same-as-protection', direction: c.direction, span: c.span });
      break;
    case 'corner':
      out.push({ ...z, kind: 'corner', direction: c.corner, lat: c.lat, lon: c.lon, span: c.span });
      break;
    case 'four-bounds':
      for (const s of c.sides) {
        for (const r of s.references) {
          out.push({ ...z, kind: 'bound', direction: s.direction, text: r.text, span: s.span });
          if (r.position?.metres != null) out.push({ ...z, kind: 'offset', direction: r.position.direction, metres: r.position.metres, span: s.span });
        }
      }
      break;
  }
  return out;
}

function zoneFacts(zone: Zone | null, z: FactZone): RecordFact[] {
  if (zone === null) return [];
  const out = zone.clauses.flatMap((c) => clauseFacts(c, z));
  if (zone.area !== null) out.push({ ...z, kind: 'area', m2: zone.area.m2, span: zone.area.span });
  return out;
}

/** Every fact a record states. */
export function recordFacts(r: GazetteRecord): RecordFact[] {
  const none: FactZone = { zone: null, grade: null };
  switch (r.kind) {
    case 'relic-site': {
      const out = [
        ...zoneFacts(r.protectionRange, { zone: 'protection', grade: null }),
        ...zoneFacts(r.controlZone, { zone: 'control', grade: null }),
      ];
      for (const g of r.gradedControlZones ?? []) out.push(...zoneFacts(g, { zone: 'control', grade: g.grade ?? null }));
      return out;
    }
    case 'chemical-park':
    case 'land-acquisition': {
      const out = r.clauses.flatMap((c) => clauseFacts(c, none));
      for (const a of r.areas) out.push({ ...none, kind: 'area', m2: a.m2, span: a.span });
      return out;
    }
    default:
      return r.areas.map((a) => ({ ...none, kind: 'area' as const, m2: a.m2, span: a.span }));
  }
}
