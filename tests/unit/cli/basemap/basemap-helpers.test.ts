import { describe, expect, it } from 'vitest';
import { normalizeRing, roundLine, serializeFeatureCollection } from '../../../../src/cli/basemap/geojson-text';
import { parseGmtMultiSegment } from '../../../../src/cli/basemap/gmt';
import { buildPlaces } from '../../../../src/cli/basemap/places';
import { buildRivers, clipLine, mergeLines, riverClassOf, simplifyLine } from '../../../../src/cli/basemap/rivers';
import { buildShanxi } from '../../../../src/cli/basemap/shanxi';
import type { Anchor } from '../../../../src/core/model/anchor';

describe('parseGmtMultiSegment', () => {
  it('splits segments at ">" headers and reads tab-separated lon lat', () => {
    const segs = parseGmtMultiSegment('> River Bin # 1, Level 2\n110.5\t36.1\n110.6\t36.2\n>  Shanxi (China) Segment 0\n1 2\n');
    expect(segs).toEqual([
      { header: 'River Bin # 1, Level 2', points: [[110.5, 36.1], [110.6, 36.2]] },
      { header: 'Shanxi (China) Segment 0', points: [[1, 2]] },
    ]);
    expect(riverClassOf(segs[0]!.header)).toBe(2);
  });
  it('throws on a line that is not two numbers (GMT called wrongly)', () => {
    expect(() => parseGmtMultiSegment('> x\nNaN here\n')).toThrow(/line 2/);
  });
});

describe('rings and rounding', () => {
  it('rounds to 5 decimals and drops repeated points', () => {
    expect(roundLine([[1.000001, 2], [1.000004, 2], [1.123456789, 2.987654321]])).toEqual([[1, 2], [1.12346, 2.98765]]);
  });
  it('closes rings, orients exteriors counter-clockwise and holes clockwise, drops collapsed rings', () => {
    const cw = [[0, 0], [0, 1], [1, 1], [1, 0]];
    const ext = normalizeRing(cw, true);
    expect(ext).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
    expect(normalizeRing(cw, false)).toEqual([[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]);
    expect(normalizeRing([[0, 0], [0.000001, 0], [0, 0.000001]], true)).toBeUndefined();
  });
  it('serialises one feature per line, stably', () => {
    const fc = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id: 1, properties: { a: 1 }, geometry: { type: 'Point' as const, coordinates: [1, 2] } }] };
    const text = serializeFeatureCollection(fc);
    expect(text).toBe('{"type":"FeatureCollection","features":[\n{"type":"Feature","id":1,"properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}\n]}\n');
    expect(JSON.parse(text)).toEqual(fc);
  });
});

describe('river lines', () => {
  it('joins bin pieces end to end in either direction but not across a confluence', () => {
    const merged = mergeLines([
      { cls: 2, points: [[0, 0], [1, 0]] },
      { cls: 2, points: [[2, 0], [1, 0]] }, // reversed piece
      { cls: 2, points: [[2, 0], [3, 0]] },
      { cls: 3, points: [[3, 0], [4, 0]] }, // another class: not joined
    ]);
    expect(merged).toEqual([
      { cls: 2, points: [[0, 0], [1, 0], [2, 0], [3, 0]] },
      { cls: 3, points: [[3, 0], [4, 0]] },
    ]);
    const y = mergeLines([
      { cls: 2, points: [[0, 0], [1, 0]] },
      { cls: 2, points: [[1, 0], [2, 0]] },
      { cls: 2, points: [[1, 1], [1, 0]] },
    ]);
    expect(y).toHaveLength(3);
  });
  it('clips to a box, cutting where the line leaves and re-enters', () => {
    const box = { west: 0, east: 10, south: 0, north: 10 };
    const pieces = clipLine([[-5, 5], [5, 5], [15, 5], [15, 6], [5, 6]], box);
    expect(pieces).toEqual([
      [[0, 5], [5, 5], [10, 5]],
      [[10, 6], [5, 6]],
    ]);
    expect(clipLine([[20, 20], [30, 30]], box)).toEqual([]);
  });
  it('simplifies within the tolerance and keeps the ends', () => {
    const line: [number, number][] = [[0, 0], [1, 0.00001], [2, -0.00001], [3, 0], [3, 1]];
    expect(simplifyLine(line, 0.0001)).toEqual([[0, 0], [3, 0], [3, 1]]);
    expect(simplifyLine(line, 0)).toEqual(line);
  });
  it('names class 1 the Yellow River and the class-2 line through Linfen the Fen River', () => {
    const fc = buildRivers(
      [
        { header: 'River Bin # 1, Level 1', points: [[110.5, 35.5], [110.5, 36.5]] },
        { header: 'River Bin # 2, Level 2', points: [[111.5, 36.0], [111.52, 36.1]] },
        { header: 'River Bin # 3, Level 2', points: [[113.0, 36.0], [113.1, 36.1]] },
      ],
      { west: 110, east: 114.6, south: 34.5, north: 40.8 },
    );
    expect(fc.features.map((f) => f.properties.name)).toEqual(['黄河', '汾河', '']);
    expect(fc.features.map((f) => f.properties.class)).toEqual([1, 2, 2]);
  });
});

describe('shanxi and places builders', () => {
  it('makes a Polygon from one closed DCW segment and throws on none', () => {
    const fc = buildShanxi([{ header: 'Shanxi (China) Segment 0', points: [[111, 36], [112, 36], [112, 37], [111, 36]] }]);
    expect(fc.features[0]?.geometry.type).toBe('Polygon');
    expect(() => buildShanxi([])).toThrow();
  });
  it('fails loudly for a county anchor without a label', () => {
    const base: Omit<Anchor, 'id' | 'name' | 'county' | 'level'> = {
      note: '',
      original: { lat: 36, lon: 111, datum: 'WGS84' },
      wgs84: { lat: 36, lon: 111 },
      datumUnknown: false,
      precisionM: 5000,
      source: 'test',
    };
    const anchors: Anchor[] = [
      { ...base, id: 'city-a', level: 'city', name: '临汾市', county: '临汾市' },
      { ...base, id: 'city-b', level: 'city', name: '吕梁市', county: '吕梁市' },
      { ...base, id: 'county-c', level: 'county', name: '晋城市城区', county: '晋城市城区' },
      { ...base, id: 'county-d', level: 'county', name: '稷山县', county: '稷山县' },
    ];
    expect(buildPlaces(anchors).features.map((f) => f.properties.name)).toEqual(['临汾', '吕梁', '晋城', '稷山']);
    expect(() => buildPlaces([...anchors, { ...base, id: 'county-x', level: 'county', name: '新县', county: '新县' }])).toThrow(/新县/);
  });
});
