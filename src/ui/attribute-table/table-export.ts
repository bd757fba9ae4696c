import type { Lang } from '../../map/map-api';
import type { CellValue, TableColumn, TableModel, TableRow } from '../../core/table/table-model';
import { encodeCsv, toCsv } from '../../core/table/csv';
import type { CsvEncoding } from '../../core/table/csv';
import { XLSX_MIME, toXlsx } from '../../core/table/xlsx';
import { downloadBytes } from '../download';
import { cellValue, columnLabel } from './table-columns';

/** The attribute table's export: the rows as shown (filtered, sorted) with every column or the shown ones. */

/** What one export writes. */
export interface TableExport {
  readonly model: TableModel;
  readonly rows: readonly TableRow[];
  /** Columns to write, in order. */
  readonly columns: readonly TableColumn[];
  readonly lang: Lang;
  /** Base of the file name (the layer's name). */
  readonly baseName: string;
}

/** Header and cell values of an export (status and method in words, numbers rounded to their column's decimals). */
export function exportGrid(e: TableExport): { header: string[]; rows: CellValue[][] } {
  const index = e.columns.map((c) => e.model.columns.indexOf(c));
  return {
    header: e.columns.map((c) => columnLabel(c, e.lang)),
    rows: e.rows.map((r) => index.map((i, k) => cellValue(e.columns[k]!, r.cells[i] ?? null, e.lang))),
  };
}

function safeName(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 80) || 'table';
}

/** Writes the export as CSV and offers it as a download; returns the file name. */
export function downloadCsv(e: TableExport, encoding: CsvEncoding, suffix: string): string {
  const { header, rows } = exportGrid(e);
  const bytes = encodeCsv(toCsv(header, rows), encoding);
  const name = `${safeName(e.baseName)}-${suffix}${encoding === 'gb18030' ? '-gb18030' : ''}.csv`;
  downloadBytes(bytes, name, encoding === 'gb18030' ? 'text/csv;charset=gb18030' : 'text/csv;charset=utf-8');
  return name;
}

/** Writes the export as XLSX and offers it as a download; returns the file name. */
export function downloadXlsx(e: TableExport, suffix: string): string {
  const { header, rows } = exportGrid(e);
  const bytes = toXlsx(header, rows, { sheetName: e.baseName });
  const name = `${safeName(e.baseName)}-${suffix}.xlsx`;
  downloadBytes(bytes, name, XLSX_MIME);
  return name;
}
