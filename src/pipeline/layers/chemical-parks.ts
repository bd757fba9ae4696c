import type { Polygon } from 'geojson';
import type { Gazetteer, ResolvedPlace } from '../../core/gazetteer/resolve-place';
import { COUNTY_FALLBACK_PRECISION_M } from '../../core/gazetteer/resolve-place';
import type { AnchorRef } from '../../core/model/feature-props';
import type { ChemicalParkRecord, Direction, SourceRecordsFile } from '../../core/model/gazette-record';
import { AnchorFrame, polygonAreaM2 } from './frame-geometry';
import { anchorFlag, baseProps, featureId, flagCodes, markerFeature } from './feature-base';
import type { GeometryQaItem, LayerFeature } from './feature-base';

/** Construction methods of chemical parks. */
export const PARK_METHODS = {
  /** The resolved references span a rectangle, scaled about its centre to the stated area. */
  BOUNDS_SCALED: 'four-bounds-scaled',
  /** The references do not span a rectangle (they share one anchor): a square of the stated area there. */
  ANCHOR_SQUARE: 'four-bounds-anchor-square',
  /** No boundary, no area: a marker at the county. */
  NO_BOUNDARY: 'no-boundary-marker',
} as const;

/** Sides narrower than this (m) do not define a rectangle. */
const MIN_SPAN_M = 50;

interface PlacedReference {
  side: Direction;
  name: string;
  place: ResolvedPlace;
}

