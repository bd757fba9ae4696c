import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  eastNorthToLocal,
  growRectangle,
  localToEastNorth,
  RECT_SOLVE_NOTES,
  solveOffsetRectangle,
} from '../../../../src/core/geometry/offset-rectangle';
import type { SideSpec } from '../../../../src/core/geometry/offset-rectangle';

const side = (metres: number | null, fromOppositeWall = false): SideSpec => ({ metres, fromOppositeWall });

describe('solveOffsetRectangle', () => {
  it('solves the footprint so the area equals the stated area (金林寺: N20 E20 S22 W11, 2188.04 m²)', () => {
    const r = solveOffsetRectangle({
      sides: { '+q': side(20), '+p': side(20), '-q': side(22), '-p': side(11) },
      statedAreaM2: 2188.04,
    });
    expect(r.notes).toEqual([RECT_SOLVE_NOTES.SOLVED]);
    expect(r.areaM2).toBeCloseTo(2188.04, 6);
    // (s + 31)(s + 42) = 2188.04
    expect(r.footprintM).toBeCloseTo((-73 + Math.sqrt(73 * 73 - 4 * (1302 - 2188.04))) / 2, 9);
    expect(r.qRange[1] - r.footprintM / 2).toBeCloseTo(20, 9);
    expect(-r.pRange[0] - r.footprintM / 2).toBeCloseTo(11, 9);
  });

  it('keeps a point footprint and reports the residual when the area is unreachable (兑九峪)', () => {
    const r = solveOffsetRectangle({
      sides: { '+q': side(70), '+p': side(97), '-q': side(97), '-p': side(130) },
      statedAreaM2: 36574,
    });
    expect(r.notes).toEqual([RECT_SOLVE_NOTES.UNREACHABLE]);
    expect(r.footprintM).toBe(0);
    expect(r.areaM2).toBe(227 * 167);
    expect(r.residual).toBeCloseTo((37909 - 36574) / 36574, 12);
  });

  it('measures a side from the opposite wall (方山城址: 南 from the 北城墙)', () => {
    const r = solveOffsetRectangle({
      sides: { '+q': side(50), '+p': side(30), '-q': side(90, true), '-p': side(65) },
      statedAreaM2: 179573.86,
    });
    expect(r.qRange[1] - r.qRange[0]).toBeCloseTo(140, 9);
    expect(r.areaM2).toBeCloseTo(179573.86, 6);
    expect(r.footprintM).toBeCloseTo(179573.86 / 140 - 95, 6);
    // the south side lies 90 m south of the north wall
    expect(r.footprintM / 2 - r.qRange[0]).toBeCloseTo(90, 9);
  });

  it('builds a square of the stated area when no side has metres', () => {
    const r = solveOffsetRectangle({
      sides: { '+q': side(null), '+p': side(null), '-q': side(null), '-p': side(null) },
      statedAreaM2: 2100,
    });
    expect(r.notes).toEqual([RECT_SOLVE_NOTES.LIMITS_ONLY]);
    expect(r.areaM2).toBeCloseTo(2100, 9);
    expect(r.assumedSides).toHaveLength(4);
  });

  it('fills a missing side with the mean of the known ones and says so', () => {
    const r = solveOffsetRectangle({
      sides: { '+q': side(10), '+p': side(20), '-q': side(null), '-p': side(30) },
      statedAreaM2: 10_000,
    });
    expect(r.assumedSides).toEqual(['-q']);
    expect(r.offsetsM['-q']).toBe(20);
    expect(r.notes).toContain(RECT_SOLVE_NOTES.ASSUMED_OFFSETS);
  });

  it('rejects negative offsets as misuse', () => {
    expect(() =>
      solveOffsetRectangle({ sides: { '+q': side(-1), '+p': side(1), '-q': side(1), '-p': side(1) }, statedAreaM2: 10 }),
    ).toThrow(RangeError);
  });

  it('matches any reachable stated area exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 1.0001, max: 50, noNaN: true }),
        ([n, e, s, w], factor) => {
          const base = (e! + w!) * (n! + s!);
          const stated = Math.max(base, 1) * factor;
          const r = solveOffsetRectangle({
            sides: { '+q': side(n!), '+p': side(e!), '-q': side(s!), '-p': side(w!) },
            statedAreaM2: stated,
          });
          expect(r.notes).toEqual([RECT_SOLVE_NOTES.SOLVED]);
          expect(Math.abs(r.areaM2 - stated) / stated).toBeLessThan(1e-9);
          expect(r.footprintM).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

describe('growRectangle', () => {
  it('grows the protection range by the control offsets and measures the ring', () => {
    const ring = growRectangle({ pRange: [-10, 10], qRange: [-5, 5] }, { '+p': 3, '-p': 4, '+q': 1, '-q': 2 });
    expect(ring.pRange).toEqual([-14, 13]);
    expect(ring.qRange).toEqual([-7, 6]);
    expect(ring.outerAreaM2).toBe(27 * 13);
    expect(ring.ringAreaM2).toBe(27 * 13 - 200);
  });
});

describe('diagonal frame', () => {
  it('turns p to north-east and q to north-west, and back', () => {
    const [e, n] = localToEastNorth('diagonal', 1, 0);
    expect(e).toBeCloseTo(Math.SQRT1_2, 12);
    expect(n).toBeCloseTo(Math.SQRT1_2, 12);
    const [e2, n2] = localToEastNorth('diagonal', 0, 1);
    expect(e2).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(n2).toBeCloseTo(Math.SQRT1_2, 12);
    const [p, q] = eastNorthToLocal('diagonal', 3, 7);
    const [e3, n3] = localToEastNorth('diagonal', p, q);
    expect(e3).toBeCloseTo(3, 12);
    expect(n3).toBeCloseTo(7, 12);
  });
});
