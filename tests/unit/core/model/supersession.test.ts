import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import type { StoredLayer, Supersession } from '../../../../src/core/model/user-layer';
import { SUPERSEDES_FLAG, applySupersessions, buildSupersession, isTextDerived, supersessionFeatures } from '../../../../src/core/model/supersession';
import { storeIdOf, userLayerId } from '../../../../src/core/model/layer-registry';
import { mergeUserData, supersededOverlay, toLoadedLayer } from '../../../../src/app/catalog/user-layers';

const relics = parseLayer('relic-protection', JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')));
const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));

function square(lon: number, lat: number, d: number): Polygon {
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

function stored(id: string, category: StoredLayer['category'], geometry: Polygon): StoredLayer {
  return {
    id,
    name: `名称 ${id}`,
    category,
    visible: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { fileName: 'a.txt', format: 'coordinate-table', crsEpsg: 4525, crsName: 'zone 37', zone: 37 },
    features: [
      {
        type: 'Feature',
        geometry,
        properties: {
          id: `imp${id}-1`, layer: 'imported', name: '地块 1', county: '', status: 'in-force', docNumber: null, docDate: null, issuer: null,
          source: null, method: 'imported-coordinate-table', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null,
          areaResidual: null, flags: ['imported'], recordId: null, attributes: {},
        },
      },
    ],
  };
}

describe('user layers in the catalog and supersede', () => {
  it('turns stored layers into catalog layers styled by category', () => {
    const l = stored('cccc3', 'ecological-red-line', square(112, 37, 0.01));
    const loaded = toLoadedLayer(l);
    expect(loaded.id).toBe('imported:ecological-red-line:cccc3');
    expect(userLayerId(l)).toBe(loaded.id);
    expect(storeIdOf(loaded.id)).toBe('cccc3');
    expect(loaded.features[0]!.props.category).toBe('ecological-red-line');
    const broken = { ...l, features: [{ ...l.features[0]!, properties: { id: 'x' } }] };
    expect(toLoadedLayer(broken).errors).toHaveLength(1);
  });

  it('replaces a text-derived shape by the survey, keeps the old one, exports both', () => {
    const park = parks.features.find((f) => isTextDerived(f))!;
    const surveyed = square(111.87, 36.035, 0.003);
    const rec: Supersession = buildSupersession(park, surveyed, 'survey.txt', 'EPSG:4525', new Date('2026-02-03T00:00:00Z'));
    const base = { layers: [parks, relics], sample: false };
    const merged = mergeUserData(base, { layers: [stored('dddd4', 'other', square(112, 37, 0.01))], supersessions: [rec] });
    expect(merged.layers.map((l) => l.id)).toEqual(['chemical-park', 'relic-protection', 'imported:other:dddd4']);
    const now = merged.layers[0]!.features.find((f) => f.id === park.id)!;
    expect(now.geometry).toEqual(surveyed);
    expect(now.props).toMatchObject({ method: 'surveyed', precisionM: 0, anchor: null, flags: [SUPERSEDES_FLAG] });
    expect(now.props.construction).toBeUndefined();
    expect(now.props.computedAreaM2).toBeGreaterThan(0);
    expect(isTextDerived(now)).toBe(false);
    // the base catalog is not changed; untouched layers are the same objects
    expect(parks.features.find((f) => f.id === park.id)!.props.method).toBe(park.props.method);
    expect(merged.layers[1]).toBe(relics);
    expect(applySupersessions([relics], [rec]).applied).toEqual([]);

    expect(supersededOverlay([rec])).toBeNull();
    expect(supersededOverlay([{ ...rec, showPrevious: true }])?.features[0]?.geometry).toEqual(park.geometry);
    const [cur, old] = supersessionFeatures(rec);
    expect(cur!.properties).toMatchObject({ id: park.id, status: park.props.status, method: 'surveyed', precisionM: 0 });
    expect(old!.properties).toMatchObject({ status: 'superseded', supersededBy: park.id, method: park.props.method, precisionM: park.props.precisionM });
    expect(old!.geometry).toEqual(park.geometry);
  });
});
