import { LAYER_IDS } from '../../../../src/core/model/feature-props';
import { seededRandom } from '../../../../src/core/random/seeded-random';

/** A seeded generator of values in [0, 1) (the product's mulberry32). */
export const seeded = seededRandom;

/** Random helpers over one seeded generator. */
export class Rand {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seeded(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)] as T;
  }
}

class Odd {
  constructor(readonly id: string) {}
}

/** Values that are not what a field should hold: wrong types, non-finite numbers, exotic objects. */
export function oddValue(r: Rand): unknown {
  const withSymbol: Record<string | symbol, unknown> = { id: 'x' };
  withSymbol[Symbol('s')] = 1;
  const hiddenSymbol = { id: 'x' };
  Object.defineProperty(hiddenSymbol, Symbol('h'), { value: 1, enumerable: false });
  const noProto = Object.create(null) as Record<string, unknown>;
  noProto['id'] = 'np';
  const pool: unknown[] = [
    undefined, null, NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 1e308, '', 'x', 'Feature', 'Polygon', '0', true, false,
    [], [1, 2], [[1, 2]], {}, { type: 'Point' }, { type: 5 }, new Date(0), new Odd('o'), noProto, withSymbol, hiddenSymbol,
    { constructor: 'c' }, { constructor: { prototype: 5 } }, new Map(), Symbol('v'), 10n,
  ];
  return r.pick(pool);
}

const LON0 = 109.5;
const LAT0 = 34.6;

function position(r: Rand, lon: number, lat: number): number[] {
  const p = [lon, lat];
  if (r.chance(0.02)) p.push(r.int(900));
  return p;
}

/** A ring around (lon, lat): star-shaped (or self-crossing), any orientation, maybe closed, maybe with repeats. */
function ring(r: Rand, lon: number, lat: number, radius: number): number[][] {
  const n = r.chance(0.1) ? 1 + r.int(3) : 3 + r.int(r.chance(0.03) ? 200 : 8);
  const out: number[][] = [];
  const crossing = r.chance(0.05);
  for (let i = 0; i < n; i++) {
    const k = crossing ? (i * 2) % n : i;
    const a = (2 * Math.PI * k) / n + r.next() * 0.3;
    const d = radius * (0.5 + r.next());
    const lo = Math.round((lon + d * Math.cos(a)) * 1e7) / 1e7;
    const la = Math.round((lat + d * Math.sin(a)) * 1e7) / 1e7;
    out.push(position(r, lo, la));
    if (r.chance(0.05)) out.push(position(r, lo, la));
  }
  if (r.chance(0.05)) out.push(...out.slice(0, 2).map((p) => [...p]));
  if (r.chance(0.1)) out.reverse();
  if (r.chance(0.85) && out[0] !== undefined) out.push([...out[0]]);
  return out;
}

function polygon(r: Rand, lon: number, lat: number, radius: number): number[][][] {
  const rings = [ring(r, lon, lat, radius)];
  const holes = r.chance(0.3) ? 1 + r.int(2) : 0;
  for (let h = 0; h < holes; h++) rings.push(ring(r, lon + (r.next() - 0.5) * radius, lat + (r.next() - 0.5) * radius, radius * (r.chance(0.1) ? 1e-9 : 0.2)));
  return rings;
}

/** A random geometry near Shanxi (some across a 3° zone edge, some tiny enough to collapse). */
export function randomGeometry(r: Rand): Record<string, unknown> {
  const lon = LON0 + r.next() * 5;
  const lat = LAT0 + r.next() * 6;
  const radius = r.chance(0.05) ? 1e-9 : r.chance(0.05) ? 0.5 : 1e-4 + r.next() * 1e-2;
  switch (r.int(6)) {
    case 0:
      return { type: 'Point', coordinates: position(r, lon, lat) };
    case 1:
      return { type: 'MultiPoint', coordinates: Array.from({ length: r.int(4) }, () => position(r, lon + r.next() * 1e-3, lat)) };
    case 2:
    case 3:
      return { type: 'Polygon', coordinates: polygon(r, lon, lat, radius) };
    default:
      return { type: 'MultiPolygon', coordinates: Array.from({ length: r.int(4) }, (_, i) => polygon(r, lon + 3 * radius * i, lat, radius)) };
  }
}

/** Sets a random place of a JSON-like value (object key or array index, at any depth) to `value`, or deletes it. */
function mutateDeep(r: Rand, root: unknown, value: unknown, remove: boolean): void {
  let at = root;
  for (let depth = 0; depth < 6; depth++) {
    if (typeof at !== 'object' || at === null) return;
    const keys = Object.keys(at);
    if (keys.length === 0) return;
    const key = r.pick(keys);
    const child = (at as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && r.chance(0.7)) {
      at = child;
      continue;
    }
    if (remove && !Array.isArray(at)) delete (at as Record<string, unknown>)[key];
    else (at as Record<string, unknown>)[key] = value;
    return;
  }
}

/** A random feature: mostly valid, else with wrong, missing, extra or non-finite fields anywhere. */
export function randomFeature(r: Rand, index: number): unknown {
  const props: Record<string, unknown> = {
    id: r.chance(0.02) ? `f${r.int(50)}` : `f-${index}`,
    layer: r.chance(0.9) ? r.pick(LAYER_IDS) : r.pick(['imported', 'nope', '']),
    precisionM: r.chance(0.9) ? r.int(50) : r.pick([NaN, Infinity, -1, -0, '3', null]),
  };
  if (r.chance(0.5)) props['name'] = r.pick(['名称', null, '', 5]);
  if (r.chance(0.5)) props['category'] = r.pick(['c', null, '', 7]);
  if (r.chance(0.1)) props['status'] = r.pick(['withdrawn', 'superseded', 'active', 5]);
  if (r.chance(0.2)) props['extra'] = { deep: [1, 'two'] };
  const feature: Record<string, unknown> = { type: 'Feature', properties: props, geometry: randomGeometry(r) };
  if (r.chance(0.1)) feature['id'] = r.pick(['gid', 12, NaN, Infinity, null, {}]);
  if (r.chance(0.05)) feature['geometry'] = r.pick([null, undefined, { type: 'LineString', coordinates: [[110, 36], [111, 37]] }, { type: 'Polygon', coordinates: [] }]);
  if (r.chance(0.03)) feature['properties'] = r.pick([null, [], 'p']);
  const mutations = r.chance(0.6) ? 0 : 1 + r.int(3);
  for (let m = 0; m < mutations; m++) {
    const roll = r.int(4);
    if (roll === 0) feature[r.pick(['type', 'id', 'geometry', 'properties', 'bbox', 'extra'])] = oddValue(r);
    else if (roll === 1) props[r.pick(['id', 'layer', 'name', 'precisionM', 'category', 'status'])] = oddValue(r);
    else mutateDeep(r, r.chance(0.5) ? feature['geometry'] : feature, oddValue(r), roll === 3);
  }
  if (r.chance(0.005)) return oddValue(r);
  return feature;
}
