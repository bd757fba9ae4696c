// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlText, MAX_NOTICE_FILE_BYTES, noticeFromPaste, readNoticeFile } from '../../../../src/app/notice/notice-file';
import type { NoticeFileLike } from '../../../../src/app/notice/notice-file';
import { htmlToText } from '../../../../src/cli/records/html-text';

function fileOf(name: string, bytes: Uint8Array, size = bytes.length): NoticeFileLike {
  return { name, size, arrayBuffer: () => Promise.resolve(bytes.slice().buffer) };
}

const DAIXIAN = readFileSync('tests/fixtures/gazette/real/daixian-2021-county.txt', 'utf8').replace(/^---[\s\S]*?\n---\n/, '');

describe('reading a notice file', () => {
  it('reads UTF-8 and GBK text files to the same text', async () => {
    const utf8 = await readNoticeFile(fileOf('a.txt', new TextEncoder().encode(DAIXIAN)));
    expect(utf8.ok && utf8.notice.text.trim()).toBe(DAIXIAN.trim());
    const gbk = new Uint8Array(readFileSync('tests/fixtures/gazette/cli/shanxi-dingxiang-2021.txt'));
    const r = await readNoticeFile(fileOf('dingxiang.txt', gbk));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.notice.text).toContain('定襄县人民政府');
  });

  it('reduces an HTML page to its text with the DOM (script, style and head dropped, one line per paragraph)', async () => {
    const page = readFileSync('tests/fixtures/gazette/cli/shanxi-daixian-2021.html');
    const r = await readNoticeFile(fileOf('daixian.html', new Uint8Array(page)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notice.kind).toBe('html');
    expect(r.notice.text).toContain('保护范围');
    expect(r.notice.text).not.toMatch(/<\/?p|function|&nbsp;|&ldquo;/);
    const cli = htmlToText(page.toString('utf8'));
    expect(r.notice.text.trim()).toBe(cli.split('\n').filter((l) => l.trim() !== '').join('\n').trim());
    expect(htmlText('<p>甲</p><p>乙<br>丙</p><table><tr><td>丁</td><td>戊</td></tr></table>')).toBe('甲\n乙\n丙\n丁 戊');
  });

  it('reads a .docx with mammoth', async () => {
    const r = await readNoticeFile(fileOf('daixian.docx', new Uint8Array(readFileSync('tests/fixtures/notice/daixian-2021-county.docx'))));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.notice.kind).toBe('docx');
      expect(r.notice.text.replace(/\n+/g, '\n').trim()).toBe(DAIXIAN.trim());
    }
  });

  it('refuses other kinds, empty, oversized, garbled and non-Chinese files with a code', async () => {
    const codeOf = async (f: NoticeFileLike): Promise<string> => {
      const r = await readNoticeFile(f);
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(await codeOf(fileOf('scan.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46])))).toBe('notice-unsupported');
    expect(await codeOf(fileOf('a.txt', new Uint8Array(0)))).toBe('notice-empty');
    expect(await codeOf(fileOf('big.txt', new Uint8Array(4), MAX_NOTICE_FILE_BYTES + 1))).toBe('notice-too-large');
    const binary = new Uint8Array(4000).map((_, i) => (i * 37) % 256);
    expect(await codeOf(fileOf('bin.txt', binary))).toBe('notice-garbled');
    expect(await codeOf(fileOf('zip.txt', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])))).toBe('notice-garbled');
    expect(await codeOf(fileOf('en.txt', new TextEncoder().encode('Hello world, nothing Chinese here.')))).toBe('notice-no-chinese');
    expect(await codeOf(fileOf('fake.docx', new TextEncoder().encode('保护范围')))).toBe('notice-unreadable');
    expect(await codeOf(fileOf('blank.html', new TextEncoder().encode('<html><body><script>var a=1</script></body></html>')))).toBe('notice-empty');
  });

  it('checks pasted text the same way', () => {
    expect(noticeFromPaste('  ').ok).toBe(false);
    const r = noticeFromPaste(DAIXIAN);
    expect(r.ok && r.notice.kind).toBe('paste');
  });
});
