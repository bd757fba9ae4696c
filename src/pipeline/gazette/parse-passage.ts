import type { Flag, GazetteRecord, Span, SourceRecordsFile } from '../../core/model/gazette-record';
import { accountingFlags } from './accounting';
import { findDocNumbers, paragraphs, parseCitations, parseEvents, parseHeader, parseOutline, parseRepeals } from './parse-document';
import { parseMeteo } from './parse-meteo';
import { parseParkNotice } from './parse-park-notice';
import { parseRelicSites } from './parse-relic-sites';
import { parseLandAcquisition, parseParkRequirements, parseRedCulture } from './parse-simple-notices';
import { IdAllocator, makeContext } from './record-builder';
import type { SourcePassage } from './segment';

/**
 * Stage 3: parse a passage into records. Document-level facts first (number, date, issuer,
 * citations, repeals, outline), then the features by the grammar module the passage kind calls
 * for, then the accounting of every number and direction word.
 */

function overlaps(a: Span, b: Span): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Parse one source passage. Never throws on odd text: problems become flags. */
export function parsePassage(passage: SourcePassage): SourceRecordsFile {
  const { header } = passage;
  const ctx = makeContext(header, passage.normalised);
  const text = ctx.text;
  const head = parseHeader(text);
  const flags: Flag[] = ctx.flags;
  const compact = (s: string): string => s.replace(/\s/g, '');
  if (head.number !== null && compact(head.number.text) !== compact(header.docNumber)) {
    flags.push({ code: 'METADATA_MISMATCH', severity: 'error', message: `the text's number ${head.number.text} differs from the header's ${header.docNumber}`, span: head.number.span });
  }
  if (head.date !== null && head.date.iso !== header.date) {
    flags.push({ code: 'METADATA_MISMATCH', severity: 'error', message: `the text's date ${head.date.iso} differs from the header's ${header.date}`, span: head.date.span });
  }
  if (head.issuer !== null && head.issuer.text !== header.issuer) {
    flags.push({ code: 'METADATA_MISMATCH', severity: 'warning', message: `the signature ${head.issuer.text} differs from the header's issuer ${header.issuer}`, span: head.issuer.span });
  }
  const repeals = parseRepeals(text);
  const outline = parseOutline(text);
  // Annex list items inside a paragraph ("-附件:1.…" then "2.…" on its own paragraph) are outline too.
  const taken: Span[] = [
    ...[head.title?.span, head.number?.span, head.issuer?.span, head.date?.span].filter((s): s is Span => s !== undefined),
    ...repeals.map((r) => r.span),
  ];
  const citations = parseCitations(text, taken).filter((c) => c.number !== compact(header.docNumber));
  for (const n of findDocNumbers(text)) {
    if (compact(n.number) === compact(header.docNumber) && head.number !== null && !overlaps(n.span, head.number.span)) {
      ctx.facts.push({ label: 'own-number', text: n.number, span: n.span });
    }
  }
  const ids = new IdAllocator(header.id);
  let records: GazetteRecord[] = [];
  switch (header.kind) {
    case 'relic-zones':
      records = parseRelicSites(ctx, ids);
      break;
    case 'chemical-park':
      records = parseParkNotice(ctx, ids, repeals, taken);
      break;
    case 'land-acquisition':
      records = parseLandAcquisition(ctx, ids, repeals, head.title?.span ?? null);
      break;
    case 'red-culture':
      records = parseRedCulture(ctx, ids);
      break;
    case 'meteo-plan':
      records = parseMeteo(ctx, ids);
      break;
    case 'park-requirements':
      records = parseParkRequirements(ctx, ids);
      break;
  }
  // Counts stated in the prose ("我市 35 处市级文物保护单位") are document facts, checked by QA.
  for (const p of paragraphs(text)) {
    for (const m of p.text.matchAll(/(\d+)处/g)) {
      const s = p.start + (m.index ?? 0);
      const span: Span = [s, s + m[0].length];
      if (taken.some((t) => overlaps(t, span)) || ctx.facts.some((f) => overlaps(f.span, span))) continue;
      if (records.some((r) => r.provenance.some((pv) => overlaps(pv.span, span)))) continue;
      ctx.facts.push({ label: 'stated-count', text: m[0], span });
    }
  }
  // Dates not in any other field become dated events of the passage.
  const recordSpans = records.flatMap((r) => [...r.events.map((e) => e.span), ...r.repeals.map((x) => x.span)]);
  const events = parseEvents(text, [...taken, ...citations.map((c) => c.span), ...recordSpans, ...ctx.facts.map((f) => f.span)]);
  for (const e of events) ctx.facts.push({ label: `event:${e.date}`, text: e.text, span: e.span });

  const file: Omit<SourceRecordsFile, 'flags'> = {
    schemaVersion: 1,
    sourceId: header.id,
    kind: header.kind,
    document: ctx.document,
    seed: header.seed,
    lines: header.lines,
    text,
    parsed: {
      titleSpan: head.title?.span ?? null,
      numberSpan: head.number?.span ?? null,
      issuerSpan: head.issuer?.span ?? null,
      dateSpan: head.date?.span ?? null,
      citations,
      outline,
      facts: ctx.facts,
    },
    records: records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  if (records.length === 0) {
    flags.push({ code: 'UNPARSED_CLAUSE', severity: 'warning', message: `no ${header.kind} feature was found in the passage`, span: null });
  }
  return { ...file, flags: [...flags, ...accountingFlags(file)] };
}
