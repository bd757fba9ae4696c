/// <reference lib="webworker" />
import type { Feature, Geometry } from 'geojson';
import { checkConflicts } from '../core/conflicts/check-conflicts';
import { parseRuleSet } from '../core/conflicts/rule-schema';
import type { RuleOverride } from '../core/conflicts/rule-schema';
import { checkRequestSchema } from './conflict-messages';
import type { WorkerReply } from './conflict-messages';

/**
 * Runs conflict checks off the main thread. One request at a time; the page cancels by terminating the worker.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = checkRequestSchema.safeParse(event.data);
  if (!parsed.success) {
    reply({ type: 'error', id: -1, reason: 'bad-request', message: parsed.error.message });
    return;
  }
  const req = parsed.data;
  try {
    const rules = parseRuleSet(req.rules);
    if (!rules.ok) {
      reply({ type: 'error', id: req.id, reason: 'bad-rules', message: rules.message });
      return;
    }
    const result = checkConflicts(
      req.layers.map((l) => ({ name: l.name, features: l.features as Array<Feature<Geometry | null, Record<string, unknown> | null>> })),
      rules.value,
      {
        overrides: req.overrides as RuleOverride[],
        now: () => new Date(req.time),
        onProgress: (done, total) => reply({ type: 'progress', id: req.id, done, total }),
      },
    );
    if (!result.ok) reply({ type: 'error', id: req.id, reason: result.reason, message: result.message });
    else reply({ type: 'result', id: req.id, report: result.report });
  } catch (error: unknown) {
    reply({ type: 'error', id: req.id, reason: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
};
