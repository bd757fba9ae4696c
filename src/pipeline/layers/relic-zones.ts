import type { Polygon } from 'geojson';
import type { Gazetteer, ResolvedPlace } from '../../core/gazetteer/resolve-place';
import type { Clause, Direction, RelicSiteRecord, SourceRecordsFile, Zone } from '../../core/model/gazette-record';
import { growRectangle, RECT_SIDES, RECT_SOLVE_NOTES, solveOffsetRectangle } from '../../core/geometry/offset-rectangle';
import type { RectSide, SideSpec } from '../../core/geometry/offset-rectangle';
import { parseAddress } from './address';
import { AnchorFrame, polygonAreaM2, reversed } from './frame-geometry';
import { anchorFlag, baseProps, featureId } from './feature-base';
import type { GeometryQaItem, LayerFeature } from './feature-base';

/** Construction methods of relic zones. */
export const RELIC_METHODS = {
  SOLVED: 'offset-rectangle-solved',
  POINT_FOOTPRINT: 'offset-rectangle-point-footprint',
  LIMITS_ONLY: 'limits-only-area-square',
  BASE_POINT: 'base-point-rectangle',
  CONTROL_RING: 'control-ring-from-protection',
} as const;

const CARDINAL_SIDES: Partial<Record<Direction, RectSide>> = { E: '+p', W: '-p', N: '+q', S: '-q' };
const DIAGONAL_SIDES: Partial<Record<Direction, RectSide>> = { NE: '+p', SW: '-p', NW: '+q', SE: '-q' };
const OPPOSITE_WORD: Record<Direction, string> = { N: '南', S: '北', E: '西', W: '东', NE: '西南', SW: '东北', NW: '东南', SE: '西北' };

type Scheme = 'cardinal' | 'diagonal';

function effectiveDirection(c: { direction: Direction; inferredDirection: Direction | null }): Direction {
  return c.inferredDirection ?? c.direction;
}

function schemeOf(clauses: readonly Clause[]): Scheme | null {
  const dirs = clauses.flatMap((c) =>
    c.type === 'base-point'
      ? c.legs.map((l) => l.direction)
      : 'direction' in c && c.direction && c.type !== 'same-as'
        ? [effectiveDirection(c as { direction: Direction; inferredDirection: Direction | null })]
        : [],
  );
  if (dirs.length === 0) return 'cardinal';
  if (dirs.every((d) => d in CARDINAL_SIDES)) return 'cardinal';
  if (dirs.every((d) => d in DIAGONAL_SIDES)) return 'diagonal';
  return null;
}

function sideOf(scheme: Scheme, d: Direction): RectSide | undefined {
  return (scheme === 'cardinal' ? CARDINAL_SIDES : DIAGONAL_SIDES)[d];
}

function directionOfSide(scheme: Scheme, side: RectSide): Direction {
  const table = scheme === 'cardinal' ? CARDINAL_SIDES : DIAGONAL_SIDES;
  return (Object.entries(table).find(([, s]) => s === side)?.[0] ?? 'N') as Direction;
}

/** True when a clause measures from a reference on the opposite side (南由北城墙…). */
function fromOppositeWall(c: Clause, record: RelicSiteRecord): boolean {
  if (c.type !== 'offset' || !c.reference) return false;
  const flagged = record.flags.some((f) => f.code === 'ODD_REFERENCE' && f.span && f.span[0] < c.span[1] && c.span[0] < f.span[1]);
  return flagged || c.reference.startsWith(OPPOSITE_WORD[effectiveDirection(c)]);
}

interface SideRead {
  specs: Record<RectSide, SideSpec>;
  problems: string[];
}

