import { describe, expect, it } from 'vitest';
import { arraySource } from '../../../../src/core/conflicts/feature-source';
import { createGaussKrugerProvider } from '../../../../src/core/conflicts/metric-projection';
import { prepareFeatures } from '../../../../src/core/conflicts/prepare-features';
import type { Prepared } from '../../../../src/core/conflicts/prepare-features';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';
import type { FeatureSelector } from '../../../../src/core/conflicts/rule-schema';
import { expandBoxByMetres } from '../../../../src/core/conflicts/spatial-index';
import { seededRandom } from '../../../../src/core/random/seeded-random';
import { PackedSource } from '../../../../src/cli/parallel/packed-features';
import { idHash, PieceBuilder } from '../../../../src/cli/parallel/piece-builder';
import { seededLayers } from '../seeded-layers';

const projectionFor = createGaussKrugerProvider();
const prepared = prepareFeatures(seededLayers(31), projectionFor, false, 1).features;

/** The prepared features cut into pieces at `cuts`, with the slots in `dropped` left out (as duplicate ids are). */
function packed(cuts: number[], dropped: ReadonlySet<number>): { source: PackedSource; kept: Prepared[] } {
  const bounds = [0, ...cuts, prepared.length];
  const pieces = [];
  const drop = new Map<number, Set<number>>();
  for (let p = 0; p + 1 < bounds.length; p++) {
    const builder = new PieceBuilder(`piece-${p}`);
    for (let i = bounds[p] as number; i < (bounds[p + 1] as number); i++) {
      if (dropped.has(i)) drop.set(p, (drop.get(p) ?? new Set()).add(builder.count));
      builder.add(prepared[i] as Prepared);
    }
    pieces.push(builder.build());
  }
  const kept = prepared.filter((_, i) => !dropped.has(i)).map((f, index) => ({ ...f, index }));
  return { source: new PackedSource(pieces, drop, projectionFor), kept };
}

describe('PackedSource', () => {
  const selectors: FeatureSelector[] = [
    { categories: ['ecological-red-line'] },
    { layers: ['relic-protection'] },
    { layers: ['relic-control', 'chemical-park'], categories: ['permanent-basic-farmland'] },
    { layers: ['relic-protection', 'meteo-site'], nameIncludes: ['文物1', '雷达'] },
    { categories: ['no-such-category'] },
  ];

  it('selects, indexes and builds the features an array source gives, across pieces and dropped slots', () => {
    expect(prepared.length).toBeGreaterThan(200);
    const rand = seededRandom(5);
    const dropped = new Set(prepared.map((_, i) => i).filter(() => rand() < 0.05));
    const { source, kept } = packed([17, 18, Math.floor(prepared.length / 2)], dropped);
    const reference = arraySource(kept);
    expect(source.count).toBe(kept.length);
    expect(selectors.map((s) => reference.select(s).length > 0)).toEqual([true, true, true, true, false]);
    for (const selector of selectors) {
      expect(source.select(selector)).toEqual(reference.select(selector));
      const mine = source.side(selector);
      const theirs = reference.side(selector);
      expect([mine.size, mine.maxPrecision]).toEqual([theirs.size, theirs.maxPrecision]);
      for (const f of kept.filter((_, k) => k % 7 === 0)) {
        const box = expandBoxByMetres(f.box, 3_000);
        expect(mine.search(box)).toEqual(theirs.search(box));
      }
    }
    for (const f of kept) {
      const g = source.get(f.index);
      expect([g.index, g.ref, g.box, g.home, g.repaired]).toEqual([f.index, { ...f.ref, source: g.ref.source }, f.box, f.home, f.repaired]);
      expect(g.geometry).toEqual(f.geometry);
      // The edge table is a cache a shape builds on first use.
      const { edges: _mine, ...shape } = g.shapes.get(g.home) as AreaShape;
      const { edges: _theirs, ...expected } = f.shapes.get(f.home) as AreaShape;
      expect(shape).toEqual(expected);
    }
  });

  it('hashes equal ids equally and different ids mostly differently', () => {
    expect(idHash('地块-1')).toBe(idHash('地块-1'));
    const hashes = new Set(Array.from({ length: 100_000 }, (_, i) => idHash(`p${i}`)));
    expect(hashes.size).toBeGreaterThan(99_990);
  });
});
