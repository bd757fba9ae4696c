import type { GazetteRecord, SourceRecordsFile } from '../../core/model/gazette-record';
import type { NoticeBuild } from '../../pipeline/layers/from-notice';

/**
 * What the review screen shows of a notice build, as data: the passage cut into runs coloured by what was read
 * (typed fields) and what was not (UNREAD / UNPARSED flags with their sentence), and one entry per site with the
 * county found, where it was placed (or why not). Pure: no DOM.
 */

/** What a run of the passage is. The most specific reading wins; an unread mark wins over every reading. */
export const RUN_CLASSES = ['plain', 'zone', 'clause', 'limit', 'metres', 'area', 'name', 'unread'] as const;
/** One of {@link RUN_CLASSES}. */
export type RunClass = (typeof RUN_CLASSES)[number];

/** A run of the passage text. */
export interface TextRun {
  text: string;
  cls: RunClass;
  /** Index of the unread item this run belongs to (cls `unread`). */
  unread: number | null;
}

/** A part of the text that was not read. */
export interface UnreadMark {
  code: string;
  message: string;
  /** The quoted sentence (null when the flag has no place in the text). */
  quote: string | null;
  recordId: string | null;
}

/** A site as the review lists it. */
export interface ReviewSite {
  recordId: string;
  name: string;
  kind: GazetteRecord['kind'];
  /** County the text names (or the record got), null when none. */
  county: string | null;
  address: string | null;
  /** Whether the site has features drawn. */
  placed: boolean;
  /** Where it was placed: anchor name, level, source and precision of the drawn features. */
  anchor: { name: string; level: string; source: string; lon: number; lat: number } | null;
  precisionM: number | null;
  /** Why it is not placed: no county named or picked, a county without an anchor, or not drawn (then `unplacedReason`). */
  unplacedCode: 'no-county' | 'no-anchor' | 'not-drawn' | null;
  /** The pipeline's words on why it is not placed or drawn, when it is not. */
  unplacedReason: string | null;
  featureCount: number;
}

/** The review of one build. */
export interface NoticeReview {
  runs: TextRun[];
  unread: UnreadMark[];
  sites: ReviewSite[];
  /** Number of characters in each class (the legend shows them). */
  counts: Readonly<Record<RunClass, number>>;
}

type Span = [number, number];
interface Painted {
  span: Span;
  cls: Exclude<RunClass, 'plain' | 'unread'>;
}

function isSpan(v: unknown): v is Span {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && v[1] >= v[0];
}

/** Class of a parsed object by its typed fields. */
function classOf(o: Record<string, unknown>, key: string): Painted['cls'] | null {
  if (key === 'provenance' || key === 'nameSpan') return 'name';
  if (typeof o['m2'] === 'number') return 'area';
  if (typeof o['metres'] === 'number' || typeof o['radiusM'] === 'number') return 'metres';
  if (typeof o['limit'] === 'string' || typeof o['boundary'] === 'string') return 'limit';
  if (typeof o['type'] === 'string') return 'clause';
  if (typeof o['label'] === 'string' || typeof o['kind'] === 'string') return 'zone';
  return null;
}

function collectSpans(value: unknown, key: string, out: Painted[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectSpans(v, key, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (isSpan(o['span']) && key !== 'source' && key !== 'flags') {
    const cls = classOf(o, key);
    if (cls) out.push({ span: o['span'], cls });
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'source' && k !== 'flags' && k !== 'span') collectSpans(v, k, out);
}

function flagsOf(file: SourceRecordsFile): Array<{ code: string; message: string; span: Span | null; recordId: string | null }> {
  const out = file.flags.map((f) => ({ code: f.code, message: f.message, span: f.span, recordId: null as string | null }));
  for (const r of file.records) for (const f of r.flags) out.push({ code: f.code, message: f.message, span: f.span, recordId: r.id });
  return out;
}

const UNREAD = /^(UNPARSED|UNREAD)|^MALFORMED_TEXT$/;

/** Colours the passage and lists the unread parts. */
export function colourPassage(file: SourceRecordsFile, extraUnread: readonly { code: string; message: string; recordId: string | null }[] = []): Pick<NoticeReview, 'runs' | 'unread' | 'counts'> {
  const text = file.text;
  const spans: Painted[] = [];
  for (const r of file.records) collectSpans(r, 'record', spans);
  const paint: (RunClass | null)[] = new Array<RunClass | null>(text.length).fill(null);
  const which: (number | null)[] = new Array<number | null>(text.length).fill(null);
  spans.sort((a, b) => b.span[1] - b.span[0] - (a.span[1] - a.span[0]));
  for (const s of spans) for (let i = Math.max(0, s.span[0]); i < Math.min(text.length, s.span[1]); i++) paint[i] = s.cls;
  const unread: UnreadMark[] = [];
  for (const f of flagsOf(file)) {
    if (!UNREAD.test(f.code)) continue;
    const idx = unread.length;
    unread.push({ code: f.code, message: f.message, quote: f.span ? text.slice(f.span[0], f.span[1]) : null, recordId: f.recordId });
    if (f.span) {
      for (let i = Math.max(0, f.span[0]); i < Math.min(text.length, f.span[1]); i++) {
        paint[i] = 'unread';
        which[i] = idx;
      }
    }
  }
  for (const u of extraUnread) if (!unread.some((m) => m.code === u.code && m.message === u.message)) unread.push({ code: u.code, message: u.message, quote: null, recordId: u.recordId });
  const runs: TextRun[] = [];
  const counts = Object.fromEntries(RUN_CLASSES.map((c) => [c, 0])) as Record<RunClass, number>;
  for (let i = 0; i < text.length; i++) {
    const cls = paint[i] ?? 'plain';
    counts[cls] += 1;
    const last = runs[runs.length - 1];
    if (last && last.cls === cls && last.unread === which[i]) last.text += text[i];
    else runs.push({ text: text[i]!, cls, unread: which[i] ?? null });
  }
  return { runs, unread, counts };
}

function countyOf(r: GazetteRecord): string | null {
  return r.county ?? (r.kind === 'relic-site' ? r.listedUnder : null);
}

/** The review of a notice build. */
export function reviewOf(build: NoticeBuild): NoticeReview {
  const coloured = colourPassage(build.file, build.unread);
  const sites: ReviewSite[] = build.file.records
    .filter((r) => r.kind !== 'park-requirements')
    .map((r) => {
      const features = build.features.filter((f) => f.properties.recordId === r.id);
      const first = features[0]?.properties ?? null;
      const unplaced = build.unplaced.find((u) => u.recordId === r.id);
      return {
        recordId: r.id,
        name: r.name,
        kind: r.kind,
        county: countyOf(r),
        address: 'address' in r && typeof r.address === 'string' ? r.address : null,
        placed: features.length > 0,
        anchor: first?.anchor ? { name: first.anchor.name, level: first.anchor.level, source: first.anchor.source, lon: first.anchor.lon, lat: first.anchor.lat } : null,
        precisionM: first ? first.precisionM : null,
        unplacedCode: features.length > 0 ? null : unplaced ? (countyOf(r) === null ? 'no-county' : 'no-anchor') : 'not-drawn',
        unplacedReason: unplaced ? unplaced.reason : features.length === 0 ? 'not drawn' : null,
        featureCount: features.length,
      };
    });
  return { ...coloured, sites };
}
