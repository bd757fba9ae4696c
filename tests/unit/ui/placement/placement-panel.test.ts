// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../src/ui/placement/placement-panel.component';
import type { PlacementPanel } from '../../../../src/ui/placement/placement-panel.component';
import { PlacementSession } from '../../../../src/app/placement/placement-session';
import { indexedDbOverrideStore } from '../../../../src/app/placement/override-store';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { toGaussKruger } from '../../../../src/core/geo/gauss-kruger';
import { placementTargetFor, rebuildLayers } from '../../../../src/pipeline/layers/rebuild';
import type { RebuildInput } from '../../../../src/pipeline/layers/rebuild';
import { FakeMap } from '../fake-map';

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

async function setup(): Promise<{ panel: PlacementPanel; store: CatalogStore; featureId: string }> {
  const store = new CatalogStore();
  const layers = ['relic-protection', 'relic-control'].map((id) => parseLayer(id, JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8'))));
  store.setPipeline({ layers, sample: false }, null);
  const feature = layers[0]?.features.find((f) => f.props.name.startsWith('大觉寺'));
  if (!feature) throw new Error('大觉寺 not in the built layers');
  const session = new PlacementSession({
    store: indexedDbOverrideStore(new IDBFactory()),
    loadInputs: () => Promise.resolve(inputs),
    rebuild: (input) => Promise.resolve({ ok: true as const, value: rebuildLayers(input) }),
    targetOf: (files, id) => Promise.resolve(placementTargetFor(files, id)),
  });
  const panel = document.createElement('gis-placement');
  panel.session = () => Promise.resolve(session);
  panel.feature = feature;
  panel.store = store;
  document.body.append(panel);
  await panel.updateComplete;
  return { panel, store, featureId: feature.id };
}

async function type(panel: PlacementPanel, testId: string, value: string): Promise<void> {
  const input = panel.shadowRoot?.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!input) throw new Error(`no ${testId}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await panel.updateComplete;
}

async function click(panel: PlacementPanel, testId: string): Promise<void> {
  const before = panel.shadowRoot?.querySelector('[data-testid="place-message"]')?.textContent ?? null;
  panel.shadowRoot?.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await panel.updateComplete;
    const now = panel.shadowRoot?.querySelector('[data-testid="place-message"]')?.textContent ?? null;
    const busy = panel.shadowRoot?.querySelector('[role="status"]:not([data-testid])') !== null;
    if (!busy && now !== null && now !== before) return;
  }
}

const message = (panel: PlacementPanel): string => panel.shadowRoot?.querySelector('[data-testid="place-message"]')?.textContent ?? '';

afterEach(() => document.body.replaceChildren());

describe('<gis-placement>', () => {
  it('places 大觉寺 by typed Gauss-Krüger X/Y: the store takes the rebuilt zones; undo puts them back', async () => {
    const { panel, store, featureId } = await setup();
    const old = store.featureById(featureId)?.props.anchor;
    if (!old) throw new Error('no anchor');
    const gk = toGaussKruger(old.lon + 0.02, old.lat + 0.01, { width: 3, prefixed: true });
    await type(panel, 'place-a', gk.x.toFixed(3));
    await type(panel, 'place-b', gk.y.toFixed(3));
    await click(panel, 'place-apply');
    expect(message(panel)).toContain('已定位到');
    const moved = store.featureById(featureId)?.props;
    expect(moved?.anchor?.lon).toBeCloseTo(old.lon + 0.02, 6);
    expect(moved?.precisionM).toBe(5);
    const control = store.get().layers.find((l) => l.id === 'relic-control')?.features.find((f) => f.props.recordId === moved?.recordId);
    expect(control?.props.anchor?.lon).toBeCloseTo(old.lon + 0.02, 6);
    await click(panel, 'place-undo');
    expect(store.featureById(featureId)?.props.anchor?.lon).toBeCloseTo(old.lon, 9);
  }, 60_000);

  it('says what is wrong with a typed position, in the UI language, and changes nothing', async () => {
    const { panel, store, featureId } = await setup();
    const before = store.featureById(featureId)?.props.anchor?.lon;
    await type(panel, 'place-a', '4148123');
    await type(panel, 'place-b', '490321');
    await click(panel, 'place-apply');
    expect(message(panel)).toContain('带号');
    panel.locale = 'en';
    await type(panel, 'place-a', 'abc');
    await click(panel, 'place-apply');
    expect(message(panel)).toMatch(/Cannot read/);
    expect(store.featureById(featureId)?.props.anchor?.lon).toBe(before);
  });

  it('drags the anchor: the drop is a placement with the chosen source and precision; both zones follow', async () => {
    const { panel, store, featureId } = await setup();
    const map = new FakeMap();
    panel.map = map;
    await panel.updateComplete;
    const old = store.featureById(featureId)?.props.anchor;
    if (!old) throw new Error('no anchor');
    const source = panel.shadowRoot?.querySelector<HTMLSelectElement>('[data-testid="place-source"]');
    if (!source) throw new Error('no source');
    source.value = 'local-knowledge';
    source.dispatchEvent(new Event('change'));
    await type(panel, 'place-precision', '40');
    panel.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="place-drag"]')?.click();
    await panel.updateComplete;
    expect(map.anchorHandle?.position).toEqual([old.lon, old.lat]);
    const before = message(panel);
    map.dropAnchor([old.lon - 0.015, old.lat + 0.004]);
    for (let i = 0; i < 600 && message(panel) === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(message(panel)).toContain('已定位到');
    const moved = store.featureById(featureId)?.props;
    expect(moved?.anchor).toMatchObject({ lon: old.lon - 0.015, lat: old.lat + 0.004 });
    expect(moved?.precisionM).toBe(40);
    expect(moved?.anchor?.source).toContain('local-knowledge');
    const control = store.get().layers.find((l) => l.id === 'relic-control')?.features.find((f) => f.props.recordId === moved?.recordId);
    expect(control?.props.anchor?.lon).toBeCloseTo(old.lon - 0.015, 9);
    expect(map.anchorHandle?.position).toEqual([old.lon - 0.015, old.lat + 0.004]);
    panel.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="place-drag"]')?.click();
    expect(map.anchorHandle).toBeNull();
  }, 60_000);
});
