import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GazetteRecord, SourceRecordsFile } from '../../core/model/gazette-record';
import { parsePassage } from './parse-passage';
import type { QaReport } from './qa-report';
import { addQaFlags, buildQaReport, qaReportMarkdown } from './qa-report';
import { parseSourceFile } from './segment';
import { validateFiles } from './validate';

/**
 * The gazette pipeline: data/sources/*.txt → normalise → segment → parse → QA → validate.
 * {@link buildRecords} is pure apart from reading the sources directory; writing is the CLI's job.
 */

/** Everything the pipeline produces. */
export interface BuildOutput {
  /** One file per source passage, sorted by source id. */
  readonly files: readonly SourceRecordsFile[];
  /** All records of all files, sorted by id. */
  readonly records: readonly GazetteRecord[];
  readonly qa: QaReport;
  readonly qaMarkdown: string;
}

/** Reasons the build fails. */
export const BUILD_FAILURES = {
  badSource: 'bad-source',
  invalidOutput: 'invalid-output',
} as const;

/** Outcome of a build. */
export type BuildResult =
  | ({ readonly ok: true } & BuildOutput)
  | { readonly ok: false; readonly reason: (typeof BUILD_FAILURES)[keyof typeof BUILD_FAILURES]; readonly message: string };

/** Build records from source texts given as `{ name, content }` pairs. */
export function buildRecordsFromTexts(sources: readonly { name: string; content: string }[]): BuildResult {
  const files: SourceRecordsFile[] = [];
  const names = new Map<string, string>();
  for (const s of [...sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const parsed = parseSourceFile(s.content);
    if (!parsed.ok) return { ok: false, reason: BUILD_FAILURES.badSource, message: `来源文件 ${s.name}：${parsed.message}`.replace(' / ', ` / source file ${s.name}: `) };
    names.set(parsed.passage.header.id, s.name);
    files.push(parsePassage(parsed.passage));
  }
  addQaFlags(files);
  const valid = validateFiles(files);
  if (!valid.ok) {
    const where = [...names.values()].join(', ');
    return { ok: false, reason: BUILD_FAILURES.invalidOutput, message: `生成的记录未通过校验（来源 ${where}）：${valid.message} / the records built from ${where} fail validation: ${valid.message}` };
  }
  const records = valid.files.flatMap((f) => f.records).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const qa = buildQaReport(valid.files);
  return { ok: true, files: valid.files, records, qa, qaMarkdown: qaReportMarkdown(qa) };
}

/** Build records from every `*.txt` file of a sources directory (data/sources). */
export function buildRecords(sourcesDir: string): BuildResult {
  const names = readdirSync(sourcesDir).filter((n) => n.endsWith('.txt')).sort();
  return buildRecordsFromTexts(names.map((name) => ({ name, content: readFileSync(join(sourcesDir, name), 'utf8') })));
}

/** JSON with object keys sorted recursively, two-space indented, newline-terminated. */
export function stableJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sortKeys(x)]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/** The files the pipeline writes, as relative path → content. Deterministic. */
export function renderOutputs(out: BuildOutput): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of out.files) files.set(`records/${f.sourceId}.json`, stableJson(f));
  files.set('qa/report.json', stableJson(out.qa));
  files.set('qa/report.md', out.qaMarkdown);
  return files;
}

export { parsePassage } from './parse-passage';
export { parseSourceFile } from './segment';
export { normaliseLines, normaliseText } from './normalise';
