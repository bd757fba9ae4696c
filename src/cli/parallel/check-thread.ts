import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Feature, Geometry } from 'geojson';
import { checkPrepared, repairTolerance } from '../../core/conflicts/check-conflicts';
import type { CheckOptions, CheckResult } from '../../core/conflicts/check-conflicts';
import { featureProblem, toInputLayer, withImportDefaults } from '../../core/conflicts/input-layer';
import { canonicalJson, layerHash } from '../../core/conflicts/layer-hash';
import { nodeHasher } from './node-hasher';
import { createGaussKrugerProvider } from '../../core/conflicts/metric-projection';
import { readFeatureGeometry, readFeatureProps } from '../../core/conflicts/prepare-features';
import type { GeometryNote, RejectedFeature } from '../../core/conflicts/report';
import type { RuleSet } from '../../core/conflicts/rule-schema';
import { isLineDelimited, LineError, readLineRange } from './layer-files';
import { PieceBuilder, unpackPieces } from './packed-features';
import type { PackedPiece } from './packed-features';

/**
 * One check thread. Each thread reads its share of the input (whole layer files, or byte ranges of large
 * newline-delimited ones), parses, validates, projects and packs it (phase 1); the main thread joins the pieces
 * (feature numbering, duplicate ids, layer hashes) and hands every thread all pieces; each thread then checks
 * every `count`-th side-A feature of each rule against all features (phase 2). See check-threads.ts.
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

/** Options passed to every thread's check (the report time as an ISO string). */
export type ThreadCheckOptions = Omit<CheckOptions, 'now' | 'onProgress' | 'projectionFor' | 'partition' | 'hasher'> & { time: string };

/** What the main thread gives each check thread. */
export interface CheckThreadInput {
  jobs: ThreadJob[];
  ruleSet: RuleSet;
  options: ThreadCheckOptions;
  partition: { index: number; count: number };
}

/** Why a piece could not be read. */
export type JobError =
  | { kind: 'message'; message: string }
  | { kind: 'line'; lineNo: number; detail: string }
  | { kind: 'feature'; index: number; message: string };

/** Phase 1a: how many features and lines each job read. */
export interface CountedMessage {
  type: 'counted';
  jobs: Array<{ job: number; features: number; lines: number; error: JobError | null }>;
}

/** Phase 1b: each job's packed features and what the main thread needs to join the pieces. */
export interface PreparedMessage {
  type: 'prepared';
  jobs: Array<{
    job: number;
    piece: PackedPiece;
    inactive: number;
    rejected: RejectedFeature[];
    /** Notes with the feature (index in the layer) each belongs to. */
    notes: Array<{ at: number; note: GeometryNote }>;
    /** Features that passed the property check, in order: id, index in the layer, slot in the piece (−1: rejected). */
    candIds: string[];
    candAt: Int32Array;
    candSlot: Int32Array;
    /** Whole files: the layer hash; ranges: the canonical JSON of the range's features joined by commas. */
    hash: string | null;
    canonical: Uint8Array | null;
  }>;
}

/** Phase 2: the thread's partial report. */
export interface ReportMessage {
  type: 'report';
  result: CheckResult;
}

/** Main thread to check thread. */
export type ToThread =
  | { type: 'offsets'; offsets: Array<{ job: number; featureOffset: number }> }
  | { type: 'assemble'; pieces: PackedPiece[]; drop: Array<[number, number[]]> };

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

function readJob(job: ThreadJob): { features: AnyFeature[]; lines: number; error: JobError | null } {
  if (job.range === null) {
    let value: unknown;
    try {
      value = isLineDelimited(job.path) ? { type: 'FeatureCollection', features: readLineRange(job.path).features } : (JSON.parse(readFileSync(job.path, 'utf8')) as unknown);
    } catch (error) {
      const what = error instanceof SyntaxError ? `${job.path} is not JSON` : `cannot read ${job.path}`;
      return { features: [], lines: 0, error: { kind: 'message', message: `${what}: ${(error as Error).message}` } };
    }
    // Defaults of imported layers are filled in later, with the same numbering.
    const layer = toInputLayer(job.name, value);
    if (!layer.ok) return { features: [], lines: 0, error: { kind: 'message', message: layer.message } };
    return { features: layer.layer.features as AnyFeature[], lines: 0, error: null };
  }
  let read: { features: unknown[]; lines: number };
  try {
    read = readLineRange(job.path, job.range.start, job.range.end);
  } catch (error) {
    if (error instanceof LineError) return { features: [], lines: 0, error: { kind: 'line', lineNo: error.lineNo, detail: error.detail } };
    return { features: [], lines: 0, error: { kind: 'message', message: `cannot read ${job.path}: ${(error as Error).message}` } };
  }
  for (let i = 0; i < read.features.length; i++) {
    const problem = featureProblem(job.name, i, read.features[i]);
    if (problem !== null) return { features: [], lines: read.lines, error: { kind: 'feature', index: i, message: problem } };
  }
  return { features: read.features as AnyFeature[], lines: read.lines, error: null };
}

