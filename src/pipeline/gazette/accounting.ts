import type { Clause, Flag, GazetteRecord, SourceRecordsFile, Span, Zone } from '../../core/model/gazette-record';

/**
 * Accounting: every number and every direction word of a passage must end up in a field or a
 * flag. Tokens are found in the normalised text; a token is accounted for when a span of a parsed
 * field covers it. Tokens no field covers become UNPARSED_NUMBER / UNPARSED_DIRECTION flags.
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

/** Flags for unaccounted tokens, one per token, with a little context. */
export function accountingFlags(file: Omit<SourceRecordsFile, 'flags'>): Flag[] {
  return unaccountedTokens(file).map((t) => {
    const ctx = file.text.slice(Math.max(0, t.span[0] - 8), Math.min(file.text.length, t.span[1] + 8)).replace(/\n/g, ' ');
    return {
      code: t.kind === 'number' ? 'UNPARSED_NUMBER' : 'UNPARSED_DIRECTION',
      severity: 'warning',
      message: `"${t.text}" is in no field: …${ctx}…`,
      span: t.span,
    } satisfies Flag;
  });
}

/** True when a span is covered by one of the spans. */
export function isCovered(span: Span, spans: readonly Span[]): boolean {
  return covered(span, spans);
}
