import { html, nothing } from 'lit';
import type { Lang } from '../../map/map-api';
import type { QaFinding, ViewerProps } from '../../core/model/catalog-feature';
import type { Supersession } from '../../core/model/user-layer';
import { SURVEYED_QA_CODES, checkSurveyedArea, surveyedShapeQa } from '../../core/model/supersede-qa';
import type { SurveyedAreaCheck } from '../../core/model/supersede-qa';
import { t } from '../../i18n/localize';
import type { TableKey } from '../../i18n/localize';
import { flagLabel, formatArea } from '../../i18n/labels';

/** The inspector's part for a superseded feature: both areas with their difference, and the refreshed QA. */

const QA_KEYS: Readonly<Record<string, TableKey>> = {
  [SURVEYED_QA_CODES.differs]: 'qaSurveyedAreaDiffers',
  [SURVEYED_QA_CODES.matches]: 'qaSurveyedAreaMatches',
  [SURVEYED_QA_CODES.noStated]: 'qaSurveyedNoStatedArea',
};

/** A QA code in words (the surveyed-area codes here, the pipeline's through the shared labels). */
export function qaCodeLabel(code: string, lang: Lang): string {
  const k = QA_KEYS[code];
  return k ? t(`table.${k}`, lang) : flagLabel(code, lang);
}

/** The area check of a superseded feature (its props carry the surveyed area and the stated one). */
export function supersedeCheck(props: ViewerProps, warnShare: number): SurveyedAreaCheck {
  return checkSurveyedArea(props.computedAreaM2, props.statedAreaM2, warnShare);
}

/** The QA findings to show: as given, or refreshed for the surveyed shape of a superseded feature. */
export function inspectorQa(qa: readonly QaFinding[], props: ViewerProps, record: Supersession | null, warnShare: number): readonly QaFinding[] {
  return record === null ? qa : surveyedShapeQa(qa, supersedeCheck(props, warnShare), warnShare);
}

/** Rows (dt/dd) comparing the stated, surveyed and former text-derived areas. */
export function renderSupersedeAreas(props: ViewerProps, record: Supersession, warnShare: number, lang: Lang): unknown {
  const T = (k: TableKey, v?: Record<string, string | number>): string => t(`table.${k}`, lang, v);
  const c = supersedeCheck(props, warnShare);
  const prev = record.previousProps['computedAreaM2'];
  const area = (x: number | null): string => (x === null ? '—' : formatArea(x, lang));
  const limit = (warnShare * 100).toFixed(warnShare * 100 < 1 ? 1 : 0);
  return html`<dt>${T('areaStated')}</dt><dd data-testid="area-stated">${area(c.statedM2)}</dd>
    <dt>${T('areaSurveyed')}</dt><dd data-testid="area-surveyed">${area(c.surveyedM2)}</dd>
    ${typeof prev === 'number' ? html`<dt>${T('areaTextDerived')}</dt><dd data-testid="area-text-derived">${area(prev)}</dd>` : nothing}
    <dt>${T('areaDiff')}</dt>
    <dd data-testid="area-diff" data-over=${c.over ? 'true' : 'false'} class=${c.over ? 'note' : ''}>
      ${c.share === null ? '—' : `${c.share >= 0 ? '+' : ''}${(c.share * 100).toFixed(2)}%（${c.over ? T('areaDiffOver', { limit }) : T('areaDiffWithin', { limit })}）`}
    </dd>`;
}
