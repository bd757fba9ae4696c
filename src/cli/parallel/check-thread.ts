import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Feature, Geometry } from 'geojson';
import { checkPrepared, orderFindings, repairTolerance } from '../../core/conflicts/check-conflicts';
import type { CheckOptions, CheckResult } from '../../core/conflicts/check-conflicts';
import { featureProblem, toInputLayer, withImportDefaults } from '../../core/conflicts/input-layer';
import { appendCanonicalJson, layerHash } from '../../core/conflicts/layer-hash';
import { csvLineWriter } from '../../core/conflicts/report-export';
import type { Finding, GeometryNote, RejectedFeature, RuleRun } from '../../core/conflicts/report';
import type { RuleSet } from '../../core/conflicts/rule-schema';
import { createGaussKrugerProvider } from '../../core/conflicts/metric-projection';
import { readFeatureGeometry, readFeatureProps } from '../../core/conflicts/prepare-features';
import { caveatText } from '../../i18n/conflict-text';
import { nodeHasher } from './node-hasher';
import { countLineValues, forEachLineValue, isLineDelimited, LineError } from './layer-files';
import { PackedSource } from './packed-features';
import { PieceBuilder } from './piece-builder';
import type { PackedPiece } from './packed-features';

/**
 * One check thread. Phase 1: each thread counts the features of its share of the input (whole layer files, or
 * byte ranges of large newline-delimited ones); once the main thread has numbered them, it reads them again one
 * by one (parse, validate, project, pack: no parsed feature is kept) into shared packed pieces. The main thread
 * joins the pieces (duplicate ids, layer hashes) and hands every thread all of them; phase 2: the threads take
 * blocks of side-A features of each rule as each becomes free, building the features they meet from the packed pieces, and
 * returns its partial report, or with `csv`, its findings already written as CSV rows. See check-threads.ts.
 */

/** A piece of input a thread reads: a whole layer file, or bytes `start`…`end` of a newline-delimited one. */
export interface ThreadJob {
  /** Position of the piece in the input (layer order, then byte order). */
  job: number;
  layer: number;
  path: string;
  /** Layer name (the file's base name). */
  name: string;
  category?: string;
  range: { start: number; end: number } | null;
}

/** Options passed to every thread's check (the report time as an ISO string; `csv`: write CSV rows in that language). */
export type ThreadCheckOptions = Omit<CheckOptions, 'now' | 'onProgress' | 'projectionFor' | 'partition' | 'claim' | 'hasher' | 'onTouching'> & {
  time: string;
  csv?: { lang: 'zh-CN' | 'en' };
};

/** Side-A positions a check thread claims at a time (see {@link CheckThreadInput.claims}). */
export const CLAIM_BLOCK = 32;

/** Counters in {@link CheckThreadInput.claims}: the next shared job to count, to read, and (from RULE_CLAIMS) the next side-A position of each rule. */
export const COUNT_CLAIM = 0;
export const READ_CLAIM = 1;
export const RULE_CLAIMS = 2;

/** What the main thread gives each check thread. */
export interface CheckThreadInput {
  /** Whole files this thread reads, then the byte ranges of every thread (range jobs), the same list in each. */
  jobs: ThreadJob[];
  ruleSet: RuleSet;
  options: ThreadCheckOptions;
  /** The thread's number (for traces). */
  thread: number;
  /**
   * Counters on shared memory (indices {@link COUNT_CLAIM}, {@link READ_CLAIM}, {@link RULE_CLAIMS} + rule): each
   * thread takes the next range job to count or read, and the next {@link CLAIM_BLOCK} side-A positions of a rule
   * to check, by an atomic add, so that a thread that is ahead takes more and none waits for another.
   */
  claims: Int32Array;
}

/** Why a piece could not be read. */
export type JobError =
  | { kind: 'message'; message: string }
  | { kind: 'line'; lineNo: number; detail: string }
  | { kind: 'feature'; index: number; message: string };

/** Phase 1a: how many features and lines each job holds (whole files: read already, with their error). */
export interface CountedMessage {
  type: 'counted';
  jobs: Array<{ job: number; features: number; lines: number; error: JobError | null }>;
}

