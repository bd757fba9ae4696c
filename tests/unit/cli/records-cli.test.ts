import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import gcoord from 'gcoord';
import type { Feature } from 'geojson';
import { gazetteRecordSchema } from '../../../src/core/model/gazette-record';
import { featurePropsSchema } from '../../../src/core/model/feature-props';
import type { FeatureProps } from '../../../src/core/model/feature-props';

vi.setConfig({ testTimeout: 60_000 });

const FIX = 'tests/fixtures/gazette/cli';
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

/** Runs `npm run records` as a user would (same script), in a fresh output directory. */
function run(args: string[]): { code: number | null; stdout: string; stderr: string; out: string } {
  const out = mkdtempSync(join(tmpdir(), 'records-'));
  const withOut = args.includes('--no-out') ? args.filter((a) => a !== '--no-out') : [...args, '--out', out];
  const r = spawnSync(TSX, ['src/cli/build-records.ts', ...withOut], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out };
}

function outputs(dir: string): { records: unknown[]; features: Feature[]; qa: string } {
  const records = JSON.parse(readFileSync(join(dir, 'records.json'), 'utf8')) as unknown[];
  const layers = JSON.parse(readFileSync(join(dir, 'layers.geojson'), 'utf8')) as { type: string; features: Feature[] };
  expect(layers.type).toBe('FeatureCollection');
  for (const r of records) expect(gazetteRecordSchema.safeParse(r).success).toBe(true);
  for (const f of layers.features) expect(featurePropsSchema.safeParse(f.properties).success, String(f.id)).toBe(true);
  return { records, features: layers.features, qa: readFileSync(join(dir, 'qa.md'), 'utf8') };
}

const props = (f: Feature): FeatureProps => f.properties as FeatureProps;

describe('npm run records on a notice from another province (弥勒市, 云南, 弥政发〔2018〕85号)', () => {
  it('places every site at --at, reads the header from the text, and exits 1 because parts are unread', () => {
    const r = run([`${FIX}/yunnan-mile-2018-85.txt`, '--county', '弥勒市', '--at', '103.41,24.41', '--precision', '5000']);
    expect(r.code, r.stderr).toBe(1);
    const o = outputs(r.out);
    expect(o.records).toHaveLength(4);
    expect(o.features.length).toBeGreaterThan(0);
    for (const f of o.features) {
      expect(props(f).anchor).toMatchObject({ level: 'user', lon: 103.41, lat: 24.41, source: 'user point (--at)' });
      expect(props(f).precisionM).toBe(5000);
      expect(props(f).source?.file).toBe('yunnan-mile-2018-85.txt');
      expect(props(f).docNumber).toBe('弥政发〔2018〕85号');
      expect(props(f).docDate).toBe('2018-07-20');
    }
    expect(o.qa).toContain('| 文号 document number | 弥政发〔2018〕85号 | line |');
    expect(o.qa).toContain('| 日期 date | 2018-07-20 |');
    // 东延 N 米 is read (offsets in typed fields); what stays unread is the one site whose text gives no metres.
    expect(o.qa).not.toMatch(/UNPARSED_\w+ .*东延/);
    expect(o.qa).toMatch(/SHAPE_NOT_DRAWN \| mizhengfa-2018-85hao\/hongxiwenmiao/);
    expect(o.qa).toContain('Placed at the --at point: 4');
  });

  it('without --at keeps the records, draws nothing and says why: no guessed position', () => {
    const r = run([`${FIX}/yunnan-mile-2018-85.txt`, '--county', '弥勒市']);
    expect(r.code).toBe(1);
    const o = outputs(r.out);
    expect(o.records).toHaveLength(4);
    expect(o.features).toHaveLength(0);
    expect(o.qa).toContain('Not placed (no known anchor): 4');
    expect(o.qa.match(/county 弥勒市 is not in the gazetteer/g)).toHaveLength(4);
  });
});

