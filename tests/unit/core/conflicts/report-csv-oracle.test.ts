import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/cli/check';
import type { Caveat, ConflictReport, Finding } from '../../../../src/core/conflicts/report';
import { reportCsvChunks, reportToCsv } from '../../../../src/core/conflicts/report-export';
import { caveatText } from '../../../../src/i18n/conflict-text';
import { oracleCaveatText, oracleReportCsvChunks } from './report-csv-oracle';

const SEED = 20_261_202;
const text = fc.oneof(
  fc.constantFrom('', '"', '""', ',', 'a,b', '\r', '\n', '\r\n', '地块"甲",乙\r\n丙', '一般农用地', '，；', ' lead', 'x;y', '😀', '\ud800'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'a', '地', '；', ' '), maxLength: 10 }),
);
const num = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e21, 1e-7, 0.1 + 0.2, 500, 12.25, -7.05));
const numOrNull = fc.oneof(num, fc.constant(null));
const caveat: fc.Arbitrary<Caveat> = fc.record({
  code: fc.constantFrom('surveyed', 'holds-within-precision', 'holds-may-fail', 'fails-may-hold'),
  precisionAM: num,
  precisionBM: numOrNull,
  shiftM: num,
  marginM: num,
  depthM: num,
  groupedOthers: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
});
const ref = fc.record({ id: text, layer: text, name: fc.oneof(text, fc.constant(null)), category: fc.oneof(text, fc.constant(null)), precisionM: num, source: text });
const basis = fc.array(fc.record({ document: text, docNumber: fc.option(text, { nil: undefined }), article: fc.option(text, { nil: undefined }), text, textKind: fc.constant('summary') }, { requiredKeys: ['document', 'text', 'textKind'] }), { minLength: 1, maxLength: 3 });
const rule = fc.record({
  ruleId: text, ruleVersion: fc.oneof(fc.integer(), fc.constantFrom(-0, Number.NaN)), ruleTitle: text, severity: fc.constantFrom('禁止', '需审批', '提示'),
  relation: fc.constantFrom('overlap', 'within-distance', 'outside-of'), basis,
});
const finding = (rules: ReadonlyArray<Readonly<Record<string, unknown>>>): fc.Arbitrary<Finding> =>
  fc
    .record({
      ruleIndex: fc.nat(),
      a: ref, b: fc.oneof(ref, fc.constant(null)), bIds: fc.array(text, { maxLength: 3 }),
      overlapAreaM2: numOrNull, shareOfA: numOrNull, shareOfB: numOrNull, outsideAreaM2: numOrNull, distanceM: numOrNull,
      params: fc.record({ distanceM: num, areaToleranceM2: num, tolerance: fc.constant({ widthM: 0.001, areaM2: 0.000001 }) }),
      verdict: fc.constantFrom('definite', 'possible'), nominal: fc.boolean(), depthM: num, shiftM: num, marginM: num, caveat, overlap: fc.constant(null),
    })
    .map(({ ruleIndex, ...f }) => ({ ...rules[ruleIndex % rules.length], ...f }) as unknown as Finding);
/** Reports whose findings come from two or three rules (runs of one rule's cells, shared basis lists). */
const report = fc
  .array(rule, { minLength: 1, maxLength: 3 })
  .chain((rules) => fc.record({ generatedAt: text, ruleSet: fc.record({ id: text, version: text }), findings: fc.array(finding(rules), { maxLength: 25 }) }))
  .map((r) => r as unknown as ConflictReport);

describe('CSV report against the former writer', () => {
  it('caveat words equal the former renderer (both languages, grouped findings, null B radius)', () => {
    fc.assert(
      fc.property(caveat, (c) => {
        expect(caveatText(c, 'zh-CN')).toBe(oracleCaveatText(c, 'zh-CN'));
        expect(caveatText(c, 'en')).toBe(oracleCaveatText(c, 'en'));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('gives the same bytes and the same chunks on seeded random reports (quotes, commas, line breaks, nulls, Chinese)', () => {
    fc.assert(
      fc.property(report, fc.integer({ min: 1, max: 30 }), (r, rows) => {
        expect([...reportCsvChunks(r, undefined, rows)]).toEqual([...oracleReportCsvChunks(r, undefined, rows)]);
        for (const lang of ['zh-CN', 'en'] as const) {
          expect([...reportCsvChunks(r, (c) => caveatText(c, lang), rows)], lang).toEqual([...oracleReportCsvChunks(r, (c) => oracleCaveatText(c, lang), rows)]);
        }
        expect(reportToCsv(r)).toBe([...oracleReportCsvChunks(r)].join(''));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('starts the rule cells anew when only the version or the verdict changes, and on findings that break the types', () => {
    const r = fc.sample(report, { seed: SEED, numRuns: 1 })[0] as ConflictReport;
    const f0 = { ...(r.findings[0] ?? fc.sample(finding([{}]), { seed: SEED, numRuns: 1 })[0]), ruleId: 'r,1', ruleTitle: '标题"甲"', ruleVersion: 1, verdict: 'definite' } as Finding;
    const odd = { ...f0, severity: null, verdict: null, ruleId: null, ruleVersion: null, ruleTitle: null, relation: null } as unknown as Finding;
    const findings = [odd, f0, { ...f0, ruleVersion: 2 }, { ...f0, ruleVersion: 2, verdict: 'possible' }, { ...f0, ruleVersion: -0 }, { ...f0, ruleVersion: 0 }, odd, { ...f0, ruleVersion: Number.NaN }];
    const many = { ...r, findings } as ConflictReport;
    expect(reportToCsv(many)).toBe([...oracleReportCsvChunks(many)].join(''));
    expect(reportToCsv(many).split('\r\n')[1]).toMatch(/^,,,,,,/);
  });

  it('gives the same bytes on the report of the shipped layers and rules', async () => {
    const layers = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((l) => `data/layers/${l}.geojson`);
    const out: string[] = [];
    await runCheck([...layers, '--format', 'json', '--time', '2026-01-01T00:00:00Z'], { stdout: (t) => out.push(t), stderr: () => undefined, readText: (p) => readFileSync(p, 'utf8'), writeText: () => undefined });
    const r = JSON.parse(out.join('')) as ConflictReport;
    expect(r.findings.length).toBeGreaterThan(3);
    for (const lang of ['zh-CN', 'en'] as const) {
      const now = reportToCsv(r, (c) => caveatText(c, lang));
      expect(now).toBe([...oracleReportCsvChunks(r, (c) => oracleCaveatText(c, lang))].join(''));
      expect(now.split('\r\n').length).toBe(r.findings.length + 2);
    }
  });
});
