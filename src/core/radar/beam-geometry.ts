import type { Feature, Polygon, Position } from 'geojson';
import { geodesicCircle } from '../geo/circle';

/**
 * Beam geometry without terrain, in the effective-Earth-radius model (Doviak & Zrnić 1993,
 * eq. 2.28b; the same formula as wradlib `georef.bin_altitude`):
 *
 *   h(r, θ) = sqrt(r² + (kₑa)² + 2 r kₑa sin θ) − kₑa + h₀
 *
 * with r the slant range, θ the elevation, a the Earth radius, kₑ = 4/3 for standard refraction
 * and h₀ the antenna height. In that model the ray is a straight line over an Earth of radius
 * R = kₑa, so the height over a point at ground (arc) distance s is
 *
 *   h(s, θ) = R cos θ / cos(θ + s/R) − R + h₀,   r(s, θ) = R sin(s/R) / cos(θ + s/R)
 *
 * (sine rule in the triangle Earth centre – antenna – target). Half-power bounds are the rays at
 * θ ± beamwidth/2; the half-power beam radius at slant range r is r·bw/2 (bw in radians; wradlib
 * `util.half_power_radius`, after Battan 1973).
 */

/** Mean Earth radius used by wradlib's defaults (m). */
export const EARTH_RADIUS_M = 6_371_000;
/** Standard-refraction effective Earth radius factor kₑ. */
export const STANDARD_KE = 4 / 3;

/** Options shared by the beam functions. */
export interface BeamModel {
  /** Earth radius a in metres (default {@link EARTH_RADIUS_M}). */
  readonly earthRadiusM?: number;
  /** Effective radius factor kₑ (default 4/3). */
  readonly ke?: number;
}

const DEG = Math.PI / 180;

