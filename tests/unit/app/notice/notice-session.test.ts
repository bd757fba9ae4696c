import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { mergeUserData } from '../../../../src/app/catalog/user-layers';
import { toInputLayers } from '../../../../src/ui/conflict-panel/conflict-view-model';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';
import type { StoredLayer } from '../../../../src/core/model/user-layer';
import { userLayerId } from '../../../../src/core/model/layer-registry';
import { asInputLayer, complianceOthers } from '../../../../src/core/compliance/compliance-inputs';
import { complianceRuleSet } from '../../../../src/core/compliance/compliance-rules';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import { complianceLayer } from '../../../../src/app/compliance/compliance-session';
import { inProcessDeps, inProcessSession, realBody } from './notice-helpers';

describe('the notice session', () => {
  it('reads a 辽宁 notice, lists its site as unplaced, places it on a map point and stores a layer with provenance that survives a reload', async () => {
    const factory = new IDBFactory();
    const s = inProcessSession(factory);
    expect(await s.pasteText(realBody('liaoning-2010-provincial-8th'))).toBe(true);
    const st = s.get();
    expect(st.phase).toBe('review');
    expect(st.review?.sites.map((x) => [x.name, x.placed])).toEqual([['公主屯后山遗址', false]]);
    expect(st.review?.runs.some((r) => r.cls === 'metres' && r.text.includes('250米'))).toBe(true);
    expect(await s.confirm()).toBeNull();
    expect(s.get().problem?.code).toBe('notice-nothing-drawn');

    const id = st.review!.sites[0]!.recordId;
    expect(await s.placeAt(id, 123.4, 41.8, 30, 'map')).toBe(true);
    expect(s.get().review?.sites[0]?.placed).toBe(true);
    expect(s.get().decisions.get(id)?.via).toBe('map');
    const content = await s.confirm('辽宁 第八批');
    expect(content).not.toBeNull();
    expect(s.get().phase).toBe('saved');

    const again = await new UserLayerStore(factory).readAll();
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const [layer] = again.content.layers;
    expect(layer?.name).toBe('辽宁 第八批');
    expect(layer?.source.format).toBe('gazette-notice');
    for (const f of layer!.features) {
      const p = featurePropsSchema.parse(f.properties);
      expect(p.id.startsWith('nntest1-')).toBe(true);
      expect(p.source?.quote).toContain('公主屯后山遗址');
      expect(p.source?.file).toBe('pasted-notice.txt');
      expect(p.method).not.toBe('');
      expect(p.precisionM).toBeGreaterThanOrEqual(30);
      expect(p.anchor?.level).toBe('user');
    }
    const catalog = mergeUserData({ layers: [], sample: false }, again.content);
    const inputs = toInputLayers(catalog.layers);
    expect(inputs[0]?.features.map((f) => (f.properties as { layer: string }).layer)).toContain('relic-protection');
  });

  it('picks a county and township from the Shanxi gazetteer (代县 上馆镇 has an anchor; 夏县 has none: no position)', async () => {
    const s = inProcessSession(new IDBFactory());
    await s.pasteText(realBody('daixian-2021-county'));
    const [first, second] = s.get().review!.sites;
    expect(first?.placed).toBe(false);
    const counties = await s.counties('');
    expect(counties).toHaveLength(121);
    const daixian = (await s.counties('代县'))[0]!;
    expect(daixian.name).toBe('代县');
    const townships = await s.townships(daixian.code);
    const shangguan = townships.find((t) => t.name === '上馆镇')!;
    expect(shangguan.anchor).not.toBeNull();
    expect(await s.pickTownship(first!.recordId, daixian, shangguan)).toBe(true);
    const placed = s.get().review!.sites.find((x) => x.recordId === first!.recordId)!;
    expect(placed.placed).toBe(true);
    expect(placed.anchor).toMatchObject({ lon: shangguan.anchor!.lon, lat: shangguan.anchor!.lat });
    expect(placed.anchor?.source).toContain('上馆镇');

    const xiaxian = (await s.counties('夏县'))[0]!;
    expect(xiaxian.anchor).toBeNull();
    await s.pickCounty(second!.recordId, xiaxian);
    const d = s.get().decisions.get(second!.recordId)!;
    expect(d.position).toBeNull();
    const still = s.get().review!.sites.find((x) => x.recordId === second!.recordId)!;
    expect(still.placed).toBe(false);
    expect(s.get().build!.features.every((f) => f.properties.recordId === first!.recordId)).toBe(true);
  });

  it('keeps what was loaded when a file is refused or the worker stops', async () => {
    let fail = false;
    const factory = new IDBFactory();
    const real = inProcessDeps(factory).build;
    const s = inProcessSession(factory, { build: (req) => (fail ? Promise.resolve({ ok: false as const, reason: 'worker-error', detail: 'crashed' }) : real(req)) });
    await s.pasteText(realBody('liaoning-2010-provincial-8th'));
    const build = s.get().build;
    expect(await s.loadFile({ name: 'x.pdf', size: 4, arrayBuffer: () => Promise.resolve(new ArrayBuffer(4)) })).toBe(false);
    expect(s.get().problem?.code).toBe('notice-unsupported');
    expect(s.get().build).toBe(build);
    expect(s.get().phase).toBe('review');
    fail = true;
    expect(await s.placeAt(build!.file.records[0]!.id, 123, 41, 10, 'typed')).toBe(false);
    expect(s.get().problem?.code).toBe('notice-worker-stopped');
    expect(s.get().build).toBe(build);
    expect(s.get().decisions.size).toBe(0);
  });
});

