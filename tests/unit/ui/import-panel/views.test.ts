// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { FeatureCollection, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { complianceRuleSet } from '../../../../src/core/compliance/compliance-rules';
import { checkCompliance } from '../../../../src/core/compliance/compliance-check';
import { Notices } from '../../../../src/app/import/notices';
import { UserData } from '../../../../src/app/import/user-data';
import { ComplianceSession, type ComplianceResult } from '../../../../src/app/compliance/compliance-session';
import { ImportWorkers } from '../../../../src/app/import/import-workers';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { type StoredLayer } from '../../../../src/core/model/user-layer';
import '../../../../src/ui/import-panel/stored-layers-view';
import '../../../../src/ui/import-panel/compliance-view';
import '../../../../src/ui/import-panel/backup-view';
import { inProcessImportWorker } from '../../app/import/fake-import-worker';
import { fakeMap } from './fake-map';

const square: Polygon = { type: 'Polygon', coordinates: [[[112.5, 37.8], [112.51, 37.8], [112.51, 37.81], [112.5, 37.81], [112.5, 37.8]]] };

function stored(id: string): StoredLayer {
  return {
    id,
    name: `图层 ${id}`,
    category: 'project-boundary',
    visible: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { fileName: 'a.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
    features: [{ type: 'Feature', geometry: square, properties: { id: `imp${id}-1`, name: '地块' } }],
  };
}

async function flush(el: { updateComplete: Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

async function userDataWith(layers: StoredLayer[]): Promise<{ userData: UserData; notices: Notices; store: UserLayerStore }> {
  const store = new UserLayerStore(new IDBFactory());
  for (const l of layers) await store.putLayer(l);
  const notices = new Notices();
  const userData = new UserData(store, notices);
  await userData.reload(false);
  return { userData, notices, store };
}

describe('import-area views over the app sessions (happy-dom, fake map)', () => {
  it('stored layers: zoom fits the map to the layer, remove asks first and then deletes it from the store', async () => {
    const { userData, store } = await userDataWith([stored('aaaa1')]);
    const fake = fakeMap();
    const el = document.createElement('gis-stored-layers');
    Object.assign(el, { map: fake.map, userData });
    document.body.append(el);
    await flush(el);
    expect(el.querySelector('[data-testid=user-layer-name]')?.textContent).toBe('图层 aaaa1');
    expect(el.querySelector('[data-testid=user-layer]')?.getAttribute('data-catalog-id')).toBe('imported:project-boundary:aaaa1');
    el.querySelector<HTMLButtonElement>('[data-testid=zoom-layer]')!.click();
    const box = fake.calls('fitBounds')[0]?.[0] as number[];
    [112.498, 37.798, 112.512, 37.812].forEach((v, i) => expect(box![i]).toBeCloseTo(v, 9));
    el.querySelector<HTMLButtonElement>('[data-testid=remove-layer]')!.click();
    await flush(el);
    expect(el.querySelector('[role=alert]')?.textContent).toBe('确定删除“图层 aaaa1”？');
    el.querySelector<HTMLButtonElement>('[data-testid=confirm-remove]')!.click();
    await flush(el);
    await flush(el);
    const r = await store.readAll();
    expect(r.ok && r.content.layers).toEqual([]);
    expect(el.querySelector('[data-testid=no-user-layers]')).not.toBeNull();
    el.remove();
  });

  it('compliance: draws the overlaps on the map and says when a large layer\'s list was cut', async () => {
    const notices = new Notices();
    const session = new ComplianceSession({ workers: new ImportWorkers(() => inProcessImportWorker()), notices, loadRules: () => Promise.resolve({ ok: false, reason: 'rules-missing', detail: 'none' }) });
    const fake = fakeMap();
    const el = document.createElement('gis-compliance-view');
    Object.assign(el, { map: fake.map, session, locale: 'en' });
    document.body.append(el);
    await flush(el);
    // a failure to load the rules is a notice with its code
    await session.run(stored('bbbb2'), [], []);
    expect(notices.state.current).toMatchObject({ kind: 'error', code: 'compliance-failed', reason: 'rules-missing' });
    const relics = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as { features: Array<{ geometry: Polygon; properties: Record<string, unknown> }> };
    const relic = relics.features.find((f) => String(f.properties['name']).startsWith('西关墓群'))!;
    const [lon, lat] = relic.geometry.coordinates[0]![0]!;
    const target = { name: 'p', features: [{ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [[[lon!, lat!], [lon! + 0.0003, lat!], [lon! + 0.0003, lat! + 0.0003], [lon!, lat! + 0.0003], [lon!, lat!]]] }, properties: { id: 'impbbbb2-1', layer: 'imported', category: 'project-boundary', status: 'in-force', precisionM: 0 } }] };
    const rules = complianceRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')), 'project-boundary');
    if (!rules.ok) throw new Error(rules.detail);
    const checked = checkCompliance({ target, others: [{ name: 'relic-protection.geojson', features: relics.features as never }], rules: rules.ruleSet, time: new Date(0), hashLayers: false, maxFindings: 1 });
    if (!checked.ok) throw new Error(checked.detail);
    const result: ComplianceResult = { layerId: 'imported:project-boundary:bbbb2', layer: stored('bbbb2'), report: checked.report, findings: checked.report.findings, areas: checked.areas, derivedRules: [], totalFindings: 250 };
    (session as unknown as { update(p: object): void }).update({ result });
    await flush(el);
    const drawn = fake.calls('setAnalysisLayer').at(-1)!;
    expect(drawn[0]).toBe('compliance-overlaps');
    expect((drawn[1] as FeatureCollection).features[0]!.properties).toMatchObject({ fill: '#d00000' });
    expect(el.querySelector('[data-testid=compliance-truncated]')?.textContent).toBe('Large layer: the first 1 of 250 findings are listed (definite ones first, then nearest).');
    session.clear();
    await flush(el);
    expect(fake.calls('setAnalysisLayer').at(-1)).toEqual(['compliance-overlaps', null]);
    expect(el.querySelector('[data-testid=compliance-result]')).toBeNull();
    el.remove();
  });

  it('backup: a bad file is refused with its reason and changes nothing; a good one is restored as new layers', async () => {
    const { userData, notices, store } = await userDataWith([stored('cccc3')]);
    const el = document.createElement('gis-backup-view');
    Object.assign(el, { userData, notices });
    document.body.append(el);
    await flush(el);
    expect((await el.restore(new Blob(['{"format":"x"}']))).restored).toBe(false);
    expect(notices.state.current).toMatchObject({ code: 'backup-refused', reason: 'backup-invalid', vars: { kind: 'backup-invalid' } });
    const backup = { format: 'shanxi-gis-user-backup', version: 1, exportedAt: '2026-01-01T00:00:00Z', layers: [stored('dddd4')], supersessions: [] };
    expect(await el.restore(new Blob([JSON.stringify(backup)]))).toEqual({ restored: true, replaced: false });
    const r = await store.readAll();
    expect(r.ok && r.content.layers.map((l) => l.name).sort()).toEqual(['图层 cccc3', '图层 dddd4']);
    expect(notices.state.current).toMatchObject({ kind: 'ok', code: 'backup-restored', vars: { n: 1, m: 0 } });
    el.remove();
  });
});
