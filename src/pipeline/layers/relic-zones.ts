import type { Polygon, Position } from 'geojson';
import type { Gazetteer, ResolvedPlace } from '../../core/gazetteer/resolve-place';
import type { Clause, Direction, RelicSiteRecord, SourceRecordsFile, Zone } from '../../core/model/gazette-record';
import { growRectangle, RECT_SIDES, RECT_SOLVE_NOTES, solveOffsetRectangle } from '../../core/geometry/offset-rectangle';
import { DIRECTION_VECTORS, halfPlanePolygon, ringArea, solveIncreasing } from '../../core/geometry/half-plane-polygon';
import type { HalfPlane } from '../../core/geometry/half-plane-polygon';
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
  CIRCLE: 'radius-circle',
  CENTRED_RECTANGLE: 'centred-rectangle',
  POLYGON: 'offset-polygon-solved',
  CONTROL_RING: 'control-ring-from-protection',
} as const;

const CARDINAL_SIDES: Partial<Record<Direction, RectSide>> = { E: '+p', W: '-p', N: '+q', S: '-q' };
const DIAGONAL_SIDES: Partial<Record<Direction, RectSide>> = { NE: '+p', SW: '-p', NW: '+q', SE: '-q' };
const OPPOSITE_WORD: Record<Direction, string> = { N: '南', S: '北', E: '西', W: '东', NE: '西南', SW: '东北', NW: '东南', SE: '西北' };

type Scheme = 'cardinal' | 'diagonal';
type SchemeOrMixed = Scheme | 'mixed';

function effectiveDirection(c: { direction: Direction; inferredDirection: Direction | null }): Direction {
  return c.inferredDirection ?? c.direction;
}