describe('npm run records on Shanxi counties outside 临汾/吕梁 (忻州市)', () => {
  it('定襄县 (text): sites placed at the county anchor of the Shanxi gazetteer, unread clauses flagged, no polygon', () => {
    const r = run([`${FIX}/shanxi-dingxiang-2021.txt`, '--county', '定襄县']);
    expect(r.code).toBe(1);
    const o = outputs(r.out);
    expect(o.records).toHaveLength(2);
    const wgs = gcoord.transform([112.957237, 38.473506], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    for (const f of o.features) {
      expect(f.geometry.type).toBe('Point');
      expect(props(f).method).toBe('shape-not-drawn-marker');
      expect(Math.abs(props(f).anchor!.lon - wgs[0])).toBeLessThan(1e-6);
      expect(Math.abs(props(f).anchor!.lat - wgs[1])).toBeLessThan(1e-6);
    }
    expect(o.qa).toContain('以四至坐标点为准');
    expect(o.qa).toContain('| 发文机关 issuer | 定襄县人民政府 | title |');
    expect(o.qa).toContain('| 日期 date | 未找到 / not found | – |');
  });

  it('定襄县 without --county: records kept, each site reported without a position', () => {
    const r = run([`${FIX}/shanxi-dingxiang-2021.txt`]);
    expect(r.code).toBe(1);
    const o = outputs(r.out);
    expect(o.records).toHaveLength(2);
    expect(o.features).toHaveLength(0);
    expect(o.qa.match(/the text names no county \(give --county\)/g)).toHaveLength(2);
  });

  it('代县 (HTML page): markup reduced to text, signature and date found, placed with --county 代县', () => {
    const r = run([`${FIX}/shanxi-daixian-2021.html`, '--county', '代县']);
    expect(r.code).toBe(1);
    const o = outputs(r.out);
    expect(o.qa).toContain('HTML reduced to text');
    expect(o.qa).toContain('| 发文机关 issuer | 代县人民政府 | signature |');
    expect(o.qa).toContain('| 日期 date | 2021-11-16 | signature |');
    expect(JSON.stringify(o.records)).not.toMatch(/<p|&nbsp;|&ldquo;/);
    expect(o.records).toHaveLength(2);
    expect(o.features.length).toBeGreaterThan(0);
    for (const f of o.features) expect(props(f).anchor?.name).toBe('代县');
  });

  it('a notice read in full exits 0 and is placed at its township (阳高县龙泉镇; synthetic text in the 吕梁 format)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-'));
    const path = join(dir, 'yanggao.txt');
    writeFileSync(
      path,
      [
        '阳高县人民政府关于公布龙泉寺保护范围和建设控制地带的通知', '', '阳政函〔2024〕1 号', '', '阳高县人民政府', '', '2024 年 3 月 1 日', '', '阳高县（1 处）', '', '龙泉寺', '', '时 代：明', '', '地 址：阳高县龙泉镇龙泉寺村', '',
        '保护范围：北由正殿后檐墙向北延伸 10 米至村路，东由东配殿后檐墙向东延伸 10 米至农田，南由山门向南延伸 10 米至村路，西由西配殿后檐墙向西延伸 10 米至农田。面积 0.16 公顷。', '',
        '建设控制地带：北由保护范围向外延伸 20 米至农田，东由保护范围向外延伸 20 米至农田，南由保护范围向外延伸 20 米至道路，西由保护范围向外延伸 20 米至农田。面积 0.48 公顷。', '',
      ].join('\n'),
    );
    const r = run([path]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const o = outputs(r.out);
    expect(o.features).toHaveLength(2);
    for (const f of o.features) {
      expect(props(f).anchor).toMatchObject({ name: '龙泉镇', level: 'town' });
      expect(Math.abs(props(f).areaResidual!)).toBeLessThan(0.005);
    }
    expect(o.qa).toContain('| 文号 document number | 阳政函〔2024〕1号 | line |');
  });
});

describe('npm run records on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-'));
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const docx = join(dir, 'notice.docx');
  writeFileSync(docx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
  it.each([
    ['a missing file', ['/nonexistent/notice.txt'], /找不到文件.*cannot read/],
    ['no --out', [`${FIX}/yunnan-mile-2018-85.txt`, '--no-out'], /--out/],
    ['--at out of range', [`${FIX}/yunnan-mile-2018-85.txt`, '--at', '24.41,103.41'], /--at/],
    ['an empty file', [empty], /空文件.*empty/],
    ['a .docx file', [docx], /不是文本或 HTML 文件/],
    ['an unknown option', [`${FIX}/yunnan-mile-2018-85.txt`, '--bogus'], /未知选项.*unknown option/],
  ])('exits 2 with a zh/en message on %s', (_what, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
