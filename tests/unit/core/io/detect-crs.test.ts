import { describe, expect, it } from 'vitest';
import { getCrs } from '../../../../src/core/geo/crs-registry';
import { epsgForZone, toGaussKruger } from '../../../../src/core/geo/gauss-kruger';
import { crsFromName, crsFromText, crsFromWkt, detectCrs, lonLatToWebMercator, shiftedDatumHint } from '../../../../src/core/io/detect-crs';
import { prjWkt } from '../../../../src/core/io/prj-wkt';
import { fixtureRows } from './io-test-helpers';

const PRJ = fixtureRows('prj.tsv');

describe('crsFromWkt against projinfo output (tests/fixtures/io/prj.tsv)', () => {
  const cgcs = PRJ.filter(([code]) => Number(code) >= 4490 && Number(code) <= 4554);
  it('covers all 65 codes in three dialects', () => {
    expect(cgcs).toHaveLength(65 * 3);
  });
  for (const [code, dialect, wkt] of cgcs) {
    it(`EPSG:${code} ${dialect} → the same projection`, () => {
      const r = crsFromWkt(wkt ?? '');
      expect(r?.ok).toBe(true);
      if (r === null || !r.ok) return;
      const want = getCrs(Number(code));
      if (want.kind === 'geographic') {
        expect(r.crs.kind).toBe('geographic');
        return;
      }
      expect(r.crs.kind).toBe('gk');
      const { zone, width, prefixed } = r.crs;
      expect(zone !== undefined && width !== undefined && prefixed !== undefined).toBe(true);
      if (zone === undefined || width === undefined || prefixed === undefined) return;
      // "CM 111E" is the same projection for 3° zone 37 and 6° zone 19: compare the definitions.
      expect(getCrs(epsgForZone(zone, width, prefixed)).proj4).toBe(want.proj4);
    });
  }
  it.each([['4326'], ['3857']])('EPSG:%s is understood in every dialect', (code) => {
    for (const [, , wkt] of PRJ.filter(([c]) => c === code)) {
      const r = crsFromWkt(wkt ?? '');
      expect(r?.ok && r.crs.kind).toBe(code === '3857' ? 'web-mercator' : 'geographic');
    }
  });
  it('EPSG:32649 (WGS 84 / UTM 49N, projinfo WKT) is read as UTM zone 49', () => {
    const rows = PRJ.filter(([c]) => c === '32649');
    expect(rows.length).toBeGreaterThan(0);
    for (const [, dialect, wkt] of rows) {
      const r = crsFromWkt(wkt ?? '');
      expect(r?.ok && r.crs.kind === 'utm' && r.crs.zone, `32649 ${dialect}`).toBe(49);
    }
  });
  it.each([['4214'], ['4610'], ['2383'], ['2436']])('EPSG:%s (a legacy datum) is refused unless seven parameters are given', (code) => {
    const rows = PRJ.filter(([c]) => c === code);
    expect(rows.length).toBeGreaterThan(0);
    for (const [, dialect, wkt] of rows) {
      const r = crsFromWkt(wkt ?? '');
      expect(r?.ok, `${code} ${dialect}`).toBe(false);
      if (r !== null && !r.ok) {
        expect(r.unsupported.zh.length).toBeGreaterThan(0);
        expect(r.unsupported.en).toMatch(/cannot be converted|states/);
      }
    }
  });
  it('garbage is a value, not an exception', () => {
    expect(crsFromWkt('PROJCS["x",GEOGCS[')).toMatchObject({ ok: false });
  });
});

describe('prjWkt', () => {
  for (const [code, , wkt] of PRJ.filter(([c, d]) => d === 'WKT1_ESRI' && Number(c) >= 4490 && Number(c) <= 4554)) {
    it(`EPSG:${code} equals projinfo's WKT1_ESRI`, () => {
      expect(prjWkt(Number(code))).toBe(wkt);
    });
  }
});

describe('crsFromName (GeoJSON legacy crs)', () => {
  it.each([
    ['urn:ogc:def:crs:EPSG::4526', 'gk', 38],
    ['EPSG:4525', 'gk', 37],
    ['urn:ogc:def:crs:EPSG:6.6:4497', 'gk', 19],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'geographic', undefined],
    ['EPSG:4490', 'geographic', undefined],
    ['EPSG:3857', 'web-mercator', undefined],
    ['CGCS2000_3_Degree_GK_CM_114E', 'gk', 38],
  ] as const)('%s', (name, kind, zone) => {
    const r = crsFromName(name);
    expect(r?.ok && r.crs.kind).toBe(kind);
    if (r?.ok) expect(r.crs.zone).toBe(zone);
  });
  it('refuses Xian 1980 codes', () => {
    expect(crsFromName('urn:ogc:def:crs:EPSG::2383')).toMatchObject({ ok: false });
  });
});

