import type { Position } from 'geojson';
import { GRS80_A, GRS80_F } from './crs-registry';
import { geodesicRingMeasure } from './geodesic';

/**
 * Geodesic area of land parcels on GRS80 (CGCS2000) in one pass over the vertices, for importing
 * hundreds of thousands of polygons. A ring whose vertices span at most
 * {@link PARCEL_SPAN_DEG} in longitude and latitude, within ±{@link PARCEL_MAX_LAT}° of latitude,
 * is integrated directly; any other ring is measured with GeographicLib ({@link geodesicRingMeasure}).
 *
 * Method: by Green's theorem the area enclosed by a ring is −∮ F(φ) dλ with
 * F(φ) = ∫ M·N·cos φ dφ taken from the ring's first latitude (M, N the radii of curvature),
 * evaluated in closed form. Along each edge the geodesic is the straight (λ, φ) chord plus its
 * bulge: the trapezoid rule with its end correction integrates the chord, and the bulge follows
 * from the geodesic's curvature d²φ/dλ² = −(p/M)·sin φ − (dφ/dλ)²·(2M·sin φ/p + 3e²·sin φ·cos φ/W²)
 * (p = N·cos φ, W² = 1 − e²·sin²φ) at the edge's middle. Terms left out are of relative order
 * (edge length / Earth radius)², below 1e-10 of the parcel's bounding box at the span limit.
 *
 * Accuracy: the results agree with GeographicLib within GeographicLib's own rounding noise, about
 * 1e-4 m² per ring (at most ~1e-3 m² at the span limit; it sums per-edge areas measured from the
 * equator, ~1e8 m² each). Inserting points along the same geodesic edges moves GeographicLib's
 * result by that much and this integration's by ~1e-8 m²; on a ring of 10⁶ vertices GeographicLib
 * drifts by 0.03 m², this integration does not.
 */

/** Rings spanning at most this many degrees in longitude and latitude are integrated directly. */
export const PARCEL_SPAN_DEG = 0.05;
/** Rings reaching beyond this latitude (degrees, either hemisphere) are left to GeographicLib. */
export const PARCEL_MAX_LAT = 80;

const E2 = GRS80_F * (2 - GRS80_F);
const E = Math.sqrt(E2);
/** a²(1 − e²): M·N·cos φ = K·cos φ / W⁴. */
const K = GRS80_A * GRS80_A * (1 - E2);
const M_FACTOR = GRS80_A * (1 - E2);
const RAD = Math.PI / 180;

/** sin y for |y| ≤ 1e-3 rad (series; truncation below 1e-30). */
function sinSmall(y: number): number {
  const y2 = y * y;
  return y * (1 - (y2 / 6) * (1 - (y2 / 20) * (1 - y2 / 42)));
}

/** cos y − 1 for |y| ≤ 1e-3 rad, without cancellation. */
function cosMinusOneSmall(y: number): number {
  const y2 = y * y;
  return -(y2 / 2) * (1 - (y2 / 12) * (1 - y2 / 30));
}

/** atanh x for |x| ≤ 1e-4 (series). */
function atanhSmall(x: number): number {
  const x2 = x * x;
  return x * (1 + x2 * (1 / 3 + x2 * (1 / 5 + x2 / 7)));
}

/** Whether every vertex is finite and the ring is small enough for {@link smallRingArea}. */
function isSmallRing(ring: readonly Position[]): boolean {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of ring) {
    const lon = p[0] ?? NaN;
    const lat = p[1] ?? NaN;
    if (!Number.isFinite(lon) || !(lat >= -PARCEL_MAX_LAT && lat <= PARCEL_MAX_LAT)) return false;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return maxLon - minLon <= PARCEL_SPAN_DEG && maxLat - minLat <= PARCEL_SPAN_DEG;
}

/** Signed area in m² (counter-clockwise positive) of a ring accepted by {@link isSmallRing}. */
function smallRingArea(ring: readonly Position[]): number {
  const first = ring[0];
  if (first === undefined) return 0;
  const lat0 = first[1] ?? 0;
  const s0 = Math.sin(lat0 * RAD);
  const c0 = Math.cos(lat0 * RAD);
  const w0 = 1 - E2 * s0 * s0;
  let prevLon = first[0] ?? 0;
  let prevLat = lat0;
  let prevSin = s0;
  let prevCos = c0;
  let prevF = 0;
  let prevW = (K * c0) / (w0 * w0);
  let sum = 0;
  for (let i = 1; i <= ring.length; i++) {
    const q = i < ring.length ? ring[i] : first;
    if (q === undefined) continue;
    const lon = q[0] ?? 0;
    const lat = q[1] ?? 0;
    const y = (lat - lat0) * RAD;
    const sy = sinSmall(y);
    const cy = cosMinusOneSmall(y);
    const ds = s0 * cy + c0 * sy;
    const s = s0 + ds;
    const c = c0 + (c0 * cy - s0 * sy);
    const wd = 1 - E2 * s * s;
    const f = (K / 2) * ((ds * (1 + E2 * s * s0)) / (wd * w0) + atanhSmall((E * ds) / (1 - E2 * s * s0)) / E);
    const w = (K * c) / (wd * wd);
    const dLon = (lon - prevLon) * RAD;
    if (dLon !== 0) {
      const dLat = (lat - prevLat) * RAD;
      const sm = (s + prevSin) / 2;
      const cm = (c + prevCos) / 2;
      const w2 = 1 - E2 * sm * sm;
      const root = Math.sqrt(w2);
      const mm = M_FACTOR / (w2 * root);
      const pm = (GRS80_A / root) * cm;
      const bulge = (sm / 12) * (pm * pm * dLon * dLon * dLon + dLat * dLat * dLon * (2 * mm * mm + (3 * E2 * mm * pm * cm) / w2));
      sum += dLon * ((prevF + f) / 2 - (dLat * (w - prevW)) / 12) + bulge;
    }
    prevLon = lon;
    prevLat = lat;
    prevSin = s;
    prevCos = c;
    prevF = f;
    prevW = w;
  }
  return sum === 0 ? 0 : -sum;
}

/** Signed area of one ring in m² (counter-clockwise positive); the ring is closed implicitly. */
export function parcelRingArea(ring: readonly Position[]): number {
  return isSmallRing(ring) ? smallRingArea(ring) : geodesicRingMeasure(ring).area;
}

/**
 * Geodesic area in m² of polygons given as rings in [lon, lat] (outer first, then holes):
 * Σ (|outer| − Σ|holes|), like `geodesicArea` of a MultiPolygon. Throws like it on a
 * non-finite position or a latitude beyond ±90°.
 */
export function parcelArea(polygons: readonly (readonly (readonly Position[])[])[]): number {
  let total = 0;
  for (const polygon of polygons) {
    let area = 0;
    for (let i = 0; i < polygon.length; i++) {
      const ring = polygon[i];
      if (ring === undefined) continue;
      const a = Math.abs(parcelRingArea(ring));
      area += i === 0 ? a : -a;
    }
    total += area;
  }
  return total;
}
