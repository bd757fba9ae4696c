import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecords, renderOutputs } from '../pipeline/gazette/index';

/**
 * `npx tsx src/cli/build-records.ts [--check]`: build data/records/*.json and data/qa/report.{md,json}
 * from data/sources/. With --check, write nothing and exit 1 when the committed files differ.
 * Exit codes: 0 ok, 1 outputs differ (--check), 2 bad input, 3 bug.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, 'data');

function main(): number {
  const check = process.argv.includes('--check');
  const result = buildRecords(join(dataDir, 'sources'));
  if (!result.ok) {
    process.stderr.write(`build-records: ${result.reason}: ${result.message}\n`);
    return 2;
  }
  const outputs = renderOutputs(result);
  if (check) {
    const stale = [...outputs].filter(([p, c]) => !existsSync(join(dataDir, p)) || readFileSync(join(dataDir, p), 'utf8') !== c);
    for (const [p] of stale) process.stderr.write(`stale: data/${p}\n`);
    return stale.length === 0 ? 0 : 1;
  }
  const recordsDir = join(dataDir, 'records');
  mkdirSync(recordsDir, { recursive: true });
  for (const name of readdirSync(recordsDir)) {
    if (name.endsWith('.json') && !outputs.has(`records/${name}`)) rmSync(join(recordsDir, name));
  }
  for (const [p, content] of outputs) {
    mkdirSync(dirname(join(dataDir, p)), { recursive: true });
    writeFileSync(join(dataDir, p), content);
  }
  const errors = result.qa.findings.filter((f) => f.severity === 'error').length;
  process.stdout.write(
    `build-records: ${result.records.length} records from ${result.files.length} passages; ${result.qa.findings.length} QA findings (${errors} errors)\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (err: unknown) {
  process.stderr.write(`build-records: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 3;
}
