import fc from 'fast-check';
import type { LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  EASTING_REASONS,
  LocalMetricFrame,
  epsgForZone,
  fromGaussKruger,
  gk3ZoneForLon,
  gk6ZoneForLon,
  toGaussKruger,
  zoneFromEasting,
} from '../../../../src/core/geo/gauss-kruger';
import { smallOffsetMetres } from './fixture-tables';

const ONE_MM = 0.001;
const SEED = 20261122;

describe('zone from longitude', () => {
  it('3° zones: round(lon / 3), boundaries go east', () => {
    expect(gk3ZoneForLon(111.52)).toBe(37); // Linfen
    expect(gk3ZoneForLon(111.14)).toBe(37); // Lishi
    expect(gk3ZoneForLon(110.98)).toBe(37); // Jishan
    expect(gk3ZoneForLon(112.41)).toBe(37); // Yangcheng
    expect(gk3ZoneForLon(112.85)).toBe(38); // Jincheng, CM 114
    expect(gk3ZoneForLon(112.4999)).toBe(37);
    expect(gk3ZoneForLon(112.5)).toBe(38);
    expect(gk3ZoneForLon(109.5)).toBe(37);
    expect(gk3ZoneForLon(109.4999)).toBe(36);
    expect(gk3ZoneForLon(75)).toBe(25);
    expect(gk3ZoneForLon(135)).toBe(45);
  });

  it('6° zones: floor(lon / 6) + 1, boundaries go east', () => {
    expect(gk6ZoneForLon(111.52)).toBe(19);
    expect(gk6ZoneForLon(112.85)).toBe(19);
    expect(gk6ZoneForLon(108)).toBe(19);
    expect(gk6ZoneForLon(107.999)).toBe(18);
    expect(gk6ZoneForLon(114)).toBe(20);
    expect(gk6ZoneForLon(113.999)).toBe(19);
    expect(gk6ZoneForLon(75)).toBe(13);
  });

  it('throws for longitudes that are not east longitudes', () => {
    expect(() => gk3ZoneForLon(Number.NaN)).toThrow(RangeError);
    expect(() => gk3ZoneForLon(-3)).toThrow(RangeError);
    expect(() => gk6ZoneForLon(200)).toThrow(RangeError);
  });
});

describe('EPSG codes of zones', () => {
  it('maps zones to the four EPSG blocks', () => {
    expect(epsgForZone(25, 3, true)).toBe(4513);
    expect(epsgForZone(37, 3, true)).toBe(4525);
    expect(epsgForZone(38, 3, true)).toBe(4526);
    expect(epsgForZone(45, 3, true)).toBe(4533);
    expect(epsgForZone(25, 3, false)).toBe(4534);
    expect(epsgForZone(37, 3, false)).toBe(4546);
    expect(epsgForZone(38, 3, false)).toBe(4547);
    expect(epsgForZone(45, 3, false)).toBe(4554);
    expect(epsgForZone(13, 6, true)).toBe(4491);
    expect(epsgForZone(19, 6, true)).toBe(4497);
    expect(epsgForZone(23, 6, true)).toBe(4501);
    expect(epsgForZone(13, 6, false)).toBe(4502);
    expect(epsgForZone(19, 6, false)).toBe(4508);
    expect(epsgForZone(23, 6, false)).toBe(4512);
  });

  it('throws for zones outside the CGCS2000 set', () => {
    expect(() => epsgForZone(24, 3, true)).toThrow(RangeError);
    expect(() => epsgForZone(46, 3, false)).toThrow(RangeError);
    expect(() => epsgForZone(12, 6, true)).toThrow(RangeError);
    expect(() => epsgForZone(37, 6, true)).toThrow(RangeError);
    expect(() => epsgForZone(37.5, 3, true)).toThrow(RangeError);
  });
});

