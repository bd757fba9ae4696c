import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConflicts, mergePartialReports } from '../../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../../src/core/conflicts/index';
import type { CheckOptions } from '../../../../src/core/conflicts/check-conflicts';
import type { ConflictReport } from '../../../../src/core/conflicts/report';

const rules = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!rules.ok) throw new Error(rules.message);
const ruleSet = rules.value;
const layers = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((name) => ({
  name,
  features: JSON.parse(readFileSync(`data/layers/${name}.geojson`, 'utf8')).features,
}));
const now = (): Date => new Date('2026-12-02T00:00:00Z');

function run(options: CheckOptions): ConflictReport {
  const result = checkConflicts(layers, ruleSet, { now, hashLayers: false, ...options });
  if (!result.ok) throw new Error(result.message);
  return result.report;
}

/** Input position of each feature id, for the touching pairs' order. */
const rankOf = ((): ((id: string) => number) => {
  const rank = new Map<string, number>();
  for (const l of layers) for (const f of l.features as Array<{ properties: { id: string } }>) if (!rank.has(f.properties.id)) rank.set(f.properties.id, rank.size);
  return (id) => rank.get(id) ?? -1;
})();

describe('one check shared among workers', () => {
  const single = run({});

  it('gives the single run when split by partition, each worker reporting the whole progress', () => {
    const parts = [0, 1, 2].map((index) => {
      const seen: number[] = [];
      const report = run({ partition: { index, count: 3 }, onProgress: (done, total) => seen.push(total - done) });
      expect(seen.at(-1)).toBe(0);
      return report;
    });
    expect(mergePartialReports(parts, rankOf)).toEqual(single);
  });

  it('gives the single run when blocks are claimed, whatever worker takes which block', () => {
    for (const block of [1, 2, 5]) {
      // Block k of each rule goes to worker (k * 7 + rule) % 3: each block to exactly one worker, in no pattern.
      const owner = (rule: number, k: number): number => (k * 7 + rule + block) % 3;
      const parts = [0, 1, 2].map((w) => {
        const cursor = new Map<number, number>();
        return run({
          claim: {
            block,
            next: (rule) => {
              let k = cursor.get(rule) ?? 0;
              while (owner(rule, k) !== w) k++;
              cursor.set(rule, k + 1);
              return k * block;
            },
          },
        });
      });
      expect(parts.some((p) => p.rules.some((r) => r.candidatePairs > 0))).toBe(true);
      expect(mergePartialReports(parts, rankOf)).toEqual(single);
    }
  });

  it('one worker claiming every block meets the candidate pairs of the single run', () => {
    const next = new Map<number, number>();
    const lone = run({
      claim: {
        block: 3,
        next: (rule) => {
          const at = next.get(rule) ?? 0;
          next.set(rule, at + 3);
          return at;
        },
      },
    });
    expect(lone.rules.map((r) => r.candidatePairs)).toEqual(single.rules.map((r) => r.candidatePairs));
  });
});
