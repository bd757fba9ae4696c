import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureProblem, toInputLayer } from '../../../../src/core/conflicts/input-layer';
import { readFeatureProps } from '../../../../src/core/conflicts/prepare-features';
import * as zodOnly from './prepare-reference/input-layer';
import * as zodOnlyProps from './prepare-reference/prepare-features';
import { Rand, oddValue, randomFeature } from './random-features';

// The fast structural checks must accept exactly what the zod schemas (the schemas of record) accept, and
// give the same messages: compared here with the code before the fast paths, which runs zod alone.

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** What `run` returns, or that it threw (zod's messages cannot name a symbol key; both versions throw then). */
function attempt<T>(run: () => T): { threw: true } | { threw: false; value: T } {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

describe('feature and collection checks without zod', () => {
  it('featureProblem gives what zod alone gives, on seeded random and mutated features', () => {
    const r = new Rand(20_261_202);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 6000; i++) {
      const value = randomFeature(r, i);
      const expected = attempt(() => zodOnly.featureProblem('layer.ndjson', i, value));
      expect(attempt(() => featureProblem('layer.ndjson', i, value))).toStrictEqual(expected);
      if (!expected.threw && expected.value === null) accepted++;
      else refused++;
    }
    expect(accepted).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(300);
  });

  it('featureProblem tells exotic properties objects apart as z.record does', () => {
    const base = { type: 'Feature', geometry: null };
    const symbolKeyed: Record<string | symbol, unknown> = { id: 'a' };
    symbolKeyed[Symbol('k')] = 1;
    const hidden = { id: 'a' };
    Object.defineProperty(hidden, Symbol('h'), { value: 1, enumerable: false });
    const noProto = Object.create(null) as object;
    class Props {
      id = 'a';
    }
    const cases: Array<[unknown, boolean]> = [
      [{}, true],
      [noProto, true],
      [hidden, true],
      [{ constructor: 'c' }, true],
      [symbolKeyed, false],
      [new Props(), false],
      [new Date(0), false],
      [[], false],
    ];
    for (const [properties, ok] of cases) {
      const value = { ...base, properties };
      const expected = attempt(() => zodOnly.featureProblem('x', 0, value));
      expect(!expected.threw && expected.value === null).toBe(ok);
      expect(attempt(() => featureProblem('x', 0, value))).toStrictEqual(expected);
    }
  });

  it('toInputLayer accepts and refuses collections as zod alone does, with the same messages and features', () => {
    const r = new Rand(7);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 1500; i++) {
      const clean = r.chance(0.5);
      const features = Array.from({ length: r.int(8) }, (_, k) => (clean ? { type: 'Feature', properties: { id: `c${k}` }, geometry: null } : randomFeature(r, k)));
      let value: unknown = { type: 'FeatureCollection', features, name: 'extra member' };
      const roll = r.next();
      if (roll < 0.05) value = oddValue(r);
      else if (roll < 0.1) (value as Record<string, unknown>)[r.pick(['type', 'features'])] = oddValue(r);
      const options = r.chance(0.3) ? { category: 'bench', defaultPrecisionM: r.int(3) } : {};
      const tried = attempt(() => zodOnly.toInputLayer('L', value, options));
      const got = attempt(() => toInputLayer('L', value, options));
      expect(got.threw).toBe(tried.threw);
      if (tried.threw || got.threw) continue;
      const expected = tried.value;
      const actual = got.value;
      expect(actual.ok).toBe(expected.ok);
      if (!expected.ok || !actual.ok) {
        expect(actual).toEqual(expected);
        refused++;
        continue;
      }
      accepted++;
      expect(actual.layer.name).toBe(expected.layer.name);
      if (options.category === undefined) expect(actual.layer.features).toBe(expected.layer.features);
      else expect(actual.layer.features).toStrictEqual(expected.layer.features);
    }
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(300);
  });
});

describe('feature properties without zod', () => {
  it('readFeatureProps gives what zod alone gives, on seeded random and mutated features', () => {
    const r = new Rand(42);
    const kinds = { rejected: 0, inactive: 0, candidate: 0 };
    for (let i = 0; i < 6000; i++) {
      const value = randomFeature(r, i);
      if (attempt(() => zodOnly.featureProblem('x', i, value)).threw || zodOnly.featureProblem('x', i, value) !== null) continue;
      const feature = value as AnyFeature;
      const tried = attempt(() => zodOnlyProps.readFeatureProps('x', i, feature));
      const got = attempt(() => readFeatureProps('x', i, feature));
      expect(got.threw).toBe(tried.threw);
      if (tried.threw || got.threw) continue;
      const expected = tried.value;
      const actual = got.value;
      kinds[expected.kind]++;
      expect(actual.kind).toBe(expected.kind);
      if (expected.kind === 'rejected') expect(actual).toStrictEqual(expected);
      if (expected.kind === 'candidate' && actual.kind === 'candidate') {
        expect(actual.id).toBe(expected.id);
        const used = (p: typeof actual.props) => [p.id, p.layer, p.name ?? null, p.category ?? null, p.precisionM];
        expect(used(actual.props)).toStrictEqual(used(expected.props));
        expect(Object.is(actual.props.precisionM, expected.props.precisionM)).toBe(true);
        expect(actual.props).toEqual(expected.props);
      }
    }
    expect(kinds.rejected).toBeGreaterThan(300);
    expect(kinds.inactive).toBeGreaterThan(50);
    expect(kinds.candidate).toBeGreaterThan(1500);
  });
});
