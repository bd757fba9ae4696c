import type { Point, Polygon } from 'geojson';
import { regionPolygon } from './radar-map-data';
import type { LonLat } from './radar-map-data';
import type { RadarSourceFeature } from './radar-state';

/** Default radius of the county disc when the feature states no precision (m). */
export const DEFAULT_DISC_M = 25_000;

/** The analysis disc of a radar: a centre and a radius in metres. */
export interface CountyDisc {
  readonly centre: LonLat;
  readonly radiusM: number;
}

/** The point of a radar feature. */
export function siteOf(f: RadarSourceFeature): LonLat {
  const c = (f.geometry as Point).coordinates;
  return [c[0] as number, c[1] as number];
}

/**
 * The county disc: centred on the county seat (the anchor at county level, else the site) with the
 * feature's position precision as radius (25 km when it states less than 1 km).
 */
export function countyDiscOf(f: RadarSourceFeature): CountyDisc {
  const a = f.props.anchor;
  return {
    centre: a && a.level === 'county' ? [a.lon, a.lat] : siteOf(f),
    radiusM: f.props.precisionM >= 1000 ? f.props.precisionM : DEFAULT_DISC_M,
  };
}

/** The analysis region: the polygon the user drew (≥ 3 vertices) or the county disc. */
export function analysisRegion(disc: CountyDisc, drawn: readonly LonLat[] | null): Polygon {
  return regionPolygon(disc.centre, disc.radiusM, drawn);
}

/**
 * The lon/lat box a DEM window must cover for analyses of the region from `site` out to `maxRangeM`
 * (2 % margin), and a key that changes only when the box does (to 1e-4°).
 */
export function demWindow(region: Polygon, site: LonLat, maxRangeM: number): { bbox: [number, number, number, number]; key: string } {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of [...(region.coordinates[0] ?? []), site]) {
    const lon = p[0] as number;
    const lat = p[1] as number;
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  const r = maxRangeM * 1.02;
  const dLat = r / 110_900;
  const dLon = r / (111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180));
  const bbox: [number, number, number, number] = [w - dLon, s - dLat, e + dLon, n + dLat];
  return { bbox, key: bbox.map((v) => v.toFixed(4)).join(',') };
}
