import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SourceRecordsFile } from '../../../../src/core/model/gazette-record';
import { buildRecords } from '../../../../src/pipeline/gazette/index';
import { parsePassage } from '../../../../src/pipeline/gazette/parse-passage';
import { parseSourceFile } from '../../../../src/pipeline/gazette/segment';

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');
/** data/sources. */
export const SOURCES = join(ROOT, 'data/sources');
/** tests/fixtures/gazette. */
export const FIXTURES = join(ROOT, 'tests/fixtures/gazette');

let cached: ReturnType<typeof buildRecords> | null = null;
/** The pipeline run once over data/sources (shared by tests). */
export function built(): Extract<ReturnType<typeof buildRecords>, { ok: true }> {
  cached ??= buildRecords(SOURCES);
  if (!cached.ok) throw new Error(`build failed: ${cached.message}`);
  return cached;
}

/** Parse a fixture file (same header format as data/sources). */
export function parseFixture(name: string): SourceRecordsFile {
  const r = parseSourceFile(readFileSync(join(FIXTURES, name), 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${r.message}`);
  return parsePassage(r.passage);
}
