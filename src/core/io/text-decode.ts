/**
 * Decoding of text files whose encoding nobody states: UTF-8 (with or without BOM), UTF-16 with
 * BOM (Excel's "Unicode text"), and GBK / GB18030, the usual encoding of Chinese Windows tools.
 * Uses the standard `TextDecoder` (browsers, workers and Node with full ICU all know `gb18030`).
 */

/** Text and the encoding it was decoded with. */
export interface DecodedText {
  readonly text: string;
  /** `utf-8`, `utf-16le`, `utf-16be` or `gb18030` (a superset of GBK and GB2312). */
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/**
 * Decodes bytes: a BOM decides; then UTF-16 without BOM is recognised by its NUL pattern;
 * otherwise strict UTF-8 is tried and, if the bytes are not valid UTF-8, GB18030 is used. Pure
 * ASCII is reported as UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16 !== null) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  const utf8 = tryStrictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}

/**
 * UTF-16 without a BOM (some exporters write it): mostly-ASCII text then has a NUL in every
 * other byte. Looks at the first 4 KiB: at least 40 % NULs at odd offsets and almost none (< 5 %)
 * at even offsets is UTF-16LE, the mirror image UTF-16BE. Needs 16 bytes or more.
 */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros >= 0.4 * half && evenZeros < 0.05 * half) return 'utf-16le';
  if (evenZeros >= 0.4 * half && oddZeros < 0.05 * half) return 'utf-16be';
  return null;
}

function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // A TypeError is how a fatal decoder reports invalid bytes; anything else is unexpected.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * The encoding named by a shapefile `.cpg` (e.g. `UTF-8`, `GBK`, `936`, `ANSI 936`), as a
 * `TextDecoder` label, or null when it names none we can decode.
 */
export function encodingFromCpg(cpg: string): string | null {
  const label = cpg.trim().toLowerCase();
  if (label === '') return null;
  const codePage = /^(?:ansi\s*)?(\d+)$/.exec(label)?.[1];
  const candidate = codePage === '936' ? 'gbk' : codePage === '65001' ? 'utf-8' : codePage !== undefined ? `windows-${codePage}` : label;
  try {
    new TextDecoder(candidate);
    return candidate;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
