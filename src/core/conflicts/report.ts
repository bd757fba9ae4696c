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

/** Both features are surveyed (no shift): the verdict follows the drawn positions. */
export const CAVEAT_SURVEYED = 'surveyed';
/** The relation holds for every shift the precision radii allow. */
export const CAVEAT_HOLDS_WITHIN_PRECISION = 'holds-within-precision';
/** The relation holds at the drawn positions but may fail beyond a shift of `depthM`: check the boundary. */
export const CAVEAT_HOLDS_MAY_FAIL = 'holds-may-fail';
/** The relation fails at the drawn positions but may hold after a shift of more than `-depthM` within precision. */
export const CAVEAT_FAILS_MAY_HOLD = 'fails-may-hold';
/** Kinds of precision caveat. */
export const CAVEAT_CODES = [CAVEAT_SURVEYED, CAVEAT_HOLDS_WITHIN_PRECISION, CAVEAT_HOLDS_MAY_FAIL, CAVEAT_FAILS_MAY_HOLD] as const;
/** One of {@link CAVEAT_CODES}. */
export type CaveatCode = (typeof CAVEAT_CODES)[number];

/** The precision caveat of a finding, as a code with its numbers (metres). */
export interface Caveat {
  code: CaveatCode;
  /** Position precision of A and B (B null for an outside-of finding without a B). */
  precisionAM: number;
  precisionBM: number | null;
  /** rA + rB, the largest relative shift. */
  shiftM: number;
  marginM: number;
  /** How deep the relation holds at the drawn positions (negative when it does not). */
  depthM: number;
  /** Further B features that were merged into this finding (0 when none). */
  groupedOthers: number;
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
  /** What the precision radii mean for the verdict: a code and its numbers (views put it into words). */
  caveat: Caveat;
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

/** No feature matches side A of the rule. */
export const NOTE_NO_FEATURES_A = 'no-features-a';
/** No feature matches side B of the rule. */
export const NOTE_NO_FEATURES_B = 'no-features-b';
/** An outside-of rule whose B layer is not loaded: whether A lies outside it cannot be decided. */
export const NOTE_B_NOT_LOADED = 'b-not-loaded';
/** Why a rule was skipped. */
export type RuleNote = typeof NOTE_NO_FEATURES_A | typeof NOTE_NO_FEATURES_B | typeof NOTE_B_NOT_LOADED;

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
  note: RuleNote | null;
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
