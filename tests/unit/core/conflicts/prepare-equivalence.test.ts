import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createGaussKrugerProvider, createTransverseMercator } from '../../../../src/core/conflicts/metric-projection';
import type { MetricProjection } from '../../../../src/core/conflicts/metric-projection';
import { prepareFeatures, readFeatureGeometry, readFeatureProps } from '../../../../src/core/conflicts/prepare-features';
import { projectGeometry } from '../../../../src/core/conflicts/planar-shape';
import * as before from './prepare-reference/prepare-features';
import * as beforeShape from './prepare-reference/planar-shape';
import { Rand, randomFeature, randomGeometry } from './random-features';

// The faster preparation must give what the code before it gave, every number to the bit: compared here with
// that code (prepare-reference/) on seeded random and mutated features.

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** `value` as JSON where every number is its IEEE-754 bits and projections are named by `frames`. */
function exact(value: unknown, frames: Map<unknown, string>): unknown {
  if (typeof value === 'number') {
    bits[0] = value;
    return `f64:${(words[1] as number).toString(16)}:${(words[0] as number).toString(16)}`;
  }
  if (value instanceof Float64Array) return ['Float64Array', ...Array.from(value, (x) => exact(x, frames))];
  if (value instanceof Map) return ['Map', ...[...value].map(([k, v]) => [frames.get(k) ?? 'unknown frame', exact(v, frames)])];
  if (frames.has(value)) return frames.get(value);
  if (Array.isArray(value)) return value.map((x) => exact(x, frames));
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => [k, exact(v, frames)]);
  return value;
}

