import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildRecordsFromTexts } from '../../../../src/pipeline/gazette/index';
import { buildLayers } from '../../../../src/pipeline/layers/index';
import { Gazetteer } from '../../../../src/core/gazetteer/resolve-place';
import type { Anchor } from '../../../../src/core/model/anchor';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';

/** Synthetic county anchors for the fixture's (other-city) counties. */
const anchors: Anchor[] = [
  { id: 'county-yunzhouqu', level: 'county', name: '云州区', note: '', county: '云州区', original: { lat: 40.04, lon: 113.61, datum: 'WGS84' }, wgs84: { lat: 40.04, lon: 113.61 }, datumUnknown: false, precisionM: 5000, source: 'test' },
  { id: 'county-yanggaoxian', level: 'county', name: '阳高县', note: '', county: '阳高县', original: { lat: 40.36, lon: 113.75, datum: 'WGS84' }, wgs84: { lat: 40.36, lon: 113.75 }, datumUnknown: false, precisionM: 5000, source: 'test' },
];

const built = buildRecordsFromTexts([{ name: 'datong.txt', content: readFileSync('tests/fixtures/gazette/datong-relic-offsets.txt', 'utf8') }]);
if (!built.ok) throw new Error(built.message);
const layers = buildLayers(built.files, new Gazetteer(anchors, [], [], [])).layers;

function feature(layer: 'relic-protection' | 'relic-control', name: string) {
  return layers[layer].find((f) => f.properties.name.startsWith(name));
}

describe('relic constructions beyond four offsets (other-city fixture)', () => {
  it('draws a radius as a circle of that radius', () => {
    const f = feature('relic-protection', '永安寺塔')!;
    expect(f.properties.method).toBe('radius-circle');
    const ring = (f.geometry as Polygon).coordinates[0]!;
    const centre = [ring.slice(0, -1).reduce((s, c) => s + c[0]!, 0) / (ring.length - 1), ring.slice(0, -1).reduce((s, c) => s + c[1]!, 0) / (ring.length - 1)];
    for (const c of ring) expect(Math.abs(geodesicDistance(centre, c) - 30)).toBeLessThan(0.05);
    expect(f.properties.computedAreaM2!).toBeGreaterThan(Math.PI * 900 * 0.995);
    const control = feature('relic-control', '永安寺塔')!;
    expect(control.properties.computedAreaM2!).toBeCloseTo(Math.PI * (80 * 80 - 30 * 30), -2);
  });

  it('draws eight directions as an octagon solved to the stated area', () => {
    const f = feature('relic-protection', '古城堡')!;
    expect(f.properties.method).toBe('offset-polygon-solved');
    expect((f.geometry as Polygon).coordinates[0]!.length).toBe(9);
    expect(Math.abs(f.properties.computedAreaM2! - 36_000) / 36_000).toBeLessThan(0.005);
    const control = feature('relic-control', '古城堡')!;
    expect(control.properties.computedAreaM2!).toBeGreaterThan(0);
  });

  it('draws a base point with distances exactly, and a centred rectangle for its control zone', () => {
    const f = feature('relic-protection', '石碑亭')!;
    expect(f.properties.method).toBe('base-point-rectangle');
    expect(Math.abs(f.properties.computedAreaM2! - 660) / 660).toBeLessThan(0.005);
    const control = feature('relic-control', '石碑亭')!;
    expect(Math.abs(control.properties.computedAreaM2! - (120 * 100 - 660)) / 11_340).toBeLessThan(0.005);
  });

  it('draws limits without metres as a square of the stated area, and says so', () => {
    const f = feature('relic-protection', '烽火台遗址')!;
    expect(f.properties.method).toMatch(/^(limits-only-area-square|offset-rectangle-two-area)$/);
    expect(f.properties.construction!.offsetsM).toBeNull();
    expect(Math.abs(f.properties.computedAreaM2! - 2 * 10_000 / 15) / (20_000 / 15)).toBeLessThan(0.005);
    expect(f.properties.flags).toContain('LIMITS_ONLY');
  });

  it('draws no control ring when the control zone is the protection range', () => {
    expect(feature('relic-protection', '观音堂')).toBeDefined();
    expect(feature('relic-control', '观音堂')).toBeUndefined();
  });
});
