import type { Polygon } from 'geojson';
import type { Gazetteer, ResolvedPlace } from '../../core/gazetteer/resolve-place';
import type { RelicSiteRecord, SourceRecordsFile } from '../../core/model/gazette-record';
import { RECT_SOLVE_NOTES } from '../../core/geometry/offset-rectangle';
import { parseAddress } from './address';
import { AnchorFrame, polygonAreaM2, reversed } from './frame-geometry';
import { anchorFlag, baseProps, featureId, markerFeature } from './feature-base';
import type { GeometryQaItem, LayerFeature } from './feature-base';
import { buildGradedZones, gradedNotDrawn } from './relic-graded';
import { buildControlOuter, CONTROL_OUTCOMES, grow, rectangleOfFootprint, tryTwoAreas } from './relic-control';
import type { ControlOuter } from './relic-control';
import { buildProtection, planarArea, RELIC_METHODS, RELIC_NOTES, zoneRing } from './relic-protection';
import type { OddReading, ProtectionBuild, ZoneGeom } from './relic-protection';
import { clauseList } from './relic-sides';
import { aspect } from './two-area-solve';

export { RELIC_METHODS } from './relic-protection';

/** Smallest area (m²) drawn as a polygon: below it the shape is refused, never drawn as a sliver or a point. */
export const MIN_DRAWN_AREA_M2 = 1;
/** Largest area (m²) of a relic zone: above it the half-planes left the shape open. */
const MAX_ZONE_AREA_M2 = 1e10;

/** One row of the control-zone residual table: the square footprint (before) and the two-area solve (after). */
export interface ControlSolveRow {
  recordId: string;
  name: string;
  statedProtectionM2: number | null;
  statedControlM2: number | null;
  /** Control ring with the square footprint solved from the protection area alone. */
  beforeM2: number | null;
  /** Control ring as drawn. */
  afterM2: number | null;
  /** Footprint as drawn: "s" for a square, "w×h" for a rectangle, "–" when none. */
  footprint: string;
  /** What happened: two-area-solved, two-area-unreachable, not-applicable: …, not drawn: … */
  outcome: string;
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

function ringPolygon(af: AnchorFrame, outer: ZoneGeom, inner: ZoneGeom): Polygon {
  return { type: 'Polygon', coordinates: [zoneRing(af, outer), reversed(zoneRing(af, inner))] };
}

function range(r: [number, number]): string {
  return `[${r[0].toFixed(1)}, ${r[1].toFixed(1)}]`;
}

function oddMessage(o: OddReading): string {
  const lit = `literal reading (measured from the opposite wall): footprint ${o.literal.footprintM.toFixed(1)} m, p ${range(o.literal.pRange)} m, q ${range(o.literal.qRange)} m, ${o.literal.containsAnchor ? 'contains' : 'leaves out'} the site's own anchor`;
  const alt = `alternative reading (measured from the ${o.direction} side's own wall): footprint ${o.alternative.footprintM.toFixed(1)} m, p ${range(o.alternative.pRange)} m, q ${range(o.alternative.qRange)} m`;
  return `«${o.clause}» contradicts itself. ${lit}; ${alt}. Drawn: ${o.drawn}.`;
}

function protectionFlags(record: RelicSiteRecord, place: ResolvedPlace, prot: ProtectionBuild): string[] {
  const solver = prot.notes.filter((n) => n !== RECT_SOLVE_NOTES.SOLVED && n !== RECT_SOLVE_NOTES.POINT_REFERENCE).map((n) => n.toUpperCase().replace(/-/g, '_'));
  return [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...solver])].sort();
}