/** What `run` returns, or that it threw. */
function attempt<T>(run: () => T): { threw: true } | { threw: false; value: T } {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

/** A provider that names its frames, for {@link exact}. */
function namedProvider(): { provider: ReturnType<typeof createGaussKrugerProvider>; frames: Map<unknown, string> } {
  const inner = createGaussKrugerProvider();
  const frames = new Map<unknown, string>();
  const provider = (lon: number, lat: number): MetricProjection => {
    const frame = inner(lon, lat);
    if (!frames.has(frame)) frames.set(frame, `frame ${frames.size}`);
    return frame;
  };
  return { provider, frames };
}

describe('preparation equal to the bit to the code before it', () => {
  it('forwardInto gives forward to the bit, in every zone and outside the zone', () => {
    const r = new Rand(3);
    const out = new Float64Array(4);
    for (const cm of [75, 108, 111, 114, 135]) {
      const frame = createTransverseMercator(cm);
      for (let i = 0; i < 20_000; i++) {
        const lon = cm + (r.next() - 0.5) * (i % 10 === 0 ? 20 : 3.2);
        const lat = (r.next() - 0.5) * 178;
        frame.forwardInto?.(lon, lat, out, 2);
        const [x, y] = frame.forward([lon, lat]);
        expect(Object.is(out[2], x) && Object.is(out[3], y)).toBe(true);
      }
    }
  });

  it('projectGeometry gives the same shapes, notes and refusals', () => {
    const r = new Rand(11);
    const frame = createTransverseMercator(111);
    const frames = new Map<unknown, string>();
    const outcomes = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const feature = randomFeature(r, i) as { geometry?: unknown } | null;
      const geometry = (i % 2 === 0 ? randomGeometry(r) : feature?.geometry) as Geometry;
      if (typeof geometry !== 'object' || geometry === null) continue;
      const expected = attempt(() => beforeShape.projectGeometry(geometry, frame));
      const actual = attempt(() => projectGeometry(geometry, frame));
      // A null ring or position threw before; now it is refused.
      if (expected.threw) {
        if (!actual.threw) expect(actual.value.ok).toBe(false);
        continue;
      }
      expect(actual.threw).toBe(false);
      if (actual.threw) continue;
      outcomes.add(expected.value.ok ? `${expected.value.shape.kind} ${expected.value.notes.length > 0}` : expected.value.reason);
      expect(exact(actual.value, frames)).toStrictEqual(exact(expected.value, frames));
    }
    expect([...outcomes].sort()).toStrictEqual(['area false', 'area true', 'bad-coordinate', 'degenerate-ring', 'empty-geometry', 'point false', 'unsupported-geometry']);
  });

  it('readFeatureGeometry gives the same prepared features, notes and rejections', () => {
    const r = new Rand(2026);
    const { provider, frames } = namedProvider();
    const seen = new Map<string, number>();
    let threw = 0;
    for (let i = 0; i < 3000; i++) {
      const feature = randomFeature(r, i) as AnyFeature;
      const props = attempt(() => readFeatureProps('x', i, feature));
      if (props.threw || props.value.kind !== 'candidate') continue;
      const read = props.value;
      const expected = attempt(() => before.readFeatureGeometry('x', i, feature, read.props, provider, 1));
      const actual = attempt(() => readFeatureGeometry('x', i, feature, read.props, provider, 1));
      if (expected.threw) {
        threw++;
        if (!actual.threw) expect(actual.value.prepared).toBeNull();
        continue;
      }
      expect(actual.threw).toBe(false);
      if (actual.threw) continue;
      const what = expected.value.rejected?.detail ?? (expected.value.prepared?.repaired === true ? 'repaired' : expected.value.notes.length > 0 ? 'noted' : 'prepared');
      seen.set(what, (seen.get(what) ?? 0) + 1);
      expect(actual.value.prepared?.geometry).toBe(expected.value.prepared?.geometry);
      expect(exact(actual.value, frames)).toStrictEqual(exact(expected.value, frames));
    }
    for (const what of ['prepared', 'noted', 'repaired', 'bad-coordinate', 'degenerate-ring', 'empty-geometry', 'unsupported-geometry']) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(5);
    }
    expect(threw).toBeLessThan(250);
  });

  it('prepareFeatures gives the same features, layers, rejections and notes', () => {
    const r = new Rand(99);
    const { provider, frames } = namedProvider();
    const layers = [0, 1, 2].map((l) => ({ name: `layer-${l}`, features: [] as AnyFeature[] }));
    for (let i = 0; i < 2000; i++) {
      const feature = randomFeature(r, i) as AnyFeature;
      const props = attempt(() => before.readFeatureProps('x', 0, feature));
      const geometry = !props.threw && props.value.kind === 'candidate' ? attempt(() => before.readFeatureGeometry('x', 0, feature, props.value.kind === 'candidate' ? props.value.props : ({} as never), provider, 1)) : { threw: false };
      if (props.threw || geometry.threw) continue;
      layers[i % 3]?.features.push(feature);
    }
    const expected = before.prepareFeatures(layers, provider, false, 1);
    const actual = prepareFeatures(layers, provider, false, 1);
    expect(expected.features.length).toBeGreaterThan(500);
    expect(expected.rejected.length).toBeGreaterThan(200);
    expect(exact(actual, frames)).toStrictEqual(exact(expected, frames));
  });

  it('rejects what threw before: null rings, null positions, coordinates that are not arrays', () => {
    const props = { id: 'a', layer: 'imported', precisionM: 0 };
    const cases: Array<[unknown, string]> = [
      [{ type: 'Polygon', coordinates: 5 }, 'no coordinates'],
      [{ type: 'Polygon', coordinates: [[null]] }, 'no coordinates'],
      [{ type: 'Point', coordinates: null }, 'no coordinates'],
      [{ type: 'Polygon', coordinates: [[[111, 37], [111.001, 37], [111, 37.001], [111, 37]], null] }, 'bad coordinate null'],
      [{ type: 'Polygon', coordinates: [[[111, 37], null, [111.001, 37], [111, 37.001], [111, 37]]] }, 'bad coordinate null'],
      [{ type: 'MultiPolygon', coordinates: [[[[111, 37], [111.001, 37], [111, 37.001], [111, 37]]], null] }, 'bad coordinate null'],
    ];
    for (const [geometry, message] of cases) {
      const feature = { type: 'Feature', properties: props, geometry } as unknown as AnyFeature;
      expect(() => before.prepareFeatures([{ name: 'x', features: [feature] }], createGaussKrugerProvider(), false, 1)).toThrow(TypeError);
      const prepared = prepareFeatures([{ name: 'x', features: [feature] }], createGaussKrugerProvider(), false, 1);
      expect(prepared.features).toHaveLength(0);
      expect(prepared.rejected.map((r) => [r.reason, r.message])).toStrictEqual([['bad-geometry', `x feature #0 (a): ${message}`]]);
    }
  });
});
