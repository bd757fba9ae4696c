import fc from 'fast-check';
import { intersection } from 'polyclip-ts';
import { describe, expect, it } from 'vitest';
import { differenceArea, intersectionArea, intersectionShape } from '../../../../src/core/conflicts/exact-overlap';
import { areaShapeFromRings, ringSignedArea } from '../../../../src/core/conflicts/planar-shape';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';

/** A simple star-shaped ring (counter-clockwise) around (cx, cy), at projected-metre magnitudes. */
function starRing(cx: number, cy: number, radii: number[], phase: number): Float64Array {
  const n = radii.length;
  const out = new Float64Array(2 * n);
  radii.forEach((r, i) => {
    const angle = phase + (2 * Math.PI * i) / n;
    out[2 * i] = cx + r * Math.cos(angle);
    out[2 * i + 1] = cy + r * Math.sin(angle);
  });
  return out;
}

const E0 = 512_345;
const N0 = 4_001_234;
const arbStar = fc
  .record({
    dx: fc.double({ min: -150, max: 150, noNaN: true }),
    dy: fc.double({ min: -150, max: 150, noNaN: true }),
    radii: fc.array(fc.double({ min: 20, max: 200, noNaN: true }), { minLength: 3, maxLength: 14 }),
    phase: fc.double({ min: 0, max: 6.28, noNaN: true }),
  })
  .map(({ dx, dy, radii, phase }) => areaShapeFromRings([starRing(E0 + dx, N0 + dy, radii, phase)]));

function polyclipArea(a: AreaShape, b: AreaShape): number {
  const toRing = (r: Float64Array): Array<[number, number]> => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < r.length; i += 2) pairs.push([r[i]! - E0, r[i + 1]! - N0]);
    pairs.push([r[0]! - E0, r[1]! - N0]);
    return pairs;
  };
  const result = intersection([a.rings.map(toRing)], [b.rings.map(toRing)]);
  let area = 0;
  for (const polygon of result) {
    for (const ring of polygon) {
      const flat = new Float64Array(ring.flat());
      area += ringSignedArea(flat.subarray(0, flat.length - 2) as Float64Array);
    }
  }
  return Math.abs(area);
}

function square(x0: number, y0: number, x1: number, y1: number): Float64Array {
  return new Float64Array([x0, y0, x1, y0, x1, y1, x0, y1]);
}

describe('intersectionArea', () => {
  it('agrees with polyclip-ts on random star polygons', () => {
    fc.assert(
      fc.property(arbStar, arbStar, (a, b) => {
        const mine = intersectionArea(a, b);
        const theirs = polyclipArea(a, b);
        expect(Math.abs(mine - theirs)).toBeLessThanOrEqual(1e-6 * Math.max(1, theirs));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('is symmetric, bounded by both areas, and consistent with the difference', () => {
    fc.assert(
      fc.property(arbStar, arbStar, (a, b) => {
        const ab = intersectionArea(a, b);
        expect(Math.abs(ab - intersectionArea(b, a))).toBeLessThanOrEqual(1e-6 * Math.max(1, ab));
        expect(ab).toBeLessThanOrEqual(Math.min(a.area, b.area) + 1e-9);
        expect(differenceArea(a, b) + ab).toBeCloseTo(a.area, 4);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('gives the full area for a shape and itself, also from another start vertex', () => {
    fc.assert(
      fc.property(arbStar, fc.nat(), (a, shift) => {
        const ring = a.rings[0]!;
        const n = ring.length / 2;
        const k = shift % n;
        const rotated = new Float64Array(ring.length);
        for (let i = 0; i < n; i++) {
          rotated[2 * i] = ring[2 * ((i + k) % n)]!;
          rotated[2 * i + 1] = ring[2 * ((i + k) % n) + 1]!;
        }
        expect(intersectionArea(a, areaShapeFromRings([rotated]))).toBeCloseTo(a.area, 6);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('is exactly 0 for edge and corner touches and for a shape filling a hole', () => {
    const a = areaShapeFromRings([square(E0, N0, E0 + 100, N0 + 100)]);
    expect(intersectionArea(a, areaShapeFromRings([square(E0 + 100, N0, E0 + 200, N0 + 100)]))).toBe(0);
    expect(intersectionArea(a, areaShapeFromRings([square(E0 + 100, N0 + 100, E0 + 200, N0 + 200)]))).toBe(0);
    // Partial edge touch: B's edge is a piece of A's edge (T-junctions on both sides).
    expect(intersectionArea(a, areaShapeFromRings([square(E0 + 100, N0 + 30, E0 + 150, N0 + 60)]))).toBe(0);
    const hole = square(E0 + 20, N0 + 20, E0 + 80, N0 + 80);
    const holed = areaShapeFromRings([square(E0, N0, E0 + 100, N0 + 100), hole.slice().reverse().map((_, i, arr) => arr[i % 2 === 0 ? i + 1 : i - 1]!)], [2]);
    expect(holed.area).toBeCloseTo(10_000 - 3_600, 6);
    expect(intersectionArea(holed, areaShapeFromRings([hole]))).toBe(0);
    expect(intersectionArea(holed, areaShapeFromRings([square(E0 + 10, N0 + 10, E0 + 90, N0 + 90)]))).toBeCloseTo(6_400 - 3_600, 6);
  });

  it('builds the intersection polygon with the same area (export path)', () => {
    const a = areaShapeFromRings([square(E0, N0, E0 + 100, N0 + 100)]);
    const b = areaShapeFromRings([square(E0 + 50, N0 + 25, E0 + 150, N0 + 75)]);
    expect(intersectionShape(a, b)?.area).toBeCloseTo(2_500, 6);
    expect(intersectionShape(a, areaShapeFromRings([square(E0 + 100, N0, E0 + 200, N0 + 100)]))).toBeNull();
  });
});
