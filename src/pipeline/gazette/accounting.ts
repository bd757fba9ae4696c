import type { Clause, Direction, Flag, GazetteRecord, SourceRecordsFile, Span, Zone } from '../../core/model/gazette-record';
import { DIRECTION_WORDS } from '../../core/model/gazette-record';
import { LENGTH_UNIT_SOURCE, NUMBER_SOURCE, parseNumber, toMetres } from './numbers';
import { findAreas } from './parse-area';
import { recordFacts } from './record-facts';
import type { RecordFact } from './record-facts';

/**
 * Accounting by meaning: every number and every direction word of a passage must end up in a
 * typed field or a flag.
 *
 * - A length ("20 米") is accounted for only by a typed distance of the same value in metres whose
 *   clause contains it (an offset, a leg, a radius, a buffer, a 四至 position); an area only by a
 *   stated area of the same m²; a direction word only by a typed field with that direction whose
 *   clause contains it. Text fields (address, name, location) hold their own numbers.
 * - Other numbers (dates, counts, item numbers) are accounted for by the span of any field.
 *
 * A token inside a parsed clause that no typed field holds (metres turned into a place name, a
 * direction read as another) becomes an UNREAD flag; a token outside every field an
 * UNPARSED_NUMBER / UNPARSED_DIRECTION flag. Both quote the token's sentence.
 */

/** A number or direction token of the passage. */
export interface Token {
  readonly kind: 'number' | 'direction';
  readonly text: string;
  readonly span: Span;
}

const CN_NUM_WITH_CLASSIFIER = /[零〇一二两三四五六七八九十百千万]+(?=个|部|套|座|处|台|米|公里|千米|公顷|亩|万亩|平方米|平方公里)/g;
const ARABIC = /\d+(?:\.\d+)?/g;
/** Direction words in a directional role: before 至/由/向/侧/a number…, after 以/向, or after a place name. */
const DIRECTIONAL =
  /(?:(?<=[以向村镇城庄路])(?:东北|东南|西北|西南|东|南|西|北))|(?:(?:东北|东南|西北|西南|东|南|西|北)(?=至|到|由|自|从|侧|面|边|向|距|延伸|外|各|约|\d))/g;

/** Numbers and directional words of a text. */
export function findTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(ARABIC)) out.push({ kind: 'number', text: m[0], span: [m.index ?? 0, (m.index ?? 0) + m[0].length] });
  for (const m of text.matchAll(CN_NUM_WITH_CLASSIFIER)) out.push({ kind: 'number', text: m[0], span: [m.index ?? 0, (m.index ?? 0) + m[0].length] });
  for (const m of text.matchAll(DIRECTIONAL)) out.push({ kind: 'direction', text: m[0], span: [m.index ?? 0, (m.index ?? 0) + m[0].length] });
  return out.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}

function clauseSpans(c: Clause): Span[] {
  if (c.type === 'base-point') return [c.span, ...c.legs.map((l) => l.span)];
  if (c.type === 'four-bounds') return [c.span, ...c.sides.map((s) => s.span)];
  return [c.span];
}

function zoneSpans(z: Zone | null): Span[] {
  if (z === null) return [];
  const spans: Span[] = z.clauses.flatMap(clauseSpans);
  if (z.area !== null) spans.push(z.area.span);
  // The label ("保护范围:") holds no number; the zone's own span is not used, so unparsed clauses stay visible.
  return spans;
}

/** Spans of a record's parsed fields (not its whole source span). */
export function recordFieldSpans(r: GazetteRecord): Span[] {
  const spans: Span[] = [
    ...r.areas.map((a) => a.span),
    ...r.repeals.map((x) => x.span),
    ...r.events.map((x) => x.span),
    ...r.provenance.map((p) => p.span),
  ];
  switch (r.kind) {
    case 'relic-site':
      spans.push(...zoneSpans(r.protectionRange), ...zoneSpans(r.controlZone));
      break;
    case 'chemical-park':
    case 'land-acquisition':
      spans.push(...r.clauses.flatMap(clauseSpans));
      break;
    case 'park-requirements':
      break;
    default:
      break;
  }
  return spans;
}

