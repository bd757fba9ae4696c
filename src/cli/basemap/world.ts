import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { intersection, type Geom } from 'polyclip-ts';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import { normalizePolygons } from './geojson-text';

/** Box the world layer is clipped to: China and its East/Central Asian neighbours. */
export const WORLD_BOX = { west: 70, east: 140, south: 15, north: 55 } as const;

/**
 * Natural Earth draws de facto borders and gives Taiwan (ISO numeric 158) its own feature. Maps published in
 * China must show Taiwan as part of China (a map with it as a separate country cannot pass 审图), so its polygons
 * are merged into China's feature. Other disputed borders are Natural Earth's de facto lines (see NOTICE.md).
 */
export const MERGED_INTO_CHINA: ReadonlySet<string> = new Set(['158']);
/** ISO 3166-1 numeric code of China in world-atlas. */
const CHINA_ISO = '156';

/** Properties of a country in world.geojson. */
export interface CountryProps {
  /** Natural Earth short name (English), e.g. "China". */
  name: string;
  /** ISO 3166-1 numeric code as world-atlas gives it ("156"), or "" where Natural Earth has none. */
  iso: string;
}

const countriesTopologySchema = z.object({
  type: z.literal('Topology'),
  objects: z.object({ countries: z.object({ type: z.literal('GeometryCollection') }).loose() }).loose(),
}).loose();

const countryPropsSchema = z.object({ name: z.string().min(1) }).loose();

function boxPolygon(b: typeof WORLD_BOX): Geom {
  return [
    [
      [b.west, b.south],
      [b.east, b.south],
      [b.east, b.north],
      [b.west, b.north],
      [b.west, b.south],
    ],
  ];
}

function toGeom(g: Polygon | MultiPolygon): Geom {
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((poly) => poly.map((ring) => ring.map((p): [number, number] => [p[0] ?? 0, p[1] ?? 0])));
}

/**
 * Builds the world layer from world-atlas `countries-50m.json` (parsed JSON): countries clipped to
 * {@link WORLD_BOX}, rounded, oriented by RFC 7946, sorted by name then ISO code.
 */
export function buildWorld(topologyJson: unknown): FeatureCollection<Polygon | MultiPolygon, CountryProps> {
  countriesTopologySchema.parse(topologyJson);
  const topo = topologyJson as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topo, topo.objects.countries);
  const box = boxPolygon(WORLD_BOX);
  const out: FeatureCollection<Polygon | MultiPolygon, CountryProps>['features'] = [];
  for (const f of countries.features) {
    const g = f.geometry as Polygon | MultiPolygon | null;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const props = countryPropsSchema.parse(f.properties);
    const clipped = normalizePolygons(intersection(toGeom(g), box));
    if (clipped.length === 0) continue;
    const [only] = clipped;
    const geometry: Polygon | MultiPolygon =
      clipped.length === 1 && only ? { type: 'Polygon', coordinates: only } : { type: 'MultiPolygon', coordinates: clipped };
    out.push({
      type: 'Feature',
      properties: { name: props.name, iso: f.id === undefined ? '' : String(f.id) },
      geometry,
    });
  }
  const china = out.find((f) => f.properties.iso === CHINA_ISO);
  if (china) {
    const polygons = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
    const merged = out.filter((f) => MERGED_INTO_CHINA.has(f.properties.iso));
    china.geometry = { type: 'MultiPolygon', coordinates: [...polygons(china.geometry), ...merged.flatMap((f) => polygons(f.geometry))] };
    for (const f of merged) out.splice(out.indexOf(f), 1);
  }
  const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  out.sort((a, b) => byCodeUnits(a.properties.name, b.properties.name) || byCodeUnits(a.properties.iso, b.properties.iso));
  return {
    type: 'FeatureCollection',
    features: out.map((f, i) => ({ type: 'Feature', id: i + 1, properties: f.properties, geometry: f.geometry })),
  };
}
