import type { QaFinding } from './catalog-feature';

/**
 * QA of a feature once surveyed coordinates replaced its text-derived shape: findings about how the old
 * shape was built from the text (offsets that cannot reach the stated area, approximate anchors, residuals)
 * no longer describe the shape shown and are dropped; findings about the text itself stay; one finding
 * compares the surveyed area with the area the gazette states.
 */

/** Codes of findings about the construction or position of a text-derived shape (pipeline record and geometry QA). */
export const TEXT_SHAPE_QA_CODES: ReadonlySet<string> = new Set([
  'AREA_UNREACHABLE',
  'AREA_BARELY_REACHABLE',
  'RING_AREA_INCONSISTENT',
  'RING_AREA_FITS_AS_TOTAL',
  'SHARED_POSITION',
  'AREA_RESIDUAL',
  'CONTROL_AREA_RESIDUAL',
  'TWO_AREA_UNREACHABLE',
  'TWO_AREA_ELONGATED',
  'TWO_AREA_OTHER_SOLUTION',
  'ANCHOR_APPROXIMATE',
  'SIDES_UNKNOWN',
  'SHAPE_UNKNOWN',
  'SHAPE_NOT_DRAWN',
  'NO_PLACED_REFERENCE',
  'UNRESOLVED_PLACE',
  'UNRESOLVED_REFERENCE',
  'ALTERNATIVE_READING',
  'ODD_REFERENCE_READINGS',
]);

/** Codes of the finding about the surveyed shape. */
export const SURVEYED_QA_CODES = {
  /** The surveyed area differs from the stated one by more than the warning threshold. */
  differs: 'SURVEYED_AREA_DIFFERS',
  /** The surveyed area is within the threshold of the stated one. */
  matches: 'SURVEYED_AREA_MATCHES',
  /** The gazette states no area to compare with. */
  noStated: 'SURVEYED_NO_STATED_AREA',
} as const;

/** The surveyed area against the stated one. */
export interface SurveyedAreaCheck {
  readonly surveyedM2: number | null;
  readonly statedM2: number | null;
  /** (surveyed − stated) / stated; null without both areas. */
  readonly share: number | null;
  /** Whether |share| exceeds the threshold. */
  readonly over: boolean;
}

/** Compares a surveyed area with a stated one against a threshold share (e.g. 0.05). */
export function checkSurveyedArea(surveyedM2: number | null, statedM2: number | null, warnShare: number): SurveyedAreaCheck {
  if (!(warnShare >= 0)) throw new RangeError(`warnShare must be a non-negative number, got ${warnShare}`);
  const share = surveyedM2 !== null && statedM2 !== null && statedM2 > 0 ? (surveyedM2 - statedM2) / statedM2 : null;
  return { surveyedM2, statedM2, share, over: share !== null && Math.abs(share) > warnShare };
}

/** The QA findings to show for a superseded feature: text findings kept, shape findings replaced by the area check. */
export function surveyedShapeQa(previous: readonly QaFinding[], check: SurveyedAreaCheck, warnShare: number): QaFinding[] {
  const kept = previous.filter((q) => !TEXT_SHAPE_QA_CODES.has(q.code));
  const m2 = (x: number | null): string => (x === null ? '—' : `${x.toFixed(1)} m²`);
  let finding: QaFinding;
  if (check.share === null) {
    finding = { code: SURVEYED_QA_CODES.noStated, severity: 'info', message: `surveyed area ${m2(check.surveyedM2)}; the source states no area to compare with` };
  } else {
    const pct = `${check.share >= 0 ? '+' : ''}${(check.share * 100).toFixed(2)} %`;
    finding = {
      code: check.over ? SURVEYED_QA_CODES.differs : SURVEYED_QA_CODES.matches,
      severity: check.over ? 'warning' : 'info',
      message: `surveyed area ${m2(check.surveyedM2)} against the stated ${m2(check.statedM2)}: ${pct} (threshold ${(warnShare * 100).toFixed(1)} %)`,
    };
  }
  return [finding, ...kept];
}