function schemeOf(clauses: readonly Clause[]): SchemeOrMixed {
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
  return 'mixed';
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

/** A zone shape in the anchor's local frame. */
type ZoneGeom =
  | { kind: 'rect'; scheme: Scheme; pRange: [number, number]; qRange: [number, number] }
  | { kind: 'poly'; planes: HalfPlane[] }
  | { kind: 'circle'; r: number };

function zoneRing(af: AnchorFrame, g: ZoneGeom): Position[] {
  if (g.kind === 'rect') return af.rectangle(g.scheme, g.pRange, g.qRange);
  if (g.kind === 'circle') return af.circle(g.r, 96);
  const pts = halfPlanePolygon(g.planes);
  const ring = pts.map(([e, n]) => af.toLonLat('cardinal', e, n));
  return [...ring, ring[0]!];
}

function planarArea(g: ZoneGeom): number {
  if (g.kind === 'rect') return (g.pRange[1] - g.pRange[0]) * (g.qRange[1] - g.qRange[0]);
  if (g.kind === 'circle') return Math.PI * g.r * g.r;
  return ringArea(halfPlanePolygon(g.planes));
}

interface ProtectionBuild {
  geom: ZoneGeom;
  method: string;
  footprintM: number | null;
  offsetsM: Record<string, number> | null;
  assumed: string[];
  notes: string[];
  scheme: 'cardinal' | 'diagonal' | 'circle' | 'none';
}

/** Per-direction offsets of a zone with up to eight directions (limits without metres: null). */
function directionOffsets(zone: Zone): { offsets: Map<Direction, number | null>; problems: string[] } {
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

function buildProtection(pr: Zone, record: RelicSiteRecord, problems: string[]): ProtectionBuild | null {
  const stated = pr.area?.m2 ?? null;
  const radius = pr.clauses.find((c) => c.type === 'radius');
  if (radius) {
    return { geom: { kind: 'circle', r: radius.metres }, method: RELIC_METHODS.CIRCLE, footprintM: 0, offsetsM: { r: radius.metres }, assumed: [], notes: [RECT_SOLVE_NOTES.POINT_REFERENCE], scheme: 'circle' };
  }
  const rect = pr.clauses.find((c) => c.type === 'rectangle');
  if (rect) {
    const point = !rect.reference || /中心|基点/.test(rect.reference);
    const solved = solveOffsetRectangle({
      sides: {
        '+p': { metres: rect.eastWestMetres, fromOppositeWall: false },
        '-p': { metres: rect.eastWestMetres, fromOppositeWall: false },
        '+q': { metres: rect.northSouthMetres, fromOppositeWall: false },
        '-q': { metres: rect.northSouthMetres, fromOppositeWall: false },
      },
      statedAreaM2: stated,
      pointReference: point,
    });
    return {
      geom: { kind: 'rect', scheme: 'cardinal', pRange: solved.pRange, qRange: solved.qRange },
      method: RELIC_METHODS.CENTRED_RECTANGLE,
      footprintM: solved.footprintM,
      offsetsM: offsetsByDirection('cardinal', solved.offsetsM),
      assumed: [],
      notes: solved.notes,
      scheme: 'cardinal',
    };
  }
  const scheme = schemeOf(pr.clauses);
  const pointReference = pr.clauses.some((c) => c.type === 'base-point');
  if (scheme === 'mixed') {
    const { offsets, problems: p } = directionOffsets(pr);
    problems.push(...p);
    const known = [...offsets.values()].filter((m): m is number => m !== null);
    const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
    const assumed = [...offsets.entries()].filter(([, m]) => m === null).map(([d]) => d);
    const planesAt = (s: number): HalfPlane[] =>
      [...offsets.entries()].map(([d, m]) => {
        const [ux, uy] = DIRECTION_VECTORS[d]!;
        const corner = d.length === 2 ? Math.SQRT2 / 2 : 1 / 2;
        return { ux, uy, h: corner * s + (m ?? mean) };
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
    if (assumed.length) notes.push(RECT_SOLVE_NOTES.ASSUMED_OFFSETS);
    return {
      geom: { kind: 'poly', planes: planesAt(s) },
      method: RELIC_METHODS.POLYGON,
      footprintM: s,
      offsetsM: Object.fromEntries([...offsets.entries()].map(([d, m]) => [d, m ?? mean])),
      assumed,
      notes,
      scheme: 'none',
    };
  }
  const read = readSides(pr, scheme, record);
  problems.push(...read.problems);
  const solved = solveOffsetRectangle({ sides: read.specs, statedAreaM2: stated, pointReference });
  const method = solved.notes.includes(RECT_SOLVE_NOTES.LIMITS_ONLY)
    ? RELIC_METHODS.LIMITS_ONLY
    : solved.notes.includes(RECT_SOLVE_NOTES.POINT_REFERENCE)
      ? RELIC_METHODS.BASE_POINT
      : solved.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)
        ? RELIC_METHODS.POINT_FOOTPRINT
        : RELIC_METHODS.SOLVED;
  return {
    geom: { kind: 'rect', scheme, pRange: solved.pRange, qRange: solved.qRange },
    method,
    footprintM: solved.footprintM,
    offsetsM: offsetsByDirection(scheme, solved.offsetsM),
    assumed: solved.assumedSides.map((x) => directionOfSide(scheme, x)),
    notes: solved.notes,
    scheme,
  };
}

/** Outer shape of a control zone around a protection shape, or null when the zone equals the protection range. */
function buildControlOuter(cz: Zone, inner: ZoneGeom, record: RelicSiteRecord, problems: string[]): { geom: ZoneGeom; offsetsM: Record<string, number> | null; assumed: string[] } | null {
  const radius = cz.clauses.find((c) => c.type === 'radius');
  if (radius) return { geom: { kind: 'circle', r: radius.metres }, offsetsM: { r: radius.metres }, assumed: [] };
  const rect = cz.clauses.find((c) => c.type === 'rectangle');
  if (rect && rect.referenceZone !== 'protection-range') {
    return {
      geom: { kind: 'rect', scheme: 'cardinal', pRange: [-rect.eastWestMetres, rect.eastWestMetres], qRange: [-rect.northSouthMetres, rect.northSouthMetres] },
      offsetsM: { EW: rect.eastWestMetres, NS: rect.northSouthMetres },
      assumed: [],
    };
  }
  if (cz.clauses.length > 0 && cz.clauses.every((c) => c.type === 'same-as' && c.direction === null)) return null;
  const uniform = cz.clauses.find((c) => c.type === 'uniform');
  if (inner.kind === 'circle') {
    if (uniform) return { geom: { kind: 'circle', r: inner.r + uniform.metres }, offsetsM: { all: uniform.metres }, assumed: [] };
    problems.push('per-direction offsets around a circle: grown from its bounding square');
    inner = { kind: 'rect', scheme: 'cardinal', pRange: [-inner.r, inner.r], qRange: [-inner.r, inner.r] };
  }
  if (inner.kind === 'poly') {
    const { offsets, problems: p } = uniform ? { offsets: new Map<Direction, number | null>(), problems: [] } : directionOffsets(cz);
    problems.push(...p);
    const known = [...offsets.values()].filter((m): m is number => m !== null);
    const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
    const planes = inner.planes.map((hp) => {
      const d = (Object.entries(DIRECTION_VECTORS).find(([, v]) => Math.abs(v[0] - hp.ux) < 1e-9 && Math.abs(v[1] - hp.uy) < 1e-9)?.[0] ?? 'N') as Direction;
      const grow = uniform ? uniform.metres : (offsets.get(d) ?? mean);
      return { ...hp, h: hp.h + grow };
    });
    const assumed = uniform ? [] : inner.planes.length > offsets.size ? ['(unlisted directions)'] : [...offsets.entries()].filter(([, m]) => m === null).map(([d]) => d);
    return { geom: { kind: 'poly', planes }, offsetsM: uniform ? { all: uniform.metres } : Object.fromEntries([...offsets.entries()].map(([d, m]) => [d, m ?? mean])), assumed };
  }
  const scheme = inner.scheme;
  let offsets: Record<RectSide, number | null>;
  if (uniform) offsets = { '+p': uniform.metres, '-p': uniform.metres, '+q': uniform.metres, '-q': uniform.metres };
  else if (rect) offsets = { '+p': rect.eastWestMetres, '-p': rect.eastWestMetres, '+q': rect.northSouthMetres, '-q': rect.northSouthMetres };
  else {
    const cScheme = schemeOf(cz.clauses);
    if (cScheme !== scheme) problems.push('control zone uses another direction scheme than the protection range; drawn in the protection scheme');
    const cRead = readSides(cz, scheme, record);
    problems.push(...cRead.problems);
    offsets = Object.fromEntries(RECT_SIDES.map((x) => [x, cRead.specs[x].metres])) as Record<RectSide, number | null>;
  }
  const ring = growRectangle(inner, offsets);
  return {
    geom: { kind: 'rect', scheme, pRange: ring.pRange, qRange: ring.qRange },
    offsetsM: offsetsByDirection(scheme, ring.offsetsM),
    assumed: ring.assumedSides.map((x) => directionOfSide(scheme, x)),
  };
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
  const af = new AnchorFrame(place.anchor.lon, place.anchor.lat);
  const pid = featureId('relic-protection', record.id);
  const problems: string[] = [];
  const prot = buildProtection(pr, record, problems);
  for (const p of problems.splice(0)) say(pid, 'CLAUSE_NOT_USED', p);
  if (!prot) return { features: [], qa };
  const protection: Polygon = { type: 'Polygon', coordinates: [zoneRing(af, prot.geom)] };
  const pArea = polygonAreaM2(protection);
  const pStated = pr.area?.m2 ?? null;
  const pResidual = pStated ? (pArea - pStated) / pStated : null;
  if (prot.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)) {
    say(pid, 'AREA_UNREACHABLE', `offsets alone give ${planarArea(prot.geom).toFixed(2)} m² > stated ${pStated} m²; point footprint, residual ${(100 * (pResidual ?? 0)).toFixed(2)} %`);
  } else if (prot.notes.includes(RECT_SOLVE_NOTES.POINT_REFERENCE) && pResidual !== null && Math.abs(pResidual) > 0.005) {
    say(pid, 'AREA_RESIDUAL', `offsets from the centre point give ${planarArea(prot.geom).toFixed(2)} m² against stated ${pStated} m² (${(100 * pResidual).toFixed(2)} %)`);
  }
  if (prot.assumed.length > 0) {
    say(pid, 'ASSUMED_OFFSETS', `no metres for ${prot.assumed.join(', ')}; ${prot.method === RELIC_METHODS.LIMITS_ONLY ? 'square of the stated area' : 'mean of the known offsets used'}`);
  }
  const features: LayerFeature[] = [];
  const solverFlags = prot.notes.filter((n) => n !== RECT_SOLVE_NOTES.SOLVED && n !== RECT_SOLVE_NOTES.POINT_REFERENCE).map((n) => n.toUpperCase().replace(/-/g, '_'));
  features.push({
    type: 'Feature',
    id: pid,
    geometry: protection,
    properties: {
      ...baseProps(file, record, 'relic-protection', place),
      name: `${record.name} 保护范围`,
      method: prot.method,
      statedAreaM2: pStated,
      computedAreaM2: pArea,
      areaResidual: pResidual,
      flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...solverFlags])].sort(),
      clauses: clauseList(pr, 'protection-range'),
      construction: { frameEpsg: af.frame.epsg, scheme: prot.scheme, footprintM: prot.footprintM, offsetsM: prot.offsetsM, assumedSides: prot.assumed, notes: prot.notes },
    },
  });

  const cz = record.controlZone;
  if (cz) {
    const cid = featureId('relic-control', record.id);
    const outer = buildControlOuter(cz, prot.geom, record, problems);
    for (const p of problems.splice(0)) say(cid, 'CLAUSE_NOT_USED', p);
    if (!outer || planarArea(outer.geom) <= planarArea(prot.geom)) {
      say(cid, 'EMPTY_CONTROL_ZONE', 'the control zone is the protection range itself (or lies inside it); not drawn');
    } else {
      const control: Polygon = { type: 'Polygon', coordinates: [zoneRing(af, outer.geom), reversed(zoneRing(af, prot.geom))] };
      const cArea = polygonAreaM2(control);
      const cStated = cz.area?.m2 ?? null;
      const cResidual = cStated ? (cArea - cStated) / cStated : null;
      if (cResidual !== null && Math.abs(cResidual) > 0.005) {
        say(cid, 'CONTROL_AREA_RESIDUAL', `ring of the stated offsets gives ${cArea.toFixed(2)} m² against stated ${cStated} m² (${(100 * cResidual).toFixed(1)} %)`);
      }
      if (outer.assumed.length > 0) say(cid, 'ASSUMED_OFFSETS', `no metres for ${outer.assumed.join(', ')}; mean of the known offsets used`);
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
          flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...(outer.assumed.length ? ['ASSUMED_OFFSETS'] : [])])].sort(),
          clauses: clauseList(cz, 'construction-control'),
          construction: { frameEpsg: af.frame.epsg, scheme: prot.scheme, footprintM: null, offsetsM: outer.offsetsM, assumedSides: outer.assumed, notes: [] },
        },
      });
    }
  }
  return { features, qa };
}
