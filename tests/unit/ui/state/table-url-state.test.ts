import { describe, expect, it } from 'vitest';
import { parseUrlState, writeUrlState } from '../../../../src/ui/state/url-state';

describe('URL state of the attribute table', () => {
  it('round-trips the table layer, the sort (either direction) and the wide view next to the selection', () => {
    const base = parseUrlState(new URL('http://h/'));
    for (const sort of [{ key: 'areaMu', asc: false }, { key: 'attr:地块名称', asc: true }]) {
      const s = { ...base, selected: 'imported:abc:xyz-3', panel: 'table' as const, table: { layer: 'imported:project-boundary:abcd', sort, wide: true } };
      const url = writeUrlState(new URL('http://h/?keep=1'), s);
      expect(url.searchParams.get('keep')).toBe('1');
      expect(parseUrlState(url)).toEqual(s);
    }
    const desc = writeUrlState(new URL('http://h/'), { ...base, table: { layer: 'relic-protection', sort: { key: 'precisionM', asc: false }, wide: false } });
    expect(desc.search).toBe('?tl=relic-protection&ts=-precisionM');
  });

  it('ignores empty or malformed table parameters', () => {
    expect(parseUrlState(new URL('http://h/?tl=&ts=-&tw=yes')).table).toEqual({ layer: null, sort: null, wide: false });
    expect(parseUrlState(new URL('http://h/?ts=a%20b')).table.sort).toBeNull();
  });
});
