import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import type { FeatureSelector, RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { LAYER_IDS } from '../../../../src/core/model/feature-props';
import type { LayerId } from '../../../../src/core/model/feature-props';
import { buildFixtures } from '../../../fixtures/conflicts/fixture-cases';
import type { FixtureFile } from '../../../fixtures/conflicts/fixture-cases';

const root = join(process.cwd(), 'tests/fixtures/conflicts');
/** Folders whose fixtures must produce a finding; every other folder must produce none. */
const CONFLICT_FOLDERS = new Set([
  'overlap', 'contains', 'identical', 'multipolygon-overlap', 'within-distance', 'outside-of', 'possible', 'definite',
]);

const files: Array<[string, FixtureFile]> = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(root, d.name))
      .filter((f) => f.endsWith('.geojson'))
      .map((f): [string, FixtureFile] => [`${d.name}/${f.replace(/\.geojson$/, '')}`, JSON.parse(readFileSync(join(root, d.name, f), 'utf8')) as FixtureFile]),
  );

function selectorFor(props: Record<string, unknown>): FeatureSelector {
  const category = props['category'];
  if (typeof category === 'string') return { categories: [category] };
  const layer = props['layer'];
  if (typeof layer !== 'string' || !(LAYER_IDS as readonly string[]).includes(layer)) throw new Error(`bad fixture layer ${String(layer)}`);
  return { layers: [layer as LayerId] };
}

function ruleSetFor(fixture: FixtureFile): RuleSet {
  const [a, b] = fixture.features;
  if (a === undefined || b === undefined) throw new Error('a fixture holds two features');
  const e = fixture.expected;
  return {
    id: 'fixture',
    version: '0.0.1',
    updated: '2026-01-01',
    rules: [
      {
        id: 'fixture-rule',
        version: 1,
        title: 'fixture',
        enabled: true,
        a: selectorFor(a.properties ?? {}),
        b: selectorFor(b.properties ?? {}),
        relation: e.relation,
        params: {
          areaToleranceM2: { value: e.areaToleranceM2, kind: 'configurable-default' },
          ...(e.distanceLimitM === null ? {} : { distanceM: { value: e.distanceLimitM, kind: 'configurable-default' as const } }),
        },
        severity: '禁止',
        basis: [{ document: 'fixture', text: 'fixture', textKind: 'summary' }],
      },
    ],
  };
}

function close(actual: number | null | undefined, expected: number, rel: number, abs: number): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.max(abs, rel * Math.abs(expected)));
}

describe('conflict fixtures', () => {
  it('are present and equal what fixture-cases.ts generates (no drift)', () => {
    const generated = buildFixtures();
    expect(files.map(([k]) => k).sort()).toEqual([...generated.keys()].sort());
    for (const [key, fixture] of files) expect(fixture, key).toEqual(generated.get(key));
  });

  it.each(files)('%s', (key, fixture) => {
    const folder = key.split('/')[0] as string;
    const e = fixture.expected;
    expect(e.verdict !== 'none', 'folder and expected verdict agree').toBe(CONFLICT_FOLDERS.has(folder));
    const layer: InputLayer = { name: key, features: fixture.features };
    const result = checkConflicts([layer], ruleSetFor(fixture), { now: () => new Date(0) });
    if (!result.ok) throw new Error(result.message);
    const { report } = result;
    const run = report.rules[0];
    expect(run?.status).toBe('ran');
    if (e.verdict === 'none') {
      expect(report.findings).toEqual([]);
      if (e.relation === 'overlap') expect((run?.touching.length ?? 0) > 0).toBe(e.touching);
      return;
    }
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    if (f === undefined) throw new Error('unreachable');
    expect(f.verdict).toBe(e.verdict);
    expect(f.nominal).toBe(e.nominal);
    // Areas within 0.1 % of the geodesic oracle (plus 0.01 m² for slivers).
    close(f.overlapAreaM2, e.overlapAreaM2, 1e-3, 0.01);
    if (e.relation !== 'outside-of') {
      close(f.shareOfA, e.shareOfA, 1e-3, 1e-6);
      close(f.shareOfB, e.shareOfB, 1e-3, 1e-6);
    }
    if (e.outsideAreaM2 !== null) close(f.outsideAreaM2, e.outsideAreaM2, 1e-3, 0.01);
    if (e.distanceM !== null) close(f.distanceM, e.distanceM, 1e-3, 1e-3);
    if (e.inradiusM !== null) {
      // Depth = inradius − √(tol/π), found to max(0.05 m, 2 %) and never above the truth.
      const depth = e.inradiusM - Math.sqrt(e.areaToleranceM2 / Math.PI);
      expect(f.depthM).toBeLessThanOrEqual(depth + 1e-3);
      expect(f.depthM).toBeGreaterThanOrEqual(depth - Math.max(0.05, 0.02 * depth) - 1e-3);
    }
    const exported = e.relation === 'outside-of' ? (e.outsideAreaM2 ?? 0) > 0 : e.overlapAreaM2 > 0;
    expect(f.overlap !== null, 'overlap geometry is exported when there is one').toBe(exported);
  });
});
