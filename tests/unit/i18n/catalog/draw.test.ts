import { describe, expect, it } from 'vitest';
import { DRAW_MESSAGES } from '../../../../src/i18n/catalog/draw';
import { t } from '../../../../src/i18n/localize';

const CJK = /[\u4e00-\u9fff]/;
/** Latin words allowed in the Chinese text: the basemap file format. */
const ALLOWED_LATIN = new Set(['PMTiles']);

describe('drawing message catalog', () => {
  it('keeps English out of Chinese messages and Chinese out of English ones; placeholders match', () => {
    for (const [key, m] of Object.entries(DRAW_MESSAGES)) {
      const latin = (m['zh-CN'].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
      expect(latin, key).toEqual([]);
      expect(CJK.test(m.en), key).toBe(false);
      const vars = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();
      expect(vars(m.en), key).toEqual(vars(m['zh-CN']));
    }
  });

  it('is reachable through t() with the draw. prefix', () => {
    expect(t('draw.start', 'zh-CN')).toBe('沿四至绘制');
    expect(t('draw.saved', 'en', { method: 'm', n: 5, date: '2026-12-02' })).toContain('±5 m');
  });
});
