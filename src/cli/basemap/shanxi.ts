import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GmtSegment } from './gmt';
import { normalizePolygons } from './geojson-text';

/** Properties of the Shanxi outline feature. */
export interface ProvinceProps {
  name: string;
  nameEn: string;
  /** DCW code of the state polygon. */
  dcw: string;
}

/**
 * Builds the Shanxi outline from `gmt coast -ECN.SX -M` segments. DCW gives each part of a state as one closed
 * segment and no holes, so every segment becomes one polygon exterior: a Polygon when there is one part,
 * otherwise a MultiPolygon. Throws when GMT returned nothing (the code or flags are wrong).
 */
export function buildShanxi(segments: readonly GmtSegment[]): FeatureCollection<Polygon | MultiPolygon, ProvinceProps> {
  const parts = normalizePolygons(segments.filter((s) => s.points.length >= 3).map((s) => [s.points]));
  if (parts.length === 0) throw new Error('gmt coast -ECN.SX returned no polygon');
  const [only] = parts;
  const geometry: Polygon | MultiPolygon =
    parts.length === 1 && only ? { type: 'Polygon', coordinates: only } : { type: 'MultiPolygon', coordinates: parts };
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', id: 1, properties: { name: '山西省', nameEn: 'Shanxi', dcw: 'CN.SX' }, geometry }],
  };
}