function readSides(zone: Zone, scheme: Scheme, record: RelicSiteRecord): SideRead {
  const specs = Object.fromEntries(RECT_SIDES.map((s) => [s, { metres: null, fromOppositeWall: false }])) as Record<RectSide, SideSpec>;
  const problems: string[] = [];
  const seen = new Set<RectSide>();
  for (const c of zone.clauses) {
    if (c.type === 'uniform') {
      for (const s of RECT_SIDES) specs[s] = { metres: c.metres, fromOppositeWall: false };
      continue;
    }
    if (c.type === 'base-point') {
      for (const leg of c.legs) {
        const side = sideOf(scheme, leg.direction);
        if (!side) {
          problems.push(`direction ${leg.direction} does not fit the ${scheme} scheme: ${leg.text}`);
          continue;
        }
        if (seen.has(side)) problems.push(`side ${leg.direction} given twice; the later leg wins: ${leg.text}`);
        seen.add(side);
        specs[side] = { metres: leg.metres, fromOppositeWall: false };
      }
      continue;
    }
    if (c.type === 'same-as') {
      const sides = c.direction ? [sideOf(scheme, c.direction)].filter((s): s is RectSide => !!s) : [...RECT_SIDES];
      for (const s of sides) specs[s] = { metres: 0, fromOppositeWall: false };
      continue;
    }
    if (c.type !== 'offset' && c.type !== 'limit') {
      problems.push(`clause type ${c.type} not used for a relic rectangle: ${c.text}`);
      continue;
    }
    const side = sideOf(scheme, effectiveDirection(c));
    if (!side) {
      problems.push(`direction ${effectiveDirection(c)} does not fit the ${scheme} scheme: ${c.text}`);
      continue;
    }
    if (seen.has(side)) problems.push(`side ${effectiveDirection(c)} given twice; the later clause wins: ${c.text}`);
    seen.add(side);
    specs[side] = { metres: c.type === 'offset' ? c.metres : null, fromOppositeWall: fromOppositeWall(c, record) };
  }
  return { specs, problems };
}

function clauseList(zone: Zone, role: string): { text: string; edge: string | null; role: string }[] {
  return zone.clauses.map((c) => ({
    text: c.text,
    edge: 'direction' in c && c.direction ? effectiveDirection(c as { direction: Direction; inferredDirection: Direction | null }) : null,
    role,
  }));
}

function offsetsByDirection(scheme: Scheme, offsets: Record<RectSide, number>): Record<string, number> {
  return Object.fromEntries(RECT_SIDES.map((s) => [directionOfSide(scheme, s), offsets[s]]));
}

/** Resolves where a relic site lies: its village (or the site itself) in its township and county. */
export function resolveRelicSite(record: RelicSiteRecord, gazetteer: Gazetteer): ResolvedPlace | null {
  const addr = parseAddress(record.address);
  const county = addr.county ?? record.county ?? record.listedUnder;
  if (!county) return null;
  const byName = gazetteer.resolve({ name: record.name, county });
  if (byName.ok && byName.via !== 'county') return byName;
  const place = gazetteer.resolve({ name: addr.village ?? record.name, county, township: addr.township });
  return place.ok ? place : null;
}

