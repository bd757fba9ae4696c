import type { Feature, Geometry, Position } from 'geojson';
import { planarAreaIn } from '../core/io/build-preview';
import { geodesicArea } from '../core/geo/geodesic';
import { findCrs } from '../core/geo/crs-registry';
import { epsgForZone, isSupportedZone, zoneForLon } from '../core/geo/gauss-kruger';
import type { FeatureAreas } from './import-messages';

/** Areas of imported features for the compliance review sheet (used by the import and large-import workers). */

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

/** Geodesic area on GRS80 and planar area in the source plane (or the 3° zone of the centre). */
export function areasOf(f: Feature<Geometry | null, Record<string, unknown> | null>, index: number): FeatureAreas {
  const featureId = typeof f.properties?.['id'] === 'string' ? f.properties['id'] : String(f.id ?? index);
  const polygons = polygonsOf(f.geometry);
  if (polygons.length === 0) return { featureId, geodesicM2: null, planarM2: null, epsg: null, zone: null, zoneFromSource: false };
  const geodesicM2 = geodesicArea({ type: 'MultiPolygon', coordinates: polygons });
  let epsg = sourcePlane(f.properties);
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
  return { featureId, geodesicM2, planarM2, epsg, zone, zoneFromSource: fromSource };
}

