import type { Position } from 'geojson';
import { geodesicArea, geodesicLineLength } from '../../core/geo/geodesic';

/** Result of a measurement. */
export interface Measurement {
  /** Polyline length, or the perimeter of the closed polygon, in metres. */
  lengthM: number;
  /** Geodesic area in m² (area mode with ≥ 3 vertices), else null. */
  areaM2: number | null;
}

/** Measures vertices ([lon, lat]) geodesically on GRS80; `closed` measures them as a polygon. */
export function measureVertices(vertices: readonly (readonly [number, number])[], closed: boolean): Measurement {
  const coords: Position[] = vertices.map((v) => [v[0], v[1]]);
  if (coords.length < 2) return { lengthM: 0, areaM2: null };
  if (!closed || coords.length < 3) return { lengthM: geodesicLineLength(coords), areaM2: null };
  const ring = [...coords, coords[0]!];
  return { lengthM: geodesicLineLength(ring), areaM2: geodesicArea({ type: 'Polygon', coordinates: [ring] }) };
}

/** Parses "lon, lat" (comma, space or full-width comma), checking ranges; null when malformed. */
export function parseLonLat(text: string): [number, number] | null {
  const parts = text.trim().split(/[\s,，;；]+/).filter((s) => s !== '');
  if (parts.length !== 2) return null;
  const [lon, lat] = parts.map(Number);
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [lon, lat];
}
