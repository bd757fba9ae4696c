import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from '../../../src/cli/records/html-text';

describe('htmlToText', () => {
  const html = readFileSync('tests/fixtures/gazette/cli/shanxi-daixian-2021.html', 'utf8');
  const text = htmlToText(html);
  it('drops scripts, styles and the head, and keeps one line per paragraph', () => {
    expect(looksLikeHtml(html)).toBe(true);
    expect(text).not.toMatch(/var nav|text-indent|<\/?p|<div/);
    expect(text.split('\n')).toContain('保护范围:同文物本体。');
    expect(text.split('\n')).toContain('2021年11月16日');
  });
  it('decodes character references', () => {
    expect(text).toContain('“保护为主、抢救第一、合理利用、加强管理”');
    expect(htmlToText('<p>a&#x4E1C;b&#20013;c&lt;d&gt;&amp;&unknown;</p>')).toBe('a东b中c<d>&&unknown;\n');
  });
  it('separates table cells and treats plain text as not HTML', () => {
    expect(htmlToText('<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>龙泉寺</td></tr></table>')).toBe('序号 名称\n1 龙泉寺\n');
    expect(looksLikeHtml('保护范围:东至围墙。\n')).toBe(false);
  });
});
