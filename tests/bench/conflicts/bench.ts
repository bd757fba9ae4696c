/**
 * Conflict-engine benchmark (not a test): seeded synthetic data, 10 000 zones × 100 000 parcels in a
 * 100 km square. Runs (1) the engine, (2) a naive all-pairs loop on a sample of zones, extrapolated,
 * and (3) PostGIS (GiST index, ST_Intersects + ST_Area(ST_Intersection)), checks that all find the
 * same pairs with areas within 0.1 %, and prints times and ratios.
 *
 * Run through `tests/bench/conflicts/run.sh`, which starts a loopback PostgreSQL + PostGIS and sets
 * PGHOST/PGPORT/PGUSER/PGDATABASE. Options: `--zones N --parcels N --naive-sample N --repeat N
 * --no-postgis`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConflicts } from '../../../src/core/conflicts/check-conflicts';
import { intersectionArea } from '../../../src/core/conflicts/exact-overlap';
import { createTransverseMercator } from '../../../src/core/conflicts/metric-projection';
import { projectGeometry } from '../../../src/core/conflicts/planar-shape';
import type { AreaShape } from '../../../src/core/conflicts/planar-shape';
import type { RuleSet } from '../../../src/core/conflicts/rule-schema';
import { generate, ISSUE_SPEC, mulberry32 } from './synthetic-data';
import type { SyntheticPolygon } from './synthetic-data';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}
const spec = { ...ISSUE_SPEC, zones: arg('zones', ISSUE_SPEC.zones), parcels: arg('parcels', ISSUE_SPEC.parcels) };
const naiveSample = arg('naive-sample', 20);
const repeat = arg('repeat', 3);
const usePostgis = !process.argv.includes('--no-postgis');

const ruleSet: RuleSet = {
  id: 'bench',
  version: '1.0.0',
  updated: '2026-01-01',
  rules: [
    {
      id: 'zone-x-parcel',
      version: 1,
      title: 'zone overlaps parcel',
      enabled: true,
      a: { categories: ['bench-zone'] },
      b: { categories: ['bench-parcel'] },
      relation: 'overlap',
      params: { areaToleranceM2: { value: 0, kind: 'configurable-default' } },
      severity: '提示',
      basis: [{ document: 'benchmark', text: 'synthetic', textKind: 'summary' }],
    },
  ],
};

type Pairs = Map<string, number>;
const key = (z: string, p: string): string => `${z}|${p}`;

function timeIt<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, (performance.now() - t0) / 1000];
}

console.log(`data: ${spec.zones} zones × ${spec.parcels} parcels, ${spec.sideM / 1000} km square, seed ${spec.seed}`);
const [data, genS] = timeIt(() => generate(spec));
console.log(`generated in ${genS.toFixed(2)} s`);

// 1. The engine.
const layers = [
  { name: 'zones', features: data.zones.map((z) => z.feature) },
  { name: 'parcels', features: data.parcels.map((p) => p.feature) },
];
const engineTimes: number[] = [];
let enginePairs: Pairs = new Map();
for (let r = 0; r < repeat; r++) {
  const [result, s] = timeIt(() => checkConflicts(layers, ruleSet, { overlapGeometry: false, hashLayers: false }));
  if (!result.ok) throw new Error(result.message);
  engineTimes.push(s);
  enginePairs = new Map(result.report.findings.map((f) => [key(f.a.id, f.b?.id ?? ''), f.overlapAreaM2 ?? 0]));
}
const [, hashS] = timeIt(() => checkConflicts(layers, ruleSet, { overlapGeometry: false, hashLayers: true }));
const engineS = Math.min(...engineTimes);
console.log(`engine: ${enginePairs.size} pairs, runs ${engineTimes.map((t) => t.toFixed(2)).join(' / ')} s; with layer hashes ${hashS.toFixed(2)} s`);

// 2. Naive all-pairs loop on a sample of zones (exact test on every pair, no index, no box shortcut).
const projection = createTransverseMercator(111);
const toShape = (p: SyntheticPolygon): AreaShape => {
  const r = projectGeometry(p.feature.geometry, projection);
  if (!r.ok || r.shape.kind !== 'area') throw new Error(`bad synthetic polygon ${p.feature.properties.id}`);
  return r.shape;
};
const parcelShapes = data.parcels.map(toShape);
const rand = mulberry32(7);
const sample = Array.from({ length: Math.min(naiveSample, data.zones.length) }, () => Math.floor(rand() * data.zones.length));
const sampleZones = [...new Set(sample)].map((i) => data.zones[i] as SyntheticPolygon);
const naivePairs: Pairs = new Map();
const [, naiveSampleS] = timeIt(() => {
  for (const z of sampleZones) {
    const zs = toShape(z);
    for (let j = 0; j < parcelShapes.length; j++) {
      const area = intersectionArea(zs, parcelShapes[j] as AreaShape, undefined, false);
      if (area > 0) naivePairs.set(key(z.feature.properties.id, (data.parcels[j] as SyntheticPolygon).feature.properties.id), area);
    }
  }
});
const naiveS = (naiveSampleS / sampleZones.length) * data.zones.length;
const [, boxSampleS] = timeIt(() => {
  let n = 0;
  for (const z of sampleZones) {
    const zs = toShape(z);
    for (const ps of parcelShapes) if (intersectionArea(zs, ps) > 0) n++;
  }
  return n;
});
const boxS = (boxSampleS / sampleZones.length) * data.zones.length;
console.log(`naive: ${sampleZones.length} zones × ${parcelShapes.length} parcels in ${naiveSampleS.toFixed(2)} s → ${naiveS.toFixed(0)} s extrapolated; with box shortcut → ${boxS.toFixed(1)} s`);

// 3. PostGIS.
let pgS: number | null = null;
let pgPairs: Pairs | null = null;
let pgVersion = '';
if (usePostgis) {
  const dir = mkdtempSync(join(tmpdir(), 'conflict-bench-'));
  const psql = (sql: string): string =>
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wkt = (p: SyntheticPolygon): string =>
    `SRID=4546;POLYGON(${p.metricRings.map((ring) => `(${ring.map(([x, y]) => `${x} ${y}`).join(',')})`).join(',')})`;
  writeFileSync(join(dir, 'zones.tsv'), data.zones.map((z) => `${z.feature.properties.id}\t${wkt(z)}`).join('\n') + '\n');
  writeFileSync(join(dir, 'parcels.tsv'), data.parcels.map((p) => `${p.feature.properties.id}\t${wkt(p)}`).join('\n') + '\n');
  pgVersion = psql('SELECT postgis_full_version()').trim().split(' ').slice(0, 2).join(' ');
  psql('SET client_min_messages = warning; DROP TABLE IF EXISTS zones; DROP TABLE IF EXISTS parcels; CREATE TABLE zones (id text PRIMARY KEY, geom geometry(Polygon, 4546)); CREATE TABLE parcels (id text PRIMARY KEY, geom geometry(Polygon, 4546));');
  psql(`\\copy zones FROM '${join(dir, 'zones.tsv')}'`);
  psql(`\\copy parcels FROM '${join(dir, 'parcels.tsv')}'`);
  psql('CREATE INDEX zones_gix ON zones USING gist (geom); CREATE INDEX parcels_gix ON parcels USING gist (geom);');
  psql('VACUUM ANALYZE zones');
  psql('VACUUM ANALYZE parcels');
  const out = join(dir, 'pairs.tsv');
  const query =
    'SELECT z.id, p.id, ST_Area(ST_Intersection(z.geom, p.geom)) FROM zones z JOIN parcels p ON ST_Intersects(z.geom, p.geom)';
  const pgTimes: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const [, s] = timeIt(() =>
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'SET max_parallel_workers_per_gather = 0', '-c', `\\copy (${query}) TO '${out}'`]),
    );
    pgTimes.push(s);
  }
  pgS = Math.min(...pgTimes);
  pgPairs = new Map();
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line === '') continue;
    const [z, p, a] = line.split('\t');
    const area = Number(a);
    if (area > 0) pgPairs.set(key(z as string, p as string), area);
  }
  console.log(`postgis (${pgVersion}): ${pgPairs.size} pairs with area > 0, runs ${pgTimes.map((t) => t.toFixed(2)).join(' / ')} s`);
  console.log(`plan: ${psql(`EXPLAIN ${query}`).split('\n').map((l) => l.trim()).join(' | ')}`);
  rmSync(dir, { recursive: true });
}

// 4. Agreement.
function compare(name: string, reference: Pairs, other: Pairs, restrictTo?: Set<string>): boolean {
  let missing = 0;
  let extra = 0;
  let worst = 0;
  let worstKey = '';
  const inScope = (k: string): boolean => restrictTo === undefined || restrictTo.has(k.split('|')[0] as string);
  for (const [k, a] of reference) {
    if (!inScope(k)) continue;
    const b = other.get(k);
    if (b === undefined) {
      if (a > 1e-6) missing++;
      continue;
    }
    const rel = Math.abs(a - b) / Math.max(a, b);
    if (a > 1e-3 && rel > worst) {
      worst = rel;
      worstKey = k;
    }
  }
  for (const [k, b] of other) if (inScope(k) && !reference.has(k) && b > 1e-6) extra++;
  const ok = missing === 0 && extra === 0 && worst <= 1e-3;
  console.log(`${name}: missing ${missing}, extra ${extra}, worst area difference ${(worst * 100).toFixed(5)} % ${worstKey} → ${ok ? 'OK' : 'MISMATCH'}`);
  return ok;
}
const sampled = new Set(sampleZones.map((z) => z.feature.properties.id));
let agree = compare('engine vs naive (sampled zones)', enginePairs, naivePairs, sampled);
if (pgPairs !== null) agree = compare('engine vs PostGIS', enginePairs, pgPairs) && agree;

const row = (name: string, s: number | null, note: string): string =>
  `| ${name} | ${s === null ? '—' : s.toFixed(2)} | ${s === null ? '—' : (s / engineS).toFixed(1)} × | ${note} |`;
console.log(`\nmachine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| contestant | time (s) | vs engine | note |');
console.log('|---|---|---|---|');
console.log(row('engine (Node, 1 thread)', engineS, `best of ${repeat}; ${enginePairs.size} pairs`));
console.log(row('engine + layer hashes', hashS, 'SHA-256 of both layers\' canonical JSON'));
console.log(row('PostGIS', pgS, pgS === null ? 'skipped' : `best of ${repeat}; parallel workers off; ${pgVersion}`));
console.log(row('naive all-pairs (extrapolated)', naiveS, `${sampleZones.length} zones sampled, exact test per pair`));
console.log(row('all-pairs + bbox check (extrapolated)', boxS, 'same sample, box shortcut before the exact test'));
if (pgS !== null) console.log(`\nengine / PostGIS = ${(engineS / pgS).toFixed(2)} (target ≤ 1.5); naive / engine = ${(naiveS / engineS).toFixed(0)} (target ≥ 100)`);
console.log(agree ? 'all contestants agree' : 'CONTESTANTS DISAGREE');
process.exitCode = agree ? 0 : 1;
