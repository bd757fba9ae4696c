import { decodeText } from '../../core/io/text-decode';

/**
 * A notice's text from what the user gives: pasted text, or a dropped or picked .txt, .html or .docx file. Nothing
 * is guessed: a file of another kind, an empty file, one over the size cap or one whose text is garbled is refused
 * with a code and its parameters (the view puts them into words). Runs on the main thread (the DOM reads HTML).
 */

/** Largest file read, in bytes. */
export const MAX_NOTICE_FILE_BYTES = 5 * 1024 * 1024;
/** Largest text accepted, in characters (the pipeline's own cap). */
export const MAX_NOTICE_CHARS = 200_000;

/** Kinds of input. */
export type NoticeInputKind = 'paste' | 'txt' | 'html' | 'docx';

/** Why an input was refused. */
export type NoticeInputProblem =
  | { code: 'notice-unsupported'; params: { name: string } }
  | { code: 'notice-empty'; params: { name: string } }
  | { code: 'notice-too-large'; params: { name: string; size: number; max: number } }
  | { code: 'notice-too-long'; params: { name: string; chars: number; max: number } }
  | { code: 'notice-garbled'; params: { name: string } }
  | { code: 'notice-no-chinese'; params: { name: string } }
  | { code: 'notice-unreadable'; params: { name: string; detail: string } };

/** A notice as text, with where it came from. */
export interface NoticeText {
  text: string;
  fileName: string;
  kind: NoticeInputKind;
  encoding: string;
}

/** What {@link readNoticeFile} and {@link noticeFromPaste} give. */
export type NoticeInputResult = { ok: true; notice: NoticeText } | { ok: false; problem: NoticeInputProblem };

/** The part of a File that is read (a File fits; tests pass plain objects). */
export interface NoticeFileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const BLOCKS = new Set(['P', 'DIV', 'BR', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'BLOCKQUOTE', 'PRE', 'DT', 'DD', 'TITLE']);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD']);

/** The text a reader sees in an HTML page: blocks and rows on their own lines, cells separated by a space. */
export function htmlText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      out.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName.toUpperCase();
    if (SKIPPED.has(name)) return;
    const block = BLOCKS.has(name);
    if (block) out.push('\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) out.push('\n');
    else if (name === 'TD' || name === 'TH') out.push(' ');
  };
  walk(doc.body ?? doc.documentElement);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n')
    .trim();
}

/** Checks text from any input: not empty, not too long, not garbled, some Chinese. */
export function checkNoticeText(text: string, name: string): NoticeInputProblem | null {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') return { code: 'notice-empty', params: { name } };
  if (clean.length > MAX_NOTICE_CHARS) return { code: 'notice-too-long', params: { name, chars: clean.length, max: MAX_NOTICE_CHARS } };
  const sample = clean.slice(0, 20_000);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c <= 8 || (c >= 0x0e && c <= 0x1f)) bad += 1;
  }
  if (bad > Math.max(8, sample.length * 0.01)) return { code: 'notice-garbled', params: { name } };
  if (!/[\u4e00-\u9fff]/.test(sample)) return { code: 'notice-no-chinese', params: { name } };
  return null;
}

/** Pasted text as a notice. */
export function noticeFromPaste(text: string, name = 'pasted-notice.txt'): NoticeInputResult {
  const problem = checkNoticeText(text, name);
  return problem ? { ok: false, problem } : { ok: true, notice: { text: text.replace(/^\uFEFF/, ''), fileName: name, kind: 'paste', encoding: 'utf-16' } };
}

function kindOf(name: string): Exclude<NoticeInputKind, 'paste'> | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'text') return 'txt';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml') return 'html';
  if (ext === 'docx') return 'docx';
  return null;
}

async function docxText(buffer: ArrayBuffer): Promise<string> {
  const mammoth = await import('mammoth');
  const input = { arrayBuffer: buffer, buffer } as unknown as Parameters<typeof mammoth.extractRawText>[0];
  const r = await mammoth.extractRawText(input);
  return r.value;
}

/** Reads a dropped or picked file as a notice (never throws: a failure is a problem code). */
export async function readNoticeFile(file: NoticeFileLike): Promise<NoticeInputResult> {
  const name = file.name;
  const kind = kindOf(name);
  if (kind === null) return { ok: false, problem: { code: 'notice-unsupported', params: { name } } };
  if (file.size > MAX_NOTICE_FILE_BYTES) return { ok: false, problem: { code: 'notice-too-large', params: { name, size: file.size, max: MAX_NOTICE_FILE_BYTES } } };
  if (file.size === 0) return { ok: false, problem: { code: 'notice-empty', params: { name } } };
  let buffer: ArrayBuffer;
  try {
    buffer = await file.arrayBuffer();
  } catch (error: unknown) {
    return { ok: false, problem: { code: 'notice-unreadable', params: { name, detail: error instanceof Error ? error.message : String(error) } } };
  }
  const bytes = new Uint8Array(buffer);
  let text: string;
  let encoding = 'docx';
  if (kind === 'docx') {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { ok: false, problem: { code: 'notice-unreadable', params: { name, detail: 'not a zip (.docx) file' } } };
    try {
      text = await docxText(buffer);
    } catch (error: unknown) {
      return { ok: false, problem: { code: 'notice-unreadable', params: { name, detail: error instanceof Error ? error.message : String(error) } } };
    }
  } else {
    if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) return { ok: false, problem: { code: 'notice-garbled', params: { name } } };
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    text = kind === 'html' ? htmlText(decoded.text) : decoded.text;
  }
  const problem = checkNoticeText(text, name);
  if (problem) return { ok: false, problem };
  return { ok: true, notice: { text: `${text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n*$/, '')}\n`, fileName: name, kind, encoding } };
}
