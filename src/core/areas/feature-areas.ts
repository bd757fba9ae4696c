import type { Feature, Geometry, Position } from 'geojson';
import { planarAreaIn } from '../io/build-preview';
import { geodesicArea } from '../geo/geodesic';
import { findCrs } from '../geo/crs-registry';
import { epsgForZone, isSupportedZone, zoneForLon } from '../geo/gauss-kruger';

/** Areas of imported features for the compliance review sheet: on the GRS80 ellipsoid and in a Gauss-Krüger plane. */

/** Areas of one polygon feature, with its name and any area its source states. */
export interface FeatureAreas {
  readonly featureId: string;
  /** The feature's `name`, else its id. */
  readonly name: string;
  /** Area stated by the source (`statedAreaM2`), m²; null when none. */
  readonly statedM2: number | null;
  /** Geodesic area on GRS80 / CGCS2000, m²; null for non-areal features. */
  readonly geodesicM2: number | null;
  /** Planar (shoelace) area in the zone below, m²; null for non-areal features. */
  readonly planarM2: number | null;
  /** EPSG code and zone of the plane. */
  readonly epsg: number | null;
  readonly zone: number | null;
  /** Whether the zone is the one the source file was written in (else: the zone of the centre). */
  readonly zoneFromSource: boolean;
}

/** The polygons (as rings) of a Polygon or MultiPolygon; none for other geometries. */
export function polygonsOf(g: Geometry | null): Position[][][] {
  if (g === null) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** The EPSG code named by a `source-crs:EPSG:<code>` flag, when it is a Gauss-Krüger plane. */
function sourcePlane(props: Record<string, unknown> | null): number | null {
  const flags = props?.['flags'];
  if (!Array.isArray(flags)) return null;
  for (const f of flags) {
    const m = typeof f === 'string' ? /^source-crs:EPSG:(\d+)$/.exec(f) : null;
    const info = m?.[1] === undefined ? undefined : findCrs(Number(m[1]));
    if (info !== undefined && info.kind !== 'geographic') return info.epsg;
  }
  return null;
}

/** Geodesic area on GRS80 and planar area in the source plane (or the 3° zone of the centre) of feature number `index`. */
export function areasOf(f: Feature<Geometry | null, Record<string, unknown> | null>, index: number): FeatureAreas {
  const props = f.properties;
  const featureId = typeof props?.['id'] === 'string' ? props['id'] : String(f.id ?? index);
  const rawName = props?.['name'];
  const stated = props?.['statedAreaM2'];
  const named = { featureId, name: rawName === undefined || rawName === null ? featureId : String(rawName), statedM2: typeof stated === 'number' ? stated : null };
  const polygons = polygonsOf(f.geometry);
  if (polygons.length === 0) return { ...named, geodesicM2: null, planarM2: null, epsg: null, zone: null, zoneFromSource: false };
  const geodesicM2 = geodesicArea({ type: 'MultiPolygon', coordinates: polygons });
  let epsg = sourcePlane(props);
  const fromSource = epsg !== null;
  if (epsg === null) {
    let w = Infinity;
    let e = -Infinity;
    for (const p of polygons) for (const r of p) for (const q of r) {
      const lon = q[0] ?? NaN;
      if (lon < w) w = lon;
      if (lon > e) e = lon;
    }
    const zone = zoneForLon((w + e) / 2, 3);
    epsg = isSupportedZone(zone, 3) ? epsgForZone(zone, 3, false) : null;
  }
  const planarM2 = epsg === null ? null : planarAreaIn(polygons, epsg);
  const zone = epsg === null ? null : (findCrs(epsg)?.zone ?? null);
  return { ...named, geodesicM2, planarM2, epsg, zone, zoneFromSource: fromSource };
}
