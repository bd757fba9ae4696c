import { parentPort, workerData } from 'node:worker_threads';
import { checkConflicts } from '../../core/conflicts/check-conflicts';
import type { CheckOptions, CheckResult, InputLayer } from '../../core/conflicts/check-conflicts';
import type { RuleSet } from '../../core/conflicts/rule-schema';
import { loadLayerFiles } from './layer-files';
import type { LayerFileSpec } from './layer-files';

/** What the main thread gives each check thread. */
export interface CheckThreadInput {
  files: LayerFileSpec[];
  ruleSet: RuleSet;
  options: Omit<CheckOptions, 'now' | 'onProgress' | 'projectionFor' | 'partition'> & { time: string };
  partition: { index: number; count: number };
}

/** A thread's answer: the engine's result, or why the files could not be read. */
export type CheckThreadResult = CheckResult | { ok: false; reason: 'bad-input'; message: string };

/** Runs one partition of a check on the layer files (each thread reads and projects them itself). */
export function runCheckThread(input: CheckThreadInput): CheckThreadResult {
  const loaded = loadLayerFiles(input.files);
  if (!loaded.ok) return { ok: false, reason: 'bad-input', message: loaded.message };
  const layers: InputLayer[] = loaded.layers;
  const { time, ...options } = input.options;
  return checkConflicts(layers, input.ruleSet, { ...options, now: () => new Date(time), partition: input.partition });
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  parentPort.postMessage(runCheckThread(workerData as CheckThreadInput));
}
