import type { Lang } from '../map/map-api';
import type { Caveat, ConflictReport, FeatureRef, RuleNote, RuleStatus } from '../core/conflicts/report';
import type { Severity } from '../core/conflicts/rule-schema';
import { t } from './localize';
import type { MessageKey, MessageVars } from './localize';

/**
 * The conflict engine's codes in words: precision caveats, skipped-rule notes and the plain-text report. The
 * conflict panel, the printable report, the review sheet and `npm run check --format text` all render through
 * here, so the app and the CLI say the same thing.
 */

const SEVERITY_KEYS: Readonly<Record<Severity, MessageKey>> = { 禁止: 'conflicts.sevForbidden', 需审批: 'conflicts.sevApproval', 提示: 'conflicts.sevNotice' };
const STATUS_KEYS: Readonly<Record<RuleStatus, MessageKey>> = { ran: 'conflicts.statusRan', disabled: 'conflicts.statusDisabled', 'skipped-no-features': 'conflicts.statusSkipped' };
const CAVEAT_KEYS: Readonly<Record<Caveat['code'], MessageKey>> = {
  surveyed: 'conflicts.caveatSurveyed',
  'holds-within-precision': 'conflicts.caveatHoldsWithin',
  'holds-may-fail': 'conflicts.caveatHoldsMayFail',
  'fails-may-hold': 'conflicts.caveatFailsMayHold',
};

/** Severity in words (the rule set's Chinese word, or its English name). */
export function severityText(s: Severity, lang: Lang): string {
  return t(SEVERITY_KEYS[s], lang);
}

/** Status of a rule in a report, in words. */
export function ruleStatusText(status: RuleStatus, lang: Lang): string {
  return t(STATUS_KEYS[status], lang);
}

/** Why a rule was skipped, in words. */
export function ruleNoteText(note: RuleNote, lang: Lang): string {
  return t(`conflicts.note-${note}`, lang);
}

/** A message split at its `{name}` placeholders: literal text at even indexes, placeholder names at odd ones. */
type Pieces = readonly string[];

const PIECES: Readonly<Record<Lang, Map<MessageKey, Pieces>>> = { 'zh-CN': new Map(), en: new Map() };
/** No variables, not even inherited ones: {@link t} then returns a message as written. */
const NO_VARS: MessageVars = Object.freeze(Object.create(null) as MessageVars);

/** The pieces of message `key` in `lang`, split once (the placeholder syntax of {@link t}). */
function pieces(key: MessageKey, lang: Lang): Pieces {
  const byKey = PIECES[lang] as Map<MessageKey, Pieces> | undefined;
  let p = byKey?.get(key);
  if (p === undefined) {
    p = t(key, lang, NO_VARS).split(/\{(\w+)\}/);
    byKey?.set(key, p);
  }
  return p;
}

/** What {@link t} makes of the message split into `p` and `vars`: unknown names stay as written. */
function render(p: Pieces, vars: MessageVars): string {
  let s = p[0] as string;
  for (let i = 1; i < p.length; i += 2) {
    const name = p[i] as string;
    s += `${name in vars ? String(vars[name]) : `{${name}}`}${p[i + 1] as string}`;
  }
  return s;
}

/** A finding's precision caveat in words (the messages are split once per code and language, not per finding). */
export function caveatText(c: Caveat, lang: Lang): string {
  const radii = render(pieces('conflicts.caveatRadii', lang), { a: c.precisionAM, b: c.precisionBM === null ? '—' : `±${c.precisionBM} m`, shift: c.shiftM });
  const depth = c.code === 'fails-may-hold' ? -c.depthM : Math.max(0, c.depthM);
  const main = render(pieces(CAVEAT_KEYS[c.code], lang), { radii, margin: c.marginM.toFixed(1), depth: depth.toFixed(1) });
  return c.groupedOthers > 0 ? `${main}${lang === 'en' ? ' ' : ''}${render(pieces('conflicts.caveatGrouped', lang), { n: c.groupedOthers })}` : main;
}

