import type { DatedEvent, OutlineEntry, Repeal, Span } from '../../core/model/gazette-record';

/**
 * Document-level grammar: document numbers (临政函〔2023〕12号), dates (2023年4月10日), the
 * signature (issuer line before the date), item markers (一、 (二) 3. 附件1), citations of other
 * documents (《title》(number)) and repeal clauses ("…同时废止", "…予以废止", "…不再执行").
 */

/** Regex source of a document number such as 临政函〔2023〕12号 or 晋政发[2022]27号. */
export const DOC_NUMBER_SOURCE = String.raw`[\u4e00-\u9fa5]{1,10}[〔\[(]\d{4}[〕\])]\d+号`;
const DOC_NUMBER_RE = new RegExp(DOC_NUMBER_SOURCE, 'g');
const DATE_RE = /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?/g;
const DATE_LINE_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const OUTLINE_RE = /^(?:-?附件:?\s*\d*\.?|附件\d+|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.(?!\d))/;
const CITATION_RE = new RegExp(String.raw`(?:《([^》]{1,120})》\s*)?\(?(${DOC_NUMBER_SOURCE})\)?`, 'g');
const REPEAL_RE = new RegExp(
  String.raw`(?:(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?[^《。\n]{0,20})?《([^》]{1,160})》\s*(?:\((${DOC_NUMBER_SOURCE})\))?\s*(?:同时|即行|自行|予以)?(?:废止|失效|不再执行)`,
  'g',
);

/** A paragraph of the normalised passage with its start offset. */
export interface Paragraph {
  readonly text: string;
  readonly start: number;
}

/** Split normalised text into paragraphs (on `\n`). */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    if (part.length > 0) out.push({ text: part, start });
    start += part.length + 1;
  }
  return out;
}

function pad(n: string | undefined): string | null {
  return n === undefined ? null : n.padStart(2, '0');
}

/** ISO date (or year-month / year) of a Chinese date match. */
export function isoDate(year: string, month?: string, day?: string): string {
  const m = pad(month);
  const d = pad(day);
  return m === null ? year : d === null ? `${year}-${m}` : `${year}-${m}-${d}`;
}

/** Header facts found in a passage. */
export interface DocumentHeader {
  readonly title: { text: string; span: Span } | null;
  readonly number: { text: string; span: Span } | null;
  readonly issuer: { text: string; span: Span } | null;
  readonly date: { iso: string; span: Span } | null;
}

/** Title, number, issuer and date where the passage contains them. */
export function parseHeader(text: string): DocumentHeader {
  const paras = paragraphs(text);
  let number: DocumentHeader['number'] = null;
  let title: DocumentHeader['title'] = null;
  for (let i = 0; i < Math.min(paras.length, 4); i++) {
    const p = paras[i];
    if (p === undefined) continue;
    const m = new RegExp(`^${DOC_NUMBER_SOURCE}$`).exec(p.text);
    if (m !== null) {
      number = { text: p.text, span: [p.start, p.start + p.text.length] };
      const t = paras[i - 1];
      if (t !== undefined && /关于|通知|批复|意见|决定|方案/.test(t.text)) title = { text: t.text, span: [t.start, t.start + t.text.length] };
      break;
    }
  }
  let date: DocumentHeader['date'] = null;
  let issuer: DocumentHeader['issuer'] = null;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const m = p === undefined ? null : DATE_LINE_RE.exec(p.text);
    if (p === undefined || m === null) continue;
    date = { iso: isoDate(m[1] ?? '', m[2], m[3]), span: [p.start, p.start + p.text.length] };
    const s = paras[i - 1];
    if (s !== undefined && /(?:政府|办公室|委员会|局|厅|部)$/.test(s.text) && s.text.length <= 20) {
      issuer = { text: s.text, span: [s.start, s.start + s.text.length] };
    }
    break;
  }
  return { title, number, issuer, date };
}

/** Item markers at paragraph starts. */
export function parseOutline(text: string): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const p of paragraphs(text)) {
    const m = OUTLINE_RE.exec(p.text);
    if (m !== null && m[0].trim().length > 0) out.push({ label: m[0], span: [p.start, p.start + m[0].length] });
    // An annex list item inside a paragraph: "-附件:1.…说明" then "2.…"
  }
  return out;
}

/** Repeal clauses. */
export function parseRepeals(text: string, offset = 0): Repeal[] {
  const out: Repeal[] = [];
  for (const m of text.matchAll(REPEAL_RE)) {
    const start = offset + (m.index ?? 0);
    out.push({
      number: m[5] ?? null,
      title: m[4] ?? null,
      date: m[1] === undefined ? null : isoDate(m[1], m[2], m[3]),
      text: m[0],
      span: [start, start + m[0].length],
    });
  }
  return out;
}

/** Cited documents (《title》(number)), excluding spans already taken. */
export function parseCitations(text: string, taken: readonly Span[]): { number: string; span: Span }[] {
  const out: { number: string; span: Span }[] = [];
  for (const m of text.matchAll(CITATION_RE)) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (taken.some(([a, b]) => s < b && e > a)) continue;
    out.push({ number: m[2] ?? '', span: [s, e] });
  }
  return out;
}

/** Every document number in a text with its span. */
export function findDocNumbers(text: string): { number: string; span: Span }[] {
  return [...text.matchAll(DOC_NUMBER_RE)].map((m) => ({
    number: m[0],
    span: [m.index ?? 0, (m.index ?? 0) + m[0].length] as Span,
  }));
}

/** Dates in a text not inside a taken span, each with the clause it dates (up to the next punctuation). */
export function parseEvents(text: string, taken: readonly Span[], offset = 0): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const s = offset + (m.index ?? 0);
    if (taken.some(([a, b]) => s >= a && s < b)) continue;
    const after = text.slice((m.index ?? 0) + m[0].length);
    const stop = /[,;。:\n]/.exec(after);
    const clauseEnd = (m.index ?? 0) + m[0].length + (stop === null ? after.length : stop.index);
    const clause = text.slice(m.index ?? 0, clauseEnd);
    out.push({ date: isoDate(m[1] ?? '', m[2], m[3]), text: clause, span: [s, offset + clauseEnd] });
  }
  return out;
}
