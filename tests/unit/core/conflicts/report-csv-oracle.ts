/**
 * The CSV writer of `src/core/conflicts/report-export.ts` and the caveat renderer of `src/i18n/conflict-text.ts` as
 * they were before rows were written without a value array and caveat templates were compiled: the oracle the new
 * writers are tested and benchmarked against, kept unchanged.
 */
import type { Lang } from '../../../../src/map/map-api';
import type { Caveat, ConflictReport, Finding } from '../../../../src/core/conflicts/report';
import { CSV_COLUMNS, caveatCodeText } from '../../../../src/core/conflicts/report-export';
import type { CaveatRenderer } from '../../../../src/core/conflicts/report-export';
import { t } from '../../../../src/i18n/localize';
import type { MessageKey } from '../../../../src/i18n/localize';

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(f: Finding, report: ConflictReport, caveat: CaveatRenderer): Array<string | number | boolean | null> {
  return [
    f.severity, f.verdict, f.ruleId, f.ruleVersion, f.ruleTitle, f.relation,
    f.a.id, f.a.layer, f.a.name, f.a.precisionM, f.b?.id ?? null, f.b?.layer ?? null, f.b?.name ?? null,
    f.b?.precisionM ?? null, f.bIds.join(';'),
    f.overlapAreaM2, f.shareOfA, f.shareOfB, f.outsideAreaM2, f.distanceM,
    f.relation === 'within-distance' ? f.params.distanceM : null, f.params.areaToleranceM2,
    f.nominal, f.shiftM, f.marginM, caveat(f.caveat),
    f.basis.map((b) => `${b.document}${b.docNumber === undefined ? '' : ` ${b.docNumber}`}${b.article === undefined ? '' : ` ${b.article}`}`).join('；'),
    report.ruleSet.id, report.ruleSet.version, report.generatedAt,
  ];
}

/** The former `reportCsvChunks`. */
export function* oracleReportCsvChunks(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText, rows = 10_000): Generator<string> {
  let lines = [`\uFEFF${CSV_COLUMNS.join(',')}`];
  for (const f of report.findings) {
    lines.push(row(f, report, caveat).map(cell).join(','));
    if (lines.length >= rows) {
      yield `${lines.join('\r\n')}\r\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
}

const CAVEAT_KEYS: Readonly<Record<Caveat['code'], MessageKey>> = {
  surveyed: 'conflicts.caveatSurveyed',
  'holds-within-precision': 'conflicts.caveatHoldsWithin',
  'holds-may-fail': 'conflicts.caveatHoldsMayFail',
  'fails-may-hold': 'conflicts.caveatFailsMayHold',
};

/** The former `caveatText`. */
export function oracleCaveatText(c: Caveat, lang: Lang): string {
  const radii = t('conflicts.caveatRadii', lang, { a: c.precisionAM, b: c.precisionBM === null ? '—' : `±${c.precisionBM} m`, shift: c.shiftM });
  const depth = c.code === 'fails-may-hold' ? -c.depthM : Math.max(0, c.depthM);
  const main = t(CAVEAT_KEYS[c.code], lang, { radii, margin: c.marginM.toFixed(1), depth: depth.toFixed(1) });
  return c.groupedOthers > 0 ? `${main}${lang === 'en' ? ' ' : ''}${t('conflicts.caveatGrouped', lang, { n: c.groupedOthers })}` : main;
}
