import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlapMeasure } from '../../../../src/core/conflicts/exact-overlap';
import { minDistance } from '../../../../src/core/conflicts/min-distance';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';
import { polygonCases, shapeOf } from './overlay-suite-lib';
import type { SuiteCase } from './overlay-suite-lib';
import { evaluateCase, exactRelation, grade, mirrorCases, mirrorsPresent, relationAgrees, toleranceRelation } from './overlay-suite-run';

/** Suite tolerance in coordinate units squared (the engine's default 1 mm² when units are metres). */
const TOLERANCE = 1e-6;
const FIXTURES = 'tests/fixtures/overlay-suites';

function committedCases(): SuiteCase[] {
  const out: SuiteCase[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.xml')) out.push(...polygonCases(path, readFileSync(path, 'utf8')));
    }
  };
  walk(FIXTURES);
  return out;
}

const area = (a: AreaShape, b: AreaShape): number => overlapMeasure(a, b).areaM2;

/** Every polygon/polygon case: exact area in both orders within the engine's stated bound, right relation, reference = suite's expected area. */
function checkCases(cases: readonly SuiteCase[]): void {
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    const r = evaluateCase(c, area);
    if (r === null) continue;
    const label = `${c.file}#${c.index} ${c.desc}`;
    const sa = shapeOf(c.a) as AreaShape;
    const sb = shapeOf(c.b) as AreaShape;
    const bound = overlapMeasure(sa, sb).errorM2;
    expect(r.ab, label).toBe(r.ba);
    expect(r.error, label).toBeLessThanOrEqual(bound + 1e-14 * Math.max(r.areaA, r.areaB));
    expect(grade(r, TOLERANCE), label).toBe('exact');
    const rel = toleranceRelation(r.ab, r.areaA, r.areaB, TOLERANCE, r.exact.meet);
    expect(relationAgrees(r.exact, rel, r.areaA, r.areaB, TOLERANCE), `${label}: ${rel} vs ${exactRelation(r.exact)}`).toBe(true);
    if (r.exact.inter === 0) {
      // Touching versus disjoint by the engine's distance (0 up to rounding) against the exact test.
      const scale = Math.sqrt(Math.max(r.areaA, r.areaB));
      expect(minDistance(sa, sb) <= 1e-9 * scale, `${label}: touching`).toBe(r.exact.meet);
    }
    if (r.expectedArea !== null && c.floating) {
      // The reference agrees with the suite's own expected geometry (an independent overlay).
      expect(Math.abs(r.expectedArea - r.exact.inter), label).toBeLessThanOrEqual(1e-9 * Math.max(r.areaA, r.areaB));
    }
  }
}

describe('GEOS / JTS overlay suites, committed polygon/polygon cases (tests/fixtures/overlay-suites)', () => {
  it('every case: A∩B = B∩A, exact against the BigInt reference, relation right beyond the tolerance', () => {
    checkCases(committedCases());
  });
});

describe.skipIf(!mirrorsPresent())('GEOS / JTS overlay suites from the fetched mirrors (skipped: /work/.mirror/libgeos+geos and locationtech+jts absent)', () => {
  it('general suites', () => {
    checkCases(mirrorCases('general').cases);
  });
  it('robustness, issue and failure suites', { timeout: 120_000 }, () => {
    checkCases(mirrorCases('robust').cases);
  });
});
