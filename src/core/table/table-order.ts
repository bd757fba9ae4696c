import type { CellValue, ColumnKind, TableRow } from './table-model';

/** Sorting and filtering of table rows (pure; the UI keeps the state). */

/** A sort: the column's key and its direction. */
export interface TableSort {
  readonly key: string;
  readonly asc: boolean;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Compares two cells: numbers numerically, text in Chinese collation (as `localeCompare('zh-CN')`); empty cells last in either direction. */
export function compareCells(a: CellValue, b: CellValue, kind: ColumnKind): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (kind === 'number' && typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Rows sorted by the column at `index` (a stable sort; the input is not changed). Empty cells stay last
 * whichever the direction.
 */
export function sortRows(rows: readonly TableRow[], index: number, kind: ColumnKind, asc: boolean): TableRow[] {
  const dir = asc ? 1 : -1;
  const keyed = rows.map((row, i) => ({ row, i, v: row.cells[index] ?? null }));
  keyed.sort((x, y) => {
    const xe = x.v === null || x.v === '';
    const ye = y.v === null || y.v === '';
    if (xe || ye) return xe === ye ? x.i - y.i : xe ? 1 : -1;
    return dir * compareCells(x.v, y.v, kind) || x.i - y.i;
  });
  return keyed.map((k) => k.row);
}

/** Normalises text for filtering: full-width forms folded (NFKC), spaces removed, lower case. */
export function normaliseFilterText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Rows whose text (across all columns, as `rowText` gives it) contains the query, ignoring case, width and
 * spaces. An empty query keeps every row.
 */
export function filterRows(rows: readonly TableRow[], query: string, rowText: (row: TableRow) => string): TableRow[] {
  const q = normaliseFilterText(query);
  if (q === '') return [...rows];
  return rows.filter((r) => normaliseFilterText(rowText(r)).includes(q));
}