/** Spans of all fields of a file: passage facts and every record's fields. */
export function fileFieldSpans(file: Omit<SourceRecordsFile, 'flags'>): Span[] {
  const p = file.parsed;
  const spans: Span[] = [
    ...[p.titleSpan, p.numberSpan, p.issuerSpan, p.dateSpan].filter((s): s is Span => s !== null),
    ...p.citations.map((c) => c.span),
    ...p.outline.map((o) => o.span),
    ...p.facts.map((f) => f.span),
  ];
  for (const r of file.records) spans.push(...recordFieldSpans(r));
  return spans;
}

function covered(span: Span, spans: readonly Span[]): boolean {
  return spans.some(([a, b]) => span[0] >= a && span[1] <= b);
}

/** Tokens of the passage no field span covers. */
export function unaccountedTokens(file: Omit<SourceRecordsFile, 'flags'>): Token[] {
  const spans = fileFieldSpans(file);
  return findTokens(file.text).filter((t) => !covered(t.span, spans));
}

/** Flags for tokens no typed field holds with their meaning, one per token, quoting the sentence. */
export function accountingFlags(file: Omit<SourceRecordsFile, 'flags'>): Flag[] {
  return unreadTokens(file).map(({ token: t, misread, sentence }) => {
    const code: Flag['code'] = misread ? 'UNREAD' : t.kind === 'number' ? 'UNPARSED_NUMBER' : 'UNPARSED_DIRECTION';
    const what = misread ? 'is in no typed field with this value and direction' : 'is in no field';
    return { code, severity: 'warning', message: `"${t.text}" ${what}: 「${sentence}」`, span: t.span } satisfies Flag;
  });
}

/** True when a span is covered by one of the spans. */
export function isCovered(span: Span, spans: readonly Span[]): boolean {
  return covered(span, spans);
}

const LENGTH_TOKEN = new RegExp(`(?<![\\d.])(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})`, 'g');
const TEXT_FIELDS = new Set(['address', 'name', 'location', 'era', 'aliases']);

interface Valued {
  readonly span: Span;
  readonly metres?: number;
  readonly m2?: number;
  readonly direction?: Direction | 'all' | 'sides';
}

function typedValues(file: Omit<SourceRecordsFile, 'flags'>): Valued[] {
  const out: Valued[] = [];
  const push = (f: RecordFact): void => {
    if (f.kind === 'offset' || f.kind === 'radius') out.push({ span: f.span, metres: f.metres, ...(f.kind === 'offset' ? { direction: f.direction } : {}) });
    else if (f.kind === 'area') out.push({ span: f.span, m2: f.m2 });
    else if (f.kind === 'limit' || f.kind === 'bound') out.push({ span: f.span, direction: f.direction });
    else out.push({ span: f.span });
  };
  for (const r of file.records) {
    recordFacts(r).forEach(push);
    for (const a of r.areas) out.push({ span: a.span, m2: a.m2 });
    for (const c of r.kind === 'chemical-park' || r.kind === 'land-acquisition' ? r.clauses : []) {
      if (c.type !== 'four-bounds') continue;
      for (const side of c.sides) for (const ref of side.references) if (ref.position !== null) out.push({ span: side.span, direction: ref.position.direction });
    }
  }
  // A total kept as a passage fact is checked against its parts; any other loose area is unread.
  for (const f of file.parsed.facts) if (f.label === '总面积') for (const a of findAreas(f.text, f.span[0])) out.push({ span: a.span, m2: a.m2 });
  return out;
}

function textFieldSpans(file: Omit<SourceRecordsFile, 'flags'>): Span[] {
  const spans = file.records.flatMap((r) => r.provenance.filter((p) => TEXT_FIELDS.has(p.field)).map((p) => p.span));
  // A limit's or 四至 reference's words ("道路东沿", "高村南") are a text field of their own.
  for (const r of file.records) {
    for (const f of recordFacts(r)) {
      if (f.kind !== 'limit' && f.kind !== 'bound') continue;
      const at = file.text.indexOf(f.text, f.span[0]);
      if (at >= 0 && at + f.text.length <= f.span[1]) spans.push([at, at + f.text.length]);
    }
  }
  return spans;
}

