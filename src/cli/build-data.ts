import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAllData } from '../pipeline/build-all-data';

/**
 * `npm run data [-- --check]`: the whole pipeline, data/sources → data/records, data/qa, data/layers.
 * With --check it writes nothing and exits 1 when a committed file differs from a fresh build.
 * Exit codes: 0 ok, 1 stale (--check), 2 bad input, 3 bug.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, 'data');

function main(): number {
  const check = process.argv.includes('--check');
  const result = buildAllData(dataDir);
  if (!result.ok) {
    process.stderr.write(`build-data: ${result.message}\n`);
    return 2;
  }
  if (check) {
    const stale = [...result.outputs].filter(([p, c]) => !existsSync(join(dataDir, p)) || readFileSync(join(dataDir, p), 'utf8') !== c);
    for (const [p] of stale) process.stderr.write(`stale: data/${p}\n`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const [p, content] of result.outputs) {
    mkdirSync(dirname(join(dataDir, p)), { recursive: true });
    writeFileSync(join(dataDir, p), content);
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
