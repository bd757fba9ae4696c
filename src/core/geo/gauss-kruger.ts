import type { Geometry, Position } from 'geojson';
import {
  CGCS2000_EPSG,
  GK3_ZONE_RANGE,
  GK6_ZONE_RANGE,
  converterBetween,
  gk3CentralMeridian,
  gk6CentralMeridian,
} from './crs-registry';

/**
 * CGCS2000 Gauss-Krüger zones: zone choice, EPSG lookup and projection.
 *
 * Axis order, stated once and kept everywhere in this module:
 * - Chinese coordinate tables and EPSG give **X = northing, Y = easting** (and `cs2cs` prints
 *   northing first). `toGaussKruger` returns `{ x: northing, y: easting }` in that convention.
 * - proj4js and GeoJSON-style arrays are **[easting, northing]** (and [lon, lat]).
 *   `LocalMetricFrame` works in that array order, like every other geometry in the project.
 */

/** Zone width in degrees. */
export type ZoneWidth = 3 | 6;

/** Offset of the EPSG code of each zone family from its first zone. */
const EPSG_BASE = {
  gk6Prefixed: 4491,
  gk6Plain: 4502,
  gk3Prefixed: 4513,
  gk3Plain: 4534,
} as const;

function assertFiniteNumber(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${value}`);
  }
}

function assertLongitude(lon: number): void {
  assertFiniteNumber(lon, 'longitude');
  if (lon < -180 || lon > 180) {
    throw new RangeError(`longitude must be within [-180, 180], got ${lon}`);
  }
}

function assertLatitude(lat: number): void {
  assertFiniteNumber(lat, 'latitude');
  if (lat < -90 || lat > 90) {
    throw new RangeError(`latitude must be within [-90, 90], got ${lat}`);
  }
}

/**
 * 3° zone number for a longitude: round(lon / 3), so zone n spans [3n − 1.5, 3n + 1.5).
 * A longitude exactly on a boundary (e.g. 112.5°E) goes to the eastern zone (38, CM 114°E),
 * matching the usual rule n = floor((lon − 1.5) / 3) + 1. Throws for a non-finite longitude or
 * one outside [0, 180] (Gauss-Krüger zone numbers are defined for east longitudes).
 */
export function gk3ZoneForLon(lon: number): number {
  assertLongitude(lon);
  if (lon < 0) throw new RangeError(`Gauss-Krüger zones need an east longitude, got ${lon}`);
  return Math.round(lon / 3);
}

/**
 * 6° zone number for a longitude: floor(lon / 6) + 1, so zone n spans [6n − 6, 6n).
 * A longitude on a boundary (e.g. 114°E) goes to the eastern zone (20, CM 117°E).
 * Throws for a non-finite longitude or one outside [0, 180].
 */
export function gk6ZoneForLon(lon: number): number {
  assertLongitude(lon);
  if (lon < 0) throw new RangeError(`Gauss-Krüger zones need an east longitude, got ${lon}`);
  return Math.min(Math.floor(lon / 6) + 1, 30);
}

/** Zone number for a longitude in a zone family of the given width. */
export function zoneForLon(lon: number, width: ZoneWidth): number {
  return width === 3 ? gk3ZoneForLon(lon) : gk6ZoneForLon(lon);
}

/** Central meridian (degrees east) of a zone. */
export function centralMeridianOf(zone: number, width: ZoneWidth): number {
  return width === 3 ? gk3CentralMeridian(zone) : gk6CentralMeridian(zone);
}

/** Whether a zone of that width exists in the EPSG CGCS2000 set (3°: 25–45, 6°: 13–23). */
export function isSupportedZone(zone: number, width: ZoneWidth): boolean {
  const range = width === 3 ? GK3_ZONE_RANGE : GK6_ZONE_RANGE;
  return Number.isInteger(zone) && zone >= range.min && zone <= range.max;
}

/**
 * EPSG code of a CGCS2000 Gauss-Krüger zone: 3° zones 25–45 are EPSG:4513–4533 with the zone
 * prefix and EPSG:4534–4554 ("CM 75E…135E") without; 6° zones 13–23 are EPSG:4491–4501 with the
 * prefix and EPSG:4502–4512 without. Throws a RangeError for a zone outside those ranges (misuse:
 * check with {@link isSupportedZone} first).
 */
export function epsgForZone(zone: number, width: ZoneWidth, prefixed: boolean): number {
  if (!isSupportedZone(zone, width)) {
    const range = width === 3 ? GK3_ZONE_RANGE : GK6_ZONE_RANGE;
    throw new RangeError(
      `${width}° Gauss-Krüger zone ${zone} is not in the CGCS2000 EPSG set (${range.min}–${range.max})`,
    );
  }
  if (width === 3) {
    return (prefixed ? EPSG_BASE.gk3Prefixed : EPSG_BASE.gk3Plain) + zone - GK3_ZONE_RANGE.min;
  }
  return (prefixed ? EPSG_BASE.gk6Prefixed : EPSG_BASE.gk6Plain) + zone - GK6_ZONE_RANGE.min;
}

/** Reasons {@link zoneFromEasting} can reject an easting. */
export const EASTING_REASONS = {
  /** Below 1 000 000 m: the easting has no zone prefix (plain false easting 500 000 m). */
  notPrefixed: 'easting-not-prefixed',
  /** The prefix is neither a 3° zone (25–45) nor a 6° zone (13–23) of the CGCS2000 set. */
  unknownZone: 'easting-unknown-zone',
  /** The part after the prefix is too far from 500 000 m to lie in (or next to) the zone. */
  offsetOutOfRange: 'easting-offset-out-of-range',
} as const;
/** One of {@link EASTING_REASONS}. */
export type EastingReason = (typeof EASTING_REASONS)[keyof typeof EASTING_REASONS];

/** A zone read from a prefixed easting. */
export interface EastingZone {
  readonly ok: true;
  readonly zone: number;
  readonly width: ZoneWidth;
  /** EPSG code of the prefixed CRS of that zone (4513–4533 or 4491–4501). */
  readonly epsg: number;
  readonly centralMeridian: number;
  /** The easting without its prefix (false easting 500 000 m). */
  readonly plainEasting: number;
}

/** Why an easting could not be read as a prefixed Gauss-Krüger easting. */
export interface EastingRejection {
  readonly ok: false;
  readonly reason: EastingReason;
  readonly message: string;
}

/**
 * How far from the central meridian (in metres, |easting − 500 000|) a prefixed easting may lie.
 * A 3° zone is at most ~167 km half-wide (at the equator), a 6° zone ~334 km; the limits leave room
 * for points that tables keep in a neighbouring zone's system across the boundary.
 */
export const MAX_EASTING_OFFSET = { 3: 250_000, 6: 450_000 } as const;

/**
 * Reads the zone from a prefixed easting (the Y value of a Chinese table, e.g. 37 546 837.917 →
 * 3° zone 37). The prefix is floor(y / 10⁶).
 *
 * Ambiguity: in general Gauss-Krüger use a prefix from 13 to 23 could be either a 6° zone or a
 * (far western) 3° zone with the same number. In the CGCS2000 EPSG set the 3° zones are 25–45 and
 * the 6° zones 13–23, which do not overlap, so 13–23 is read as 6° and 25–45 as 3°; 24 and
 * anything else are rejected. An easting below 10⁶ m carries no prefix at all and is rejected
 * (its zone must come from elsewhere, e.g. the document's stated central meridian). A value of
 * 3–5 million is most likely a northing in China (X and Y swapped) and is rejected as unknown.
 * Throws only for a non-finite input (misuse).
 */
export function zoneFromEasting(y: number): EastingZone | EastingRejection {
  assertFiniteNumber(y, 'easting');
  if (y < 1_000_000) {
    return {
      ok: false,
      reason: EASTING_REASONS.notPrefixed,
      message: `easting ${y} has no zone prefix (below 1 000 000 m)`,
    };
  }
  const prefix = Math.floor(y / 1_000_000);
  let width: ZoneWidth;
  if (isSupportedZone(prefix, 3)) width = 3;
  else if (isSupportedZone(prefix, 6)) width = 6;
  else {
    return {
      ok: false,
      reason: EASTING_REASONS.unknownZone,
      message:
        `easting ${y} has prefix ${prefix}, which is neither a 3° zone (25–45) nor a 6° zone ` +
        '(13–23); a 7-digit value of 3–5 million is probably a northing (X and Y swapped)',
    };
  }
  const plainEasting = y - prefix * 1_000_000;
  if (Math.abs(plainEasting - 500_000) > MAX_EASTING_OFFSET[width]) {
    return {
      ok: false,
      reason: EASTING_REASONS.offsetOutOfRange,
      message:
        `easting ${y} lies ${Math.round(Math.abs(plainEasting - 500_000))} m from the central ` +
        `meridian of ${width}° zone ${prefix}, more than ${MAX_EASTING_OFFSET[width]} m`,
    };
  }
  return {
    ok: true,
    zone: prefix,
    width,
    epsg: epsgForZone(prefix, width, true),
    centralMeridian: centralMeridianOf(prefix, width),
    plainEasting,
  };
}

/** Options of {@link toGaussKruger}. */
export interface ToGaussKrugerOptions {
  /** Zone to project into; by default the zone containing the longitude. */
  readonly zone?: number;
  readonly width: ZoneWidth;
  /** Whether the easting carries the zone prefix (zone × 10⁶ + 500 000 m false easting). */
  readonly prefixed: boolean;
}

/** A Gauss-Krüger coordinate in the Chinese/EPSG convention: X = northing, Y = easting. */
export interface GaussKrugerCoord {
  /** Northing in metres (Chinese "X"). */
  readonly x: number;
  /** Easting in metres (Chinese "Y"), with the zone prefix when requested. */
  readonly y: number;
  readonly zone: number;
  readonly epsg: number;
}

/**
 * Projects a CGCS2000 lon/lat (degrees) to Gauss-Krüger. Returns X = northing and Y = easting
 * (Chinese convention), not proj4's [E, N]. Throws for invalid coordinates or an unsupported zone.
 */
export function toGaussKruger(lon: number, lat: number, opts: ToGaussKrugerOptions): GaussKrugerCoord {
  assertLongitude(lon);
  assertLatitude(lat);
  const zone = opts.zone ?? zoneForLon(lon, opts.width);
  const epsg = epsgForZone(zone, opts.width, opts.prefixed);
  const out = converterBetween(CGCS2000_EPSG, epsg).forward([lon, lat]);
  const easting = out[0];
  const northing = out[1];
  if (easting === undefined || northing === undefined || !Number.isFinite(easting) || !Number.isFinite(northing)) {
    throw new RangeError(`projection of [${lon}, ${lat}] to EPSG:${epsg} failed`);
  }
  return { x: northing, y: easting, zone, epsg };
}

/** Options of {@link fromGaussKruger}. */
export interface FromGaussKrugerOptions {
  /**
   * Zone of the coordinate. Required for unprefixed eastings; for prefixed ones it defaults to the
   * prefix and, when given, must agree with it.
   */
  readonly zone?: number;
  readonly width: ZoneWidth;
  readonly prefixed: boolean;
}

/**
 * Unprojects a Gauss-Krüger coordinate given as X = northing, Y = easting (Chinese order) to
 * CGCS2000 lon/lat in degrees. Throws (misuse) when the zone is missing for an unprefixed easting,
 * when a prefixed easting's prefix is not a zone of the requested width, or when it contradicts
 * `opts.zone`; validate table values with {@link zoneFromEasting} first.
 */
export function fromGaussKruger(
  xNorthing: number,
  yEasting: number,
  opts: FromGaussKrugerOptions,
): { lon: number; lat: number } {
  assertFiniteNumber(xNorthing, 'northing');
  assertFiniteNumber(yEasting, 'easting');
  let zone = opts.zone;
  if (opts.prefixed) {
    const prefix = Math.floor(yEasting / 1_000_000);
    if (!isSupportedZone(prefix, opts.width)) {
      throw new RangeError(`easting ${yEasting} does not carry a ${opts.width}° zone prefix`);
    }
    if (zone !== undefined && zone !== prefix) {
      throw new RangeError(`easting ${yEasting} has prefix ${prefix} but zone ${zone} was given`);
    }
    zone = prefix;
  } else if (zone === undefined) {
    throw new RangeError('fromGaussKruger needs opts.zone for an easting without zone prefix');
  }
  const epsg = epsgForZone(zone, opts.width, opts.prefixed);
  const out = converterBetween(epsg, CGCS2000_EPSG).forward([yEasting, xNorthing]);
  const lon = out[0];
  const lat = out[1];
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError(`unprojection of X=${xNorthing} Y=${yEasting} from EPSG:${epsg} failed`);
  }
  return { lon, lat };
}

/** Geometry types a {@link LocalMetricFrame} can carry between lon/lat and metres. */
export type FrameGeometry = Extract<
  Geometry,
  { type: 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon' }
>;

/**
 * A local metric frame: the unprefixed 3° Gauss-Krüger zone (scale factor 1 on the central
 * meridian) whose zone contains a centre point. Coordinates are GeoJSON order: [lon, lat] in,
 * [easting, northing] in metres out (false easting 500 000 m, no prefix). Inside the zone the point
 * scale k = 1 + (Δλ·cos φ)²/2 + … stays below 1.00024 at Shanxi latitudes (1.5° from the CM at
 * 35°N), so planar lengths are good to 0.024 % and areas to 0.05 %; use `geodesic.ts` for reported
 * lengths and areas.
 */
export class LocalMetricFrame {
  /** 3° zone number of the frame. */
  readonly zone: number;
  /** Central meridian of the frame in degrees east. */
  readonly centralMeridian: number;
  /** EPSG code of the frame's CRS (unprefixed, 4534–4554). */
  readonly epsg: number;

  /** Builds the frame for the 3° zone containing `centre` ([lon, lat] in degrees). */
  constructor(centre: readonly [number, number]) {
    const [lon, lat] = centre;
    assertLongitude(lon);
    assertLatitude(lat);
    this.zone = gk3ZoneForLon(lon);
    this.centralMeridian = gk3CentralMeridian(this.zone);
    this.epsg = epsgForZone(this.zone, 3, false);
  }

  /** The frame centred on the middle of a geometry's lon/lat bounding box. */
  static around(geometry: FrameGeometry): LocalMetricFrame {
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    for (const p of positionsOf(geometry)) {
      const lon = p[0];
      const lat = p[1];
      if (lon === undefined || lat === undefined) continue;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    if (!Number.isFinite(minLon) || !Number.isFinite(minLat)) {
      throw new RangeError(`cannot build a frame around an empty ${geometry.type}`);
    }
    return new LocalMetricFrame([(minLon + maxLon) / 2, (minLat + maxLat) / 2]);
  }

  /** [lon, lat] in degrees → [easting, northing] in metres. Extra ordinates (z) are kept. */
  forward(position: Position): Position {
    return this.convert(position, CGCS2000_EPSG, this.epsg);
  }

  /** [easting, northing] in metres → [lon, lat] in degrees. Extra ordinates (z) are kept. */
  inverse(position: Position): Position {
    return this.convert(position, this.epsg, CGCS2000_EPSG);
  }

  /** A copy of a lon/lat geometry with every position in frame metres. */
  forwardGeometry<G extends FrameGeometry>(geometry: G): G {
    return mapGeometry(geometry, (p) => this.forward(p));
  }

  /** A copy of a metric geometry with every position back in lon/lat degrees. */
  inverseGeometry<G extends FrameGeometry>(geometry: G): G {
    return mapGeometry(geometry, (p) => this.inverse(p));
  }

  private convert(position: Position, from: number, to: number): Position {
    const a = position[0];
    const b = position[1];
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
      throw new RangeError(`position must have two finite numbers, got [${position.join(', ')}]`);
    }
    const out = converterBetween(from, to).forward([a, b]);
    const x = out[0];
    const y = out[1];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new RangeError(`EPSG:${from} → EPSG:${to} failed for [${a}, ${b}]`);
    }
    return position.length > 2 ? [x, y, ...position.slice(2)] : [x, y];
  }
}

function* positionsOf(geometry: FrameGeometry): Generator<Position> {
  switch (geometry.type) {
    case 'Point':
      yield geometry.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) yield* line;
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring;
      return;
  }
}

function mapGeometry<G extends FrameGeometry>(geometry: G, f: (p: Position) => Position): G {
  const ring = (r: Position[]): Position[] => r.map(f);
  const g: FrameGeometry = geometry;
  let out: FrameGeometry;
  switch (g.type) {
    case 'Point':
      out = { type: 'Point', coordinates: f(g.coordinates) };
      break;
    case 'MultiPoint':
      out = { type: 'MultiPoint', coordinates: ring(g.coordinates) };
      break;
    case 'LineString':
      out = { type: 'LineString', coordinates: ring(g.coordinates) };
      break;
    case 'MultiLineString':
      out = { type: 'MultiLineString', coordinates: g.coordinates.map(ring) };
      break;
    case 'Polygon':
      out = { type: 'Polygon', coordinates: g.coordinates.map(ring) };
      break;
    case 'MultiPolygon':
      out = { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
      break;
  }
  // Same type tag as the input, so the cast only restores the caller's narrowed type.
  return out as G;
}
