import { radarProblem } from './radar-problem';
import type { RadarProblem } from './radar-problem';
import { beamHeightAtGround, halfPowerRadius, slantRangeAtGround } from './beam-geometry';
import type { BeamModel } from './beam-geometry';
import type { ElevationSource } from './dem-reader';
import { pointsAlongAzimuth } from './polar';
import type { SitePoint } from './polar';

/**
 * Terrain profile along one azimuth from a radar site, with the beam (centre and half-power
 * bounds) of each elevation drawn over it, all heights above sea level.
 */

/** A radar on the ground: position, ground altitude (m a.s.l.) and antenna height above it. */
export interface RadarSite extends SitePoint {
  /** Ground altitude at the site (m a.s.l.); when omitted it is read from the DEM. */
  readonly groundAltitudeM?: number;
  /** Antenna height above the ground (m). */
  readonly antennaHeightM: number;
}

/** Reason: the DEM has no elevation at the site and none was given. */
export const PROFILE_NO_SITE_ALTITUDE = 'profile-no-site-altitude';

/** Altitude of the antenna (m a.s.l.), or null when the site altitude is unknown. */
export function antennaAltitude(source: ElevationSource, site: RadarSite): number | null {
  const ground = site.groundAltitudeM ?? source.elevationAt(site.lon, site.lat);
  if (!Number.isFinite(ground)) return null;
  return ground + site.antennaHeightM;
}

/** The beam of one elevation over a profile (m a.s.l.). */
export interface BeamOverProfile {
  readonly elevationDeg: number;
  readonly centreM: Float64Array;
  readonly lowerM: Float64Array;
  readonly upperM: Float64Array;
  /** Half-power beam radius at each point (m). */
  readonly radiusM: Float64Array;
}

/** A terrain profile with beams. */
export interface TerrainProfile {
  readonly azimuthDeg: number;
  readonly antennaAltitudeM: number;
  /** Ground distances from the site (m). */
  readonly distancesM: Float64Array;
  readonly lons: Float64Array;
  readonly lats: Float64Array;
  /** Terrain elevation (m a.s.l.), NaN over nodata or outside the DEM. */
  readonly terrainM: Float64Array;
  readonly beams: readonly BeamOverProfile[];
}

/** Options of {@link terrainProfile}. */
export interface ProfileOptions {
  readonly maxRangeM: number;
  readonly stepM: number;
  readonly elevationsDeg: readonly number[];
  readonly beamWidthDeg: number;
  readonly model?: BeamModel;
}

/** Ground distances step, 2·step, …, up to and including maxRange. */
export function profileDistances(maxRangeM: number, stepM: number): Float64Array {
  if (!(maxRangeM > 0) || !(stepM > 0)) throw new RangeError('maxRange and step must be > 0');
  const n = Math.ceil(maxRangeM / stepM - 1e-9);
  if (n > 1_000_000) throw new RangeError('too many profile points');
  const out = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) out[i] = Math.min(i * stepM, maxRangeM);
  return out;
}

/**
 * Samples the terrain every `stepM` metres along the geodesic at `azimuthDeg` and computes the beam
 * heights over each point. Returns a problem value when the site altitude is unknown.
 */
export function terrainProfile(
  source: ElevationSource,
  site: RadarSite,
  azimuthDeg: number,
  options: ProfileOptions,
): { ok: true; profile: TerrainProfile } | RadarProblem<typeof PROFILE_NO_SITE_ALTITUDE> {
  const h0 = antennaAltitude(source, site);
  if (h0 === null) {
    return radarProblem(PROFILE_NO_SITE_ALTITUDE, { lon: site.lon, lat: site.lat });
  }
  const distancesM = profileDistances(options.maxRangeM, options.stepM);
  const [lons, lats] = pointsAlongAzimuth(site, azimuthDeg, distancesM);
  const terrainM = new Float64Array(distancesM.length);
  for (let i = 0; i < distancesM.length; i++) terrainM[i] = source.elevationAt(lons[i] as number, lats[i] as number);
  const beams = options.elevationsDeg.map((e): BeamOverProfile => {
    const n = distancesM.length;
    const centreM = new Float64Array(n);
    const lowerM = new Float64Array(n);
    const upperM = new Float64Array(n);
    const radiusM = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = distancesM[i] as number;
      centreM[i] = beamHeightAtGround(s, e, h0, options.model);
      lowerM[i] = beamHeightAtGround(s, e - options.beamWidthDeg / 2, h0, options.model);
      upperM[i] = beamHeightAtGround(s, e + options.beamWidthDeg / 2, h0, options.model);
      radiusM[i] = halfPowerRadius(slantRangeAtGround(s, e, options.model), options.beamWidthDeg);
    }
    return { elevationDeg: e, centreM, lowerM, upperM, radiusM };
  });
  return { ok: true, profile: { azimuthDeg, antennaAltitudeM: h0, distancesM, lons, lats, terrainM, beams } };
}
