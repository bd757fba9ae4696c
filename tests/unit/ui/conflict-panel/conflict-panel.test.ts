// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictSession } from '../../../../src/app/conflicts/conflict-session';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import '../../../../src/ui/conflict-panel/conflict-panel.component';
import type { ConflictPanel } from '../../../../src/ui/conflict-panel/conflict-panel.component';
import { CONFLICT_OVERLAY_LAYER } from '../../../../src/ui/conflict-panel/conflict-view-model';
import { inProcessConflictWorker } from '../../app/conflicts/in-process-worker';
import { FakeMap } from '../fake-map';

const raw: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
const parsed = parseRuleSet(raw);
if (!parsed.ok) throw new Error(parsed.message);
const ruleSet = parsed.value;
const layers = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((id) => parseLayer(id, JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8'))));

async function panel(hold = false): Promise<{ el: ConflictPanel; map: FakeMap; worker: ReturnType<typeof inProcessConflictWorker> }> {
  const worker = inProcessConflictWorker({ hold });
  const map = new FakeMap();
  const el = document.createElement('gis-conflict-panel');
  el.session = new ConflictSession(() => worker, () => Promise.resolve({ ok: true, rules: ruleSet, raw }), () => new Date('2026-01-02T00:00:00Z'));
  el.layers = layers;
  el.map = map;
  document.body.append(el);
  await el.updateComplete;
  await el.session.loadRules();
  await el.updateComplete;
  return { el, map, worker };
}

const q = (el: ConflictPanel, sel: string): HTMLElement | null => el.shadowRoot!.querySelector<HTMLElement>(sel);
const status = (el: ConflictPanel): HTMLElement => q(el, '[data-testid=conflict-status]')!;

afterEach(() => document.body.replaceChildren());

describe('conflict panel over its session and a fake map', () => {
  it('lists the rules of the rule set', async () => {
    const { el } = await panel();
    expect(el.shadowRoot!.querySelectorAll('[data-testid=conflict-rule]')).toHaveLength(ruleSet.rules.length);
  });

  it('runs the check, shows the report in Chinese with caveats in words, and draws the findings on the map', async () => {
    const { el, map } = await panel();
    q(el, '[data-testid=conflict-run]')!.click();
    await expect.poll(() => status(el).getAttribute('data-phase')).toBe('done');
    await el.updateComplete;
    const report = el.lastReport!;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(status(el).textContent).toBe(`检查完成：${report.findings.length} 项冲突。`);
    const caveat = q(el, '[data-testid=finding-caveat]')!;
    expect(caveat.textContent).toContain('位置精度');
    expect(caveat.textContent).not.toMatch(/holds-|fails-|surveyed/);
    expect(map.visibility.get(CONFLICT_OVERLAY_LAYER)).toBe(true);
    const overlay = map.layerData.get(CONFLICT_OVERLAY_LAYER);
    expect(typeof overlay === 'object' && overlay.features.length).toBeGreaterThan(0);
    // the rule list folds once a report is there
    expect((q(el, '[data-testid=rules-box]') as HTMLDetailsElement).open).toBe(false);
  });

  it('zooms the map to a finding and marks it as the focus', async () => {
    const { el, map } = await panel();
    await el.run();
    await el.updateComplete;
    q(el, '[data-testid=finding-zoom]')!.click();
    await el.updateComplete;
    expect(map.lastBounds).not.toBeNull();
    expect(q(el, '[data-testid=conflict-finding][data-focus=true]')).not.toBeNull();
  });

  it('refuses to run with a bad parameter and says which', async () => {
    const { el, worker } = await panel();
    const rule = ruleSet.rules.find((r) => r.params.areaToleranceM2 !== undefined)!;
    const input = q(el, `[data-rule="${rule.id}"] [data-testid=param-tolerance]`) as HTMLInputElement;
    input.value = '-5';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect((q(el, '[data-testid=conflict-run]') as HTMLButtonElement).disabled).toBe(true);
    await el.run();
    await el.updateComplete;
    expect(status(el).getAttribute('data-phase')).toBe('failed');
    expect(status(el).textContent).toBe('请先改正标红的参数。');
    expect(worker.started).toBe(0);
  });

  it('cancels a running check and says so in the chosen language', async () => {
    const { el, worker } = await panel(true);
    el.locale = 'en';
    const done = el.run();
    await new Promise((ok) => setTimeout(ok, 0));
    await el.updateComplete;
    expect(q(el, '[data-testid=conflict-cancel]')).not.toBeNull();
    q(el, '[data-testid=conflict-cancel]')!.click();
    worker.release();
    await done;
    await el.updateComplete;
    expect(status(el).getAttribute('data-phase')).toBe('cancelled');
    expect(status(el).textContent).toBe('The check was cancelled.');
    expect(el.lastReport).toBeNull();
  });
});
