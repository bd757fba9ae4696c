import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { checkConflicts, parseRuleSet } from '../../../../src/core/conflicts/index';

const rules = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!rules.ok) throw new Error(rules.message);

function square(id: string, layer: string, status: string, lon: number): Feature<Polygon> {
  const d = 0.001;
  return {
    type: 'Feature',
    properties: { id, layer, status, precisionM: 0, name: id },
    geometry: { type: 'Polygon', coordinates: [[[lon, 37], [lon + d, 37], [lon + d, 37 + d], [lon, 37 + d], [lon, 37]]] },
  };
}

describe('feature status in conflict checks', () => {
  it.each([
    ['in-force', 1, 0],
    ['planned', 1, 0],
    ['withdrawn', 0, 1],
    ['superseded', 0, 1],
  ])('a chemical park that is %s gives %i findings against a relic range it overlaps', (status, findings, inactive) => {
    const parks = { name: 'parks', features: [square('park', 'chemical-park', status, 111.5)] };
    const relics = { name: 'relics', features: [square('relic', 'relic-protection', 'in-force', 111.5005)] };
    const result = checkConflicts([parks, relics], rules.value, { now: () => new Date(0) });
    if (!result.ok) throw new Error(result.message);
    const hits = result.report.findings.filter((f) => f.ruleId === 'chemical-park-x-relic-protection');
    expect(hits).toHaveLength(findings);
    expect(result.report.layers[0]!.inactiveCount).toBe(inactive);
  });
});