/** Applies the two-area solve to a protection build and its control outer; returns the outcome text. */
function solveBothAreas(prot: ProtectionBuild, outer: ControlOuter, pStated: number | null, cStated: number | null, say: (code: string, message: string) => void): { prot: ProtectionBuild; outer: ControlOuter; outcome: string } {
  const attempt = tryTwoAreas(prot, outer, pStated, cStated);
  if (!attempt.applicable) return { prot, outer, outcome: `not applicable: ${attempt.why}` };
  const r = attempt.result;
  if (!r.ok) {
    const [lo, hi] = r.ringRangeM2;
    say('TWO_AREA_UNREACHABLE', `no rectangular footprint gives both stated areas: with the protection area exact, the control ring can only be ${lo.toFixed(0)}–${hi === null ? '∞' : hi.toFixed(0)} m² (stated ${cStated} m²); square footprint kept`);
    return { prot, outer, outcome: 'two-area unreachable' };
  }
  if (prot.geom.kind !== 'rect' || prot.sideOffsets === null || !outer.ok || outer.sideOffsets === null) return { prot, outer, outcome: 'not applicable' };
  const f = r.footprint;
  const inner = rectangleOfFootprint(prot.geom.scheme, f, prot.sideOffsets);
  if (r.other) say('TWO_AREA_OTHER_SOLUTION', `two footprints give both areas: ${f.w.toFixed(1)} × ${f.h.toFixed(1)} m drawn (closer to a square), ${r.other.w.toFixed(1)} × ${r.other.h.toFixed(1)} m also fits`);
  if (aspect(f) > 5) say('TWO_AREA_ELONGATED', `the footprint that gives both areas is ${f.w.toFixed(1)} × ${f.h.toFixed(1)} m (aspect ${aspect(f).toFixed(1)})`);
  return {
    prot: { ...prot, geom: inner, method: RELIC_METHODS.TWO_AREA, footprintM: null, footprintPQM: [f.w, f.h], notes: [...prot.notes.filter((n) => n !== RECT_SOLVE_NOTES.SOLVED), RELIC_NOTES.TWO_AREA] },
    outer: { ...outer, geom: grow(inner, outer.sideOffsets) },
    outcome: 'two-area solved',
  };
}

