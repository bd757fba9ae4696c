/**
 * Convex polygons described as half-planes "x · u ≤ h" around an origin, for zones given by offsets in up to
 * eight directions (东、东南、南 … each "向外延伸 N 米"). The polygon is the intersection of the half-planes.
 */

/** A half-plane: the side facing unit vector (ux, uy) lies at distance h from the origin. */
export interface HalfPlane {
  ux: number;
  uy: number;
  h: number;
}

/** Unit vectors of the eight compass directions in (east, north). */
export const DIRECTION_VECTORS: Readonly<Record<string, readonly [number, number]>> = {
  N: [0, 1],
  NE: [Math.SQRT1_2, Math.SQRT1_2],
  E: [1, 0],
  SE: [Math.SQRT1_2, -Math.SQRT1_2],
  S: [0, -1],
  SW: [-Math.SQRT1_2, -Math.SQRT1_2],
  W: [-1, 0],
  NW: [-Math.SQRT1_2, Math.SQRT1_2],
};

const BIG = 1e7;

/** Clips a closed-or-open ring (no repeated last point) by one half-plane (Sutherland–Hodgman). */
function clip(ring: Array<[number, number]>, hp: HalfPlane): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const inside = (p: [number, number]): number => hp.h - (p[0] * hp.ux + p[1] * hp.uy);
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const da = inside(a);
    const db = inside(b);
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0)) {
      const t = da / (da - db);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Vertices of the intersection of half-planes, counter-clockwise, not closed. Empty when the planes exclude everything. */
export function halfPlanePolygon(planes: readonly HalfPlane[]): Array<[number, number]> {
  let ring: Array<[number, number]> = [
    [-BIG, -BIG],
    [BIG, -BIG],
    [BIG, BIG],
    [-BIG, BIG],
  ];
  for (const hp of planes) {
    ring = clip(ring, hp);
    if (ring.length === 0) break;
  }
  return ring;
}

/** Shoelace area of an open ring, m² (positive when counter-clockwise). */
export function ringArea(ring: ReadonlyArray<readonly [number, number]>): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

/**
 * Smallest footprint size s ≥ 0 at which `areaAt(s)` reaches `target`, by bisection (areaAt increasing in s).
 * Returns null when even s = 0 exceeds the target.
 */
export function solveIncreasing(areaAt: (s: number) => number, target: number, tolerance = 1e-9): number | null {
  if (areaAt(0) > target) return null;
  let lo = 0;
  let hi = 1;
  while (areaAt(hi) < target) {
    hi *= 2;
    if (hi > 1e7) return null;
  }
  for (let i = 0; i < 200 && hi - lo > tolerance * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (areaAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
