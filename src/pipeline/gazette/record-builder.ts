import { pinyin } from 'pinyin-pro';
import type { DocumentRef, Flag, Span } from '../../core/model/gazette-record';
import type { NormalisedText } from './normalise';
import { linesOfSpan } from './normalise';
import type { SourceHeader } from './segment';
import { documentRefOf } from './segment';

/** What every grammar module gets: the passage, its header and id helpers. */
export interface ParseContext {
  readonly header: SourceHeader;
  readonly text: string;
  readonly normalised: NormalisedText;
  readonly document: DocumentRef;
  /** Flags about the passage as a whole. */
  readonly flags: Flag[];
  /** Spans of document-level facts (counts, claims, totals). */
  readonly facts: { label: string; text: string; span: Span }[];
  /** The single county government a 批复 is addressed to, when it is one ("洪洞县人民政府:"). */
  readonly addressee: { county: string; span: Span } | null;
}

function addresseeOf(text: string): { county: string; span: Span } | null {
  const m = /(?:^|\n)(([\u4e00-\u9fa5]{1,6}?(?:县|市|区))人民政府):(?:\n|$)/.exec(text);
  if (m === null) return null;
  const start = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
  return { county: m[2] ?? '', span: [start, start + (m[1] ?? '').length] };
}

/** A fresh context for a passage. */
export function makeContext(header: SourceHeader, normalised: NormalisedText): ParseContext {
  return {
    header,
    text: normalised.text,
    normalised,
    document: documentRefOf(header),
    flags: [],
    facts: [],
    addressee: addresseeOf(normalised.text),
  };
}

/** ASCII slug of a Chinese name (toneless pinyin, letters and digits only). */
export function slugOf(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const slug = syllables
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length === 0 ? 'x' : slug.slice(0, 60).replace(/-+$/, '');
}

/** Hands out unique ids within a passage: `<source id>/<slug>`, with -2, -3 on repeats. */
export class IdAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly sourceId: string) {}
  /** A unique id for a slug. */
  next(slug: string): string {
    let id = `${this.sourceId}/${slug}`;
    for (let n = 2; this.used.has(id); n++) id = `${this.sourceId}/${slug}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** The `source` field of a record whose text is `span` of the passage. */
export function sourceOf(ctx: ParseContext, span: Span): { file: string; seed: string; lines: [number, number]; quote: string; span: Span } {
  const lines = linesOfSpan(ctx.normalised, span);
  return { file: `data/sources/${ctx.header.id}.txt`, seed: ctx.header.seed, lines, quote: ctx.text.slice(span[0], span[1]), span };
}

/** Span of the first occurrence of `needle` in the passage at or after `from`, or null. */
export function spanOf(ctx: ParseContext, needle: string, from = 0): Span | null {
  if (needle.length === 0) return null;
  const i = ctx.text.indexOf(needle, from);
  return i < 0 ? null : [i, i + needle.length];
}

/** County-level unit at the start of an address or name (离石区…, 临县…), or null. */
export function countyPrefix(text: string): string | null {
  const m = /^([\u4e00-\u9fa5]{1,5}?(?:自治县|县|市|区|旗))/.exec(text);
  if (m === null) return null;
  const c = m[1] ?? '';
  // Names such as 晋西北军区 or 开发区 end in 区 without being counties.
  if (/(?:军区|景区|园区|社区|片区|开发区|新区|矿区|校区|厂区|林区|保护区)$/.test(c)) return null;
  if (/^(?:东|南|西|北|中)[区市]$/.test(c)) return null;
  return c.length >= 2 ? c : null;
}
