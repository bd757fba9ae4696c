/**
 * `npx tsx src/cli/build-anchors.ts [--check]`: reads `data/gazetteer/anchors.csv` and writes
 * `data/gazetteer/anchors.json` (WGS84 positions, default precisions, stable ids).
 * With `--check` it writes nothing and exits 1 when the committed JSON differs from a fresh build.
 * Exit codes: 0 ok, 1 out of date (--check), 2 bad input, 3 bug.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { buildAnchors, parseAnchorCsv, serializeAnchors } from '../core/io/anchor-csv';

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Input CSV, relative to the repository root. */
export const ANCHORS_CSV = 'data/gazetteer/anchors.csv';
/** Output JSON, relative to the repository root. */
export const ANCHORS_JSON = 'data/gazetteer/anchors.json';

/** ASCII slug of one text: toneless pinyin per word (ü as v), other characters kept, the rest turned into '-'. */
export function asciiSlug(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return syllables
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Stable id of an anchor: `level-county-name` in ASCII pinyin; the name part is left out when it equals the
 * county (a county or city row), e.g. `county-jishanxian`, `town-linxian-qikouzhen`.
 */
export function anchorSlug(level: string, county: string, name: string): string {
  const parts = name === county ? [level, county] : [level, county, name];
  return parts.map(asciiSlug).filter((p) => p !== '').join('-');
}

/** Builds the anchors JSON text from CSV text, or returns the problems found. */
export function buildAnchorsJson(csvText: string): { ok: true; json: string } | { ok: false; issues: string[] } {
  const parsed = parseAnchorCsv(csvText);
  if (!parsed.ok) return parsed;
  const built = buildAnchors(parsed.rows, anchorSlug);
  if (!built.ok) return built;
  return { ok: true, json: serializeAnchors(built.anchors) };
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const csvPath = resolve(REPO_ROOT, ANCHORS_CSV);
  const jsonPath = resolve(REPO_ROOT, ANCHORS_JSON);
  const result = buildAnchorsJson(readFileSync(csvPath, 'utf8'));
  if (!result.ok) {
    for (const issue of result.issues) console.error(`${ANCHORS_CSV}: ${issue}`);
    return 2;
  }
  if (check) {
    let committed: string;
    try {
      committed = readFileSync(jsonPath, 'utf8');
    } catch (err) {
      console.error(`cannot read ${ANCHORS_JSON}: ${String(err)}`);
      return 1;
    }
    if (committed !== result.json) {
      console.error(`${ANCHORS_JSON} is out of date: run npx tsx src/cli/build-anchors.ts`);
      return 1;
    }
    console.log(`${ANCHORS_JSON} is up to date`);
    return 0;
  }
  writeFileSync(jsonPath, result.json);
  const count = result.json.split('\n').length - 3;
  console.log(`wrote ${ANCHORS_JSON} (${count} anchors, ${Buffer.byteLength(result.json)} bytes)`);
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
