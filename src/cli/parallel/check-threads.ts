import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { mergePartialReports } from '../../core/conflicts/check-conflicts';
import type { CheckResult } from '../../core/conflicts/check-conflicts';
import { duplicateRejection } from '../../core/conflicts/prepare-features';
import type { ConflictReport, GeometryNote, LayerRecord, RejectedFeature } from '../../core/conflicts/report';
import type { RuleSet } from '../../core/conflicts/rule-schema';
import { traceOf } from './check-thread';
import type { CheckThreadInput, CountedMessage, PreparedMessage, ReportMessage, ThreadCheckOptions, ThreadJob, ToThread } from './check-thread';
import { isLineDelimited, lineRanges } from './layer-files';
import type { LayerFileSpec } from './layer-files';

/** What {@link checkInThreads} checks. */
export interface ThreadedCheck {
  files: LayerFileSpec[];
  ruleSet: RuleSet;
  options: ThreadCheckOptions;
  /** Newline-delimited files of at least this many bytes are split into one byte range per thread (default 4 MiB). */
  splitBytes?: number;
}

/** A threaded check's answer: the engine's result, or why the files could not be read. */
export type CheckThreadResult = CheckResult | { ok: false; reason: 'bad-input'; message: string };

/** Splits the layer files into jobs (large newline-delimited files into ranges) and deals them to threads. */
function planJobs(files: readonly LayerFileSpec[], threads: number, splitBytes: number): { jobs: ThreadJob[]; owner: number[] } {
  const jobs: ThreadJob[] = [];
  const owner: number[] = [];
  const load = new Array<number>(threads).fill(0);
  const sizes = files.map((f) => {
    try {
      return statSync(f.path).size;
    } catch {
      return 0;
    }
  });
  files.forEach((file, layer) => {
    const size = sizes[layer] as number;
    const base = { layer, path: file.path, name: basename(file.path), ...(file.category === undefined ? {} : { category: file.category }) };
    if (threads > 1 && isLineDelimited(file.path) && size >= splitBytes) {
      const ranges = lineRanges(file.path, threads);
      ranges.forEach((range, k) => {
        owner.push(k % threads);
        load[k % threads] = (load[k % threads] as number) + (range.end - range.start);
        jobs.push({ job: jobs.length, ...base, range });
      });
      if (ranges.length > 0) return;
    }
    const least = load.indexOf(Math.min(...load));
    owner.push(least);
    load[least] = (load[least] as number) + size;
    jobs.push({ job: jobs.length, ...base, range: null });
  });
  return { jobs, owner };
}

/** The first read error in the order a single-threaded run meets them (layer by layer; parse errors before feature errors). */
function firstError(jobs: readonly ThreadJob[], counted: ReadonlyMap<number, CountedMessage['jobs'][number]>): string | null {
  const layers = [...new Set(jobs.map((j) => j.layer))];
  for (const layer of layers) {
    const mine = jobs.filter((j) => j.layer === layer);
    let lineOffset = 0;
    for (const j of mine) {
      const c = counted.get(j.job);
      if (c?.error?.kind === 'message') return c.error.message;
      if (c?.error?.kind === 'line') return `${j.path} is not JSON: line ${lineOffset + c.error.lineNo}: ${c.error.detail}`;
      lineOffset += Math.max(0, (c?.lines ?? 1) - 1);
    }
    let featureOffset = 0;
    for (const j of mine) {
      const c = counted.get(j.job);
      if (c?.error?.kind === 'feature') return c.error.message.replace(`(features.${c.error.index}`, `(features.${featureOffset + c.error.index}`);
      featureOffset += c?.features ?? 0;
    }
  }
  return null;
}

