import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { buildSearchIndex, docNumberKey, searchIndex } from '../../../../src/ui/search/search-index';

describe('document numbers in search', () => {
  it('reduces every spelling of one number to one key', () => {
    for (const s of ['临政函〔2023〕13号', '临政函[2023]13号', '临政函2023 13', '临政函 2023 13号', '临政函（2023）第13号', '临政函［2023］13 号']) {
      expect(docNumberKey(s), s).toBe('临政函|2023|13');
    }
    expect(docNumberKey('临政函〔2023〕1号')).not.toBe(docNumberKey('临政函〔2023〕13号'));
    expect(docNumberKey('大觉寺')).toBe('');
  });

  it('finds the park notice of the built layers by "临政函2023 13" and "临政函 2023 13号"', () => {
    const layer = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
    const index = buildSearchIndex(layer.features);
    const withDoc = index.find((e) => docNumberKey(e.docNumber) !== '');
    expect(withDoc).toBeDefined();
    const [issuer, year, n] = docNumberKey(withDoc?.docNumber ?? '').split('|');
    for (const q of [`${issuer}${year} ${n}`, `${issuer} ${year} ${n}号`]) {
      expect(searchIndex(index, q).map((e) => e.id), q).toContain(withDoc?.id);
    }
  });
});
