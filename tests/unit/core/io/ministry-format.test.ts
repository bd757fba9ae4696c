import { execFileSync } from 'node:child_process';
import type { Position } from 'geojson';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CGCS2000_TARGET_PROJ4, legacyProj4, type SevenParams } from '../../../../src/core/geo/datum';
import { exportLandBlock } from '../../../../src/core/io/export-land-block';
import { writeShapefile } from '../../../../src/core/io/shapefile-writer';
import { chooseExportZone, listExportZones } from '../../../../src/core/io/export-zone';
import { crsChoices, exportLayer, importFile, importText, undoFixes } from '../../../../src/core/io/index';
import { expectPreview, fixtureBytes, flatPositions, maxDeviationM } from './io-test-helpers';

/**
 * Issue 17: the ministry's land-block format, 采矿权 tables, legacy datums with seven parameters
 * (against PROJ cs2cs), GB18030 export (against iconv), export zones and the CRS choice list.
 */

const CS2CS = (() => {
  try {
    execFileSync('cs2cs', [], { stdio: 'pipe' });
    return true;
  } catch (e) {
    return (e as { status?: number }).status !== undefined;
  }
})();

/** PROJ: [east, north] (or lon/lat) pairs through cs2cs from `from` to `to`, output lon/lat. */
function cs2cs(from: string[], to: string[], pairs: readonly (readonly [number, number])[]): Position[] {
  const out = execFileSync('cs2cs', ['-f', '%.12f', ...from, '+to', ...to], { input: pairs.map(([a, b]) => `${a} ${b}`).join('\n') + '\n' }).toString();
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number));
}

const GK37 = ['+proj=tmerc', '+lat_0=0', '+lon_0=111', '+k=1', '+x_0=37500000', '+y_0=0', '+ellps=GRS80', '+units=m', '+no_defs'];
const LL = ['+proj=longlat', '+ellps=GRS80', '+no_defs'];