function effectiveRadius(model: BeamModel): number {
  const a = model.earthRadiusM ?? EARTH_RADIUS_M;
  const ke = model.ke ?? STANDARD_KE;
  if (!(a > 0) || !(ke > 0) || !Number.isFinite(a * ke)) throw new RangeError('earth radius and ke must be positive');
  return a * ke;
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be finite, got ${value}`);
}

/**
 * Height of a ray above the antenna's reference level at slant range `rangeM` and elevation
 * `elevationDeg` (Doviak & Zrnić 1993 eq. 2.28b), plus `antennaHeightM` (h₀).
 */
export function beamHeightAtRange(rangeM: number, elevationDeg: number, antennaHeightM = 0, model: BeamModel = {}): number {
  assertFinite(rangeM, 'range');
  assertFinite(elevationDeg, 'elevation');
  if (rangeM < 0) throw new RangeError(`range must be ≥ 0, got ${rangeM}`);
  const R = effectiveRadius(model);
  return Math.sqrt(rangeM * rangeM + R * R + 2 * rangeM * R * Math.sin(elevationDeg * DEG)) - R + antennaHeightM;
}

/** Ground (arc) distance at the effective radius below a ray at slant range r (D&Z eq. 2.28c). */
export function groundDistanceAtRange(rangeM: number, elevationDeg: number, model: BeamModel = {}): number {
  assertFinite(rangeM, 'range');
  const R = effectiveRadius(model);
  const t = elevationDeg * DEG;
  return R * Math.atan2(rangeM * Math.cos(t), rangeM * Math.sin(t) + R);
}

/**
 * Height of a ray over the point at ground distance `groundM` from the site, plus h₀. Returns
 * Infinity once the ray no longer reaches that distance (θ + s/R ≥ 90°).
 */
export function beamHeightAtGround(groundM: number, elevationDeg: number, antennaHeightM = 0, model: BeamModel = {}): number {
  assertFinite(groundM, 'ground distance');
  assertFinite(elevationDeg, 'elevation');
  const R = effectiveRadius(model);
  const t = elevationDeg * DEG;
  const c = Math.cos(t + groundM / R);
  if (c <= 0) return Infinity;
  return (R * Math.cos(t)) / c - R + antennaHeightM;
}

/** Slant range of a ray at ground distance `groundM` (Infinity when the ray does not get there). */
export function slantRangeAtGround(groundM: number, elevationDeg: number, model: BeamModel = {}): number {
  const R = effectiveRadius(model);
  const phi = groundM / R;
  const c = Math.cos(elevationDeg * DEG + phi);
  if (c <= 0) return Infinity;
  return (R * Math.sin(phi)) / c;
}

/** Half-power beam radius at slant range r: r·bw/2 (bw in degrees, converted to radians). */
export function halfPowerRadius(rangeM: number, beamWidthDeg: number): number {
  if (!(beamWidthDeg > 0)) throw new RangeError(`beam width must be > 0, got ${beamWidthDeg}`);
  return (rangeM * beamWidthDeg * DEG) / 2;
}

/** Heights of the beam centre and its half-power bounds (m, above the antenna's reference + h₀). */
export interface BeamHeights {
  readonly centreM: number;
  /** Lower half-power bound: the ray at θ − bw/2. */
  readonly lowerM: number;
  /** Upper half-power bound: the ray at θ + bw/2. */
  readonly upperM: number;
}

/** Centre and half-power bounds of a beam, from the height of a ray at a given elevation. */
function halfPowerHeights(heightAt: (elevationDeg: number) => number, elevationDeg: number, beamWidthDeg: number): BeamHeights {
  if (!(beamWidthDeg > 0)) throw new RangeError(`beam width must be > 0, got ${beamWidthDeg}`);
  return {
    centreM: heightAt(elevationDeg),
    lowerM: heightAt(elevationDeg - beamWidthDeg / 2),
    upperM: heightAt(elevationDeg + beamWidthDeg / 2),
  };
}

/** Beam centre and half-power bounds at slant range r. */
export function beamHeightsAtRange(
  rangeM: number,
  elevationDeg: number,
  beamWidthDeg: number,
  antennaHeightM = 0,
  model: BeamModel = {},
): BeamHeights {
  return halfPowerHeights((e) => beamHeightAtRange(rangeM, e, antennaHeightM, model), elevationDeg, beamWidthDeg);
}

/** Beam centre and half-power bounds over the point at ground distance s. */
export function beamHeightsAtGround(
  groundM: number,
  elevationDeg: number,
  beamWidthDeg: number,
  antennaHeightM = 0,
  model: BeamModel = {},
): BeamHeights {
  return halfPowerHeights((e) => beamHeightAtGround(groundM, e, antennaHeightM, model), elevationDeg, beamWidthDeg);
}

/** One row of a beam-height table. */
export interface BeamHeightRow extends BeamHeights {
  readonly rangeM: number;
  readonly elevationDeg: number;
  readonly groundM: number;
  readonly radiusM: number;
}

/** A table of beam heights for every slant range × elevation (ranges outer, elevations inner). */
export function beamHeightTable(
  rangesM: readonly number[],
  elevationsDeg: readonly number[],
  beamWidthDeg: number,
  antennaHeightM = 0,
  model: BeamModel = {},
): BeamHeightRow[] {
  const rows: BeamHeightRow[] = [];
  for (const r of rangesM) {
    for (const e of elevationsDeg) {
      rows.push({
        rangeM: r,
        elevationDeg: e,
        groundM: groundDistanceAtRange(r, e, model),
        radiusM: halfPowerRadius(r, beamWidthDeg),
        ...beamHeightsAtRange(r, e, beamWidthDeg, antennaHeightM, model),
      });
    }
  }
  return rows;
}

/** Properties of a range-ring feature. */
export interface RangeRingProps {
  readonly kind: 'range-ring';
  /** Ground radius of the ring (m). */
  readonly radiusM: number;
  /** Label such as "30 km". */
  readonly label: string;
  /** Whether this ring is the radar's maximum range. */
  readonly isMax: boolean;
}

/**
 * Range rings around a site: geodesic circles every `stepM` metres of ground distance up to
 * `maxRangeM`, the last ring at exactly `maxRangeM`.
 */
export function rangeRings(site: Position, maxRangeM: number, stepM: number, vertices = 128): Feature<Polygon, RangeRingProps>[] {
  if (!(maxRangeM > 0) || !(stepM > 0)) throw new RangeError('maxRange and step must be > 0');
  if (maxRangeM / stepM > 1000) throw new RangeError('too many rings (max 1000)');
  const radii: number[] = [];
  for (let r = stepM; r < maxRangeM - 1e-6; r += stepM) radii.push(r);
  radii.push(maxRangeM);
  return radii.map((r) => ({
    type: 'Feature',
    properties: { kind: 'range-ring', radiusM: r, label: `${Number((r / 1000).toFixed(1))} km`, isMax: r === maxRangeM },
    geometry: geodesicCircle(site, r, vertices),
  }));
}