function fmt(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

function label(ref: FeatureRef | null, lang: Lang): string {
  if (ref === null) return t('conflicts.textNone', lang);
  return `${ref.name ?? ref.id} [${ref.layer}${ref.category === null ? '' : `/${ref.category}`} ${ref.id}]`;
}

/** A plain-text rendering of a report, grouped by severity (the CLI's `--format text`). */
export function formatReportText(report: ConflictReport, lang: Lang = 'zh-CN'): string {
  const lines: string[] = [];
  lines.push(t('conflicts.textTitle', lang, { time: report.generatedAt }));
  lines.push(t('conflicts.textRuleSet', lang, { id: report.ruleSet.id, version: report.ruleSet.version, projection: report.engine.projection }));
  for (const layer of report.layers) {
    const inactive = layer.inactiveCount ? t('conflicts.textLayerInactive', lang, { n: layer.inactiveCount }) : '';
    lines.push(t('conflicts.textLayer', lang, { name: layer.name, n: layer.featureCount, inactive, hash: layer.hash ?? '' }));
  }
  for (const rule of report.rules) {
    lines.push(
      t('conflicts.textRule', lang, {
        id: rule.ruleId,
        version: rule.version,
        severity: severityText(rule.severity, lang),
        status: ruleStatusText(rule.status, lang),
        params: rule.relation === 'within-distance' ? ` d=${rule.distanceM} m` : '',
        tol: rule.areaToleranceM2,
        changed: rule.overridden.length > 0 ? t('conflicts.textChanged', lang, { fields: rule.overridden.join(',') }) : '',
        note: rule.note === null ? '' : ` — ${ruleNoteText(rule.note, lang)}`,
        n: rule.findings,
      }),
    );
  }
  lines.push(t('conflicts.textTolerance', lang, { mm: (report.engine.tolerance.widthM * 1000).toFixed(1), m2: report.engine.tolerance.areaM2 }));
  for (const r of report.rejected) {
    lines.push(t('conflicts.textRejected', lang, { layer: r.layer, index: r.index + 1, id: r.id ?? '—', reason: `${r.reason}${r.detail === null ? '' : `/${r.detail}`}` }));
  }
  for (const n of report.geometryNotes) lines.push(t('conflicts.textGeometryNote', lang, { code: n.code, layer: n.layer, id: n.id, params: JSON.stringify(n.params) }));
  for (const [severity, s] of Object.entries(report.summary) as Array<[Severity, { definite: number; possible: number }]>) {
    lines.push('', t('conflicts.textGroup', lang, { severity: severityText(severity, lang), definite: s.definite, possible: s.possible }));
    for (const f of report.findings.filter((x) => x.severity === severity)) {
      lines.push(`- [${t(f.verdict === 'definite' ? 'conflicts.definite' : 'conflicts.possible', lang)}] ${f.ruleTitle} (${f.ruleId})`);
      lines.push(`  A: ${label(f.a, lang)}`);
      lines.push(`  B: ${label(f.b, lang)}${f.bIds.length > 1 ? t('conflicts.textMore', lang, { n: f.bIdsTotal ?? f.bIds.length }) : ''}`);
      lines.push(
        t('conflicts.textMeasures', lang, {
          overlap: fmt(f.overlapAreaM2, 1),
          shareA: fmt(f.shareOfA === null ? null : f.shareOfA * 100, 2),
          shareB: fmt(f.shareOfB === null ? null : f.shareOfB * 100, 2),
          outside: fmt(f.outsideAreaM2, 1),
          distance: fmt(f.distanceM, 1),
          margin: f.marginM.toFixed(1),
        }),
      );
      lines.push(`  ${caveatText(f.caveat, lang)}`);
      lines.push(t('conflicts.textBasis', lang, { basis: f.basis.map((b) => `${b.document}${b.article === undefined ? '' : ` ${b.article}`}`).join(lang === 'en' ? '; ' : '；') }));
    }
  }
  return lines.join('\n');
}
