import type { MultiPolygon, Polygon, Position } from 'geojson';
import { LocalMetricFrame } from '../geo/gauss-kruger';
import { geodesicArea } from '../geo/geodesic';
import { beamHeightAtGround } from './beam-geometry';
import { blockageAt } from './beam-blockage';
import type { BlockageGrid } from './beam-blockage';
import type { ElevationSource } from './dem-reader';
import { polarOf } from './polar';

/**
 * Share of a region (a county or a drawn polygon) that the radar covers at one elevation: a point
 * is covered when it lies within the computed range, its cumulative blockage is below the
 * threshold, and the beam centre passes at most `heightAglM` above the ground there. The region is
 * sampled on a regular grid in a local Gauss-Krüger frame (cell centres inside the polygon, holes
 * respected); the share is covered samples over all samples.
 */

/** Options of {@link coverageShare}. */
export interface CoverageOptions {
  /** Highest beam-centre height above the local ground that still counts as covered (m). */
  readonly heightAglM: number;
  /** CBB must be strictly below this fraction (0…1) for a point to count. */
  readonly blockageThreshold: number;
  /** Sampling cell size in metres (default 500). */
  readonly cellSizeM?: number;
  /** Upper bound on the number of samples (default 400 000); the cell grows to fit. */
  readonly maxSamples?: number;
}

/** Result of {@link coverageShare}. */
export interface CoverageResult {
  /** Covered share of the region, 0…1. */
  readonly share: number;
  /** Geodesic area of the region (m²). */
  readonly regionAreaM2: number;
  /** share × region area (m²). */
  readonly coveredAreaM2: number;
  /** Share of samples whose terrain is unknown (nodata), counted as not covered. */
  readonly unknownShare: number;
  readonly samples: number;
  readonly cellSizeM: number;
}

function inRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] as number;
    const yi = ring[i]?.[1] as number;
    const xj = ring[j]?.[0] as number;
    const yj = ring[j]?.[1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a planar point lies inside a (Multi)Polygon, holes respected. */
export function pointInPolygon(x: number, y: number, geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (outer === undefined || !inRing(x, y, outer)) continue;
    let inHole = false;
    for (let h = 1; h < polygon.length; h++) if (inRing(x, y, polygon[h] as Position[])) inHole = true;
    if (!inHole) return true;
  }
  return false;
}

/** A lon/lat region in its local Gauss-Krüger frame, with the metric bounding box of its outer rings. */
export function metricRegion(region: Polygon | MultiPolygon): { frame: LocalMetricFrame; metric: Polygon | MultiPolygon; minX: number; minY: number; maxX: number; maxY: number } {
  const frame = LocalMetricFrame.around(region);
  const metric = frame.forwardGeometry(region);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of metric.type === 'Polygon' ? [metric.coordinates] : metric.coordinates) {
    for (const p of poly[0] ?? []) {
      minX = Math.min(minX, p[0] as number);
      maxX = Math.max(maxX, p[0] as number);
      minY = Math.min(minY, p[1] as number);
      maxY = Math.max(maxY, p[1] as number);
    }
  }
  return { frame, metric, minX, minY, maxX, maxY };
}

/** Cell-centre sample points of a lon/lat region on a metric grid; returns lon/lat pairs. */
export function samplePolygonGrid(region: Polygon | MultiPolygon, cellSizeM: number, maxSamples = 400_000): { points: [number, number][]; cellSizeM: number } {
  if (!(cellSizeM > 0)) throw new RangeError('cell size must be > 0');
  const { frame, metric, minX, minY, maxX, maxY } = metricRegion(region);
  let cell = cellSizeM;
  const boxCells = ((maxX - minX) / cell) * ((maxY - minY) / cell);
  if (boxCells > maxSamples) cell *= Math.sqrt(boxCells / maxSamples);
  const points: [number, number][] = [];
  for (let y = minY + cell / 2; y < maxY; y += cell) {
    for (let x = minX + cell / 2; x < maxX; x += cell) {
      if (!pointInPolygon(x, y, metric)) continue;
      const ll = frame.inverse([x, y]);
      points.push([ll[0] as number, ll[1] as number]);
    }
  }
  return { points, cellSizeM: cell };
}

/** Computes the covered share of `region` for one blockage grid. */
export function coverageShare(
  grid: BlockageGrid,
  source: ElevationSource,
  region: Polygon | MultiPolygon,
  options: CoverageOptions,
): CoverageResult {
  if (!(options.blockageThreshold >= 0 && options.blockageThreshold <= 1)) throw new RangeError('blockage threshold must be in [0, 1]');
  if (!Number.isFinite(options.heightAglM)) throw new RangeError('height must be finite');
  const { points, cellSizeM } = samplePolygonGrid(region, options.cellSizeM ?? 500, options.maxSamples);
  const regionAreaM2 = geodesicArea(region);
  let covered = 0;
  let unknown = 0;
  for (const [lon, lat] of points) {
    const { azimuthDeg, distanceM } = polarOf(grid.site, lon, lat);
    const b = blockageAt(grid, azimuthDeg, distanceM);
    if (b === null || !(b.cbb < options.blockageThreshold)) continue;
    const ground = source.elevationAt(lon, lat);
    if (!Number.isFinite(ground)) {
      unknown++;
      continue;
    }
    const beam = beamHeightAtGround(distanceM, grid.elevationDeg, grid.antennaAltitudeM, grid.model);
    if (beam - ground <= options.heightAglM) covered++;
  }
  const n = points.length;
  const share = n === 0 ? 0 : covered / n;
  return { share, regionAreaM2, coveredAreaM2: share * regionAreaM2, unknownShare: n === 0 ? 0 : unknown / n, samples: n, cellSizeM };
}
