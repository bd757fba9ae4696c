import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { overallVerdict, zonesAt, zoneVerdict } from '../../../../src/core/geo/zones-at';

const M_LON = 1 / (111_320 * Math.cos((37 * Math.PI) / 180));
const M_LAT = 1 / 110_574;

/** A square of `sideM` metres centred on (111.5, 37). */
function square(sideM: number): Polygon {
  const h = sideM / 2;
  const x0 = 111.5 - h * M_LON;
  const x1 = 111.5 + h * M_LON;
  const y0 = 37 - h * M_LAT;
  const y1 = 37 + h * M_LAT;
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

const east = (m: number): [number, number] => [111.5 + m * M_LON, 37];

describe('zonesAt with position precision', () => {
  const zone = (precisionM: number) => [{ geometry: square(1000), properties: { id: 'z', precisionM } }];
  const precision = (p: { precisionM: number }): number => p.precisionM;

  it('says inside only where the point is inside wherever the zone may lie', () => {
    const [hit] = zonesAt(east(0), zone(100), 0, precision);
    expect(hit?.verdict).toBe('inside');
    expect(hit?.depthM).toBeCloseTo(500, -1);
    expect(zonesAt(east(0), zone(600), 0, precision)[0]?.verdict).toBe('may-be-inside');
  });

  it('says "may be inside" 1 km from a zone known to ±6 km, and answers none far from every zone', () => {
    const near = zonesAt(east(1500), zone(6000), 0, precision);
    expect(near).toHaveLength(1);
    expect(near[0]?.inside).toBe(false);
    expect(near[0]?.verdict).toBe('may-be-inside');
    expect(overallVerdict(near)).toBe('may-be-inside');
    const far = zonesAt(east(20_000), zone(6000), 0, precision);
    expect(far).toEqual([]);
    expect(overallVerdict(far)).toBe('none');
  });

  it('lists a nearby zone that cannot reach the point as outside', () => {
    const hits = zonesAt(east(1500), zone(100), 2000, precision);
    expect(hits[0]?.verdict).toBe('outside');
    expect(overallVerdict(hits)).toBe('none');
  });

  it('treats a surveyed zone (precision 0) by its drawn shape', () => {
    expect(zonesAt(east(400), zone(0), 0, precision)[0]?.verdict).toBe('inside');
    expect(zonesAt(east(600), zone(0), 0, precision)).toEqual([]);
  });

  it('never calls a point feature "inside"', () => {
    expect(zoneVerdict(10, 0, false)).toBe('outside');
    const hits = zonesAt(east(100), [{ geometry: { type: 'Point', coordinates: east(0) }, properties: { precisionM: 5000 } }], 200, precision);
    expect(hits[0]?.verdict).toBe('outside');
  });
});
