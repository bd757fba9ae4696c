import type { Polygon, MultiPolygon } from 'geojson';
import type { LayerId } from '../model/feature-props';
import type { Verdict } from './precision-verdict';
import type { EffectiveRule, LegalBasis, Relation, Severity, TouchTolerance } from './rule-schema';
import { SEVERITIES } from './rule-schema';

/** The identity of a feature in a finding. */
export interface FeatureRef {
  id: string;
  layer: LayerId;
  name: string | null;
  category: string | null;
  precisionM: number;
  /** Name of the input layer the feature came from. */
  source: string;
}

/** One conflict between a feature and another feature (or, for outside-of, a layer). */
export interface Finding {
  ruleId: string;
  ruleVersion: number;
  ruleTitle: string;
  severity: Severity;
  relation: Relation;
  basis: LegalBasis[];
  a: FeatureRef;
  /** The other feature: for outside-of the one that covers most of A, or null when none does. */
  b: FeatureRef | null;
  /** Every feature of the other side that took part (one for pair rules; many for a grouped finding). */
  bIds: string[];
  /** How many ids `bIds` held before a caller cut it short for display (absent when it is whole). */
  bIdsTotal?: number;
  /** Area of A∩B (for outside-of: A∩∪B) in m², null when either side is a point. */
  overlapAreaM2: number | null;
  /** overlapAreaM2 / area(A). */
  shareOfA: number | null;
  /** overlapAreaM2 / area(B); null for outside-of. */
  shareOfB: number | null;
  /** Area of A outside every B (outside-of only), m². */
  outsideAreaM2: number | null;
  /** Minimum distance between A and B in metres (0 when they touch or overlap). */
  distanceM: number | null;
  /** Parameters in force when the finding was made. */
  params: { distanceM: number; areaToleranceM2: number; tolerance: TouchTolerance };
  verdict: Exclude<Verdict, 'none'>;
  /** Whether the relation holds at the drawn positions. */
  nominal: boolean;
  depthM: number;
  /** rA + rB, the largest relative displacement the precision radii allow. */
  shiftM: number;
  marginM: number;
  /** Human-readable precision caveat (Chinese). */
  caveat: string;
  /** The overlap (or, for outside-of, the part of A outside) in lon/lat, when computed. */
  overlap: Polygon | MultiPolygon | null;
}

/** What happened to one rule during a check. */
export const RULE_RAN = 'ran';
/** The rule was switched off. */
export const RULE_DISABLED = 'disabled';
/** No input feature matches one side of the rule. */
export const RULE_SKIPPED_NO_FEATURES = 'skipped-no-features';
/** Status of a rule in a report. */
export type RuleStatus = typeof RULE_RAN | typeof RULE_DISABLED | typeof RULE_SKIPPED_NO_FEATURES;

/** A rule as used in a check. */
export interface RuleRun {
  ruleId: string;
  version: number;
  title: string;
  severity: Severity;
  relation: Relation;
  enabled: boolean;
  distanceM: number;
  areaToleranceM2: number;
  /** Touch tolerance in force (overlaps up to `areaM2`, gaps under `widthM` count as touching). */
  tolerance: TouchTolerance;
  overridden: EffectiveRule['overridden'];
  status: RuleStatus;
  /** Why the rule was skipped, when it was. */
  note: string | null;
  featuresA: number;
  featuresB: number;
  /** Pairs that passed the index prefilter. */
  candidatePairs: number;
  findings: number;
  /** Pairs whose boundaries touch without an overlap above tolerance (not conflicts). */
  touching: Array<[string, string]>;
}

/** An input layer as recorded in a report. */
export interface LayerRecord {
  name: string;
  featureCount: number;
  /** Features left out because their status is withdrawn or superseded (they no longer apply). */
  inactiveCount: number;
  /** `sha256:<hex>` of the layer's canonical JSON, or null when hashing was switched off. */
  hash: string | null;
}

/** An input feature left out of the check, with the reason (the rest of the run goes on). */
export interface RejectedFeature {
  /** Input layer name. */
  layer: string;
  /** Position of the feature in its layer. */
  index: number;
  /** The feature's id when it has one. */
  id: string | null;
  /** `bad-properties`, `bad-geometry` or `duplicate-id`. */
  reason: string;
  /** Detail code of the geometry problem (`degenerate-ring`, `bad-coordinate`, …) when there is one. */
  detail: string | null;
  message: string;
}

/** A change made to a feature's geometry before checking (the feature stays in the run): a code and its parameters. */
export interface GeometryNote {
  layer: string;
  id: string;
  /**
   * `ring-collapsed` (params part, ring, vertices): a ring had fewer than 3 distinct vertices or
   * zero area after projection and was dropped (an outer ring drops its part).
   * `geometry-repaired` (params excessM2): parts overlapped or a ring crossed itself (the area
   * counted twice or with the wrong sign, m²); the feature was replaced by the union of its parts.
   */
  code: string;
  params: Record<string, number>;
}

