import type { Feature, Geometry } from 'geojson';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import type { ConflictReport, Finding } from '../../core/conflicts/report';
import { parseRuleSet } from '../../core/conflicts/rule-schema';
import type { Rule, RuleSet } from '../../core/conflicts/rule-schema';
import type { LoadedLayer } from '../data/layer-catalog';
import { isUserLayerId } from '../data/user-layers';

/**
 * The compliance check (合规性审查) of one imported layer: the conflict engine runs with that
 * layer on side A of every rule that applies to its category, against every other layer. Pure
 * helpers (no DOM): the rule set, the engine input and the filtering of the report.
 */

/** Layers of the catalog that never take part (QA markers are not planning features). */
const NOT_INPUT: ReadonlySet<string> = new Set(['qa']);

/** Relic layers whose rules for land acquisition also bind every construction project. */
const RELIC_LAYERS: ReadonlySet<string> = new Set(['relic-protection', 'relic-control']);

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

/** Whether a rule side selects a category. */
function selectsCategory(side: Rule['a'], category: string): boolean {
  return side.categories?.includes(category) === true;
}

/** Outcome of {@link complianceRuleSet}. */
export type ComplianceRules = { ok: true; ruleSet: RuleSet; derived: string[] } | { ok: false; message: string };

/**
 * The rules of a compliance check for a layer of `category`: the shipped rules whose A or B side
 * names the category, plus (for project boundaries) {@link derivedProjectRules}.
 */
export function complianceRuleSet(rulesJson: unknown, category: string): ComplianceRules {
  const parsed = parseRuleSet(rulesJson);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const set = parsed.value;
  const derived = category === 'project-boundary' ? derivedProjectRules(set).filter((d) => !set.rules.some((r) => r.id === d.id)) : [];
  const rules = [...set.rules, ...derived].filter((r) => selectsCategory(r.a, category) || selectsCategory(r.b, category));
  if (rules.length === 0) return { ok: false, message: `没有适用于类别 ${category} 的规则 / no rule applies to the category ${category}` };
  return { ok: true, ruleSet: { ...set, id: `${set.id}+compliance`, rules }, derived: derived.filter((d) => rules.includes(d)).map((d) => d.id) };
}

function asInput(l: LoadedLayer, name: string): InputLayer {
  return {
    name,
    features: l.features.map((f): Feature<Geometry, Record<string, unknown>> => {
      const props: Record<string, unknown> = { ...f.props };
      delete props['qa'];
      return { type: 'Feature', id: f.id, geometry: f.geometry, properties: props };
    }),
  };
}

/**
 * Engine input: the layer under review first, then every other layer except QA markers and other
 * imported layers of the same category (they would stand on side A too). `names` maps catalog
 * ids to the names shown in the report.
 */
export function complianceInputs(
  layers: readonly LoadedLayer[],
  targetId: string,
  names: ReadonlyMap<string, string> = new Map(),
  /** Category of the target when its features are not in the catalog (large layers). */
  targetCategory?: string,
): InputLayer[] | null {
  const target = layers.find((l) => l.id === targetId);
  if (target === undefined) return null;
  const category = targetCategory ?? target.features[0]?.props.category;
  const nameOf = (l: LoadedLayer): string => names.get(l.id) ?? `${l.id}.geojson`;
  const others = layers.filter(
    (l) => l.id !== targetId && !NOT_INPUT.has(l.id) && l.features.length > 0 && !(isUserLayerId(l.id) && l.features[0]?.props.category === category),
  );
  return [asInput(target, nameOf(target)), ...others.map((l) => asInput(l, nameOf(l)))];
}

/**
 * The findings that involve a feature of the layer under review: those that hold at the drawn
 * positions first, then those that only the precision radii make possible, nearest first.
 */
export function findingsOf(report: ConflictReport, featureIds: ReadonlySet<string>): Finding[] {
  return report.findings
    .filter((f) => featureIds.has(f.a.id) || (f.b !== null && featureIds.has(f.b.id)) || f.bIds.some((id) => featureIds.has(id)))
    .sort((x, y) => Number(y.nominal) - Number(x.nominal) || (x.distanceM ?? 0) - (y.distanceM ?? 0));
}
