import type { Anchor } from '../../core/model/anchor';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';
import { Gazetteer } from '../../core/gazetteer/resolve-place';
import type { ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import type { GazetteRecord, SourceKind, SourceRecordsFile } from '../../core/model/gazette-record';
import { findHeader } from '../gazette/find-header';
import type { FoundHeader } from '../gazette/find-header';
import { normaliseLines } from '../gazette/normalise';
import { parsePassage } from '../gazette/parse-passage';
import { addQaFlags } from '../gazette/qa-report';
import { slugOf } from '../gazette/record-builder';
import { MAX_SOURCE_CHARS } from '../gazette/segment';
import type { SourceHeader } from '../gazette/segment';
import { validateFiles } from '../gazette/validate';
import type { LayerFeature } from './feature-base';
import { buildLayers } from './index';
import type { LayerBuild } from './index';
import type { GazetteerParts } from './load-gazetteer';

/**
 * Any notice in, records and layers out: the text of one notice (no metadata header needed) is given a header
 * from what {@link findHeader} finds in it, parsed by the grammar its content calls for, and built into layers.
 * Sites whose county has no anchor are kept as records and reported, never placed by guess; `at` places them.
 */

/** Placeholder document number when the text gives none (the record schema needs a value). */
export const NO_NUMBER = '未注明';
/** Placeholder date when the text gives none: not a date, reported as missing. */
export const NO_DATE = '0000-00-00';

/** Options of {@link buildNotice}. */
export interface NoticeOptions {
  /** Name of the input, for provenance (records' `source.file`, features' `source.file`). */
  fileName: string;
  /** County of sites whose text names none (--county). */
  county?: string | null;
  /** Where to put sites whose county has no anchor (--at), and how far they may be from it (m). */
  at?: { lon: number; lat: number; precisionM: number } | null;
}

/** A record that is kept but not drawn, and why. */
export interface UnplacedRecord {
  recordId: string;
  name: string;
  county: string | null;
  reason: string;
}

/** A part of the text that was not read, with its quote. */
export interface UnreadItem {
  code: string;
  recordId: string | null;
  message: string;
}

/** What {@link buildNotice} gives. */
export interface NoticeBuild {
  header: FoundHeader;
  kind: SourceKind | null;
  file: SourceRecordsFile;
  layers: LayerBuild;
  /** All features of all layers, sorted by id. */
  features: LayerFeature[];
  unread: UnreadItem[];
  unplaced: UnplacedRecord[];
  /** Sites placed at `at`. */
  placedAtUserPoint: string[];
  /** Remarks for the report: what was assumed (county from --county, …). */
  notes: string[];
}

/** Reasons a notice is refused. */
export const NOTICE_REJECTIONS = { EMPTY: 'empty', TOO_LARGE: 'too-large', INVALID_OUTPUT: 'invalid-output' } as const;

/** Outcome of {@link buildNotice}. */
export type NoticeResult = { ok: true; build: NoticeBuild } | { ok: false; reason: (typeof NOTICE_REJECTIONS)[keyof typeof NOTICE_REJECTIONS]; message: string };

/** The grammar a notice's content calls for, or null when none fits. */
export function detectKind(text: string): SourceKind | null {
  if (/保\s*护\s*范\s*围|建\s*设\s*控\s*制\s*地\s*带|建控地带/.test(text)) return 'relic-zones';
  if (/化工园区/.test(text) && /四至|[东西南北]至|面积/.test(text)) return 'chemical-park';
  if (/成片开发/.test(text)) return 'land-acquisition';
  return null;
}

const UNREAD_CODE = /^(UNPARSED|UNREAD)|^MALFORMED_TEXT$/;
const NOT_DRAWN_CODES = new Set(['CONTROL_ZONE_UNPARSED', 'SHAPE_NOT_DRAWN', 'NO_PROTECTION_RANGE', 'CONTROL_NOT_DRAWN']);

function headerOf(text: string, found: FoundHeader, kind: SourceKind, fileName: string, lineCount: number): SourceHeader {
  const base = found.number?.value ?? fileName.replace(/\.[a-z]+$/i, '');
  return {
    id: (slugOf(base) || 'notice').slice(0, 40).replace(/-+$/, ''),
    title: found.title?.value ?? fileName,
    docNumber: found.number?.value ?? NO_NUMBER,
    issuer: found.issuer?.value ?? NO_NUMBER,
    date: found.date?.value ?? NO_DATE,
    gazette: `input file ${fileName}`,
    seed: fileName,
    lines: [1, Math.max(1, lineCount)],
    kind,
  };
}

function countyOf(r: GazetteRecord): string | null {
  return r.county ?? (r.kind === 'relic-site' ? r.listedUnder : null);
}

function unreadOf(file: SourceRecordsFile): UnreadItem[] {
  const out: UnreadItem[] = file.flags.filter((f) => UNREAD_CODE.test(f.code)).map((f) => ({ code: f.code, recordId: null, message: f.message }));
  for (const r of file.records) for (const f of r.flags) if (UNREAD_CODE.test(f.code)) out.push({ code: f.code, recordId: r.id, message: f.message });
  return out;
}

function withUserPoints(parts: GazetteerParts, file: SourceRecordsFile, unplaced: readonly UnplacedRecord[], at: NonNullable<NoticeOptions['at']>, known: Gazetteer): Gazetteer {
  const counties = new Set(unplaced.map((u) => u.county).filter((c): c is string => !!c && !known.county(c)));
  const anchors: Anchor[] = [...counties].map((c, i) => ({
    id: `user-at-${i + 1}`,
    level: 'county',
    name: c,
    note: 'point given with --at',
    county: c,
    original: { lon: at.lon, lat: at.lat, datum: 'WGS84' },
    wgs84: { lon: at.lon, lat: at.lat },
    datumUnknown: false,
    precisionM: at.precisionM,
    source: 'user point (--at)',
  }));
  const overrides: AnchorOverride[] = unplaced
    .filter((u) => u.county)
    .map((u) => ({ name: file.records.find((r) => r.id === u.recordId)?.name ?? u.name, county: u.county!, lon: at.lon, lat: at.lat, precisionM: at.precisionM, source: 'user point (--at)' }));
  return new Gazetteer([...parts.anchors, ...anchors], parts.places, parts.aliases, [...parts.overrides, ...overrides]);
}

function collect(build: LayerBuild): LayerFeature[] {
  return Object.values(build.layers)
    .flat()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Builds records and layers from a notice's text. `parts` is the gazetteer as read (with the Shanxi additions);
 * `shanxi` explains why a Shanxi county has no anchor. Refuses empty or oversized text; never throws on content.
 */
export function buildNotice(text: string, opts: NoticeOptions, parts: GazetteerParts, shanxi: ShanxiGazetteer | null): NoticeResult {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (clean.length > MAX_SOURCE_CHARS) {
    return { ok: false, reason: NOTICE_REJECTIONS.TOO_LARGE, message: `文本长 ${clean.length} 字符，超过上限 ${MAX_SOURCE_CHARS} / the text has ${clean.length} characters, more than the cap of ${MAX_SOURCE_CHARS}` };
  }
  if (clean.trim().length === 0) return { ok: false, reason: NOTICE_REJECTIONS.EMPTY, message: '文件中没有文字 / the file has no text' };
  const header = findHeader(clean);
  const kind = detectKind(clean);
  const lines = clean.replace(/\n$/, '').split('\n');
  const passageHeader = headerOf(clean, header, kind ?? 'relic-zones', opts.fileName, lines.length);
  const normalised = normaliseLines(lines.map((t, i) => ({ number: i + 1, text: t })));
  const parsed = parsePassage({ header: passageHeader, lines: lines.map((t, i) => ({ number: i + 1, text: t })), body: clean, normalised });
  const notes: string[] = [];
  if (kind === null) parsed.records = [];
  for (const r of parsed.records) {
    r.source.file = opts.fileName;
    if (countyOf(r) === null && opts.county) {
      r.county = opts.county;
      notes.push(`${r.name}: county ${opts.county} from --county (the text names none)`);
    }
  }
  addQaFlags([parsed]);
  const valid = validateFiles([parsed]);
  if (!valid.ok) return { ok: false, reason: NOTICE_REJECTIONS.INVALID_OUTPUT, message: `生成的记录未通过校验：${valid.message} / the records fail validation: ${valid.message}` };
  const file = valid.files[0]!;
  const unread = unreadOf(file);
  if (kind === null) unread.push({ code: 'UNREAD_NOTICE', recordId: null, message: 'no grammar fits this notice (relic protection ranges, chemical parks, land acquisition): nothing was read' });
  else if (file.records.length === 0) unread.push({ code: 'UNREAD_NOTICE', recordId: null, message: `no ${kind} feature was found in the text` });

  const known = new Gazetteer(parts.anchors, parts.places, parts.aliases, parts.overrides);
  let layers = buildLayers([file], known);
  const unplaced: UnplacedRecord[] = [];
  for (const r of file.records) {
    if (!layers.qa.some((q) => q.recordId === r.id && q.code === 'UNRESOLVED_PLACE')) continue;
    const county = countyOf(r);
    let reason = county ? `county ${county} is not in the gazetteer` : 'the text names no county (give --county)';
    if (county && shanxi) {
      const s = shanxi.resolve({ county });
      if (s.ok) reason = `county ${s.county.name} (${s.county.code}, ${s.county.parents.join('')}) is in the Shanxi gazetteer but has no anchor`;
      else if (s.reason === 'ambiguous-county') reason = `county name ${county} is ambiguous: ${s.candidates.map((c) => `${c.parents.join('')}${c.name} ${c.code}`).join(', ')}`;
    }
    unplaced.push({ recordId: r.id, name: r.name, county, reason });
  }
  const placedAtUserPoint: string[] = [];
  if (opts.at && unplaced.some((u) => u.county)) {
    layers = buildLayers([file], withUserPoints(parts, file, unplaced, opts.at, known));
    for (const u of unplaced.splice(0)) {
      if (u.county && !layers.qa.some((q) => q.recordId === u.recordId && q.code === 'UNRESOLVED_PLACE')) placedAtUserPoint.push(u.recordId);
      else unplaced.push(u);
    }
  }
  const features = collect(layers).map((f) => (f.properties.source ? { ...f, properties: { ...f.properties, source: { ...f.properties.source, file: opts.fileName } } } : f));
  for (const q of layers.qa) if (NOT_DRAWN_CODES.has(q.code)) unread.push({ code: q.code, recordId: q.recordId, message: q.message });
  return { ok: true, build: { header, kind, file, layers, features, unread, unplaced, placedAtUserPoint, notes } };
}
