import type { Paragraph } from './parse-document';

/**
 * Relic lists published as tables: a pipe table ("序号 | 名称 | 地址 | 保护范围 | 建设控制地带 |",
 * one row a line) or a table copied one cell a line (a row number alone on its line, then the
 * cells). Each row becomes a site: its name cell and its zone cells, labelled by their column.
 */

/** A cell of a table row, labelled by its column when the column is a site field. */
export interface TableField extends Paragraph {
  /** 保护范围, 建设控制地带, 地址 or 时代. */
  readonly label: string;
}

/** One table row: the name cell and the labelled field cells. */
export interface TableRow {
  readonly name: Paragraph;
  readonly fields: TableField[];
}

const NAME_HEADER = /名称/;
const FIELD_HEADERS: readonly [RegExp, string][] = [
  [/^保护范围$/, '保护范围'],
  [/^(?:建设控制地带|建控地带)$/, '建设控制地带'],
  [/^(?:地址|位置)$/, '地址'],
  [/^时代$/, '时代'],
];

function labelOfHeader(cell: string): string | null {
  const c = cell.replace(/\s/g, '');
  return FIELD_HEADERS.find(([re]) => re.test(c))?.[1] ?? null;
}

function pipeCells(p: Paragraph): Paragraph[] {
  const out: Paragraph[] = [];
  let from = 0;
  for (const part of p.text.split('|')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text.length > 0 || out.length > 0) out.push({ text, start: p.start + from + lead });
    from += part.length + 1;
  }
  while (out.length > 0 && (out[out.length - 1]?.text ?? '') === '') out.pop();
  return out;
}

function rowOf(cells: readonly Paragraph[], header: readonly string[], fromEnd: boolean): TableRow | null {
  const nameAt = header.findIndex((h) => NAME_HEADER.test(h));
  const name = cells[nameAt < 0 ? 1 : nameAt];
  if (name === undefined || name.text.length === 0) return null;
  const fields: TableField[] = [];
  header.forEach((h, i) => {
    const label = labelOfHeader(h);
    if (label === null) return;
    const cell = fromEnd ? cells[cells.length - (header.length - i)] : cells[i];
    if (cell !== undefined && cell.text.length > 0 && cell !== name) fields.push({ ...cell, label });
  });
  return fields.some((f) => f.label === '保护范围' || f.label === '建设控制地带') ? { name, fields } : null;
}

/** Rows of the relic tables of a passage's paragraphs, and the paragraphs they use. */
export function relicTableRows(paras: readonly Paragraph[]): { rows: TableRow[]; used: Set<number> } {
  const rows: TableRow[] = [];
  const used = new Set<number>();
  // Pipe tables: a header row naming 保护范围, then rows.
  let header: string[] | null = null;
  paras.forEach((p, k) => {
    if (!p.text.includes('|')) {
      header = null;
      return;
    }
    const cells = pipeCells(p);
    if (cells.some((c) => labelOfHeader(c.text) === '保护范围')) {
      header = cells.map((c) => c.text);
      used.add(k);
      return;
    }
    if (header === null) return;
    const row = rowOf(cells, header, false);
    if (row !== null) {
      rows.push(row);
      used.add(k);
    }
  });
  // Cell tables: header cells one a paragraph, then rows starting at a row number.
  const headerStart = paras.findIndex((p, k) => labelOfHeader(p.text) === '保护范围' && !used.has(k));
  if (headerStart >= 0) {
    let first = headerStart;
    while (first > 0 && !/^\d{1,3}$/.test(paras[first - 1]?.text ?? '') && (paras[first - 1]?.text.length ?? 99) <= 8) first--;
    let k = headerStart;
    while (k < paras.length && !/^\d{1,3}$/.test(paras[k]?.text ?? '')) k++;
    const cellHeader = paras.slice(first, k).map((p) => p.text);
    for (let i = first; i < k; i++) used.add(i);
    while (k < paras.length) {
      const startRow = k;
      k++;
      while (k < paras.length && !/^\d{1,3}$/.test(paras[k]?.text ?? '')) k++;
      const cells = paras.slice(startRow, k);
      const row = rowOf(cells, cellHeader, true);
      if (row !== null) {
        rows.push(row);
        for (let i = startRow; i < k; i++) used.add(i);
      }
    }
  }
  return { rows, used };
}
