import type { Span, StatedArea } from '../../core/model/gazette-record';
import { canonicalAreaUnit, parseNumber, toSquareMetres } from './numbers';

/**
 * Park lists published as pipe tables whose area column gives its unit in the header
 * ("序号 | 地区 | 园区名称 | 园区面积(公顷) | 备注 |"): each row is a park with its area. Rows with
 * merged cells keep fewer cells, so the name is the first cell that names a park and the area the
 * first plain number after the row number.
 */

const AREA_HEADER = /面积\s*\(\s*(公顷|平方公里|平方千米|平方米|万平方米|亩|万亩)\s*\)/;
const PARK_NAME = /(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园|集中区)$/;

/** A park row: its name and area with their spans. */
export interface ParkRow {
  readonly name: string;
  readonly nameSpan: Span;
  readonly area: StatedArea;
}

/** Park rows of the pipe tables of a text. */
export function parkTableRows(text: string): ParkRow[] {
  const out: ParkRow[] = [];
  let unit: string | null = null;
  let start = 0;
  for (const line of text.split('\n')) {
    const lineStart = start;
    start += line.length + 1;
    if (!line.includes('|')) {
      unit = null;
      continue;
    }
    const header = AREA_HEADER.exec(line);
    if (header !== null) {
      unit = header[1] ?? null;
      continue;
    }
    if (unit === null) continue;
    const cells: { text: string; at: number }[] = [];
    let from = 0;
    for (const part of line.split('|')) {
      const lead = part.length - part.trimStart().length;
      cells.push({ text: part.trim(), at: lineStart + from + lead });
      from += part.length + 1;
    }
    const name = cells.find((c) => PARK_NAME.test(c.text));
    const number = cells.slice(1).find((c) => /^\d+(?:\.\d+)?$/.test(c.text));
    const value = number === undefined ? null : parseNumber(number.text);
    const canonical = canonicalAreaUnit(unit);
    const m2 = value === null ? null : toSquareMetres(value, unit);
    if (name === undefined || number === undefined || value === null || canonical === null || m2 === null) continue;
    out.push({
      name: name.text,
      nameSpan: [name.at, name.at + name.text.length],
      area: { value, unit: canonical, m2, qualifier: null, text: number.text, span: [number.at, number.at + number.text.length] },
    });
  }
  return out;
}
