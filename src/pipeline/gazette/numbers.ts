import type { AreaUnit } from '../../core/model/gazette-record';

/**
 * Numbers and units as gazettes write them: Arabic digits (after layout repair), Chinese numerals
 * (二十, 一千五百, 两), lengths (米, 千米, 公里) and areas (平方米, 公顷, 平方公里, 亩, 万亩).
 */

/** Regex source matching one number: Arabic (optional thousands groups and decimals) or Chinese numerals. */
export const NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)`;

/** Regex source of a length unit; longest first so 千米 wins over 米. */
export const LENGTH_UNIT_SOURCE = String.raw`(?:千米|公里|km|米|m(?![²2a-z]))`;

/** Regex source of an area unit; longest first. */
export const AREA_UNIT_SOURCE = String.raw`(?:万平方米|平方公里|平方千米|平方米|km²|km2|m²|m2|公顷|hm²|hm2|万亩|亩)`;

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Value of a Chinese numeral: 二十 → 20, 十五 → 15, 一千五百 → 1500, 三百零五 → 305, 一万二千 → 12000,
 * 两 → 2; a run of digits with no unit characters reads positionally (一五〇〇 → 1500).
 * Returns null when the string is not a well-formed numeral.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  const chars = [...text];
  if (chars.some((c) => !(c in CN_DIGITS) && !(c in CN_SMALL_UNITS) && c !== '万')) return null;
  if (chars.every((c) => c in CN_DIGITS)) {
    if (chars.length === 1) return CN_DIGITS[chars[0] ?? ''] ?? null;
    return Number(chars.map((c) => String(CN_DIGITS[c])).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const c of chars) {
    const d = CN_DIGITS[c];
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null;
      digit = d;
      continue;
    }
    if (c === '万') {
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * 10000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
      continue;
    }
    const unit = CN_SMALL_UNITS[c];
    if (unit === undefined || unit >= lastUnit) return null;
    section += (digit ?? (unit === 10 ? 1 : 0)) * unit;
    if (digit === 0 || (digit === null && unit !== 10)) return null;
    digit = null;
    lastUnit = unit;
  }
  section += digit ?? 0;
  return total + section;
}

/** Value of an Arabic or Chinese number as {@link NUMBER_SOURCE} matches it, or null. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  return parseChineseNumeral(t);
}

/** Metres in one unit of each length unit. */
const LENGTH_FACTORS: Readonly<Record<string, number>> = { 米: 1, m: 1, 千米: 1000, 公里: 1000, km: 1000 };

/** Metres for a value in a length unit as {@link LENGTH_UNIT_SOURCE} matches it, or null for an unknown unit. */
export function toMetres(value: number, unit: string): number | null {
  const f = LENGTH_FACTORS[unit];
  return f === undefined ? null : roundTo(value * f, 6);
}

const AREA_CANONICAL: Readonly<Record<string, AreaUnit>> = {
  平方米: '平方米',
  'm²': '平方米',
  m2: '平方米',
  万平方米: '万平方米',
  公顷: '公顷',
  'hm²': '公顷',
  hm2: '公顷',
  平方公里: '平方公里',
  平方千米: '平方公里',
  'km²': '平方公里',
  km2: '平方公里',
  亩: '亩',
  万亩: '万亩',
};

/** Square metres in one unit of each canonical area unit (1 亩 = 10000/15 m²). */
export const AREA_FACTORS: Readonly<Record<AreaUnit, number>> = {
  平方米: 1,
  万平方米: 10_000,
  公顷: 10_000,
  平方公里: 1_000_000,
  亩: 10_000 / 15,
  万亩: 10_000 * (10_000 / 15),
};

/** Canonical unit of an area unit as written, or null when it is not an area unit. */
export function canonicalAreaUnit(unit: string): AreaUnit | null {
  return AREA_CANONICAL[unit] ?? null;
}

/** Square metres for a value in an area unit as written, or null for an unknown unit. */
export function toSquareMetres(value: number, unit: string): number | null {
  const canonical = canonicalAreaUnit(unit);
  return canonical === null ? null : roundTo(value * AREA_FACTORS[canonical], 4);
}

/** Round to a number of decimals, removing binary noise (0.44 × 10000 → 4400). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
