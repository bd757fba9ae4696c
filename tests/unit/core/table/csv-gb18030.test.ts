import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { csvField, encodeCsv, guardFormula, toCsv } from '../../../../src/core/table/csv';
import { encodeGb18030 } from '../../../../src/core/io/gb18030';
import { parseCsv } from './csv-reader';

const ICONV = ['/usr/bin/iconv', '/bin/iconv'].find((p) => existsSync(p));

/** Private-use code points that the WHATWG gb18030 decoder never produces (measured with Node's TextDecoder). */
const UNENCODABLE_PUA = [0xe5e5, 0xe78d, 0xe78e, 0xe78f, 0xe790, 0xe791, 0xe792, 0xe793, 0xe794, 0xe795, 0xe796, 0xe81e, 0xe826, 0xe82b, 0xe82c, 0xe832, 0xe843, 0xe854, 0xe864];

function bmpText(from: number, keep: (cp: number) => boolean): string {
  let text = '';
  for (let cp = from; cp <= 0xffff; cp++) if ((cp < 0xd800 || cp > 0xdfff) && keep(cp)) text += String.fromCodePoint(cp);
  return text;
}

function firstDifference(a: string, b: string): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}


describe('CSV (RFC 4180, formula guard)', () => {
  it('quotes commas, quotes and line breaks, doubles quotes, ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line1\nline2', null], [1.5, -2]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line1\nline2",\r\n1.5,-2\r\n');
    expect(csvField('plain')).toBe('plain');
  });

  it('guards text cells that a spreadsheet would run as formulas, but not numbers', () => {
    for (const s of ['=1+1', '+86 351', '-5', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(s)).toBe(`'${s}`);
    expect(guardFormula('临政函〔2023〕13号')).toBe('临政函〔2023〕13号');
    expect(csvField(-52.93)).toBe('-52.93');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('round-trips through an independent reader', () => {
    const rows = [['中文,逗号', '"引号"', '多\r\n行'], ['x', '', '尧都区']];
    expect(parseCsv(toCsv(['名称', '县', '备注'], rows))).toEqual([['名称', '县', '备注'], ...rows]);
  });

  it('UTF-8 output starts with the BOM EF BB BF and decodes back', () => {
    const bytes = encodeCsv('名称\r\n中\r\n', 'utf-8-bom');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3))).toBe('名称\r\n中\r\n');
  });
});

describe('GB18030 encoder', () => {
  it('writes known byte sequences (GB18030-2005 mappings, as iconv does)', () => {
    expect([...encodeGb18030('中')]).toEqual([0xd6, 0xd0]);
    expect([...encodeGb18030('€')]).toEqual([0xa2, 0xe3]);
    expect([...encodeGb18030('ḿ')]).toEqual([0xa8, 0xbc]);
    expect([...encodeGb18030('\ufffd')]).toEqual([0x84, 0x31, 0xa4, 0x37]);
    expect([...encodeGb18030('𠀀')]).toEqual([0x95, 0x32, 0x82, 0x36]);
    expect([...encodeGb18030('A,1')]).toEqual([0x41, 0x2c, 0x31]);
  });

  it('decodes back with the platform decoder over the whole BMP and a supplementary sample', () => {
    const bmp = bmpText(0x80, (cp) => !UNENCODABLE_PUA.includes(cp));
    let text = bmp;
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 997) text += String.fromCodePoint(cp);
    const back = new TextDecoder('gb18030').decode(encodeGb18030(text));
    expect(back.length).toBe(text.length);
    expect(firstDifference(back, text)).toBe(-1);
  });

  it('writes ? for the 19 private-use code points the platform decoder never yields (GB18030-2005 maps them elsewhere)', () => {
    for (const cp of UNENCODABLE_PUA) expect([...encodeGb18030(String.fromCodePoint(cp))]).toEqual([0x3f]);
  });

  it.skipIf(ICONV === undefined)('gives the same bytes as iconv -t GB18030 over the whole BMP but private-use code points (skipped: no iconv)', () => {
    const text = bmpText(0x20, (cp) => cp !== 0x7f && !(cp >= 0xe000 && cp <= 0xf8ff));
    const ours = Buffer.from(encodeGb18030(text));
    const theirs = execFileSync(ICONV!, ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8'), maxBuffer: 1 << 24 });
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  it('a GB18030 CSV decodes back to the same text', () => {
    const text = toCsv(['名称', '面积（亩）'], [['尧都区汾河煤电化工业园区', 1234.5], ['€ ḿ 𠀀', null]]);
    expect(new TextDecoder('gb18030').decode(encodeCsv(text, 'gb18030'))).toBe(text);
  });
});
