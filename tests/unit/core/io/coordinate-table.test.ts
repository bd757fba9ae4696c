import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { getCrs } from '../../../../src/core/geo/crs-registry';
import { toGaussKruger, type ZoneWidth } from '../../../../src/core/geo/gauss-kruger';
import { parseCoordinateTable } from '../../../../src/core/io/coordinate-table';
import { parseAngle } from '../../../../src/core/io/dms';
import { importText } from '../../../../src/core/io/index';
import { expectPreview, flatPositions, maxDeviationM } from './io-test-helpers';

describe('parseCoordinateTable', () => {
  const rows = ['J1 4000000.000 37500000.000', 'J2 4000100.000 37500000.000', 'J3 4000100.000 37500100.000'];

  it('reads a header in either order and normalises to [east, north]', () => {
    const xy = parseCoordinateTable(['点号,X,Y', 'J1,4000000.5,37500000.25'].join('\n'));
    const yx = parseCoordinateTable(['点号,Y,X', 'J1,37500000.25,4000000.5'].join('\n'));
    const cn = parseCoordinateTable(['序号,纵坐标X,横坐标Y', '1,4000000.5,37500000.25'].join('\n'));
    for (const t of [xy, yx, cn]) {
      expect(t.ok).toBe(true);
      if (!t.ok) continue;
      expect(t.orderSource).toBe('header');
      expect(t.parcels[0]?.rings[0]?.[0]).toMatchObject({ a: 37500000.25, b: 4000000.5 });
    }
    if (yx.ok) expect(yx.columnOrder).toBe('east-north');
  });

  it.each([
    ['*', '*'],
    ['@', '@'],
    ['blank line', ''],
    ['"2,"', '2,'],
    ['第2圈', '第2圈'],
  ])('splits rings at %s', (_label, marker) => {
    const text = [...rows, marker, 'K1 4001000 37501000', 'K2 4001100 37501000', 'K3 4001100 37501100'].join('\n');
    const t = parseCoordinateTable(text);
    expect(t.ok && t.parcels).toHaveLength(1);
    if (t.ok) expect(t.parcels[0]?.rings.map((r) => r.length)).toEqual([3, 3]);
  });

  it.each([['[地块2]'], ['第2地块'], ['【地块2】 东区']])('starts a new parcel at %s', (marker) => {
    const t = parseCoordinateTable([...rows, marker, ...rows].join('\n'));
    expect(t.ok && t.parcels).toHaveLength(2);
  });

  it('ends a ring on the repeated first point and a parcel on its area row', () => {
    const t = parseCoordinateTable([...rows, rows[0], ...rows, '面积 1.2345 公顷', ...rows].join('\n'));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.parcels).toHaveLength(2);
    expect(t.parcels[0]?.rings.map((r) => r.length)).toEqual([4, 3]);
    expect(t.parcels[0]?.statedArea).toMatchObject({ m2: 12345, line: 8 });
    expect(t.parcels[0]?.statedArea?.toleranceM2).toBeCloseTo(0.5, 10);
  });

  it('reads area units (公顷, 平方米, 亩, km²) with their precision', () => {
    const area = (row: string): number | undefined => {
      const t = parseCoordinateTable([...rows, row].join('\n'));
      return t.ok ? t.parcels[0]?.statedArea?.m2 : undefined;
    };
    expect(area('面积：12.5平方米')).toBe(12.5);
    expect(area('面积 3 亩')).toBeCloseTo(2000, 9);
    expect(area('面积(公顷) 0.25')).toBe(2500);
    expect(area('面积=1.5 km2')).toBe(1_500_000);
  });

  it('keeps title lines as CRS hints and reports lines it did not understand', () => {
    const t = parseCoordinateTable(['界址点坐标表 3度带 第37带', ...rows, '备注：无'].join('\n'));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.titleText).toContain('第37带');
    expect(t.ignoredLines).toEqual([{ line: 5, text: '备注：无' }]);
  });

  it('returns a value, not an exception, for text without coordinates', () => {
    const t = parseCoordinateTable('只有说明文字\n没有坐标');
    expect(t).toMatchObject({ ok: false, reason: 'table-no-points' });
  });

  it('handles full-width punctuation from Chinese input methods', () => {
    const t = parseCoordinateTable('J1，4000000．5，37500000．25');
    expect(t.ok && t.parcels[0]?.rings[0]?.[0]).toMatchObject({ a: 37500000.25, b: 4000000.5, name: 'J1' });
  });
});

describe('parseAngle (度分秒)', () => {
  const v = 37 + 51 / 60 + 23.45 / 3600;
  it.each([
    ['37°51′23.45″'],
    [`37°51'23.45"`],
    ['37度51分23.45秒'],
    ['37° 51′ 23.45″'],
    ['37:51:23.45'],
    ['375123.45'],
    ['N37°51′23.45″'],
    ['北37°51′23.45″'],
  ])('%s', (cell) => {
    expect(parseAngle(cell)?.degrees).toBeCloseTo(v, 12);
  });
  it('reads DD.MMSS only when asked, plain decimals otherwise', () => {
    expect(parseAngle('37.512345', 'dd.mmss')?.degrees).toBeCloseTo(v, 12);
    expect(parseAngle('37.512345')?.degrees).toBe(37.512345);
    expect(parseAngle('1122030.5')?.degrees).toBeCloseTo(112 + 20 / 60 + 30.5 / 3600, 12);
    expect(parseAngle('S12°30′')?.degrees).toBe(-12.5);
  });
  it('rejects minutes or seconds of 60 and more, and text', () => {
    expect(parseAngle('37°61′00″')).toBeNull();
    expect(parseAngle('376100')).toBeNull();
    expect(parseAngle('J1')).toBeNull();
  });
});

