import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendCanonicalJson, canonicalJson, layerHash, Sha256 } from '../../../../src/core/conflicts/layer-hash';
import { oracleCanonicalJson } from './layer-hash-oracle';

/** The text a writer gives, or the kind and message of what it throws. */
function outcome(write: (v: unknown) => string, value: unknown): string {
  try {
    return `ok ${write(value)}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** {@link appendCanonicalJson} after other pieces, as one text. */
function appended(value: unknown): string {
  const out = ['x'];
  appendCanonicalJson(value, out);
  return out.join('').slice(1);
}

const SEED = 20_261_202;
const odd = fc.constantFrom<unknown>(
  -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53 + 2,
  '', '"', '\\', '\u2028\u2029', '\ud800', 'a\udc00b', '😀', '\u0000\u001f\u007f', '地块,"甲"\r\n', undefined,
);
const keyish = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('0', '1', '10', '9', '01', '-1', '1.5', '4294967294', '4294967295', '4294967296', '__proto__', 'toJSON', 'type', 'Type', 'ü', '😀', '\ud800', ''),
);
const json = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    odd,
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.array(fc.array(fc.oneof(fc.double(), odd), { maxLength: 3 }), { maxLength: 4 }), { maxLength: 3 }),
    fc.array(fc.array(fc.array(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }),
    fc.array(fc.oneof(tie('v'), fc.constant(undefined)), { maxLength: 5 }),
    fc.dictionary(keyish, fc.oneof(tie('v'), fc.constant(undefined)), { maxKeys: 16 }),
  ),
})).v;

describe('canonical JSON against the former writer', () => {
  it('gives the same text, or the same error, on seeded random JSON-like values (odd numbers, strings and keys)', () => {
    fc.assert(
      fc.property(json, (v) => {
        const want = outcome(oracleCanonicalJson, v);
        expect(outcome(canonicalJson, v)).toBe(want);
        expect(outcome(appended, v)).toBe(want);
      }),
      { seed: SEED, numRuns: 4000 },
    );
  });

  it('gives the same text, or the same error, on seeded random values of any kind (boxed, typed arrays, dates, maps, sparse arrays)', () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      stringUnit: 'binary',
    });
    fc.assert(
      fc.property(anything, (v) => {
        expect(outcome(canonicalJson, v)).toBe(outcome(oracleCanonicalJson, v));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('agrees on the cases written out', () => {
    const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const withToJson = Object.assign([1, 2], { toJSON: () => 'x' });
    const cases: unknown[] = [
      undefined, null, true, -0, 1e21, 'ü😀\ud800', [undefined, -0], sparse, withToJson, [withToJson, 'a'],
      { b: 1, a: undefined, '': 0, 10: 'x', 9: 'y', '01': 'z' }, Object.assign(Object.create(null), { z: 1, a: [1e-7] }),
      new Date(0), new Map([[1, 2]]), new Float64Array([1.5, -0, 3]), new Uint8Array(12), new Number(5), new String('ab'),
      { a: Number.NaN, b: () => 1 }, { a: () => 1, b: Number.NaN }, { a: Symbol('s') }, [1n], Array.from({ length: 40 }, (_, i) => ({ [`k${40 - i}`]: i })),
      Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${(i * 7) % 30}`, i])), [[[[[[1, 2]]]]]], [[[[[[1, Number.NaN]]]]]],
    ];
    for (const v of cases) expect(outcome(canonicalJson, v)).toBe(outcome(oracleCanonicalJson, v));
    expect(canonicalJson({ 10: 'a', 9: 'b', x: [-0, 1e21, 5e-324] })).toBe('{"10":"a","9":"b","x":[0,1e+21,5e-324]}');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN, b: () => 1 })).toThrow(RangeError);
    expect(() => canonicalJson({ a: () => 1, b: Number.NaN })).toThrow(TypeError);
  });

  it('hashes layers of seeded random features to the hash of the former writer', () => {
    const feature = fc.record({
      type: fc.constant('Feature'),
      properties: fc.dictionary(keyish, fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.constant(undefined))),
      geometry: fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(fc.array(fc.tuple(fc.double({ min: 73, max: 135 }), fc.double({ min: 18, max: 54 })), { maxLength: 8 }), { maxLength: 2 }) }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(feature, fc.constant(undefined)), { maxLength: 40 }), (layer) => {
        const text = `[${layer.map((f) => (f === undefined ? 'null' : oracleCanonicalJson(f))).join(',')}]`;
        const want = `sha256:${createHash('sha256').update(text).digest('hex')}`;
        expect(layerHash(layer)).toBe(want);
        expect(layerHash(layer, new Sha256())).toBe(want);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
