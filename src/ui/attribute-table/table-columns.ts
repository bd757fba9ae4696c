import type { Lang } from '../../map/map-api';
import type { CellValue, TableColumn } from '../../core/table/table-model';
import { t } from '../../i18n/localize';
import type { MessageKey, TableKey } from '../../i18n/localize';
import { LEVEL_KEYS, methodLabel } from '../../i18n/labels';

/** Column headers and cell text of the attribute table, in the UI's language. */

const STATUS_KEYS: Readonly<Record<string, MessageKey>> = {
  'in-force': 'table.statusInForce',
  planned: 'table.statusPlanned',
  superseded: 'table.statusSuperseded',
  withdrawn: 'table.statusWithdrawn',
};

/** Header of a column: the field's name, or the property / attribute name as the file spells it. */
export function columnLabel(c: TableColumn, lang: Lang): string {
  if (c.group === 'attr') return c.name ?? c.key;
  if (c.group === 'prop') return `${t('table.propPrefix', lang)}: ${c.name ?? c.key}`;
  const key = `col${c.key.charAt(0).toUpperCase()}${c.key.slice(1)}` as TableKey;
  return t(`table.${key}`, lang);
}

/**
 * A cell as the table shows it and exports it: status, method and anchor level in words, numbers rounded to
 * the column's decimals (kept as numbers), everything else as it is.
 */
export function cellValue(c: TableColumn, v: CellValue, lang: Lang): CellValue {
  if (v === null) return null;
  if (typeof v === 'number') {
    if (c.decimals === undefined) return v;
    const f = 10 ** c.decimals;
    return Math.round(v * f) / f;
  }
  if (c.key === 'status') {
    const k = STATUS_KEYS[v];
    return k ? t(k, lang) : v;
  }
  if (c.key === 'method') return methodLabel(v, lang);
  if (c.key === 'anchorLevel') {
    const k = LEVEL_KEYS[v];
    return k ? t(k, lang) : v;
  }
  return v;
}

const formats = new Map<string, Intl.NumberFormat>();

function formatOf(c: TableColumn, lang: Lang): Intl.NumberFormat {
  const grouping = c.key !== 'anchorLon' && c.key !== 'anchorLat';
  const key = `${lang}|${c.decimals ?? 'x'}|${grouping ? 1 : 0}`;
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(lang, { minimumFractionDigits: c.decimals ?? 0, maximumFractionDigits: c.decimals ?? 6, useGrouping: grouping });
    formats.set(key, f);
  }
  return f;
}

/** A cell as text on screen (numbers grouped by the locale, with the column's decimals). */
export function cellText(c: TableColumn, v: CellValue, lang: Lang): string {
  const value = cellValue(c, v, lang);
  if (value === null) return '';
  return typeof value === 'number' ? formatOf(c, lang).format(value) : value;
}

/** A cell as the filter reads it: the shown words, numbers without grouping (so "1234.5" finds 1,234.5). */
export function cellSearchText(c: TableColumn, v: CellValue, lang: Lang): string {
  const value = cellValue(c, v, lang);
  return value === null ? '' : String(value);
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Whether a text cell holds Chinese (marked `lang="zh-CN"` for screen readers and the language check). */
export function isChinese(text: string): boolean {
  return CJK.test(text);
}