function sentenceOf(text: string, span: Span): string {
  const before = text.slice(0, span[0]);
  const start = Math.max(before.lastIndexOf('。'), before.lastIndexOf(';'), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(span[1]);
  const m = /[。;\n]/.exec(rest);
  const end = m === null ? text.length : span[1] + m.index + (m[0] === '\n' ? 0 : 1);
  return text.slice(start, end).trim();
}

const within = (t: Span, s: Span): boolean => t[0] >= s[0] && t[1] <= s[1];

/** A number, area or direction of the passage that no typed field holds with its value. */
export interface Unread {
  readonly token: Token;
  /** True when the token lies inside a parsed clause (read, but not as what it says). */
  readonly misread: boolean;
  readonly sentence: string;
}

/** Tokens of the passage no typed field holds with their meaning. */
export function unreadTokens(file: Omit<SourceRecordsFile, 'flags'>): Unread[] {
  const text = file.text;
  const values = typedValues(file);
  const textSpans = textFieldSpans(file);
  const allSpans = fileFieldSpans(file);
  const out: Unread[] = [];
  const valueTokens: Span[] = [];
  const unitTokens: { span: Span; numberSpan: Span; metres?: number; m2?: number }[] = [];
  for (const a of findAreas(text, 0)) {
    const num = /\d+(?:\.\d+)?/.exec(a.text);
    const ns: Span = num === null ? a.span : [a.span[0] + num.index, a.span[0] + num.index + num[0].length];
    unitTokens.push({ span: a.span, numberSpan: ns, m2: a.m2 });
  }
  for (const m of text.matchAll(LENGTH_TOKEN)) {
    const start = m.index ?? 0;
    const span: Span = [start, start + m[0].length];
    if (unitTokens.some((u) => u.span[0] < span[1] && span[0] < u.span[1])) continue;
    const metres = toMetres(parseNumber(m[1] ?? '') ?? NaN, m[2] ?? '');
    if (metres === null || !Number.isFinite(metres)) continue;
    unitTokens.push({ span, numberSpan: [start, start + (m[1] ?? '').length], metres });
  }
  for (const u of unitTokens) {
    valueTokens.push(u.numberSpan);
    if (textSpans.some((s) => within(u.span, s))) continue;
    const held = values.some((v) => within(u.numberSpan, v.span) && (u.metres !== undefined ? v.metres !== undefined && Math.abs(v.metres - u.metres) < 1e-6 : v.m2 !== undefined && Math.abs(v.m2 - (u.m2 ?? NaN)) <= 1e-6 * Math.max(1, v.m2)));
    if (held) continue;
    const token: Token = { kind: 'number', text: text.slice(u.span[0], u.span[1]), span: u.span };
    out.push({ token, misread: values.some((v) => within(u.span, v.span)), sentence: sentenceOf(text, u.span) });
  }
  for (const t of findTokens(text)) {
    if (t.kind === 'number') {
      if (valueTokens.some((s) => s[0] < t.span[1] && t.span[0] < s[1])) continue;
      if (!covered(t.span, allSpans)) out.push({ token: t, misread: false, sentence: sentenceOf(text, t.span) });
      continue;
    }
    const d = DIRECTION_WORDS[t.text];
    if (textSpans.some((s) => within(t.span, s))) continue;
    const containing = values.filter((v) => within(t.span, v.span));
    if (containing.some((v) => v.direction === d)) continue;
    if (containing.length === 0 && !covered(t.span, allSpans)) {
      out.push({ token: t, misread: false, sentence: sentenceOf(text, t.span) });
    } else if (containing.length > 0 && !containing.some((v) => v.direction !== undefined)) {
      continue;
    } else if (containing.length > 0) {
      out.push({ token: t, misread: true, sentence: sentenceOf(text, t.span) });
    }
  }
  return out.sort((a, b) => a.token.span[0] - b.token.span[0]);
}
