import { describe, expect, it } from 'vitest';
import { featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { THEMATIC_STYLES, clickableLayerIds, decorationLayerIds, thematicLayerIds, thematicLayers } from '../../../src/map/thematic-style';
import { CONFLICT_LAYER } from '../../../src/map/conflict-style';
import { FEATURE_STATUSES } from '../../../src/core/model/feature-props';

/**
 * The thematic layers' map styles. MapView adds them without MapLibre's per-layer validation (it
 * serialises the whole style for every layer), so they are validated here; and each status is drawn
 * by exactly one layer of each kind, with constant paint (one WebGL program for all of them).
 */

const LAYERS = [...Object.keys(THEMATIC_STYLES), 'imported:project-boundary:abc', CONFLICT_LAYER];
const EMPTY = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };

function specsOf(layer: string): LayerSpecification[] {
  return thematicLayers(layer, 'src', 'psrc', 0.8, true, 'some-id');
}

/**
 * Whether a paint value reads feature data (MapLibre then compiles another program with attributes); a camera
 * expression (interpolated by zoom alone) is a uniform of the same program.
 */
const dataDriven = (v: unknown): boolean =>
  Array.isArray(v) && (['get', 'has', 'properties', 'feature-state', 'geometry-type', 'id'].includes(String(v[0])) || v.some(dataDriven));

/** Whether a layer's filter lets a feature through (geometry type 1 point, 2 line, 3 polygon). */
function passes(spec: LayerSpecification, type: 1 | 2 | 3, properties: Record<string, unknown>): boolean {
  if (!('filter' in spec) || spec.filter === undefined) return true;
  const f = featureFilter(spec.filter as FilterSpecification, `layers.${spec.id}.filter`);
  return f.filter({ zoom: 12 }, { type, properties } as Parameters<typeof f.filter>[1]);
}

describe('thematic map styles', () => {
  for (const layer of LAYERS) {
    it(`${layer}: its layers are valid MapLibre layers with unique ids`, () => {
      const layers = specsOf(layer);
      const style: StyleSpecification = { version: 8, glyphs: 'https://example.invalid/{fontstack}/{range}.pbf', sources: { src: EMPTY, psrc: EMPTY }, layers };
      expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
      const ids = layers.map((l) => l.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(thematicLayerIds(layer)).toEqual(ids);
      for (const id of [...decorationLayerIds(layer), ...clickableLayerIds(layer)]) expect(ids).toContain(id);
    });
  }

  for (const layer of LAYERS.filter((l) => l !== CONFLICT_LAYER)) {
    it(`${layer}: paint does not depend on feature data (zoom only), so every layer draws with the basemap's programs`, () => {
      for (const spec of specsOf(layer)) {
        for (const [name, value] of Object.entries((spec as { paint?: Record<string, unknown> }).paint ?? {})) {
          expect(dataDriven(value), `${spec.id} ${name}`).toBe(false);
        }
      }
    });
  }

  it('draws each status by exactly one layer of each kind', () => {
    for (const layer of ['relic-control', 'meteo-site'] as const) {
      const specs = specsOf(layer).filter((s) => !['precision', 'anchor', 'label', 'selected'].some((k) => s.id === `${layer}-${k}`));
      const zone = THEMATIC_STYLES[layer]?.kind === 'zone';
      for (const status of [...FEATURE_STATUSES, 'unknown']) {
        for (const precisionM of [0, 500]) {
          const props = { id: 'a', status, precisionM };
          const names = (type: 1 | 2 | 3, t: LayerSpecification['type']): string[] =>
            specs.filter((s) => s.type === t && passes(s, type, props)).map((s) => s.id.slice(layer.length + 1));
          if (zone) {
            const fills = names(3, 'fill');
            expect(fills, `${status} fill`).toEqual([status === 'withdrawn' ? 'hatch' : status === 'superseded' ? 'fill-superseded' : 'fill']);
            const lines = names(3, 'line');
            expect(lines, `${status} ${precisionM} line`).toHaveLength(1);
            if (status === 'planned') expect(lines[0]).toBe('line-planned');
            else expect(lines[0]!.endsWith('-approx')).toBe(precisionM > 0);
          }
          expect(names(1, 'circle'), `${status} marker`).toHaveLength(1);
        }
      }
    }
  });
});
