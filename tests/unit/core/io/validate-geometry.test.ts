import type { Geometry, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../../src/core/io/build-preview';
import { importText } from '../../../../src/core/io/index';
import { fixGeometry, signedRingArea, validateGeometry } from '../../../../src/core/io/validate-geometry';
import { expectPreview } from './io-test-helpers';

const sq = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const codes = (g: Geometry): string[] => validateGeometry(g, 0, { file: 'f.geojson' }).map((i) => i.code);

describe('validateGeometry', () => {
  it('finds nothing wrong in a valid polygon with a hole', () => {
    const hole = sq(112.001, 37.001, 0.002).reverse();
    expect(codes(poly(sq(112, 37, 0.01), hole))).toEqual([]);
  });

  it('unclosed ring → error with the close-rings fix, located at the last vertex', () => {
    const issues = validateGeometry(poly(sq(112, 37, 0.01).slice(0, 4)), 3, { file: 'a.geojson' });
    const i = issues.find((x) => x.code === 'ring-not-closed');
    expect(i).toMatchObject({ severity: 'error', fix: 'close-rings', location: { feature: 3, part: 0, ring: 0, vertex: 3 } });
    expect(i?.message.zh).toContain('a.geojson');
    expect(i?.message.en).toContain('not closed');
  });

  it('duplicate vertices (≤ 1 mm) → warning with a fix', () => {
    const r = sq(112, 37, 0.01);
    r.splice(2, 0, [112.01 + 1e-9, 37]);
    const issues = validateGeometry(poly(r), 0);
    expect(issues.map((x) => x.code)).toEqual(['duplicate-vertex']);
    expect(issues[0]).toMatchObject({ fix: 'remove-duplicate-vertices', location: { vertex: 2 } });
  });

  it('clockwise outer ring and counter-clockwise hole → orientation findings', () => {
    const issues = validateGeometry(poly(sq(112, 37, 0.01).reverse(), sq(112.001, 37.001, 0.002)), 0);
    expect(issues.map((x) => [x.code, x.location.ring])).toEqual([
      ['ring-orientation', 0],
      ['ring-orientation', 1],
    ]);
  });

  it('empty and degenerate parts', () => {
    expect(codes({ type: 'MultiPolygon', coordinates: [] })).toEqual(['empty-part']);
    expect(codes(poly([]))).toEqual(['empty-part']);
    expect(codes(poly([[112, 37], [112.1, 37], [112, 37]]))).toContain('degenerate-ring');
    expect(codes(poly([[112, 37], [112.1, 37], [112.2, 37], [112, 37]]))).toContain('degenerate-ring');
    expect(codes({ type: 'LineString', coordinates: [[112, 37]] })).toEqual(['empty-part']);
  });

  it('a bow-tie self-intersects, with the crossing point located', () => {
    const bowtie: Position[] = [[112, 37], [112.01, 37.01], [112.01, 37], [112, 37.01], [112, 37]];
    const issues = validateGeometry(poly(bowtie), 0);
    const x = issues.find((i) => i.code === 'self-intersection');
    expect(x?.severity).toBe('error');
    expect(x?.fix).toBeUndefined();
    expect(x?.location.position?.[0]).toBeCloseTo(112.005, 6);
    expect(x?.location.position?.[1]).toBeCloseTo(37.005, 6);
  });

  it('a hole crossing its shell, and a spike, are self-intersections', () => {
    expect(codes(poly(sq(112, 37, 0.01), sq(112.005, 37.005, 0.01).reverse()))).toContain('self-intersection');
    const spike: Position[] = [[112, 37], [112.01, 37], [112.02, 37], [112.01, 37], [112.01, 37.01], [112, 37]];
    expect(codes(poly(spike))).toContain('self-intersection');
  });

  it('does not call a many-vertex valid ring self-intersecting (sweep over 2 000 segments)', () => {
    const ring: Position[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = (i / 2000) * 2 * Math.PI;
      const r = 0.01 * (1 + 0.3 * Math.sin(7 * t));
      ring.push([112 + r * Math.cos(t), 37 + r * Math.sin(t)]);
    }
    ring.push(ring[0] ?? [0, 0]);
    expect(codes(poly(ring))).toEqual([]);
    ring.splice(1000, 0, [112 + 0.02, 37]); // a long detour that crosses the ring
    expect(codes(poly(ring))).toContain('self-intersection');
  });

  it('non-finite coordinates are errors without a fix', () => {
    expect(validateGeometry(poly([[112, 37], [NaN, 37], [112, 38], [112, 37]]), 0)[0]).toMatchObject({ code: 'invalid-coordinate', severity: 'error' });
  });
});

describe('fixGeometry', () => {
  it('closes, removes duplicates, drops empty parts and orients, then validates clean', () => {
    const r = sq(112, 37, 0.01).reverse().slice(0, 4);
    r.splice(1, 0, [...(r[0] ?? [0, 0])]);
    const g: Geometry = { type: 'MultiPolygon', coordinates: [[r], [[[112, 37], [112, 37]]]] };
    const fixed = fixGeometry(g, new Set(['close-rings', 'remove-duplicate-vertices', 'drop-empty-parts', 'fix-orientation'] as const));
    expect(fixed?.type).toBe('MultiPolygon');
    if (fixed?.type !== 'MultiPolygon') return;
    expect(fixed.coordinates).toHaveLength(1);
    expect(fixed.coordinates[0]?.[0]).toHaveLength(5);
    expect(signedRingArea(fixed.coordinates[0]?.[0] ?? [])).toBeGreaterThan(0);
    expect(validateGeometry(fixed, 0)).toEqual([]);
  });
});

describe('applyFixes on a table preview keeps point names aligned', () => {
  it('reverses a clockwise table ring and still names every vertex', () => {
    const text = ['点号 X Y', 'J1 4000000.000 37500000.000', 'J2 4000100.000 37500000.000', 'J2 4000100.000 37500000.000', 'J3 4000100.000 37500100.000', 'J4 4000000.000 37500100.000'].join('\n');
    const p = expectPreview(importText(text, 't.txt'));
    expect(p.problems.map((x) => x.code).sort()).toEqual(['duplicate-vertex', 'ring-not-closed', 'ring-orientation']);
    expect(p.problems.find((x) => x.code === 'duplicate-vertex')?.location).toMatchObject({ line: 4, pointName: 'J2' });
    const fixed = applyFixes(p, ['close-rings', 'remove-duplicate-vertices', 'fix-orientation']);
    expect(fixed.problems).toEqual([]);
    expect(fixed.vertexSources?.[0]?.[0]?.[0]?.map((v) => v.name)).toEqual(['J1', 'J4', 'J3', 'J2', 'J1']);
    expect(fixed.appliedFixes).toEqual(['close-rings', 'remove-duplicate-vertices', 'fix-orientation']);
    expect(() => applyFixes(p, ['no-such-fix' as 'close-rings'])).toThrow(RangeError);
  });
});
