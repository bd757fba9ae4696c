import { describe, expect, it } from 'vitest';
import {
  beamHeightAtGround,
  beamHeightAtRange,
  beamHeightsAtRange,
  beamHeightTable,
  groundDistanceAtRange,
  halfPowerRadius,
  rangeRings,
  slantRangeAtGround,
} from '../../../../src/core/radar/beam-geometry';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';

describe('beam geometry (4/3 effective Earth radius)', () => {
  it('reproduces wradlib test_bin_altitude (Doviak & Zrnić 1993 eq. 2.28b)', () => {
    // Source: wradlib/wradlib, wradlib/tests/test_georef.py, test_bin_altitude:
    // georef.bin_altitude(np.arange(10.0, 101.0, 10.0) * 1000.0, 2.0, 0, re=6370040.0) == altref.
    const altref = [
      354.87448647, 721.50702113, 1099.8960815, 1490.04009656, 1891.93744678, 2305.58646416, 2730.98543223,
      3168.13258613, 3617.02611263, 4077.66415017,
    ];
    altref.forEach((expected, i) => {
      const h = beamHeightAtRange((i + 1) * 10_000, 2, 0, { earthRadiusM: 6370040 });
      expect(Math.abs(h - expected)).toBeLessThan(1e-6);
    });
  });

  it('reproduces wradlib test_bin_distance (ground distance below the ray)', () => {
    // Source: same file, test_bin_distance (sitealt 0, re = 6 370 040 m, θ = 2°).
    const distref = [9993.49302358, 19986.13717891, 29977.90491409, 39968.76869178, 49958.70098959];
    distref.forEach((expected, i) => {
      expect(Math.abs(groundDistanceAtRange((i + 1) * 10_000, 2, { earthRadiusM: 6370040 }) - expected)).toBeLessThan(1e-6);
    });
  });

  it('ground-distance and slant-range forms agree', () => {
    for (const e of [0, 0.5, 1.5, 10]) {
      for (const r of [1000, 50_000, 200_000]) {
        const s = groundDistanceAtRange(r, e);
        expect(beamHeightAtGround(s, e, 30)).toBeCloseTo(beamHeightAtRange(r, e, 30), 6);
        expect(slantRangeAtGround(s, e)).toBeCloseTo(r, 5);
      }
    }
  });

  it('puts the half-power bounds at θ ± bw/2 and the radius at r·bw/2', () => {
    const h = beamHeightsAtRange(100_000, 0.5, 1, 10);
    expect(h.lowerM).toBeCloseTo(beamHeightAtRange(100_000, 0, 10), 9);
    expect(h.upperM).toBeCloseTo(beamHeightAtRange(100_000, 1, 10), 9);
    expect(halfPowerRadius(100_000, 1)).toBeCloseTo((100_000 * Math.PI) / 360, 9);
    const rows = beamHeightTable([10_000, 20_000], [0.5, 1.5], 1);
    expect(rows).toHaveLength(4);
    expect(rows[3]?.elevationDeg).toBe(1.5);
  });

  it('draws geodesic range rings with the last one at the maximum range', () => {
    const rings = rangeRings([111.5, 36], 60_000, 25_000);
    expect(rings.map((r) => r.properties.radiusM)).toEqual([25_000, 50_000, 60_000]);
    expect(rings[2]?.properties.isMax).toBe(true);
    const vertex = rings[0]?.geometry.coordinates[0]?.[5] as number[];
    expect(Math.abs(geodesicDistance([111.5, 36], vertex) - 25_000)).toBeLessThan(1e-3);
  });
});
