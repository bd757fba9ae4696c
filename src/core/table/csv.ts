import { encodeGb18030 } from '../io/gb18030';
import type { CellValue } from './table-model';

/**
 * CSV as RFC 4180 writes it (comma, CRLF, fields with a comma, quote, CR or LF quoted, quotes doubled), with
 * a guard against formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is
 * written with a leading apostrophe so spreadsheets show it as text. Numbers are written as numbers.
 */

/** Encodings of a CSV export: UTF-8 with a byte-order mark (Excel recognises it) or GB18030 (older Excel on Chinese Windows). */
export const CSV_ENCODINGS = ['utf-8-bom', 'gb18030'] as const;
/** One of {@link CSV_ENCODINGS}. */
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets (a leading apostrophe before a formula character). */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as CSV: quoted when needed. */
export function csvField(v: CellValue): string {
  if (v === null) return '';
  const text = typeof v === 'number' ? String(v) : guardFormula(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as CSV text (CRLF line ends, a final CRLF). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>): string {
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** CSV text as bytes in the chosen encoding (UTF-8 with its BOM EF BB BF, or GB18030 without a BOM). */
export function encodeCsv(text: string, encoding: CsvEncoding): Uint8Array {
  if (encoding === 'gb18030') return encodeGb18030(text);
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}
