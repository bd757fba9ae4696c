// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../src/ui/park-draw/park-draw.component';
import type { ParkDraw } from '../../../../src/ui/park-draw/park-draw.component';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import { toInputLayers } from '../../../../src/ui/conflict-panel/conflict-view-model';
import type { LonLat } from '../../../../src/map/map-api';
import { FakeMap } from '../fake-map';

const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
const park = parks.features.find((f) => f.props.name === '浮山双新产业园区');
if (!park) throw new Error('浮山双新产业园区 not in data/layers/chemical-park.geojson');
const a = park.props.anchor as { lon: number; lat: number };
const RING: LonLat[] = [
  [a.lon - 0.013, a.lat - 0.011],
  [a.lon + 0.012, a.lat - 0.009],
  [a.lon + 0.014, a.lat + 0.01],
  [a.lon - 0.011, a.lat + 0.012],
  [a.lon - 0.013, a.lat - 0.011],
];

async function setup(): Promise<{ view: ParkDraw; map: FakeMap; store: CatalogStore; users: UserLayerStore; events: boolean[] }> {
  const store = new CatalogStore();
  store.setPipeline({ layers: [parks], sample: false }, null);
  const users = new UserLayerStore(new IDBFactory());
  const map = new FakeMap();
  const view = document.createElement('gis-park-draw');
  const events: boolean[] = [];
  view.addEventListener('drawing', (e) => events.push((e as CustomEvent<boolean>).detail));
  view.feature = store.featureById(park!.id) ?? null;
  view.store = store;
  view.map = map;
  view.userStore = () => users;
  document.body.append(view);
  await view.updateComplete;
  return { view, map, store, users, events };
}

const $ = (view: ParkDraw, testId: string): HTMLElement | null => view.shadowRoot?.querySelector<HTMLElement>(`[data-testid="${testId}"]`) ?? null;
async function press(view: ParkDraw, testId: string): Promise<void> {
  const b = $(view, testId) as HTMLButtonElement | null;
  if (!b) throw new Error(`no ${testId}`);
  b.click();
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 10));
  await view.updateComplete;
}

afterEach(() => document.body.replaceChildren());

describe('<gis-park-draw>', () => {
  it('draws along 四至: sides ticked, live area and difference, save supersedes the square in the catalog and the conflict input', async () => {
    const { view, map, store, users, events } = await setup();
    let changed = 0;
    view.addEventListener('user-data-changed', () => changed++);
    await press(view, 'park-draw-start');
    expect(map.callsOf('startDraw')).toEqual([[{ snapPx: 12 }]]);
    expect(events).toEqual([true]);
    expect($(view, 'draw-snapping')?.textContent).toContain('无可吸附');
    const sides = (): string[] => [...(view.shadowRoot?.querySelectorAll('[data-testid="draw-sides"] li') ?? [])].map((li) => `${li.getAttribute('data-edge')}:${li.getAttribute('data-drawn')}`);
    expect(sides()).toEqual(['E:false', 'W:false', 'N:false', 'S:false']);
    expect(($(view, 'draw-save') as HTMLButtonElement).disabled).toBe(true);

    map.drawTo([RING[0]!, RING[1]!, RING[2]!, RING[0]!], false, false);
    await view.updateComplete;
    expect(sides().filter((s) => s.endsWith('true'))).toHaveLength(3);
    map.basemapLines = 3;
    map.drawTo(RING, true, true);
    await view.updateComplete;
    expect(sides()).toEqual(['E:true', 'W:true', 'N:true', 'S:true']);
    expect($(view, 'draw-snapping')?.textContent).toContain('12 像素');
    const m2 = Number($(view, 'draw-area')?.getAttribute('data-m2'));
    expect(m2).toBeGreaterThan(4e6);
    expect($(view, 'draw-area')?.textContent).toContain('公顷');
    const pct = ((m2 - 5_510_000) / 5_510_000) * 100;
    expect($(view, 'draw-area-diff')?.textContent).toBe(`${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`);

    await press(view, 'draw-save');
    expect($(view, 'draw-message')?.textContent).toContain('位置精度');
    const input = $(view, 'draw-precision') as HTMLInputElement;
    input.value = '25';
    input.dispatchEvent(new Event('input'));
    await press(view, 'draw-save');
    expect($(view, 'draw-message')?.textContent).toContain('已保存');
    expect(changed).toBe(1);
    expect(map.callsOf('stopDraw')).toHaveLength(1);
    expect(events).toEqual([true, false]);
    const inForce = store.featureById(park.id);
    expect((inForce?.geometry as Polygon).coordinates[0]).toEqual(RING);
    expect(inForce?.props).toMatchObject({ method: 'drawn-along-four-bounds', precisionM: 25 });
    const conflictInput = toInputLayers(store.get().layers).find((l) => l.name === 'chemical-park.geojson')?.features.find((f) => f.id === park.id);
    expect(conflictInput?.geometry).toEqual(inForce?.geometry);
    expect(conflictInput?.properties?.['precisionM']).toBe(25);
    const kept = await users.readAll();
    expect(kept.ok && kept.content.supersessions.map((s) => s.method)).toEqual(['drawn-along-four-bounds']);

    await press(view, 'draw-revert');
    expect($(view, 'draw-message')?.textContent).toContain('已撤销保存');
    expect(store.featureById(park.id)?.geometry).toEqual(park.geometry);
  });

  it('cancel stores nothing and gives the map back; undo while drawing removes a vertex, on a closed shape steps back', async () => {
    const { view, map, users, events } = await setup();
    await press(view, 'park-draw-start');
    map.drawTo([RING[0]!, RING[1]!, RING[0]!], false, false);
    await view.updateComplete;
    await press(view, 'draw-undo');
    expect(map.callsOf('undoDrawVertex')).toHaveLength(1);
    map.drawTo(RING, true, true);
    const moved = RING.map((p, i) => (i === 2 ? ([p[0] + 0.002, p[1]] as LonLat) : p));
    map.drawTo(moved, true, true);
    await view.updateComplete;
    await press(view, 'draw-undo');
    expect(map.callsOf('setDrawRing')).toEqual([[RING]]);
    map.drawTo(RING, true, true);
    await press(view, 'draw-restart');
    map.drawTo([], false, true);
    await view.updateComplete;
    expect(($(view, 'draw-undo') as HTMLButtonElement).disabled).toBe(false);
    await press(view, 'draw-undo');
    expect(map.callsOf('setDrawRing')).toEqual([[RING], [null], [RING]]);
    await press(view, 'draw-cancel');
    expect(map.callsOf('stopDraw')).toHaveLength(1);
    expect(events).toEqual([true, false]);
    const kept = await users.readAll();
    expect(kept.ok && kept.content.supersessions).toEqual([]);
    expect($(view, 'park-draw-start')).not.toBeNull();
  });

  it('is not offered for a park without 四至, and says so when the map cannot draw', async () => {
    const marker = parks.features.find((f) => f.geometry.type === 'Point');
    const { view, map } = await setup();
    view.feature = marker ?? null;
    await view.updateComplete;
    expect($(view, 'park-draw')).toBeNull();
    view.feature = park;
    (map as { startDraw?: unknown }).startDraw = undefined;
    await view.updateComplete;
    await press(view, 'park-draw-start');
    expect($(view, 'draw-message')?.textContent).toContain('不支持绘制');
  });
});
