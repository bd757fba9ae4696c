import { z } from 'zod';
import { LAYER_IDS } from '../model/feature-props';

/** Severities, strongest first: forbidden, needs approval, notice. */
export const SEVERITIES = ['禁止', '需审批', '提示'] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** Spatial relations a rule can test. */
export const RELATIONS = ['overlap', 'within-distance', 'outside-of'] as const;
/** One of {@link RELATIONS}. */
export type Relation = (typeof RELATIONS)[number];

/**
 * Where a parameter value comes from: `legal-value` is written in the cited law or standard;
 * `configurable-default` is this product's starting value that users are expected to adjust.
 */
export const PARAM_KINDS = ['legal-value', 'configurable-default'] as const;

/** A numeric rule parameter with its provenance. */
export const ruleParamSchema = z
  .object({
    value: z.number().nonnegative().finite(),
    kind: z.enum(PARAM_KINDS),
    note: z.string().min(1).optional(),
  })
  .strict();
/** A numeric rule parameter. */
export type RuleParam = z.infer<typeof ruleParamSchema>;

/**
 * Which features a rule side applies to: features whose `layer` is in `layers` or whose `category`
 * is in `categories`; when `nameIncludes` is given the name must also contain one of its strings.
 */
export const featureSelectorSchema = z
  .object({
    layers: z.array(z.enum(LAYER_IDS)).optional(),
    categories: z.array(z.string().min(1)).optional(),
    nameIncludes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((s) => (s.layers?.length ?? 0) + (s.categories?.length ?? 0) > 0, {
    message: 'a selector needs at least one layer or category',
  });
/** A rule side. */
export type FeatureSelector = z.infer<typeof featureSelectorSchema>;

/** The legal basis of a rule. `textKind` says whether `text` is a verbatim quote or our summary. */
export const legalBasisSchema = z
  .object({
    document: z.string().min(1),
    docNumber: z.string().min(1).optional(),
    article: z.string().min(1).optional(),
    text: z.string().min(1),
    textKind: z.enum(['quote', 'summary']),
    /** Where a quote can be checked: a file under data/sources or the seed gazette, with lines. */
    source: z
      .object({ file: z.string().min(1), lines: z.tuple([z.number().int().positive(), z.number().int().positive()]) })
      .strict()
      .optional(),
  })
  .strict();
/** Legal basis entry. */
export type LegalBasis = z.infer<typeof legalBasisSchema>;

/** One conflict rule. */
export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule ids are kebab-case'),
    version: z.number().int().positive(),
    title: z.string().min(1),
    enabled: z.boolean(),
    a: featureSelectorSchema,
    b: featureSelectorSchema,
    relation: z.enum(RELATIONS),
    params: z
      .object({
        distanceM: ruleParamSchema.optional(),
        areaToleranceM2: ruleParamSchema.optional(),
        /** Engine touch tolerance, width: boundaries closer than this count as touching (default 1 mm). */
        touchWidthM: ruleParamSchema.optional(),
        /** Engine touch tolerance, area: overlaps up to this area count as touching (default 1 mm²). */
        touchAreaM2: ruleParamSchema.optional(),
      })
      .strict(),
    severity: z.enum(SEVERITIES),
    basis: z.array(legalBasisSchema).min(1),
    notes: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => r.relation !== 'within-distance' || r.params.distanceM !== undefined, {
    message: 'a within-distance rule needs params.distanceM',
    path: ['params', 'distanceM'],
  });
/** A conflict rule. */
export type Rule = z.infer<typeof ruleSchema>;

/** A versioned set of rules (data/rules/rules.json). */
export const ruleSetSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'rule-set versions are semver'),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    rules: z.array(ruleSchema).min(1),
  })
  .strict()
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: 'rule ids must be unique' });
/** A rule set. */
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** A user's change to one rule: switch it on/off or change parameters. */
export const ruleOverrideSchema = z
  .object({
    ruleId: z.string().min(1),
    enabled: z.boolean().optional(),
    distanceM: z.number().nonnegative().finite().optional(),
    areaToleranceM2: z.number().nonnegative().finite().optional(),
    touchWidthM: z.number().nonnegative().finite().optional(),
    touchAreaM2: z.number().nonnegative().finite().optional(),
  })
  .strict();
