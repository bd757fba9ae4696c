import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import type { CatalogChange } from '../../../../src/app/catalog/catalog-store';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import type { CatalogLoad } from '../../../../src/core/model/catalog-feature';
import type { StoredLayer, Supersession } from '../../../../src/core/model/user-layer';
import { SUPERSEDES_FLAG } from '../../../../src/core/model/supersession';

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const parks = parseLayer('chemical-park', read('data/layers/chemical-park.geojson'));
const relics = parseLayer('relic-protection', read('data/layers/relic-protection.geojson'));
const qa = parseLayer('qa', read('data/qa/markers.geojson'));
const load: CatalogLoad = { layers: [parks, relics, qa], sample: false };

const square = { type: 'Polygon' as const, coordinates: [[[111.5, 36.1], [111.51, 36.1], [111.51, 36.11], [111.5, 36.11], [111.5, 36.1]]] };
const stored = (id: string, visible: boolean): StoredLayer => ({
  id,
  name: `layer ${id}`,
  category: 'project-boundary',
  visible,
  createdAt: '2026-01-01T00:00:00Z',
  source: { fileName: 'a.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
  features: [{ type: 'Feature', geometry: square, properties: { id: `${id}-1`, layer: 'imported', name: 'P', county: '', status: 'in-force', docNumber: null, docDate: null, issuer: null, source: null, method: 'surveyed', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null, areaResidual: null, flags: [], recordId: null } }],
});

function recorded(store: CatalogStore): CatalogChange[] {
  const changes: CatalogChange[] = [];
  store.subscribe((_s, c) => changes.push(c));
  return changes;
}

describe('catalog store', () => {
  it('shows every layer but the QA markers by default, and the URL list when one is given', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    expect(store.get().visibility).toEqual({ 'chemical-park': true, 'relic-protection': true, qa: false });
    expect(store.urlLayers()).toBeNull();
    store.setPipeline(load, ['qa']);
    expect(store.get().visibility).toEqual({ 'chemical-park': false, 'relic-protection': false, qa: true });
    expect(store.urlLayers()).toEqual(['qa']);
  });

  it('tells subscribers what changed, and nothing when nothing did', () => {
    const store = new CatalogStore();
    const changes = recorded(store);
    store.setPipeline(load, null);
    store.setVisibility('chemical-park', false);
    store.setVisibility('chemical-park', false);
    store.setOpacity('relic-protection', 0.5);
    expect(changes).toHaveLength(3);
    expect(changes[1]).toMatchObject({ visibility: ['chemical-park'], data: [] });
    expect(changes[2]).toMatchObject({ opacity: ['relic-protection'] });
    expect(store.urlLayers()).toEqual(['relic-protection']);
  });

  it('adds, shows as stored and removes the user layers; the URL never lists them', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    const changes = recorded(store);
    store.setUserContent({ layers: [stored('abcd1', true), stored('abcd2', false)], supersessions: [] });
    const ids = store.get().layers.map((l) => l.id);
    expect(ids).toContain('imported:project-boundary:abcd1');
    expect(store.isVisible('imported:project-boundary:abcd2')).toBe(false);
    expect(store.urlLayers()).toBeNull();
    store.setUserContent({ layers: [stored('abcd2', true)], supersessions: [] });
    expect(changes[1]).toMatchObject({ removed: ['imported:project-boundary:abcd1'], visibility: ['imported:project-boundary:abcd2'], user: true });
    expect(store.featureById('abcd1-1')).toBeUndefined();
    expect(store.featureById('abcd2-1')?.props.category).toBe('project-boundary');
  });

  it('applies supersede records to the pipeline layer (低精度服从高精度) and lifts them again', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    const park = parks.features[0]!;
    const record: Supersession = { featureId: park.id, layer: 'chemical-park', surveyed: square, previousGeometry: park.geometry, previousProps: {}, sourceFile: 'x.csv', sourceCrs: 'EPSG:4527', createdAt: '2026-01-01T00:00:00Z', showPrevious: false };
    const changes = recorded(store);
    store.setUserContent({ layers: [], supersessions: [record] });
    const now = store.featureById(park.id)!;
    expect(now.props.precisionM).toBe(0);
    expect(now.props.flags).toEqual([SUPERSEDES_FLAG]);
    expect(now.geometry).toEqual(square);
    expect(changes[0]!.data).toContain('chemical-park');
    expect(changes[0]!.data).not.toContain('relic-protection');
    store.setUserContent({ layers: [], supersessions: [] });
    expect(store.featureById(park.id)!.geometry).toEqual(park.geometry);
  });

  it('gives the QA findings of a feature from the pipeline markers, without joining on load', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    const marker = qa.features.find((m) => (m.props.featureIds ?? []).some((id) => id.startsWith('relic-protection:')))!;
    const featureId = marker.props.featureIds!.find((id) => id.startsWith('relic-protection:'))!;
    expect(store.qaOf(featureId)).toEqual(marker.props.qa);
    expect(store.featureById(featureId)!.props.qa).toBeUndefined();
    expect(store.qaOf('nothing')).toEqual([]);
  });

  it('replaces a feature (a pinned radar site) and keeps it when the user data changes', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    const park = parks.features[0]!;
    expect(store.replaceFeature('chemical-park', park.id, { type: 'Point', coordinates: [112, 37] }, { name: 'moved' })).toBe(true);
    store.setUserContent({ layers: [stored('abcd3', true)], supersessions: [] });
    expect(store.featureById(park.id)!.props.name).toBe('moved');
    expect(store.replaceFeature('chemical-park', 'nope', square, {})).toBe(false);
  });

  it('applies the URL list to the catalog layers and leaves the user layers as they are', () => {
    const store = new CatalogStore();
    store.setPipeline(load, null);
    store.setUserContent({ layers: [stored('abcd4', false)], supersessions: [] });
    store.applyUrlLayers(['chemical-park']);
    expect(store.isVisible('relic-protection')).toBe(false);
    expect(store.isVisible('chemical-park')).toBe(true);
    expect(store.isVisible('imported:project-boundary:abcd4')).toBe(false);
    expect(store.visibleFeatures().every((f) => f.props.layer === 'chemical-park')).toBe(true);
  });
});
