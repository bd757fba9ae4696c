// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../../src/app/catalog/catalog-store';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { SUPERSEDED_OVERLAY } from '../../../../src/app/catalog/user-layers';
import type { StoredLayer } from '../../../../src/core/model/user-layer';
import { CatalogMapBinding } from '../../../../src/ui/app-shell/catalog-map-binding';
import { FakeMap } from '../fake-map';

const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
const qa = parseLayer('qa', JSON.parse(readFileSync('data/qa/markers.geojson', 'utf8')));
const square = { type: 'Polygon' as const, coordinates: [[[111.5, 36.1], [111.51, 36.1], [111.51, 36.11], [111.5, 36.11], [111.5, 36.1]]] };
const user: StoredLayer = {
  id: 'abcd1',
  name: 'red line',
  category: 'ecological-red-line',
  visible: false,
  createdAt: '2026-01-01T00:00:00Z',
  source: { fileName: 'a.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
  features: [{ type: 'Feature', geometry: square, properties: { id: 'abcd1-1', layer: 'imported', name: 'R', county: '', status: 'in-force', docNumber: null, docDate: null, issuer: null, source: null, method: 'surveyed', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null, areaResidual: null, flags: [], recordId: null } }],
};

describe('the map follows the catalog store', () => {
  it('draws the loaded layers with their visibility, and nothing else', () => {
    const store = new CatalogStore();
    const map = new FakeMap();
    new CatalogMapBinding(store, map);
    store.setPipeline({ layers: [parks, qa], sample: false }, null);
    expect(map.layerData.get('chemical-park')).toMatchObject({ type: 'FeatureCollection' });
    expect(map.visibility.get('chemical-park')).toBe(true);
    expect(map.visibility.get('qa')).toBe(false);
    expect(map.callsOf('setLayerOpacity')).toEqual([]);
    expect(map.renderedFeatureIds()).toEqual(parks.features.map((f) => f.id));
  });

  it('follows visibility and opacity changes, one call each', () => {
    const store = new CatalogStore();
    const map = new FakeMap();
    new CatalogMapBinding(store, map);
    store.setPipeline({ layers: [parks], sample: false }, null);
    map.calls.length = 0;
    store.setVisibility('chemical-park', false);
    store.setOpacity('chemical-park', 0.3);
    expect(map.calls.map((c) => [c.method, ...c.args])).toEqual([
      ['setLayerVisibility', 'chemical-park', false],
      ['setLayerOpacity', 'chemical-park', 0.3],
    ]);
  });

  it('draws a user layer as stored (hidden), then empties and hides it once removed; the superseded overlay is set', () => {
    const store = new CatalogStore();
    const map = new FakeMap();
    new CatalogMapBinding(store, map);
    store.setPipeline({ layers: [parks], sample: false }, null);
    store.setUserContent({ layers: [user], supersessions: [] });
    const id = 'imported:ecological-red-line:abcd1';
    expect(map.visibility.get(id)).toBe(false);
    expect(map.layerData.get(id)).toMatchObject({ features: [{ properties: { id: 'abcd1-1', category: 'ecological-red-line' } }] });
    expect(map.analysis.has(SUPERSEDED_OVERLAY)).toBe(true);
    store.setUserContent({ layers: [], supersessions: [] });
    expect(map.layerData.get(id)).toEqual({ type: 'FeatureCollection', features: [] });
    expect(map.visibility.get(id)).toBe(false);
    expect(map.layerData.get('chemical-park')).toBeDefined();
  });

  it('stops following once disposed', () => {
    const store = new CatalogStore();
    const map = new FakeMap();
    const binding = new CatalogMapBinding(store, map);
    binding.dispose();
    store.setPipeline({ layers: [parks], sample: false }, null);
    expect(map.calls).toEqual([]);
  });
});
