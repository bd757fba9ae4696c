import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { centralMeridianOf, epsgForZone, type ZoneWidth } from '../../../../src/core/geo/gauss-kruger';
import { exportLayer, importFile, type ExportResult } from '../../../../src/core/io/index';
import { gdalEpsgOfPrj, gdalRead, hasGdal, vertexDeviationM } from './gdal-reference';
import { expectPreview, flatPositions, maxDeviationM } from './io-test-helpers';

/**
 * Round trips in every CGCS2000 zone of China (3°: 25–45, 6°: 13–23): coordinate tables and the
 * ministry format (written numbers checked against cs2cs), zipped shapefiles in the zone (the .prj
 * identified by GDAL as the zone's EPSG code, the geometry read back by GDAL) and KML (read back by
 * GDAL), each imported again by us within 1 mm.
 */

const GDAL = hasGdal();
const domParser = new DOMParser();
const dir = mkdtempSync(join(tmpdir(), 'every-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ring = (lon: number, lat: number, r: number, n: number, ccw = true): Position[] => {
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const t = ((ccw ? i : -i) / n) * 2 * Math.PI;
    out.push([lon + (r * Math.cos(t)) / Math.cos((lat * Math.PI) / 180), lat + r * Math.sin(t) * (1 + 0.2 * Math.sin(3 * t))]);
  }
  out.push(out[0] ?? [0, 0]);
  return out;
};

function featuresAt(cm: number): Feature<Geometry, Record<string, unknown>>[] {
  const lat = 40;
  return [
    { type: 'Feature', properties: { name: `带内地块 ${cm}` }, geometry: { type: 'Polygon', coordinates: [ring(cm + 0.3, lat, 0.01, 9), ring(cm + 0.3, lat, 0.003, 5, false)] } },
    { type: 'Feature', properties: { name: '两部分' }, geometry: { type: 'MultiPolygon', coordinates: [[ring(cm - 0.4, lat + 0.2, 0.008, 7)], [ring(cm - 0.35, lat + 0.2, 0.005, 6)]] } },
  ];
}

const ZONES: [number, ZoneWidth][] = [
  ...Array.from({ length: 21 }, (_, i): [number, ZoneWidth] => [25 + i, 3]),
  ...Array.from({ length: 11 }, (_, i): [number, ZoneWidth] => [13 + i, 6]),
];

function bytesOf(r: ExportResult): { bytes: Uint8Array; fileName: string; warnings: readonly { en: string }[] } {
  if (!r.ok) throw new Error(r.message);
  return r;
}

const all = (fs: readonly Feature<Geometry, unknown>[]): Position[] => fs.flatMap((f) => flatPositions(f.geometry));

function cs2csForward(cm: number, fe: number, lon: number, lat: number): [number, number] {
  const out = execFileSync('cs2cs', ['-f', '%.6f', '+proj=longlat', '+ellps=GRS80', '+no_defs', '+to', '+proj=tmerc', '+lat_0=0', `+lon_0=${cm}`, '+k=1', `+x_0=${fe}`, '+y_0=0', '+ellps=GRS80', '+units=m', '+no_defs'], { input: `${lon} ${lat}\n` }).toString();
  const [e, n] = out.trim().split(/\s+/).map(Number);
  return [e ?? NaN, n ?? NaN];
}

describe.each(ZONES)('zone %i (%i°)', (zone, width) => {
  const cm = centralMeridianOf(zone, width);
  const features = featuresAt(cm);
  const first = features[0]?.geometry.type === 'Polygon' ? features[0].geometry.coordinates[0]?.[0] ?? [0, 0] : [0, 0];

  it.each(['table', 'land-block'] as const)('%s: written numbers match cs2cs, read back within 1 mm', (style) => {
    const f = bytesOf(exportLayer(features, style === 'table' ? 'coordinate-table' : 'land-block', { zone, zoneWidth: width, ...(style === 'table' ? { delimiter: 'comma' as const } : {}) }));
    expect(f.warnings).toHaveLength(0);
    const text = new TextDecoder(style === 'table' ? 'utf-8' : 'gb18030').decode(f.bytes);
    const row = /^(?:J1|1),(?:1,)?(\d+\.\d+),(\d+\.\d+)/m.exec(text);
    const [e, n] = cs2csForward(cm, zone * 1e6 + 500000, first[0] ?? 0, first[1] ?? 0);
    expect(Math.abs(Number(row?.[1]) - n)).toBeLessThan(0.001);
    expect(Math.abs(Number(row?.[2]) - e)).toBeLessThan(0.001);
    const p = expectPreview(importFile(f.bytes, f.fileName));
    expect(p.crs.zone).toBe(zone);
    expect(maxDeviationM(all(p.features), all(features))).toBeLessThan(0.001);
  });

  it.skipIf(!GDAL)('shapefile in the zone: GDAL names the EPSG code and reads the same shapes; we read it back within 1 mm', () => {
    const epsg = epsgForZone(zone, width, true);
    const f = bytesOf(exportLayer(features, 'shapefile', { name: `z${zone}w${width}`, epsg }));
    const path = join(dir, `z${zone}w${width}.zip`);
    writeFileSync(path, f.bytes);
    expect(gdalEpsgOfPrj(`/vsizip/${path}/z${zone}w${width}.prj`)).toBe(epsg);
    const g = gdalRead(`/vsizip/${path}`);
    if (!g.ok) throw new Error(g.error);
    expect(g.features).toHaveLength(2);
    g.features.forEach((gf, i) => expect(vertexDeviationM(gf.geometry, features[i]?.geometry ?? null)).toBeLessThan(0.001));
    const p = expectPreview(importFile(f.bytes, f.fileName));
    expect(p.crs).toMatchObject({ epsg, confidence: 'stated' });
    p.features.forEach((pf, i) => expect(vertexDeviationM(pf.geometry, features[i]?.geometry ?? null)).toBeLessThan(0.001));
  });

  it.skipIf(!GDAL)('KML: GDAL reads the same shapes; we read it back within 1 mm', () => {
    const f = bytesOf(exportLayer([...features, { type: 'Feature', properties: { name: 'ctl\u0001char' }, geometry: { type: 'Point', coordinates: [cm, 40] } }], 'kml', { name: `z${zone}` }));
    const path = join(dir, `z${zone}w${width}.kml`);
    writeFileSync(path, f.bytes);
    const g = gdalRead(path);
    if (!g.ok) throw new Error(g.error);
    expect(g.features).toHaveLength(3);
    features.forEach((feat, i) => expect(vertexDeviationM(g.features[i]?.geometry ?? null, feat.geometry)).toBeLessThan(0.001));
    const p = expectPreview(importFile(f.bytes, f.fileName, { domParser }));
    features.forEach((feat, i) => expect(vertexDeviationM(p.features[i]?.geometry ?? null, feat.geometry)).toBeLessThan(0.001));
  });
});
