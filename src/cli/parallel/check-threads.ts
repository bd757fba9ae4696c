import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { moduleBundle } from '../module-bundle.js';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { mergePartialReports } from '../../core/conflicts/check-conflicts';
import type { CheckResult } from '../../core/conflicts/check-conflicts';
import { duplicateRejection } from '../../core/conflicts/prepare-features';
import { SEVERITIES } from '../../core/conflicts/rule-schema';
import type { ConflictReport, GeometryNote, LayerRecord, RejectedFeature } from '../../core/conflicts/report';
import type { RuleSet } from '../../core/conflicts/rule-schema';
import { RULE_CLAIMS, traceOf } from './check-thread';
import type { CheckThreadInput, CountedMessage, CsvRun, JobError, PreparedMessage, ReportMessage, ThreadCheckOptions, ThreadJob, ToThread } from './check-thread';
import { isLineDelimited, lineRanges } from './layer-files';
import type { LayerFileSpec } from './layer-files';
import { stringAt } from './packed-features';
import { idHash } from './piece-builder';

/**
 * Young generation of a check thread: a feature read is garbage a moment later, and a larger nursery lets more of
 * it die there (500,000 parcels, 1 thread: 6.0 s against 6.5 s with V8's default; tests/bench/RESULTS.md).
 */
const YOUNG_GENERATION_MB = 64;

/**
 * Most byte ranges per thread a large newline-delimited file is split into: the threads claim them as each becomes
 * free, so that the last one to finish waits at most for one small range.
 */
const RANGES_PER_THREAD = 32;

/** What {@link checkInThreads} checks. */
export interface ThreadedCheck {
  files: LayerFileSpec[];
  ruleSet: RuleSet;
  options: ThreadCheckOptions;
  /**
   * Newline-delimited files of at least this many bytes are split into byte ranges (default 4 MiB): with more than
   * one thread, one range per `splitBytes`, at least one and at most {@link RANGES_PER_THREAD} per thread.
   */
  splitBytes?: number;
}

/** The findings of a check with `options.csv`, as CSV rows in report order (without the header). */
export interface CsvBody {
  findings: number;
  /** Hands the rows to `write` in report order, in pieces. */
  write(write: (bytes: Uint8Array) => void): void;
}

/** A threaded check's answer: the engine's result (with `csv`: its findings as rows), or why the files could not be read. */
export type CheckThreadResult = (Extract<CheckResult, { ok: true }> & { csv: CsvBody | null }) | Extract<CheckResult, { ok: false }> | { ok: false; reason: 'bad-input'; message: string };

type PreparedJob = PreparedMessage['jobs'][number];

