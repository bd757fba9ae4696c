import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_ANCHOR_CODE, sharedAnchorNotes, siteName } from '../../../../src/core/geo/shared-anchor-note';
import type { NoteSource } from '../../../../src/core/geo/shared-anchor-note';

function layer(id: string): NoteSource[] {
  const fc = JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8')) as { features: Array<{ properties: NoteSource['props'] & { id: string } }> };
  return fc.features.map((f) => ({ id: f.properties.id, props: f.properties }));
}

describe('sharedAnchorNotes', () => {
  const all = ['relic-protection', 'relic-control', 'meteo-site', 'chemical-park'].flatMap(layer);
  const notes = sharedAnchorNotes(all);

  it('gives both zones of 大觉寺 and of 弥陀庵 the code, the count 2 and both site names', () => {
    const ids = all.filter((f) => /^(大觉寺|弥陀庵)/.test(f.props.name)).map((f) => f.id);
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      expect(notes.get(id)).toMatchObject({ code: SHARED_ANCHOR_CODE, count: 2, sites: ['大觉寺', '弥陀庵'], precisionM: 6000, relic: true });
    }
  });

  it('says "places", not "sites", for facilities at a county seat, and nothing for a site alone at its anchor', () => {
    const guxian = all.filter((f) => f.props.name.startsWith('古县') && f.props.layer === 'meteo-site');
    expect(guxian).toHaveLength(4);
    expect(notes.get(guxian[0]!.id)).toMatchObject({ count: 4, relic: false });
    const alone = all.find((f) => f.props.name.startsWith('汾城自卫总队驻地旧址'));
    expect(alone).toBeDefined();
    expect(notes.get(alone!.id)).toBeUndefined();
  });

  it('counts 12 relic sites in 6 pairs (the issue\'s measurement) and ignores the QA layer and surveyed features', () => {
    const relic = new Set([...notes.entries()].filter(([, n]) => n.relic).map(([id]) => id));
    const sites = new Set(all.filter((f) => relic.has(f.id)).map((f) => f.props.recordId));
    expect(sites.size).toBe(12);
    const a = { lon: 111, lat: 37 };
    expect(sharedAnchorNotes([
      { id: 'q1', props: { layer: 'qa', name: 'x', anchor: a, precisionM: 6000 } },
      { id: 'q2', props: { layer: 'qa', name: 'y', anchor: a, precisionM: 6000 } },
      { id: 's1', props: { layer: 'imported:project-boundary:1', name: 'z', anchor: a, precisionM: 0 } },
    ]).size).toBe(0);
    expect(siteName('大觉寺 建设控制地带')).toBe('大觉寺');
  });
});