describe.skipIf(!CS2CS)('the ministry land-block format (cs2cs as reference)', () => {
  const bytes = fixtureBytes('land-block/ministry-37-gb18030.txt');
  const p = expectPreview(importFile(bytes, 'ministry-37-gb18030.txt'));

  it('reads every parcel with its geometry kind, all fields, 精度 and 扩展信息 (GB18030, 【】)', () => {
    expect(p.format).toBe('land-block');
    expect(p.stats.encoding).toBe('gb18030');
    expect(p.crs).toMatchObject({ epsg: 4525, confidence: 'stated' });
    expect(p.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'MultiPolygon', 'LineString', 'Point']);
    expect(p.features[0]?.properties).toMatchObject({ 界址点数: '10', 地块面积: '3.7500', 地块编号: 'LF-001', 地块名称: '临汾测试地块（含洞）', 图形属性: '面', 图幅号: 'I49G012034', 地块用途: '工业用地', 地类编码: '0601', 字段9: '临汾市', 字段12: '备注一', name: '临汾测试地块（含洞）' });
    expect((p.features[0]?.properties['属性描述'] as Record<string, string>)['数据产生单位']).toMatch(/测试单位/);
    expect((p.features[0]?.properties['扩展信息'] as Record<string, string>)['报批批次']).toBe('2024年第1批');
    expect(p.statedPrecisionM).toBe(0.05);
    const hole = p.features[0]?.geometry;
    expect(hole?.type === 'Polygon' && hole.coordinates.length).toBe(2);
    const multi = p.features[1]?.geometry;
    expect(multi?.type === 'MultiPolygon' && multi.coordinates.map((part) => part.length)).toEqual([1, 1]);
  });

  it('checks 界址点数 against the rows (the line states 4 for 3 rows)', () => {
    const counts = p.warnings.filter((w) => w.code === 'point-count-mismatch');
    expect(counts.map((w) => w.location.feature)).toEqual([2]);
  });

  it('stated areas match the computed planar areas; every polygon has a computed area', () => {
    expect(p.statedAreas.map((s) => [s.statedM2, s.matches])).toEqual([[37500, true], [20000, true]]);
    expect(p.computedAreas.map((a) => Math.round(a.planarM2 ?? 0))).toEqual([37500, 20000]);
  });

  it('puts every vertex within 1 mm of PROJ', () => {
    const text = new TextDecoder('gb18030').decode(bytes);
    const pairs = [...text.matchAll(/^[^,\r\n]+,\d*,(\d+\.\d+),(\d+\.\d+)\r?$/gm)].map((m) => [Number(m[2]), Number(m[1])] as const);
    const expected = cs2cs(GK37, LL, pairs);
    expect(maxDeviationM(p.features.flatMap((f) => flatPositions(f.geometry)), expected)).toBeLessThan(0.001);
  });

  it('writes GB18030 by default (byte-identical to iconv of the UTF-8 option) and reads its own output back within 1 mm', () => {
    const features = p.features.map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: f.properties }));
    const date = new Date(Date.UTC(2024, 4, 6));
    const gb = exportLandBlock(features, { date, precisionM: 0.05 });
    const utf8 = exportLandBlock(features, { date, precisionM: 0.05, encoding: 'utf-8' });
    if (!gb.ok || !utf8.ok) throw new Error('export failed');
    const iconv = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8.bytes });
    expect(Buffer.from(gb.bytes).equals(iconv)).toBe(true);
    const text = new TextDecoder().decode(utf8.bytes);
    expect(text).toMatch(/精度=0\.05\r\n/);
    expect(text).toMatch(/带号=37\r\n/);
    // 圈号 restarts at 1 for the second part of the MultiPolygon: it is not read as a hole.
    const back = expectPreview(importFile(gb.bytes, 'back.txt'));
    expect(back.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'MultiPolygon', 'LineString', 'Point']);
    expect(maxDeviationM(back.features.flatMap((f) => flatPositions(f.geometry)), p.features.flatMap((f) => flatPositions(f.geometry)))).toBeLessThan(0.001);
    expect(back.features[0]?.properties['地类编码']).toBe('0601');
    expect(back.warnings.filter((w) => w.code === 'point-count-mismatch')).toHaveLength(0);
  });
});

describe.skipIf(!CS2CS)('采矿权 tables with *,标高,标高 ring terminators', () => {
  it('reads two blocks in 3° zone 41 and keeps the elevations', () => {
    const p = expectPreview(importFile(fixtureBytes('land-block/mining-41.txt'), 'mining-41.txt'));
    expect(p.crs).toMatchObject({ epsg: 4529, zone: 41 });
    expect(p.stats.vertices).toBe(8);
    expect(p.features[0]?.properties['标高']).toBe('229.5,70; 180,60');
    const pairs: [number, number][] = [[41480000, 4540000], [41480300, 4540000], [41480300, 4540250], [41480000, 4540250], [41481000, 4541000], [41481200, 4541000], [41481200, 4541150], [41481000, 4541150]];
    const expected = cs2cs(['+proj=tmerc', '+lat_0=0', '+lon_0=123', '+k=1', '+x_0=41500000', '+y_0=0', '+ellps=GRS80', '+units=m', '+no_defs'], LL, pairs);
    expect(maxDeviationM(p.features.flatMap((f) => flatPositions(f.geometry)), expected)).toBeLessThan(0.001);
  });
});

const SEVEN: SevenParams = { dx: -15.415, dy: 157.025, dz: 94.74, rx: 1.465, ry: -0.354, rz: -1.865, ppm: 0.2 };
const ROWS = ['J1,1,4000000.000,37500000.000', 'J2,1,4000000.000,37500100.000', 'J3,1,4000100.000,37500100.000', 'J4,1,4000100.000,37500000.000', 'J1,1,4000000.000,37500000.000'];
const lbText = (system: string, params: string): string =>
  ['[属性描述]', `坐标系=${system}`, '几度分带=3', '带号=37', `转换参数=${params}`, '[地块坐标]', '5,1.0000,1,地块,面,,,,@', ...ROWS].join('\n');