/**
 * Splits the layer files into jobs: large newline-delimited files into byte ranges, which the threads claim as
 * each becomes free (owner −1), and whole files, dealt to threads by size.
 */
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
    if (isLineDelimited(file.path) && size >= splitBytes) {
      const parts = threads === 1 ? 1 : Math.min(RANGES_PER_THREAD * threads, Math.max(threads, Math.floor(size / splitBytes)));
      const ranges = lineRanges(file.path, parts);
      for (const range of ranges) {
        owner.push(-1);
        jobs.push({ job: jobs.length, ...base, range });
      }
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
function firstError(jobs: readonly ThreadJob[], counts: ReadonlyMap<number, { lines: number; features: number }>, errors: ReadonlyMap<number, JobError | null>): string | null {
  const layers = [...new Set(jobs.map((j) => j.layer))];
  for (const layer of layers) {
    const mine = jobs.filter((j) => j.layer === layer);
    let lineOffset = 0;
    for (const j of mine) {
      const e = errors.get(j.job);
      if (e?.kind === 'message') return e.message;
      if (e?.kind === 'line') return `${j.path} is not JSON: line ${lineOffset + e.lineNo}: ${e.detail}`;
      lineOffset += Math.max(0, (counts.get(j.job)?.lines ?? 1) - 1);
    }
    let featureOffset = 0;
    for (const j of mine) {
      const e = errors.get(j.job);
      if (e?.kind === 'feature') return e.message.replace(`(features.${e.index}`, `(features.${featureOffset + e.index}`);
      featureOffset += counts.get(j.job)?.features ?? 0;
    }
  }
  return null;
}

/**
 * Runs one check on `threads` worker threads and returns the report of a single-threaded run. Each thread reads
 * its share of the input (whole files, dealt by size, and byte ranges of large newline-delimited files, taken by whichever thread is free):
 * it counts the features, then, numbered, validates, projects and packs them into shared memory with an R-tree
 * per piece. The pieces are joined here (duplicate ids, layer hashes, rejected features and notes in input
 * order) and shared with every thread; the threads take blocks of side-A features of each rule as each becomes
 * free (`CheckOptions.claim`), building only the features they meet. With `options.csv` each thread writes its
 * findings as CSV rows, merged here in report order; otherwise the partial reports are merged. A thread that
 * crashes rejects. `CHECK_THREADS_TRACE=1` logs the phases' times to stderr.
 */
export async function checkInThreads(input: ThreadedCheck, threads: number): Promise<CheckThreadResult> {
  process.env['CHECK_THREADS_T0'] ??= String(performance.timeOrigin);
  const trace = traceOf('main');
  trace('start');
  const { jobs, owner } = planJobs(input.files, threads, input.splitBytes ?? 4 << 20);
  const entry = await threadEntry();
  trace('bundle ready');
  const workers: Worker[] = [];
  const inbox: Array<Array<(m: CountedMessage | PreparedMessage | ReportMessage) => void>> = [];
  let failed: ((e: unknown) => void) | null = null;
  const crashed = new Promise<never>((_, reject) => {
    failed = reject;
  });
  const claims = new Int32Array(new SharedArrayBuffer(4 * (RULE_CLAIMS + input.ruleSet.rules.length)));
  for (let t = 0; t < threads; t++) {
    const data: CheckThreadInput = { jobs: jobs.filter((_, k) => owner[k] === t || owner[k] === -1), ruleSet: input.ruleSet, options: input.options, thread: t, claims };
    // A thread may read a large share of the input: give it the main thread's heap limit (--max-old-space-size).
    const worker = new Worker(entry, { eval: true, workerData: data, resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20), maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
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
    const offsets = new Map<number, number>();
    const layerCount = new Map<number, number>();
    for (const j of jobs) {
      const before = layerCount.get(j.layer) ?? 0;
      offsets.set(j.job, before);
      layerCount.set(j.layer, before + (byJob.get(j.job)?.features ?? 0));
    }
    send({ type: 'offsets', offsets: jobs.map((j) => ({ job: j.job, featureOffset: offsets.get(j.job) ?? 0, features: byJob.get(j.job)?.features ?? 0, failed: (byJob.get(j.job)?.error ?? null) !== null })) });
    const prepared = await Promise.all(workers.map((_, t) => receive<PreparedMessage>(t)));
    trace('prepared');
    const parts = new Map(prepared.flatMap((m) => m.jobs).map((j) => [j.job, j]));
    const errors = new Map(jobs.map((j) => [j.job, byJob.get(j.job)?.error ?? parts.get(j.job)?.error ?? null]));
    const error = firstError(jobs, byJob, errors);
    if (error !== null) return { ok: false, reason: 'bad-input', message: error };
    const joined = joinPieces(jobs, parts);
    send({ type: 'assemble', pieces: jobs.map((j) => (parts.get(j.job) as PreparedJob).piece), drop: joined.drop });
    trace('joined');
    // The layer hashes are taken while the threads check.
    const layers = layerRecords(input.files, jobs, parts, layerCount, input.options.hashLayers !== false);
    trace('hashed');
    const reports = await Promise.all(workers.map((_, t) => receive<ReportMessage>(t)));
    trace('reports');
    const bad = reports.find((r) => !r.result.ok);
    if (bad !== undefined) return bad.result as Extract<CheckResult, { ok: false }>;
    const partial = reports.map((r) => (r.result as Extract<CheckResult, { ok: true }>).report);
    const merged = mergePartialReports(partial);
    const rules = merged.rules.map((run, i) => ({ ...run, touching: orderTouching(reports, i) }));
    const report: ConflictReport = { ...merged, rules, layers, rejected: joined.rejected, geometryNotes: joined.notes };
    trace('merged');
    const csv = input.options.csv === undefined ? null : csvBody(report, reports.map((r) => r.csv ?? []));
    return { ok: true, report, csv };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Touching pairs of rule `i` in a single run's order: by the input position of A (stable: B in input order within A). */
function orderTouching(reports: readonly ReportMessage[], i: number): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const ranks: number[] = [];
  for (const r of reports) {
    if (!r.result.ok) continue;
    pairs.push(...(r.result.report.rules[i]?.touching ?? []));
    ranks.push(...(r.touchingRanks[i] ?? []));
  }
  return pairs
    .map((_, k) => k)
    .sort((x, y) => (ranks[x] as number) - (ranks[y] as number) || x - y)
    .map((k) => pairs[k] as [string, string]);
}

/** The threads' CSV rows in report order: rules by severity and id, each rule's rows by A id across threads. */
function csvBody(report: ConflictReport, runs: ReadonlyArray<readonly CsvRun[]>): CsvBody {
  const severity = new Map(SEVERITIES.map((s, k) => [s, k]));
  const order = report.rules
    .map((run, i) => ({ run, i }))
    .sort((x, y) => (severity.get(x.run.severity) as number) - (severity.get(y.run.severity) as number) || (x.run.ruleId < y.run.ruleId ? -1 : x.run.ruleId > y.run.ruleId ? 1 : 0));
  const findings = report.rules.reduce((n, r) => n + r.findings, 0);
  return {
    findings,
    write: (write) => {
      for (const { i } of order) {
        const heads = runs.map((r) => ({ run: r[i] as CsvRun, at: 0, from: 0 }));
        for (;;) {
          let best: (typeof heads)[number] | null = null;
          for (const h of heads) {
            if (h.run === undefined || h.at >= h.run.aIds.length) continue;
            if (best === null || (h.run.aIds[h.at] as string) < (best.run.aIds[best.at] as string)) best = h;
          }
          if (best === null) break;
          let to = best.at;
          // Take the run of A ids that stays below every other thread's next one.
          const others = heads.filter((h) => h !== best && h.run !== undefined && h.at < h.run.aIds.length).map((h) => h.run.aIds[h.at] as string);
          const limit = others.length === 0 ? null : others.reduce((m, s) => (s < m ? s : m));
          while (to < best.run.aIds.length && (limit === null || (best.run.aIds[to] as string) < limit)) to++;
          const end = best.run.ends[to - 1] as number;
          write(best.run.bytes.subarray(best.from, end));
          best.from = end;
          best.at = to;
        }
      }
    },
  };
}

/**
 * The code a check thread starts with: check-thread.ts bundled by esbuild (the TypeScript compiler tsx uses)
 * into a module kept in the temporary directory until its sources change ({@link moduleBundle}), so that
 * threads start without a TypeScript loader of their own; when esbuild is not there, the entry through tsx's
 * loader, as `npm run check` runs the main thread.
 */
async function threadEntry(): Promise<string> {
  const source = new URL('./check-thread.ts', import.meta.url);
  try {
    const bundle = await moduleBundle(fileURLToPath(source), join(tmpdir(), 'gazette-gis-bundles'));
    return `import(${JSON.stringify(pathToFileURL(bundle.path).href)});`;
  } catch {
    return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  }
}

/**
 * Finds ids used twice, in input order, by their 32-bit hashes in an open-addressing table (strings are
 * compared only when hashes meet): the later feature is rejected as {@link prepareFeatures} would, and dropped
 * from its piece. Rejected features and notes come back in input order.
 */
function joinPieces(jobs: readonly ThreadJob[], parts: ReadonlyMap<number, PreparedJob>): { rejected: RejectedFeature[]; notes: GeometryNote[]; drop: Array<[number, number[]]> } {
  const total = jobs.reduce((n, j) => n + (parts.get(j.job) as PreparedJob).candSlot.length, 0);
  let size = 1024;
  while (size < 2 * total) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const hashes = new Uint32Array(total);
  const candJob = new Int32Array(total);
  const candK = new Int32Array(total);
  const slotless = new Map<number, Map<number, string>>();
  const idOf = (n: number): string => {
    const part = parts.get(jobs[candJob[n] as number]?.job as number) as PreparedJob;
    const k = candK[n] as number;
    const slot = part.candSlot[k] as number;
    if (slot >= 0) return stringAt(part.piece.ids, slot) as string;
    return slotless.get(candJob[n] as number)?.get(k) as string;
  };
  const rejected: RejectedFeature[] = [];
  const notes: GeometryNote[] = [];
  const drop: Array<[number, number[]]> = [];
  let n = 0;
  jobs.forEach((j, jobAt) => {
    const part = parts.get(j.job) as PreparedJob;
    slotless.set(jobAt, new Map(part.slotlessIds));
    const duplicates = new Set<number>();
    const dropped: number[] = [];
    const extra: RejectedFeature[] = [];
    for (let k = 0; k < part.candSlot.length; k++, n++) {
      const slot = part.candSlot[k] as number;
      const h = slot >= 0 ? (part.piece.idHash[slot] as number) : idHash(slotless.get(jobAt)?.get(k) as string);
      hashes[n] = h;
      candJob[n] = jobAt;
      candK[n] = k;
      let at = h & (size - 1);
      let twice = false;
      for (;;) {
        const other = table[at] as number;
        if (other < 0) break;
        if (hashes[other] === h && idOf(other) === idOf(n)) {
          twice = true;
          break;
        }
        at = (at + 1) & (size - 1);
      }
      if (!twice) {
        table[at] = n;
        continue;
      }
      const index = part.candAt[k] as number;
      duplicates.add(index);
      extra.push(duplicateRejection(j.name, index, idOf(n)));
      if (slot >= 0) dropped.push(slot);
    }
    if (dropped.length > 0) drop.push([jobAt, dropped]);
    const kept = part.rejected.filter((r) => !duplicates.has(r.index));
    rejected.push(...(extra.length === 0 ? kept : [...kept, ...extra].sort((x, y) => x.index - y.index)));
    for (const note of part.notes) if (!duplicates.has(note.at)) notes.push(note.note);
  });
  return { rejected, notes, drop };
}

/** The layer records: counts, and hashes unless switched off (whole files: the thread's; ranges: the pieces' canonical JSON joined). */
function layerRecords(
  files: readonly LayerFileSpec[],
  jobs: readonly ThreadJob[],
  parts: ReadonlyMap<number, PreparedJob>,
  layerCount: ReadonlyMap<number, number>,
  hashLayers: boolean,
): LayerRecord[] {
  return files.map((file, layer) => {
    const mine = jobs.filter((j) => j.layer === layer);
    let hash: string | null = null;
    let inactive = 0;
    const hasher = createHash('sha256').update('[');
    let first = true;
    for (const j of mine) {
      const part = parts.get(j.job) as PreparedJob;
      inactive += part.inactive;
      if (part.hash !== null) hash = part.hash;
      if (part.canonical.length > 0) {
        if (!first) hasher.update(',');
        for (const chunk of part.canonical) hasher.update(chunk);
        first = false;
      }
    }
    if (hashLayers) hash ??= `sha256:${hasher.update(']').digest('hex')}`;
    return { name: basename(file.path), featureCount: layerCount.get(layer) ?? 0, inactiveCount: inactive, hash };
  });
}
