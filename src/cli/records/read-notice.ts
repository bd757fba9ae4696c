import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { decodeText } from '../../core/io/text-decode';
import { htmlToText, looksLikeHtml } from './html-text';

/** Largest input file read, in bytes (HTML pages carry markup around the text). */
export const MAX_NOTICE_BYTES = 5 * 1024 * 1024;

/** A notice file as text, with how it was read. */
export interface NoticeText {
  text: string;
  encoding: string;
  html: boolean;
}

/** Reads a .txt or .html notice; refuses what is not a readable text file with a zh-CN/en message. */
export function readNotice(path: string): { ok: true; notice: NoticeText } | { ok: false; message: string } {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, message: `${path} 不是文件 / ${path} is not a file` };
    size = st.size;
  } catch {
    return { ok: false, message: `找不到文件 ${path} / cannot read ${path}` };
  }
  if (size > MAX_NOTICE_BYTES) return { ok: false, message: `${path} 有 ${size} 字节，超过上限 ${MAX_NOTICE_BYTES} / ${path} has ${size} bytes, more than the cap of ${MAX_NOTICE_BYTES}` };
  const bytes = new Uint8Array(readFileSync(path));
  if (bytes.length === 0) return { ok: false, message: `${path} 是空文件 / ${path} is empty` };
  const ext = extname(path).toLowerCase();
  if (ext === '.docx' || ext === '.pdf' || ext === '.doc' || (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0x25 && bytes[1] === 0x50)) {
    return { ok: false, message: `${path} 不是文本或 HTML 文件（.docx/.pdf 请先转换） / ${path} is not a text or HTML file (convert .docx/.pdf first)` };
  }
  const decoded = decodeText(bytes);
  const nul = [...decoded.text.slice(0, 4096)].filter((c) => c === '\u0000' || c === '\ufffd').length;
  if (nul > 8) return { ok: false, message: `${path} 看起来是二进制文件 / ${path} looks binary` };
  const html = ext === '.html' || ext === '.htm' || looksLikeHtml(decoded.text);
  const text = html ? htmlToText(decoded.text) : decoded.text;
  if (text.trim().length === 0) return { ok: false, message: `${path} 中没有文字 / ${path} has no text` };
  return { ok: true, notice: { text, encoding: decoded.encoding, html } };
}
