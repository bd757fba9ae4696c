import { DOMParser } from '@xmldom/xmldom';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../../src/core/io/build-preview';
import { lonLatToWebMercator } from '../../../../src/core/io/detect-crs';
import { importFile, importText } from '../../../../src/core/io/index';
import { wgs84ToGcj02 } from '../../../../src/core/geo/gcj02';
import { expectPreview, fixtureBytes, fixtureRows, flatPositions, maxDeviationM } from './io-test-helpers';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const landBlockExpected = fixtureRows('tables/land-block-38.txt.expected.tsv').map((r) => [Number(r[2]), Number(r[3])]);
const landBlockRing = (): [number, number][] => {
  const text = new TextDecoder('gb18030').decode(fixtureBytes('tables/land-block-38.txt'));
  return text
    .split(/\r?\n/)
    .filter((l) => /^J\d+,/.test(l))
    .map((l) => {
      const [, , x, y] = l.split(',');
      return [Number(y), Number(x)];
    });
};

describe('GeoJSON import', () => {
  it('honours a legacy crs member with Gauss-Krüger coordinates (within 1 mm of cs2cs)', () => {
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
      features: [{ type: 'Feature', properties: { 名称: '测试' }, geometry: { type: 'Polygon', coordinates: [landBlockRing()] } }],
    };
    const p = expectPreview(importFile(enc(JSON.stringify(doc)), 'legacy.geojson'));
    expect(p.crs).toMatchObject({ epsg: 4526, confidence: 'stated' });
    expect(p.crs.reason.en).toContain('urn:ogc:def:crs:EPSG::4526');
    expect(maxDeviationM(flatPositions(p.features[0]?.geometry ?? { type: 'Point', coordinates: [0, 0] }), landBlockExpected)).toBeLessThan(0.001);
  });

  it('detects Web Mercator metres without any statement', () => {
    const lonlat = landBlockExpected.map(([lon, lat]) => [lon ?? 0, lat ?? 0] as [number, number]);
    const doc = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: lonlat.map(([lon, lat]) => lonLatToWebMercator(lon, lat)) } };
    const p = expectPreview(importFile(enc(JSON.stringify(doc)), 'merc.json'));
    expect(p.crs.epsg).toBe(3857);
    expect(maxDeviationM(flatPositions(p.features[0]?.geometry ?? { type: 'Point', coordinates: [0, 0] }), lonlat)).toBeLessThan(0.001);
  });

  it('flags a GCJ-02 file by name and converts it when the user confirms', () => {
    const truth = [112.55, 37.87] as const;
    const g = wgs84ToGcj02(truth[0], truth[1]);
    const p = expectPreview(importFile(enc(JSON.stringify({ type: 'Point', coordinates: [g.lon, g.lat] })), '高德标注.geojson'));
    const w = p.warnings.find((x) => x.code === 'possible-gcj02');
    expect(w?.fix).toBe('convert-gcj02');
    const fixed = applyFixes(p, ['convert-gcj02']);
    expect(maxDeviationM(flatPositions(fixed.features[0]?.geometry ?? { type: 'Point', coordinates: [0, 0] }), [[...truth]])).toBeLessThan(0.05);
    expect(fixed.warnings.some((x) => x.code === 'possible-gcj02')).toBe(false);
  });

  it('warns about extents outside Shanxi', () => {
    const p = expectPreview(importText(JSON.stringify({ type: 'Point', coordinates: [116.39, 39.91] }), 'beijing.geojson'));
    expect(p.warnings.find((w) => w.code === 'outside-shanxi')?.message.zh).toContain('山西');
  });

  it('malformed JSON and malformed geometry are values naming the place', () => {
    expect(importText('{"type": "Feature",', 'bad.geojson')).toMatchObject({ ok: false, reason: 'parse-error' });
    const r = importText(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[1, 2]] } }] }), 'bad2.geojson');
    expect(r).toMatchObject({ ok: false, reason: 'parse-error' });
    if (!r.ok) expect(r.message).toContain('feature 1');
  });

  it('a stated Xian 1980 CRS is refused rather than converted wrongly', () => {
    const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2383' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [38462263.98, 4191634.678] } }] };
    expect(importText(JSON.stringify(doc), 'xian80.geojson')).toMatchObject({ ok: false, reason: 'unsupported-crs' });
    const forced = importText(JSON.stringify(doc), 'xian80.geojson', { forceEpsg: 4526 });
    expect(forced.ok && forced.crs.epsg).toBe(4526);
  });
});