/** A random star-shaped polygon (simple by construction) around a centre, as lon/lat. */
function starPolygon(lon: number, lat: number, angles: readonly number[], radii: readonly number[]): Position[] {
  const mPerDegLat = 110_574;
  const mPerDegLon = 111_320 * Math.cos((lat * Math.PI) / 180);
  return angles.map((a, i) => {
    const t = (a / 3600) * 2 * Math.PI;
    const r = radii[i % radii.length] ?? 100;
    return [lon + (r * Math.cos(t)) / mPerDegLon, lat + (r * Math.sin(t)) / mPerDegLat];
  });
}

const styleArb = fc.record({
  delimiter: fc.constantFrom('\t', ',', '  ', ' ; '),
  yFirst: fc.boolean(),
  header: fc.constantFrom('none', 'xy', 'cn'),
  names: fc.constantFrom('none', 'J', 'seq+J'),
  close: fc.boolean(),
  decimals: fc.constantFrom(3, 4),
  ringMarker: fc.constantFrom('*', '@', '', '2,', '#', '第2圈'),
  zoneStatement: fc.constantFrom('title-zone', 'title-cm', 'option'),
  titleWhenPrefixed: fc.boolean(),
});

const zoneArb = fc.oneof(
  fc.record({ width: fc.constant<ZoneWidth>(3), zone: fc.integer({ min: 36, max: 39 }) }),
  fc.record({ width: fc.constant<ZoneWidth>(6), zone: fc.integer({ min: 19, max: 20 }) }),
);

describe('coordinate tables, property: random polygons in zones 36–39 (3°) and 19–20 (6°)', () => {
  it('write as a table in a random style, parse, land within 1 mm', () => {
    fc.assert(
      fc.property(
        zoneArb,
        fc.boolean(),
        fc.double({ min: -0.45, max: 0.45, noNaN: true }),
        fc.double({ min: 34.6, max: 40.6, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 3599 }), { minLength: 3, maxLength: 12 }),
        fc.array(fc.integer({ min: 50, max: 3000 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        styleArb,
        ({ width, zone }, prefixed, offsetFraction, lat, rawAngles, radii, twoRings, style) => {
          const angles = [...rawAngles].sort((a, b) => a - b);
          if (angles.some((a, i) => i > 0 && a - (angles[i - 1] ?? 0) < 20)) return; // keep vertices apart
          const cm = width === 3 ? zone * 3 : zone * 6 - 3;
          const lon = cm + offsetFraction * width;
          const rings = [starPolygon(lon, lat, angles, radii)];
          if (twoRings) rings.push(starPolygon(lon + 0.1, lat, angles, radii)); // ~9 km east: a second part
          const lines: string[] = [];
          const zoneText = style.zoneStatement === 'title-cm' ? `${width}度带 中央经线${cm}°` : `${width}度带 第${zone}带`;
          if (!prefixed ? style.zoneStatement !== 'option' : style.titleWhenPrefixed) lines.push(`界址点坐标表（2000国家大地坐标系 ${zoneText}）`);
          const nameCol = style.names !== 'none';
          const seqCol = style.names === 'seq+J';
          if (style.header !== 'none') {
            const [xh, yh] = style.header === 'xy' ? ['X(m)', 'Y(m)'] : ['纵坐标X', '横坐标Y'];
            lines.push([...(seqCol ? ['序号'] : []), ...(nameCol ? ['点号'] : []), ...(style.yFirst ? [yh, xh] : [xh, yh])].join(style.delimiter));
          }
          const expected: Position[] = [];
          let k = 0;
          rings.forEach((ring, ri) => {
            if (ri > 0) lines.push(style.ringMarker);
            const written = style.close ? [...ring, ring[0] ?? [0, 0]] : ring;
            written.forEach((p, vi) => {
              const gk = toGaussKruger(p[0] ?? 0, p[1] ?? 0, { zone, width, prefixed });
              const x = gk.x.toFixed(style.decimals);
              const y = gk.y.toFixed(style.decimals);
              const isClosing = style.close && vi === ring.length;
              const n = isClosing ? k - ring.length + 1 : ++k;
              const cells = [...(seqCol ? [String(n)] : []), ...(nameCol ? [`J${n}`] : []), ...(style.yFirst ? [y, x] : [x, y])];
              lines.push(cells.join(style.delimiter));
              expected.push(p);
            });
          });
          const options = !prefixed && style.zoneStatement === 'option' ? { zone, zoneWidth: width } : {};
          const preview = expectPreview(importText(lines.join('\n'), 'random.txt', options));
          const actual = preview.features.flatMap((f) => flatPositions(f.geometry));
          expect(maxDeviationM(actual, expected)).toBeLessThan(0.001);
          // A plain 6° zone stated by its central meridian may be read as the 3° zone with that meridian: same projection.
          expect(getCrs(preview.crs.epsg).centralMeridian).toBe(cm);
          expect(getCrs(preview.crs.epsg).prefixed).toBe(prefixed);
          if (prefixed || style.zoneStatement !== 'title-cm') expect(preview.crs.zone).toBe(zone);
          expect(preview.crs.axesSwapped).toBe(style.header === 'none' && style.yFirst);
        },
      ),
      { numRuns: 300 },
    );
  });
});
