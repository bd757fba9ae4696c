import * as geographiclibNamespace from 'geographiclib-geodesic';
import type { Polygon, Position } from 'geojson';
import { GRS80_GEODESIC } from './geodesic';

type GeographicLib = typeof geographiclibNamespace;
const ns = geographiclibNamespace as Partial<GeographicLib> & { default?: GeographicLib };
const GEODESIC_CONSTS = (ns.Geodesic ?? ns.default?.Geodesic) as GeographicLib['Geodesic'];

/**
 * The point reached from `center` ([lon, lat], degrees) after `distanceM` metres along azimuth
 * `azimuthDeg` (clockwise from north) on the GRS80 ellipsoid.
 */
export function geodesicDestination(center: Position, azimuthDeg: number, distanceM: number): [number, number] {
  const lon = center[0];
  const lat = center[1];
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError('centre must be [lon, lat] with finite numbers');
  }
  const r = GRS80_GEODESIC.Direct(lat, lon, azimuthDeg, distanceM, GEODESIC_CONSTS.STANDARD);
  if (r.lat2 === undefined || r.lon2 === undefined) throw new Error('GeographicLib returned no position');
  return [r.lon2, r.lat2];
}

/**
 * A geodesic circle: the polygon whose vertices lie exactly `radiusM` metres (geodesic) from
 * `center`, counter-clockwise as RFC 7946 asks, with `steps` vertices (closed ring).
 */
export function geodesicCircle(center: Position, radiusM: number, steps = 64): Polygon {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radius must be positive, got ${radiusM}`);
  if (!Number.isInteger(steps) || steps < 8) throw new RangeError('steps must be an integer ≥ 8');
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    // Azimuth decreasing from 360° runs counter-clockwise seen from above.
    ring.push(geodesicDestination(center, 360 - (360 * i) / steps, radiusM));
  }
  const first = ring[0];
  if (first) ring.push([first[0]!, first[1]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

const GRS80_A_M = 6378137;
const GRS80_E2 = 0.0066943800229;

/**
 * A circle for display (precision rings), ~50× cheaper than {@link geodesicCircle}: offsets scaled by the
 * ellipsoid's radii of curvature at the centre. For radii up to 30 km the vertices lie within 0.1 % of the
 * geodesic radius (checked in tests/unit/viewer); not for measuring.
 */
export function displayCircle(center: Position, radiusM: number, steps = 64): Polygon {
  const lon = center[0];
  const lat = center[1];
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError('centre must be [lon, lat] with finite numbers');
  }
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radius must be positive, got ${radiusM}`);
  const phi = (lat * Math.PI) / 180;
  const w = 1 - GRS80_E2 * Math.sin(phi) ** 2;
  const meridional = (GRS80_A_M * (1 - GRS80_E2)) / w ** 1.5;
  const normal = GRS80_A_M / Math.sqrt(w);
  const degLat = 180 / (Math.PI * meridional);
  const degLon = 180 / (Math.PI * normal * Math.cos(phi));
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([lon + radiusM * Math.cos(a) * degLon, lat + radiusM * Math.sin(a) * degLat]);
  }
  ring.push([ring[0]![0]!, ring[0]![1]!]);
  return { type: 'Polygon', coordinates: [ring] };
}
