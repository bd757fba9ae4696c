import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { STACK_LAYER_IDS, STACK_SOURCE, stackFeatures, stackLayers } from '../../../src/map/anchor-stacks';
import { PROVINCE_MAX_ZOOM, THEMATIC_STYLES, thematicLayers } from '../../../src/map/thematic-style';

const layer = (id: string): FeatureCollection => JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8')) as FeatureCollection;
const BUILT = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((id) => ({ layer: id, data: layer(id), visible: true }));

type StackProps = { key: string; count: number; layer: string; color: string; members: string; names: string };
const propsOf = (fc: FeatureCollection): StackProps[] => fc.features.map((f) => f.properties as StackProps);

describe('anchor stacks', () => {
  it('draws the six stacked relic pairs of the built layers as one marker each, with 2 and both names', () => {
    const stacks = propsOf(stackFeatures(BUILT));
    const relic = stacks.filter((s) => s.count > 1 && s.layer.startsWith('relic-'));
    expect(relic).toHaveLength(6);
    const dajue = relic.find((s) => s.names.includes('大觉寺'));
    expect(dajue?.count).toBe(2);
    expect(dajue?.names).toBe('大觉寺、弥陀庵');
    expect(dajue?.key).toBe('110.889490,37.432377');
    // both zones of both sites, with their layers; coloured as the protection range (drawn on top)
    const members = JSON.parse(dajue!.members) as Array<[string, string]>;
    expect(members).toHaveLength(4);
    expect(new Set(members.map((m) => m[0]))).toEqual(new Set(['relic-protection', 'relic-control']));
    expect(dajue?.color).toBe(THEMATIC_STYLES['relic-protection'].fill);
  });

  it('counts meteorological facilities at one county seat, and gives every other zone site one province-scale marker', () => {
    const stacks = propsOf(stackFeatures(BUILT));
    const meteo = stacks.filter((s) => s.layer === 'meteo-site');
    // measured on data/layers: 13 county seats hold 2–4 meteorological facilities (35 of the 40); the 尧都区 seat
    // also holds the withdrawn park's marker and the 侯马 seat the land acquisition's: 37 places in all
    expect(meteo).toHaveLength(13);
    expect(meteo.reduce((n, s) => n + s.count, 0)).toBe(37);
    expect(meteo.filter((s) => s.names.includes('尧都区汾河煤电化工业园区') || s.names.includes('侯马市2022年度土地征收成片开发调整方案'))).toHaveLength(2);
    expect(Math.max(...meteo.map((s) => s.count))).toBe(4);
    // singles: zone layers only (a meteorological point is its own marker), one per site (not per zone)
    const singles = stacks.filter((s) => s.count === 1);
    expect(singles.every((s) => s.layer === 'relic-protection' || s.layer === 'relic-control' || s.layer === 'chemical-park')).toBe(true);
    const relicSites = new Set(layer('relic-protection').features.map((f) => f.properties?.['recordId']));
    const stackedSites = 12;
    expect(singles.filter((s) => s.layer.startsWith('relic-')).length).toBe(relicSites.size - stackedSites);
    // the three parks drawn as squares; the withdrawn 尧都区 park's marker is in the 尧都区 stack
    expect(singles.filter((s) => s.layer === 'chemical-park')).toHaveLength(3);
  });

  it('leaves out hidden layers, URL-fed layers and the QA markers', () => {
    const hidden = BUILT.map((b) => (b.layer === 'relic-control' || b.layer === 'relic-protection' ? { ...b, visible: false } : b));
    expect(propsOf(stackFeatures(hidden)).some((s) => s.layer.startsWith('relic-'))).toBe(false);
    expect(stackFeatures([{ layer: 'relic-protection', data: 'blob:x', visible: true }]).features).toEqual([]);
    const qa = { layer: 'qa', data: layer('relic-protection'), visible: true };
    expect(stackFeatures([qa]).features).toEqual([]);
  });

  it('has valid MapLibre layers: stacks at every zoom, single zones only below province scale, where rings start', () => {
    const style: StyleSpecification = {
      version: 8,
      glyphs: 'https://example.invalid/{fontstack}/{range}.pbf',
      sources: { [STACK_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
      layers: stackLayers(),
    };
    expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
    expect(stackLayers().map((l) => l.id)).toEqual([...STACK_LAYER_IDS]);
    expect(stackLayers()[0]?.maxzoom).toBe(PROVINCE_MAX_ZOOM);
    expect(stackLayers()[1]?.maxzoom).toBeUndefined();
    const ring = thematicLayers('relic-protection', 's', 'p', 1, true, null).find((l) => l.id === 'relic-protection-precision');
    expect(ring?.minzoom).toBe(PROVINCE_MAX_ZOOM);
    const meteoRing = thematicLayers('meteo-site', 's', 'p', 1, true, null).find((l) => l.id === 'meteo-site-precision');
    expect(meteoRing?.minzoom).toBeUndefined();
  });
});
