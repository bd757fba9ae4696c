/**
 * Times canonical JSON and the layer hash over a newline-delimited GeoJSON file: the one-pass writer against the
 * former writer (the test oracle), after checking that both give the same text for every feature. Prints the best
 * of `rounds` runs of each (the machine is shared).
 * `npx tsx tests/bench/engine-hot/canonical-json.ts <file.ndjson> [rounds]`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson, layerHash } from '../../../src/core/conflicts/layer-hash';
import type { TextHasher } from '../../../src/core/conflicts/layer-hash';
import { oracleCanonicalJson } from '../../unit/core/conflicts/layer-hash-oracle';
import { nodeHasher } from '../../../src/cli/parallel/node-hasher';

const [file, roundsArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: canonical-json.ts <file.ndjson> [rounds]');
const rounds = Number(roundsArg ?? 7);
const features = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);

/** The former layerHash, over the oracle writer. */
function oracleLayerHash(layer: readonly unknown[], hasher: TextHasher): string {
  const parts: string[] = ['['];
  for (let i = 0; i < layer.length; i++) {
    if (i > 0) parts.push(',');
    const v: unknown = layer[i];
    parts.push(v === undefined ? 'null' : oracleCanonicalJson(v));
    if (parts.length > 20_000) {
      hasher.updateText(parts.join(''));
      parts.length = 0;
    }
  }
  parts.push(']');
  hasher.updateText(parts.join(''));
  return `sha256:${hasher.hex()}`;
}

let same = 0;
for (const f of features) if (canonicalJson(f) === oracleCanonicalJson(f)) same++;
const hashes = [oracleLayerHash(features, nodeHasher()), layerHash(features, nodeHasher())];
console.log(`${features.length} features, ${same} with the same canonical text; layer hash former ${hashes[0]}, new ${hashes[1]}`);

const runs: Array<[string, () => unknown]> = [
  ['former canonicalJson per feature + join', () => features.map((f) => oracleCanonicalJson(f)).join(',').length],
  ['new canonicalJson per feature + join', () => features.map((f) => canonicalJson(f)).join(',').length],
  ['former layerHash (node crypto)', () => oracleLayerHash(features, nodeHasher())],
  ['new layerHash (node crypto)', () => layerHash(features, nodeHasher())],
  ['plain JSON.stringify + node crypto (floor)', () => createHash('sha256').update(features.map((f) => JSON.stringify(f)).join(',')).digest('hex')],
];
const best = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  for (const [label, run] of runs) {
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    best.set(label, Math.min(best.get(label) ?? Infinity, ms));
  }
}
for (const [label, ms] of best) console.log(`${label.padEnd(44)} best of ${rounds}: ${ms.toFixed(0).padStart(6)} ms`);