/** Phase 1b: each job's packed features and what the main thread needs to join the pieces. */
export interface PreparedMessage {
  type: 'prepared';
  jobs: Array<{
    job: number;
    error: JobError | null;
    piece: PackedPiece;
    inactive: number;
    rejected: RejectedFeature[];
    /** Notes with the feature (index in the layer) each belongs to. */
    notes: Array<{ at: number; note: GeometryNote }>;
    /** Features that passed the property check, in order: index in the layer, slot in the piece (−1: rejected). */
    candAt: Int32Array;
    candSlot: Int32Array;
    /** Ids of the candidates without a slot (position in the candidate list, id). */
    slotlessIds: Array<[number, string]>;
    /** Whole files: the layer hash; ranges: the canonical JSON of the range's features joined by commas, in chunks. */
    hash: string | null;
    canonical: Uint8Array[];
  }>;
}

/** A rule's findings as CSV rows: the A ids in order, where each one's rows end in `bytes`. */
export interface CsvRun {
  aIds: string[];
  ends: Int32Array;
  bytes: Uint8Array;
}

/** Phase 2: the thread's partial report (without findings when they come as `csv`), and the A index of each touching pair. */
export interface ReportMessage {
  type: 'report';
  result: CheckResult;
  touchingRanks: number[][];
  csv: CsvRun[] | null;
}

/** Main thread to check thread. */
export type ToThread =
  | { type: 'offsets'; offsets: Array<{ job: number; featureOffset: number; features: number; failed: boolean }> }
  | { type: 'assemble'; pieces: PackedPiece[]; drop: Array<[number, number[]]> };

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

interface Counted {
  features: AnyFeature[] | null;
  count: number;
  lines: number;
  error: JobError | null;
}

function countJob(job: ThreadJob): Counted {
  if (job.range !== null) {
    try {
      const { lines, values } = countLineValues(job.path, job.range.start, job.range.end);
      return { features: null, count: values, lines, error: null };
    } catch (error) {
      return { features: null, count: 0, lines: 0, error: { kind: 'message', message: `cannot read ${job.path}: ${(error as Error).message}` } };
    }
  }
  let value: unknown;
  try {
    if (isLineDelimited(job.path)) {
      const features: unknown[] = [];
      try {
        forEachLineValue(job.path, (v) => features.push(v));
      } catch (error) {
        if (error instanceof LineError) return { features: null, count: 0, lines: 0, error: { kind: 'message', message: `${job.path} is not JSON: ${error.message}` } };
        throw error;
      }
      value = { type: 'FeatureCollection', features };
    } else value = JSON.parse(readFileSync(job.path, 'utf8')) as unknown;
  } catch (error) {
    const what = error instanceof SyntaxError ? `${job.path} is not JSON` : `cannot read ${job.path}`;
    return { features: null, count: 0, lines: 0, error: { kind: 'message', message: `${what}: ${(error as Error).message}` } };
  }
  // Defaults of imported layers are filled in later, with the same numbering.
  const layer = toInputLayer(job.name, value);
  if (!layer.ok) return { features: null, count: 0, lines: 0, error: { kind: 'message', message: layer.message } };
  return { features: layer.layer.features as AnyFeature[], count: layer.layer.features.length, lines: 0, error: null };
}

/** Collects the canonical JSON of a range's features in byte chunks (of about 200,000 pieces each). */
class CanonicalChunks {
  readonly chunks: Uint8Array[] = [];
  private parts: string[] = [];
  private features = 0;
  add(feature: unknown): void {
    if (this.features++ > 0) this.parts.push(',');
    appendCanonicalJson(feature, this.parts);
    if (this.parts.length > 200_000) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const bytes = Buffer.from(this.parts.join(''));
    // Small buffers live in Node's shared pool, which must not be transferred.
    this.chunks.push(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes));
    this.parts = [];
  }
}

