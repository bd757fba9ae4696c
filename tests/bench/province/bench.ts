/**
 * Province-scale benchmark (not a test): 10 000 zones against a 三调-like parcel tiling of growing size (default
 * 100 k, 500 k, 1 M, 2 M), written as newline-delimited GeoJSON. Contestants, each on the same files and rule:
 * - the CLI engine (`src/cli/check.ts`, streamed NDJSON input) on 1 thread and on `--threads` threads, end to
 *   end (read, parse, project, index, check, write CSV), timed with /usr/bin/time (wall, peak RSS);
 * - PostGIS 3 in a throw-away cluster with `max_parallel_workers_per_gather` = the same thread count, the data
 *   loaded and indexed once (load time reported apart), then the rule's query timed alone; peak memory is the
 *   largest sum of the postgres processes' RSS sampled every 0.2 s.
 * Every contestant must find the same pairs (compared by count and by a digest of the pair list).
 * Engine runs are watched: one whose resident memory passes `--mem-limit-gb` (default 18 of the box's 23 GB) is
 * stopped and reported as such. PostGIS gets its layers by a streamed COPY (pg-load.ts).
 * Usage: npx tsx tests/bench/province/bench.ts [--sizes 100000,2000000] [--zones 10000] [--threads 2] [--no-postgis]
 *   [--mem-limit-gb 18] [--repeat 3]
 * With `--repeat N`, the engine runs (1 thread and N threads alternately) and the PostGIS query are repeated and
 * the median time is given, with every run's time beside it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseRuleSet } from '../../../src/core/conflicts/rule-schema';
import { resolveRules } from '../../../src/core/conflicts/rule-schema';
import { pairRuleSql } from '../../../src/cli/postgis/rule-sql';
import { runPsql } from '../../../src/cli/postgis/psql';
import { startPgCluster } from '../../unit/cli/postgis/pg-cluster';
import { writeParcels, writeZones } from './generate';
import { loadLayersStreamed } from './pg-load';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}
const sizes = arg('sizes', '100000,500000,1000000,2000000').split(',').map(Number);
const zoneCount = Number(arg('zones', '10000'));
const threads = Number(arg('threads', '2'));
const usePostgis = !process.argv.includes('--no-postgis');
/** Engine runs per thread count (alternating), and PostGIS queries, per size; the median is reported. */
const repeat = Number(arg('repeat', '1'));
/** An engine run whose resident memory passes this is stopped (and reported so), so the box never runs out. */
const memLimitGb = Number(arg('mem-limit-gb', '18'));
const memLimitKb = memLimitGb * 2 ** 20;
const started = performance.now();
const log = (m: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${m}`);

const rules = {
  id: 'province-bench',
  version: '1.0.0',
  updated: '2026-12-02',
  rules: [
    {
      id: 'zone-x-parcel',
      version: 1,
      title: 'zone overlaps parcel',
      enabled: true,
      a: { categories: ['bench-zone'] },
      b: { categories: ['bench-parcel'] },
      relation: 'overlap',
      params: { areaToleranceM2: { value: 1, kind: 'configurable-default' } },
      severity: '提示',
      basis: [{ document: 'benchmark', text: 'synthetic', textKind: 'summary' }],
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'province-bench-'));
const rulesPath = join(dir, 'rules.json');
writeFileSync(rulesPath, JSON.stringify(rules));
const maxSize = Math.max(...sizes);
const zonesPath = join(dir, 'zones.ndjson');
const side = Math.ceil(Math.sqrt(maxSize)) * 120;
writeZones(zonesPath, zoneCount, side, 20_261_202);

interface Row {
  contestant: string;
  parcels: number;
  seconds: number;
  peakMiB: number;
  pairs: number;
  digest: string;
  /** Engine: where the time went (from CHECK_THREADS_TRACE); PostGIS: the load and index time. */
  phases: string;
}
const rows: Row[] = [];

function digestOf(pairs: string[]): string {
  return createHash('sha256').update(pairs.sort().join('\n')).digest('hex').slice(0, 12);
}

/** The pid of the process /usr/bin/time started (its only child). */
function childOf(pid: number): number | null {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first === undefined || first === '' ? null : Number(first);
  } catch {
    return null;
  }
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]);
  } catch {
    return 0;
  }
}

/** Pairs (aId|bId) of an engine CSV, read line by line. */
async function csvPairs(path: string): Promise<string[]> {
  const pairs: string[] = [];
  let ia = -1;
  let ib = -1;
  for await (const raw of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line === '') continue;
    const c = line.split(',');
    if (ia < 0) {
      ia = c.indexOf('aId');
      ib = c.indexOf('bId');
      continue;
    }
    pairs.push(`${c[ia]}|${c[ib]}`);
  }
  return pairs;
}

/** One engine run: its time, peak memory, pairs and phases, or null when it was stopped for its memory. */
interface EngineRun {
  seconds: number;
  peakMiB: number;
  pairs: number;
  digest: string;
  phases: string;
}

async function runEngine(parcelsPath: string, t: number): Promise<EngineRun | null> {
  const out = join(dir, `engine-${t}.csv`);
  const fd = openSync(out, 'w');
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%e %M', 'node', '--max-old-space-size=16000', '--single-threaded-gc', 'src/cli/run.js', 'check', zonesPath, parcelsPath,
      '--rules', rulesPath, '--format', 'csv', '--threads', String(t), '--time', '2026-12-02T00:00:00Z'],
    { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, CHECK_THREADS_TRACE: '1' } },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  let killed = false;
  const watch = setInterval(() => {
    const node = childOf(child.pid ?? -1);
    if (node !== null && rssKb(node) > memLimitKb) {
      killed = true;
      process.kill(node, 'SIGKILL');
    }
  }, 250);
  const [status] = (await once(child, 'exit')) as [number | null];
  clearInterval(watch);
  closeSync(fd);
  const last = stderr.trim().split('\n').at(-1) ?? '';
  const at = (what: string): number => Number(new RegExp(`\\[(\\d+) ms\\] main: ${what}`).exec(stderr)?.[1] ?? NaN) / 1000;
  const started = Math.min(...[...stderr.matchAll(/\[(\d+) ms\] thread \d+: started/g)].map((m) => Number(m[1]) / 1000));
  const phases = `threads started ${started.toFixed(1)}, read+packed ${(at('prepared') - started).toFixed(1)}, checked+rows ${(at('reports') - at('joined')).toFixed(1)}`;
  const [secs, kb] = last.split(' ').map(Number) as [number, number];
  if (killed) return null;
  if (status !== 1 && status !== 0) throw new Error(`engine failed (${String(status)}): ${stderr.slice(-2000)}`);
  const pairs = await csvPairs(out);
  rmSync(out, { force: true });
  // Only the count and digest are kept, so that this process stays small while the next run is timed.
  return { seconds: secs, peakMiB: kb / 1024, pairs: pairs.length, digest: digestOf(pairs), phases };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Runs 1 thread and `threads` threads alternately `repeat` times; a row per thread count with the median time. */
async function runEngines(parcelsPath: string, n: number): Promise<void> {
  const runs = new Map<number, EngineRun[]>([[1, []], [threads, []]]);
  for (let r = 0; r < repeat; r++) {
    for (const t of [1, threads]) {
      const run = await runEngine(parcelsPath, t);
      const contestant = `engine, ${t} thread${t > 1 ? 's' : ''}`;
      if (run === null) {
        rows.push({ contestant: `${contestant} (stopped: over ${memLimitGb} GB)`, parcels: n, seconds: NaN, peakMiB: memLimitKb / 1024, pairs: 0, digest: '-', phases: '-' });
        return;
      }
      runs.get(t)?.push(run);
      log(`${n}: engine ${t} thread(s), run ${r + 1}: ${run.seconds.toFixed(2)} s`);
    }
  }
  for (const t of [1, threads]) {
    const mine = runs.get(t) ?? [];
    const digests = new Set(mine.map((m) => m.digest));
    if (digests.size !== 1) throw new Error(`engine runs with ${t} thread(s) found different pairs`);
    const mid = median(mine.map((m) => m.seconds));
    const middle = mine.reduce((best, m) => (Math.abs(m.seconds - mid) < Math.abs(best.seconds - mid) ? m : best));
    const times = mine.length > 1 ? `runs ${mine.map((m) => m.seconds.toFixed(2)).join(', ')}; median run: ` : '';
    rows.push({ contestant: `engine, ${t} thread${t > 1 ? 's' : ''}`, parcels: n, seconds: mid, peakMiB: Math.max(...mine.map((m) => m.peakMiB)), pairs: middle.pairs, digest: [...digests][0] as string, phases: `${times}${middle.phases}` });
  }
}

async function main(): Promise<void> {
  const cluster = usePostgis
    ? await startPgCluster([`max_parallel_workers_per_gather=${threads}`, 'shared_buffers=2GB', 'work_mem=256MB', 'max_wal_size=8GB', 'parallel_setup_cost=100', 'parallel_tuple_cost=0.01'])
    : null;
  try {
    for (const n of sizes) {
      const parcelsPath = join(dir, `parcels-${n}.ndjson`);
      writeParcels(parcelsPath, n, 7);
      log(`${n} parcels written`);
      await runEngines(parcelsPath, n);
      if (cluster !== null) {
        const parsed = parseRuleSet(rules);
        if (!parsed.ok) throw new Error(parsed.message);
        const t0 = performance.now();
        await loadLayersStreamed(cluster.connection, `bench_${n}`, [zonesPath, parcelsPath]);
        const loadS = (performance.now() - t0) / 1000;
        const effective = resolveRules(parsed.value);
        if (!effective.ok) throw new Error(effective.message);
        const sql = pairRuleSql(`bench_${n}`, effective.value[0]!, false);
        const sampler = spawn('bash', ['-c', 'while true; do ps -C postgres -o rss= | awk "{s+=\\$1} END {print s}"; sleep 0.2; done'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let peakKb = 0;
        sampler.stdout.on('data', (b: Buffer) => {
          for (const v of b.toString().split('\n')) peakKb = Math.max(peakKb, Number(v) || 0);
        });
        const times: number[] = [];
        const digests = new Set<string>();
        let count = 0;
        for (let r = 0; r < repeat; r++) {
          const q0 = performance.now();
          const result = runPsql(cluster.connection, `SET max_parallel_workers_per_gather = ${threads};\n${sql}`);
          times.push((performance.now() - q0) / 1000);
          if (!result.ok) throw new Error(result.message);
          const lines = result.stdout.split('\n').filter((l) => l !== '').slice(1);
          const idOf = (i: number): string => (i < zoneCount ? `z${i}` : `p${i - zoneCount}`);
          const pairs = lines
            .map((l) => JSON.parse(l) as { a: number; b: number; v: string })
            .filter((p) => p.v !== 'none')
            .map((p) => `${idOf(p.a)}|${idOf(p.b)}`);
          count = pairs.length;
          digests.add(digestOf(pairs));
          log(`${n}: PostGIS query ${r + 1}: ${times.at(-1)?.toFixed(2)} s`);
        }
        await new Promise((r) => setTimeout(r, 300));
        sampler.kill();
        if (digests.size !== 1) throw new Error('PostGIS queries found different pairs');
        const runs = times.length > 1 ? `runs ${times.map((x) => x.toFixed(2)).join(', ')}; ` : '';
        rows.push({ contestant: `PostGIS, ${threads} parallel workers`, parcels: n, seconds: median(times), peakMiB: peakKb / 1024, pairs: count, digest: [...digests][0] as string, phases: `${runs}query only; load+index ${loadS.toFixed(1)} before it` });
        runPsql(cluster.connection, `DROP SCHEMA bench_${n} CASCADE;`);
      }
      rmSync(parcelsPath, { force: true });
      console.log(rows.filter((r) => r.parcels === n).map((r) => JSON.stringify(r)).join('\n'));
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nmachine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim()}`);
  console.log('| parcels | contestant | time (s) | peak memory (MiB) | pairs | pair digest | phases (s) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.parcels.toLocaleString('en')} | ${r.contestant} | ${r.seconds.toFixed(2)} | ${r.peakMiB.toFixed(0)} | ${r.pairs} | ${r.digest} | ${r.phases} |`);
}

void main();
