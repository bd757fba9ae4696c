import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorOverrideListSchema } from '../core/gazetteer/gazetteer-schema';
import type { AnchorOverride } from '../core/gazetteer/gazetteer-schema';
import { buildAllData } from '../pipeline/build-all-data';

/**
 * `npm run data [-- --check] [--overrides <file>] [--out <dir>]`: the whole pipeline, data/sources → data/records,
 * data/qa, data/layers. With --check it writes nothing and exits 1 when a committed file differs from a fresh build.
 * `--overrides` adds a planner's anchor fixes (the app's "导出定位" file, the format of
 * data/gazetteer/overrides.json), taking precedence over the committed ones; `--out` writes the outputs to another
 * folder instead of data/. Exit codes: 0 ok, 1 stale (--check), 2 bad input, 3 bug.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, 'data');

function option(name: string): string | null {
  const i = process.argv.indexOf(name);
  if (i < 0) return null;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return v;
}

class UsageError extends Error {}

function readOverrides(path: string): AnchorOverride[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = anchorOverrideListSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${path}: not an overrides list: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function main(): number {
  const check = process.argv.includes('--check');
  let overrides: AnchorOverride[] = [];
  let outDir = dataDir;
  try {
    const file = option('--overrides');
    if (file !== null) overrides = readOverrides(resolve(file));
    const out = option('--out');
    if (out !== null) outDir = resolve(out);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`build-data: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const result = buildAllData(dataDir, overrides);
  if (!result.ok) {
    process.stderr.write(`build-data: ${result.message}\n`);
    return 2;
  }
  if (check) {
    const stale = [...result.outputs].filter(([p, c]) => !existsSync(join(outDir, p)) || readFileSync(join(outDir, p), 'utf8') !== c);
    for (const [p] of stale) process.stderr.write(`stale: data/${p}\n`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const [p, content] of result.outputs) {
    mkdirSync(dirname(join(outDir, p)), { recursive: true });
    writeFileSync(join(outDir, p), content);
  }
  const counts = Object.entries(result.build.layers).map(([l, fs]) => `${l} ${fs.length}`).join(', ');
  process.stdout.write(`build-data: ${result.recordCount} records; layers: ${counts}; ${result.build.qa.length} geometry findings\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err: unknown) {
  process.stderr.write(`build-data: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 3;
}