/** A user override. */
export type RuleOverride = z.infer<typeof ruleOverrideSchema>;

/**
 * The engine's touch tolerance: overlaps of at most `areaM2` are treated as touching, and
 * boundaries closer than `widthM` count as touching (not apart). Stated in every report.
 */
export interface TouchTolerance {
  widthM: number;
  areaM2: number;
}

/** Default touch tolerance: 1 mm and 1 mm² (far above the overlap area's rounding error, see exact-overlap.ts). */
export const DEFAULT_TOUCH_TOLERANCE: Readonly<TouchTolerance> = { widthM: 0.001, areaM2: 0.000001 };

/** A rule with its parameters resolved after overrides, as recorded in a report. */
export interface EffectiveRule {
  rule: Rule;
  enabled: boolean;
  distanceM: number;
  areaToleranceM2: number;
  /** Touch tolerance in force for this rule. */
  tolerance: TouchTolerance;
  /** Which parameters the user changed. */
  overridden: Array<'enabled' | 'distanceM' | 'areaToleranceM2' | 'touchWidthM' | 'touchAreaM2'>;
}

/** Reason: the rule file is not valid against {@link ruleSetSchema}. */
export const RULES_INVALID = 'rules-invalid';
/** Reason: an override names a rule the set does not have. */
export const RULES_UNKNOWN_OVERRIDE = 'rules-unknown-override';
/** Reason: an override sets a parameter its rule does not use. */
export const RULES_PARAM_NOT_APPLICABLE = 'rules-param-not-applicable';

/** Result of parsing or resolving rules. */
export type RulesResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: typeof RULES_INVALID | typeof RULES_UNKNOWN_OVERRIDE | typeof RULES_PARAM_NOT_APPLICABLE;
      message: string;
    };

/** Parses an unknown JSON value as a rule set. */
export function parseRuleSet(input: unknown): RulesResult<RuleSet> {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: RULES_INVALID, message: `invalid rule set: ${issues}` };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Applies user overrides to a rule set and returns every rule with its effective parameters;
 * `tolerance` is the touch tolerance of rules that do not set their own.
 */
export function resolveRules(
  set: RuleSet,
  overrides: readonly RuleOverride[] = [],
  tolerance: TouchTolerance = DEFAULT_TOUCH_TOLERANCE,
): RulesResult<EffectiveRule[]> {
  const byId = new Map(overrides.map((o) => [o.ruleId, o]));
  for (const o of overrides) {
    const rule = set.rules.find((r) => r.id === o.ruleId);
    if (rule === undefined) {
      return { ok: false, reason: RULES_UNKNOWN_OVERRIDE, message: `override names unknown rule "${o.ruleId}"` };
    }
    if (o.distanceM !== undefined && rule.relation !== 'within-distance') {
      return {
        ok: false,
        reason: RULES_PARAM_NOT_APPLICABLE,
        message: `rule "${rule.id}" (${rule.relation}) has no distance parameter`,
      };
    }
  }
  const value = set.rules.map((rule): EffectiveRule => {
    const o = byId.get(rule.id);
    const overridden: EffectiveRule['overridden'] = [];
    if (o?.enabled !== undefined) overridden.push('enabled');
    if (o?.distanceM !== undefined) overridden.push('distanceM');
    if (o?.areaToleranceM2 !== undefined) overridden.push('areaToleranceM2');
    if (o?.touchWidthM !== undefined) overridden.push('touchWidthM');
    if (o?.touchAreaM2 !== undefined) overridden.push('touchAreaM2');
    return {
      rule,
      enabled: o?.enabled ?? rule.enabled,
      distanceM: o?.distanceM ?? rule.params.distanceM?.value ?? 0,
      areaToleranceM2: o?.areaToleranceM2 ?? rule.params.areaToleranceM2?.value ?? 0,
      tolerance: {
        widthM: o?.touchWidthM ?? rule.params.touchWidthM?.value ?? tolerance.widthM,
        areaM2: o?.touchAreaM2 ?? rule.params.touchAreaM2?.value ?? tolerance.areaM2,
      },
      overridden,
    };
  });
  return { ok: true, value };
}