describe('crsFromText (table titles)', () => {
  it.each([
    ['界址点坐标表 (2000国家大地坐标系 3度带 第37带)', 37, 3],
    ['CGCS2000 3度带 中央经线114°', 38, 3],
    ['6度带 带号：19', 19, 6],
    ['三度带 38带', 38, 3],
    ['CGCS2000_GK_CM_117E', 20, 6],
  ] as const)('%s', (text, zone, width) => {
    const r = crsFromText(text);
    expect(r?.ok && r.crs.zone).toBe(zone);
    expect(r?.ok && r.crs.width).toBe(width);
  });
  it('refuses Beijing 1954 and Xian 1980 titles', () => {
    expect(crsFromText('1954北京坐标系 3度带')).toMatchObject({ ok: false });
    expect(crsFromText('西安80坐标系')).toMatchObject({ ok: false });
  });
  it('says nothing about a text without CRS words', () => {
    expect(crsFromText('宗地界址点成果表')).toBeNull();
  });
});

describe('detectCrs by magnitude', () => {
  const taiyuan: [number, number] = [112.55, 37.87];
  const gk = (lon: number, lat: number, zone: number, width: 3 | 6, prefixed: boolean): [number, number] => {
    const c = toGaussKruger(lon, lat, { zone, width, prefixed });
    return [c.y, c.x];
  };
  const around = (f: (lon: number, lat: number) => [number, number]): [number, number][] =>
    [
      [112.5, 37.8],
      [112.6, 37.8],
      [112.6, 37.9],
    ].map(([lon, lat]) => f(lon ?? 0, lat ?? 0));

  it('lon/lat, and lat/lon swapped with a warning', () => {
    const d = detectCrs([taiyuan]);
    expect(d.ok && d.crs.epsg).toBe(4490);
    const s = detectCrs([[taiyuan[1], taiyuan[0]]]);
    expect(s.ok && s.crs.axesSwapped).toBe(true);
    expect(s.ok && s.warnings.map((w) => w.code)).toContain('axes-swapped');
    if (s.ok) expect(s.toLonLat(37.87, 112.55)).toEqual([112.55, 37.87]);
  });

  it('Web Mercator metres, converted back within a micrometre', () => {
    const d = detectCrs(around((lon, lat) => lonLatToWebMercator(lon, lat)));
    expect(d.ok && d.crs.epsg).toBe(3857);
    if (!d.ok) return;
    const [x, y] = lonLatToWebMercator(...taiyuan);
    const [lon, lat] = d.toLonLat(x, y);
    expect(Math.abs(lon - taiyuan[0])).toBeLessThan(1e-11);
    expect(Math.abs(lat - taiyuan[1])).toBeLessThan(1e-11);
    expect(d.warnings.map((w) => w.code)).toContain('web-mercator');
  });

  it('prefixed eastings give the zone; the northing-first order is detected', () => {
    const d = detectCrs(around((lon, lat) => gk(lon, lat, 38, 3, true)));
    expect(d.ok && d.crs).toMatchObject({ epsg: 4526, zone: 38, confidence: 'detected', axesSwapped: false });
    const s = detectCrs(around((lon, lat) => gk(lon, lat, 19, 6, true).reverse() as [number, number]));
    expect(s.ok && s.crs).toMatchObject({ epsg: 4497, axesSwapped: true });
  });

  it('plain eastings without a zone: assumed, with the alternatives listed', () => {
    const d = detectCrs(around((lon, lat) => gk(lon, lat, 38, 3, false)));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.crs.confidence).toBe('assumed');
    expect(d.warnings.map((w) => w.code)).toContain('zone-assumed');
    expect([d.crs.epsg, ...d.crs.alternatives]).toContain(4547);
    const hinted = detectCrs(around((lon, lat) => gk(lon, lat, 38, 3, false)), { zone: 38, zoneWidth: 3 });
    expect(hinted.ok && hinted.crs.epsg).toBe(4547);
  });

  it('the numbers win over a contradicting statement, with a warning', () => {
    const d = detectCrs(around((lon, lat) => gk(lon, lat, 38, 3, true)), {
      stated: { kind: 'gk', zone: 37, width: 3, source: { zh: '标题', en: 'title' } },
    });
    expect(d.ok && d.crs.epsg).toBe(4526);
    expect(d.ok && d.warnings.map((w) => w.code)).toContain('stated-crs-conflict');
  });

  it('a forced CRS that the numbers do not fit is a value', () => {
    const d = detectCrs([taiyuan], { forceEpsg: 4526 });
    expect(d).toMatchObject({ ok: false, reason: 'crs-undetermined' });
  });

  it('numbers that fit nothing are a value', () => {
    expect(detectCrs([[5e8, 5e8]])).toMatchObject({ ok: false, reason: 'crs-undetermined' });
  });
});

describe('shiftedDatumHint', () => {
  it.each([
    ['高德导出.geojson', 'gcj02'],
    ['amap_points.kml', 'gcj02'],
    ['百度地图坐标.csv', 'bd09'],
    ['parcel_bd09.txt', 'bd09'],
    ['界址点.txt', null],
  ] as const)('%s', (name, want) => {
    expect(shiftedDatumHint(name)).toBe(want);
  });
});