describe('zone from a prefixed easting', () => {
  it('reads 3° zones 25–45 and 6° zones 13–23', () => {
    expect(zoneFromEasting(37546837.917)).toMatchObject({
      ok: true,
      zone: 37,
      width: 3,
      epsg: 4525,
      centralMeridian: 111,
    });
    const r38 = zoneFromEasting(38440000);
    expect(r38).toMatchObject({ ok: true, zone: 38, width: 3, epsg: 4526, centralMeridian: 114 });
    if (r38.ok) expect(r38.plainEasting).toBeCloseTo(440000, 6);
    expect(zoneFromEasting(19546837.917)).toMatchObject({ ok: true, zone: 19, width: 6, epsg: 4497 });
    expect(zoneFromEasting(13300000)).toMatchObject({ ok: true, zone: 13, width: 6, epsg: 4491 });
    expect(zoneFromEasting(45500000)).toMatchObject({ ok: true, zone: 45, width: 3, epsg: 4533 });
  });

  it('rejects eastings without a prefix, unknown prefixes and swapped axes', () => {
    expect(zoneFromEasting(546837.917)).toMatchObject({ ok: false, reason: EASTING_REASONS.notPrefixed });
    expect(zoneFromEasting(24500000)).toMatchObject({ ok: false, reason: EASTING_REASONS.unknownZone });
    expect(zoneFromEasting(46500000)).toMatchObject({ ok: false, reason: EASTING_REASONS.unknownZone });
    // A Shanxi northing given where the easting belongs.
    expect(zoneFromEasting(3994544.622)).toMatchObject({ ok: false, reason: EASTING_REASONS.unknownZone });
    expect(zoneFromEasting(37000100)).toMatchObject({ ok: false, reason: EASTING_REASONS.offsetOutOfRange });
    expect(zoneFromEasting(19990000)).toMatchObject({ ok: false, reason: EASTING_REASONS.offsetOutOfRange });
    expect(() => zoneFromEasting(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('agrees with toGaussKruger for every point of Shanxi', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 110.2, max: 114.6, noNaN: true }),
        fc.double({ min: 34.5, max: 40.8, noNaN: true }),
        fc.constantFrom(3 as const, 6 as const),
        (lon, lat, width) => {
          const gk = toGaussKruger(lon, lat, { width, prefixed: true });
          const read = zoneFromEasting(gk.y);
          expect(read).toMatchObject({ ok: true, zone: gk.zone, width, epsg: gk.epsg });
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('toGaussKruger / fromGaussKruger', () => {
  it('returns X = northing and Y = easting (Chinese order)', () => {
    const gk = toGaussKruger(111.52, 36.08, { width: 3, prefixed: true });
    expect(gk.zone).toBe(37);
    expect(gk.epsg).toBe(4525);
    expect(gk.x).toBeGreaterThan(3.9e6); // ~4 000 km north of the equator
    expect(gk.x).toBeLessThan(4.1e6);
    expect(Math.floor(gk.y / 1e6)).toBe(37);
    const plain = toGaussKruger(111.52, 36.08, { width: 3, prefixed: false });
    expect(plain.y).toBeCloseTo(gk.y - 37e6, 6);
    expect(plain.x).toBeCloseTo(gk.x, 6);
    // Points east of the central meridian have eastings above 500 km.
    expect(plain.y).toBeGreaterThan(500000);
    expect(toGaussKruger(110.5, 36.08, { width: 3, prefixed: false }).y).toBeLessThan(500000);
  });

  it('accepts an explicit zone outside the point’s own zone', () => {
    const inOwn = toGaussKruger(112.85, 35.5, { width: 3, prefixed: true });
    const inWest = toGaussKruger(112.85, 35.5, { width: 3, prefixed: true, zone: 37 });
    expect(inOwn.epsg).toBe(4526);
    expect(inWest.epsg).toBe(4525);
    expect(Math.floor(inWest.y / 1e6)).toBe(37);
    const back = fromGaussKruger(inWest.x, inWest.y, { width: 3, prefixed: true });
    expect(smallOffsetMetres(35.5, back.lon - 112.85, back.lat - 35.5)).toBeLessThan(ONE_MM);
  });

  it('throws on misuse: missing zone, wrong prefix, contradicting zone, bad coordinates', () => {
    expect(() => fromGaussKruger(3994544, 546837, { width: 3, prefixed: false })).toThrow(/zone/);
    expect(() => fromGaussKruger(3994544, 546837, { width: 3, prefixed: true })).toThrow(/prefix/);
    expect(() => fromGaussKruger(3994544, 19546837, { width: 3, prefixed: true })).toThrow(/prefix/);
    expect(() => fromGaussKruger(3994544, 37546837, { width: 3, prefixed: true, zone: 38 })).toThrow(/zone 38/);
    expect(() => toGaussKruger(111, 91, { width: 3, prefixed: true })).toThrow(RangeError);
    expect(() => toGaussKruger(111, 36, { width: 3, prefixed: true, zone: 19 })).toThrow(RangeError);
  });
});

/** Round trips across the full width of a zone: geographic → grid → geographic and back. */
function roundTripProperty(width: 3 | 6, zone: number, prefixed: boolean): void {
  const cm = width === 3 ? zone * 3 : zone * 6 - 3;
  const half = width / 2;
  fc.assert(
    fc.property(
      fc.double({ min: cm - half, max: cm + half, noNaN: true }),
      fc.double({ min: 18, max: 54, noNaN: true }),
      (lon, lat) => {
        const gk = toGaussKruger(lon, lat, { width, zone, prefixed });
        const back = fromGaussKruger(gk.x, gk.y, { width, zone, prefixed });
        expect(smallOffsetMetres(lat, back.lon - lon, back.lat - lat)).toBeLessThanOrEqual(ONE_MM);
        const again = toGaussKruger(back.lon, back.lat, { width, zone, prefixed });
        expect(Math.hypot(again.x - gk.x, again.y - gk.y)).toBeLessThanOrEqual(ONE_MM);
      },
    ),
    { seed: SEED + zone * 10 + width, numRuns: 200 },
  );
}

describe('round trip within 1 mm across each zone (fast-check)', () => {
  for (const zone of [34, 35, 36, 37, 38, 39, 40]) {
    it(`3° zone ${zone} (CM ${zone * 3}°E)`, () => {
      roundTripProperty(3, zone, true);
      roundTripProperty(3, zone, false);
    });
  }
  for (const zone of [18, 19, 20]) {
    it(`6° zone ${zone} (CM ${zone * 6 - 3}°E)`, () => {
      roundTripProperty(6, zone, true);
      roundTripProperty(6, zone, false);
    });
  }
});

/** Every position of a geometry, in order. */
function positionsOf(g: Point | LineString | Polygon | MultiPolygon): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

describe('LocalMetricFrame', () => {
  it('picks the unprefixed 3° zone of its centre', () => {
    const linfen = new LocalMetricFrame([111.52, 36.08]);
    expect(linfen).toMatchObject({ zone: 37, centralMeridian: 111, epsg: 4546 });
    const jincheng = new LocalMetricFrame([112.85, 35.5]);
    expect(jincheng).toMatchObject({ zone: 38, centralMeridian: 114, epsg: 4547 });
  });

  it('maps [lon, lat] to [easting, northing] like toGaussKruger and back', () => {
    const frame = new LocalMetricFrame([111.52, 36.08]);
    const [e, n] = frame.forward([111.52, 36.08]);
    const gk = toGaussKruger(111.52, 36.08, { width: 3, prefixed: false });
    expect(e).toBeCloseTo(gk.y, 6);
    expect(n).toBeCloseTo(gk.x, 6);
    const [lon, lat, z] = frame.inverse([e ?? NaN, n ?? NaN, 812.5]);
    expect(lon).toBeCloseTo(111.52, 10);
    expect(lat).toBeCloseTo(36.08, 10);
    expect(z).toBe(812.5);
    expect(() => frame.forward([Number.NaN, 36])).toThrow(RangeError);
  });

  it('converts whole geometries of each type and returns them within 1 mm', () => {
    const point: Point = { type: 'Point', coordinates: [111.14, 37.52] };
    const line: LineString = { type: 'LineString', coordinates: [[111.1, 37.5], [111.2, 37.55], [111.3, 37.5]] };
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[111.0, 37.4], [111.3, 37.4], [111.3, 37.6], [111.0, 37.6], [111.0, 37.4]],
        [[111.1, 37.45], [111.1, 37.5], [111.2, 37.5], [111.1, 37.45]],
      ],
    };
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [polygon.coordinates, [[[112.0, 36.0], [112.1, 36.0], [112.1, 36.1], [112.0, 36.0]]]],
    };
    const frame = LocalMetricFrame.around(multi);
    expect(frame.zone).toBe(37);
    for (const geometry of [point, line, polygon, multi]) {
      const metric = frame.forwardGeometry(geometry);
      expect(metric.type).toBe(geometry.type);
      const back = frame.inverseGeometry(metric);
      const original = positionsOf(geometry);
      const returned = positionsOf(back);
      expect(returned).toHaveLength(original.length);
      original.forEach((p, i) => {
        const q = returned[i] ?? [];
        const [lon = NaN, lat = NaN] = p;
        const [lon2 = NaN, lat2 = NaN] = q;
        expect(smallOffsetMetres(lat, lon2 - lon, lat2 - lat)).toBeLessThanOrEqual(ONE_MM);
      });
      const metricFlat = positionsOf(metric);
      for (const [e = NaN, n = NaN] of metricFlat) {
        expect(e).toBeGreaterThan(300000);
        expect(e).toBeLessThan(700000);
        expect(n).toBeGreaterThan(3.9e6);
      }
    }
    // The input is not modified.
    expect(polygon.coordinates[0]?.[0]).toEqual([111.0, 37.4]);
  });

  it('throws for an empty geometry', () => {
    expect(() => LocalMetricFrame.around({ type: 'MultiPolygon', coordinates: [] })).toThrow(RangeError);
  });
});
