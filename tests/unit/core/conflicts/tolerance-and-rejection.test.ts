import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';

/** One overlap rule chemical park × relic protection range, with the given parameters. */
function ruleSet(params: Record<string, unknown> = {}): RuleSet {
  const parsed = parseRuleSet({
    id: 'test',
    version: '1.0.0',
    updated: '2026-12-01',
    rules: [
      {
        id: 'cp-x-relic',
        version: 1,
        title: 'chemical park overlaps relic range',
        enabled: true,
        a: { layers: ['chemical-park'] },
        b: { layers: ['relic-protection'] },
        relation: 'overlap',
        params: { areaToleranceM2: { value: 0, kind: 'configurable-default' }, ...params },
        severity: '禁止',
        basis: [{ document: 'test', text: 'test', textKind: 'summary' }],
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const D = 1e-4; // ≈ 9 m in longitude, 11 m in latitude at 37°N
const ring = (lon0: number, lat0: number, lon1: number, lat1: number): Position[] => [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]];
const feature = (id: string, layer: string, coordinates: Position[][][]): Feature<Geometry> => ({
  type: 'Feature',
  properties: { id, layer, name: id, precisionM: 0 },
  geometry: coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] as Position[][] } : { type: 'MultiPolygon', coordinates },
});
const run = (features: Array<Feature<Geometry>>, rules = ruleSet(), options = {}) => {
  const layer: InputLayer = { name: 'x', features };
  const result = checkConflicts([layer], rules, { now: () => new Date(0), ...options });
  if (!result.ok) throw new Error(result.message);
  return result.report;
};

describe('touch tolerance', () => {
  it('is stated once in metres and m² in the report, per rule and in each finding', () => {
    const report = run([feature('cp', 'chemical-park', [[ring(111, 37, 111 + D, 37 + D)]]), feature('r', 'relic-protection', [[ring(111 + D / 2, 37, 111 + 2 * D, 37 + D)]])]);
    expect(report.engine.tolerance).toEqual({ widthM: 0.001, areaM2: 0.000001 });
    expect(report.rules[0]?.tolerance).toEqual({ widthM: 0.001, areaM2: 0.000001 });
    expect(report.findings[0]?.params.tolerance).toEqual({ widthM: 0.001, areaM2: 0.000001 });
  });

  it('is configurable per rule (rule file and user override) and decides overlap versus touching', () => {
    // A 1e-9° (≈ 0.1 mm) wide sliver along a 0.001° (≈ 111 m) edge: ≈ 0.011 m².
    const features = [
      feature('cp', 'chemical-park', [[ring(111, 37, 111 + 1e-3, 37 + 1e-3)]]),
      feature('r', 'relic-protection', [[ring(111 + 1e-3 - 1e-9, 37, 111 + 2e-3, 37 + 1e-3)]]),
    ];
    const sliver = run(features);
    expect(sliver.findings).toHaveLength(1);
    expect(sliver.findings[0]?.overlapAreaM2).toBeGreaterThan(0.005);
    expect(sliver.findings[0]?.overlapAreaM2).toBeLessThan(0.02);
    const ruled = run(features, ruleSet({ touchAreaM2: { value: 0.05, kind: 'configurable-default' } }));
    expect(ruled.findings).toHaveLength(0);
    expect(ruled.rules[0]?.touching).toEqual([['cp', 'r']]);
    expect(ruled.rules[0]?.tolerance.areaM2).toBe(0.05);
    const overridden = run(features, ruleSet(), { overrides: [{ ruleId: 'cp-x-relic', touchAreaM2: 0.05 }] });
    expect(overridden.findings).toHaveLength(0);
    expect(overridden.rules[0]?.overridden).toEqual(['touchAreaM2']);
    // A 0.5 mm gap is touching with the default 1 mm width, apart with 0.1 mm.
    const gapLon = 0.0005 / 88_900;
    const gap = [feature('cp', 'chemical-park', [[ring(111, 37, 111 + 1e-3, 37 + 1e-3)]]), feature('r', 'relic-protection', [[ring(111 + 1e-3 + gapLon, 37, 111 + 2e-3, 37 + 1e-3)]])];
    expect(run(gap).rules[0]?.touching).toEqual([['cp', 'r']]);
    expect(run(gap, ruleSet({ touchWidthM: { value: 0.0001, kind: 'configurable-default' } })).rules[0]?.touching).toEqual([]);
  });
});

describe('hard geometry through checkConflicts', () => {
  it("measures A's edge on the edge shared by B's two parts like B as one polygon", () => {
    const a = feature('cp', 'chemical-park', [[ring(111 + 2 * D, 37 + 3 * D, 111 + 8 * D, 37 + 9 * D)]]);
    const twoParts = feature('r', 'relic-protection', [[ring(111, 37, 111 + 10 * D, 37 + 3 * D)], [ring(111, 37 + 3 * D, 111 + 10 * D, 37 + 6 * D)]]);
    const onePart = feature('r', 'relic-protection', [[ring(111, 37, 111 + 10 * D, 37 + 6 * D)]]);
    const split = run([a, twoParts]).findings[0];
    const whole = run([a, onePart]).findings[0];
    expect(split?.overlapAreaM2).toBeGreaterThan(1000);
    expect(Math.abs((split?.overlapAreaM2 as number) - (whole?.overlapAreaM2 as number))).toBeLessThan(1e-6);
    expect(split?.shareOfA).toBeCloseTo(0.5, 3);
  });

  it('drops a 3-vertex hole that collapses in the lon/lat round trip, with a note, instead of rejecting the run', () => {
    // The hole's second and third vertices round to the same 7-decimal position.
    const hole: Position[] = [[111.0002, 37.0002], [111.0003, 37.0002], [111.0003, 37.0002], [111.0002, 37.0002]];
    const a = feature('cp', 'chemical-park', [[ring(111, 37, 111 + 10 * D, 37 + 10 * D), hole]]);
    const b = feature('r', 'relic-protection', [[ring(111 + 5 * D, 37, 111 + 20 * D, 37 + 10 * D)]]);
    const report = run([a, b]);
    expect(report.rejected).toEqual([]);
    expect(report.geometryNotes).toEqual([{ layer: 'x', id: 'cp', code: 'ring-collapsed', params: { part: 0, ring: 1, vertices: 2 } }]);
    expect(report.findings[0]?.shareOfA).toBeCloseTo(0.5, 3);
  });

  it('reports a feature whose every ring collapses and goes on with the others', () => {
    const flat = feature('cp0', 'chemical-park', [[[[111, 37], [111, 37 + D], [111, 37 + 2 * D], [111, 37]]]]);
    const a = feature('cp', 'chemical-park', [[ring(111, 37, 111 + 10 * D, 37 + 10 * D)]]);
    const b = feature('r', 'relic-protection', [[ring(111 + 5 * D, 37, 111 + 20 * D, 37 + 10 * D)]]);
    const report = run([flat, a, b]);
    expect(report.rejected.map((r) => [r.id, r.reason, r.detail])).toEqual([['cp0', 'bad-geometry', 'degenerate-ring']]);
    expect(report.findings.map((f) => f.a.id)).toEqual(['cp']);
  });
});

describe('invalid polygons: stated repair', () => {
  it('uses overlapping parts as their union and says so, instead of counting the overlap twice', () => {
    const a = feature('cp', 'chemical-park', [[ring(111, 37, 111 + 6 * D, 37 + 4 * D)], [ring(111 + 4 * D, 37, 111 + 10 * D, 37 + 4 * D)]]);
    const valid = feature('cp', 'chemical-park', [[ring(111, 37, 111 + 10 * D, 37 + 4 * D)]]);
    const b = feature('r', 'relic-protection', [[ring(111 - D, 37 - D, 111 + 20 * D, 37 + 10 * D)]]);
    const repaired = run([a, b]);
    const truth = run([valid, b]).findings[0]?.overlapAreaM2 as number;
    expect(Math.abs((repaired.findings[0]?.overlapAreaM2 as number) - truth)).toBeLessThan(1e-3);
    expect(repaired.findings[0]?.shareOfA).toBeLessThanOrEqual(1 + 1e-9);
    const note = repaired.geometryNotes[0];
    expect(note?.code).toBe('geometry-repaired');
    // Overlap of the parts ≈ 2 × 4 × D² of a degree square ≈ 2 × 4 × 8.9 m × 11.1 m, counted twice.
    expect(note?.params['excessM2']).toBeGreaterThan(2 * 0.9 * truth * 0.2);
    expect(note?.params['excessM2']).toBeLessThan(2 * 1.1 * truth * 0.2);
  });

  it('repairs a self-crossing (bow-tie) ring by the non-zero rule', () => {
    const bowtie = feature('cp', 'chemical-park', [[[[111, 37], [111 + 10 * D, 37 + 10 * D], [111 + 10 * D, 37], [111, 37 + 10 * D], [111, 37]]]]);
    const b = feature('r', 'relic-protection', [[ring(111 - D, 37 - D, 111 + 20 * D, 37 + 20 * D)]]);
    const report = run([bowtie, b]);
    expect(report.geometryNotes.map((n) => n.code)).toEqual(['geometry-repaired']);
    const square = run([feature('cp', 'chemical-park', [[ring(111, 37, 111 + 10 * D, 37 + 10 * D)]]), b]).findings[0]?.overlapAreaM2 as number;
    // The two triangles of the bow-tie cover half the square.
    expect((report.findings[0]?.overlapAreaM2 as number) / square).toBeCloseTo(0.5, 3);
  });
});