function prepareJob(
  job: ThreadJob,
  counted: Counted,
  offset: number,
  tolerance: number,
  projectionFor: ReturnType<typeof createGaussKrugerProvider>,
  hashLayers: boolean,
): PreparedMessage['jobs'][number] {
  const category = job.category;
  const builder = new PieceBuilder(job.name);
  const rejected: RejectedFeature[] = [];
  const notes: Array<{ at: number; note: GeometryNote }> = [];
  const candAt: number[] = [];
  const candSlot: number[] = [];
  const slotlessIds: Array<[number, string]> = [];
  const canonical = job.range === null || !hashLayers ? null : new CanonicalChunks();
  let inactive = 0;
  let seen = 0;
  let error: JobError | null = null;
  const own = (i: number, f: AnyFeature): AnyFeature => (category === undefined ? f : withImportDefaults(job.name, offset + i, f, category));
  const take = (feature: AnyFeature): void => {
    const i = seen++;
    if (error !== null) return;
    if (job.range !== null) {
      const problem = featureProblem(job.name, i, feature);
      if (problem !== null) {
        error = { kind: 'feature', index: i, message: problem };
        return;
      }
    }
    const at = offset + i;
    const mine = own(i, feature);
    canonical?.add(mine);
    const read = readFeatureProps(job.name, at, mine);
    if (read.kind === 'rejected') {
      rejected.push(read.rejected);
      return;
    }
    if (read.kind === 'inactive') {
      inactive++;
      return;
    }
    const outcome = readFeatureGeometry(job.name, at, mine, read.props, projectionFor, tolerance);
    for (const note of outcome.notes) notes.push({ at, note });
    if (outcome.rejected !== null) rejected.push(outcome.rejected);
    candAt.push(at);
    if (outcome.prepared !== null) {
      candSlot.push(builder.count);
      builder.add(outcome.prepared);
    } else {
      slotlessIds.push([candSlot.length, read.id]);
      candSlot.push(-1);
    }
  };
  if (job.range === null) {
    const features = counted.features ?? [];
    for (const f of features) take(f);
  } else {
    try {
      forEachLineValue(job.path, (v) => take(v as AnyFeature), job.range.start, job.range.end);
    } catch (e) {
      // A line that is not JSON comes before any feature error in a single-threaded run's order.
      error = e instanceof LineError ? { kind: 'line', lineNo: e.lineNo, detail: e.detail } : { kind: 'message', message: `cannot read ${job.path}: ${(e as Error).message}` };
    }
    if (error === null && seen !== counted.count) throw new Error(`${job.path}: counted ${counted.count} features, read ${seen}`);
  }
  canonical?.flush();
  const hash = job.range === null && error === null && hashLayers ? layerHash((counted.features ?? []).map((f, i) => own(i, f)), nodeHasher()) : null;
  return {
    job: job.job,
    error,
    piece: builder.build(),
    inactive,
    rejected,
    notes,
    candAt: Int32Array.from(candAt),
    candSlot: Int32Array.from(candSlot),
    slotlessIds,
    hash,
    canonical: canonical?.chunks ?? [],
  };
}

/** A rule's CSV rows, taken one side-A feature at a time: UTF-8 written straight into 1 MiB chunks, put in A id order when built. */
class RowRun {
  private readonly groups: Array<{ aId: string; chunk: number; start: number; end: number }> = [];
  private readonly chunks: Buffer[] = [];
  private current = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  add(aId: string, lines: readonly string[]): void {
    let room = 0;
    for (const line of lines) room += 3 * line.length;
    if (this.used + room > this.current.length) {
      this.chunks.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(Math.max(1 << 20, room));
      this.used = 0;
    }
    const start = this.used;
    for (const line of lines) this.used += this.current.write(line, this.used);
    this.groups.push({ aId, chunk: this.chunks.length, start, end: this.used });
  }

  build(): CsvRun {
    this.chunks.push(this.current.subarray(0, this.used));
    this.groups.sort((x, y) => (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : 0));
    const bytes = new Uint8Array(new ArrayBuffer(this.groups.reduce((n, g) => n + g.end - g.start, 0)));
    const ends = new Int32Array(this.groups.length);
    let at = 0;
    this.groups.forEach((g, k) => {
      bytes.set((this.chunks[g.chunk] as Buffer).subarray(g.start, g.end), at);
      at += g.end - g.start;
      ends[k] = at;
    });
    return { aIds: this.groups.map((g) => g.aId), ends, bytes };
  }
}

/** Writes each side-A feature's findings as CSV rows of its rule, in report order within the feature. */
function csvWriter(ruleSet: RuleSet, time: string, lang: 'zh-CN' | 'en'): { take: (findings: Finding[]) => void; runs: (rules: readonly RuleRun[]) => CsvRun[] } {
  const caveat = (c: Parameters<typeof caveatText>[0]): string => caveatText(c, lang);
  const line = csvLineWriter({ ruleSet: { id: ruleSet.id, version: ruleSet.version }, generatedAt: new Date(time).toISOString() }, caveat);
  const byRule = new Map<string, RowRun>();
  return {
    take: (findings) => {
      const first = findings[0] as Finding;
      let run = byRule.get(first.ruleId);
      if (run === undefined) {
        run = new RowRun();
        byRule.set(first.ruleId, run);
      }
      run.add(first.a.id, orderFindings(findings).map((f) => `${line(f)}\r\n`));
    },
    runs: (rules) => rules.map((r) => (byRule.get(r.ruleId) ?? new RowRun()).build()),
  };
}