/**
 * Runs one check on `threads` worker threads and returns the report of a single-threaded run. Each thread reads
 * its share of the input (whole files, dealt by size, and one byte range of each large newline-delimited file),
 * validates and projects it; the pieces are joined here (feature numbering, duplicate ids, layer hashes, rejected
 * features and notes in input order) and shared with every thread, which checks every `threads`-th side-A feature
 * of each rule (`CheckOptions.partition`); the partial reports are merged. A thread that crashes rejects.
 * `CHECK_THREADS_TRACE=1` logs the phases' times to stderr.
 */
export async function checkInThreads(input: ThreadedCheck, threads: number): Promise<CheckThreadResult> {
  process.env['CHECK_THREADS_T0'] ??= String(performance.timeOrigin);
  const trace = traceOf('main');
  const { jobs, owner } = planJobs(input.files, threads, input.splitBytes ?? 4 << 20);
  const entry = await threadEntry();
  const workers: Worker[] = [];
  const inbox: Array<Array<(m: CountedMessage | PreparedMessage | ReportMessage) => void>> = [];
  let failed: ((e: unknown) => void) | null = null;
  const crashed = new Promise<never>((_, reject) => {
    failed = reject;
  });
  for (let t = 0; t < threads; t++) {
    const data: CheckThreadInput = { jobs: jobs.filter((_, k) => owner[k] === t), ruleSet: input.ruleSet, options: input.options, partition: { index: t, count: threads } };
    // Each thread may hold every feature once: give it the main thread's heap limit (--max-old-space-size).
    const worker = new Worker(entry.code, { eval: true, workerData: data, resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20) } });
    const queue: Array<(m: CountedMessage | PreparedMessage | ReportMessage) => void> = [];
    inbox.push(queue);
    worker.on('message', (m: CountedMessage | PreparedMessage | ReportMessage) => queue.shift()?.(m));
    worker.once('error', (e) => failed?.(e));
    workers.push(worker);
  }
  const receive = <M>(t: number): Promise<M> => Promise.race([new Promise<M>((resolve) => inbox[t]?.push((m) => resolve(m as M))), crashed]);
  const send = (m: ToThread): void => workers.forEach((w) => w.postMessage(m));
  try {
    const counted = await Promise.all(workers.map((_, t) => receive<CountedMessage>(t)));
    trace('counted');
    const byJob = new Map(counted.flatMap((m) => m.jobs).map((j) => [j.job, j]));
    const error = firstError(jobs, byJob);
    if (error !== null) return { ok: false, reason: 'bad-input', message: error };
    const offsets = new Map<number, number>();
    const layerCount = new Map<number, number>();
    for (const j of jobs) {
      const before = layerCount.get(j.layer) ?? 0;
      offsets.set(j.job, before);
      layerCount.set(j.layer, before + (byJob.get(j.job)?.features ?? 0));
    }
    send({ type: 'offsets', offsets: jobs.map((j) => ({ job: j.job, featureOffset: offsets.get(j.job) ?? 0 })) });
    const prepared = await Promise.all(workers.map((_, t) => receive<PreparedMessage>(t)));
    trace('prepared');
    const parts = new Map(prepared.flatMap((m) => m.jobs).map((j) => [j.job, j]));
    const joined = joinPieces(input.files, jobs, parts, layerCount);
    send({ type: 'assemble', pieces: jobs.map((j) => (parts.get(j.job) as PreparedMessage['jobs'][number]).piece), drop: joined.drop });
    trace('joined');
    const reports = await Promise.all(workers.map((_, t) => receive<ReportMessage>(t)));
    trace('reports');
    const results = reports.map((r) => r.result);
    const bad = results.find((r) => !r.ok);
    if (bad !== undefined) return bad;
    const partial = results.map((r) => (r as Extract<CheckResult, { ok: true }>).report);
    const merged = mergePartialReports(partial, inputRanks(partial, jobs, parts));
    trace('merged');
    return { ok: true, report: { ...merged, layers: joined.layers, rejected: joined.rejected, geometryNotes: joined.notes } };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    entry.cleanup();
  }
}

