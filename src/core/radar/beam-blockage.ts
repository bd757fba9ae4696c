import { radarProblem } from './radar-problem';
import type { RadarProblem } from './radar-problem';
import { beamHeightAtGround, halfPowerRadius, slantRangeAtGround } from './beam-geometry';
import type { BeamModel } from './beam-geometry';
import type { ElevationSource } from './dem-reader';
import { pointsAlongAzimuth } from './polar';
import { antennaAltitude, PROFILE_NO_SITE_ALTITUDE } from './terrain-profile';
import type { RadarSite } from './terrain-profile';

/**
 * Partial and cumulative beam blockage per azimuth and range, after Bech et al. (2003, J. Atmos.
 * Oceanic Technol. 20, 845–855, eq. 2 and appendix) as implemented by wradlib
 * (`qual.beam_block_frac`, `qual.cum_beam_block_frac`):
 *
 *   PBB = (y·√(a² − y²) + a²·asin(y/a) + π a²/2) / (π a²),  y = terrain − beam centre,
 *
 * the share of a beam cross-section disc of radius a (the half-power radius) lying below the
 * terrain; y is clipped to [−a, a] (0 and 1 outside). CBB is the running maximum of PBB along the
 * ray. The terrain is sampled at each bin's centre along the geodesic.
 */

/** Partial blockage of a disc of radius `a` by terrain `terrainM` for a beam centre at `beamM`. */
export function partialBlockage(terrainM: number, beamM: number, a: number): number {
  if (!(a > 0)) return terrainM >= beamM ? 1 : 0;
  const y = terrainM - beamM;
  if (y <= -a) return 0;
  if (y >= a) return 1;
  return (y * Math.sqrt(a * a - y * y) + a * a * Math.asin(y / a) + (Math.PI * a * a) / 2) / (Math.PI * a * a);
}

/** Cumulative blockage: the running maximum of PBB along the ray (NaN PBB keeps the maximum so far). */
export function cumulativeBlockage(pbb: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pbb.length);
  let max = 0;
  for (let i = 0; i < pbb.length; i++) {
    const v = pbb[i] as number;
    if (v > max) max = v;
    out[i] = max;
  }
  return out;
}

/** Options of {@link computeBlockage}. */
export interface BlockageOptions {
  readonly elevationDeg: number;
  readonly beamWidthDeg: number;
  readonly maxRangeM: number;
  /** Range bin length along the ground (m). */
  readonly rangeStepM: number;
  /** Number of rays, evenly spaced from 0° (default 360). */
  readonly azimuthCount?: number;
  readonly model?: BeamModel;
}

/** Blockage on a polar grid: arrays are row-major [azimuth][range]. */
export interface BlockageGrid {
  readonly site: RadarSite;
  readonly antennaAltitudeM: number;
  readonly elevationDeg: number;
  readonly beamWidthDeg: number;
  /** Earth model the beam heights were computed with. */
  readonly model: BeamModel;
  readonly azimuthsDeg: Float64Array;
  /** Ground distance of each bin centre (m). */
  readonly rangesM: Float64Array;
  readonly rangeStepM: number;
  /** Beam centre altitude (m a.s.l.) and half-power radius (m) per range bin. */
  readonly beamCentreM: Float64Array;
  readonly beamRadiusM: Float64Array;
  readonly terrainM: Float32Array;
  readonly pbb: Float32Array;
  readonly cbb: Float32Array;
}

/** Bin-centre ground distances: (k + ½)·step for k = 0 … ⌈max/step⌉ − 1. */
export function binCentres(maxRangeM: number, stepM: number): Float64Array {
  if (!(maxRangeM > 0) || !(stepM > 0)) throw new RangeError('maxRange and step must be > 0');
  const n = Math.ceil(maxRangeM / stepM - 1e-9);
  if (n > 100_000) throw new RangeError('too many range bins');
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = (k + 0.5) * stepM;
  return out;
}

/**
 * Computes PBB and CBB for every azimuth × range bin. Nodata terrain gives PBB NaN (the bin is
 * unknown); CBB still carries the maximum seen so far along the ray.
 */
export function computeBlockage(
  source: ElevationSource,
  site: RadarSite,
  options: BlockageOptions,
): { ok: true; grid: BlockageGrid } | RadarProblem<typeof PROFILE_NO_SITE_ALTITUDE> {
  const h0 = antennaAltitude(source, site);
  if (h0 === null) {
    return radarProblem(PROFILE_NO_SITE_ALTITUDE, { lon: site.lon, lat: site.lat });
  }
  if (!(options.beamWidthDeg > 0)) throw new RangeError('beam width must be > 0');
  const nAz = options.azimuthCount ?? 360;
  if (!Number.isInteger(nAz) || nAz < 1 || nAz > 7200) throw new RangeError('azimuthCount must be an integer in 1…7200');
  const rangesM = binCentres(options.maxRangeM, options.rangeStepM);
  const nR = rangesM.length;
  const beamCentreM = new Float64Array(nR);
  const beamRadiusM = new Float64Array(nR);
  for (let k = 0; k < nR; k++) {
    const s = rangesM[k] as number;
    beamCentreM[k] = beamHeightAtGround(s, options.elevationDeg, h0, options.model);
    beamRadiusM[k] = halfPowerRadius(slantRangeAtGround(s, options.elevationDeg, options.model), options.beamWidthDeg);
  }
  const azimuthsDeg = new Float64Array(nAz);
  const terrainM = new Float32Array(nAz * nR);
  const pbb = new Float32Array(nAz * nR);
  const cbb = new Float32Array(nAz * nR);
  for (let j = 0; j < nAz; j++) {
    const az = (360 * j) / nAz;
    azimuthsDeg[j] = az;
    const [lons, lats] = pointsAlongAzimuth(site, az, rangesM);
    let max = 0;
    for (let k = 0; k < nR; k++) {
      const t = source.elevationAt(lons[k] as number, lats[k] as number);
      const idx = j * nR + k;
      terrainM[idx] = t;
      const p = Number.isFinite(t) ? partialBlockage(t, beamCentreM[k] as number, beamRadiusM[k] as number) : NaN;
      pbb[idx] = p;
      if (p > max) max = p;
      cbb[idx] = max;
    }
  }
  return {
    ok: true,
    grid: {
      site,
      antennaAltitudeM: h0,
      elevationDeg: options.elevationDeg,
      beamWidthDeg: options.beamWidthDeg,
      model: options.model ?? {},
      azimuthsDeg,
      rangesM,
      rangeStepM: options.rangeStepM,
      beamCentreM,
      beamRadiusM,
      terrainM,
      pbb,
      cbb,
    },
  };
}

/** Index of the ray nearest to an azimuth. */
export function nearestRay(grid: BlockageGrid, azimuthDeg: number): number {
  const n = grid.azimuthsDeg.length;
  const a = ((azimuthDeg % 360) + 360) % 360;
  return Math.round((a / 360) * n) % n;
}

/** PBB and CBB of the bin containing (azimuth, ground distance); null beyond the last bin. */
export function blockageAt(grid: BlockageGrid, azimuthDeg: number, groundM: number): { pbb: number; cbb: number } | null {
  const nR = grid.rangesM.length;
  const k = Math.floor(groundM / grid.rangeStepM);
  if (k < 0 || k >= nR) return null;
  const idx = nearestRay(grid, azimuthDeg) * nR + k;
  return { pbb: grid.pbb[idx] as number, cbb: grid.cbb[idx] as number };
}
