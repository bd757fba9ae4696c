import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictSession } from '../../../../src/app/conflicts/conflict-session';
import type { RulesLoadResult } from '../../../../src/app/rules-loader';
import { openWorker } from '../../../../src/app/worker-protocol';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { conflictWorkerApi } from '../../../../src/workers/conflict-worker';
import type { ConflictWorkerApi } from '../../../../src/workers/conflict-worker';
import { writeParcels, writeZones } from '../../../bench/province/generate';
import { channelWorker } from '../channel-worker';
import { seededLayers } from '../../cli/seeded-layers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const raw: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
const parsed = parseRuleSet(raw);
if (!parsed.ok) throw new Error(parsed.message);
const builtRules = parsed.value;
const clock = () => new Date('2026-01-02T03:04:05Z');

/** A session whose workers are the real conflict worker API behind in-process message channels (structured clone). */
function session(workers: number, rules: RuleSet = builtRules): { session: ConflictSession; started: () => number; terminated: () => number } {
  let started = 0;
  let terminated = 0;
  const s = new ConflictSession(
    () => {
      started++;
      return openWorker<ConflictWorkerApi>(() => channelWorker(conflictWorkerApi, () => terminated++));
    },
    () => Promise.resolve({ ok: true, rules, raw } as RulesLoadResult),
    clock,
    { max: workers, featuresPerWorker: 1 },
  );
  return { session: s, started: () => started, terminated: () => terminated };
}

async function reportOf(layers: readonly InputLayer[], workers: number, rules?: RuleSet): Promise<{ report: unknown; started: number; terminated: number; progress: Array<{ done: number; total: number }> }> {
  const s = session(workers, rules);
  const progress: Array<{ done: number; total: number }> = [];
  s.session.subscribe((st) => progress.push(st.progress));
  await s.session.run(layers, []);
  const state = s.session.get();
  if (state.phase !== 'done') throw new Error(`phase ${state.phase}: ${JSON.stringify(state.failure)}`);
  return { report: state.report, started: s.started(), terminated: s.terminated(), progress };
}

describe('conflict session on several workers', () => {
  it('gives the one-worker report on the built layers and on a seeded set of every rule kind', async () => {
    const built = readdirSync('data/layers')
      .filter((f) => f.endsWith('.geojson'))
      .map((f): InputLayer => ({ name: f, features: (JSON.parse(readFileSync(join('data/layers', f), 'utf8')) as { features: InputLayer['features'] }).features }));
    for (const layers of [built, seededLayers(20_261_205)]) {
      const one = await reportOf(layers, 1);
      const many = await reportOf(layers, 4);
      expect(one.started).toBe(1);
      expect(many.started).toBeGreaterThan(1);
      expect(many.terminated).toBe(many.started);
      expect(many.report).toEqual(one.report);
      const last = many.progress.at(-1);
      expect(last?.done).toBe(last?.total);
    }
  }, 120_000);

  it('lists touching pairs in the one-worker order on a tiling whose parcels share edges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conflict-workers-'));
    try {
      writeParcels(join(dir, 'p.ndjson'), 2_500, 3);
      writeZones(join(dir, 'z.ndjson'), 60, 6_000, 4);
      const read = (name: string): InputLayer => ({ name, features: readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as InputLayer['features'][number]) });
      const rule = (id: string, a: string, b: string): RuleSet['rules'][number] => ({
        id, version: 1, title: id, enabled: true, a: { categories: [a] }, b: { categories: [b] }, relation: 'overlap',
        params: { areaToleranceM2: { value: 1, kind: 'configurable-default' } }, severity: '提示',
        basis: [{ document: 'test', text: 'synthetic', textKind: 'summary' }],
      });
      const tiling = parseRuleSet({ id: 'tiling', version: '1.0.0', updated: '2026-12-02', rules: [rule('parcel-x-parcel', 'bench-parcel', 'bench-parcel'), rule('zone-x-parcel', 'bench-zone', 'bench-parcel')] });
      if (!tiling.ok) throw new Error(tiling.message);
      const layers = [read('z.ndjson'), read('p.ndjson')];
      const one = await reportOf(layers, 1, tiling.value);
      const many = await reportOf(layers, 3, tiling.value);
      expect(many.started).toBe(3);
      expect((one.report as { rules: Array<{ touching: unknown[] }> }).rules[0]?.touching.length).toBeGreaterThan(4_000);
      expect(many.report).toEqual(one.report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops every worker when the check is cancelled', async () => {
    const s = session(4);
    const done = s.session.run(seededLayers(3), []);
    await new Promise((ok) => setTimeout(ok, 0));
    s.session.cancel();
    await done;
    expect(s.session.get().phase).toBe('cancelled');
    expect(s.terminated()).toBe(s.started());
  }, 60_000);
});
