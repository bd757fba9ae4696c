import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConflicts, parseRuleSet } from '../../../../src/core/conflicts/index';

const rules = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!rules.ok) throw new Error(rules.message);
const layer = (name: string) => ({ name, features: JSON.parse(readFileSync(`data/layers/${name}.geojson`, 'utf8')).features });

describe('conflict check progress', () => {
  it('reports monotone progress ending at the total', () => {
    const seen: Array<[number, number]> = [];
    const result = checkConflicts(
      ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map(layer),
      rules.value,
      { onProgress: (d, t) => seen.push([d, t]), hashLayers: false },
    );
    expect(result.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    const total = seen[0]![1];
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
      expect(seen[i]![1]).toBe(total);
    }
    expect(seen.at(-1)).toEqual([total, total]);
  });
});
