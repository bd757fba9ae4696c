import { z } from 'zod';
import { SOURCE_KINDS } from '../../core/model/gazette-record';
import type { DocumentRef, Span, SourceKind } from '../../core/model/gazette-record';
import type { NormalisedText, RawLine } from './normalise';
import { normaliseLines } from './normalise';
import { DOC_NUMBER_SOURCE, paragraphs } from './parse-document';

/**
 * Stage 2: segmentation. A data/sources file is split into its metadata header and verbatim
 * lines; the normalised text is split into documents (each starting at a title followed by a
 * document number) and, by the grammar modules, into features.
 */

/** Reasons a source file is rejected. */
export const SOURCE_REJECTIONS = {
  noHeader: 'no-header',
  badHeader: 'bad-header',
  lineCount: 'line-count',
  /** Longer than {@link MAX_SOURCE_CHARS}. */
  tooLarge: 'too-large',
} as const;

/**
 * Longest source file accepted, in UTF-16 code units. Real passages are below 25 000; the grammar's
 * regular expressions grow faster than linearly on long runs of unpunctuated text, so the cap
 * bounds the time of a pathological input (about a second at the cap).
 */
export const MAX_SOURCE_CHARS = 200_000;

/** Whether an ISO `YYYY-MM-DD` string names a real calendar day. */
function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
/** One of {@link SOURCE_REJECTIONS}. */
export type SourceRejection = (typeof SOURCE_REJECTIONS)[keyof typeof SOURCE_REJECTIONS];

/** Metadata header of a data/sources file. */
export const sourceHeaderSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  docNumber: z.string().min(1),
  issuer: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDate, { message: 'not a calendar date' }),
  gazette: z.string().min(1),
  seed: z.string().min(1),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  kind: z.enum(SOURCE_KINDS),
});
/** A parsed source header. */
export type SourceHeader = z.infer<typeof sourceHeaderSchema>;

/** A parsed source file: header, verbatim lines with seed numbers, and the normalised text. */
export interface SourcePassage {
  readonly header: SourceHeader;
  readonly lines: readonly RawLine[];
  readonly body: string;
  readonly normalised: NormalisedText;
}

/** Outcome of reading a source file. */
export type SourceParseResult =
  | { readonly ok: true; readonly passage: SourcePassage }
  | { readonly ok: false; readonly reason: SourceRejection; readonly message: string };

/**
 * Split a source file into header and body; the body is the verbatim seed lines. A leading BOM
 * and CRLF / CR line ends (a file saved by a Windows editor) are normalised first. Rejections
 * are values with a message in Chinese and English.
 */
export function parseSourceFile(raw: string): SourceParseResult {
  if (raw.length > MAX_SOURCE_CHARS) {
    return {
      ok: false,
      reason: SOURCE_REJECTIONS.tooLarge,
      message: `文件长 ${raw.length} 字符，超过上限 ${MAX_SOURCE_CHARS} / the file has ${raw.length} characters, more than the cap of ${MAX_SOURCE_CHARS}`,
    };
  }
  const content = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
  if (m === null) {
    return { ok: false, reason: SOURCE_REJECTIONS.noHeader, message: '文件不以 --- 元数据头 --- 开始 / file does not start with a --- header ---' };
  }
  const fields: Record<string, unknown> = {};
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (kv === null) continue;
    const key = kv[1] ?? '';
    const value = (kv[2] ?? '').trim();
    if (key === 'lines') {
      const r = /^(\d+)-(\d+)$/.exec(value);
      fields[key] = r === null ? value : [Number(r[1]), Number(r[2])];
    } else fields[key] = value;
  }
  const parsed = sourceHeaderSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, reason: SOURCE_REJECTIONS.badHeader, message: `元数据头有误（${issues}） / bad header: ${issues}` };
  }
  const header = parsed.data;
  const body = content.slice(m[0].length);
  const bodyLines = body.replace(/\n$/, '').split('\n');
  const expected = header.lines[1] - header.lines[0] + 1;
  if (bodyLines.length !== expected) {
    return {
      ok: false,
      reason: SOURCE_REJECTIONS.lineCount,
      message: `元数据头写明第 ${header.lines[0]}-${header.lines[1]} 行（${expected} 行），正文却有 ${bodyLines.length} 行 / header says lines ${header.lines[0]}-${header.lines[1]} (${expected} lines) but the body has ${bodyLines.length}`,
    };
  }
  const lines = bodyLines.map((text, i) => ({ number: header.lines[0] + i, text }));
  return { ok: true, passage: { header, lines, body, normalised: normaliseLines(lines) } };
}

/** A document inside a normalised passage. */
export interface DocumentSegment {
  readonly start: number;
  readonly end: number;
  readonly title: string | null;
  readonly number: string | null;
}

/** Split normalised text into documents: each starts at a title paragraph followed by a document number. */
export function splitDocuments(text: string): DocumentSegment[] {
  const paras = paragraphs(text);
  const starts: { start: number; title: string | null; number: string | null }[] = [];
  paras.forEach((p, i) => {
    if (!new RegExp(`^${DOC_NUMBER_SOURCE}$`).test(p.text)) return;
    const prev = paras[i - 1];
    const titled = prev !== undefined && /关于|通知|批复|意见/.test(prev.text);
    starts.push({ start: titled ? prev.start : p.start, title: titled ? prev.text : null, number: p.text });
  });
  if (starts.length === 0) return [{ start: 0, end: text.length, title: null, number: null }];
  const first = starts[0];
  if (first !== undefined && first.start > 0) starts.unshift({ start: 0, title: null, number: null });
  return starts.map((s, i) => ({ ...s, end: starts[i + 1]?.start ?? text.length }));
}

/** The document reference of a passage from its header. */
export function documentRefOf(header: SourceHeader): DocumentRef {
  return { title: header.title, number: header.docNumber, issuer: header.issuer, date: header.date, gazette: header.gazette };
}

/** Kinds of passage, re-exported for callers. */
export type { SourceKind, Span };
