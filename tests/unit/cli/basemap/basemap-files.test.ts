import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASEMAP_DIR, buildGmtFiles, buildNodeOnlyFiles } from '../../../../src/cli/build-basemap';
import { ANCHORS_JSON, REPO_ROOT } from '../../../../src/cli/build-anchors';
import { RIVER_BOX, gmtAvailable } from '../../../../src/cli/basemap/gmt';
import { ringSignedArea2 } from '../../../../src/cli/basemap/geojson-text';
import { WORLD_BOX } from '../../../../src/cli/basemap/world';
import { anchorListSchema } from '../../../../src/core/model/anchor';

const HAS_GMT = gmtAvailable();
const read = (name: string): string => readFileSync(resolve(REPO_ROOT, BASEMAP_DIR, name), 'utf8');

const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position).min(4);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number().int().positive(),
      properties: z.record(z.string(), z.unknown()),
      geometry,
    }),
  ),
});
type Fc = z.infer<typeof featureCollection>;
type Geom = Fc['features'][number]['geometry'];

function positions(g: Geom): [number, number][] {
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

function parse(name: string): Fc {
  return featureCollection.parse(JSON.parse(read(name)) as unknown);
}

function expectWithin(fc: Fc, box: { west: number; east: number; south: number; north: number }): void {
  for (const f of fc.features) {
    for (const [x, y] of positions(f.geometry)) {
      expect(x).toBeGreaterThanOrEqual(box.west);
      expect(x).toBeLessThanOrEqual(box.east);
      expect(y).toBeGreaterThanOrEqual(box.south);
      expect(y).toBeLessThanOrEqual(box.north);
    }
  }
}

function expectFiveDecimals(fc: Fc): void {
  for (const f of fc.features) {
    for (const [x, y] of positions(f.geometry)) {
      expect(Math.round(x * 1e5) / 1e5).toBe(x);
      expect(Math.round(y * 1e5) / 1e5).toBe(y);
    }
  }
}

function expectRightHandRule(fc: Fc): void {
  for (const f of fc.features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) {
      poly.forEach((r, i) => {
        expect(r[0]).toEqual(r[r.length - 1]);
        expect(ringSignedArea2(r) > 0).toBe(i === 0);
      });
    }
  }
}

const SHANXI_BOX = { west: 110.2, east: 114.6, south: 34.5, north: 40.8 };

