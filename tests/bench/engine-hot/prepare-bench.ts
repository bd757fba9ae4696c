/**
 * Micro-benchmark of the conflict engine's per-feature preparation (not a test): reads newline-delimited
 * GeoJSON layers once, then times, best of `--repeat` rounds, the feature check the CLI threads run
 * (`featureProblem`), the collection check (`toInputLayer`, with the import defaults of `--category`) and
 * `prepareFeatures` (properties, projection, lon/lat box, validity check; layer hashes off). It prints a
 * SHA-256 digest of everything prepared (refs, boxes, projected rings to the bit, rejections, notes) so that
 * two versions of the code can be shown to give identical results.
 * CPU time is the whole process's (garbage collection threads included).
 * Usage: node --expose-gc --import tsx tests/bench/engine-hot/prepare-bench.ts <layer.ndjson>… [--category bench-parcel] [--repeat 3]
 */
import { createHash } from 'node:crypto';
import { readLineRange } from '../../../src/cli/parallel/layer-files';
import { featureProblem, toInputLayer } from '../../../src/core/conflicts/input-layer';
import type { InputLayer } from '../../../src/core/conflicts/prepare-features';
import { prepareFeatures } from '../../../src/core/conflicts/prepare-features';
import type { PreparedInput } from '../../../src/core/conflicts/prepare-features';
import { createGaussKrugerProvider } from '../../../src/core/conflicts/metric-projection';
import { DEFAULT_TOUCH_TOLERANCE } from '../../../src/core/conflicts/rule-schema';

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}
const category = option('--category');
const repeat = Number(option('--repeat') ?? '3');
const paths = args;

const t0 = performance.now();
const raw = paths.map((path) => ({ path, features: readLineRange(path).features }));
const count = raw.reduce((a, l) => a + l.features.length, 0);
console.log(`read ${count} features in ${(performance.now() - t0).toFixed(0)} ms`);

/** Digest of a prepared input: every number as its IEEE-754 bits. */
function digest(input: PreparedInput): string {
  const h = createHash('sha256');
  const f64 = new Float64Array(1);
  const num = (x: number): void => {
    f64[0] = x;
    h.update(new Uint8Array(f64.buffer));
  };
  for (const p of input.features) {
    h.update(JSON.stringify([p.index, p.ref, p.repaired, p.geometry.type]));
    for (const x of p.box) num(x);
    for (const shape of [p.shapes.get(p.home)].filter((x) => x !== undefined)) {
      if (shape.kind === 'point') for (const x of shape.points) num(x);
      else {
        h.update(JSON.stringify(shape.ringCounts));
        for (const ring of shape.rings) {
          num(ring.length);
          for (const x of ring) num(x);
        }
        num(shape.area);
      }
      for (const x of [shape.minX, shape.minY, shape.maxX, shape.maxY]) num(x);
    }
  }
  h.update(JSON.stringify(input.layers));
  h.update(JSON.stringify(input.rejected));
  h.update(JSON.stringify(input.notes));
  return h.digest('hex');
}

const collect = (globalThis as { gc?: () => void }).gc;

/** Runs `run` `repeat` times (after a full collection when node runs with --expose-gc); prints the best wall and CPU times. */
function time<T>(what: string, run: () => T): T {
  let best = Infinity;
  let bestCpu = Infinity;
  const held: { out: T | undefined } = { out: undefined };
  for (let k = 0; k < repeat; k++) {
    held.out = undefined;
    collect?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    held.out = run();
    best = Math.min(best, performance.now() - start);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  console.log(`${what}: ${best.toFixed(0)} ms wall, ${bestCpu.toFixed(0)} ms CPU (best of ${repeat}, ${((best * 1e6) / count).toFixed(0)} ns/feature)`);
  return held.out as T;
}

time('featureProblem', () => {
  let problems = 0;
  for (const layer of raw) for (let i = 0; i < layer.features.length; i++) if (featureProblem(layer.path, i, layer.features[i]) !== null) problems++;
  return problems;
});
const layers = time('toInputLayer', () =>
  raw.map((l) => {
    const r = toInputLayer(l.path, { type: 'FeatureCollection', features: l.features }, category === undefined ? {} : { category });
    if (!r.ok) throw new Error(r.message);
    return r.layer;
  }),
) as InputLayer[];
collect?.();
const heapBefore = process.memoryUsage().heapUsed;
const prepared = time('prepareFeatures', () => prepareFeatures(layers, createGaussKrugerProvider(), false, DEFAULT_TOUCH_TOLERANCE.areaM2));
if (collect !== undefined) {
  collect();
  console.log(`heap held by the prepared features: ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB`);
}
console.log(`prepared ${prepared.features.length}, rejected ${prepared.rejected.length}, notes ${prepared.notes.length}`);
console.log(`digest ${digest(prepared)}`);
