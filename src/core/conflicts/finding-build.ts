import type { VerdictOutcome } from './precision-verdict';
import {
  CAVEAT_FAILS_MAY_HOLD,
  CAVEAT_HOLDS_MAY_FAIL,
  CAVEAT_HOLDS_WITHIN_PRECISION,
  CAVEAT_SURVEYED,
  groupBySeverity,
  RULE_RAN,
  summarize,
} from './report';
import type { Caveat, CaveatCode, ConflictReport, FeatureRef, Finding, RuleRun } from './report';
import type { EffectiveRule } from './rule-schema';

/**
 * Building the parts of a report: rule runs, findings with their precision caveat (codes and numbers), their
 * order, and the merge of partial reports. Shared by the JS engine, its partitioned runs and the PostGIS engine.
 */

/** The precision caveat of a finding, as a code with parameters (shared with the PostGIS engine). */
export function caveatOf(outcome: VerdictOutcome, a: FeatureRef, b: FeatureRef | null): Caveat {
  const code: CaveatCode =
    outcome.shiftM === 0 ? CAVEAT_SURVEYED : outcome.verdict === 'definite' ? CAVEAT_HOLDS_WITHIN_PRECISION : outcome.nominal ? CAVEAT_HOLDS_MAY_FAIL : CAVEAT_FAILS_MAY_HOLD;
  return { code, precisionAM: a.precisionM, precisionBM: b === null ? null : b.precisionM, shiftM: outcome.shiftM, marginM: outcome.marginM, depthM: outcome.depthM, groupedOthers: 0 };
}

/** Findings in report order: by severity, then rule, A id and first B id. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return groupBySeverity(findings).flatMap((g) =>
    g.findings.sort((x, y) =>
      x.ruleId !== y.ruleId ? (x.ruleId < y.ruleId ? -1 : 1) : x.a.id !== y.a.id ? (x.a.id < y.a.id ? -1 : 1) : (x.bIds[0] ?? '') < (y.bIds[0] ?? '') ? -1 : 1,
    ),
  );
}

/**
 * Joins the reports of one check split with {@link CheckOptions.partition} (same layers, rules and options,
 * partitions 0…count−1) into the report a single run gives: findings, candidate pairs and touching pairs
 * added up per rule, everything else (layers, rejected features, geometry notes) taken from the first. With
 * `rankOf` (a feature id's position in the input), touching pairs come in the single run's order too (by their
 * A feature, stable); without it, partition by partition.
 */
export function mergePartialReports(parts: readonly ConflictReport[], rankOf?: (id: string) => number): ConflictReport {
  const first = parts[0];
  if (first === undefined) throw new RangeError('no partial report to merge');
  const rules = first.rules.map((run, i) => {
    const all = parts.map((p) => p.rules[i] as RuleRun);
    return {
      ...run,
      candidatePairs: all.reduce((n, r) => n + r.candidatePairs, 0),
      findings: all.reduce((n, r) => n + r.findings, 0),
      touching: orderTouching(all.flatMap((r) => r.touching), rankOf),
    };
  });
  const findings = orderFindings(parts.flatMap((p) => p.findings));
  return { ...first, rules, findings, summary: summarize(findings) };
}

function orderTouching(pairs: Array<[string, string]>, rankOf: ((id: string) => number) | undefined): Array<[string, string]> {
  if (rankOf === undefined) return pairs;
  const ranks = pairs.map((p) => rankOf(p[0]));
  return pairs
    .map((p, i) => i)
    .sort((x, y) => (ranks[x] as number) - (ranks[y] as number) || x - y)
    .map((i) => pairs[i] as [string, string]);
}

/** A rule's run record before its features are checked (shared with the PostGIS engine). */
export function newRuleRun(effective: EffectiveRule): RuleRun {
  const { rule } = effective;
  return {
    ruleId: rule.id,
    version: rule.version,
    title: rule.title,
    severity: rule.severity,
    relation: rule.relation,
    enabled: effective.enabled,
    distanceM: effective.distanceM,
    areaToleranceM2: effective.areaToleranceM2,
    tolerance: effective.tolerance,
    overridden: effective.overridden,
    status: RULE_RAN,
    note: null,
    featuresA: 0,
    featuresB: 0,
    candidatePairs: 0,
    findings: 0,
    touching: [],
  };
}

/** The measures of a finding, in metres and lon/lat. */
export type FindingMeasures = Pick<Finding, 'overlapAreaM2' | 'shareOfA' | 'shareOfB' | 'outsideAreaM2' | 'distanceM' | 'overlap'>;

/** A finding of `effective` for A (and B) with its verdict and measures (shared with the PostGIS engine). */
export function findingOf(effective: EffectiveRule, a: FeatureRef, b: FeatureRef | null, bIds: string[], outcome: VerdictOutcome, m: FindingMeasures): Finding {
  const { rule } = effective;
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleTitle: rule.title,
    severity: rule.severity,
    relation: rule.relation,
    basis: rule.basis,
    a,
    b,
    bIds,
    ...m,
    params: { distanceM: effective.distanceM, areaToleranceM2: effective.areaToleranceM2, tolerance: effective.tolerance },
    verdict: outcome.verdict === 'definite' ? 'definite' : 'possible',
    nominal: outcome.nominal,
    depthM: outcome.depthM,
    shiftM: outcome.shiftM,
    marginM: outcome.marginM,
    caveat: caveatOf(outcome, a, b),
  };
}