describe.skipIf(!CS2CS)("Xi'an 80 and Beijing 54: refused without seven parameters, Bursa-Wolf with them (cs2cs)", () => {
  it.each(['80国家大地坐标系', '1980年国家大地坐标系', '1980年西安坐标系', '1954年北京坐标系', '西安80', '北京54'])('%s without parameters is refused with a clear message', (system) => {
    const r = importText(lbText(system, ',,,,,,'), 'x.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('unsupported-crs');
    expect(r.detail.zh).toMatch(/七参数/);
    expect(r.detail.en).toMatch(/seven/);
  });
  it.each([['1980西安坐标系', 'xian80'], ['1954北京坐标系', 'beijing54']] as const)('%s with the file’s 转换参数 lands within 1 mm of cs2cs', (system, datum) => {
    const p = expectPreview(importText(lbText(system, Object.values(SEVEN).join(',')), 'x.txt'));
    expect(p.crs.datumTransform).toMatchObject({ datum, source: 'file' });
    const proj = legacyProj4(datum, { kind: 'gk', zone: 37, width: 3, prefixed: true }, SEVEN).split(' ');
    const expected = cs2cs(proj, CGCS2000_TARGET_PROJ4.split(' '), ROWS.map((r) => r.split(',')).map((c) => [Number(c[3]), Number(c[2])] as const));
    const got = p.features.flatMap((f) => flatPositions(f.geometry));
    expect(maxDeviationM(got, expected)).toBeLessThan(0.001);
    // About 100 m from the same numbers read as CGCS2000.
    const naive = cs2cs(GK37, LL, [[37500000, 4000000]])[0] ?? [0, 0];
    expect(maxDeviationM([got[0] ?? [0, 0]], [naive])).toBeGreaterThan(20);
  });
  it('a shapefile whose .prj is Xi’an 80 with TOWGS84 lands where PROJ puts it (cs2cs reading the same WKT)', () => {
    const wkt =
      'PROJCS["Xian_1980_3_Degree_GK_Zone_37",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257],' +
      `TOWGS84[${Object.values(SEVEN).join(',')}]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],` +
      'PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],' +
      'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const ring: Position[] = [[37512345.678, 4000123.456], [37512445.678, 4000123.456], [37512445.678, 4000223.456], [37512345.678, 4000123.456]];
    const w = writeShapefile('polygon', [{ geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: 'x80' } }], new Date(0));
    const zip = zipSync({ 'a.shp': w.shp, 'a.shx': w.shx, 'a.dbf': w.dbf, 'a.prj': new TextEncoder().encode(wkt) });
    const p = expectPreview(importFile(zip, 'x80.zip'));
    expect(p.crs.datumTransform).toMatchObject({ datum: 'xian80', source: 'file' });
    const latLon = execFileSync('cs2cs', ['-f', '%.12f', wkt, 'EPSG:4326'], { input: ring.map((q) => `${q[0]} ${q[1]}`).join('\n') + '\n' }).toString();
    const expected = latLon.trim().split('\n').map((l) => { const [lat, lon] = l.trim().split(/\s+/).map(Number); return [lon ?? NaN, lat ?? NaN]; });
    const got = p.features.flatMap((f) => flatPositions(f.geometry));
    const sort = (ps: Position[]): Position[] => [...ps].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
    expect(maxDeviationM(sort(got), sort(expected))).toBeLessThan(0.001);
  });
  it('a table titled 1980西安坐标系 converts with parameters given by the user', () => {
    const text = ['1980西安坐标系 3度带 第37带', '点号 X Y', 'J1 4000000.000 37500000.000', 'J2 4000000.000 37500100.000', 'J3 4000100.000 37500100.000', 'J1 4000000.000 37500000.000'].join('\n');
    expect(importText(text, 't.txt').ok).toBe(false);
    const p = expectPreview(importText(text, 't.txt', { sevenParams: SEVEN }));
    expect(p.crs.datumTransform).toMatchObject({ datum: 'xian80', source: 'user' });
  });
});