/** Counts per severity and verdict. */
export type ReportSummary = Record<Severity, { definite: number; possible: number }>;

/** A reproducible conflict report. */
export interface ConflictReport {
  kind: 'conflict-report';
  formatVersion: 1;
  generatedAt: string;
  ruleSet: { id: string; version: string };
  engine: {
    name: string;
    epsM: number;
    projection: string;
    /** Default touch tolerance (rules may set their own, see {@link RuleRun.tolerance}). */
    tolerance: TouchTolerance;
  };
  layers: LayerRecord[];
  /** Features left out of the check (empty when every feature could be read). */
  rejected: RejectedFeature[];
  /** Rings dropped because they collapsed when projected. */
  geometryNotes: GeometryNote[];
  rules: RuleRun[];
  findings: Finding[];
  summary: ReportSummary;
}

/** Findings grouped by severity, strongest first; every severity is present. */
export function groupBySeverity(findings: readonly Finding[]): Array<{ severity: Severity; findings: Finding[] }> {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) }));
}

/** Counts findings per severity and verdict. */
export function summarize(findings: readonly Finding[]): ReportSummary {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, { definite: 0, possible: 0 }])) as ReportSummary;
  for (const f of findings) summary[f.severity][f.verdict]++;
  return summary;
}

function fmt(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

function label(ref: FeatureRef | null): string {
  if (ref === null) return '（无）';
  return `${ref.name ?? ref.id} [${ref.layer}${ref.category === null ? '' : `/${ref.category}`} ${ref.id}]`;
}

/** A plain-text rendering of a report, grouped by severity. */
export function formatReportText(report: ConflictReport): string {
  const lines: string[] = [];
  lines.push(`冲突检查报告  ${report.generatedAt}`);
  lines.push(`规则集 ${report.ruleSet.id} v${report.ruleSet.version}；投影 ${report.engine.projection}`);
  for (const layer of report.layers) lines.push(`图层 ${layer.name}: ${layer.featureCount} 个要素${layer.inactiveCount ? `（其中 ${layer.inactiveCount} 个已撤销/被替代，未参与检查）` : ''}  ${layer.hash ?? ''}`);
  for (const rule of report.rules) {
    const params = rule.relation === 'within-distance' ? ` d=${rule.distanceM} m` : '';
    lines.push(
      `规则 ${rule.ruleId} v${rule.version} (${rule.severity}) ${rule.status}${params} tol=${rule.areaToleranceM2} m²` +
        `${rule.overridden.length > 0 ? ` 用户修改: ${rule.overridden.join(',')}` : ''}` +
        `${rule.note === null ? '' : ` — ${rule.note}`}: ${rule.findings} 项`,
    );
  }
  lines.push(`touch-tolerance widthM=${report.engine.tolerance.widthM} areaM2=${report.engine.tolerance.areaM2}`);
  for (const r of report.rejected) lines.push(`rejected ${r.layer}#${r.index} ${r.id ?? ''} ${r.reason}${r.detail === null ? '' : `/${r.detail}`}`);
  for (const n of report.geometryNotes) lines.push(`${n.code} ${n.layer} ${n.id} ${JSON.stringify(n.params)}`);
  for (const group of groupBySeverity(report.findings)) {
    const s = report.summary[group.severity];
    lines.push('', `== ${group.severity}: 确定 ${s.definite}，可能 ${s.possible} ==`);
    for (const f of group.findings) {
      lines.push(`- [${f.verdict === 'definite' ? '确定' : '可能'}] ${f.ruleTitle} (${f.ruleId})`);
      lines.push(`  A: ${label(f.a)}`);
      lines.push(`  B: ${label(f.b)}${f.bIds.length > 1 ? ` 等 ${f.bIdsTotal ?? f.bIds.length} 个` : ''}`);
      lines.push(
        `  重叠 ${fmt(f.overlapAreaM2, 1)} m² (占A ${fmt(f.shareOfA === null ? null : f.shareOfA * 100, 2)}%, 占B ${fmt(
          f.shareOfB === null ? null : f.shareOfB * 100,
          2,
        )}%)；A外部分 ${fmt(f.outsideAreaM2, 1)} m²；距离 ${fmt(f.distanceM, 1)} m；余量 ${f.marginM.toFixed(1)} m`,
      );
      lines.push(`  ${f.caveat}`);
      lines.push(`  依据: ${f.basis.map((b) => `${b.document}${b.article === undefined ? '' : ` ${b.article}`}`).join('；')}`);
    }
  }
  return lines.join('\n');
}