/** Builds the protection-range and construction-control features of one relic site. */
export function buildRelicSite(
  file: SourceRecordsFile,
  record: RelicSiteRecord,
  gazetteer: Gazetteer,
): { features: LayerFeature[]; qa: GeometryQaItem[]; control: ControlSolveRow | null } {
  const qa: GeometryQaItem[] = [];
  const say = (featureIdValue: string | null, code: string, message: string): void => {
    qa.push({ featureId: featureIdValue, recordId: record.id, name: record.name, code, message });
  };
  const pr = record.protectionRange;
  const cz = record.controlZone;
  const row: ControlSolveRow | null = cz
    ? { recordId: record.id, name: record.name, statedProtectionM2: pr?.area?.m2 ?? null, statedControlM2: cz.area?.m2 ?? null, beforeM2: null, afterM2: null, footprint: '–', outcome: 'not drawn' }
    : null;
  const place = resolveRelicSite(record, gazetteer);
  const gradedQa = (notes: { featureId: string; code: string; message: string }[]): void => {
    for (const n of notes) say(n.featureId, n.code, n.message);
  };
  if (!place) {
    say(null, 'UNRESOLVED_PLACE', `no county for ${record.name}; not drawn`);
    gradedQa(gradedNotDrawn(record, 'the site has no position'));
    return { features: [], qa, control: row };
  }
  if (place.via !== 'own-anchor' && place.via !== 'override') say(null, 'ANCHOR_APPROXIMATE', place.explanation);
  if (!pr) {
    say(null, 'NO_PROTECTION_RANGE', 'the text gives no protection range; not drawn');
    gradedQa(gradedNotDrawn(record, 'the text gives no protection range to measure from'));
    return { features: [], qa, control: row };
  }
  const corners = [pr, cz, ...(record.gradedControlZones ?? [])].flatMap((z) => z?.clauses ?? []).filter((c) => c.type === 'corner');
  if (corners.length > 0) say(null, 'CORNERS_NOT_USED', `the text gives ${corners.length} corner coordinates (datum not stated: ${corners.map((c) => c.text).join('; ')}); the shapes are not drawn from them`);
  const af = new AnchorFrame(place.anchor.lon, place.anchor.lat);
  const pid = featureId('relic-protection', record.id);
  const cid = featureId('relic-control', record.id);
  const problems: string[] = [];
  let prot = buildProtection(pr, record, problems);
  for (const p of problems.splice(0)) say(pid, 'CLAUSE_NOT_USED', p);
  const pStated = pr.area?.m2 ?? null;
  const base = baseProps(file, record, 'relic-protection', place);
  const area0 = planarArea(prot.geom);
  if (!(area0 >= MIN_DRAWN_AREA_M2) || area0 > MAX_ZONE_AREA_M2) {
    const why = area0 > MAX_ZONE_AREA_M2 ? 'the stated directions leave the shape open' : `the clauses read give ${area0.toFixed(2)} m²${prot.unknown.length ? ` (no metres for ${prot.unknown.join(', ')})` : ''}${pStated === null ? ' and no area is stated' : ''}`;
    say(pid, 'SHAPE_NOT_DRAWN', `${why}: no polygon drawn, a marker at the anchor instead`);
    if (cz) say(cid, 'CONTROL_NOT_DRAWN', 'the protection range has no shape, so the control zone around it has none either');
    gradedQa(gradedNotDrawn(record, 'the protection range has no shape, so no ring around it is drawn'));
    const marker = markerFeature(pid, place.anchor, { ...base, name: `${record.name} 保护范围`, method: RELIC_METHODS.NOT_DRAWN, statedAreaM2: pStated, flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), 'SHAPE_NOT_DRAWN'])].sort() });
    return { features: [marker], qa, control: row };
  }

  let outer: ControlOuter | null = cz ? buildControlOuter(cz, prot.geom, record, problems) : null;
  for (const p of problems.splice(0)) say(cid, 'CLAUSE_NOT_USED', p);
  const cStated = cz?.area?.m2 ?? null;
  if (row && outer?.ok) {
    row.beforeM2 = polygonAreaM2(ringPolygon(af, outer.geom, prot.geom));
    const solved = solveBothAreas(prot, outer, pStated, cStated, (code, message) => say(cid, code, message));
    prot = solved.prot;
    outer = solved.outer;
    row.outcome = solved.outcome;
  }

  const protection: Polygon = { type: 'Polygon', coordinates: [zoneRing(af, prot.geom)] };
  const pArea = polygonAreaM2(protection);
  const pResidual = pStated ? (pArea - pStated) / pStated : null;
  if (prot.notes.includes(RECT_SOLVE_NOTES.UNREACHABLE)) {
    say(pid, 'AREA_UNREACHABLE', `offsets alone give ${planarArea(prot.geom).toFixed(2)} m² > stated ${pStated} m²; point footprint, residual ${(100 * (pResidual ?? 0)).toFixed(2)} %`);
  } else if (prot.notes.includes(RECT_SOLVE_NOTES.POINT_REFERENCE) && pResidual !== null && Math.abs(pResidual) > 0.005) {
    say(pid, 'AREA_RESIDUAL', `offsets from the centre point give ${planarArea(prot.geom).toFixed(2)} m² against stated ${pStated} m² (${(100 * pResidual).toFixed(2)} %)`);
  }
  if (prot.offsetsM === null && prot.unknown.length > 0) say(pid, 'SIDES_UNKNOWN', `no metres for any side (${prot.unknown.join(', ')}); a ${prot.footprintPQM ? 'rectangle solved from both stated areas' : 'square of the stated area'}, every side's position unknown`);
  else if (prot.unknown.length > 0) say(pid, 'SIDES_UNKNOWN', `no metres for ${prot.unknown.join(', ')} (${prot.unknownClauses.join('; ')}): drawn at the reference object's edge (0 m), position unknown`);
  if (prot.odd) say(pid, prot.odd.drawn === 'alternative' ? 'ALTERNATIVE_READING' : 'ODD_REFERENCE_READINGS', oddMessage(prot.odd));
  const features: LayerFeature[] = [
    {
      type: 'Feature',
      id: pid,
      geometry: protection,
      properties: {
        ...base,
        name: `${record.name} 保护范围`,
        method: prot.method,
        statedAreaM2: pStated,
        computedAreaM2: pArea,
        areaResidual: pResidual,
        flags: protectionFlags(record, place, prot),
        clauses: clauseList(pr, 'protection-range'),
        construction: {
          frameEpsg: af.frame.epsg,
          scheme: prot.scheme,
          footprintM: prot.footprintM,
          ...(prot.footprintPQM ? { footprintPQM: prot.footprintPQM } : {}),
          offsetsM: prot.offsetsM,
          assumedSides: prot.unknown,
          notes: prot.notes,
        },
      },
    },
  ];
  const graded = buildGradedZones(file, record, place, af, prot.geom, prot.scheme);
  features.push(...graded.features);
  gradedQa(graded.notes);
  if (row) row.footprint = prot.offsetsM === null && !prot.footprintPQM ? 'area only' : prot.footprintPQM ? `${prot.footprintPQM[0].toFixed(1)} × ${prot.footprintPQM[1].toFixed(1)}` : prot.footprintM !== null ? prot.footprintM.toFixed(1) : '–';

  if (!cz || !outer) return { features, qa, control: row };
  if (!outer.ok) {
    if (outer.outcome === CONTROL_OUTCOMES.SAME_AS_PROTECTION) say(cid, 'CONTROL_SAME_AS_PROTECTION', `the text says so («${cz.text}»): no separate ring drawn`);
    else say(cid, 'CONTROL_ZONE_UNPARSED', `the control-zone text was not read («${cz.text}»): not drawn`);
    if (row) row.outcome = outer.outcome === CONTROL_OUTCOMES.SAME_AS_PROTECTION ? 'same as protection' : 'unparsed';
    return { features, qa, control: row };
  }
  const ringArea = planarArea(outer.geom) - planarArea(prot.geom);
  if (!(ringArea >= MIN_DRAWN_AREA_M2)) {
    say(cid, 'CONTROL_ZONE_EMPTY', `the control offsets read (${outer.unknown.length ? `no metres for ${outer.unknown.join(', ')}` : 'all 0 m'}) give no ring: not drawn`);
    if (row) row.outcome = 'empty ring';
    return { features, qa, control: row };
  }
  const control = ringPolygon(af, outer.geom, prot.geom);
  const cArea = polygonAreaM2(control);
  const cResidual = cStated ? (cArea - cStated) / cStated : null;
  if (row) row.afterM2 = cArea;
  if (cResidual !== null && Math.abs(cResidual) > 0.005) {
    say(cid, 'CONTROL_AREA_RESIDUAL', `ring of the stated offsets gives ${cArea.toFixed(2)} m² against stated ${cStated} m² (${(100 * cResidual).toFixed(1)} %)`);
  }
  if (outer.unknown.length > 0) say(cid, 'SIDES_UNKNOWN', `no metres for ${outer.unknown.join(', ')}: the control boundary drawn on the protection boundary there, position unknown`);
  const unparsed = record.flags.filter((f) => f.code === 'UNPARSED_CLAUSE' && f.span && f.span[0] < cz.span[1] && cz.span[0] < f.span[1]);
  for (const f of unparsed) say(cid, 'CONTROL_PART_UNPARSED', f.message);
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
      flags: [...new Set([...record.flags.map((f) => f.code), ...anchorFlag(place), ...(outer.unknown.length ? ['UNKNOWN_SIDES'] : []), ...(prot.method === RELIC_METHODS.TWO_AREA ? ['TWO_AREA_SOLVED'] : [])])].sort(),
      clauses: clauseList(cz, 'construction-control'),
      construction: { frameEpsg: af.frame.epsg, scheme: prot.scheme, footprintM: null, offsetsM: outer.offsetsM, assumedSides: outer.unknown, notes: [] },
    },
  });
  return { features, qa, control: row };
}
