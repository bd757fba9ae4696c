import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { BlockageGrid } from './beam-blockage';
import { pointsAlongAzimuth } from './polar';

/**
 * Turns a polar blockage grid into map polygons: consecutive range bins of one ray whose
 * cumulative blockage (CBB) falls in the same class are merged into one annular-sector cell, so a
 * 360 × 240 grid becomes a few hundred polygons. Bins below the first class limit are left out.
 */

/** Default CBB class limits (fractions): ≥10 %, ≥30 %, ≥50 %, ≥70 %. */
export const DEFAULT_BLOCKAGE_CLASSES: readonly number[] = [0.1, 0.3, 0.5, 0.7];

/** Properties of a blockage cell. */
export interface BlockageCellProps {
  readonly id: string;
  /** Class index into the limits (0 = first limit … n−1), or −1 for bins whose terrain is unknown. */
  readonly cls: number;
  readonly azimuthDeg: number;
  /** Inner and outer ground distance of the cell (m). */
  readonly fromM: number;
  readonly toM: number;
  /** Largest CBB inside the cell (0…1). */
  readonly cbbMax: number;
}

/** Class of a CBB value: −1 for unknown (NaN terrain), null below the first limit. */
export function blockageClass(cbb: number, terrainKnown: boolean, limits: readonly number[] = DEFAULT_BLOCKAGE_CLASSES): number | null {
  if (!terrainKnown && !(cbb >= (limits[0] ?? 0))) return -1;
  let cls: number | null = null;
  limits.forEach((l, i) => {
    if (cbb >= l) cls = i;
  });
  return cls;
}

function cellPolygon(grid: BlockageGrid, azimuthDeg: number, halfWidthDeg: number, fromM: number, toM: number): Polygon {
  const steps = Math.max(1, Math.ceil((2 * halfWidthDeg) / 2));
  const ring: Position[] = [];
  const inner: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const az = azimuthDeg - halfWidthDeg + (2 * halfWidthDeg * i) / steps;
    const [lons, lats] = pointsAlongAzimuth(grid.site, az, [Math.max(fromM, 0.01), toM]);
    inner.push([lons[0] as number, lats[0] as number]);
    ring.push([lons[1] as number, lats[1] as number]);
  }
  // Outer arc from the far azimuth edge back, then the inner arc forward: counter-clockwise (RFC 7946 exterior).
  const coords = [...ring.reverse(), ...inner];
  coords.push(coords[0] as Position);
  return { type: 'Polygon', coordinates: [coords] };
}

/** Merged blockage cells of a grid as GeoJSON polygons. */
export function blockageCells(grid: BlockageGrid, limits: readonly number[] = DEFAULT_BLOCKAGE_CLASSES): FeatureCollection<Polygon, BlockageCellProps> {
  const nAz = grid.azimuthsDeg.length;
  const nR = grid.rangesM.length;
  const half = 180 / nAz;
  const step = grid.rangeStepM;
  const features: Feature<Polygon, BlockageCellProps>[] = [];
  for (let j = 0; j < nAz; j++) {
    const az = grid.azimuthsDeg[j] as number;
    let runCls: number | null = null;
    let runStart = 0;
    let runMax = 0;
    const flush = (end: number): void => {
      if (runCls === null) return;
      const fromM = runStart * step;
      const toM = end * step;
      features.push({
        type: 'Feature',
        properties: { id: `blk-${j}-${runStart}`, cls: runCls, azimuthDeg: az, fromM, toM, cbbMax: runMax },
        geometry: cellPolygon(grid, az, half, fromM, toM),
      });
    };
    for (let k = 0; k < nR; k++) {
      const idx = j * nR + k;
      const c = grid.cbb[idx] as number;
      const cls = blockageClass(c, Number.isFinite(grid.terrainM[idx] as number), limits);
      if (cls !== runCls) {
        flush(k);
        runCls = cls;
        runStart = k;
        runMax = 0;
      }
      if (c > runMax) runMax = c;
    }
    flush(nR);
  }
  return { type: 'FeatureCollection', features };
}

/** CBB at the last range bin of every ray (the blocked share of the beam at maximum range). */
export function rayEndBlockage(grid: BlockageGrid): Float32Array {
  const nAz = grid.azimuthsDeg.length;
  const nR = grid.rangesM.length;
  const out = new Float32Array(nAz);
  for (let j = 0; j < nAz; j++) out[j] = grid.cbb[j * nR + nR - 1] as number;
  return out;
}

/** Share of rays (0…1) whose CBB at maximum range reaches `threshold`. */
export function blockedRayShare(grid: BlockageGrid, threshold: number): number {
  const end = rayEndBlockage(grid);
  if (end.length === 0) return 0;
  let n = 0;
  for (const v of end) if (v >= threshold) n++;
  return n / end.length;
}