describe('export zones, CRS choices, fixes with undo', () => {
  const square = (lon: number, lat: number): { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: 'Polygon'; coordinates: Position[][] } } => ({
    type: 'Feature',
    properties: { name: 'sq' },
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]] },
  });
  it('offers every zone (3°: 25–45, 6°: 13–23) and chooses the data’s zone, warning when the data span zones', () => {
    expect(listExportZones(3).map((z) => z.zone)).toEqual(Array.from({ length: 21 }, (_, i) => 25 + i));
    expect(listExportZones(6).map((z) => z.zone)).toEqual(Array.from({ length: 11 }, (_, i) => 13 + i));
    const z41 = chooseExportZone([square(123.1, 40.9)]);
    expect(z41).toMatchObject({ ok: true, zone: 41, epsg: 4529, warning: null });
    const span = chooseExportZone([square(112.45, 37), square(112.6, 37), square(112.7, 37)]);
    expect(span.ok && span.zone).toBe(38);
    expect(span.ok && span.spannedZones).toEqual([38, 37]);
    expect(span.ok && span.warning?.en).toMatch(/span zones/);
  });
  it('a table export of a parcel named 面积 5 公顷的地块 comes back with only the written area', () => {
    const f = square(112.5, 37.8);
    const r = exportLayer([{ ...f, properties: { name: '面积 5 公顷的地块' } }], 'coordinate-table', {});
    if (!r.ok) throw new Error(r.message);
    const p = expectPreview(importFile(r.bytes, r.fileName));
    expect(p.statedAreas).toHaveLength(1);
    expect(p.statedAreas[0]?.matches).toBe(true);
    expect(p.statedAreas[0]?.statedM2).toBeGreaterThan(80_000);
    expect(p.features[0]?.properties['name']).toBe('面积 5 公顷的地块');
  });
  it.each(['geojson', 'kml', 'shapefile', 'coordinate-table', 'land-block'] as const)('%s export leaves out a feature with a NaN vertex with a warning, never throws', (format) => {
    const bad = square(112.5, 37.8);
    bad.geometry.coordinates[0]?.splice(1, 1, [NaN, 37.8]);
    const r = exportLayer([bad, square(112.6, 37.8)], format, format === 'shapefile' ? { epsg: 4525 } : {});
    expect(r.ok && r.warnings.some((w) => /non-finite/.test(w.en))).toBe(true);
  });
  it('lists the CRS choices with where the data lands, for a refused file too', () => {
    const bad = importText('点号 X Y\nJ1 4000000 1e20\nJ2 4000100 1e20\nJ3 4000100 1e20', 'bad.txt');
    expect(bad.ok).toBe(false);
    const p = expectPreview(importText('点号 X Y\nJ1 4000000 500000\nJ2 4000000 500100\nJ3 4000100 500100\nJ1 4000000 500000', 't.txt'));
    const choices = crsChoices(p);
    expect(choices.length).toBeGreaterThan(5);
    expect(choices[0]?.inShanxi).toBe(true);
    expect(choices.find((c) => c.epsg === 32649)?.distanceM).toBeGreaterThan(1000);
  });
  it('applies the safe fixes by default on request and undoes them', () => {
    const text = '点号 X Y\nJ1 4000000 37500000\nJ2 4000100 37500000\nJ3 4000100 37500100\nJ4 4000000 37500100';
    const p = expectPreview(importText(text, 't.txt', { autoFix: true }));
    expect(p.appliedFixes).toEqual(expect.arrayContaining(['close-rings', 'fix-orientation']));
    expect(p.problems.filter((x) => x.severity === 'error')).toHaveLength(0);
    const undone = undoFixes(p);
    expect(undone.appliedFixes).toEqual([]);
    expect(undone.problems.some((x) => x.code === 'ring-not-closed')).toBe(true);
    expect(undoFixes(p, ['close-rings']).appliedFixes).toEqual(['close-rings']);
  });
});

