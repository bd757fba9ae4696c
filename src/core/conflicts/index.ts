/** Public surface of the conflict engine (see check-conflicts.ts for the pipeline). */
export { checkConflicts, conflictFeaturePropsSchema, CHECK_BAD_GEOMETRY, CHECK_BAD_PROPERTIES, CHECK_BAD_RULES, CHECK_DUPLICATE_ID, GROUP_POSSIBLE_OVER } from './check-conflicts';
export type { CheckOptions, CheckResult, InputLayer } from './check-conflicts';
export { toInputLayer, INPUT_NOT_FEATURE_COLLECTION } from './input-layer';
export type { InputLayerOptions, InputLayerResult } from './input-layer';
export { layerHash, canonicalJson, sha256HexOfText } from './layer-hash';
export { createGaussKrugerProvider, createTransverseMercator, gaussKrugerCentralMeridian3 } from './metric-projection';
export type { MetricProjection, MetricProjectionProvider } from './metric-projection';
export { VERDICT_DEFINITE, VERDICT_NONE, VERDICT_POSSIBLE } from './precision-verdict';
export type { Verdict } from './precision-verdict';
export { groupBySeverity, RULE_DISABLED, RULE_RAN, RULE_SKIPPED_NO_FEATURES } from './report';
export type { ConflictReport, FeatureRef, Finding, LayerRecord, RuleRun } from './report';
export { CSV_COLUMNS, reportToCsv, reportToGeoJson } from './report-export';
export { parseRuleSet, resolveRules, ruleSetSchema, RULES_INVALID, RULES_PARAM_NOT_APPLICABLE, RULES_UNKNOWN_OVERRIDE, SEVERITIES, RELATIONS } from './rule-schema';
export type { EffectiveRule, Rule, RuleOverride, RuleSet, Severity } from './rule-schema';
