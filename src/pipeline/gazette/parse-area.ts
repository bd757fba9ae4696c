import type { StatedArea } from '../../core/model/gazette-record';
import { AREA_UNIT_SOURCE, NUMBER_SOURCE, canonicalAreaUnit, parseNumber, toSquareMetres } from './numbers';

/**
 * Stated areas: "面积 0.44 公顷", "规划面积 5.51 平方公里", "总面积约 92.1536 公顷", "占地 300 亩",
 * "面积为 1.2 万亩", "用地面积 43,439.07 m²". Every area is kept with its value and unit and
 * converted to m².
 */

const AREA_RE = new RegExp(
  String.raw`(?<qualifier>[\u4e00-\u9fa5]{0,4}?)(?<kw>面积|占地)(?::)?(?:(?:优化|调整|核减|扩大|变更)为|约|为|共|合计|达)?(?<value>${NUMBER_SOURCE})(?<unit>${AREA_UNIT_SOURCE})`,
  'g',
);

const QUALIFIERS = ['国有土地', '集体土地', '征收土地', '规划', '总', '用地', '占地', '核定', '调整', '保护', '控制', '建设'];

/** Land-class areas without 面积: "其中国有土地 64.1938 公顷, 集体土地 424.5944 公顷", "建设用地 6.4038 公顷". */
const LAND_CLASS_RE = new RegExp(
  String.raw`(?<kw>国有土地|集体土地|农用地|建设用地|未利用地)(?::)?(?:约|为)?(?<value>${NUMBER_SOURCE})(?<unit>${AREA_UNIT_SOURCE})`,
  'g',
);

/** Areas a source masked ("总面积 *** 公顷"): the number is not in the text. */
const MASKED_AREA_RE = new RegExp(String.raw`(?:[一-龥]{0,4}?)(?:面积|国有土地|集体土地|农用地|建设用地)\s*(?::)?\s*(?:约|为)?\s*\*{2,}\s*(?:${AREA_UNIT_SOURCE})`, 'g');

/** Every area statement whose number a source masked ("***"), with its span. */
export function findMaskedAreas(text: string, offset: number): { text: string; span: [number, number] }[] {
  return [...text.matchAll(MASKED_AREA_RE)].map((m) => ({ text: m[0], span: [offset + (m.index ?? 0), offset + (m.index ?? 0) + m[0].length] }));
}

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
  for (const m of text.matchAll(LAND_CLASS_RE)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (out.some((a) => a.span[0] - offset < end && start < a.span[1] - offset)) continue;
    const value = parseNumber(g['value'] ?? '');
    const unit = canonicalAreaUnit(g['unit'] ?? '');
    const m2 = value === null ? null : toSquareMetres(value, g['unit'] ?? '');
    if (value === null || unit === null || m2 === null) continue;
    out.push({ value, unit, m2, qualifier: g['kw'] ?? null, text: m[0], span: [offset + start, offset + end] });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