/** Builds the protection-range and construction-control features of one relic site. */
export function buildRelicSite(
  file: SourceRecordsFile,
  record: RelicSiteRecord,
  gazetteer: Gazetteer,
): { features: LayerFeature[]; qa: GeometryQaItem[] } {
  const qa: GeometryQaItem[] = [];
  const say = (featureIdValue: string | null, code: string, message: string): void => {
    qa.push({ featureId: featureIdValue, recordId: record.id, name: record.name, code, message });
  };
  const place = resolveRelicSite(record, gazetteer);
  if (!place) {
    say(null, 'UNRESOLVED_PLACE', `no county for ${record.name}; not drawn`);
    return { features: [], qa };
  }
  if (place.via !== 'own-anchor' && place.via !== 'override') say(null, 'ANCHOR_APPROXIMATE', place.explanation);
  const pr = record.protectionRange;
  if (!pr) {
    say(null, 'NO_PROTECTION_RANGE', 'the text gives no protection range; not drawn');
    return { features: [], qa };
  }
  const scheme = schemeOf(pr.clauses);
  if (!scheme) {
    say(null, 'MIXED_SCHEME', 'cardinal and diagonal directions mixed; not drawn');
    return { features: [], qa };
  }
  const af = new AnchorFrame(place.anchor.lon, place.anchor.lat);
  const read = readSides(pr, scheme, record);
  const pid = featureId('relic-protection', record.id);
  for (const p of read.problems) say(pid, 'CLAUSE_NOT_USED', p);
  const pointReference = pr.clauses.some((c) => c.type === 'base-point');
  const solved = solveOffsetRectangle({ sides: read.specs, statedAreaM2: pr.area?.m2 ?? null, pointReference });
  const protection: Polygon = { type: 'Polygon', coordinates: [af.rectangle(scheme, solved.pRange, solved.qRange)] };
  const pArea = polygonAreaM2(protection);
  const pStated = pr.area?.m2 ?? null;
  const pMethod = solved.notes.includes(RECT_SOLVE_NOTES.LIMITS_ONLY)
    ? RELIC_METHODS.LIMITS_ONLY
    : solved.notes.includes(RECT_SOLVE_NOTES.POINT_REFERENCE)
      ? RELIC_METHODS.BASE_POINT
      : solved.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)
      ? RELIC_METHODS.POINT_FOOTPRINT
      : RELIC_METHODS.SOLVED;
  const pFlags = [...anchorFlag(place), ...solved.notes.filter((n) => n !== RECT_SOLVE_NOTES.SOLVED).map((n) => n.toUpperCase().replace(/-/g, '_'))];
  const pResidual = pStated ? (pArea - pStated) / pStated : null;
  if (pointReference && pResidual !== null && Math.abs(pResidual) > 0.005) {
    say(pid, 'AREA_RESIDUAL', `offsets from the base point give ${solved.areaM2.toFixed(2)} m² against stated ${pStated} m² (${(100 * pResidual).toFixed(2)} %)`);
  }
  if (solved.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)) {
    say(pid, 'AREA_UNREACHABLE', `offsets alone give ${solved.areaM2.toFixed(2)} m² > stated ${pStated} m²; point footprint, residual ${(100 * (pResidual ?? 0)).toFixed(2)} %`);
  }
  if (solved.assumedSides.length > 0) {
    say(pid, 'ASSUMED_OFFSETS', `no metres for ${solved.assumedSides.map((s) => directionOfSide(scheme, s)).join(', ')}; ${pMethod === RELIC_METHODS.LIMITS_ONLY ? 'square of the stated area' : 'mean of the known offsets used'}`);
  }
  const features: LayerFeature[] = [];
  features.push({
    type: 'Feature',
    id: pid,
    geometry: protection,
    properties: {
      ...baseProps(file, record, 'relic-protection', place),
      name: `${record.name} 保护范围`,
      method: pMethod,
      statedAreaM2: pStated,
      computedAreaM2: pArea,
      areaResidual: pResidual,
      flags: [...new Set([...record.flags.map((f) => f.code), ...pFlags])].sort(),
      clauses: clauseList(pr, 'protection-range'),
      construction: {
        frameEpsg: af.frame.epsg,
        scheme,
        footprintM: solved.footprintM,
        offsetsM: offsetsByDirection(scheme, solved.offsetsM),
        assumedSides: solved.assumedSides.map((s) => directionOfSide(scheme, s)),
        notes: solved.notes,
      },
    },
  });

  const cz = record.controlZone;
  if (cz) {
    const cid = featureId('relic-control', record.id);
    const cScheme = schemeOf(cz.clauses) ?? scheme;
    if (cScheme !== scheme) say(cid, 'SCHEME_DIFFERS', 'control zone uses another direction scheme than the protection range; drawn in the protection scheme');
    const cRead = readSides(cz, scheme, record);
    for (const p of cRead.problems) say(cid, 'CLAUSE_NOT_USED', p);
    const offsets = Object.fromEntries(RECT_SIDES.map((s) => [s, cRead.specs[s].metres])) as Record<RectSide, number | null>;
    const ring = growRectangle(solved, offsets);
    if (ring.ringAreaM2 <= 0) {
      say(cid, 'EMPTY_CONTROL_ZONE', 'the control zone equals the protection range; not drawn');
    } else {
      const control: Polygon = {
        type: 'Polygon',
        coordinates: [af.rectangle(scheme, ring.pRange, ring.qRange), reversed(af.rectangle(scheme, solved.pRange, solved.qRange))],
      };
      const cArea = polygonAreaM2(control);
      const cStated = cz.area?.m2 ?? null;
      const cResidual = cStated ? (cArea - cStated) / cStated : null;
      if (cResidual !== null && Math.abs(cResidual) > 0.005) {
        say(cid, 'CONTROL_AREA_RESIDUAL', `ring of the stated offsets gives ${cArea.toFixed(2)} m² against stated ${cStated} m² (${(100 * cResidual).toFixed(1)} %)`);
      }
      if (ring.assumedSides.length > 0) say(cid, 'ASSUMED_OFFSETS', `no metres for ${ring.assumedSides.map((s) => directionOfSide(scheme, s)).join(', ')}; mean of the known offsets used`);
      features.push({
        type: 'Feature',
        id: cid,
        geometry: control,
        properties: {
          ...baseProps(file, record, 'relic-control', place),
          name: `${record.name} 建设控制地带`,
          method: RELIC_METHODS.CONTROL_RING,
          statedAreaM2: cStated,
          computedAreaM2: cArea,
          areaResidual: cResidual,
          flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...(ring.assumedSides.length ? ['ASSUMED_OFFSETS'] : [])])].sort(),
          clauses: clauseList(cz, 'construction-control'),
          construction: {
            frameEpsg: af.frame.epsg,
            scheme,
            footprintM: null,
            offsetsM: offsetsByDirection(scheme, ring.offsetsM),
            assumedSides: ring.assumedSides.map((s) => directionOfSide(scheme, s)),
            notes: [],
          },
        },
      });
    }
  }
  return { features, qa };
}
