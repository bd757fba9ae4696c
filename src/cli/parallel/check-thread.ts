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

/** Runs one partition of a check on the layer files (each thread reads and projects them itself). */
export function runCheckThread(input: CheckThreadInput): CheckResult {
  const loaded = loadLayerFiles(input.files);
  if (!loaded.ok) return { ok: false, reason: 'bad-properties', message: loaded.message };
  const layers: InputLayer[] = loaded.layers;
  const { time, ...options } = input.options;
  return checkConflicts(layers, input.ruleSet, { ...options, now: () => new Date(time), partition: input.partition });
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  parentPort.postMessage(runCheckThread(workerData as CheckThreadInput));
}
