import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaDifference, SUPERSEDE_AREA_WARN_SHARE } from '../../../../src/app/import/supersede-flow';
import { Notices } from '../../../../src/app/import/notices';
import { geodesicArea } from '../../../../src/core/geo/geodesic';

/** A square of about `side` metres at 37°N, 111.5°E. */
function square(side: number): Polygon {
  const dLon = side / (111_320 * Math.cos((37 * Math.PI) / 180));
  const dLat = side / 110_574;
  return { type: 'Polygon', coordinates: [[[111.5, 37], [111.5 + dLon, 37], [111.5 + dLon, 37 + dLat], [111.5, 37 + dLat], [111.5, 37]]] };
}

describe('supersede: surveyed area against the stated area', () => {
  it('measures the difference geodesically and says nothing when no area is stated', () => {
    const s = square(300);
    const area = geodesicArea(s);
    const d = areaDifference(s, area / (1 - 0.5293));
    expect(d?.share).toBeCloseTo(-0.5293, 6);
    expect(Math.abs(d?.share ?? 0)).toBeGreaterThan(SUPERSEDE_AREA_WARN_SHARE);
    expect(Math.abs(areaDifference(s, area * 1.02)?.share ?? 1)).toBeLessThan(SUPERSEDE_AREA_WARN_SHARE);
    expect(areaDifference(s, null)).toBeNull();
    expect(areaDifference(s, 0)).toBeNull();
  });

  it('a warning notice keeps its code and numbers', () => {
    const n = new Notices();
    n.warn('superseded-area-differs', 'area-differs', { pct: '-52.93' });
    expect(n.state.current).toMatchObject({ kind: 'warning', code: 'superseded-area-differs', vars: { pct: '-52.93' } });
  });
});