describe('a stored notice layer in the compliance review', () => {
  it('is among the layers a project boundary is checked against, with a finding where they overlap', async () => {
    const factory = new IDBFactory();
    const s = inProcessSession(factory);
    await s.pasteText(realBody('liaoning-2010-provincial-8th'));
    await s.placeAt(s.get().review!.sites[0]!.recordId, 123.4, 41.8, 30, 'typed');
    const content = await s.confirm();
    const d = 0.01;
    const project: StoredLayer = {
      id: 'proj0001',
      name: '拟建项目',
      category: 'project-boundary',
      visible: true,
      createdAt: '2026-12-02T04:00:00Z',
      source: { fileName: 'p.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
      features: [
        {
          type: 'Feature',
          properties: { id: 'proj-1', layer: 'imported', name: '拟建项目', county: '', status: 'planned', docNumber: null, docDate: null, issuer: null, source: null, method: 'surveyed', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null, areaResidual: null, flags: [], recordId: null },
          geometry: { type: 'Polygon', coordinates: [[[123.4 - d, 41.8 - d], [123.4 + d, 41.8 - d], [123.4 + d, 41.8 + d], [123.4 - d, 41.8 + d], [123.4 - d, 41.8 - d]]] },
        },
      ],
    };
    const catalog = mergeUserData({ layers: [], sample: false }, { layers: [...content!.layers, project], supersessions: [] });
    const layers = catalog.layers.map(complianceLayer);
    const targetId = userLayerId(project);
    const others = complianceOthers(layers, targetId, 'project-boundary', (l) => l.id)!;
    const noticeLayer = userLayerId(content!.layers[0]!);
    expect(others.map((o) => o.name)).toEqual([noticeLayer]);
    const rules = complianceRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')), 'project-boundary');
    expect(rules.ok).toBe(true);
    if (!rules.ok) return;
    const target = asInputLayer(layers.find((l) => l.id === targetId)!, project.name);
    const r = checkConflicts([target, ...others], rules.ruleSet);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const noticeIds = new Set(content!.layers[0]!.features.map((f) => String(f.properties['id'])));
    expect(r.report.findings.some((f) => f.ruleId === 'project-boundary-x-relic-protection' && (noticeIds.has(f.b?.id ?? '') || noticeIds.has(f.a.id)))).toBe(true);
  });
});
