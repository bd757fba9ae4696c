/**
 * Stage 1: normalise gazette text as the layout left it.
 *
 * - Full-width forms become ASCII (０-９ → 0-9, ，→ ',', ：→ ':', （）→ ()); 。、〔〕“” stay.
 * - Lines broken by the page layout are joined back into paragraphs; a paragraph ends after
 *   terminal punctuation, before a label (地址:, 保护范围:) or an item marker (一、, (二), 3.), and
 *   around whole-line items (document number, date, county header, short headings).
 * - Whitespace is removed except one space between two ASCII letters or digits, which also
 *   repairs numbers split by layout ("5. 51" → 5.51, "1275. 33" → 1275.33, "657. 99\n公顷").
 *
 * The result keeps, for every character, the seed line it came from, so spans map back to lines.
 */

/** One raw line with its line number in the seed numbering. */
export interface RawLine {
  readonly number: number;
  readonly text: string;
}

/** Normalised text with a per-character map back to seed lines. `\n` separates paragraphs. */
export interface NormalisedText {
  readonly text: string;
  /** `lineOf[i]` is the seed line of `text[i]`. */
  readonly lineOf: readonly number[];
}

/** Fold full-width ASCII forms and the ideographic space to ASCII; keep Chinese-only punctuation. */
export function foldWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0) out += ' ';
    else if (ch === '﹐') out += ',';
    else out += ch;
  }
  return out;
}

/** Labels that start a field: `时代:`, `地址:`, `保护范围:`, … */
export const FIELD_LABEL_SOURCE = String.raw`(?:所\s*在\s*乡\s*镇\s*\(\s*街\s*道\s*\)|时\s*代|地\s*址|位\s*置|保?\s*护\s*范\s*围|建\s*设\s*控\s*制\s*地\s*带|建\s*控\s*地\s*带|四\s*至\s*范\s*围|四\s*至|面\s*积|坐\s*标|类\s*别|级\s*别|批\s*次)\s*:`;
const FIELD_LABEL = new RegExp(`^${FIELD_LABEL_SOURCE}`);
const ITEM_MARKER = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.(?!\d)|附件\s*\d*(?:\s*[:.]|$)|-\s*附件)/;
const DOC_NUMBER_LINE = /^[\u4e00-\u9fa5]{1,8}\s*[〔[(]\s*\d{4}\s*[〕\])]\s*\d+\s*号$/;
const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const COUNTY_HEADER = /^[\u4e00-\u9fa5]{1,8}[县市区旗]\s*\(\s*\d+\s*处\s*\)$/;
const PUBLICATION_NOTE = /^\(此件[\u4e00-\u9fa5]*\)$/;
const ANNEX_LINE = /^附件\s*\d*$/;
const SHORT_HEADING = /^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.(?!\d))[^,。;:]{0,16}$/;
const TERMINAL = /[。:;!?]$/;
/** A table row copied with its cell borders ("1 | 凌云古塔 | … |"). */
const PIPE_ROW = /\S\s*\|\s*\S/;
/** A zone field line (its text may lack the final 。, as table cells do). */
const ZONE_FIELD = /^(?:保?\s*护\s*范\s*围|建\s*设\s*控\s*制\s*地\s*带|建\s*控\s*地\s*带)/;

function isWholeLineItem(line: string): boolean {
  return (
    DOC_NUMBER_LINE.test(line) ||
    DATE_LINE.test(line) ||
    COUNTY_HEADER.test(line) ||
    PUBLICATION_NOTE.test(line) ||
    ANNEX_LINE.test(line)
  );
}

function startsParagraph(line: string): boolean {
  return FIELD_LABEL.test(line) || ITEM_MARKER.test(line) || isWholeLineItem(line);
}

function endsParagraph(line: string): boolean {
  return TERMINAL.test(line) || isWholeLineItem(line) || SHORT_HEADING.test(line);
}

const ASCII_ALNUM = /[A-Za-z0-9]/;

/**
 * Normalise raw lines into paragraphs (see the module comment). Pure: the same lines always give
 * the same text and map.
 */
export function normaliseLines(lines: readonly RawLine[]): NormalisedText {
  const kept = lines
    .map((raw) => ({ number: raw.number, text: foldWidth(raw.text).trim() }))
    .filter((l) => l.text.length > 0);
  const chars: string[] = [];
  const lineOf: number[] = [];
  // A line followed by a date line is a signature; a line after an annex marker is the annex title.
  const standalone = kept.map(
    (l, k) => DATE_LINE.test(kept[k + 1]?.text ?? '') || ANNEX_LINE.test(kept[k - 1]?.text ?? ''),
  );
  // A table copied one cell a line (a row number alone on its line): every cell is its own paragraph.
  const cellTable = kept.some((l) => /^\d{1,3}$/.test(l.text));
  kept.forEach((line, k) => {
    const previous = kept[k - 1];
    // A short line right before a labelled line is a site name, even after a line without its final 。.
    const nameBeforeField =
      ZONE_FIELD.test(previous?.text ?? '') &&
      line.text.length <= 40 && !/[。;,:、]$/.test(line.text) && !/\d\s*米/.test(line.text) && !FIELD_LABEL.test(line.text) && FIELD_LABEL.test(kept[k + 1]?.text ?? '');
    if (
      previous !== undefined &&
      (cellTable ||
        nameBeforeField ||
        PIPE_ROW.test(line.text) ||
        PIPE_ROW.test(previous.text) ||
        endsParagraph(previous.text) ||
        startsParagraph(line.text) ||
        standalone[k] === true ||
        standalone[k - 1] === true)
    ) {
      chars.push('\n');
      lineOf.push(line.number);
    }
    for (const ch of line.text) {
      chars.push(ch);
      lineOf.push(line.number);
    }
  });
  return squeezeWhitespace(chars, lineOf);
}

function squeezeWhitespace(chars: readonly string[], lineOf: readonly number[]): NormalisedText {
  let text = '';
  // The last character appended, kept aside: `text.at(-1)` would flatten the growing string on
  // every call and make this loop quadratic in the passage length.
  let last = '';
  const map: number[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? '';
    if (ch !== '\n' && /\s/.test(ch)) {
      let j = i;
      while (j < chars.length && chars[j] !== '\n' && /\s/.test(chars[j] ?? '')) j++;
      const after = chars[j] ?? '';
      if (ASCII_ALNUM.test(last) && ASCII_ALNUM.test(after)) {
        text += ' ';
        last = ' ';
        map.push(lineOf[i] ?? 0);
      }
      i = j;
      continue;
    }
    text += ch;
    last = ch;
    // Spans are UTF-16 offsets: a character outside the BMP takes two entries.
    for (let u = 0; u < ch.length; u++) map.push(lineOf[i] ?? 0);
    i++;
  }
  return { text, lineOf: map };
}

/** Normalise a free text (no line numbers): each line gets its 1-based index. */
export function normaliseText(text: string): NormalisedText {
  return normaliseLines(text.split('\n').map((t, i) => ({ number: i + 1, text: t })));
}

/** Seed lines `[first, last]` covered by a span of a normalised text. */
export function linesOfSpan(n: NormalisedText, span: readonly [number, number]): [number, number] {
  const [a, b] = span;
  const first = n.lineOf[Math.min(a, n.lineOf.length - 1)] ?? 1;
  const last = n.lineOf[Math.max(a, Math.min(b - 1, n.lineOf.length - 1))] ?? first;
  return [first, last];
}
