/**
 * Times the large-import worker's stages in Node (no browser): read, decode, parse/validate
 * (importFile), accept, serialise, and the compliance check against the embedded layers.
 * Run: `npx tsx tests/bench/large-import/profile-stages.ts [count]`.
 */
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeLargeGeoJson } from './generate';
import { acceptPreview, importFile } from '../../../src/core/io/index';
import { checkConflicts } from '../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../src/core/conflicts/rule-schema';

const count = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'large-prof-'));
const file = join(dir, 'big.geojson');
await writeLargeGeoJson(file, count, 20241123);
const lap = (() => {
  let t = performance.now();
  return (label: string): void => {
    const now = performance.now();
    console.log(`${label.padEnd(28)} ${((now - t) / 1000).toFixed(2)} s`);
    t = now;
  };
})();
const bytes = new Uint8Array(readFileSync(file));
lap(`read ${(bytes.length / 1e6).toFixed(1)} MB`);
const preview = importFile(bytes, 'big.geojson', {});
lap('importFile');
if (!preview.ok) throw new Error('import failed');
const accepted = acceptPreview(preview, { idPrefix: 'imp1', allowErrors: true });
lap('acceptPreview');
if (!accepted.ok) throw new Error('accept failed');
const parts: string[] = [];
for (const f of accepted.features) parts.push(JSON.stringify(f));
lap('serialise');
const layers = readdirSync('data/layers').filter((n) => n.endsWith('.geojson'));
const others = layers.map((n) => ({ name: n, features: (JSON.parse(readFileSync(join('data/layers', n), 'utf8')) as { features: [] }).features }));
const all = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!all.ok) throw new Error(all.message);
const cat = 'permanent-basic-farmland';
const rules = parseRuleSet({ ...all.value, rules: all.value.rules.filter((r) => r.a.categories?.includes(cat) === true || r.b.categories?.includes(cat) === true) });
if (!rules.ok) throw new Error(rules.message);
const features = accepted.features.map((f) => ({ ...f, properties: { ...f.properties, category: 'permanent-basic-farmland' } }));
lap('prepare check');
const result = checkConflicts([{ name: 'big', features }, ...others], rules.value, { now: () => new Date(0), hashLayers: false });
lap('checkConflicts');
if (result.ok) {
  const nominal = result.report.findings.filter((f) => f.nominal).length;
  console.log(`findings ${result.report.findings.length} (nominal ${nominal})`);
}
