import proj4 from 'proj4';
import { getCrs } from '../geo/crs-registry';
import { epsgForZone } from '../geo/gauss-kruger';

/** A conformal projection from longitude/latitude (degrees, CGCS2000 ≈ WGS84) to metres and back. */
export interface MetricProjection {
  /** [lon, lat] in degrees → [easting, northing] in metres. */
  forward(lonlat: readonly [number, number]): [number, number];
  /** [easting, northing] in metres → [lon, lat] in degrees. */
  inverse(en: readonly [number, number]): [number, number];
  /**
   * Optional allocation-free {@link forward}: writes the easting and northing of (`lon`, `lat`) to
   * `out[at]` and `out[at + 1]`, the same numbers to the bit as `forward([lon, lat])`.
   */
  forwardInto?(lon: number, lat: number, out: Float64Array, at: number): void;
  /**
   * Optional point scale factor k at a projected position: a length L on the map is L / k on the
   * ellipsoid, an area S is S / k². Engines use it to turn planar measures into ground measures.
   */
  scaleAt?(en: readonly [number, number]): number;
}

/** Picks a projection for a position (lon, lat); must return the same object for the same zone. */
export type MetricProjectionProvider = (lon: number, lat: number) => MetricProjection;

/** Mean Earth radius used for the Transverse Mercator scale approximation, metres. */
const MEAN_EARTH_RADIUS_M = 6_371_000;
/** False easting of the CGCS2000 Gauss-Krüger zones without a zone prefix. */
const FALSE_EASTING_M = 500_000;

/** Central meridian of the CGCS2000 3° Gauss-Krüger zone that holds `lon`. */
export function gaussKrugerCentralMeridian3(lon: number): number {
  if (!Number.isFinite(lon)) throw new RangeError(`longitude must be finite, got ${lon}`);
  return 3 * Math.round(lon / 3);
}

/**
 * A Transverse Mercator projection on GRS80 (CGCS2000) with scale 1 on `centralMeridian`,
 * false easting 500 000 m and no zone prefix.
 *
 * `scaleAt` uses k ≈ 1 + x² / 2R² (x = easting − 500 000 m), which is good to ~1e-7 inside a 3° zone.
 */
export function createTransverseMercator(centralMeridian: number): MetricProjection {
  if (!Number.isFinite(centralMeridian) || Math.abs(centralMeridian) > 180) {
    throw new RangeError(`central meridian must be within ±180°, got ${centralMeridian}`);
  }
  if (centralMeridian % 3 !== 0) throw new RangeError(`central meridian must be a CGCS2000 3° zone meridian, got ${centralMeridian}`);
  const def = getCrs(epsgForZone(centralMeridian / 3, 3, false)).proj4;
  const converter = proj4('EPSG:4326', def);
  const scaleAt = (en: readonly [number, number]): number => {
    const x = en[0] - FALSE_EASTING_M;
    return 1 + (x * x) / (2 * MEAN_EARTH_RADIUS_M * MEAN_EARTH_RADIUS_M);
  };
  const viaConverter: MetricProjection = {
    forward(lonlat) {
      const [e, n] = converter.forward([lonlat[0], lonlat[1]]);
      return [e as number, n as number];
    },
    inverse(en) {
      const [lon, lat] = converter.inverse([en[0], en[1]]);
      return [lon as number, lat as number];
    },
    forwardInto(lon, lat, out, at) {
      const [e, n] = converter.forward([lon, lat]);
      out[at] = e as number;
      out[at + 1] = n as number;
    },
    scaleAt,
  };
  // proj4's projection object works in radians on a mutable {x, y} and skips the converter's
  // per-call datum and axis bookkeeping (a no-op here: one ellipsoid, metres, ENU), about twice
  // as fast. It is used only if it reproduces the converter on probe points.
  const raw = proj4.Proj(def) as unknown as RawProjection;
  // proj4's forward writes its result into the point it is given; one point serves every forwardInto call.
  const point = { x: 0, y: 0 };
  const direct: MetricProjection = {
    forward(lonlat) {
      const p = raw.forward({ x: lonlat[0] * DEG, y: lonlat[1] * DEG });
      return [p.x, p.y];
    },
    forwardInto(lon, lat, out, at) {
      point.x = lon * DEG;
      point.y = lat * DEG;
      const p = raw.forward(point);
      out[at] = p.x;
      out[at + 1] = p.y;
    },
    inverse(en) {
      const p = raw.inverse({ x: en[0], y: en[1] });
      return [p.x / DEG, p.y / DEG];
    },
    scaleAt,
  };
  const probes: Array<[number, number]> = [
    [centralMeridian, 0],
    [centralMeridian - 1.4, 36.2],
    [centralMeridian + 1.3, 40.9],
  ];
  for (const probe of probes) {
    const a = viaConverter.forward(probe);
    const b = direct.forward(probe);
    const back = direct.inverse(b);
    if (
      !(Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6) ||
      !(Math.abs(back[0] - probe[0]) < 1e-9 && Math.abs(back[1] - probe[1]) < 1e-9)
    ) {
      return viaConverter;
    }
  }
  return direct;
}

/** The part of proj4's internal projection object used by the fast path. */
interface RawProjection {
  forward(p: { x: number; y: number }): { x: number; y: number };
  inverse(p: { x: number; y: number }): { x: number; y: number };
}

const DEG = Math.PI / 180;

/**
 * A provider that hands out one cached CGCS2000 3° Gauss-Krüger projection per zone
 * (central meridian 3·round(lon/3)).
 */
export function createGaussKrugerProvider(): MetricProjectionProvider {
  const cache = new Map<number, MetricProjection>();
  return (lon) => {
    const cm = gaussKrugerCentralMeridian3(lon);
    let projection = cache.get(cm);
    if (projection === undefined) {
      projection = createTransverseMercator(cm);
      cache.set(cm, projection);
    }
    return projection;
  };
}
