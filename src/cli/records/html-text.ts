/**
 * HTML of a government web page reduced to the text a reader sees: scripts, styles and comments dropped, block
 * elements and line breaks turned into new lines, table cells separated, character references decoded.
 */

const BLOCK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|table|tbody|thead|section|article|header|footer|blockquote|pre|dt|dd|title)\b[^>]*>|<\/tr\s*>/gi;
const CELL = /<\/(?:td|th)\s*>/gi;
const NAMED: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', mdash: '—', ndash: '–', hellip: '…', emsp: ' ', ensp: ' ', ge: '≥', le: '≤', times: '×' };

/** True when a text looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])/i.test(text) || /<\/(?:p|div|td|span|body)>/i.test(text.slice(0, 20_000));
}

function decodeEntity(whole: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const cp = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  }
  if (body.startsWith('#')) {
    const cp = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  }
  return NAMED[body.toLowerCase()] ?? whole;
}

/** The visible text of an HTML document (see the module comment). */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<head\b[\s\S]*?<\/head\s*>/gi, '')
    .replace(/<tr\b[^>]*>/gi, '')
    .replace(CELL, '\t')
    .replace(BLOCK, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity);
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, (m) => (m.includes('\t') ? ' ' : m.length > 1 ? ' ' : m)).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}
