import proj4 from 'proj4';
import type { Converter } from 'proj4';

/**
 * The one place the project's coordinate reference systems are defined: CGCS2000 geographic
 * (EPSG:4490) and every CGCS2000 Gauss-Krüger zone EPSG:4491–4554, as proj4 strings.
 *
 * All definitions sit on the GRS80 ellipsoid with no `+towgs84`: CGCS2000 and WGS84 agree at the
 * decimetre level and PROJ itself only offers a null ("ballpark") transformation between them.
 * The strings are generated here and checked in the tests against `projinfo EPSG:xxxx -o PROJ`
 * output committed in `tests/fixtures/crs/projinfo.tsv`.
 */

/** What a registered CRS is: geographic lon/lat, or a 3° or 6° Gauss-Krüger zone. */
export type CrsKind = 'geographic' | 'gk3' | 'gk6';

/** One registered coordinate reference system. */
export interface CrsInfo {
  /** EPSG code, e.g. 4525. */
  readonly epsg: number;
  /** EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 37". */
  readonly name: string;
  readonly kind: CrsKind;
  /**
   * Gauss-Krüger zone number (3°: 25–45, 6°: 13–23). Set for the unprefixed "CM" variants too:
   * they use the same zone's central meridian, only the false easting differs.
   */
  readonly zone?: number;
  /** Central meridian in degrees east (projected CRSs only). */
  readonly centralMeridian?: number;
  /** Whether eastings carry the zone number as a prefix (false easting zone × 10⁶ + 500 000 m). */
  readonly prefixed: boolean;
  /** proj4 definition string (no `+towgs84`). */
  readonly proj4: string;
}

/** EPSG code of CGCS2000 geographic 2D (axis order in EPSG: lat, lon; here always lon, lat). */
export const CGCS2000_EPSG = 4490;

export { GRS80_A, GRS80_F } from './ellipsoid';

/** First and last 3° Gauss-Krüger zone in the EPSG CGCS2000 set (CM 75°E … 135°E). */
export const GK3_ZONE_RANGE = { min: 25, max: 45 } as const;
/** First and last 6° Gauss-Krüger zone in the EPSG CGCS2000 set (CM 75°E … 135°E). */
export const GK6_ZONE_RANGE = { min: 13, max: 23 } as const;

/** First EPSG code of each block of 11 or 21 consecutive codes. */
const GK6_PREFIXED_BASE = 4491; // zones 13–23 with prefix
const GK6_PLAIN_BASE = 4502; // CM 75E–135E, no prefix
const GK3_PREFIXED_BASE = 4513; // zones 25–45 with prefix
const GK3_PLAIN_BASE = 4534; // CM 75E–135E, no prefix

const GEOGRAPHIC_PROJ4 = '+proj=longlat +ellps=GRS80 +no_defs';

function tmercProj4(centralMeridian: number, falseEasting: number): string {
  return (
    `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ` +
    '+ellps=GRS80 +units=m +no_defs'
  );
}

/** Central meridian of a 3° zone (zone × 3). */
export function gk3CentralMeridian(zone: number): number {
  return zone * 3;
}

/** Central meridian of a 6° zone (zone × 6 − 3). */
export function gk6CentralMeridian(zone: number): number {
  return zone * 6 - 3;
}

