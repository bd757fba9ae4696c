import { describe, expect, it } from 'vitest';
import { displayCircle } from '../../../../src/core/geo/circle';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';

describe('displayCircle (precision rings)', () => {
  it.each([
    [111.5, 36.1, 500],
    [111.1, 37.5, 6_000],
    [112.8, 35.5, 25_000],
    [110.9, 38.5, 30_000],
  ])('at %f, %f with r = %i m stays within 0.1 %% of the geodesic radius', (lon, lat, r) => {
    const ring = displayCircle([lon, lat], r, 96).coordinates[0]!;
    expect(ring).toHaveLength(97);
    for (const p of ring) expect(Math.abs(geodesicDistance([lon, lat], p) - r) / r).toBeLessThan(0.001);
  });
});