describe('world.geojson', () => {
  const world = parse('world.geojson');
  it('is small, valid, inside the clip box, 5 decimals, right-hand rule', () => {
    expect(read('world.geojson').length).toBeLessThan(250_000);
    expectWithin(world, WORLD_BOX);
    expectFiveDecimals(world);
    expectRightHandRule(world);
  });
  it('draws Taiwan as part of China, not as a separate country', () => {
    const china = world.features.filter((f) => f.properties?.['name'] === 'China');
    expect(china).toHaveLength(1);
    expect(world.features.some((f) => f.properties?.['name'] === 'Taiwan' || f.properties?.['iso'] === '158')).toBe(false);
    const polys = china[0]!.geometry.type === 'MultiPolygon' ? china[0]!.geometry.coordinates : [];
    const taipei: [number, number] = [121.56, 25.04];
    const inRing = (ring: number[][]): boolean => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > taipei[1] !== yj > taipei[1] && taipei[0] < ((xj - xi) * (taipei[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    expect(polys.some((p) => inRing(p[0] as number[][]))).toBe(true);
  });

  it('names China and its neighbours', () => {
    const names = world.features.map((f) => f.properties['name']);
    for (const n of ['China', 'Mongolia', 'India', 'Japan', 'South Korea']) expect(names).toContain(n);
  });
});

describe('shanxi.geojson', () => {
  const shanxi = parse('shanxi.geojson');
  const places = parse('places.geojson');
  const outline = shanxi.features[0]?.geometry as Polygon | MultiPolygon;
  const placeAt = (name: string): [number, number] => {
    const f = places.features.find((p) => p.properties['name'] === name);
    if (f?.geometry.type !== 'Point') throw new Error(`no place ${name}`);
    return f.geometry.coordinates;
  };
  it('is one Polygon or MultiPolygon in the Shanxi box with thousands of vertices', () => {
    expect(shanxi.features).toHaveLength(1);
    expect(['Polygon', 'MultiPolygon']).toContain(outline.type);
    expectWithin(shanxi, SHANXI_BOX);
    expectFiveDecimals(shanxi);
    expectRightHandRule(shanxi);
    expect(positions(shanxi.features[0]!.geometry).length).toBeGreaterThan(2000);
  });
  it('contains the Linfen and Lüliang seats and every other place, but not Beijing or Xi’an', () => {
    expect(booleanPointInPolygon(placeAt('临汾'), outline)).toBe(true);
    expect(booleanPointInPolygon(placeAt('吕梁'), outline)).toBe(true);
    for (const p of places.features) {
      if (p.geometry.type === 'Point') expect(booleanPointInPolygon(p.geometry.coordinates, outline), String(p.properties['name'])).toBe(true);
    }
    expect(booleanPointInPolygon([116.3975, 39.9087], outline)).toBe(false); // Beijing, Tiananmen
    expect(booleanPointInPolygon([108.9398, 34.3416], outline)).toBe(false); // Xi'an, Bell Tower
    expect(booleanPointInPolygon([112.5489, 37.8706], outline)).toBe(true); // Taiyuan, the provincial capital
  });
});

describe('rivers.geojson', () => {
  const rivers = parse('rivers.geojson');
  const shanxi = parse('shanxi.geojson').features[0]?.geometry as Polygon | MultiPolygon;
  it('is small, LineStrings with a class, inside the river box, 5 decimals', () => {
    expect(read('rivers.geojson').length).toBeLessThan(150_000);
    expectWithin(rivers, RIVER_BOX);
    expectFiveDecimals(rivers);
    for (const f of rivers.features) {
      expect(f.geometry.type).toBe('LineString');
      expect([1, 2, 3]).toContain(f.properties['class']);
    }
  });
  it('has the Yellow River and the Fen River, both running through Shanxi', () => {
    for (const name of ['黄河', '汾河']) {
      const lines = rivers.features.filter((f) => f.properties['name'] === name);
      expect(lines.length, name).toBeGreaterThan(0);
      const inside = lines.flatMap((f) => positions(f.geometry)).filter((p) => booleanPointInPolygon(p, shanxi));
      expect(inside.length, name).toBeGreaterThan(50);
    }
  });
});

describe('places.geojson', () => {
  const places = parse('places.geojson');
  const anchors = anchorListSchema.parse(JSON.parse(readFileSync(resolve(REPO_ROOT, ANCHORS_JSON), 'utf8')) as unknown);
  it('has the four rank-1 seats and rank-2 county seats, each tied to an anchor', () => {
    const rank1 = places.features.filter((f) => f.properties['rank'] === 1).map((f) => f.properties['name']);
    expect(rank1.sort()).toEqual(['临汾', '吕梁', '晋城', '稷山'].sort());
    expect(places.features.filter((f) => f.properties['rank'] === 2).length).toBeGreaterThan(25);
    for (const f of places.features) {
      const a = anchors.find((x) => x.id === f.properties['anchorId']);
      expect(a, String(f.properties['anchorId'])).toBeDefined();
      expect(f.geometry.coordinates).toEqual([Math.round(a!.wgs84.lon * 1e5) / 1e5, Math.round(a!.wgs84.lat * 1e5) / 1e5]);
      expect(String(f.properties['nameEn'])).toMatch(/^[A-Z][a-zü]+$/);
    }
    expectWithin(places, SHANXI_BOX);
  });
});

describe('committed files equal a fresh build', () => {
  it('world.geojson and places.geojson (no GMT needed)', () => {
    const fresh = buildNodeOnlyFiles();
    expect(fresh['world.geojson']).toBe(read('world.geojson'));
    expect(fresh['places.geojson']).toBe(read('places.geojson'));
    // Clipping the 1:50m countries takes several seconds on a shared 2-core machine.
  }, 30_000);
  // GMT (Debian gmt, gmt-dcw, gmt-gshhg-high) is a system tool; without it these two files cannot be rebuilt here.
  it.skipIf(!HAS_GMT)('shanxi.geojson and rivers.geojson (skipped when gmt is not installed)', () => {
    const fresh = buildGmtFiles();
    expect(fresh['shanxi.geojson']).toBe(read('shanxi.geojson'));
    expect(fresh['rivers.geojson']).toBe(read('rivers.geojson'));
  });
});

describe('build-basemap without gmt', () => {
  it('prints the apt-get command, exits 2 and writes nothing', () => {
    const before = ['world.geojson', 'shanxi.geojson', 'rivers.geojson', 'places.geojson'].map(read);
    const bin = mkdtempSync(join(tmpdir(), 'no-gmt-'));
    try {
      symlinkSync(process.execPath, join(bin, 'node'));
      const r = spawnSync(process.execPath, [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/build-basemap.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, PATH: bin },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('apt-get install -y gmt gmt-dcw gmt-gshhg-high');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
    const after = ['world.geojson', 'shanxi.geojson', 'rivers.geojson', 'places.geojson'].map(read);
    expect(after).toEqual(before);
  }, 30_000);
});
