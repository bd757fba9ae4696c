import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { LAYER_STORE, UserLayerStore, parseStored, storeFailure } from '../../../../src/app/catalog/user-layer-store';
import type { StoredLayer, Supersession } from '../../../../src/app/catalog/user-layer-store';

function layer(id: string, name = `layer ${id}`): StoredLayer {
  return {
    id,
    name,
    category: 'project-boundary',
    visible: true,
    createdAt: `2026-01-0${id.length % 9}T00:00:00.000Z`,
    source: { fileName: 'a.txt', format: 'coordinate-table', crsEpsg: 4525, crsName: 'CGCS2000 zone 37', zone: 37 },
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[111, 37], [111.001, 37], [111.001, 37.001], [111, 37]]] },
        properties: { id: `imp${id}-1`, name: 'p' },
      },
    ],
  };
}

async function content(store: UserLayerStore): Promise<string> {
  const r = await store.readAll();
  if (!r.ok) throw new Error(r.message);
  return JSON.stringify(r.content);
}

describe('user layer store (IndexedDB)', () => {
  it('stores, renames, hides and removes layers; survives a new connection', async () => {
    const factory = new IDBFactory();
    const store = new UserLayerStore(factory);
    expect(await store.putLayer(layer('abcd1'))).toEqual({ ok: true });
    expect(await store.putLayer(layer('abcd22'))).toEqual({ ok: true });
    expect(await store.updateLayer('abcd1', { name: '新名称', visible: false })).toEqual({ ok: true });
    const again = new UserLayerStore(factory);
    const r = await again.readAll();
    if (!r.ok) throw new Error(r.message);
    expect(r.content.layers.map((l) => [l.id, l.name, l.visible])).toEqual([
      ['abcd1', '新名称', false],
      ['abcd22', 'layer abcd22', true],
    ]);
    expect(await again.deleteLayer('abcd1')).toEqual({ ok: true });
    expect((await again.updateLayer('abcd1', { name: 'x' })).ok).toBe(false);
    const r2 = await store.readAll();
    expect(r2.ok && r2.content.layers.map((l) => l.id)).toEqual(['abcd22']);
  });

  it('a failed write changes nothing: uncloneable data, a quota error, invalid data', async () => {
    const store = new UserLayerStore(new IDBFactory());
    await store.putLayer(layer('keep1'));
    const before = await content(store);

    const bad = layer('bad01');
    bad.features[0]!.properties['fn'] = () => 1; // not structured-cloneable
    const r1 = await store.putLayer(bad);
    expect(r1.ok).toBe(false);
    expect(await content(store)).toBe(before);

    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function quota(): IDBRequest<IDBValidKey> {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    };
    try {
      const r2 = await store.putLayer(layer('big01'));
      expect(r2).toMatchObject({ ok: false, reason: 'quota' });
      if (!r2.ok) expect(r2.message).toContain('存储空间不足');
    } finally {
      proto.put = put;
    }
    expect(await content(store)).toBe(before);

    const r3 = await store.putLayer({ ...layer('BAD!'), name: '' });
    expect(r3.ok).toBe(false);
    expect(await content(store)).toBe(before);
  });

  it('keeps supersede records and reports damaged records instead of showing them', async () => {
    const factory = new IDBFactory();
    const store = new UserLayerStore(factory);
    const rec: Supersession = {
      featureId: 'chemical-park:x',
      layer: 'chemical-park',
      surveyed: { type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]]] },
      previousGeometry: { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [0, 0]]] },
      previousProps: { id: 'chemical-park:x', name: '园区' },
      sourceFile: 'a.txt',
      sourceCrs: 'EPSG:4525',
      createdAt: '2026-01-01T00:00:00.000Z',
      showPrevious: false,
    };
    expect(await store.putSupersession(rec)).toEqual({ ok: true });
    expect(await store.putSupersession({ ...rec, showPrevious: true })).toEqual({ ok: true });
    // a record written by something else, without a name
    await new Promise<void>((resolve) => {
      const open = factory.open('shanxi-gis-user-data');
      open.onsuccess = () => {
        const tx = open.result.transaction(LAYER_STORE, 'readwrite');
        tx.objectStore(LAYER_STORE).put({ id: 'broken1', features: 'nope' });
        tx.oncomplete = () => resolve();
      };
    });
    const r = await store.readAll();
    if (!r.ok) throw new Error(r.message);
    expect(r.content.supersessions).toHaveLength(1);
    expect(r.content.supersessions[0]!.showPrevious).toBe(true);
    expect(r.content.layers).toHaveLength(0);
    expect(r.content.skipped[0]).toContain('broken1');
    expect(await store.deleteSupersession(rec.featureId)).toEqual({ ok: true });
  });

  it('without IndexedDB every call returns a message, never throws', async () => {
    const store = new UserLayerStore(null);
    const r = await store.readAll();
    expect(r).toMatchObject({ ok: false, reason: 'unavailable' });
    expect((await store.putLayer(layer('abcd1'))).ok).toBe(false);
    expect(storeFailure(new Error('x')).reason).toBe('failed');
    expect(parseStored([null], [42]).skipped).toHaveLength(2);
  });
});
