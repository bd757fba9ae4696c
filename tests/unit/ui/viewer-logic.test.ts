import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { geodesicCircle } from '../../../src/core/geo/circle';
import { geodesicDistance } from '../../../src/core/geo/geodesic';
import { zonesAt } from '../../../src/core/geo/zones-at';
import { parseUrlState, writeUrlState } from '../../../src/ui/state/url-state';
import { buildSearchIndex, normaliseForSearch, searchIndex } from '../../../src/ui/search/search-index';
import { highlightClauses } from '../../../src/ui/inspector/highlight';
import { measureVertices, parseLonLat } from '../../../src/ui/measure-tool/measure';
import { parseLayer } from '../../../src/app/catalog/catalog-load';

describe('geodesic circle', () => {
  it('puts every vertex at the radius, counter-clockwise and closed', () => {
    const c = geodesicCircle([111.5, 36.1], 6000, 32);
    const ring = c.coordinates[0]!;
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const p of ring) expect(geodesicDistance([111.5, 36.1], p)).toBeCloseTo(6000, 3);
    let twice = 0;
    for (let i = 1; i < ring.length; i++) twice += (ring[i]![0]! - ring[i - 1]![0]!) * (ring[i]![1]! + ring[i - 1]![1]!);
    expect(twice).toBeLessThan(0); // counter-clockwise
  });
});

describe('zonesAt', () => {
  const ring = { type: 'Polygon' as const, coordinates: [[[111, 36], [111.01, 36], [111.01, 36.01], [111, 36.01], [111, 36]], [[111.004, 36.004], [111.004, 36.006], [111.006, 36.006], [111.006, 36.004], [111.004, 36.004]]] };
  const feats = [{ geometry: ring, properties: 'ring' }];
  it('is inside the ring, not inside the hole, and measures the distance outside', () => {
    expect(zonesAt([111.002, 36.002], feats, 0)[0]?.inside).toBe(true);
    expect(zonesAt([111.005, 36.005], feats, 0)).toEqual([]);
    const near = zonesAt([111.005, 36.005], feats, 200)[0]!;
    expect(near.inside).toBe(false);
    expect(near.distanceM).toBeGreaterThan(80);
    expect(near.distanceM).toBeLessThan(100); // ~0.001° of latitude ≈ 111 m, of longitude ≈ 90 m
    expect(zonesAt([111.02, 36.005], feats, 500)).toEqual([]);
  });
});

describe('URL state', () => {
  it('round-trips and rejects malformed values', () => {
    const s = { view: { zoom: 9.5, lat: 37.1, lon: 111.4 }, layers: ['relic-protection'], selected: 'relic-control:x/y', lang: 'en' as const, panel: 'public' as const, table: { layer: null, sort: null, wide: false } };
    const url = writeUrlState(new URL('http://h/?other=1'), s);
    expect(url.searchParams.get('other')).toBe('1');
    expect(parseUrlState(url)).toEqual(s);
    const bad = parseUrlState(new URL('http://h/?v=99/200/0&panel=nope&lang=fr'));
    expect(bad).toEqual({ view: null, layers: null, selected: null, lang: 'zh-CN', panel: 'layers', table: { layer: null, sort: null, wide: false } });
    expect(parseUrlState(new URL('http://h/?layers=')).layers).toEqual([]);
  });
});

describe('search', () => {
  const layer = parseLayer('relic-control', JSON.parse(readFileSync('tests/fixtures/layers-sample/relic-control.geojson', 'utf8')));
  const park = parseLayer('chemical-park', JSON.parse(readFileSync('tests/fixtures/layers-sample/chemical-park.geojson', 'utf8')));
  const index = buildSearchIndex([...layer.features, ...park.features], (s) => (s.startsWith('大觉寺') ? 'djs' : 'x'));
  it('matches names, counties, document numbers in any bracket/spacing style, and pinyin initials', () => {
    expect(layer.errors).toEqual([]);
    expect(searchIndex(index, '大觉寺').map((e) => e.name)).toEqual(['大觉寺']);
    expect(searchIndex(index, '柳林').length).toBe(1);
    expect(searchIndex(index, '临政函〔2023〕13 号').length).toBe(2);
    expect(searchIndex(index, '临政函[2023]13号').length).toBe(2);
    expect(searchIndex(index, 'djs').map((e) => e.name)).toEqual(['大觉寺']);
    expect(searchIndex(index, '  ')).toEqual([]);
    expect(normaliseForSearch('（2023）')).toBe('[2023]');
  });
});

describe('layer validation', () => {
  it('reports bad features and keeps good ones', () => {
    const fc = JSON.parse(readFileSync('tests/fixtures/layers-sample/meteo-site.geojson', 'utf8'));
    fc.features[0].properties.precisionM = -1;
    const r = parseLayer('meteo-site', fc);
    expect(r.features).toHaveLength(fc.features.length - 1);
    expect(r.errors[0]).toMatch(/precisionM/);
    expect(parseLayer('x', { type: 'Nope' }).errors[0]).toMatch(/FeatureCollection/);
  });
});

describe('clause highlighting', () => {
  it('marks the given clauses despite layout whitespace, else the direction clauses', () => {
    const q = '保护范围：北由山门向外延\n\n伸 35 米至坡顶，东至道路。面积 1 公顷。';
    const given = highlightClauses(q, ['北由山门向外延伸35米至坡顶']).filter((p) => p.mark).map((p) => p.text);
    expect(given).toEqual(['北由山门向外延\n\n伸 35 米至坡顶']);
    const auto = highlightClauses(q).filter((p) => p.mark).map((p) => p.text);
    expect(auto).toEqual(['北由山门向外延\n\n伸 35 米至坡顶', '东至道路']);
    expect(highlightClauses(q).map((p) => p.text).join('')).toBe(q);
  });
});

describe('measure', () => {
  it('parses coordinates and measures lines and polygons', () => {
    expect(parseLonLat('111.52, 36.08')).toEqual([111.52, 36.08]);
    expect(parseLonLat('111.52，36.08')).toEqual([111.52, 36.08]);
    expect(parseLonLat('36.08')).toBeNull();
    expect(parseLonLat('200, 10')).toBeNull();
    expect(measureVertices([[111.52, 36.08], [111.14, 37.52]], false).lengthM).toBeCloseTo(163360.749354147, 3);
    expect(measureVertices([[111.52, 36.08]], true)).toEqual({ lengthM: 0, areaM2: null });
  });
});