/**
 * The code a check thread starts with: check-thread.ts bundled once by esbuild (the TypeScript compiler tsx uses)
 * into a temporary module, so that threads start without a TypeScript loader of their own; when esbuild is not
 * there, the entry through tsx's loader, as `npm run check` runs the main thread.
 */
async function threadEntry(): Promise<{ code: string; cleanup: () => void }> {
  const source = new URL('./check-thread.ts', import.meta.url);
  try {
    const esbuild = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'check-thread-'));
    const out = join(dir, 'check-thread.mjs');
    await esbuild.build({
      entryPoints: [fileURLToPath(source)],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      // Bundled CommonJS packages call require().
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return { code: `import(${JSON.stringify(pathToFileURL(out).href)});`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
    return { code, cleanup: () => undefined };
  }
}

/** Input position of every feature that is side A of a touching pair (ids are unique among checked features). */
function inputRanks(reports: readonly ConflictReport[], jobs: readonly ThreadJob[], parts: ReadonlyMap<number, PreparedMessage['jobs'][number]>): (id: string) => number {
  const wanted = new Set(reports.flatMap((r) => r.rules.flatMap((run) => run.touching.map((p) => p[0]))));
  const rank = new Map<string, number>();
  let n = 0;
  for (const j of jobs) {
    for (const id of (parts.get(j.job) as PreparedMessage['jobs'][number]).candIds) {
      if (wanted.has(id) && !rank.has(id)) rank.set(id, n);
      n++;
    }
  }
  return (id) => rank.get(id) ?? n;
}

/** Joins the pieces as prepareFeatures would have read the layers in one run. */
function joinPieces(
  files: readonly LayerFileSpec[],
  jobs: readonly ThreadJob[],
  parts: ReadonlyMap<number, PreparedMessage['jobs'][number]>,
  layerCount: ReadonlyMap<number, number>,
): { layers: LayerRecord[]; rejected: RejectedFeature[]; notes: GeometryNote[]; drop: Array<[number, number[]]> } {
  const layers: LayerRecord[] = [];
  const rejected: RejectedFeature[] = [];
  const notes: GeometryNote[] = [];
  const drop: Array<[number, number[]]> = [];
  const seen = new Set<string>();
  files.forEach((file, layer) => {
    const mine = jobs.filter((j) => j.layer === layer);
    const name = basename(file.path);
    let hash: string | null = null;
    let inactive = 0;
    const hasher = createHash('sha256').update('[');
    let first = true;
    for (const j of mine) {
      const part = parts.get(j.job) as PreparedMessage['jobs'][number];
      inactive += part.inactive;
      if (part.hash !== null) hash = part.hash;
      if (part.canonical !== null && part.canonical.length > 0) {
        if (!first) hasher.update(',');
        hasher.update(part.canonical);
        first = false;
      }
      const duplicates = new Set<number>();
      const dropped: number[] = [];
      const extra: RejectedFeature[] = [];
      for (let k = 0; k < part.candIds.length; k++) {
        const id = part.candIds[k] as string;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        const at = part.candAt[k] as number;
        duplicates.add(at);
        extra.push(duplicateRejection(name, at, id));
        const slot = part.candSlot[k] as number;
        if (slot >= 0) dropped.push(slot);
      }
      if (dropped.length > 0) drop.push([j.job, dropped]);
      const kept = part.rejected.filter((r) => !duplicates.has(r.index));
      rejected.push(...(extra.length === 0 ? kept : [...kept, ...extra].sort((x, y) => x.index - y.index)));
      for (const n of part.notes) if (!duplicates.has(n.at)) notes.push(n.note);
    }
    if (hash === null) hash = `sha256:${hasher.update(']').digest('hex')}`;
    layers.push({ name, featureCount: layerCount.get(layer) ?? 0, inactiveCount: inactive, hash });
  });
  return { layers, rejected, notes, drop };
}
