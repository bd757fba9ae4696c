import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import { COMPLIANCE_RULE_REASONS, complianceRuleSet, derivedProjectRules } from '../../../../src/core/compliance/compliance-rules';
import { asInputLayer, complianceOthers, findingsOf, type ComplianceLayer } from '../../../../src/core/compliance/compliance-inputs';
import { checkCompliance } from '../../../../src/core/compliance/compliance-check';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';

const rulesJson: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
const relics = parseLayer('relic-protection', JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')));
const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));

function square(lon: number, lat: number, d: number): Polygon {
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

function imported(id: string, category: string, geometry: Polygon): ComplianceLayer {
  return {
    id: `imported:${category}:${id}`,
    imported: true,
    features: [{ id: `imp${id}-1`, geometry, props: { id: `imp${id}-1`, layer: 'imported', name: '地块 1', category, status: 'in-force', precisionM: 0, flags: ['imported'] } }],
  };
}

const catalog = (l: typeof relics): ComplianceLayer => ({ id: l.id, imported: false, features: l.features });

describe('compliance rules (core)', () => {
  it('derives construction rules for project boundaries from the land-acquisition relic rules, with their basis', () => {
    const r = complianceRuleSet(rulesJson, 'project-boundary');
    if (!r.ok) throw new Error(r.detail);
    expect(parseRuleSet(r.ruleSet).ok).toBe(true);
    const ids = r.ruleSet.rules.map((x) => x.id);
    expect(ids).toContain('project-boundary-x-relic-protection');
    expect(ids).toContain('project-boundary-x-relic-control');
    expect(ids).toContain('development-x-ecological-red-line');
    expect(ids).toContain('weather-radar-near-construction');
    expect(ids).not.toContain('chemical-park-x-relic-protection');
    expect(ids.some((i) => i.includes('outside'))).toBe(false);
    const source = parseRuleSet(rulesJson);
    if (!source.ok) throw new Error(source.message);
    // rules.json (v1.1.0) ships the project-boundary rules, so nothing needs deriving; without them they are derived.
    expect(r.derived).toEqual([]);
    const without = { ...source.value, rules: source.value.rules.filter((x) => !x.id.startsWith('project-boundary')) };
    const derived = complianceRuleSet(without, 'project-boundary');
    if (!derived.ok) throw new Error(derived.detail);
    expect(derived.derived.sort()).toEqual(derivedProjectRules(without).map((x) => x.id).sort());
    const rule = derived.ruleSet.rules.find((x) => x.id === 'project-boundary-x-relic-protection')!;
    const from = source.value.rules.find((x) => x.id === 'land-acquisition-x-relic-protection')!;
    expect(rule.severity).toBe('禁止');
    expect(rule.basis).toEqual(from.basis);
    expect(rule.a).toEqual({ categories: ['project-boundary'] });
  });

  it('answers with reason codes, not prose', () => {
    expect(complianceRuleSet(rulesJson, 'other')).toEqual({ ok: false, reason: COMPLIANCE_RULE_REASONS.noRuleForCategory, detail: 'other' });
    expect(complianceRuleSet({ rules: [] }, 'project-boundary')).toMatchObject({ ok: false, reason: COMPLIANCE_RULE_REASONS.rulesInvalid });
  });

  it('checks the boundary against every other layer: 禁止 inside a relic protection range, same-category imports and QA left out', () => {
    const relic = relics.features.find((f) => f.props.name.startsWith('西关墓群'))!;
    const ring = (relic.geometry as Polygon).coordinates[0]!;
    const lon = ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / 4;
    const lat = ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / 4;
    const target = imported('aaaa1', 'project-boundary', square(lon, lat, 0.0003));
    const sameCategory = imported('bbbb2', 'project-boundary', square(lon, lat, 0.0003));
    const qa: ComplianceLayer = { id: 'qa', imported: false, features: [{ id: 'q', geometry: square(lon, lat, 0.1), props: {} }] };
    const layers = [catalog(relics), catalog(parks), qa, sameCategory, target];
    const others = complianceOthers(layers, target.id, 'project-boundary', (l) => `${l.id}.geojson`)!;
    expect(others.map((l) => l.name)).toEqual(['relic-protection.geojson', 'chemical-park.geojson']);
    expect(complianceOthers(layers, 'missing', 'project-boundary', (l) => l.id)).toBeNull();
    const rules = complianceRuleSet(rulesJson, 'project-boundary');
    if (!rules.ok) throw new Error(rules.detail);
    const result = checkCompliance({ target: asInputLayer(target, '我的项目'), others, rules: rules.ruleSet, time: new Date('2026-01-01T00:00:00Z'), hashLayers: false });
    if (!result.ok) throw new Error(result.detail);
    expect(result.report.findings[0]).toMatchObject({ severity: '禁止', ruleId: 'project-boundary-x-relic-protection', nominal: true });
    expect(result.report.findings[0]!.b?.id).toBe(relic.id);
    expect(result.report.findings.filter((f) => f.nominal)).toHaveLength(1);
    expect(result.totalFindings).toBe(result.report.findings.length);
    expect(result.areas).toHaveLength(1);
    expect(result.areas[0]).toMatchObject({ featureId: 'impaaaa1-1', name: '地块 1', zone: 37, zoneFromSource: false });
    expect(result.areas[0]!.geodesicM2! / result.areas[0]!.planarM2!).toBeCloseTo(1, 3);
    // findingsOf over the whole report gives the same list
    expect(findingsOf(result.report, new Set(['impaaaa1-1']))).toEqual(result.report.findings);
  });

  it('cuts a large layer\'s findings to the cap (definite first) and keeps the exact total', () => {
    const relic = relics.features.find((f) => f.props.name.startsWith('西关墓群'))!;
    const ring = (relic.geometry as Polygon).coordinates[0]!;
    const [lon, lat] = [ring[0]![0]!, ring[0]![1]!];
    const many: ComplianceLayer = {
      id: 'imported:project-boundary:cccc3',
      imported: true,
      features: Array.from({ length: 6 }, (_, i) => ({ id: `impcccc3-${i + 1}`, geometry: square(lon + i * 0.0002, lat, 0.0004), props: { id: `impcccc3-${i + 1}`, layer: 'imported', category: 'project-boundary', status: 'in-force', precisionM: 0 } })),
    };
    const rules = complianceRuleSet(rulesJson, 'project-boundary');
    if (!rules.ok) throw new Error(rules.detail);
    const input = { target: asInputLayer(many, 'many'), others: [asInputLayer(catalog(relics), 'relics')], rules: rules.ruleSet, time: new Date(0), hashLayers: false };
    const all = checkCompliance(input);
    const capped = checkCompliance({ ...input, maxFindings: 2 });
    if (!all.ok || !capped.ok) throw new Error('check failed');
    expect(all.report.findings.length).toBeGreaterThan(2);
    expect(capped.totalFindings).toBe(all.report.findings.length);
    expect(capped.report.findings).toEqual(all.report.findings.slice(0, 2));
    expect(capped.areas.length).toBeLessThan(all.areas.length);
  });
});
