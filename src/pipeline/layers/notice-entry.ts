import type { Anchor } from '../../core/model/anchor';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';
import { Gazetteer } from '../../core/gazetteer/resolve-place';
import { parseShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import type { GazetteRecord } from '../../core/model/gazette-record';
import type { LayerFeature } from './feature-base';
import { buildNotice, NO_NUMBER } from './from-notice';
import type { NoticeBuild, NoticeOptions, NoticeResult, UnplacedRecord } from './from-notice';
import { gazetteerPartsFromText } from './gazetteer-parts';
import type { GazetteerParts, GazetteerTexts } from './gazetteer-parts';
import { buildLayers } from './index';
import { placementTarget } from './rebuild';

/**
 * The one entry from a notice's text to records and layers that runs anywhere (Node for `npm run records`, a Web
 * Worker for the app): the gazetteer comes as texts (no file system), and a reviewer's decisions per site (the
 * county picked from the gazetteer, a position from a township anchor or a click on the map) are applied before the
 * layers are built. A site that neither the gazetteer nor the reviewer places is listed as unplaced and not drawn.
 */

/** Where a reviewer put a site, and how well that is known. */
export interface SitePosition {
  lon: number;
  lat: number;
  precisionM: number;
  /** How the position was obtained ("township 季庄镇 140xxx (source)", "map click", …). */
  source: string;
}

/** A reviewer's decision about one site (record). */
export interface SiteChoice {
  recordId: string;
  /** The county to give the record (a gazetteer name), or null to keep what the text says. */
  county: string | null;
  /** Where to put the site, or null (then only the gazetteer can place it). */
  position: SitePosition | null;
}

/** Everything one notice build needs. */
export interface NoticeRequest {
  text: string;
  fileName: string;
  /** County of sites whose text names none. */
  county?: string | null;
  /** One point for every site whose county has no anchor (the CLI's --at). */
  at?: NoticeOptions['at'];
  /** The texts of data/gazetteer (anchors, places, aliases, overrides). */
  gazetteer: GazetteerTexts;
  /** data/gazetteer/shanxi.json, parsed. */
  shanxiJson: unknown;
  choices?: readonly SiteChoice[];
}

/** Outcome of {@link buildNoticeFromTexts}: the notice build, or why there is none. */
export type NoticeEntryResult = NoticeResult | { ok: false; reason: 'bad-gazetteer'; message: string };

/** County given to a placed site whose text names none and whose reviewer picked none. */
export const UNNAMED_COUNTY = NO_NUMBER;

function countyOf(r: GazetteRecord): string | null {
  return r.county ?? (r.kind === 'relic-site' ? r.listedUnder : null);
}

function userAnchor(id: string, county: string, p: SitePosition): Anchor {
  return {
    id,
    level: 'county',
    name: county,
    note: 'reviewer position',
    county,
    original: { lon: p.lon, lat: p.lat, datum: 'WGS84' },
    wgs84: { lon: p.lon, lat: p.lat },
    datumUnknown: false,
    precisionM: p.precisionM,
    source: p.source,
  };
}

function withFileName(f: LayerFeature, fileName: string): LayerFeature {
  return f.properties.source ? { ...f, properties: { ...f.properties, source: { ...f.properties.source, file: fileName } } } : f;
}

/** Applies the reviewer's choices to a build: counties set, positions as overrides, the layers built again. */
function applyChoices(base: NoticeBuild, choices: readonly SiteChoice[], parts: GazetteerParts, fileName: string): NoticeBuild {
  const file = structuredClone(base.file);
  const byId = new Map(choices.map((c) => [c.recordId, c]));
  const known = new Gazetteer(parts.anchors, parts.places, parts.aliases, parts.overrides);
  const anchors: Anchor[] = [];
  const overrides: AnchorOverride[] = [];
  const notes = [...base.notes];
  for (const r of file.records) {
    const c = byId.get(r.id);
    if (!c) continue;
    if (c.county) {
      if (c.county !== countyOf(r)) notes.push(`${r.name}: county ${c.county} picked by the reviewer (the text says ${countyOf(r) ?? 'none'})`);
      r.county = c.county;
    }
    if (!c.position) continue;
    if (countyOf(r) === null) r.county = UNNAMED_COUNTY;
    const target = placementTarget(r);
    if (target === null) continue;
    if (!known.county(target.county) && !anchors.some((a) => a.name === target.county)) anchors.push(userAnchor(`reviewer-${anchors.length + 1}`, target.county, c.position));
    overrides.push({ name: target.name, county: target.county, lon: c.position.lon, lat: c.position.lat, precisionM: c.position.precisionM, source: c.position.source });
    notes.push(`${r.name}: placed by the reviewer at ${c.position.lon.toFixed(6)}, ${c.position.lat.toFixed(6)} ±${c.position.precisionM} m (${c.position.source})`);
  }
  const gazetteer = new Gazetteer([...parts.anchors, ...anchors], parts.places, parts.aliases, [...parts.overrides, ...overrides]);
  const layers = buildLayers([file], gazetteer);
  const positioned = new Set(choices.filter((c) => c.position).map((c) => c.recordId));
  const unplaced: UnplacedRecord[] = [];
  for (const r of file.records) {
    const before = base.unplaced.find((u) => u.recordId === r.id);
    const unresolved = layers.qa.some((q) => q.recordId === r.id && q.code === 'UNRESOLVED_PLACE');
    if (positioned.has(r.id) && !unresolved) continue;
    if (before && !base.placedAtUserPoint.includes(r.id)) unplaced.push({ ...before, county: countyOf(r) });
    else if (unresolved) unplaced.push({ recordId: r.id, name: r.name, county: countyOf(r), reason: `county ${countyOf(r) ?? '(none)'} has no anchor` });
  }
  const hidden = new Set(unplaced.map((u) => u.recordId));
  for (const id of Object.keys(layers.layers) as (keyof typeof layers.layers)[]) layers.layers[id] = layers.layers[id].filter((f) => !hidden.has(f.properties.recordId ?? ''));
  const features = Object.values(layers.layers)
    .flat()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((f) => withFileName(f, fileName));
  const notDrawn = base.unread.filter((u) => !/^(CONTROL_ZONE_UNPARSED|SHAPE_NOT_DRAWN|NO_PROTECTION_RANGE|CONTROL_NOT_DRAWN)$/.test(u.code));
  const redrawn = layers.qa.filter((q) => /^(CONTROL_ZONE_UNPARSED|SHAPE_NOT_DRAWN|NO_PROTECTION_RANGE|CONTROL_NOT_DRAWN)$/.test(q.code)).map((q) => ({ code: q.code, recordId: q.recordId, message: q.message }));
  return { ...base, file, layers, features, unread: [...notDrawn, ...redrawn], unplaced, notes };
}

/**
 * Builds records and layers from a notice's text with the gazetteer given as texts, then applies the reviewer's
 * choices. The CLI (`npm run records`) and the app's pipeline worker both call this, so both give the same records.
 */
export function buildNoticeFromTexts(req: NoticeRequest): NoticeEntryResult {
  const shanxi = parseShanxiGazetteer(req.shanxiJson);
  if (!shanxi.ok) return { ok: false, reason: 'bad-gazetteer', message: `山西地名库无效 / the Shanxi gazetteer is invalid: ${shanxi.message}` };
  let parts: GazetteerParts;
  try {
    parts = gazetteerPartsFromText(req.gazetteer, shanxi.gazetteer);
  } catch (error: unknown) {
    return { ok: false, reason: 'bad-gazetteer', message: `地名库无效 / the gazetteer is invalid: ${error instanceof Error ? error.message : String(error)}` };
  }
  const base = buildNotice(req.text, { fileName: req.fileName, county: req.county ?? null, at: req.at ?? null }, parts, shanxi.gazetteer);
  if (!base.ok || !req.choices || req.choices.length === 0) return base;
  return { ok: true, build: applyChoices(base.build, req.choices, parts, req.fileName) };
}
