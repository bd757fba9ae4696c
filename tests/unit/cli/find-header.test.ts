import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findHeader, parseChineseDate } from '../../../src/pipeline/gazette/find-header';
import { parseSourceFile } from '../../../src/pipeline/gazette/segment';

/**
 * Header finding against headers written by someone else: the metadata headers of data/sources (typed by hand
 * from the gazettes) and the header lines of published notices (search corpus `pages`, URLs below).
 */

const sources = readdirSync('data/sources')
  .filter((n) => n.endsWith('.txt'))
  .map((n) => {
    const p = parseSourceFile(readFileSync(`data/sources/${n}`, 'utf8'));
    if (!p.ok) throw new Error(p.message);
    return [n, p.passage] as const;
  });

describe('findHeader on the gazette passages of data/sources', () => {
  it.each(sources)('%s: finds the header facts the passage contains, and nothing it does not', (_n, passage) => {
    const h = findHeader(passage.body);
    const compact = (s: string): string => s.replace(/\s+/g, '');
    const bodyHasNumber = compact(passage.body).includes(compact(passage.header.docNumber));
    if (bodyHasNumber) {
      expect(h.number?.value).toBe(compact(passage.header.docNumber));
      expect(h.date?.value).toBe(passage.header.date);
      expect(h.issuer?.value).toBe(passage.header.issuer);
      expect(compact(passage.body.slice(h.number!.span[0], h.number!.span[1]))).toBe(h.number!.value);
    } else {
      expect(h.number).toBeNull();
      expect(h.date).toBeNull();
    }
  });
  it('cover both cases', () => {
    expect(sources.filter(([, p]) => findHeader(p.body).number !== null)).toHaveLength(5);
  });
});

describe('findHeader on published header layouts', () => {
  it('reads the labelled fields of a government page (忻政函〔2024〕6号, zwgk.sxxz.gov.cn)', () => {
    const text = [
      '- 索 引 号: 000014347/2024-00854',
      '- 主题分类: 文物',
      '- 发文机关: 忻州市人民政府',
      '- 成文日期: 2024年02月02日',
      '- 标 题: 忻州市人民政府关于公布公孙杵臼祠堂等市级文物保护单位保护范围的通知',
      '- 发文字号: 忻政函〔2024〕6号',
      '- 发布日期: 2024年02月02日',
    ].join('\n');
    const h = findHeader(text);
    expect(h.number).toMatchObject({ value: '忻政函〔2024〕6号', how: 'label' });
    expect(h.issuer).toMatchObject({ value: '忻州市人民政府', how: 'label' });
    expect(h.date).toMatchObject({ value: '2024-02-02', how: 'label' });
    expect(h.title?.value).toBe('忻州市人民政府关于公布公孙杵臼祠堂等市级文物保护单位保护范围的通知');
    expect(text.slice(h.number!.span[0], h.number!.span[1])).toBe('忻政函〔2024〕6号');
  });

  it('reads a date in Chinese numerals under the signature (辽政发〔2010〕11号)', () => {
    const text = '辽宁省人民政府关于公布第八批省级文物保护\n单位保护范围和建设控制地带的通知\n辽政发〔2010〕11号\n\n各市人民政府:\n  现将第八批56处省级文物保护单位保护范围和建设控制地带予以公布。\n\n辽宁省人民政府\n\n二○一○年三月二十三日\n';
    const h = findHeader(text);
    expect(h.number?.value).toBe('辽政发〔2010〕11号');
    expect(h.date).toMatchObject({ value: '2010-03-23', how: 'signature' });
    expect(h.issuer?.value).toBe('辽宁省人民政府');
  });

  it('reads a number in the title line and a signature (杭政函〔2017〕164号; 苏左政发〔2016〕123号)', () => {
    const hz = findHeader('杭州市人民政府关于公布杭州市市级文物保护单位保护范围及建设控制地带的通知(杭政函〔2017〕164号)\n时间: 2018- 01- 10\n');
    expect(hz.number).toMatchObject({ value: '杭政函〔2017〕164号', how: 'title' });
    expect(hz.issuer).toMatchObject({ value: '杭州市人民政府', how: 'title' });
    expect(hz.date).toBeNull();
    const sz = findHeader('苏左政发〔2016〕123号\n苏尼特左旗人民政府\n关于公布苏尼特左旗境内金长城保护范围\n和建设控制地带的通知\n各苏木镇政府,旗直各单位:\n附件:苏尼特左旗境内金长城的保护范围和建设控制地带\n苏尼特左旗人民政府\n2016年8月23日\n');
    expect(sz.number?.value).toBe('苏左政发〔2016〕123号');
    expect(sz.date).toMatchObject({ value: '2016-08-23', how: 'signature' });
    expect(sz.issuer?.value).toBe('苏尼特左旗人民政府');
  });

  it('finds nothing in a text without a header, and refuses impossible dates', () => {
    expect(findHeader('保护范围:东至围墙,西至道路。\n')).toEqual({ number: null, issuer: null, date: null, title: null });
    expect(parseChineseDate('2023年2月30日')).toBeNull();
    expect(parseChineseDate('二〇二三年十二月三十一日')?.iso).toBe('2023-12-31');
  });
});
