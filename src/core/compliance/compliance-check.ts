import { checkConflicts } from '../conflicts/check-conflicts';
import type { CheckResult, InputLayer } from '../conflicts/check-conflicts';
import type { ConflictReport } from '../conflicts/report';
import type { RuleOverride, RuleSet } from '../conflicts/rule-schema';
import { areasOf, type FeatureAreas } from '../areas/feature-areas';
import { byVerdictThenDistance, involves } from './compliance-inputs';

/**
 * One compliance check: the conflict engine with the layer under review first and every other layer
 * after it, the findings that concern the layer (definite first, then nearest), optionally cut to a
 * number for very large layers, and the areas of the layer's features for the review sheet.
 */

/** Ids of the other side kept per listed finding of a capped check (the count stays exact in `bIdsTotal`). */
export const MAX_B_IDS = 100;
/** Areas listed for a capped check (those of features named by the listed findings). */
export const MAX_CAPPED_AREAS = 200;

/** Input of {@link checkCompliance}. */
export interface ComplianceCheckInput {
  /** The layer under review. */
  readonly target: InputLayer;
  /** Every other layer of the check. */
  readonly others: readonly InputLayer[];
  /** The rule set from `complianceRuleSet`. */
  readonly rules: RuleSet;
  /** Time written into the report. */
  readonly time: Date;
  /** Whether the report carries SHA-256 hashes of the layers (seconds for 100 MB: off for large layers). */
  readonly hashLayers: boolean;
  /**
   * Findings listed at most (definite first, then nearest), with at most {@link MAX_B_IDS} ids of the other side
   * each, and areas only of the features they name; without it every finding is listed and every feature's areas given.
   */
  readonly maxFindings?: number;
  /** User changes to the rules (switch off, parameters). */
  readonly overrides?: readonly RuleOverride[];
  /** Progress of the engine in work units. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Outcome of {@link checkCompliance}. */
export type ComplianceCheckResult =
  | {
      readonly ok: true;
      /** The engine's report with only the listed findings of the layer. */
      readonly report: ConflictReport;
      /** Findings involving the layer before any cap. */
      readonly totalFindings: number;
      readonly areas: readonly FeatureAreas[];
    }
  | { readonly ok: false; readonly reason: Extract<CheckResult, { ok: false }>['reason']; readonly detail: string };

/** Runs the compliance check of `input.target` against `input.others`. */
export function checkCompliance(input: ComplianceCheckInput): ComplianceCheckResult {
  const { target } = input;
  const result = checkConflicts([target, ...input.others], input.rules, {
    now: () => input.time,
    hashLayers: input.hashLayers,
    ...(input.overrides ? { overrides: input.overrides } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  if (!result.ok) return { ok: false, reason: result.reason, detail: result.message };
  const index = new Map<string, number>();
  target.features.forEach((f, i) => {
    const id = f.properties?.['id'];
    index.set(typeof id === 'string' ? id : String(f.id ?? i), i);
  });
  const mine = (id: string): boolean => index.has(id);
  const involved = result.report.findings.filter((f) => involves(f, mine)).sort(byVerdictThenDistance);
  const cap = input.maxFindings;
  if (cap === undefined) {
    const areas = target.features.map((f, i) => areasOf(f, i));
    return { ok: true, report: { ...result.report, findings: involved }, totalFindings: involved.length, areas };
  }
  const listed = involved
    .slice(0, cap)
    .map((f) => (f.bIds.length > MAX_B_IDS ? { ...f, bIds: f.bIds.slice(0, MAX_B_IDS), bIdsTotal: f.bIds.length } : f));
  const named = new Set<string>();
  for (const f of listed) {
    for (const id of [f.a.id, f.b?.id ?? '', ...f.bIds]) if (mine(id) && named.size < MAX_CAPPED_AREAS) named.add(id);
  }
  const areas = [...named].flatMap((id) => {
    const i = index.get(id) as number;
    const f = target.features[i];
    return f === undefined ? [] : [areasOf(f, i)];
  });
  return { ok: true, report: { ...result.report, findings: listed }, totalFindings: involved.length, areas };
}
