import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { rangeRings } from '../../core/radar/beam-geometry';
import { blockageCells, DEFAULT_BLOCKAGE_CLASSES } from '../../core/radar/blockage-cells';
import type { BlockageGrid } from '../../core/radar/beam-blockage';
import { geodesicCircle, geodesicDestination } from '../../core/geo/circle';
import { protectedZoneFeatures } from '../../core/radar/protected-zones';
import type { RankedCandidate } from '../../core/radar/site-ranking';

/**
 * Map data of radar siting as FeatureCollections styled by their own properties (see
 * `MapApi.setAnalysisLayer`): range rings, protection zones, the analysis region, blockage cells,
 * candidate markers and the profile line.
 */

/** Colours of the CBB classes (≥10 %, ≥30 %, ≥50 %, ≥70 %; ColorBrewer YlOrRd) and of unknown terrain. */
export const BLOCKAGE_COLOURS: readonly string[] = ['#fed976', '#fd8d3c', '#e31a1c', '#800026'];
/** Colour of cells whose terrain is unknown. */
export const UNKNOWN_COLOUR = '#9e9e9e';
/** Class limits used for the map. */
export const BLOCKAGE_LIMITS = DEFAULT_BLOCKAGE_CLASSES;

/** A WGS84 position, [lon, lat] in degrees (the same shape as the map's `LonLat`). */
export type LonLat = readonly [number, number];

const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** Ring step for a maximum range: 10 km up to 100 km, then 50 km. */
export function ringStepM(maxRangeM: number): number {
  return maxRangeM <= 100_000 ? 10_000 : maxRangeM <= 300_000 ? 50_000 : 100_000;
}

/** Range rings, their labels (north of each ring) and the site marker. */
export function ringsData(site: LonLat, maxRangeM: number): FeatureCollection {
  const rings = rangeRings([site[0], site[1]], maxRangeM, ringStepM(maxRangeM));
  const features: Feature[] = [];
  for (const r of rings) {
    features.push({ type: 'Feature', properties: { id: `ring-${r.properties.radiusM}`, stroke: r.properties.isMax ? '#24384a' : '#57606a', strokeWidth: r.properties.isMax ? 2 : 1, dashed: !r.properties.isMax }, geometry: { type: 'LineString', coordinates: r.geometry.coordinates[0] ?? [] } });
    const top = geodesicDestination([site[0], site[1]], 0, r.properties.radiusM);
    features.push({ type: 'Feature', properties: { id: `ring-label-${r.properties.radiusM}`, label: r.properties.label, radius: 0, fill: '#ffffff', stroke: '#ffffff' }, geometry: { type: 'Point', coordinates: top } });
  }
  features.push({ type: 'Feature', properties: { id: 'radar-site', radius: 7, fill: '#24384a', stroke: '#ffffff' }, geometry: { type: 'Point', coordinates: [site[0], site[1]] } });
  return fc(features);
}

/** GB 31223 protection-zone discs of the site (they are conflict-rule input too). */
export function zonesData(id: string, name: string, site: LonLat, precisionM: number): FeatureCollection {
  const zones = protectedZoneFeatures({ id, name, lon: site[0], lat: site[1], precisionM });
  return fc(
    zones.map((z, i) => ({
      type: 'Feature',
      properties: { id: z.properties.id, name: z.properties.name, fill: i === 0 ? '#cc3311' : '#ee7733', fillOpacity: i === 0 ? 0.35 : 0.15, stroke: '#cc3311', strokeWidth: 1.5 },
      geometry: z.geometry,
    })),
  );
}

/** The county disc around the seat, or the polygon the user drew (closed when ≥ 3 vertices). */
export function regionPolygon(site: LonLat, discRadiusM: number, drawn: readonly LonLat[] | null): Polygon {
  if (drawn && drawn.length >= 3) {
    const ring = drawn.map((p) => [p[0], p[1]]);
    ring.push([drawn[0]![0], drawn[0]![1]]);
    return { type: 'Polygon', coordinates: [ring] };
  }
  return geodesicCircle([site[0], site[1]], discRadiusM, 96);
}

/** The analysis region's outline (and the vertices while drawing). */
export function regionData(region: Polygon | null, vertices: readonly LonLat[]): FeatureCollection {
  const features: Feature[] = [];
  if (region) features.push({ type: 'Feature', properties: { id: 'region', stroke: '#6a3d9a', strokeWidth: 2, dashed: true }, geometry: { type: 'LineString', coordinates: region.coordinates[0] ?? [] } });
  if (vertices.length >= 2) features.push({ type: 'Feature', properties: { id: 'region-draft', stroke: '#6a3d9a', strokeWidth: 2 }, geometry: { type: 'LineString', coordinates: vertices.map((v) => [v[0], v[1]]) } });
  vertices.forEach((v, i) => features.push({ type: 'Feature', properties: { id: `vertex-${i}`, radius: 4, fill: '#ffffff', stroke: '#6a3d9a' }, geometry: { type: 'Point', coordinates: [v[0], v[1]] } }));
  return fc(features);
}

/** Blockage cells coloured by CBB class. */
export function blockageData(grid: BlockageGrid): FeatureCollection {
  const cells = blockageCells(grid, BLOCKAGE_LIMITS);
  return fc(
    cells.features.map((c) => ({
      ...c,
      properties: { ...c.properties, fill: c.properties.cls < 0 ? UNKNOWN_COLOUR : (BLOCKAGE_COLOURS[c.properties.cls] ?? '#800026'), fillOpacity: 0.6 },
    })),
  );
}

/** Numbered candidate markers (rank 1 on top). */
export function candidatesData(ranked: readonly RankedCandidate[]): FeatureCollection {
  return fc(
    [...ranked].reverse().map((c) => ({
      type: 'Feature',
      properties: { id: c.id, label: String(c.rank), radius: 10, fill: c.rank === 1 ? '#e69f00' : '#f5d28a', stroke: '#000000' },
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
    })),
  );
}

/** The profile's ground track. */
export function profileLineData(lons: ArrayLike<number>, lats: ArrayLike<number>): FeatureCollection {
  const coords: number[][] = [];
  for (let i = 0; i < lons.length; i++) coords.push([lons[i] as number, lats[i] as number]);
  return fc([{ type: 'Feature', properties: { id: 'profile-line', stroke: '#0072B2', strokeWidth: 3 }, geometry: { type: 'LineString', coordinates: coords } }]);
}
