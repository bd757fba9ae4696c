// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import '../../../../src/ui/app-shell/shell-layers-view';
import type { ShellLayersView } from '../../../../src/ui/app-shell/shell-layers-view';
import type { LayerEntry } from '../../../../src/ui/layer-panel/layer-panel.component';
import { FakeMap } from '../fake-map';

const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));

async function mounted(store: CatalogStore, map: FakeMap): Promise<ShellLayersView> {
  const el = document.createElement('gis-shell-layers');
  el.map = map;
  el.catalog = store.get();
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('the layers tab', () => {
  it('says the data is loading until the store has the catalog, then lists its layers', async () => {
    const store = new CatalogStore();
    const el = await mounted(store, new FakeMap());
    expect(el.textContent).toContain('正在加载图层');
    store.setPipeline({ layers: [parks, { id: 'qa', features: [], errors: [] }], sample: true }, null);
    el.catalog = store.get();
    await el.updateComplete;
    // the layer list (its own component, tested on its own) is given the store's layers: the empty QA layer is left out
    const panel = el.querySelector('gis-layer-panel') as (HTMLElement & { entries: LayerEntry[] }) | null;
    expect(el.querySelector('[data-testid=sample-notice]')).not.toBeNull();
    expect(panel?.entries.map((e) => [e.id, e.count, e.visible])).toEqual([['chemical-park', parks.features.length, true]]);
    store.setVisibility('chemical-park', false);
    el.catalog = store.get();
    await el.updateComplete;
    expect(panel?.entries[0]?.visible).toBe(false);
  });

  it('switches the basemap through the map, and asks for a Tianditu key before using Tianditu', async () => {
    const map = new FakeMap();
    const el = await mounted(new CatalogStore(), map);
    const select = el.querySelector<HTMLSelectElement>('[data-testid=basemap-select]')!;
    select.value = 'osm';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(map.currentBasemap).toBe('osm');
    expect(el.textContent).toContain('在线底图');
    select.value = 'tianditu-vec';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(map.currentBasemap).toBe('osm');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('天地图');
    const form = el.querySelector('form')!;
    (form.elements.namedItem('tk') as HTMLInputElement).value = ' abc ';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await el.updateComplete;
    expect(map.callsOf('setBasemap').at(-1)).toEqual(['tianditu-vec', { tiandituKey: 'abc', reviewNumber: '' }]);
    expect(localStorage.getItem('gis.tiandituKey')).toBe('abc');
  });

  it('takes a 审图号 with the Tianditu key, hands both to the map, and offers them again on the next visit', async () => {
    const map = new FakeMap();
    const el = await mounted(new CatalogStore(), map);
    const select = el.querySelector<HTMLSelectElement>('[data-testid=basemap-select]')!;
    select.value = 'tianditu-img';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const form = el.querySelector('form')!;
    (form.elements.namedItem('tk') as HTMLInputElement).value = 'KEY-1';
    (form.elements.namedItem('review') as HTMLInputElement).value = ' GS(2024)0650号 ';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await el.updateComplete;
    expect(map.callsOf('setBasemap').at(-1)).toEqual(['tianditu-img', { tiandituKey: 'KEY-1', reviewNumber: 'GS(2024)0650号' }]);
    expect(localStorage.getItem('gis.tiandituReview')).toBe('GS(2024)0650号');
    // Offline again: no key or review number needed, and the online basemap is not chosen again by itself.
    select.value = 'offline';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(map.callsOf('setBasemap').at(-1)?.[0]).toBe('offline');
    el.remove();

    // The next visit: a new view reads both from storage when Tianditu is chosen.
    const next = new FakeMap();
    const again = await mounted(new CatalogStore(), next);
    expect(next.callsOf('setBasemap')).toEqual([]);
    const select2 = again.querySelector<HTMLSelectElement>('[data-testid=basemap-select]')!;
    select2.value = 'tianditu-vec';
    select2.dispatchEvent(new Event('change'));
    await again.updateComplete;
    expect(next.callsOf('setBasemap').at(-1)).toEqual(['tianditu-vec', { tiandituKey: 'KEY-1', reviewNumber: 'GS(2024)0650号' }]);
    expect(again.querySelector<HTMLInputElement>('[data-testid=tianditu-review]')?.value).toBe('GS(2024)0650号');
  });

  it('lists the data errors of the store', async () => {
    const store = new CatalogStore();
    store.setPipeline({ layers: [parseLayer('chemical-park', { type: 'nope' })], sample: false }, null);
    const el = await mounted(store, new FakeMap());
    expect(el.querySelector('[data-testid=data-errors]')?.textContent).toContain('chemical-park');
  });
});

describe('the user basemap picker', () => {
  it('opens a picked PMTiles file through the map, names it, removes it, and says why a bad file is refused', async () => {
    const map = new FakeMap();
    const opened: Array<Blob | string | null> = [];
    const withPicker = Object.assign(map, {
      setUserBasemap: (file: Blob | string | null): Promise<{ name: string } | null> => {
        opened.push(file);
        if (file instanceof File && file.name === 'bad.pmtiles') {
          return Promise.reject(Object.assign(new Error('不是 PMTiles 文件'), { messageEn: 'not a PMTiles file' }));
        }
        return Promise.resolve(file === null ? null : { name: 'roads' });
      },
    });
    const el = await mounted(new CatalogStore(), withPicker as unknown as FakeMap);
    expect(el.querySelector('[data-testid=user-basemap]')).not.toBeNull();
    await el.openUserBasemap(new File([new Uint8Array([1])], 'roads.pmtiles'));
    await el.updateComplete;
    expect(el.querySelector('[data-testid=user-basemap-name]')?.textContent).toContain('roads.pmtiles');
    await el.openUserBasemap(null);
    await el.updateComplete;
    expect(el.querySelector('[data-testid=user-basemap-name]')).toBeNull();
    el.locale = 'en';
    await el.openUserBasemap(new File([new Uint8Array([1])], 'bad.pmtiles'));
    await el.updateComplete;
    expect(el.querySelector('[role=alert]')?.textContent).toContain('not a PMTiles file');
    expect(opened).toHaveLength(3);
  });
});
