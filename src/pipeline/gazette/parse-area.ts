import type { StatedArea } from '../../core/model/gazette-record';
import { AREA_UNIT_SOURCE, NUMBER_SOURCE, canonicalAreaUnit, parseNumber, toSquareMetres } from './numbers';

/**
 * Stated areas: "面积 0.44 公顷", "规划面积 5.51 平方公里", "总面积约 92.1536 公顷", "占地 300 亩",
 * "面积为 1.2 万亩", "用地面积 43,439.07 m²". Every area is kept with its value and unit and
 * converted to m².
 */

const AREA_RE = new RegExp(
  String.raw`(?<qualifier>[\u4e00-\u9fa5]{0,4}?)(?<kw>面积|占地)(?::)?(?:约|为|共|合计|达)?(?<value>${NUMBER_SOURCE})(?<unit>${AREA_UNIT_SOURCE})`,
  'g',
);

const QUALIFIERS = ['规划', '总', '用地', '占地', '核定', '调整', '保护', '控制', '建设'];

/** Every stated area in a text; `offset` is the text's start in the passage. */
export function findAreas(text: string, offset: number): StatedArea[] {
  const out: StatedArea[] = [];
  for (const m of text.matchAll(AREA_RE)) {
    const g = m.groups ?? {};
    const valueText = g['value'] ?? '';
    const unitText = g['unit'] ?? '';
    const value = parseNumber(valueText);
    const unit = canonicalAreaUnit(unitText);
    const m2 = value === null ? null : toSquareMetres(value, unitText);
    if (value === null || unit === null || m2 === null) continue;
    const rawQualifier = g['qualifier'] ?? '';
    const qualifier = QUALIFIERS.find((q) => rawQualifier.endsWith(q)) ?? null;
    const qualifierLength = qualifier === null ? 0 : qualifier.length;
    const start = (m.index ?? 0) + rawQualifier.length - qualifierLength;
    const end = (m.index ?? 0) + m[0].length;
    out.push({
      value,
      unit,
      m2,
      qualifier: qualifier === null ? null : `${qualifier}${g['kw'] ?? ''}`,
      text: text.slice(start, end),
      span: [offset + start, offset + end],
    });
  }
  return out;
}
