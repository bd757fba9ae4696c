import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ringCrosses, shortRingCrosses } from '../../../../src/core/conflicts/edge-table';
import { overlapMeasure, windingExcess } from '../../../../src/core/conflicts/exact-overlap';
import { areaShapeFromRings, ringSignedArea } from '../../../../src/core/conflicts/planar-shape';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';
import { exactOverlay } from './exact-reference';
import type { Parts } from './overlay-suite-lib';

/** Projected-metre magnitudes of Shanxi (CGCS2000 3° zone, false easting 500 km). */
const E0 = 512_345;
const N0 = 4_001_234;

function partsOf(shape: AreaShape): Parts {
  const parts: Parts = [];
  let r = 0;
  for (const count of shape.ringCounts) {
    const part: number[][][] = [];
    for (let k = 0; k < count; k++, r++) {
      const ring = shape.rings[r] as Float64Array;
      const pts: number[][] = [];
      for (let i = 0; i < ring.length; i += 2) pts.push([ring[i] as number, ring[i + 1] as number]);
      part.push(pts);
    }
    parts.push(part);
  }
  return parts;
}

/** A ring from [x, y] pairs (relative to E0, N0), oriented counter-clockwise when `ccw`, else clockwise. */
function ring(points: ReadonlyArray<readonly [number, number]>, ccw = true): Float64Array {
  const flat = new Float64Array(points.flatMap(([x, y]) => [E0 + x, N0 + y]));
  if (ringSignedArea(flat) > 0 === ccw) return flat;
  const out = new Float64Array(flat.length);
  const n = flat.length / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = flat[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = flat[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}

const rect = (x0: number, y0: number, x1: number, y1: number, ccw = true): Float64Array => ring([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], ccw);

/** Checks both orders against the exact reference and the error bound; returns the area. */
function checked(a: AreaShape, b: AreaShape): number {
  const ab = overlapMeasure(a, b);
  const ba = overlapMeasure(b, a);
  expect(ab.areaM2).toBe(ba.areaM2);
  const exact = exactOverlay(partsOf(a), partsOf(b));
  expect(Math.abs(ab.areaM2 - exact.inter)).toBeLessThanOrEqual(ab.errorM2 + 1e-15 * Math.max(a.area, b.area));
  expect(ab.errorM2).toBeLessThan(1e-6);
  expect(Math.abs(ab.areaM2 + exact.aMinusB - a.area)).toBeLessThanOrEqual(ab.errorM2 + 1e-9);
  return ab.areaM2;
}

describe('overlap area on hard geometry (own cases, exact by hand and by the BigInt reference)', () => {
  it("counts A's edge lying on the edge shared by B's two parts as interior of B", () => {
    const b = areaShapeFromRings([rect(0, 0, 10, 3), rect(0, 3, 10, 6)], [1, 1]);
    expect(checked(areaShapeFromRings([rect(2, 3, 8, 9)]), b)).toBeCloseTo(18, 9);
    expect(checked(areaShapeFromRings([rect(2, 0, 8, 3)]), b)).toBeCloseTo(18, 9);
    // A's two parts share the edge too, and A's edges run along B's shared edge both ways.
    const a = areaShapeFromRings([rect(-2, 1, 5, 3), rect(-2, 3, 5, 5)], [1, 1]);
    expect(checked(a, b)).toBeCloseTo(20, 9);
    // Parts sharing only half an edge (T-junction) with A straddling it.
    const t = areaShapeFromRings([rect(0, 0, 4, 4), rect(4, 1, 8, 3)], [1, 1]);
    expect(checked(areaShapeFromRings([rect(3, 1, 6, 3)]), t)).toBeCloseTo(6, 9);
  });

  it("follows a thin spike of B's hole along A's edge", () => {
    // B: 0..10 square with a hole that has a 0.001 m wide spike reaching x = 9 along y = 5.
    const hole = ring([[2, 2], [6, 2], [6, 4.9995], [9, 5], [6, 5.0005], [6, 8], [2, 8]], false);
    const b = areaShapeFromRings([rect(0, 0, 10, 10), hole], [2]);
    const holeArea = 4 * 6 + 3 * 0.001 / 2;
    expect(b.area).toBeCloseTo(100 - holeArea, 9);
    // A's bottom edge runs along the spike's axis, A's left edge along the hole's right side.
    const a = areaShapeFromRings([rect(6, 5, 10, 7)]);
    expect(checked(a, b)).toBeCloseTo(8 - 0.0005 * 3 / 2 / 1, 9);
    // A's edge exactly on the spike's lower edge's end point and on the hole's edge.
    expect(checked(areaShapeFromRings([rect(2, 0, 6, 5)]), b)).toBeCloseTo(4 * 2, 9);
  });

  it('handles a zero-width (and a 0.4 µm wide) spike of a hole lying along A\'s edge, in both argument orders', () => {
    for (const w of [0, 2e-7]) {
      const hole = ring([[2, 2], [6, 2], [6, 5 - w], [9, 5 - w], [9, 5 + w], [6, 5 + w], [6, 8], [2, 8]], false);
      const b = areaShapeFromRings([rect(0, 0, 10, 10), hole], [2]);
      // Before this engine: 6.5 in one order and 8 in the other for w = 0.
      expect(checked(areaShapeFromRings([rect(5, 3, 10, 5 - w)]), b)).toBeCloseTo(8 - 4 * w, 8);
      expect(checked(areaShapeFromRings([rect(5, 5 + w, 10, 7)]), b)).toBeCloseTo(8 - 4 * w, 8);
      expect(checked(areaShapeFromRings([rect(7, 3, 10, 7)]), b)).toBeCloseTo(12 - 4 * w, 8);
    }
  });

  it('measures slivers far below a millimetre instead of rounding them to touching', () => {
    const a = areaShapeFromRings([rect(0, 0, 100, 10)]);
    for (const w of [1e-3, 1e-5, 1e-7]) {
      const sliver = checked(a, areaShapeFromRings([rect(0, 10 - w, 100, 20)]));
      expect(Math.abs(sliver - 100 * w)).toBeLessThan(1e-7);
    }
    expect(checked(a, areaShapeFromRings([rect(0, 10, 100, 20)]))).toBe(0);
  });

  it('never turns a near-zero overlap into containment (no clamp to the smaller area)', () => {
    // B is a long thin shape crossing A's corner by a tiny triangle (the GEOS #737 situation).
    const a = areaShapeFromRings([rect(0, 0, 10, 10)]);
    const b = areaShapeFromRings([ring([[9.999999, 9.999999], [30, 10.000001], [30, 10.00001]])]);
    const m = overlapMeasure(a, b);
    expect(m.areaM2).toBeLessThan(1e-9);
    expect(m.areaM2 / b.area).toBeLessThan(1e-3);
  });
});

/** Triangles of a grid of `cells` × `cells` unit squares scaled by `size`, each cell split along one diagonal. */
function gridTriangles(cells: number, size: number, ox: number, oy: number, diagonals: readonly boolean[]): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const x0 = ox + i * size;
      const y0 = oy + j * size;
      const x1 = x0 + size;
      const y1 = y0 + size;
      if (diagonals[i * cells + j] === true) {
        out.push([[x0, y0], [x1, y0], [x1, y1]], [[x0, y0], [x1, y1], [x0, y1]]);
      } else {
        out.push([[x0, y0], [x1, y0], [x0, y1]], [[x1, y0], [x1, y1], [x0, y1]]);
      }
    }
  }
  return out;
}

