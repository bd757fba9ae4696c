import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { applySupersessions } from '../../../../src/core/model/supersession';
import { supersessionSchema } from '../../../../src/core/model/user-layer';
import {
  DRAWN_ALONG_FOUR_BOUNDS,
  DRAWN_SOURCE,
  canDrawAlongFourBounds,
  compareArea,
  drawnSupersession,
  edgeFacings,
  facedDirections,
  fourBoundSides,
  ringPolygon,
} from '../../../../src/core/park-draw/four-bounds-draw';

const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
const fushan = parks.features.find((f) => f.props.name === '浮山双新产业园区');
if (!fushan) throw new Error('浮山双新产业园区 not in data/layers/chemical-park.geojson');

/** A ring near 浮山 (open: the first vertex is not repeated). */
const QUAD: Position[] = [
  [111.86, 36.03],
  [111.88, 36.02],
  [111.89, 36.04],
  [111.87, 36.05],
];

describe('the 四至 sides of a park', () => {
  it('lists the four clauses of 浮山双新产业园区 by direction, in the text’s order, with their quotes', () => {
    expect(fourBoundSides(fushan)).toEqual([
      { edge: 'E', text: '东至平里村' },
      { edge: 'W', text: '西至岭上村西' },
      { edge: 'N', text: '北至高村南' },
      { edge: 'S', text: '南至南霍村' },
    ]);
    expect(canDrawAlongFourBounds(fushan)).toBe(true);
  });

  it('a park built without 四至 (a position marker) cannot be drawn along it', () => {
    const marker = parks.features.find((f) => f.geometry.type === 'Point');
    expect(marker && canDrawAlongFourBounds(marker)).toBe(false);
  });
});

describe('which directions the drawn edges face', () => {
  const square: Position[] = [
    [111.0, 36.0],
    [111.01, 36.0],
    [111.01, 36.01],
    [111.0, 36.01],
  ];

  it('an axis-aligned square faces all four, whichever way it was drawn', () => {
    expect([...facedDirections(square)].sort()).toEqual(['E', 'N', 'S', 'W']);
    expect([...facedDirections([...square].reverse())].sort()).toEqual(['E', 'N', 'S', 'W']);
    const facing = edgeFacings(square).map((e) => e.facing);
    expect(facing).toEqual(['S', 'E', 'N', 'W']);
  });

  it('a triangle with its long side to the north-west faces S, E and then N or W by the ±45° rule', () => {
    const tri: Position[] = [
      [111.0, 36.0],
      [111.01, 36.0],
      [111.01, 36.012],
    ];
    const f = edgeFacings(tri).map((e) => e.facing);
    expect(f).toEqual(['S', 'E', 'W']);
    expect(facedDirections(tri).has('N')).toBe(false);
  });

  it('a closed ring (first vertex repeated) gives the same edges; two vertices or a degenerate ring give none', () => {
    expect(edgeFacings([...square, square[0]!]).map((e) => e.facing)).toEqual(['S', 'E', 'N', 'W']);
    expect(edgeFacings(square.slice(0, 2))).toEqual([]);
    expect(edgeFacings([[111, 36], [111.01, 36], [111.02, 36]])).toEqual([]);
  });

  it('edges shorter than a metre (a doubled click) face nowhere', () => {
    const doubled = [square[0]!, square[1]!, [square[1]![0]! + 1e-9, square[1]![1]!], square[2]!, square[3]!];
    expect(edgeFacings(doubled)).toHaveLength(4);
  });
});

describe('the drawn area against the stated one', () => {
  it('is the geodesic area, within 1e-6 of GeographicLib’s Planimeter on GRS80', () => {
    const a = compareArea(QUAD, 5_510_000);
    if (!existsSync('/usr/bin/Planimeter')) return;
    const input = QUAD.map((p) => `${p[1]} ${p[0]}`).join('\n');
    const out = execFileSync('Planimeter', ['-e', '6378137', '1/298.257222101', '-p', '3'], { input, encoding: 'utf8' });
    const ref = Math.abs(Number(out.trim().split(/\s+/)[2]));
    expect(ref).toBeGreaterThan(4e6);
    expect(Math.abs((a.drawnM2 ?? 0) - ref) / ref).toBeLessThan(1e-6);
    expect(a.share).toBeCloseTo((ref - 5_510_000) / 5_510_000, 6);
  });

  it('needs three distinct vertices and a stated area for the difference', () => {
    expect(compareArea(QUAD.slice(0, 2), 100).drawnM2).toBeNull();
    expect(compareArea(QUAD, null).share).toBeNull();
    expect(compareArea(QUAD, 0).statedM2).toBeNull();
  });
});

describe('the supersede record of a drawing', () => {
  const now = new Date('2026-12-02T03:30:00Z');

  it('carries the method, the stated precision, the date and the text-derived shape it replaces; the catalog shows it', () => {
    const r = drawnSupersession(fushan, QUAD, 30, now);
    if (!r.ok) throw new Error(r.problem);
    expect(r.record).toMatchObject({ featureId: fushan.id, method: DRAWN_ALONG_FOUR_BOUNDS, precisionM: 30, sourceFile: DRAWN_SOURCE, createdAt: '2026-12-02T03:30:00.000Z' });
    expect(r.record.previousGeometry).toEqual(fushan.geometry);
    expect(r.record.surveyed).toEqual(ringPolygon(QUAD));
    expect(supersessionSchema.parse(JSON.parse(JSON.stringify(r.record)))).toEqual(r.record);
    const { layers, applied } = applySupersessions([parks], [r.record]);
    expect(applied).toEqual([fushan.id]);
    const f = layers[0]?.features.find((x) => x.id === fushan.id);
    expect(f?.geometry).toEqual(ringPolygon(QUAD));
    expect(f?.props).toMatchObject({ method: DRAWN_ALONG_FOUR_BOUNDS, precisionM: 30 });
    expect(f?.props.computedAreaM2).toBeCloseTo(compareArea(QUAD, null).drawnM2 ?? 0, 3);
  });

  it('a second drawing keeps the first record’s text-derived shape; bad input is refused', () => {
    const first = drawnSupersession(fushan, QUAD, 30, now);
    if (!first.ok) throw new Error(first.problem);
    const drawnFeature = { ...fushan, geometry: first.record.surveyed };
    const second = drawnSupersession(drawnFeature, QUAD.slice(0, 3), 10, now, first.record);
    expect(second.ok && second.record.previousGeometry).toEqual(fushan.geometry);
    expect(drawnSupersession(fushan, QUAD, -1, now)).toEqual({ ok: false, problem: 'precision-invalid' });
    expect(drawnSupersession(fushan, QUAD, Number.NaN, now)).toEqual({ ok: false, problem: 'precision-invalid' });
    expect(drawnSupersession(fushan, QUAD.slice(0, 2), 5, now)).toEqual({ ok: false, problem: 'too-few-vertices' });
  });

  it('a record without a method reads as a survey (records stored before drawing existed)', () => {
    const r = drawnSupersession(fushan, QUAD, 30, now);
    if (!r.ok) throw new Error(r.problem);
    const { method: _m, precisionM: _p, ...old } = r.record;
    const f = applySupersessions([parks], [old]).layers[0]?.features.find((x) => x.id === fushan.id);
    expect(f?.props).toMatchObject({ method: 'surveyed', precisionM: 0 });
  });
});