function canonicalBytes(features: readonly AnyFeature[]): Uint8Array {
  const chunks: Buffer[] = [];
  let parts: string[] = [];
  for (let i = 0; i < features.length; i++) {
    if (i > 0) parts.push(',');
    parts.push(canonicalJson(features[i]));
    if (parts.length > 20_000) {
      chunks.push(Buffer.from(parts.join('')));
      parts = [];
    }
  }
  chunks.push(Buffer.from(parts.join('')));
  const all = Buffer.concat(chunks);
  // Small buffers live in Node's shared pool, which must not be transferred.
  return all.byteOffset === 0 && all.byteLength === all.buffer.byteLength ? new Uint8Array(all.buffer) : new Uint8Array(all);
}

function prepareJob(job: ThreadJob, features: readonly AnyFeature[], offset: number, tolerance: number, projectionFor: ReturnType<typeof createGaussKrugerProvider>): PreparedMessage['jobs'][number] {
  const category = job.category;
  const own = category === undefined ? features : features.map((f, i) => withImportDefaults(job.name, offset + i, f, category));
  const builder = new PieceBuilder(job.name);
  const rejected: RejectedFeature[] = [];
  const notes: Array<{ at: number; note: GeometryNote }> = [];
  const candIds: string[] = [];
  const candAt: number[] = [];
  const candSlot: number[] = [];
  let inactive = 0;
  for (let i = 0; i < own.length; i++) {
    const at = offset + i;
    const feature = own[i] as AnyFeature;
    const read = readFeatureProps(job.name, at, feature);
    if (read.kind === 'rejected') {
      rejected.push(read.rejected);
      continue;
    }
    if (read.kind === 'inactive') {
      inactive++;
      continue;
    }
    const outcome = readFeatureGeometry(job.name, at, feature, read.props, projectionFor, tolerance);
    for (const note of outcome.notes) notes.push({ at, note });
    if (outcome.rejected !== null) rejected.push(outcome.rejected);
    candIds.push(read.id);
    candAt.push(at);
    if (outcome.prepared !== null) {
      candSlot.push(builder.count);
      builder.add(outcome.prepared);
    } else candSlot.push(-1);
  }
  const whole = job.range === null;
  return {
    job: job.job,
    piece: builder.build(),
    inactive,
    rejected,
    notes,
    candIds,
    candAt: Int32Array.from(candAt),
    candSlot: Int32Array.from(candSlot),
    hash: whole ? layerHash(own, nodeHasher()) : null,
    canonical: whole ? null : canonicalBytes(own),
  };
}

/** With `CHECK_THREADS_TRACE=1`, a logger of phase times (ms since the process started, thread CPU) to stderr. */
export function traceOf(who: string): (what: string) => void {
  if (process.env['CHECK_THREADS_TRACE'] !== '1') return () => undefined;
  return (what) => process.stderr.write(`[${performance.timeOrigin + performance.now() - START} ms] ${who}: ${what}\n`);
}
const START = Number(process.env['CHECK_THREADS_T0'] ?? performance.timeOrigin);

function next(): Promise<ToThread> {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

/** Runs a check thread through its phases (messages to and from check-threads.ts). */
export async function runCheckThread(input: CheckThreadInput, post: (m: CountedMessage | PreparedMessage | ReportMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const trace = traceOf(`thread ${input.partition.index}`);
  trace('started');
  const read = input.jobs.map(readJob);
  trace('read');
  post({ type: 'counted', jobs: input.jobs.map((j, k) => ({ job: j.job, features: read[k]?.features.length ?? 0, lines: read[k]?.lines ?? 0, error: read[k]?.error ?? null })) });
  if (read.some((r) => r.error !== null)) return;
  const offsets = await next();
  if (offsets.type !== 'offsets') return;
  const projectionFor = createGaussKrugerProvider();
  const tolerance = repairTolerance(input.options);
  const jobs = input.jobs.map((job, k) => {
    const offset = offsets.offsets.find((o) => o.job === job.job)?.featureOffset ?? 0;
    const prepared = prepareJob(job, (read[k] as { features: AnyFeature[] }).features, offset, tolerance, projectionFor);
    (read[k] as { features: AnyFeature[] }).features = [];
    return prepared;
  });
  trace('prepared');
  post({ type: 'prepared', jobs }, jobs.flatMap((j) => (j.canonical === null ? [] : [j.canonical.buffer as ArrayBuffer])));
  const assemble = await next();
  if (assemble.type !== 'assemble') return;
  trace('assemble received');
  const features = unpackPieces(assemble.pieces, new Map(assemble.drop.map(([p, slots]) => [p, new Set(slots)])), projectionFor);
  const { time, ...options } = input.options;
  const result = checkPrepared({ features, layers: [], rejected: [], notes: [] }, input.ruleSet, {
    ...options,
    projectionFor,
    now: () => new Date(time),
    partition: input.partition,
  });
  trace('checked');
  post({ type: 'report', result });
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  const port = parentPort;
  void runCheckThread(workerData as CheckThreadInput, (m, transfer) => port.postMessage(m, transfer ?? []));
}
