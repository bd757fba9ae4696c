import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, normaliseLines, normaliseText } from '../../../../src/pipeline/gazette/normalise';
import { AREA_FACTORS, parseChineseNumeral, parseNumber, toMetres, toSquareMetres } from '../../../../src/pipeline/gazette/numbers';
import { findAreas } from '../../../../src/pipeline/gazette/parse-area';

describe('normalise', () => {
  it('folds full-width forms and keeps Chinese-only punctuation', () => {
    expect(foldWidth('面积１２３４．５６平方米，北至（村）：道路；')).toBe('面积1234.56平方米,北至(村):道路;');
    expect(foldWidth('〔2023〕、。“”')).toBe('〔2023〕、。“”');
  });
  it('joins lines broken by layout and repairs split numbers', () => {
    const n = normaliseLines([
      { number: 10, text: '园区位于县城以北,规划面积 5. 51 平方公' },
      { number: 11, text: '' },
      { number: 12, text: '里,总面积 1275. 33' },
      { number: 13, text: ' ' },
      { number: 14, text: '公顷,面积 434' },
      { number: 15, text: '39.07 平方米。' },
    ]);
    expect(n.text).toBe('园区位于县城以北,规划面积5.51平方公里,总面积1275.33公顷,面积43439.07平方米。');
    expect(n.lineOf[n.text.indexOf('1275')]).toBe(12);
    expect(n.lineOf[n.text.indexOf('39.07')]).toBe(15);
  });
  it('breaks paragraphs at labels, item markers, document numbers and dates', () => {
    const n = normaliseText(['关于公布保护范围的', '通知', '晋政函〔2024〕3 号', '某某寺', '时 代：清', '地址：某县', '某村', '一、总则', '某市人民政府', '2024 年 1 月 2 日'].join('\n'));
    expect(n.text.split('\n')).toEqual(['关于公布保护范围的通知', '晋政函〔2024〕3号', '某某寺', '时代:清', '地址:某县某村', '一、总则', '某市人民政府', '2024年1月2日']);
  });
  it('keeps a space only between ASCII letters or digits', () => {
    expect(normaliseText('GNSS / MET 站 X 波段 A B').text).toBe('GNSS/MET站X波段A B');
  });
  it('property: width folding is idempotent and never changes CJK text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => foldWidth(foldWidth(s)) === foldWidth(s)));
    fc.assert(fc.property(fc.stringMatching(/^[\u4e00-\u9fa5]{0,20}$/), (s) => foldWidth(s) === s));
  }, 20_000);
  it('property: any number split by spaces or a line break after its decimal point reads back whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(' ', '  ', '\n\n', ' \n \n'), (int, frac, gap) => {
        const f = String(frac).padStart(2, '0');
        const n = normaliseText(`面积 ${int}.${gap}${f} 公顷。`);
        const areas = findAreas(n.text, 0);
        expect(areas).toHaveLength(1);
        expect(areas[0]?.value).toBe(Number(`${int}.${f}`));
      }),
    );
  });
  it('property: full-width digits read as the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (v) => {
        const wide = String(v).replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
        expect(parseNumber(foldWidth(wide))).toBe(v);
      }),
    );
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      const n = normaliseText(s);
      expect(n.lineOf).toHaveLength(n.text.length);
    }));
  });
});

/** Chinese numeral writing of an integer 0..99_999_999 (reference implementation for the property). */
function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const section = (v: number): string => {
    let out = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(v / 10 ** i) % 10;
      if (d === 0) {
        if (out.length > 0) zero = true;
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += `${digits[d]}${units[i]}`;
    }
    return out;
  };
  if (n === 0) return '零';
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  let s = high > 0 ? `${section(high)}万` : '';
  if (low > 0) s += (high > 0 && low < 1000 ? '零' : '') + section(low);
  return s.replace(/^一十/, '十');
}

describe('numbers and units', () => {
  it('reads Chinese numerals', () => {
    expect(parseChineseNumeral('二十')).toBe(20);
    expect(parseChineseNumeral('十五')).toBe(15);
    expect(parseChineseNumeral('两')).toBe(2);
    expect(parseChineseNumeral('一千五百')).toBe(1500);
    expect(parseChineseNumeral('三百零五')).toBe(305);
    expect(parseChineseNumeral('一万二千')).toBe(12000);
    expect(parseChineseNumeral('一五〇〇')).toBe(1500);
    expect(parseChineseNumeral('百百')).toBeNull();
    expect(parseChineseNumeral('abc')).toBeNull();
  });
  it('property: Chinese numerals round-trip for 0..99,999,999', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => parseChineseNumeral(toChinese(n)) === n));
  });
  it('property: thousands separators do not change the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 0, max: 99 }), (n, d) => {
        const grouped = n.toLocaleString('en-US');
        expect(parseNumber(`${grouped}.${String(d).padStart(2, '0')}`)).toBe(Number(`${n}.${String(d).padStart(2, '0')}`));
      }),
    );
  });
  it('property: area units convert consistently (1 平方公里 = 100 公顷 = 1500 亩; 1 万亩 = 10000 亩)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), (v) => {
        const km2 = toSquareMetres(v, '平方公里') ?? NaN;
        expect(toSquareMetres(v * 100, '公顷')).toBeCloseTo(km2, 1);
        expect(toSquareMetres(v * 1500, '亩')).toBeCloseTo(km2, 0);
        expect(toSquareMetres(v, '万亩')).toBeCloseTo((toSquareMetres(v * 10_000, '亩') ?? NaN), 0);
        expect(toSquareMetres(v, 'km²')).toBe(km2);
      }),
    );
    expect(AREA_FACTORS['亩'] * 15).toBeCloseTo(10_000, 9);
    expect(toSquareMetres(1, '英亩')).toBeNull();
  });
  it('property: lengths in 千米/公里/km are 1000 米', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), (v) => toMetres(v, '公里') === toMetres(v, '千米') && Math.abs((toMetres(v, 'km') ?? NaN) - v * 1000) < 1e-6));
    expect(toMetres(1, '里')).toBeNull();
  });
  it('finds areas in every unit with their qualifier', () => {
    const a = findAreas('规划面积5.51平方公里,总面积约92.1536公顷,占地300亩,面积1.2万亩,面积43,439.07m²,面积3.6万平方米', 100);
    expect(a.map((x) => [x.qualifier, x.value, x.unit, x.m2])).toEqual([
      ['规划面积', 5.51, '平方公里', 5_510_000],
      ['总面积', 92.1536, '公顷', 921_536],
      [null, 300, '亩', 200_000],
      [null, 1.2, '万亩', 8_000_000],
      [null, 43439.07, '平方米', 43439.07],
      [null, 3.6, '万平方米', 36_000],
    ]);
    expect(a[0]?.span[0]).toBe(100);
  });
});
