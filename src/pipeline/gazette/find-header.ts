import type { Span } from '../../core/model/gazette-record';

/**
 * Header facts of a notice that comes without a metadata header: its document number (文号), issuer (发文机关),
 * date and title, found in the text itself where present. Reads the labelled fields of government web pages
 * (发文字号：…, 发文机关：…, 成文日期：…), a number standing on its own line, the signature (issuer line above
 * a date line) and dates in Arabic or Chinese numerals (二○一○年三月二十三日). Whatever is not in the text is null.
 */

/** One header fact with where it was read. */
export interface HeaderFact {
  readonly value: string;
  readonly span: Span;
  /** How it was found: a labelled field, a line of its own, the signature, the title. */
  readonly how: 'label' | 'line' | 'signature' | 'title' | 'inline';
}

/** Header facts of a notice. `date.value` is ISO (YYYY-MM-DD). */
export interface FoundHeader {
  readonly number: HeaderFact | null;
  readonly issuer: HeaderFact | null;
  readonly date: HeaderFact | null;
  readonly title: HeaderFact | null;
}

const NUMBER_BODY = String.raw`[\u4e00-\u9fa5]{1,12}\s*[〔\[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]\s*(?:第\s*)?\d{1,4}\s*号`;
const NUMBER_RE = new RegExp(NUMBER_BODY, 'g');
const ISSUER_END = /(?:人民政府|人民政府办公室|人民政府办公厅|委员会|管理委员会|文物局|自然资源局|自然资源厅|文物局|厅|局|办公室|管委会)$/;
const CN_DIGITS: Readonly<Record<string, number>> = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const DATE_RE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const CN_DATE_RE = /([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;

function cnNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1] ?? ''] ?? 0);
  if (s.includes('十')) {
    const [a, b] = s.split('十');
    return (CN_DIGITS[a ?? ''] ?? 0) * 10 + (b ? (CN_DIGITS[b] ?? 0) : 0);
  }
  return CN_DIGITS[s] ?? NaN;
}

function iso(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO date of a Chinese date expression (Arabic or Chinese numerals), or null. */
export function parseChineseDate(text: string): { iso: string; index: number; length: number } | null {
  const a = DATE_RE.exec(text);
  if (a) {
    const v = iso(Number(a[1]), Number(a[2]), Number(a[3]));
    if (v) return { iso: v, index: a.index, length: a[0].length };
  }
  const c = CN_DATE_RE.exec(text);
  if (c) {
    const y = Number([...(c[1] ?? '')].map((ch) => CN_DIGITS[ch] ?? 0).join(''));
    const v = iso(y, cnNumber(c[2] ?? ''), cnNumber(c[3] ?? ''));
    if (v) return { iso: v, index: c.index, length: c[0].length };
  }
  return null;
}

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t.length > 0) out.push({ text: t, start: start + lead });
    start += raw.length + 1;
  }
  return out;
}

const compact = (s: string): string => s.replace(/\s+/g, '');

function labelled(lines: readonly Line[], label: RegExp): { value: string; span: Span } | null {
  for (const l of lines) {
    const m = label.exec(l.text);
    if (!m) continue;
    const value = l.text.slice(m.index + m[0].length).trim();
    if (value.length === 0) continue;
    const at = l.start + l.text.indexOf(value, m.index + m[0].length);
    return { value, span: [at, at + value.length] };
  }
  return null;
}

/** Finds the document number, issuer, date and title in a notice's text (see the module comment). */
export function findHeader(text: string): FoundHeader {
  const lines = linesOf(text);
  const head = lines.slice(0, 60);
  let number: HeaderFact | null = null;
  const numLabel = labelled(head, /^[-•·\s]*(?:发文字号|文\s*号|发文编号)\s*[:：]\s*/);
  if (numLabel && new RegExp(`^${NUMBER_BODY}$`).test(numLabel.value)) number = { value: compact(numLabel.value), span: numLabel.span, how: 'label' };
  if (!number) {
    const own = head.find((l) => new RegExp(`^[（(]?${NUMBER_BODY}[)）]?$`).test(l.text));
    if (own) {
      const m = new RegExp(NUMBER_BODY).exec(own.text)!;
      number = { value: compact(m[0]), span: [own.start + m.index, own.start + m.index + m[0].length], how: 'line' };
    }
  }
  if (!number) {
    for (const l of head) {
      const m = new RegExp(NUMBER_BODY).exec(l.text);
      if (m && /关于|通知|公告|批复|决定/.test(l.text)) {
        number = { value: compact(m[0]), span: [l.start + m.index, l.start + m.index + m[0].length], how: 'title' };
        break;
      }
    }
  }

  let title: HeaderFact | null = null;
  const titleLabel = labelled(head, /^[-•·\s]*(?:标\s*题|文件名称)\s*[:：]\s*/);
  if (titleLabel) title = { value: titleLabel.value, span: titleLabel.span, how: 'label' };
  else {
    const t = head.find((l) => /关于.{2,80}(?:通知|公告|批复|决定|意见|通告)/.test(l.text) && l.text.length <= 120 && !/^附件/.test(l.text));
    if (t) {
      const m = /[^\s]*关于.{2,80}?(?:通知|公告|批复|决定|意见|通告)(?:[(（][^)）]*[)）])?/.exec(t.text)!;
      title = { value: m[0], span: [t.start + m.index, t.start + m.index + m[0].length], how: 'title' };
    }
  }

  let issuer: HeaderFact | null = null;
  const issuerLabel = labelled(head, /^[-•·\s]*(?:发文机关|发布机关|发布机构|发文单位)\s*[:：]\s*/);
  if (issuerLabel) issuer = { value: issuerLabel.value, span: issuerLabel.span, how: 'label' };

  let date: HeaderFact | null = null;
  const dateLabel = labelled(head, /^[-•·\s]*(?:成文日期|发文日期|印发日期)\s*[:：]\s*/);
  const labelDate = dateLabel ? parseChineseDate(dateLabel.value) ?? isoLike(dateLabel.value) : null;
  if (dateLabel && labelDate) date = { value: labelDate.iso, span: [dateLabel.span[0] + labelDate.index, dateLabel.span[0] + labelDate.index + labelDate.length], how: 'label' };
  for (let i = 0; i < lines.length && (!date || !issuer); i++) {
    const l = lines[i]!;
    const d = parseChineseDate(l.text);
    if (!d || d.index !== 0 || d.length < l.text.replace(/\s+$/, '').length - 1) continue;
    const prev = lines[i - 1];
    const signed = prev && ISSUER_END.test(prev.text) && prev.text.length <= 30;
    if (!date && (signed || i < 40)) date = { value: d.iso, span: [l.start, l.start + d.length], how: signed ? 'signature' : 'line' };
    if (!issuer && signed && prev) issuer = { value: prev.text, span: [prev.start, prev.start + prev.text.length], how: 'signature' };
  }
  if (!issuer && title) {
    const m = /^(.{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|文物局|自然资源局|委员会))关于/.exec(title.value);
    if (m) issuer = { value: m[1]!, span: [title.span[0], title.span[0] + m[1]!.length], how: 'title' };
  }
  return { number, issuer, date, title };
}

function isoLike(s: string): { iso: string; index: number; length: number } | null {
  const m = /((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (!m) return null;
  const v = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return v ? { iso: v, index: m.index, length: m[0].length } : null;
}

/** Every document number in a text (for a report of citations), compacted. */
export function documentNumbers(text: string): string[] {
  return [...text.matchAll(NUMBER_RE)].map((m) => compact(m[0]));
}
