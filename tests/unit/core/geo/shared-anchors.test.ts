import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedAnchorGroups, sharedAnchorIndex } from '../../../../src/core/geo/shared-anchors';
import type { AnchoredFeature } from '../../../../src/core/geo/shared-anchors';

function layer(name: string): AnchoredFeature[] {
  const json = JSON.parse(readFileSync(`data/layers/${name}.geojson`, 'utf8')) as {
    features: Array<{ properties: { id: string; name: string; anchor: AnchoredFeature['anchor']; precisionM: number } }>;
  };
  return json.features.map((f) => f.properties);
}

describe('sharedAnchorGroups', () => {
  it('groups distinct sites at one approximate anchor, not the two zones of one site', () => {
    const a = { lon: 111.1, lat: 37.5, name: '某镇' };
    const groups = sharedAnchorGroups([
      { id: 'p1', name: '甲寺', anchor: a, precisionM: 6000 },
      { id: 'c1', name: '甲寺', anchor: a, precisionM: 6000 },
      { id: 'p2', name: '乙庵', anchor: { ...a }, precisionM: 6000 },
      { id: 'p3', name: '丙墓', anchor: { lon: 111.2, lat: 37.5 }, precisionM: 6000 },
      { id: 'p4', name: '丙墓二', anchor: { lon: 111.2, lat: 37.5 }, precisionM: 0 },
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.sites).toEqual(['乙庵', '甲寺']);
    expect(groups[0]?.featureIds).toEqual(['c1', 'p1', 'p2']);
    expect(groups[0]?.anchorName).toBe('某镇');
    expect(sharedAnchorIndex(groups).get('p2')?.sites.length).toBe(2);
  });

  it('counts one site once when its features share a site key', () => {
    const a = { lon: 111.1, lat: 37.5 };
    const g = sharedAnchorGroups([
      { id: 'p1', name: '甲寺', site: 'r1', anchor: a, precisionM: 6000 },
      { id: 'c1', name: '甲寺 建设控制地带', site: 'r1', anchor: a, precisionM: 6000 },
      { id: 'p2', name: '乙庵', site: 'r2', anchor: a, precisionM: 6000 },
    ]);
    expect(g[0]?.sites).toEqual(['乙庵', '甲寺']);
  });

  it('finds the stacked relic sites of the built layers (大觉寺 and 弥陀庵 among them)', () => {
    const groups = sharedAnchorGroups([...layer('relic-protection'), ...layer('relic-control')]);
    expect(groups.length).toBeGreaterThan(0);
    const withDajue = groups.find((g) => g.sites.some((s) => s.includes('大觉寺')));
    expect(withDajue?.sites.some((s) => s.includes('弥陀庵'))).toBe(true);
  });
});
