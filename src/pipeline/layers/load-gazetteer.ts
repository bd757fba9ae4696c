import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchorListSchema } from '../../core/model/anchor';
import { splitCsv } from '../../core/io/anchor-csv';
import { aliasRowSchema, anchorOverrideListSchema, placeRowSchema } from '../../core/gazetteer/gazetteer-schema';
import { Gazetteer } from '../../core/gazetteer/resolve-place';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';

function csvObjects(text: string): Record<string, string>[] {
  const rows = splitCsv(text);
  const header = rows[0]?.fields ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

/**
 * Reads the gazetteer from `dir` (data/gazetteer): anchors.json, places.csv, aliases.csv and overrides.json.
 * `extraOverrides` take precedence over the file's (a planner's fixes in the app). Throws on invalid files.
 */
export function loadGazetteer(dir: string, extraOverrides: readonly AnchorOverride[] = []): Gazetteer {
  const anchors = anchorListSchema.parse(JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8')));
  const places = csvObjects(readFileSync(join(dir, 'places.csv'), 'utf8')).map((r) => placeRowSchema.parse(r));
  const aliases = csvObjects(readFileSync(join(dir, 'aliases.csv'), 'utf8')).map((r) => aliasRowSchema.parse(r));
  const overrides = anchorOverrideListSchema.parse(JSON.parse(readFileSync(join(dir, 'overrides.json'), 'utf8')));
  return new Gazetteer(anchors, places, aliases, [...overrides, ...extraOverrides]);
}
