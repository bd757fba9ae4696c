import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, layerHash, Sha256, sha256Hex } from '../../../../src/core/conflicts/layer-hash';

/** A reference canonical JSON written for this test: sorted keys (UTF-16 order), undefined members dropped. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const members = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    return `{${members.map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const keyish = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '__proto__', 'type', 'Type', 'ü', '😀', ''));
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 3 }), { maxLength: 4 }), { maxLength: 3 }),
    fc.array(fc.oneof(tie('v'), fc.constant(undefined)), { maxLength: 5 }),
    fc.dictionary(keyish, fc.oneof(tie('v'), fc.constant(undefined)), { maxKeys: 6 }),
  ),
})).v;

describe('layer hash', () => {
  it('canonical JSON equals a plain reference writer on random JSON values (index-like keys, -0, undefined members)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 1500 },
    );
    expect(canonicalJson({ 10: 'a', 9: 'b', x: [-0, 1e21, 5e-324] })).toBe('{"10":"a","9":"b","x":[0,1e+21,5e-324]}');
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(RangeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('SHA-256 in pieces equals Node crypto for every split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.integer({ min: 1, max: 130 }), { maxLength: 10 }), (bytes, cuts) => {
        const want = createHash('sha256').update(bytes).digest('hex');
        const h = new Sha256();
        let at = 0;
        for (const c of cuts) {
          h.update(bytes.subarray(at, at + c));
          at += c;
        }
        h.update(bytes.subarray(at));
        expect(h.hex()).toBe(want);
        expect(sha256Hex(bytes)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a layer in pieces to the hash of its whole canonical text, with either hasher', () => {
    const features = Array.from({ length: 30_000 }, (_, i) => ({
      type: 'Feature',
      properties: { id: `p${i}`, name: i % 7 === 0 ? '地块 ü 😀' : null, n: i / 3 },
      geometry: { type: 'Polygon', coordinates: [[[112 + i * 1e-5, 37], [112.001, 37], [112, 37.001], [112 + i * 1e-5, 37]]] },
    }));
    const whole = `sha256:${createHash('sha256').update(reference(features)).digest('hex')}`;
    expect(layerHash(features)).toBe(whole);
    const node = createHash('sha256');
    expect(layerHash(features, { updateText: (t) => node.update(t), hex: () => node.digest('hex') })).toBe(whole);
  });
});
