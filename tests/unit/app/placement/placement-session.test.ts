import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PlacementSession } from '../../../../src/app/placement/placement-session';
import { indexedDbOverrideStore } from '../../../../src/app/placement/override-store';
import { placementTargetFor, rebuildLayers } from '../../../../src/pipeline/layers/rebuild';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import type { RebuildInput } from '../../../../src/pipeline/layers/rebuild';
import type { LayerBuild } from '../../../../src/pipeline/layers/index';

const inputs: Omit<RebuildInput, 'overrides'> = {
  recordFiles: readdirSync('data/records').filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join('data/records', f), 'utf8')) as unknown),
  gazetteer: {
    anchorsJson: JSON.parse(readFileSync('data/gazetteer/anchors.json', 'utf8')) as unknown,
    placesCsv: readFileSync('data/gazetteer/places.csv', 'utf8'),
    aliasesCsv: readFileSync('data/gazetteer/aliases.csv', 'utf8'),
    overridesJson: JSON.parse(readFileSync('data/gazetteer/overrides.json', 'utf8')) as unknown,
  },
  shanxiJson: JSON.parse(readFileSync('data/gazetteer/shanxi.json', 'utf8')) as unknown,
};

function session(factory = new IDBFactory()): PlacementSession {
  return new PlacementSession({
    store: indexedDbOverrideStore(factory),
    loadInputs: () => Promise.resolve(inputs),
    rebuild: (input) => Promise.resolve({ ok: true as const, value: rebuildLayers(input) }),
    targetOf: (files, id) => Promise.resolve(placementTargetFor(files, id)),
  });
}

const dajue = { name: '大觉寺', county: '柳林县' };
const anchorOf = (build: LayerBuild): { lon: number; lat: number } | null =>
  build.layers['relic-protection'].find((f) => f.properties.name.startsWith('大觉寺'))?.properties.anchor ?? null;

describe('PlacementSession', () => {
  it('places, undoes and redoes, and keeps the placements between visits', async () => {
    const factory = new IDBFactory();
    const s = session(factory);
    const placed = await s.place(dajue, 110.9, 37.45, 5, 'surveyed', '2026 外业');
    if (!placed.ok) throw new Error(JSON.stringify(placed.problem));
    expect(anchorOf(placed.build)).toMatchObject({ lon: 110.9, lat: 37.45 });
    expect(s.state).toMatchObject({ canUndo: true, canRedo: false });
    const undone = await s.undo();
    if (!undone.ok) throw new Error('undo failed');
    expect(anchorOf(undone.build)?.lon).not.toBe(110.9);
    const redone = await s.redo();
    expect(redone.ok && anchorOf(redone.build)?.lon).toBe(110.9);
    const again = session(factory);
    const restored = await again.restore();
    expect(restored?.ok && anchorOf(restored.build)?.lon).toBe(110.9);
    expect(JSON.parse(again.exportOverrides())).toEqual([{ ...dajue, lon: 110.9, lat: 37.45, precisionM: 5, source: 'surveyed: 2026 外业' }]);
  });

  it('imports an exported file, and refuses a bad one without losing the placements it has', async () => {
    const a = session();
    await a.place(dajue, 110.91, 37.46, 10, 'imagery');
    const b = session();
    const imported = await b.importOverrides(a.exportOverrides());
    expect(imported.ok && anchorOf(imported.build)?.lon).toBe(110.91);
    const bad = await b.importOverrides('[{"name":"x"}]');
    expect(bad).toMatchObject({ ok: false, problem: { code: 'placement-file-invalid' } });
    expect(b.state.overrides).toHaveLength(1);
    expect(await b.importOverrides('not json')).toMatchObject({ ok: false, problem: { code: 'placement-file-invalid' } });
  });

  it('keeps the last good placements when a rebuild fails', async () => {
    const s = session();
    await s.place(dajue, 110.9, 37.45, 5, 'surveyed');
    const r = await s.place(dajue, 110.9, 95, 5, 'surveyed');
    expect(r).toMatchObject({ ok: false, problem: { code: 'placement-rebuild-failed' } });
    expect(s.state.overrides[0]?.lat).toBe(37.45);
    expect(await session().undo()).toMatchObject({ ok: false, problem: { code: 'placement-nothing-to-undo' } });
  });
});

describe('placing from the catalog', () => {
  it('finds the target of a feature by its record, and the store takes the rebuilt layers', async () => {
    const s = session();
    const before = rebuildLayers({ ...inputs, overrides: [] });
    if (!before.ok) throw new Error('build failed');
    const feature = before.build.layers['relic-protection'].find((f) => f.properties.name.startsWith('大觉寺'));
    const target = await s.targetFor(feature?.properties.recordId ?? '');
    expect(target).toEqual(dajue);
    expect(await s.targetFor('no/such-record')).toBeNull();

    const store = new CatalogStore();
    const layerIds = ['relic-protection', 'relic-control'] as const;
    const load = (build: LayerBuild) => layerIds.map((id) => parseLayer(id, { type: 'FeatureCollection', features: build.layers[id] }));
    store.setPipeline({ layers: load(before.build), sample: false }, null);
    const changes: string[][] = [];
    store.subscribe((_state, change) => changes.push([...change.data]));
    const placed = await s.place(target ?? dajue, 110.9, 37.45, 5, 'surveyed');
    if (!placed.ok) throw new Error('place failed');
    store.replacePipelineLayers(load(placed.build));
    expect(changes.at(-1)?.sort()).toEqual(['relic-control', 'relic-protection']);
    const moved = store.featureById(feature?.properties.id ?? '');
    expect(moved?.props.anchor?.lon).toBe(110.9);
    expect(moved?.props.precisionM).toBe(5);
  });
});