function resolveReferences(record: ChemicalParkRecord, gazetteer: Gazetteer, county: string): { placed: PlacedReference[]; unresolved: string[] } {
  const refs = record.clauses.flatMap((c) => (c.type === 'four-bounds' ? c.sides.flatMap((s) => s.references.map((r) => ({ side: s.direction, name: r.anchor }))) : []));
  const first = refs.map((r) => ({ ...r, place: gazetteer.resolve({ name: r.name, county }) }));
  const towns = first.flatMap((r) => (r.place.ok && r.place.via === 'township' && r.place.township ? [r.place.township] : []));
  const counts = new Map<string, number>();
  for (const t of towns) counts.set(t, (counts.get(t) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const context = ranked[0] && ranked[0][1] > (ranked[1]?.[1] ?? 0) ? ranked[0][0] : null;
  const placed: PlacedReference[] = [];
  const unresolved: string[] = [];
  for (const r of refs) {
    const place = gazetteer.resolve({ name: r.name, county, contextTownship: context });
    if (place.ok && place.via !== 'county') placed.push({ side: r.side, name: r.name, place });
    else unresolved.push(`${r.name}: ${place.ok ? place.explanation.split(';')[0] : place.message}`);
  }
  return { placed, unresolved };
}

function centreAnchor(placed: PlacedReference[], best: ResolvedPlace | null, lon: number, lat: number): AnchorRef | null {
  if (!best) return null;
  const names = [...new Set(placed.map((p) => p.place.anchor.name))];
  if (names.length <= 1) return best.anchor;
  return {
    name: `centre of ${names.join(', ')}`,
    level: best.anchor.level,
    source: [...new Set(placed.map((p) => p.place.anchor.source))].join('; '),
    lon: Math.round(lon * 1e7) / 1e7,
    lat: Math.round(lat * 1e7) / 1e7,
  };
}

/** Builds a chemical park (or one cluster of it) from its 四至 and stated area. */
export function buildChemicalPark(
  file: SourceRecordsFile,
  record: ChemicalParkRecord,
  gazetteer: Gazetteer,
): { features: LayerFeature[]; qa: GeometryQaItem[] } {
  const qa: GeometryQaItem[] = [];
  const id = featureId('chemical-park', record.id);
  const say = (code: string, message: string): void => {
    qa.push({ featureId: id, recordId: record.id, name: record.name, code, message });
  };
  const county = record.county;
  const countyAnchor = county ? gazetteer.county(county) : undefined;
  if (!county || !countyAnchor) {
    say('UNRESOLVED_PLACE', `county ${county ?? '(none)'} unknown; not drawn`);
    return { features: [], qa };
  }
  const name = record.parent ? `${record.parent} ${record.name}` : record.name;
  const stated = record.areas.find((a) => a.qualifier === null || /面积/.test(a.qualifier ?? ''))?.m2 ?? record.areas[0]?.m2 ?? null;
  const countyPlace = gazetteer.resolve({ name: record.name, county });
  const { placed, unresolved } = resolveReferences(record, gazetteer, county);
  for (const u of unresolved) say('UNRESOLVED_REFERENCE', `${u}; not used for placement`);

  if (stated === null || placed.length === 0) {
    if (!countyPlace.ok) return { features: [], qa };
    if (stated === null) say('NO_AREA', 'no area and no boundary in the text: drawn as a marker at the county seat');
    else say('NO_PLACED_REFERENCE', 'no reference could be placed: a square of the stated area at the county seat');
  }
  if (stated === null) {
    return {
      features: [
        markerFeature(id, countyAnchor.wgs84, {
          ...baseProps(file, record, 'chemical-park', countyPlace.ok ? countyPlace : null),
          name,
          method: PARK_METHODS.NO_BOUNDARY,
          precisionM: COUNTY_FALLBACK_PRECISION_M,
          statedAreaM2: null,
          flags: flagCodes(record, ['NO_BOUNDARY']),
        }),
      ],
      qa,
    };
  }

  const anchors = placed.length > 0 ? placed.map((p) => p.place.anchor) : [{ lon: countyAnchor.wgs84.lon, lat: countyAnchor.wgs84.lat }];
  const centreLon = anchors.reduce((s, a) => s + a.lon, 0) / anchors.length;
  const centreLat = anchors.reduce((s, a) => s + a.lat, 0) / anchors.length;
  const af = new AnchorFrame(centreLon, centreLat);
  const local = placed.map((p) => {
    const [e, n] = af.frame.forward([p.place.anchor.lon, p.place.anchor.lat]);
    return { ...p, e: e! - af.origin[0], n: n! - af.origin[1] };
  });
  const sideValue = (d: Direction, axis: 'e' | 'n', pick: (xs: number[]) => number): number | null => {
    const xs = local.filter((p) => p.side === d).map((p) => p[axis]);
    return xs.length ? pick(xs) : null;
  };
  const east = sideValue('E', 'e', (xs) => Math.max(...xs));
  const west = sideValue('W', 'e', (xs) => Math.min(...xs));
  const north = sideValue('N', 'n', (xs) => Math.max(...xs));
  const south = sideValue('S', 'n', (xs) => Math.min(...xs));
  let method: string = PARK_METHODS.ANCHOR_SQUARE;
  let pRange: [number, number];
  let qRange: [number, number];
  const half = Math.sqrt(stated) / 2;
  if (east !== null && west !== null && north !== null && south !== null && east - west > MIN_SPAN_M && north - south > MIN_SPAN_M) {
    const k = Math.sqrt(stated / ((east - west) * (north - south)));
    const ce = (east + west) / 2;
    const cn = (north + south) / 2;
    pRange = [ce - (k * (east - west)) / 2, ce + (k * (east - west)) / 2];
    qRange = [cn - (k * (north - south)) / 2, cn + (k * (north - south)) / 2];
    method = PARK_METHODS.BOUNDS_SCALED;
  } else {
    pRange = [-half, half];
    qRange = [-half, half];
    if (placed.length > 0) say('SHAPE_UNKNOWN', `the placed references (${placed.map((p) => p.name).join('、')}) share ${new Set(placed.map((p) => p.place.anchor.name)).size} anchor point(s): a square of the stated area there; the true shape is unknown`);
  }
  const polygon: Polygon = { type: 'Polygon', coordinates: [af.rectangle('cardinal', pRange, qRange)] };
  const area = polygonAreaM2(polygon);
  const bestPlace = placed[0]?.place ?? (countyPlace.ok ? countyPlace : null);
  const precisionM = placed.length ? Math.max(...placed.map((p) => p.place.precisionM)) : COUNTY_FALLBACK_PRECISION_M;
  return {
    features: [
      {
        type: 'Feature',
        id,
        geometry: polygon,
        properties: {
          ...baseProps(file, record, 'chemical-park', bestPlace),
          anchor: centreAnchor(placed, bestPlace, centreLon, centreLat),
          name,
          method,
          precisionM,
          statedAreaM2: stated,
          computedAreaM2: area,
          areaResidual: (area - stated) / stated,
          flags: [...new Set([...record.flags.map((f) => f.code), ...(bestPlace ? anchorFlag(bestPlace) : []), ...(method === PARK_METHODS.ANCHOR_SQUARE ? ['SHAPE_UNKNOWN'] : [])])].sort(),
          clauses: record.clauses.flatMap((c) => (c.type === 'four-bounds' ? c.sides.map((s) => ({ text: s.text, edge: s.direction, role: 'four-bounds' })) : [])),
          construction: {
            frameEpsg: af.frame.epsg,
            scheme: 'cardinal',
            footprintM: null,
            offsetsM: null,
            assumedSides: [],
            notes: [method, `references placed: ${placed.map((p) => `${p.name}→${p.place.anchor.name}`).join(', ') || 'none'}`],
          },
        },
      },
    ],
    qa,
  };
}
