import { describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/core/io/index';
import { expectPreview, fixtureBytes, fixtureRows, flatPositions, maxDeviationM } from './io-test-helpers';

/**
 * Coordinate tables written by tests/fixtures/io/make-fixtures.sh from cs2cs output, in 3° zones 37
 * and 38 and 6° zone 19, with and without prefix, with labelled and unlabelled swapped columns, GBK
 * and UTF-8, the land-block format and DMS latitude/longitude. Every vertex must land within 1 mm
 * of cs2cs's inverse of the table value, and stated areas must match the shoelace area.
 */

const CASES = [
  { file: 't37-prefixed.txt', epsg: 4525, swapped: false, encoding: 'utf-8', features: 2, confidence: 'stated' },
  { file: 't38-plain-gbk.csv', epsg: 4547, swapped: false, encoding: 'gb18030', features: 1, confidence: 'stated' },
  { file: 't19-yx.csv', epsg: 4497, swapped: false, encoding: 'utf-8', features: 2, confidence: 'stated' },
  { file: 't37-bare-yx.txt', epsg: 4525, swapped: true, encoding: 'utf-8', features: 1, confidence: 'detected' },
  { file: 'land-block-38.txt', epsg: 4526, swapped: false, encoding: 'gb18030', features: 1, confidence: 'stated' },
  { file: 'dms-marks.txt', epsg: 4490, swapped: false, encoding: 'utf-8', features: 1, confidence: 'stated' },
  { file: 'dms-packed-gbk.csv', epsg: 4490, swapped: false, encoding: 'gb18030', features: 1, confidence: 'stated' },
] as const;

describe('coordinate-table fixtures (cs2cs)', () => {
  for (const c of CASES) {
    it(`${c.file}: EPSG:${c.epsg}, every vertex within 1 mm of PROJ`, () => {
      const p = expectPreview(importFile(fixtureBytes(`tables/${c.file}`), c.file));
      expect(p.crs.epsg).toBe(c.epsg);
      expect(p.crs.axesSwapped).toBe(c.swapped);
      expect(p.crs.confidence).toBe(c.confidence);
      expect(p.stats.encoding).toBe(c.encoding);
      expect(p.features).toHaveLength(c.features);
      expect(p.warnings.some((w) => w.code === 'axes-swapped')).toBe(c.swapped);
      const expected = fixtureRows(`tables/${c.file}.expected.tsv`).map((r) => [Number(r[2]), Number(r[3])]);
      const actual = p.features.flatMap((f) => flatPositions(f.geometry));
      expect(maxDeviationM(actual, expected)).toBeLessThan(0.001);
      // Parcels keep the order of the table.
      const perParcel = fixtureRows(`tables/${c.file}.expected.tsv`).map((r) => Number(r[1]));
      const actualParcel = p.features.flatMap((f, i) => flatPositions(f.geometry).map(() => i));
      expect(actualParcel).toEqual(perParcel);
    });
  }

  for (const c of CASES.filter((x) => !x.file.startsWith('dms') && x.file !== 't37-bare-yx.txt')) {
    it(`${c.file}: stated areas match the shoelace area to the stated precision`, () => {
      const p = expectPreview(importFile(fixtureBytes(`tables/${c.file}`), c.file));
      const areas = fixtureRows(`tables/${c.file}.areas.tsv`);
      expect(p.statedAreas).toHaveLength(areas.length);
      for (const [, parcel, shoelace] of areas) {
        const s = p.statedAreas.find((x) => x.feature === Number(parcel));
        expect(s).toBeDefined();
        if (s === undefined) continue;
        expect(s.planarM2).not.toBeNull();
        expect(Math.abs((s.planarM2 ?? NaN) - Number(shoelace))).toBeLessThan(0.001);
        expect(Math.abs(s.statedM2 - Number(shoelace))).toBeLessThanOrEqual(s.toleranceM2 + 1e-6);
        expect(s.matches).toBe(true);
        // The geodesic area differs from the plane by the Gauss-Krüger scale (k² − 1 < 0.1 % here).
        expect(Math.abs(s.geodesicM2 / (s.planarM2 ?? NaN) - 1)).toBeLessThan(1e-3);
      }
      expect(p.warnings.filter((w) => w.code === 'area-mismatch')).toEqual([]);
    });
  }

  it('t37-prefixed.txt: the second parcel has its hole, named points and source lines', () => {
    const p = expectPreview(importFile(fixtureBytes('tables/t37-prefixed.txt'), 't37-prefixed.txt'));
    const g = p.features[1]?.geometry;
    expect(g?.type).toBe('Polygon');
    if (g?.type !== 'Polygon') return;
    expect(g.coordinates).toHaveLength(2);
    expect(p.features[1]?.properties['name']).toBe('地块2');
    const hole = p.vertexSources?.[1]?.[0]?.[1];
    expect(hole?.map((v) => v.name)).toEqual(['J5', 'J6', 'J7', 'J8', 'J5']);
    expect(hole?.[0]?.line).toBe(17);
  });

  it('a stated area that is wrong is reported with both numbers', () => {
    const text = new TextDecoder().decode(fixtureBytes('tables/t37-prefixed.txt')).replace('面积 62.9598 公顷', '面积 62.9698 公顷');
    const p = expectPreview(importFile(new TextEncoder().encode(text), 'wrong-area.txt'));
    expect(p.statedAreas[0]?.matches).toBe(false);
    const w = p.warnings.find((x) => x.code === 'area-mismatch');
    expect(w?.location.line).toBe(9);
    expect(w?.message.zh).toContain('62.9698');
    expect(w?.message.en).toContain('629597.56');
  });
});
