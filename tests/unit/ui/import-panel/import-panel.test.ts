// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { FeatureCollection } from 'geojson';
import { ImportPanel } from '../../../../src/ui/import-panel/import-panel.component';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { inProcessImportWorker } from '../../app/import/fake-import-worker';
import { fakeMap } from './fake-map';

function parcels(n: number): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, i) => {
      const lon = 112.5 + i * 0.001;
      const d = 0.0003;
      return { type: 'Feature', properties: { name: `地块${i + 1}` }, geometry: { type: 'Polygon', coordinates: [[[lon, 37.8], [lon + d, 37.8], [lon + d, 37.8 + d], [lon, 37.8 + d], [lon, 37.8]]] } };
    }),
  });
}

async function settle(el: ImportPanel): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    for (const child of el.shadowRoot!.querySelectorAll('*')) if ('updateComplete' in child) await (child as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
}

const q = <T extends Element = HTMLElement>(el: ImportPanel, testid: string): T | null => el.shadowRoot!.querySelector<T>(`[data-testid=${testid}]`);

describe('<gis-import-panel> over the import session (happy-dom, fake map)', () => {
  const original = ImportPanel.deps;
  let el: ImportPanel;
  let fake: ReturnType<typeof fakeMap>;
  beforeEach(async () => {
    ImportPanel.deps = () => ({ store: new UserLayerStore(new IDBFactory()), openImportWorker: () => inProcessImportWorker() });
    fake = fakeMap();
    el = document.createElement('gis-import-panel');
    el.map = fake.map;
    document.body.append(el);
    await el.ready;
    await settle(el);
  });
  afterEach(() => {
    el.remove();
    ImportPanel.deps = original;
  });

  it('previews a dropped file in Chinese, outlines it on the map and stores it on accept', async () => {
    expect(q(el, 'no-user-layers')?.textContent).toBe('尚无导入的图层。');
    const changed: number[] = [];
    el.addEventListener('user-data-changed', (e) => changed.push((e as CustomEvent<{ layers: unknown[] }>).detail.layers.length));
    await el.importFile(new File([parcels(2)], '项目用地.geojson'));
    await settle(el);
    expect(q(el, 'preview-file')?.textContent).toBe('项目用地.geojson');
    expect(q(el, 'preview-count')?.textContent).toBe('2');
    expect(q<HTMLInputElement>(el, 'import-name')?.value).toBe('项目用地');
    const drawn = fake.calls('setAnalysisLayer').filter(([id]) => id === 'import-preview');
    expect((drawn.at(-1)?.[1] as FeatureCollection).features).toHaveLength(2);
    expect(fake.calls('fitBounds')).toHaveLength(1);

    q(el, 'import-accept')!.click();
    await settle(el);
    await settle(el);
    expect(changed).toEqual([1]);
    expect(el.shadowRoot!.querySelectorAll('[data-testid=user-layer]')).toHaveLength(1);
    expect(q(el, 'user-layer-name')?.textContent).toBe('项目用地');
    expect(q(el, 'import-message')?.textContent).toBe('已保存图层“项目用地”（2 个要素）。');
    expect(q(el, 'import-preview')).toBeNull();
    expect(fake.calls('setAnalysisLayer').at(-1)).toEqual(['import-preview', null]);
  });

  it('shows a bad file\'s reason as data-reason and the message in the UI language, and changes nothing', async () => {
    el.locale = 'en';
    await el.importFile(new File(['{"type":"FeatureCollection","features":['], 'broken.geojson'));
    await settle(el);
    const error = q(el, 'import-error');
    expect(error?.getAttribute('data-reason')).not.toBe('');
    expect(error?.textContent).toMatch(/^Import failed; the stored layers are unchanged: /);
    expect(error?.textContent).not.toMatch(/[\u4e00-\u9fff]/);
    expect(q(el, 'import-preview')).toBeNull();
    expect(q(el, 'no-user-layers')).not.toBeNull();
  });

  it('discard drops the preview and clears the outline', async () => {
    await el.importFile(new File([parcels(1)], 'a.geojson'));
    await settle(el);
    q(el, 'import-discard')!.click();
    await settle(el);
    expect(q(el, 'import-preview')).toBeNull();
    expect(fake.calls('setAnalysisLayer').at(-1)).toEqual(['import-preview', null]);
  });
});
