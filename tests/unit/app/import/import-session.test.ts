import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { ImportSession } from '../../../../src/app/import/import-session';
import { ImportWorkers } from '../../../../src/app/import/import-workers';
import { Notices } from '../../../../src/app/import/notices';
import { UserData } from '../../../../src/app/import/user-data';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { fakeImportWorkers } from './fake-import-worker';

const enc = (v: unknown): string => JSON.stringify(v);

function parcels(n: number, bowtie = false): Blob {
  const features = Array.from({ length: n }, (_, i) => {
    const lon = 112.5 + i * 0.001;
    const d = 0.0003;
    const ring = bowtie ? [[lon, 37.8], [lon + d, 37.8 + d], [lon + d, 37.8], [lon, 37.8 + d], [lon, 37.8]] : [[lon, 37.8], [lon + d, 37.8], [lon + d, 37.8 + d], [lon, 37.8 + d], [lon, 37.8]];
    return { type: 'Feature', properties: { name: `地块${i + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return new Blob([enc({ type: 'FeatureCollection', features })]);
}

function setup(largeBytes = 4_000_000) {
  const workers = fakeImportWorkers();
  const notices = new Notices();
  const changed: number[] = [];
  const userData = new UserData(new UserLayerStore(new IDBFactory()), notices, (c) => changed.push(c.layers.length));
  const downloads: string[] = [];
  let id = 0;
  const session = new ImportSession({
    workers: new ImportWorkers(workers.open),
    userData,
    notices,
    overviewStyle: () => ({ fill: '#ff0000', fillOpacity: 0.5, line: '#000000' }),
    download: (_bytes, name) => downloads.push(name),
    largeBytes,
    newId: () => `layer${++id}`,
  });
  return { session, notices, userData, workers, changed, downloads };
}

describe('import session (one path for every size)', () => {
  it('previews a small file with its features, accepts it inline and tells the shell', async () => {
    const { session, notices, userData, workers, changed } = setup();
    const stages: string[] = [];
    session.subscribe((s) => s.job && stages.push(s.job.stage));
    await session.importFile(parcels(2), '项目用地.geojson');
    expect(session.state.preview?.features).toHaveLength(2);
    expect(session.state.form.layerName).toBe('项目用地');
    expect(stages).toContain('parsing');
    session.setForm({ category: 'ecological-red-line', layerName: ' 红线 ' });
    await session.accept();
    expect(notices.state.current).toMatchObject({ kind: 'ok', code: 'saved', vars: { name: '红线', n: 2 } });
    expect(session.state.preview).toBeNull();
    const [layer] = userData.state.content.layers;
    expect(layer).toMatchObject({ id: 'layer1', name: '红线', category: 'ecological-red-line' });
    expect(layer!.large).toBeUndefined();
    expect(layer!.features.map((f) => [f.properties['id'], f.properties['category']])).toEqual([['implayer1-1', 'ecological-red-line'], ['implayer1-2', 'ecological-red-line']]);
    expect(changed).toEqual([1]);
    // a small layer's worker is ended with its preview
    expect(workers.terminated()).toBe(workers.opened());
  });

  it('keeps a large file\'s features in the worker: preview without features, stored as Blobs, worker kept for its check', async () => {
    const { session, userData, workers } = setup(1);
    await session.importFile(parcels(3), 'farmland.geojson');
    expect(session.state.preview?.features).toEqual([]);
    expect(session.state.preview?.stats.features).toBe(3);
    await session.accept();
    const [layer] = userData.state.content.layers;
    expect(layer!.features).toEqual([]);
    expect(layer!.large).toMatchObject({ featureCount: 3, idPrefix: 'implayer1' });
    expect((JSON.parse(await layer!.large!.data.text()) as { features: unknown[] }).features).toHaveLength(3);
    expect(workers.opened() - workers.terminated()).toBe(1);
  });

  it('a bad file is a notice with the importer\'s reason and both languages; nothing is stored', async () => {
    const { session, notices, userData } = setup();
    await session.importFile(new Blob(['{"type":"FeatureCollection","features":[']), 'broken.geojson');
    const n = notices.state.current;
    expect(n).toMatchObject({ kind: 'error', code: 'import-failed' });
    expect(n?.reason).not.toBe('');
    expect(n?.detail?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(session.state.preview).toBeNull();
    expect(userData.state.content.layers).toEqual([]);
  });

  it('refuses to accept unresolved errors unless allowed, with their count', async () => {
    const { session, notices, userData } = setup();
    await session.importFile(parcels(2, true), 'bow.geojson');
    expect(session.state.errorCount).toBeGreaterThan(0);
    await session.accept();
    expect(notices.state.current).toMatchObject({ kind: 'error', code: 'accept-refused', reason: 'unresolved-errors', vars: { n: session.state.errorCount } });
    expect(session.state.preview).not.toBeNull();
    session.setForm({ allowErrors: true });
    await session.accept();
    expect(userData.state.content.layers).toHaveLength(1);
  });

  it('cancel ends the job at once and changes nothing', async () => {
    const { session, notices } = setup();
    const pending = session.importFile(parcels(50), 'a.geojson');
    expect(session.state.job).not.toBeNull();
    session.cancel();
    await pending;
    expect(session.state.job).toBeNull();
    expect(session.state.preview).toBeNull();
    expect(notices.state.current).toMatchObject({ kind: 'ok', code: 'cancelled' });
  });

  it('exports a stored layer in the worker and offers the file', async () => {
    const { session, userData, downloads, notices } = setup();
    await session.importFile(parcels(1), 'a.geojson');
    await session.accept();
    await session.exportLayer(userData.state.content.layers[0]!, 'kml', { name: '导出' });
    expect(downloads).toEqual(['导出.kml']);
    expect(notices.state.current).toMatchObject({ code: 'exported', vars: { file: '导出.kml' } });
  });
});
