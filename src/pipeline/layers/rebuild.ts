import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';
import { anchorOverrideSchema } from '../../core/gazetteer/gazetteer-schema';
import { Gazetteer } from '../../core/gazetteer/resolve-place';
import { parseShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import type { GazetteRecord, SourceRecordsFile } from '../../core/model/gazette-record';
import { gazetteRecordSchema, sourceRecordsFileSchema } from '../../core/model/gazette-record';
import { parseAddress } from './address';
import { gazetteerPartsFromText } from './gazetteer-parts';
import type { GazetteerTexts } from './gazetteer-parts';
import { buildLayers } from './index';
import type { LayerBuild } from './index';

/**
 * Rebuilding layers with a planner's anchor fixes, anywhere (Node, browser worker): the same `buildLayers` as
 * `npm run data`, on the committed records and gazetteer texts, with `overrides` taking precedence over the
 * gazetteer's own. Every shape derived from an overridden place is rebuilt in metres from its text.
 */

/** What a rebuild needs: the data/records files, the gazetteer texts and the Shanxi gazetteer (data/gazetteer/shanxi.json). */
export interface RebuildInput {
  recordFiles: readonly unknown[];
  gazetteer: GazetteerTexts;
  shanxiJson: unknown;
  overrides: readonly AnchorOverride[];
}

/** Result of {@link rebuildLayers}. */
export type RebuildResult = { ok: true; build: LayerBuild } | { ok: false; reason: 'bad-records' | 'bad-gazetteer' | 'bad-override'; detail: string };

/** Parses the inputs and builds every layer with the overrides applied. */
export function rebuildLayers(input: RebuildInput): RebuildResult {
  const files: SourceRecordsFile[] = [];
  for (const raw of input.recordFiles) {
    const parsed = sourceRecordsFileSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'bad-records', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    files.push(parsed.data);
  }
  for (const o of input.overrides) {
    const parsed = anchorOverrideSchema.safeParse(o);
    if (!parsed.success) return { ok: false, reason: 'bad-override', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const shanxi = parseShanxiGazetteer(input.shanxiJson);
  if (!shanxi.ok) return { ok: false, reason: 'bad-gazetteer', detail: shanxi.message };
  let gazetteer: Gazetteer;
  try {
    const p = gazetteerPartsFromText(input.gazetteer, shanxi.gazetteer);
    gazetteer = new Gazetteer(p.anchors, p.places, p.aliases, [...p.overrides, ...input.overrides]);
  } catch (error: unknown) {
    return { ok: false, reason: 'bad-gazetteer', detail: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, build: buildLayers(files, gazetteer) };
}

/**
 * The gazetteer key (name, county) that places a record's shapes: a relic site by its own name in the county of
 * its address (as `resolveRelicSite` tries first), anything else by its name in its county. Null when the record
 * names no county.
 */
export function placementTarget(record: GazetteRecord): { name: string; county: string } | null {
  if (record.kind === 'relic-site') {
    const county = parseAddress(record.address).county ?? record.county ?? record.listedUnder;
    return county ? { name: record.name, county } : null;
  }
  const r = record as { name?: unknown; county?: unknown };
  return typeof r.name === 'string' && typeof r.county === 'string' && r.county !== '' ? { name: r.name, county: r.county } : null;
}

/** The placement target of the record `recordId` among the data/records files, or null when it is not there. */
export function placementTargetFor(recordFiles: readonly unknown[], recordId: string): { name: string; county: string } | null {
  for (const file of recordFiles) {
    const records = (file as { records?: unknown } | null)?.records;
    if (!Array.isArray(records)) continue;
    for (const raw of records as unknown[]) {
      if ((raw as { id?: unknown } | null)?.id !== recordId) continue;
      const parsed = gazetteRecordSchema.safeParse(raw);
      return parsed.success ? placementTarget(parsed.data) : null;
    }
  }
  return null;
}
