import type { Geometry, Position } from 'geojson';
import type { FixId } from './import-types';
import { DUPLICATE_TOLERANCE_M, nearDistanceM, samePosition, signedRingArea, collinear, distinctUpTo } from './validation-collector';

function dropDuplicates(ring: readonly Position[], closed: boolean): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last !== undefined && nearDistanceM(last, p) <= DUPLICATE_TOLERANCE_M) continue;
    out.push(p);
  }
  if (closed && out.length > 1) {
    // Keep the closing vertex exactly equal to the first; drop a near-duplicate just before it.
    const first = out[0];
    while (out.length > 2 && first !== undefined && nearDistanceM(out[out.length - 1] ?? first, first) <= DUPLICATE_TOLERANCE_M) out.pop();
    if (first !== undefined) out.push(first);
  }
  return out;
}

function fixRing(ring: readonly Position[], fixes: ReadonlySet<FixId>): Position[] {
  let out = [...ring];
  const first = out[0];
  const last = out[out.length - 1];
  const closed = out.length > 1 && samePosition(first, last);
  if (fixes.has('remove-duplicate-vertices')) out = dropDuplicates(out, closed || (fixes.has('close-rings') && first !== undefined && last !== undefined && nearDistanceM(first, last) <= DUPLICATE_TOLERANCE_M));
  if (fixes.has('close-rings')) {
    const f = out[0];
    const l = out[out.length - 1];
    if (f !== undefined && l !== undefined && !samePosition(f, l)) {
      if (out.length > 1 && nearDistanceM(f, l) <= DUPLICATE_TOLERANCE_M) out[out.length - 1] = f;
      else out.push(f);
    }
  }
  return out;
}

function fixPolygon(rings: readonly (readonly Position[])[], fixes: ReadonlySet<FixId>): Position[][] {
  let out = rings.map((r) => fixRing(r, fixes));
  if (fixes.has('drop-empty-parts')) {
    const outerOk = out[0] !== undefined && distinctUpTo(out[0], 3) >= 3 && !collinear(out[0]);
    if (!outerOk) return [];
    out = out.filter((r) => distinctUpTo(r, 3) >= 3 && !collinear(r));
  }
  if (fixes.has('fix-orientation')) {
    out = out.map((r, i) => {
      const a = signedRingArea(r);
      return (i === 0 ? a < 0 : a > 0) ? [...r].reverse() : r;
    });
  }
  return out;
}

/**
 * Applies the geometry fixes in a fixed, safe order (duplicates, closing, empty parts,
 * orientation). Returns null when `drop-empty-parts` leaves nothing. Other fix ids are ignored.
 */
export function fixGeometry(geometry: Geometry, fixes: ReadonlySet<FixId>): Geometry | null {
  const drop = fixes.has('drop-empty-parts');
  switch (geometry.type) {
    case 'Point':
    case 'GeometryCollection':
      return geometry;
    case 'MultiPoint':
      return drop && geometry.coordinates.length === 0 ? null : geometry;
    case 'LineString': {
      const line = fixes.has('remove-duplicate-vertices') ? dropDuplicates(geometry.coordinates, false) : geometry.coordinates;
      return drop && line.length < 2 ? null : { type: 'LineString', coordinates: line };
    }
    case 'MultiLineString': {
      let lines = geometry.coordinates.map((l) => (fixes.has('remove-duplicate-vertices') ? dropDuplicates(l, false) : l));
      if (drop) lines = lines.filter((l) => l.length >= 2);
      return drop && lines.length === 0 ? null : { type: 'MultiLineString', coordinates: lines };
    }
    case 'Polygon': {
      const rings = fixPolygon(geometry.coordinates, fixes);
      return drop && rings.length === 0 ? null : { type: 'Polygon', coordinates: rings };
    }
    case 'MultiPolygon': {
      let polygons = geometry.coordinates.map((p) => fixPolygon(p, fixes));
      if (drop) polygons = polygons.filter((p) => p.length > 0);
      if (drop && polygons.length === 0) return null;
      return { type: 'MultiPolygon', coordinates: polygons };
    }
  }
}

