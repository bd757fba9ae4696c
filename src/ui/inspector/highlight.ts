/** A piece of the quote, marked when it belongs to a clause that produced an edge. */
export interface QuotePart {
  text: string;
  mark: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex that matches `clause` in a verbatim quote whatever whitespace and line breaks the layout inserted. */
function looseRegExp(clause: string): RegExp {
  const chars = [...clause.replace(/\s+/g, '')].map(escapeRegExp);
  return new RegExp(chars.join('\\s*'), 'u');
}

/**
 * Boundary clauses by form: a direction word (东/西/南/北 and the diagonals) opening a clause that
 * runs to the next Chinese/ASCII comma, semicolon or full stop.
 */
const DIRECTION_CLAUSE = /(?:(?<=^|[，,；;。：:])\s*(?:东北|东南|西北|西南|[东西南北])|(?:东北|东南|西北|西南|[东西南北])(?=至|由))[^，,；;。]*/gu;

function ranges(quote: string, clauseTexts: readonly string[] | undefined): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const found = new Set<number>();
  if (clauseTexts && clauseTexts.length > 0) {
    clauseTexts.forEach((c, i) => {
      if (c.trim() === '') return;
      const m = looseRegExp(c).exec(quote);
      if (m) {
        out.push([m.index, m.index + m[0].length]);
        found.add(i);
      }
    });
    if (found.size > 0) return out;
  }
  for (const m of quote.matchAll(DIRECTION_CLAUSE)) {
    const lead = m[0].length - m[0].trimStart().length;
    out.push([m.index + lead, m.index + m[0].length]);
  }
  return out;
}

/**
 * Splits a verbatim quote into parts, marking the clauses that produced edges: the given clause
 * texts (matched ignoring whitespace) when any is found, else every clause that opens with a
 * direction word.
 */
export function highlightClauses(quote: string, clauseTexts?: readonly string[]): QuotePart[] {
  const rs = ranges(quote, clauseTexts).sort((a, b) => a[0] - b[0]);
  const parts: QuotePart[] = [];
  let at = 0;
  for (const [s, e] of rs) {
    if (s < at) continue;
    if (s > at) parts.push({ text: quote.slice(at, s), mark: false });
    parts.push({ text: quote.slice(s, e), mark: true });
    at = e;
  }
  if (at < quote.length) parts.push({ text: quote.slice(at), mark: false });
  return parts;
}
