import { beamHeightTable } from '../../core/radar/beam-geometry';
import type { BeamHeightRow } from '../../core/radar/beam-geometry';
import { blockedRayShare, rayEndBlockage } from '../../core/radar/blockage-cells';
import { DEFAULT_RADAR_TYPES, RADAR_TYPE_IDS, getRadarType } from '../../core/radar/radar-types';
import type { RadarOverrides, RadarParams, RadarTypeId } from '../../core/radar/radar-types';
import type { RadarState, SiteSettings } from './radar-state';

/**
 * Values the radar views show that are derived from the session's state (so that views import no domain
 * code): the radar types to choose from, the parameter fields, the beam-height table and the blockage summary.
 */

/** A radar type to choose from, with its names in both languages. */
export interface RadarTypeChoice {
  readonly id: RadarTypeId;
  readonly name: string;
  readonly nameEn: string;
}

/** The built-in radar types, in the order of the radar-types data. */
export function radarTypeChoices(): RadarTypeChoice[] {
  return RADAR_TYPE_IDS.map((id) => {
    const t = DEFAULT_RADAR_TYPES.types.find((x) => x.id === id);
    return { id, name: t?.name ?? id, nameEn: t?.nameEn ?? id };
  });
}

/** What each parameter field shows: the site's override, else the type's default. */
export function parameterFields(settings: SiteSettings): Required<RadarOverrides> {
  const type = getRadarType(settings.typeId);
  const o = settings.overrides;
  return {
    maxRangeKm: o.maxRangeKm ?? type.maxRangeKm.value,
    beamWidthDeg: o.beamWidthDeg ?? type.beamWidthDeg.value,
    elevationsDeg: o.elevationsDeg ?? type.elevationsDeg.value,
    antennaHeightM: o.antennaHeightM ?? type.antennaHeightM.value,
  };
}

/** Beam heights (4/3 Earth, above the ground at the antenna) every 10 km (25 km beyond 100 km) for the lowest 4 elevations. */
export function beamTable(p: RadarParams): { ranges: number[]; elevations: number[]; rows: BeamHeightRow[] } {
  const step = p.maxRangeM <= 100_000 ? 10_000 : 25_000;
  const ranges: number[] = [];
  for (let r = step; r <= p.maxRangeM + 1e-6; r += step) ranges.push(r);
  const elevations = p.elevationsDeg.slice(0, 4);
  return { ranges, elevations, rows: beamHeightTable(ranges, elevations, p.beamWidthDeg, 0) };
}

/**
 * The blockage at the end of the ray nearest the profile azimuth and the share of rays blocked at least the
 * threshold at maximum range; null before a blockage was computed.
 */
export function blockageSummary(s: RadarState): { rayEnd: number | null; share: number } | null {
  const g = s.grid;
  if (!g) return null;
  const end = rayEndBlockage(g);
  return { rayEnd: end[Math.round((s.azimuthDeg / 360) * end.length) % end.length] ?? null, share: blockedRayShare(g, s.thresholdPct / 100) };
}