describe('Shapefile import', () => {
  it('reads a GDAL-written GBK shapefile without .cpg, with its CGCS2000 zone-38 .prj', () => {
    const p = expectPreview(importFile(fixtureBytes('gdal-gbk-4526.zip'), 'gdal-gbk-4526.zip'));
    expect(p.format).toBe('shapefile');
    expect(p.crs).toMatchObject({ epsg: 4526, confidence: 'stated' });
    expect(p.stats.encoding).toBe('gbk');
    expect(p.features[0]?.properties).toMatchObject({ 名称: '测试地块', 面积: 156.0146 });
    // GDAL wrote the ring clockwise; the import turns it counter-clockwise (RFC 7946).
    const got = flatPositions(p.features[0]?.geometry ?? { type: 'Point', coordinates: [0, 0] });
    expect(maxDeviationM(got, [...landBlockExpected].reverse())).toBeLessThan(0.001);
  });

  it('a zip without .shp, a damaged zip and a bare .shp', () => {
    expect(importFile(zipSync({ 'readme.txt': enc('x') }), 'x.zip')).toMatchObject({ ok: false, reason: 'missing-part' });
    expect(importFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.zip')).toMatchObject({ ok: false, reason: 'parse-error' });
  });
});

describe('KML import', () => {
  it('needs a DOMParser outside the browser (misuse throws with a clear message)', () => {
    const kml = '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Point><coordinates>112.5,37.8</coordinates></Point></Placemark></kml>';
    expect(() => importText(kml, 'a.kml')).toThrow(/DOMParser/);
    const p = expectPreview(importText(kml, 'a.kml', { domParser: new DOMParser() }));
    expect(p.crs.epsg).toBe(4490);
    expect(p.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [112.5, 37.8] });
  });

  it('broken XML is a value', () => {
    const r = importText('<kml><Placemark><Point></kml', 'broken.kml', { domParser: new DOMParser() });
    expect(r).toMatchObject({ ok: false, reason: 'parse-error' });
  });

  it('a KML declared as GBK is decoded as such', () => {
    const head = '<?xml version="1.0" encoding="GBK"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>';
    const tail = '</name><Point><coordinates>112.5,37.8</coordinates></Point></Placemark></kml>';
    const gbkName = new Uint8Array([0xb2, 0xe2, 0xca, 0xd4]); // 测试
    const bytes = new Uint8Array([...enc(head), ...gbkName, ...enc(tail)]);
    const p = expectPreview(importFile(bytes, 'gbk.kml', { domParser: new DOMParser() }));
    expect(p.features[0]?.properties['name']).toBe('测试');
  });
});

describe('importFile dispatch', () => {
  it('empty and unknown inputs are values', () => {
    expect(importFile(new Uint8Array(), 'a.txt')).toMatchObject({ ok: false, reason: 'empty-input' });
    expect(importFile(enc('   \n '), 'a.txt')).toMatchObject({ ok: false, reason: 'empty-input' });
    expect(importFile(enc('<html><body>hi</body></html>'), 'page.html')).toMatchObject({ ok: false, reason: 'unknown-format' });
    expect(importFile(enc('没有坐标的说明'), 'note.txt')).toMatchObject({ ok: false, reason: 'no-features' });
  });

  it('a table pasted from a spreadsheet (tabs, UTF-8) is read like a file', () => {
    const paste = ['点号\tX\tY', ...fixtureRows('tables/t37-prefixed.txt').slice(2, 8).map((r) => r.join('\t'))].join('\n');
    const p = expectPreview(importText(paste));
    expect(p.crs.epsg).toBe(4525);
    expect(p.stats.vertices).toBe(6);
  });
});
