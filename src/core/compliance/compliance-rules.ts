import { parseRuleSet } from '../conflicts/rule-schema';
import type { Rule, RuleSet } from '../conflicts/rule-schema';

/**
 * The rules of a compliance check (合规性审查) of one imported layer: the shipped rules that name the
 * layer's category on either side, plus the rules derived for project boundaries. Shared by the app's
 * compliance session and `npm run check -- --compliance`, so both judge with the same rules.
 */

/** Relic layers whose rules for land acquisition also bind every construction project. */
const RELIC_LAYERS: ReadonlySet<string> = new Set(['relic-protection', 'relic-control']);

/** Reason codes of {@link complianceRuleSet}. */
export const COMPLIANCE_RULE_REASONS = {
  rulesInvalid: 'compliance-rules-invalid',
  noRuleForCategory: 'compliance-no-rule-for-category',
} as const;

/** A reason code of {@link complianceRuleSet}. */
export type ComplianceRuleReason = (typeof COMPLIANCE_RULE_REASONS)[keyof typeof COMPLIANCE_RULE_REASONS];

/**
 * Rules derived for project boundaries (建设项目用地红线) from the land-acquisition rules against
 * relic zones: the Cultural Relics Protection Law's articles 17/18 (and the 吕政函〔2022〕93号
 * notice quoted in their basis) forbid or regulate any construction project in a protection range
 * or control zone, not only land acquisition. Their basis, severity and parameters are those of
 * the source rule; only the A side, id and title change. The outside-of rule for land
 * acquisition is not derived: a project outside the urban development boundary is not forbidden
 * by itself.
 */
export function derivedProjectRules(set: RuleSet): Rule[] {
  return set.rules
    .filter((r) => r.a.layers?.includes('land-acquisition') === true && r.relation !== 'outside-of' && (r.b.layers ?? []).some((l) => RELIC_LAYERS.has(l)))
    .map((r) => ({
      ...r,
      id: r.id.replace(/^land-acquisition/, 'project-boundary'),
      title: r.title.replace('征收土地', '建设项目用地'),
      a: { categories: ['project-boundary'] },
      notes: `由规则 ${r.id} 派生：文物保护范围与建设控制地带的限制适用于一切建设工程 / derived from rule ${r.id}: the limits of relic zones bind every construction project`,
    }));
}

function selectsCategory(side: Rule['a'], category: string): boolean {
  return side.categories?.includes(category) === true;
}

/** Outcome of {@link complianceRuleSet}: the rule set and the ids of derived rules in it, or a reason code. */
export type ComplianceRules =
  | { ok: true; ruleSet: RuleSet; derived: string[] }
  | { ok: false; reason: ComplianceRuleReason; detail: string };

/**
 * The rules of a compliance check for a layer of `category`: the rules of `rulesJson` (validated here)
 * whose A or B side names the category, plus (for project boundaries) {@link derivedProjectRules}.
 */
export function complianceRuleSet(rulesJson: unknown, category: string): ComplianceRules {
  const parsed = parseRuleSet(rulesJson);
  if (!parsed.ok) return { ok: false, reason: COMPLIANCE_RULE_REASONS.rulesInvalid, detail: parsed.message };
  const set = parsed.value;
  const derived = category === 'project-boundary' ? derivedProjectRules(set).filter((d) => !set.rules.some((r) => r.id === d.id)) : [];
  const rules = [...set.rules, ...derived].filter((r) => selectsCategory(r.a, category) || selectsCategory(r.b, category));
  if (rules.length === 0) return { ok: false, reason: COMPLIANCE_RULE_REASONS.noRuleForCategory, detail: category };
  return { ok: true, ruleSet: { ...set, id: `${set.id}+compliance`, rules }, derived: derived.filter((d) => rules.includes(d)).map((d) => d.id) };
}
