import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConflictSession } from '../../../../src/app/conflicts/conflict-session';
import type { RulesLoadResult } from '../../../../src/app/rules-loader';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import { inProcessConflictWorker } from './in-process-worker';

const raw: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
const parsed = parseRuleSet(raw);
if (!parsed.ok) throw new Error(parsed.message);
const rules: RulesLoadResult = { ok: true, rules: parsed.value, raw };
const layer = (name: string): InputLayer => ({ name: `${name}.geojson`, features: (JSON.parse(readFileSync(`data/layers/${name}.geojson`, 'utf8')) as { features: InputLayer['features'] }).features });
const layers = [layer('relic-protection'), layer('relic-control'), layer('chemical-park')];
const clock = () => new Date('2026-01-02T03:04:05Z');

describe('conflict session', () => {
  it('runs the engine in its worker and keeps the report, with progress on the way', async () => {
    const worker = inProcessConflictWorker();
    const session = new ConflictSession(() => worker, () => Promise.resolve(rules), clock);
    const phases: string[] = [];
    let progressed = 0;
    session.subscribe((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
      if (s.progress.total > 0) progressed++;
    });
    await session.run(layers, []);
    const s = session.get();
    expect(phases).toEqual(['running', 'done']);
    expect(progressed).toBeGreaterThan(0);
    expect(s.report?.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(s.report?.ruleSet.version).toBe(parsed.value.version);
    expect(worker.stopped).toBe(true);
  });

  it('is cancelled in the same task as the start, before any worker runs', async () => {
    const worker = inProcessConflictWorker();
    const session = new ConflictSession(() => worker, () => Promise.resolve(rules), clock);
    const done = session.run(layers, []);
    session.cancel();
    await done;
    expect(session.get().phase).toBe('cancelled');
    expect(worker.started).toBe(0);
  });

  it('is cancelled while the worker runs: the worker is terminated and no report is kept', async () => {
    const worker = inProcessConflictWorker({ hold: true });
    const session = new ConflictSession(() => worker, () => Promise.resolve(rules), clock);
    const done = session.run(layers, []);
    await new Promise((ok) => setTimeout(ok, 0));
    expect(worker.started).toBe(1);
    session.cancel();
    worker.release();
    await done;
    expect(session.get()).toMatchObject({ phase: 'cancelled', report: null });
    expect(worker.stopped).toBe(true);
  });

  it('fails with codes, not prose: no layers, rules that cannot be had, an engine refusal', async () => {
    const empty = new ConflictSession(() => inProcessConflictWorker(), () => Promise.resolve(rules), clock);
    await empty.run([{ name: 'x', features: [] }], []);
    expect(empty.get().failure).toEqual({ code: 'no-layers' });
    const noRules = new ConflictSession(() => inProcessConflictWorker(), () => Promise.resolve({ ok: false, reason: 'rules-fetch-failed', detail: '404 Not Found' }), clock);
    await noRules.run(layers, []);
    expect(noRules.get().failure).toEqual({ code: 'rules-unavailable', reason: 'rules-fetch-failed', detail: '404 Not Found' });
    const bad = new ConflictSession(() => inProcessConflictWorker(), () => Promise.resolve(rules), clock);
    await bad.run(layers, [{ ruleId: 'no-such-rule', enabled: false }]);
    expect(bad.get().failure).toMatchObject({ code: 'engine', reason: 'bad-rules' });
    // A bad feature no longer refuses the run: it is reported and left out.
    const one = new ConflictSession(() => inProcessConflictWorker(), () => Promise.resolve(rules), clock);
    await one.run([...layers, { name: 'x', features: [{ type: 'Feature', properties: { id: 'a' }, geometry: null }] }], []);
    expect(one.get().failure).toBeNull();
    expect(one.get().report?.rejected).toMatchObject([{ layer: 'x', reason: 'bad-properties' }]);
  });
});
