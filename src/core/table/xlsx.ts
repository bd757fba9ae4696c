import { strToU8, zipSync } from 'fflate';
import type { CellValue } from './table-model';

/**
 * A minimal XLSX (Office Open XML SpreadsheetML) writer: one worksheet, a header row in bold, text as
 * shared strings, numbers as numbers, the header row frozen. Characters XML 1.0 cannot hold are dropped.
 */

/** Options of {@link toXlsx}. */
export interface XlsxOptions {
  /** Worksheet name (cut to Excel's 31 characters, without `[]:*?/\`); default `Sheet1`. */
  readonly sheetName?: string;
  /** Date stamped in the document properties (default now). */
  readonly date?: Date;
}

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text escaped for XML content and attributes, without characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetNameOf(name: string | undefined): string {
  const clean = (name ?? '').replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31);
  return clean === '' ? 'Sheet1' : clean;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Writes a header row and data rows as an XLSX file. */
export function toXlsx(header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>, options: XlsxOptions = {}): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  let stringRefs = 0;
  const sst = (s: string): number => {
    stringRefs++;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const rowXml = (cells: readonly CellValue[], r: number, bold: boolean): string => {
    const parts: string[] = [];
    cells.forEach((v, c) => {
      const ref = `${columnName(c)}${r}`;
      const style = bold ? ' s="1"' : '';
      if (v === null || v === '') return;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) parts.push(`<c r="${ref}"${style}><v>${String(v)}</v></c>`);
        return;
      }
      parts.push(`<c r="${ref}"${style} t="s"><v>${sst(v)}</v></c>`);
    });
    return `<row r="${r}">${parts.join('')}</row>`;
  };
  const body: string[] = [rowXml(header, 1, true)];
  rows.forEach((cells, i) => body.push(rowXml(cells, i + 2, false)));
  const lastCol = columnName(Math.max(header.length, 1) - 1);
  const sheet =
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${lastCol}${rows.length + 1}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetData>${body.join('')}</sheetData></worksheet>`;
  const shared =
    `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${stringRefs}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('') +
    '</sst>';
  const styles =
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '</styleSheet>';
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheets><sheet name="${xmlText(sheetNameOf(options.sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    '</Relationships>';
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    '</Relationships>';
  const when = (options.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(sheetNameOf(options.sheetName))}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created></cp:coreProperties>`;
  const types =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>';
  const mtime = new Date(Date.UTC(2020, 0, 1));
  return zipSync(
    {
      '[Content_Types].xml': strToU8(types),
      '_rels/.rels': strToU8(rootRels),
      'docProps/core.xml': strToU8(core),
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
      'xl/styles.xml': strToU8(styles),
      'xl/sharedStrings.xml': strToU8(shared),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 6, mtime },
  );
}

/** MIME type of an XLSX file. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