/**
 * Random multipolygons made of triangles of a grid: the parts share edges and vertices, their
 * union has holes, pinches and spikes, and two grids with different origins and sizes give
 * collinear partial overlaps.
 */
const arbGridShape = fc
  .record({
    cells: fc.integer({ min: 1, max: 4 }),
    size: fc.constantFrom(1, 2, 3, 0.5, 1.5),
    ox: fc.integer({ min: -2, max: 2 }),
    oy: fc.integer({ min: -2, max: 2 }),
    diagonals: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    pick: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
  })
  .map(({ cells, size, ox, oy, diagonals, pick }) => {
    const tris = gridTriangles(cells, size, ox, oy, diagonals).filter((_, k) => pick[k] === true);
    const chosen = tris.length > 0 ? tris : gridTriangles(cells, size, ox, oy, diagonals).slice(0, 1);
    return areaShapeFromRings(chosen.map((t) => ring(t)));
  });

/** Star polygons with a hole and an optional spike (one very long thin ray). */
const arbHoledStar = fc
  .record({
    cx: fc.integer({ min: -20, max: 20 }),
    cy: fc.integer({ min: -20, max: 20 }),
    radii: fc.array(fc.integer({ min: 20, max: 60 }), { minLength: 5, maxLength: 12 }),
    spike: fc.option(fc.integer({ min: 0, max: 11 })),
    hole: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ cx, cy, radii, spike, hole }) => {
    const n = radii.length;
    const pts: Array<[number, number]> = [];
    radii.forEach((r, i) => {
      const angle = (2 * Math.PI * i) / n;
      const rr = spike !== null && spike % n === i ? 150 : r;
      pts.push([cx + Math.round(rr * Math.cos(angle) * 1000) / 1000, cy + Math.round(rr * Math.sin(angle) * 1000) / 1000]);
    });
    const rings = [ring(pts)];
    if (hole > 2) rings.push(ring([[cx - hole, cy - hole], [cx + hole, cy - hole], [cx + hole, cy + hole], [cx, cy + hole / 2], [cx - hole, cy + hole]], false));
    return areaShapeFromRings(rings, [rings.length]);
  });

const arbShape = fc.oneof(arbGridShape, arbHoledStar);

describe('overlap area properties (fast-check)', () => {
  it('area(A∩B) = area(B∩A) exactly, matches the BigInt reference within its error bound, and area(A∩B) + area(A−B) = area(A)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(arbShape, arbShape, (a, b) => {
        checked(a, b);
      }),
      { numRuns: 400, seed: 20 },
    );
  });

  it('gives exactly 0 for parts meeting only along edges and the full area for a shape against itself', () => {
    fc.assert(
      fc.property(arbGridShape, (a) => {
        expect(Math.abs(overlapMeasure(a, a).areaM2 - a.area)).toBeLessThanOrEqual(overlapMeasure(a, a).errorM2);
        const excess = windingExcess(a);
        expect(Math.abs(excess.areaM2)).toBeLessThanOrEqual(excess.errorM2);
        const [first, ...rest] = a.rings;
        if (rest.length === 0) return;
        const one = areaShapeFromRings([first as Float64Array]);
        const others = areaShapeFromRings(rest);
        expect(Math.abs(overlapMeasure(one, others).areaM2)).toBeLessThanOrEqual(overlapMeasure(one, others).errorM2);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});

describe('crossing checks of the validity test', () => {
  it('agree between the short-ring loop and the edge-table sweep', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 3, maxLength: 12 }), (pts) => {
        const flat = new Float64Array(pts.flatMap(([x, y]) => [E0 + x, N0 + y]));
        expect(shortRingCrosses(flat)).toBe(ringCrosses(flat));
      }),
      { numRuns: 500, seed: 22 },
    );
    expect(shortRingCrosses(ring([[0, 0], [10, 10], [10, 0], [0, 10]]))).toBe(true);
    expect(shortRingCrosses(rect(0, 0, 10, 10))).toBe(false);
  });
});