/** With `CHECK_THREADS_TRACE=1`, a logger of phase times (ms since the process started) to stderr. */
export function traceOf(who: string): (what: string) => void {
  if (process.env['CHECK_THREADS_TRACE'] !== '1') return () => undefined;
  return (what) => process.stderr.write(`[${(performance.timeOrigin + performance.now() - START).toFixed(0)} ms] ${who}: ${what}\n`);
}
const START = Number(process.env['CHECK_THREADS_T0'] ?? performance.timeOrigin);

function next(): Promise<ToThread> {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

/** Runs a check thread through its phases (messages to and from check-threads.ts). */
export async function runCheckThread(input: CheckThreadInput, post: (m: CountedMessage | PreparedMessage | ReportMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const trace = traceOf(`thread ${input.thread}`);
  trace('started');
  const { claims } = input;
  const own = input.jobs.filter((j) => j.range === null);
  const shared = input.jobs.filter((j) => j.range !== null);
  /** The shared jobs in the order this thread claims them from counter `at`. */
  const claimed = function* (at: number): Generator<ThreadJob> {
    for (let k = Atomics.add(claims, at, 1); k < shared.length; k = Atomics.add(claims, at, 1)) yield shared[k] as ThreadJob;
  };
  const counted = new Map<number, Counted>();
  for (const job of own) counted.set(job.job, countJob(job));
  for (const job of claimed(COUNT_CLAIM)) counted.set(job.job, countJob(job));
  trace('counted');
  post({ type: 'counted', jobs: [...counted].map(([job, c]) => ({ job, features: c.count, lines: c.lines, error: c.error })) });
  const offsets = await next();
  if (offsets.type !== 'offsets') return;
  const placed = new Map(offsets.offsets.map((o) => [o.job, o]));
  const projectionFor = createGaussKrugerProvider();
  const tolerance = repairTolerance(input.options);
  const prepare = (job: ThreadJob, c: Counted): PreparedMessage['jobs'][number] => {
    const at = placed.get(job.job);
    const prepared = c.error === null && at !== undefined && !at.failed ? prepareJob(job, c, at.featureOffset, tolerance, projectionFor, input.options.hashLayers !== false) : null;
    c.features = null;
    return prepared ?? { job: job.job, error: c.error, piece: new PieceBuilder(job.name).build(), inactive: 0, rejected: [], notes: [], candAt: new Int32Array(0), candSlot: new Int32Array(0), slotlessIds: [], hash: null, canonical: [] };
  };
  const jobs = own.map((job) => prepare(job, counted.get(job.job) as Counted));
  // A range job was counted by whichever thread claimed it: only its feature count is needed here.
  for (const job of claimed(READ_CLAIM)) jobs.push(prepare(job, { features: null, count: placed.get(job.job)?.features ?? 0, lines: 0, error: null }));
  trace('prepared');
  post({ type: 'prepared', jobs }, jobs.flatMap((j) => j.canonical.map((c) => c.buffer as ArrayBuffer)));
  const assemble = await next();
  if (assemble.type !== 'assemble') return;
  trace('assemble received');
  const source = new PackedSource(assemble.pieces, new Map(assemble.drop.map(([p, slots]) => [p, new Set(slots)])), projectionFor);
  const { time, csv, ...options } = input.options;
  const ranks: number[] = [];
  const touchingRanks: number[][] = [];
  const rows = csv === undefined ? null : csvWriter(input.ruleSet, time, csv.lang);
  const result = checkPrepared({ source, layers: [], rejected: [], notes: [] }, input.ruleSet, {
    ...options,
    projectionFor,
    now: () => new Date(time),
    claim: {
      block: CLAIM_BLOCK,
      next: (rule) => {
        if (RULE_CLAIMS + rule >= claims.length) throw new RangeError(`no claim counter for rule ${rule}`);
        return Atomics.add(claims, RULE_CLAIMS + rule, CLAIM_BLOCK);
      },
    },
    onTouching: (aIndex) => ranks.push(aIndex),
    ...(rows === null ? {} : { onFindings: rows.take }),
  });
  trace('checked');
  if (result.ok) {
    let at = 0;
    for (const run of result.report.rules) {
      touchingRanks.push(ranks.slice(at, at + run.touching.length));
      at += run.touching.length;
    }
  }
  if (!result.ok || rows === null) {
    post({ type: 'report', result, touchingRanks, csv: null });
    return;
  }
  const runs = rows.runs(result.report.rules);
  trace('rows written');
  post({ type: 'report', result, touchingRanks, csv: runs }, runs.map((r) => r.bytes.buffer as ArrayBuffer));
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  const port = parentPort;
  void runCheckThread(workerData as CheckThreadInput, (m, transfer) => port.postMessage(m, transfer ?? []));
}
