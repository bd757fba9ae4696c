import { CGCS2000_EPSG, listCrs } from '../geo/crs-registry';
import { geodesicDistance } from '../geo/geodesic';
import { centreUnder, crsDisplayName, SHANXI_BBOX, UTM_ZONE_RANGE, WEB_MERCATOR_EPSG, type CoordinateRanges } from './detect-crs';
import type { ImportFailure, ImportPreview } from './import-types';

/**
 * The manual CRS choice: every CRS the numbers of a file fit (CGCS2000 lon/lat, every 3° and 6°
 * Gauss-Krüger zone with and without prefix, Web Mercator, WGS 84 UTM 43N–53N, each in both axis
 * orders), with where the data's centre lands and how far that is from the current reading. The
 * UI re-imports with `{ forceEpsg }` (and `zone`/`zoneWidth`) to apply one.
 */

/** One CRS the user may choose. */
export interface CrsOption {
  readonly epsg: number;
  readonly name: string;
  readonly axesSwapped: boolean;
  /** [lon, lat] where the centre of the data lands under this CRS. */
  readonly centre: readonly [number, number];
  /** Geodesic distance in metres from the current reading's centre (null without a current reading). */
  readonly distanceM: number | null;
  /** Whether the centre lands in Shanxi (then China). */
  readonly inShanxi: boolean;
  readonly inChina: boolean;
}

const CHINA = [73, 3, 136, 54] as const;

function inBox(p: readonly [number, number], b: readonly [number, number, number, number]): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

/**
 * Every CRS the source numbers fit, nearest to the current reading first (options landing in
 * Shanxi, then China, before others). `source` is a preview (its `sourceRanges`) or a
 * `crs-undetermined` failure (its `ranges`).
 */
export function crsChoices(source: ImportPreview | ImportFailure | CoordinateRanges): CrsOption[] {
  const ranges: CoordinateRanges | undefined = 'ok' in source ? (source.ok ? source.sourceRanges : source.ranges) : source;
  if (ranges === undefined || !Number.isFinite(ranges.minA)) return [];
  const current = 'ok' in source && source.ok ? (source.crs.centre ?? null) : null;
  const codes = [CGCS2000_EPSG, WEB_MERCATOR_EPSG, ...listCrs().filter((c) => c.kind !== 'geographic').map((c) => c.epsg)];
  for (let z = UTM_ZONE_RANGE.min; z <= UTM_ZONE_RANGE.max; z++) codes.push(32600 + z);
  const out: CrsOption[] = [];
  for (const epsg of codes) {
    for (const swapped of [false, true]) {
      const centre = centreUnder(epsg, swapped, ranges);
      if (centre === null || Math.abs(centre[1]) > 90) continue;
      out.push({
        epsg,
        name: crsDisplayName(epsg),
        axesSwapped: swapped,
        centre,
        distanceM: current === null ? null : geodesicDistance([current[0], current[1]], centre),
        inShanxi: inBox(centre, SHANXI_BBOX),
        inChina: inBox(centre, CHINA),
      });
    }
  }
  const rankOf = (o: CrsOption): number => (o.inShanxi ? 0 : o.inChina ? 1 : 2);
  return out.sort((a, b) => rankOf(a) - rankOf(b) || (a.distanceM ?? 0) - (b.distanceM ?? 0) || a.epsg - b.epsg);
}
