import { DOMParser } from '@xmldom/xmldom';
import { zipSync, unzipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { acceptPreview, applyFixes } from '../../../../src/core/io/build-preview';
import type { TableExportOptions } from '../../../../src/core/io/export-table';
import { exportLayer, importFile, type ExportFile, type ExportResult } from '../../../../src/core/io/index';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';
import { expectPreview, flatPositions, maxDeviationM } from './io-test-helpers';

/**
 * Export then import returns the same geometry within 1 mm, for every format. Features: a polygon
 * with a hole (counter-clockwise outer ring, as RFC 7946 wants), a two-part MultiPolygon near a
 * zone boundary, a line and a point.
 */

const ring = (lon: number, lat: number, r: number, n: number, ccw = true): Position[] => {
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const t = ((ccw ? i : -i) / n) * 2 * Math.PI;
    out.push([lon + (r * Math.cos(t)) / Math.cos((lat * Math.PI) / 180), lat + r * Math.sin(t) * (1 + 0.2 * Math.sin(3 * t))]);
  }
  out.push(out[0] ?? [0, 0]);
  return out;
};

const FEATURES: Feature<Geometry, Record<string, unknown>>[] = [
  {
    type: 'Feature',
    properties: { name: '临汾测试地块', code: 42, ratio: 0.125, ok: true, note: null },
    geometry: { type: 'Polygon', coordinates: [ring(111.52, 36.09, 0.004, 9), ring(111.52, 36.09, 0.001, 5, false)] },
  },
  {
    type: 'Feature',
    properties: { name: '跨带多面', code: 7, ratio: 1.5, ok: false, note: '两部分' },
    geometry: { type: 'MultiPolygon', coordinates: [[ring(112.48, 37.5, 0.003, 7)], [[...ring(112.53, 37.5, 0.002, 6)]]] },
  },
];
const LINE: Feature<Geometry, Record<string, unknown>> = {
  type: 'Feature',
  properties: { name: 'line' },
  geometry: { type: 'LineString', coordinates: [[112.1, 37.1], [112.2, 37.15], [112.3, 37.12]] },
};
const POINT: Feature<Geometry, Record<string, unknown>> = { type: 'Feature', properties: { name: 'pt' }, geometry: { type: 'Point', coordinates: [112.55, 37.87] } };

function file(r: ExportResult): ExportFile {
  if (!r.ok) throw new Error(r.message);
  return r;
}

const domParser = new DOMParser();

function roundTrip(r: ExportResult, options = {}): ReturnType<typeof expectPreview> {
  const f = file(r);
  return expectPreview(importFile(f.bytes, f.fileName, { domParser, ...options }));
}

function allPositions(fs: readonly Feature<Geometry, unknown>[]): Position[] {
  return fs.flatMap((f) => flatPositions(f.geometry));
}

