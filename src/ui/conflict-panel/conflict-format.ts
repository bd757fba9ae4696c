import type { Lang } from '../../map/map-api';
import type { Finding, RuleRun } from '../../core/conflicts/report';
import type { Severity } from '../../core/conflicts/rule-schema';
import { t } from '../../i18n/localize';
import { ruleStatusText, severityText } from '../../i18n/conflict-text';

/** Number formatting and labels shared by the panel and the printable report. */

/** Severity label: the rule set's Chinese word, or its English name. */
export function severityLabel(s: Severity, lang: Lang): string {
  return severityText(s, lang);
}

/** CSS-safe token of a severity (for classes and test ids). */
export function severityToken(s: Severity): 'forbidden' | 'approval' | 'notice' {
  return s === '禁止' ? 'forbidden' : s === '需审批' ? 'approval' : 'notice';
}

/** Verdict label: 确定 / 可能. */
export function verdictLabel(v: Finding['verdict'], lang: Lang): string {
  return t(v === 'definite' ? 'conflicts.definite' : 'conflicts.possible', lang);
}

/** Status of a rule in a report. */
export function ruleStatusLabel(status: RuleRun['status'], lang: Lang): string {
  return ruleStatusText(status, lang);
}

function num(x: number, digits: number, lang: Lang): string {
  return x.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An area in m² and 公顷, e.g. `23 774.5 m²（2.3775 公顷）`; `—` for null. */
export function formatAreaM2Ha(m2: number | null, lang: Lang): string {
  if (m2 === null) return '—';
  return `${num(m2, 1, lang)} m²（${num(m2 / 10_000, 4, lang)} ${t('conflicts.hectare', lang)}）`;
}

/** A share 0…1 as a percentage with two decimals; `—` for null. */
export function formatShare(share: number | null, lang: Lang): string {
  return share === null ? '—' : `${num(share * 100, 2, lang)}%`;
}

/** A distance in metres with one decimal (km above 10 km); `—` for null. */
export function formatDistance(m: number | null, lang: Lang): string {
  if (m === null) return '—';
  return m >= 10_000 ? `${num(m / 1000, 2, lang)} km` : `${num(m, 1, lang)} m`;
}

/** The parameters of a rule run as text, e.g. `d = 1000 m · tol = 1 m²`. */
export function ruleParamsText(r: Pick<RuleRun, 'relation' | 'distanceM' | 'areaToleranceM2'>): string {
  const d = r.relation === 'within-distance' ? `d = ${r.distanceM} m · ` : '';
  return `${d}tol = ${r.areaToleranceM2} m²`;
}
