import { classifyPoint, POINT_OUTSIDE } from './exact-overlap';
import type { AreaShape, PlanarShape } from './planar-shape';

/**
 * Minimum planar distances in projected metres. All functions return 0 when the shapes touch or
 * overlap; distances between disjoint shapes are exact (segment-to-segment).
 */

/** Squared distance from (x, y) to the segment (ax, ay)–(bx, by). */
export function pointSegmentDistance2(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax;
  const ey = by - ay;
  const len2 = ex * ex + ey * ey;
  let t = len2 > 0 ? ((x - ax) * ex + (y - ay) * ey) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const dx = ax + t * ex - x;
  const dy = ay + t * ey - y;
  return dx * dx + dy * dy;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Squared distance between segments p–q and r–s (0 when they cross or touch). */
export function segmentDistance2(
  px: number, py: number, qx: number, qy: number,
  rx: number, ry: number, sx: number, sy: number,
): number {
  const d1 = orient(px, py, qx, qy, rx, ry);
  const d2 = orient(px, py, qx, qy, sx, sy);
  const d3 = orient(rx, ry, sx, sy, px, py);
  const d4 = orient(rx, ry, sx, sy, qx, qy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  let best = pointSegmentDistance2(px, py, rx, ry, sx, sy);
  let d = pointSegmentDistance2(qx, qy, rx, ry, sx, sy);
  if (d < best) best = d;
  d = pointSegmentDistance2(rx, ry, px, py, qx, qy);
  if (d < best) best = d;
  d = pointSegmentDistance2(sx, sy, px, py, qx, qy);
  if (d < best) best = d;
  return best;
}

/** Distance from (x, y) to the nearest boundary edge of `shape`, ignoring inside/outside. */
export function pointBoundaryDistance(shape: AreaShape, x: number, y: number): number {
  let best = Infinity;
  for (const ring of shape.rings) {
    const n = ring.length;
    let jx = ring[n - 2] as number;
    let jy = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const ix = ring[i] as number;
      const iy = ring[i + 1] as number;
      const d = pointSegmentDistance2(x, y, jx, jy, ix, iy);
      if (d < best) best = d;
      jx = ix;
      jy = iy;
    }
  }
  return Math.sqrt(best);
}

/**
 * Signed distance from (x, y) to the boundary of `shape`: positive inside, negative outside
 * (even-odd over all rings, one pass).
 */
export function signedDistance(shape: AreaShape, x: number, y: number): number {
  let best = Infinity;
  let inside = false;
  for (const ring of shape.rings) {
    const n = ring.length;
    let jx = ring[n - 2] as number;
    let jy = ring[n - 1] as number;
    for (let i = 0; i < n; i += 2) {
      const ix = ring[i] as number;
      const iy = ring[i + 1] as number;
      if (iy > y !== jy > y && x < ((jx - ix) * (y - iy)) / (jy - iy) + ix) inside = !inside;
      const ex = ix - jx;
      const ey = iy - jy;
      const len2 = ex * ex + ey * ey;
      let t = len2 > 0 ? ((x - jx) * ex + (y - jy) * ey) / len2 : 0;
      if (t < 0) t = 0;
      else if (t > 1) t = 1;
      const dx = jx + t * ex - x;
      const dy = jy + t * ey - y;
      const d = dx * dx + dy * dy;
      if (d < best) best = d;
      jx = ix;
      jy = iy;
    }
  }
  const d = Math.sqrt(best);
  return inside ? d : -d;
}

/**
 * Minimum distance between the boundaries of two area shapes (0 when they touch or cross). With a
 * finite `cap`, edge pairs farther apart than `cap` are skipped and any result above `cap` is only a
 * lower bound: callers that just need "is it within cap" pay for the nearby edges only.
 */
export function boundaryDistance(a: AreaShape, b: AreaShape, cap = Infinity): number {
  let best = cap === Infinity ? Infinity : cap * cap * (1 + 1e-12) + 1e-300;
  for (const ra of a.rings) {
    const n = ra.length;
    for (let i = 0; i < n; i += 2) {
      const px = ra[i] as number;
      const py = ra[i + 1] as number;
      const k = i + 2 === n ? 0 : i + 2;
      const qx = ra[k] as number;
      const qy = ra[k + 1] as number;
      const eMinX = px < qx ? px : qx;
      const eMaxX = px > qx ? px : qx;
      const eMinY = py < qy ? py : qy;
      const eMaxY = py > qy ? py : qy;
      for (const rb of b.rings) {
        const m = rb.length;
        let rx = rb[m - 2] as number;
        let ry = rb[m - 1] as number;
        for (let j = 0; j < m; j += 2) {
          const sx = rb[j] as number;
          const sy = rb[j + 1] as number;
          // Box-to-box gap is a lower bound of the segment distance: skip when it cannot improve.
          const gx = Math.max(0, (rx < sx ? rx : sx) - eMaxX, eMinX - (rx > sx ? rx : sx));
          const gy = Math.max(0, (ry < sy ? ry : sy) - eMaxY, eMinY - (ry > sy ? ry : sy));
          if (gx * gx + gy * gy < best) {
            const d = segmentDistance2(px, py, qx, qy, rx, ry, sx, sy);
            if (d < best) {
              best = d;
              if (best === 0) return 0;
            }
          }
          rx = sx;
          ry = sy;
        }
      }
    }
  }
  return Math.sqrt(best);
}

function firstVertexInside(inner: AreaShape, outer: AreaShape): boolean {
  const ring = inner.rings[0];
  if (ring === undefined) return false;
  return classifyPoint(outer, ring[0] as number, ring[1] as number, 0, 0, 0) !== POINT_OUTSIDE;
}

/**
 * Minimum distance between two planar shapes in map metres; 0 when they touch, cross or nest.
 * A result above a finite `cap` is only a lower bound (see {@link boundaryDistance}).
 */
export function minDistance(a: PlanarShape, b: PlanarShape, cap = Infinity): number {
  if (a.kind === 'point' && b.kind === 'point') {
    let best = Infinity;
    for (let i = 0; i < a.points.length; i += 2) {
      for (let j = 0; j < b.points.length; j += 2) {
        const dx = (a.points[i] as number) - (b.points[j] as number);
        const dy = (a.points[i + 1] as number) - (b.points[j + 1] as number);
        const d = dx * dx + dy * dy;
        if (d < best) best = d;
      }
    }
    return Math.sqrt(best);
  }
  if (a.kind === 'point' || b.kind === 'point') {
    const points = a.kind === 'point' ? a : (b as Extract<PlanarShape, { kind: 'point' }>);
    const area = (a.kind === 'area' ? a : b) as AreaShape;
    let best = Infinity;
    for (let i = 0; i < points.points.length; i += 2) {
      const d = Math.max(0, -signedDistance(area, points.points[i] as number, points.points[i + 1] as number));
      if (d < best) best = d;
    }
    return best;
  }
  const d = boundaryDistance(a, b, cap);
  if (d === 0) return 0;
  if (firstVertexInside(a, b) || firstVertexInside(b, a)) return 0;
  return d;
}
