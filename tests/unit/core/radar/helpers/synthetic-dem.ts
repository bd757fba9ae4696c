import proj4 from 'proj4';
import { demCrsForEpsg } from '../../../../../src/core/radar/dem-reader';
import { writeGeoTiff } from './write-geotiff';

/**
 * Synthetic DEMs around a site for the radar tests. Terrain is a function of the ground distance
 * and azimuth from the site; both come from a local ellipsoidal approximation (GRS80 meridian and
 * prime-vertical radii at the mean latitude), good to well under a metre at 25 km.
 */

const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** Distance (m) and azimuth (deg) from the site to lon/lat. */
export function localPolar(siteLon: number, siteLat: number, lon: number, lat: number): { d: number; az: number } {
  const phi = ((siteLat + lat) / 2) * RAD;
  const s2 = Math.sin(phi) ** 2;
  const n = A / Math.sqrt(1 - E2 * s2);
  const m = (A * (1 - E2)) / (1 - E2 * s2) ** 1.5;
  const x = (lon - siteLon) * RAD * n * Math.cos(phi);
  const y = (lat - siteLat) * RAD * m;
  let az = Math.atan2(x, y) / RAD;
  if (az < 0) az += 360;
  return { d: Math.hypot(x, y), az };
}

/** Terrain as a function of distance (m) and azimuth (deg) from the site; NaN = nodata. */
export type TerrainFn = (d: number, az: number) => number;

/** Options of {@link syntheticDem}. */
export interface SyntheticDemOptions {
  siteLon: number;
  siteLat: number;
  /** Half size of the square DEM (m). */
  halfSizeM: number;
  /** Pixel size (m); converted to degrees for geographic DEMs. */
  pixelM: number;
  epsg: number;
  type: 'int16' | 'float32';
  noData?: number;
  terrain: TerrainFn;
}

/** Builds the DEM and returns the GeoTIFF bytes. */
export function syntheticDem(o: SyntheticDemOptions): ArrayBuffer {
  const crs = demCrsForEpsg(o.epsg);
  if (crs === null) throw new Error(`no CRS for ${o.epsg}`);
  const n = Math.ceil((2 * o.halfSizeM) / o.pixelM);
  let originX: number;
  let originY: number;
  let px: number;
  let py: number;
  let toLonLat: (x: number, y: number) => [number, number];
  if (crs.kind === 'geographic') {
    const phi = o.siteLat * RAD;
    const s2 = Math.sin(phi) ** 2;
    const nR = A / Math.sqrt(1 - E2 * s2);
    const mR = (A * (1 - E2)) / (1 - E2 * s2) ** 1.5;
    px = o.pixelM / (RAD * nR * Math.cos(phi));
    py = o.pixelM / (RAD * mR);
    // Put the site on a pixel centre.
    originX = o.siteLon - (n / 2 + 0.5) * px;
    originY = o.siteLat + (n / 2 + 0.5) * py;
    toLonLat = (x, y) => [x, y];
  } else {
    const conv = proj4('+proj=longlat +datum=WGS84 +no_defs', crs.proj4);
    const [sx, sy] = conv.forward([o.siteLon, o.siteLat]) as [number, number];
    px = o.pixelM;
    py = o.pixelM;
    originX = sx - (n / 2 + 0.5) * px;
    originY = sy + (n / 2 + 0.5) * py;
    toLonLat = (x, y) => conv.inverse([x, y]) as [number, number];
  }
  const w = n + 1;
  const values = new Float32Array(w * w);
  for (let j = 0; j < w; j++) {
    for (let i = 0; i < w; i++) {
      const [lon, lat] = toLonLat(originX + (i + 0.5) * px, originY - (j + 0.5) * py);
      const { d, az } = localPolar(o.siteLon, o.siteLat, lon, lat);
      const v = o.terrain(d, az);
      values[j * w + i] = Number.isNaN(v) ? (o.noData ?? NaN) : v;
    }
  }
  return writeGeoTiff({
    width: w,
    height: w,
    values,
    type: o.type,
    epsg: o.epsg,
    originX,
    originY,
    pixelX: px,
    pixelY: py,
    ...(o.noData === undefined ? {} : { noData: o.noData }),
  });
}
