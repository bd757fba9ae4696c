import { html, render } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang } from '../../map/map-api';
import { PAPERS, ORIENTATIONS, pageRule } from '../../core/print/page-layout';
import type { Orientation, Paper } from '../../core/print/page-layout';
import { t } from '../../i18n/localize';
import type { PrintKey } from '../../i18n/localize';

/**
 * The one print layout of the app's printed pages (map sheet, review sheet, conflict report): a
 * same-origin page of its own with an `@page` rule for the chosen paper, the system CJK fonts (no
 * glyph server: the PDF the browser prints embeds them as text), a toolbar that is not printed,
 * and the common notes (CRS, review number, disclaimer, date in Beijing time).
 */

/** Font stack of printed pages. */
export const PRINT_FONTS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif";

/** Paper of a printed document. */
export interface PaperChoice {
  readonly paper: Paper;
  readonly orientation: Orientation;
}

/** CSS every printed page shares (tables, notes, toolbar). */
export const BASE_PRINT_CSS = `
  html, body { background: #fff; }
  body { font-family: ${PRINT_FONTS}; color: #000; font-size: 10pt; margin: 1rem; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1pt solid #000; }
  h3 { font-size: 11pt; margin: 8pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
  th, td { border: 0.75pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  code { font-size: 8pt; word-break: break-all; }
  .note, .caveat { font-size: 9pt; color: #333; }
  .print-notes { margin-top: 10pt; font-size: 8.5pt; border-top: 0.75pt solid #000; padding-top: 4pt; }
  .print-notes p { margin: 1pt 0; }
  .toolbar { margin-bottom: 8pt; display: flex; gap: 8pt; align-items: center; flex-wrap: wrap; }
  .toolbar button { font: inherit; padding: 4pt 10pt; }
  tr { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  @media print { .toolbar, .no-print { display: none !important; } body { margin: 0; } }
`;

/** The notes every printed page ends with: CRS, review number (审图号) or its absence, disclaimer, date (Beijing time). */
export function noteLines(lang: Lang, made: Date, reviewNumber: string | null): string[] {
  const L = (k: PrintKey, vars?: Record<string, string | number>): string => t(`print.${k}`, lang, vars);
  return [L('crs'), reviewNumber ? L('reviewNumber', { n: reviewNumber }) : L('noReviewNumber'), L('disclaimer'), L('date', { d: beijingTime(made) })];
}

/** {@link noteLines} as a block of the printed page. */
export function printNotes(lang: Lang, made: Date, reviewNumber: string | null): TemplateResult {
  return html`<div class="print-notes" data-testid="print-notes">${noteLines(lang, made, reviewNumber).map((line) => html`<p>${line}</p>`)}</div>`;
}

/** A time in Beijing time (Asia/Shanghai, UTC+8), `YYYY-MM-DD HH:mm`. */
export function beijingTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * Opens an empty same-origin page for printing, in the click that asked for it (browsers block
 * pop-ups opened later), with a "being prepared" line. Null when the browser blocked it.
 */
export function openPrintWindow(lang: Lang, preparing: string): Window | null {
  const win = window.open('', '_blank');
  if (win === null) return null;
  win.document.documentElement.lang = lang;
  win.document.body.textContent = preparing;
  return win;
}

/** Content of a printed page. */
export interface PrintPage {
  readonly lang: Lang;
  readonly title: string;
  readonly paper: PaperChoice;
  /** Page margin, mm. */
  readonly marginMm: number;
  /** CSS of this kind of page (after the shared CSS). */
  readonly css: string;
  readonly body: TemplateResult;
  /** Text of the print button (default: print / save as PDF). */
  readonly printLabel?: string;
  /** `data-testid` of the print button (default `print-page-button`). */
  readonly printTestId?: string;
}

/**
 * Fills a page opened by {@link openPrintWindow} (or a fresh one when `win` is null): the `@page`
 * rule, the shared and the page's CSS, a toolbar with the print button and hint, then the body,
 * rendered through Lit (every name from data is text, never markup). Returns the window.
 */
export function fillPrintWindow(win: Window | null, page: PrintPage): Window | null {
  const target = win ?? window.open('', '_blank');
  if (target === null) return null;
  const doc = target.document;
  doc.documentElement.lang = page.lang;
  doc.head.replaceChildren();
  doc.title = page.title;
  const style = doc.createElement('style');
  style.textContent = `${pageRule(page.paper.paper, page.paper.orientation, page.marginMm)}\n${BASE_PRINT_CSS}\n${page.css}`;
  doc.head.append(style);
  doc.body.replaceChildren();
  doc.body.dataset['paper'] = `${page.paper.paper} ${page.paper.orientation}`;
  render(
    html`<div class="toolbar">
        <button type="button" data-testid=${page.printTestId ?? 'print-page-button'} @click=${() => target.print()}>${page.printLabel ?? t('print.printButton', page.lang)}</button>
        <span class="note">${t('print.pdfHint', page.lang)}</span>
      </div>
      ${page.body}`,
    doc.body,
  );
  target.focus();
  return target;
}

/** A paper and orientation chooser for a document's print button (the value is `A4 landscape`, …). */
export function paperChooser(value: PaperChoice, lang: Lang, onChange: (choice: PaperChoice) => void, testId: string): TemplateResult {
  const options = PAPERS.flatMap((p) => ORIENTATIONS.map((o) => ({ p, o })));
  return html`<select data-testid=${testId} aria-label=${t('print.paperFor', lang)} @change=${(e: Event) => {
    const [p, o] = (e.target as HTMLSelectElement).value.split(' ');
    const paper = PAPERS.find((x) => x === p);
    const orientation = ORIENTATIONS.find((x) => x === o);
    if (paper && orientation) onChange({ paper, orientation });
  }}>
    ${options.map(({ p, o }) => html`<option value="${p} ${o}" ?selected=${p === value.paper && o === value.orientation}>${p} ${t(`print.${o}`, lang)}</option>`)}
  </select>`;
}
