import * as geographiclibNamespace from 'geographiclib-geodesic';
import { GRS80_GEODESIC } from '../geo/geodesic';

/**
 * Polar helpers around a radar site on the GRS80 ellipsoid (GeographicLib): points along a
 * geodesic ray, and azimuth/distance of a point from the site.
 */

type GeographicLib = typeof geographiclibNamespace;
const ns = geographiclibNamespace as Partial<GeographicLib> & { default?: GeographicLib };
const CONSTS = (ns.Geodesic ?? ns.default?.Geodesic) as GeographicLib['Geodesic'];

/** A radar site: lon/lat in degrees (CGCS2000). */
export interface SitePoint {
  readonly lon: number;
  readonly lat: number;
}

function assertSite(site: SitePoint): void {
  if (!Number.isFinite(site.lon) || !Number.isFinite(site.lat) || Math.abs(site.lat) > 90) {
    throw new RangeError(`site must have finite lon/lat, got ${site.lon}, ${site.lat}`);
  }
}

/**
 * Lon/lat of the points at the given ground distances (m) along azimuth `azimuthDeg` (clockwise
 * from north) from the site. Returns [lons, lats].
 */
export function pointsAlongAzimuth(site: SitePoint, azimuthDeg: number, distancesM: ArrayLike<number>): [Float64Array, Float64Array] {
  assertSite(site);
  if (!Number.isFinite(azimuthDeg)) throw new RangeError('azimuth must be finite');
  const line = GRS80_GEODESIC.DirectLine(site.lat, site.lon, azimuthDeg, 1, CONSTS.LATITUDE | CONSTS.LONGITUDE | CONSTS.DISTANCE_IN);
  const lons = new Float64Array(distancesM.length);
  const lats = new Float64Array(distancesM.length);
  for (let i = 0; i < distancesM.length; i++) {
    const p = line.Position(distancesM[i] as number, CONSTS.LATITUDE | CONSTS.LONGITUDE);
    lons[i] = p.lon2 as number;
    lats[i] = p.lat2 as number;
  }
  return [lons, lats];
}

/** Azimuth (degrees clockwise from north, in [0, 360)) and geodesic distance (m) from the site. */
export function polarOf(site: SitePoint, lon: number, lat: number): { azimuthDeg: number; distanceM: number } {
  const r = GRS80_GEODESIC.Inverse(site.lat, site.lon, lat, lon, CONSTS.AZIMUTH | CONSTS.DISTANCE);
  const s = r.s12 ?? 0;
  let az = r.azi1 ?? 0;
  if (az < 0) az += 360;
  if (az >= 360) az -= 360;
  return { azimuthDeg: az, distanceM: s };
}
