import type { Prepared } from './prepare-features';
import type { FeatureRef } from './report';
import type { FeatureSelector } from './rule-schema';
import { BoxIndex } from './spatial-index';
import type { LonLatBox } from './spatial-index';

/** True when `selector` picks the feature `ref` (by layer or category, then by name). */
export function selectorMatches(selector: FeatureSelector, ref: Pick<FeatureRef, 'layer' | 'category' | 'name'>): boolean {
  const byLayer = selector.layers?.includes(ref.layer) ?? false;
  const byCategory = ref.category !== null && (selector.categories?.includes(ref.category) ?? false);
  if (!byLayer && !byCategory) return false;
  if (selector.nameIncludes === undefined) return true;
  const name = ref.name ?? '';
  return selector.nameIncludes.some((s) => name.includes(s));
}

/** The prefilter over one side of a rule: the side's size, its largest precision radius and a box search. */
export interface SideIndex {
  size: number;
  maxPrecision: number;
  /** Indices (in the source) of the side's features whose boxes intersect or touch `box`, ascending. */
  search(box: LonLatBox): number[];
}

/**
 * Where the engine takes its prepared features from: an array held in memory, or packed features that are
 * built on demand (the CLI's threads share them without copying). Indices run from 0 in input order.
 */
export interface FeatureSource {
  readonly count: number;
  /** Indices of the features `selector` picks, ascending. */
  select(selector: FeatureSelector): number[];
  /** The feature at `index`. */
  get(index: number): Prepared;
  /** The prefilter over the features `selector` picks. */
  side(selector: FeatureSelector): SideIndex;
}

/** A {@link FeatureSource} over prepared features in memory (`features[i].index === i`). */
export function arraySource(features: readonly Prepared[]): FeatureSource {
  return {
    count: features.length,
    select: (selector) => {
      const out: number[] = [];
      for (const f of features) if (selectorMatches(selector, f.ref)) out.push(f.index);
      return out;
    },
    get: (index) => features[index] as Prepared,
    side: (selector) => {
      const members = features.filter((f) => selectorMatches(selector, f.ref));
      const index = new BoxIndex(members.map((m) => m.box));
      return {
        size: members.length,
        maxPrecision: members.reduce((m, f) => Math.max(m, f.ref.precisionM), 0),
        search: (box) => index.search(box).map((i) => (members[i] as Prepared).index).sort((x, y) => x - y),
      };
    },
  };
}
