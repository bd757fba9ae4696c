import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caveatText, formatReportText, ruleNoteText } from '../../../src/i18n/conflict-text';
import { runCheck } from '../../../src/cli/check';
import type { Caveat } from '../../../src/core/conflicts/report';

const HAN = /[\u4e00-\u9fff]/;
const base: Caveat = { code: 'holds-may-fail', precisionAM: 500, precisionBM: 0, shiftM: 500, marginM: 12.34, depthM: 42.25, groupedOthers: 0 };

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCheck(args, { stdout: (t) => out.push(t), stderr: (t) => out.push(t), readText: (p) => readFileSync(p, 'utf8'), writeText: () => undefined });
  return { code, out: out.join('') };
}

describe('conflict codes in words', () => {
  it('renders every caveat code with its numbers in both languages', () => {
    expect(caveatText(base, 'zh-CN')).toBe('A 位置精度 ±500 m，B ±0 m，最大相对偏移 500 m；按图上位置成立，但偏移超过 42.3 m 时可能不成立，需核实边界。');
    expect(caveatText({ ...base, code: 'fails-may-hold', depthM: -7 }, 'zh-CN')).toContain('偏移 7.0 m 以上即可能成立');
    expect(caveatText({ ...base, code: 'surveyed', shiftM: 0 }, 'en')).toContain('both are surveyed');
    expect(caveatText({ ...base, code: 'holds-within-precision', precisionBM: null }, 'en')).toBe('A position precision ±500 m, B —, largest relative shift 500 m; the result holds for any shift within the precision (margin 12.3 m).');
    for (const code of ['surveyed', 'holds-within-precision', 'holds-may-fail', 'fails-may-hold'] as const) expect(caveatText({ ...base, code, groupedOthers: 3 }, 'en')).not.toMatch(HAN);
  });

  it('renders the notes of skipped rules', () => {
    expect(ruleNoteText('b-not-loaded', 'zh-CN')).toBe('B 侧图层未加载：无法判断是否在其外');
    expect(ruleNoteText('no-features-a', 'en')).toBe('no feature matches side A');
  });

  it('the CLI writes its text report in Chinese by default and in English with --lang en', async () => {
    const layers = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((l) => `data/layers/${l}.geojson`);
    const zh = await cli([...layers, '--time', '2026-01-01T00:00:00Z']);
    const en = await cli([...layers, '--time', '2026-01-01T00:00:00Z', '--lang', 'en']);
    expect(zh.code).toBe(en.code);
    expect(zh.out.split('\n')[0]).toBe('冲突检查报告  2026-01-01T00:00:00.000Z');
    expect(en.out.split('\n')[0]).toBe('Conflict check report  2026-01-01T00:00:00.000Z');
    expect(zh.out).toContain('位置精度');
    // English prose only, outside names, titles and quotes from the data (feature names and rule titles are Chinese)
    const prose = en.out
      .split('\n')
      .filter((l) => /^(Conflict|Rule set|Layer|Rule |==| {2}overlap| {2}A position)/.test(l))
      .map((l) => l.replace(/^Rule \S+ v\d+ \([^)]*\)/, ''));
    expect(prose.length).toBeGreaterThan(5);
    for (const line of prose) expect(line).not.toMatch(HAN);
    expect((await cli([...layers, '--lang', 'fr'])).code).toBe(2);
  });

  it('formats a report with no findings', () => {
    const text = formatReportText({ kind: 'conflict-report', formatVersion: 1, generatedAt: 'T', ruleSet: { id: 'r', version: '1' }, engine: { name: 'e', epsM: 0, projection: 'GK', tolerance: { widthM: 0.001, areaM2: 0.000001 } }, layers: [], rejected: [], geometryNotes: [], rules: [], findings: [], summary: { 禁止: { definite: 0, possible: 0 }, 需审批: { definite: 0, possible: 0 }, 提示: { definite: 0, possible: 0 } } }, 'en');
    expect(text).toContain('== Forbidden: definite 0, possible 0 ==');
  });
});
