import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { BACKUP_FORMAT, backupBlob, parseBackup, planRestore } from '../../../../src/app/import/backup';
import type { UserBackup } from '../../../../src/app/import/backup';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import type { StoredLayer, Supersession } from '../../../../src/core/model/user-layer';

function layer(id: string, name = `layer ${id}`): StoredLayer {
  return {
    id,
    name,
    category: 'ecological-red-line',
    visible: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { fileName: 'a.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[111, 37], [111.001, 37], [111.001, 37.001], [111, 37]]] },
        properties: { id: `imp${id}-1`, name: '<b>p</b>' },
      },
    ],
  };
}

const record: Supersession = {
  featureId: 'park-1',
  layer: 'chemical-park',
  surveyed: { type: 'Polygon', coordinates: [[[112, 37], [112.01, 37], [112.01, 37.01], [112, 37]]] },
  previousGeometry: { type: 'Point', coordinates: [112, 37] },
  previousProps: { name: '园区' },
  sourceFile: 'x.txt',
  sourceCrs: 'CGCS2000',
  createdAt: '2026-01-01T00:00:00.000Z',
  showPrevious: true,
};

async function bytesOf(content: { layers: StoredLayer[]; supersessions: Supersession[] }): Promise<Uint8Array> {
  const r = await backupBlob(content, new Date('2026-02-03T04:05:06Z'));
  if (!r.ok) throw new Error(r.reason);
  return new Uint8Array(await r.blob.arrayBuffer());
}

async function backupOf(content: { layers: StoredLayer[]; supersessions: Supersession[] }): Promise<UserBackup> {
  const r = parseBackup(await bytesOf(content));
  if (!r.ok) throw new Error(r.detail);
  return r.backup;
}

describe('backup of the user data (issue 10)', () => {
  it('round-trips every layer and supersede record through the file', async () => {
    const content = { layers: [layer('abcd1'), layer('abcd2')], supersessions: [record] };
    const backup = await backupOf(content);
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.exportedAt).toBe('2026-02-03T04:05:06.000Z');
    expect(backup.layers).toEqual(content.layers);
    expect(backup.supersessions).toEqual(content.supersessions);
  });

  it('writes a large layer (features in a stored Blob) with its features inline and without the Blob handles', async () => {
    const big = layer('large1');
    const features = [big.features[0]!, { ...big.features[0]!, properties: { id: 'implarge1-2', name: 'q' } }];
    const data = new Blob(['{"type":"FeatureCollection","features":[', features.map((f) => JSON.stringify(f)).join(','), ']}']);
    const stored: StoredLayer = { ...big, features: [], large: { featureCount: 2, bbox: null, idPrefix: 'implarge1', data, map: new Blob(['{}']) } };
    const backup = await backupOf({ layers: [layer('abcd1'), stored], supersessions: [] });
    expect(backup.layers[1]!.features).toEqual(features);
    expect('large' in backup.layers[1]!).toBe(false);
    expect(backup.layers[0]).toEqual(layer('abcd1'));
  });

  it('refuses a large layer whose stored Blob is damaged, naming the layer', async () => {
    const stored: StoredLayer = { ...layer('large2'), features: [], large: { featureCount: 1, bbox: null, idPrefix: 'implarge2', data: new Blob(['{"type":"Feat']), map: new Blob(['{}']) } };
    expect(await backupBlob({ layers: [stored], supersessions: [] }, new Date())).toEqual({ ok: false, reason: 'backup-layer-unreadable', layer: 'layer large2' });
  });

  it('refuses damaged or hostile files with a reason code and the place of the problem', async () => {
    const good = await backupOf({ layers: [layer('abcd1')], supersessions: [record] });
    const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    const cases: Array<[string, Uint8Array, string, RegExp]> = [
      ['not json', new TextEncoder().encode('{"format":'), 'backup-not-json', /JSON/],
      ['other format', enc({ ...good, format: 'something-else' }), 'backup-invalid', /^format: /],
      ['newer version', enc({ ...good, version: 2 }), 'backup-invalid', /^version: /],
      ['bad layer id', enc({ ...good, layers: [{ ...layer('abcd1'), id: '../x' }] }), 'backup-invalid', /^layers\.0\.id: /],
      ['duplicate layer', enc({ ...good, layers: [layer('abcd1'), layer('abcd1')] }), 'backup-invalid', /abcd1 appears twice/],
      ['text coordinate', enc({ ...good, layers: [{ ...layer('abcd1'), features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[['111', 37]]] } }] }] }), 'backup-invalid', /feature 1: invalid geometry/],
      ['unknown geometry', enc({ ...good, layers: [{ ...layer('abcd1'), features: [{ type: 'Feature', properties: {}, geometry: { type: 'constructor', coordinates: [] } }] }] }), 'backup-invalid', /invalid geometry/],
      ['bad supersede geometry', enc({ ...good, supersessions: [{ ...record, surveyed: { type: 'Polygon', coordinates: 5 } }] }), 'backup-invalid', /supersede record/],
      ['invalid utf-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'backup-not-json', /./],
    ];
    for (const [what, bytes, reason, detail] of cases) {
      const r = parseBackup(bytes);
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        expect(r.reason, what).toBe(reason);
        expect(r.detail, what).toMatch(detail);
      }
    }
  });

  it('plans "add" as new layers with fresh ids, keeps stored supersede records; "replace" is the backup itself', async () => {
    const backup = await backupOf({ layers: [layer('abcd1')], supersessions: [record] });
    let n = 0;
    const add = planRestore(backup, { supersessions: [] }, 'add', () => `new${++n}aaaa`);
    expect(add.clear).toBe(false);
    expect(add.layers[0]!.id).toBe('new1aaaa');
    expect(add.layers[0]!.features[0]!.properties['id']).toBe('impnew1aaaa-1');
    expect(add.layers[0]!.name).toBe('layer abcd1');
    expect(add.supersessions).toEqual([record]);
    expect(planRestore(backup, { supersessions: [{ ...record, showPrevious: false }] }, 'add', () => 'zzzz1').supersessions).toEqual([]);
    expect(planRestore(backup, { supersessions: [] }, 'replace', () => 'zzzz1')).toEqual({ clear: true, layers: backup.layers, supersessions: backup.supersessions });
  });

  it('restores in one transaction: replace clears first, a failure changes nothing', async () => {
    const store = new UserLayerStore(new IDBFactory());
    await store.putLayer(layer('keep1'));
    expect(await store.restore({ clear: false, layers: [layer('abcd2')], supersessions: [record] })).toEqual({ ok: true });
    let r = await store.readAll();
    expect(r.ok && r.content.layers.map((l) => l.id).sort()).toEqual(['abcd2', 'keep1']);
    const before = JSON.stringify(r.ok && r.content);
    // the second layer cannot be cloned: the whole restore (including the clear) is rolled back
    const bad = layer('bad01');
    bad.features[0]!.properties['fn'] = () => 1;
    const failed = await store.restore({ clear: true, layers: [layer('abcd3'), bad], supersessions: [] });
    expect(failed.ok).toBe(false);
    r = await store.readAll();
    expect(JSON.stringify(r.ok && r.content)).toBe(before);
    expect(await store.restore({ clear: true, layers: [layer('abcd3')], supersessions: [] })).toEqual({ ok: true });
    r = await store.readAll();
    expect(r.ok && [r.content.layers.map((l) => l.id), r.content.supersessions.length]).toEqual([['abcd3'], 0]);
  });
});