function buildRegistry(): ReadonlyMap<number, CrsInfo> {
  const list: CrsInfo[] = [
    {
      epsg: CGCS2000_EPSG,
      name: 'China Geodetic Coordinate System 2000',
      kind: 'geographic',
      prefixed: false,
      proj4: GEOGRAPHIC_PROJ4,
    },
  ];
  for (let zone = GK6_ZONE_RANGE.min; zone <= GK6_ZONE_RANGE.max; zone++) {
    const cm = gk6CentralMeridian(zone);
    list.push({
      epsg: GK6_PREFIXED_BASE + zone - GK6_ZONE_RANGE.min,
      name: `CGCS2000 / Gauss-Kruger zone ${zone}`,
      kind: 'gk6',
      zone,
      centralMeridian: cm,
      prefixed: true,
      proj4: tmercProj4(cm, zone * 1e6 + 500000),
    });
  }
  for (let zone = GK6_ZONE_RANGE.min; zone <= GK6_ZONE_RANGE.max; zone++) {
    const cm = gk6CentralMeridian(zone);
    list.push({
      epsg: GK6_PLAIN_BASE + zone - GK6_ZONE_RANGE.min,
      name: `CGCS2000 / Gauss-Kruger CM ${cm}E`,
      kind: 'gk6',
      zone,
      centralMeridian: cm,
      prefixed: false,
      proj4: tmercProj4(cm, 500000),
    });
  }
  for (let zone = GK3_ZONE_RANGE.min; zone <= GK3_ZONE_RANGE.max; zone++) {
    const cm = gk3CentralMeridian(zone);
    list.push({
      epsg: GK3_PREFIXED_BASE + zone - GK3_ZONE_RANGE.min,
      name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`,
      kind: 'gk3',
      zone,
      centralMeridian: cm,
      prefixed: true,
      proj4: tmercProj4(cm, zone * 1e6 + 500000),
    });
  }
  for (let zone = GK3_ZONE_RANGE.min; zone <= GK3_ZONE_RANGE.max; zone++) {
    const cm = gk3CentralMeridian(zone);
    list.push({
      epsg: GK3_PLAIN_BASE + zone - GK3_ZONE_RANGE.min,
      name: `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`,
      kind: 'gk3',
      zone,
      centralMeridian: cm,
      prefixed: false,
      proj4: tmercProj4(cm, 500000),
    });
  }
  return new Map(list.map((info) => [info.epsg, Object.freeze(info)]));
}

const REGISTRY = buildRegistry();

/** Every registered CRS (65 of them), ordered by EPSG code. */
export function listCrs(): readonly CrsInfo[] {
  return [...REGISTRY.values()].sort((a, b) => a.epsg - b.epsg);
}

/** The registered CRS with this EPSG code, or `undefined` when it is not one of ours. */
export function findCrs(epsg: number): CrsInfo | undefined {
  return REGISTRY.get(epsg);
}

/** Whether `epsg` is one of the registered codes. */
export function isRegisteredEpsg(epsg: number): boolean {
  return REGISTRY.has(epsg);
}

/** The registered CRS with this EPSG code. Throws a RangeError for an unknown code (misuse). */
export function getCrs(epsg: number): CrsInfo {
  const info = REGISTRY.get(epsg);
  if (info === undefined) {
    throw new RangeError(`EPSG:${epsg} is not a registered CGCS2000 CRS (4490, 4491–4554)`);
  }
  return info;
}

/** The proj4 name under which a code is registered, e.g. "EPSG:4525". */
export function crsCode(epsg: number): string {
  return `EPSG:${epsg}`;
}

const registeredWithProj4 = new Set<number>();

/**
 * Registers one CRS with proj4's global definition table (idempotent; done on first use), so that
 * `proj4('EPSG:4490', 'EPSG:4525')` works. Returns the proj4 name ("EPSG:4525").
 */
export function ensureProj4Definition(epsg: number): string {
  const info = getCrs(epsg);
  const code = crsCode(epsg);
  if (!registeredWithProj4.has(epsg)) {
    proj4.defs(code, info.proj4);
    registeredWithProj4.add(epsg);
  }
  return code;
}

const converters = new Map<string, Converter>();

/**
 * A cached proj4 converter between two registered CRSs. Coordinates are in proj4 order:
 * [lon, lat] in degrees for EPSG:4490 and [easting, northing] in metres for Gauss-Krüger CRSs,
 * which is the reverse of the EPSG / `cs2cs` axis order (lat, lon and northing, easting).
 */
export function converterBetween(fromEpsg: number, toEpsg: number): Converter {
  const key = `${fromEpsg}>${toEpsg}`;
  let converter = converters.get(key);
  if (converter === undefined) {
    converter = proj4(ensureProj4Definition(fromEpsg), ensureProj4Definition(toEpsg));
    converters.set(key, converter);
  }
  return converter;
}

/**
 * Transforms one coordinate between registered CRSs, in proj4 axis order ([lon, lat] or
 * [easting, northing]). Throws for an unknown EPSG code or a non-finite input (misuse).
 */
export function transformCoord(
  fromEpsg: number,
  toEpsg: number,
  coord: readonly [number, number],
): [number, number] {
  const [a, b] = coord;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`coordinate must be finite, got [${a}, ${b}]`);
  }
  if (fromEpsg === toEpsg) {
    getCrs(fromEpsg);
    return [a, b];
  }
  const out = converterBetween(fromEpsg, toEpsg).forward([a, b]);
  const x = out[0];
  const y = out[1];
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new RangeError(`EPSG:${fromEpsg} → EPSG:${toEpsg} failed for [${a}, ${b}]`);
  }
  return [x, y];
}
