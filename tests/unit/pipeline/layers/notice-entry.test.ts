import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';
import { stableJson } from '../../../../src/pipeline/gazette/index';
import { readGazetteerTexts } from '../../../../src/pipeline/layers/load-gazetteer';
import { buildNoticeFromTexts } from '../../../../src/pipeline/layers/notice-entry';
import type { NoticeRequest } from '../../../../src/pipeline/layers/notice-entry';
import type { NoticeBuild } from '../../../../src/pipeline/layers/from-notice';

vi.setConfig({ testTimeout: 60_000 });

const GAZ = { gazetteer: readGazetteerTexts('data/gazetteer'), shanxiJson: JSON.parse(readFileSync('data/gazetteer/shanxi.json', 'utf8')) as unknown };
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

/** The body of a real-corpus notice (its front matter removed). */
export function realBody(name: string): string {
  return readFileSync(`tests/fixtures/gazette/real/${name}.txt`, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
}

function build(req: Partial<NoticeRequest> & { text: string }): NoticeBuild {
  const r = buildNoticeFromTexts({ fileName: 'notice.txt', ...GAZ, ...req });
  if (!r.ok) throw new Error(r.message);
  return r.build;
}

function cli(path: string, args: string[]): { code: number | null; records: string } {
  const out = mkdtempSync(join(tmpdir(), 'notice-entry-'));
  const r = spawnSync(TSX, ['src/cli/build-records.ts', path, ...args, '--out', out], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, records: readFileSync(join(out, 'records.json'), 'utf8') };
}

describe('one notice entry for the CLI and the app (buildNoticeFromTexts)', () => {
  it('gives the records `npm run records` writes, on a 辽宁 notice and on the 弥勒 notice with --county and --at', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-in-'));
    const liaoning = join(dir, 'liaoning.txt');
    writeFileSync(liaoning, realBody('liaoning-2010-provincial-8th'));
    const a = cli(liaoning, []);
    expect(a.code).toBe(1);
    const app = build({ text: readFileSync(liaoning, 'utf8'), fileName: 'liaoning.txt' });
    expect(a.records).toBe(stableJson(app.file.records));
    expect(app.file.records.length).toBeGreaterThan(0);

    const mile = 'tests/fixtures/gazette/cli/yunnan-mile-2018-85.txt';
    const b = cli(mile, ['--county', '弥勒市', '--at', '103.41,24.41', '--precision', '5000']);
    const app2 = build({ text: readFileSync(mile, 'utf8'), fileName: 'yunnan-mile-2018-85.txt', county: '弥勒市', at: { lon: 103.41, lat: 24.41, precisionM: 5000 } });
    expect(b.records).toBe(stableJson(app2.file.records));
    expect(app2.file.records.length).toBe(4);
  });

  it('never draws a site without an anchor, and draws it with provenance once the reviewer places it', () => {
    const text = realBody('liaoning-2010-provincial-8th');
    const before = build({ text });
    expect(before.features).toHaveLength(0);
    expect(before.unplaced.map((u) => u.name)).toEqual(['公主屯后山遗址']);
    const id = before.unplaced[0]!.recordId;
    const after = build({ text, choices: [{ recordId: id, county: null, position: { lon: 123.4, lat: 41.8, precisionM: 50, source: 'placed on the map by the reviewer' } }] });
    expect(after.unplaced).toHaveLength(0);
    expect(after.features.length).toBeGreaterThan(0);
    for (const f of after.features) {
      const p = featurePropsSchema.parse(f.properties);
      expect(p.recordId).toBe(id);
      expect(p.source?.file).toBe('notice.txt');
      expect(p.source?.quote).toContain('公主屯后山遗址');
      expect(p.source?.lines[0]).toBeGreaterThan(0);
      expect(p.anchor).toMatchObject({ level: 'user', lon: 123.4, lat: 41.8, source: 'placed on the map by the reviewer' });
      expect(p.precisionM).toBeGreaterThanOrEqual(50);
      expect(p.method).not.toBe('');
    }
    expect(after.notes.join('\n')).toContain('placed by the reviewer');
  });

  it('places only the site the reviewer placed: the other site of the same notice stays unplaced and undrawn (代县)', () => {
    const text = realBody('daixian-2021-county');
    const before = build({ text });
    expect(before.unplaced).toHaveLength(before.file.records.length);
    const [first, second] = before.file.records;
    const after = build({ text, choices: [{ recordId: first!.id, county: '代县', position: { lon: 112.95, lat: 39.07, precisionM: 6000, source: 'township 上馆镇' } }] });
    expect(after.features.every((f) => f.properties.recordId === first!.id)).toBe(true);
    expect(after.features.length).toBeGreaterThan(0);
    expect(after.features.every((f) => f.properties.county === '代县')).toBe(true);
    expect(after.unplaced.map((u) => u.recordId)).toEqual([second!.id]);
    expect(after.notes.join('\n')).toContain('county 代县 picked by the reviewer');
  });

  it('a county picked without a position (夏县 has no anchor) leaves the site unplaced', () => {
    const text = realBody('daixian-2021-county');
    const first = build({ text }).file.records[0]!;
    const after = build({ text, choices: [{ recordId: first.id, county: '夏县', position: null }] });
    expect(after.features).toHaveLength(0);
    expect(after.unplaced.find((u) => u.recordId === first.id)?.county).toBe('夏县');
  });

  it('refuses a broken gazetteer with a code, and empty text as the CLI does', () => {
    const bad = buildNoticeFromTexts({ text: '保护范围', fileName: 'x.txt', gazetteer: GAZ.gazetteer, shanxiJson: { nope: 1 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe('bad-gazetteer');
    const empty = buildNoticeFromTexts({ text: '  \n', fileName: 'x.txt', ...GAZ });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason).toBe('empty');
  });
});
