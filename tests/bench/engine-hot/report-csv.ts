/**
 * Times the CSV rendering of a conflict report (as `npm run check -- --format csv` renders it, with the localised
 * caveat) against the former writer (the test oracle), after checking that both give the same bytes. The report is a
 * `--format json` output; findings of one rule get back one shared basis list, as the engine gives them.
 * `npx tsx tests/bench/engine-hot/report-csv.ts <report.json> [rounds] [lang]`
 */
import { readFileSync } from 'node:fs';
import type { ConflictReport, Finding } from '../../../src/core/conflicts/report';
import { reportCsvChunks } from '../../../src/core/conflicts/report-export';
import { caveatText } from '../../../src/i18n/conflict-text';
import type { Lang } from '../../../src/map/map-api';
import { oracleCaveatText, oracleReportCsvChunks } from '../../unit/core/conflicts/report-csv-oracle';

const [file, roundsArg, langArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: report-csv.ts <report.json> [rounds] [lang]');
const rounds = Number(roundsArg ?? 7);
const lang: Lang = langArg === 'en' ? 'en' : 'zh-CN';
const report = JSON.parse(readFileSync(file, 'utf8')) as ConflictReport;
const basisOf = new Map<string, Finding['basis']>();
for (const f of report.findings) {
  const shared = basisOf.get(f.ruleId) ?? f.basis;
  basisOf.set(f.ruleId, shared);
  f.basis = shared;
}

const former = (): string[] => [...oracleReportCsvChunks(report, (c) => oracleCaveatText(c, lang))];
const now = (): string[] => [...reportCsvChunks(report, (c) => caveatText(c, lang))];
const a = former().join('');
const b = now().join('');
console.log(`${report.findings.length} findings, ${Buffer.byteLength(b)} bytes of CSV, same bytes: ${a === b}`);

const runs: Array<[string, () => number]> = [
  ['former reportCsvChunks + caveatText', () => former().reduce((n, c) => n + Buffer.byteLength(c), 0)],
  ['new reportCsvChunks + caveatText', () => now().reduce((n, c) => n + Buffer.byteLength(c), 0)],
  ['former caveatText only', () => report.findings.reduce((n, f) => n + oracleCaveatText(f.caveat, lang).length, 0)],
  ['new caveatText only', () => report.findings.reduce((n, f) => n + caveatText(f.caveat, lang).length, 0)],
];
const best = new Map<string, number>();
for (let r = 0; r < rounds; r++) {
  for (const [label, run] of runs) {
    const t0 = performance.now();
    run();
    best.set(label, Math.min(best.get(label) ?? Infinity, performance.now() - t0));
  }
}
for (const [label, ms] of best) console.log(`${label.padEnd(38)} best of ${rounds}: ${ms.toFixed(0).padStart(6)} ms`);