describe('round trips within 1 mm', () => {
  const all = [...FEATURES, LINE, POINT];

  it('GeoJSON', () => {
    const p = roundTrip(exportLayer(all, 'geojson', { name: 'rt' }));
    expect(p.format).toBe('geojson');
    expect(p.crs.epsg).toBe(4490);
    expect(maxDeviationM(allPositions(p.features), allPositions(all))).toBeLessThan(0.001);
    expect(p.features[0]?.properties).toMatchObject({ name: '临汾测试地块', code: 42, ok: true });
    expect(p.problems).toEqual([]);
  });

  it('KML, and the same KML zipped as KMZ', () => {
    const kml = file(exportLayer(all, 'kml', { name: 'rt' }));
    const p = roundTrip(kml);
    expect(p.format).toBe('kml');
    expect(maxDeviationM(allPositions(p.features), allPositions(all))).toBeLessThan(0.001);
    expect(p.features[1]?.properties['name']).toBe('跨带多面');
    const kmz = expectPreview(importFile(zipSync({ 'doc.kml': kml.bytes }), 'rt.kmz', { domParser }));
    expect(kmz.format).toBe('kmz');
    expect(maxDeviationM(allPositions(kmz.features), allPositions(all))).toBeLessThan(0.001);
  });

  it('zipped Shapefile in CGCS2000 lon/lat (one layer per shape type)', () => {
    const zip = file(exportLayer(all, 'shapefile', { name: 'rt', date: new Date(Date.UTC(2024, 0, 2)) }));
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual(
      ['line', 'point', 'polygon'].flatMap((k) => ['cpg', 'dbf', 'prj', 'shp', 'shx'].map((e) => `rt_${k}.${e}`)).sort(),
    );
    const p = roundTrip(zip);
    expect(p.format).toBe('shapefile');
    expect(p.crs).toMatchObject({ epsg: 4490, confidence: 'stated' });
    // Layers come back in name order: line, point, polygon.
    const byLayer = (layer: string) => p.features.filter((f) => f.properties['_layer'] === `rt_${layer}`);
    expect(maxDeviationM(allPositions(byLayer('polygon')), allPositions(FEATURES))).toBeLessThan(0.001);
    expect(maxDeviationM(allPositions(byLayer('line')), allPositions([LINE]))).toBeLessThan(0.001);
    expect(maxDeviationM(allPositions(byLayer('point')), allPositions([POINT]))).toBeLessThan(0.001);
    expect(byLayer('polygon')[0]?.properties).toMatchObject({ name: '临汾测试地块', code: 42, ratio: 0.125, ok: true });
    expect(p.problems).toEqual([]);
  });

  it.each([[4525], [4546], [4497]])('zipped Shapefile projected to EPSG:%s', (epsg) => {
    const p = roundTrip(exportLayer(FEATURES, 'shapefile', { name: 'gk', epsg }));
    expect(p.crs).toMatchObject({ epsg, confidence: 'stated' });
    expect(maxDeviationM(allPositions(p.features), allPositions(FEATURES))).toBeLessThan(0.001);
  });

  it.each([
    [{}],
    [{ zone: 37, prefixed: false }],
    [{ zone: 38, columns: 'YX', delimiter: 'comma' }],
    [{ zoneWidth: 6, zone: 19, areaUnit: 'ha' }],
    [{ style: 'land-block', zone: 38 }],
  ] as const)('coordinate table %j', (options: TableExportOptions) => {
    const r = file(exportLayer([...FEATURES, LINE], 'coordinate-table', { name: 'tbl', ...options }));
    const landBlock = options.style === 'land-block';
    // The table leaves the line out (the ministry format keeps it as a 线 parcel); the two-part
    // parcel straddles 112.5°E, so a 3° export warns that the data span zones 37 and 38.
    expect(r.warnings.some((w) => /not polygons/.test(w.en))).toBe(!landBlock);
    expect(r.warnings.some((w) => /span zones/.test(w.en))).toBe(options.zoneWidth !== 6);
    const p = roundTrip(r);
    expect(p.format).toBe(landBlock ? 'land-block' : 'coordinate-table');
    // Table export keeps each ring's vertex order and repeats the first point, so positions match one to one.
    const expected = landBlock ? [...FEATURES, LINE] : FEATURES;
    expect(maxDeviationM(allPositions(p.features), allPositions(expected))).toBeLessThan(0.001);
    expect(p.features.map((f) => f.geometry.type)).toEqual(landBlock ? ['Polygon', 'MultiPolygon', 'LineString'] : ['Polygon', 'MultiPolygon']);
    expect(p.statedAreas.every((s) => s.matches)).toBe(true);
    expect(p.statedAreas).toHaveLength(2);
  });
});

describe('acceptPreview', () => {
  it('refuses while errors remain, then gives schema-valid imported features', () => {
    const text = '点号 X Y\nJ1 4000000.000 37500000.000\nJ2 4000100.000 37500000.000\nJ3 4000100.000 37500100.000\n面积 5000.00 平方米';
    const p = expectPreview(importFile(new TextEncoder().encode(text), 'a.txt'));
    const refused = acceptPreview(p, { idPrefix: 'imp' });
    expect(refused).toMatchObject({ ok: false, reason: 'unresolved-errors' });
    const fixed = applyFixes(p, ['close-rings', 'fix-orientation']);
    const accepted = acceptPreview(fixed, { idPrefix: 'imp', precisionM: 0.05 });
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    const f = accepted.features[0];
    expect(featurePropsSchema.safeParse(f?.properties).success).toBe(true);
    expect(f?.properties).toMatchObject({ id: 'imp-1', layer: 'imported', method: 'imported-coordinate-table', precisionM: 0.05, statedAreaM2: 5000 });
    expect(f?.properties.pointNames).toEqual([[['J1', 'J3', 'J2', 'J1']]]);
    expect(Math.abs(f?.properties.areaResidual ?? 1)).toBeLessThan(1e-3);
  });
});
