import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableJson } from '../pipeline/gazette/index';
import { serializeLayer } from '../pipeline/layers/index';
import { readGazetteerTexts } from '../pipeline/layers/load-gazetteer';
import { buildNoticeFromTexts } from '../pipeline/layers/notice-entry';
import { parseArgs } from './records/args';
import { readNotice } from './records/read-notice';
import { exitCodeOf, noticeQaMarkdown, RECORDS_EXIT } from './records/report';

/**
 * `npm run records -- <notice.txt|.html> [--county 县名] [--at lon,lat] [--precision m] --out <dir>`: any notice in,
 * `<dir>/records.json`, `<dir>/layers.geojson` and `<dir>/qa.md` out. Exit codes: 0 all read, placed and drawn;
 * 1 something unread, not placed or not drawn (qa.md says what); 2 bad input; 3 bug.
 */
const gazetteerDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'data', 'gazetteer');

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`records: ${parsed.message}\n`);
    return RECORDS_EXIT.BAD_INPUT;
  }
  const { args } = parsed;
  const read = readNotice(args.input);
  if (!read.ok) {
    process.stderr.write(`records: ${read.message}\n`);
    return RECORDS_EXIT.BAD_INPUT;
  }
  const at = args.at ? { ...args.at, precisionM: args.precisionM } : null;
  const result = buildNoticeFromTexts({
    text: read.notice.text,
    fileName: basename(args.input),
    county: args.county,
    at,
    gazetteer: readGazetteerTexts(gazetteerDir),
    shanxiJson: JSON.parse(readFileSync(join(gazetteerDir, 'shanxi.json'), 'utf8')) as unknown,
  });
  if (!result.ok) {
    process.stderr.write(`records: ${result.message}\n`);
    return result.reason === 'invalid-output' || result.reason === 'bad-gazetteer' ? RECORDS_EXIT.INTERNAL : RECORDS_EXIT.BAD_INPUT;
  }
  const b = result.build;
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'records.json'), stableJson(b.file.records));
  writeFileSync(join(args.out, 'layers.geojson'), serializeLayer(b.features));
  writeFileSync(join(args.out, 'qa.md'), noticeQaMarkdown(b, { path: args.input, encoding: read.notice.encoding, html: read.notice.html }));
  const code = exitCodeOf(b);
  process.stdout.write(
    `records: ${b.file.records.length} records, ${b.features.length} features, ${b.unread.length} unread or not drawn, ${b.unplaced.length} not placed → ${args.out} (exit ${code})\n`,
  );
  return code;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err: unknown) {
  process.stderr.write(`records: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = RECORDS_EXIT.INTERNAL;
}
