import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ZONE_RULES } from '../../../../src/ui/public-mode/zone-rules';

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('public-mode rules', () => {
  for (const [layer, rule] of Object.entries(ZONE_RULES)) {
    if (!rule.quote || !rule.source) continue;
    it(`${layer}: the quote is verbatim in ${rule.source.file} at the stated lines`, () => {
      const lines = readFileSync(rule.source!.file, 'utf8').split('\n');
      const cited = lines.slice(rule.source!.lines[0] - 1, rule.source!.lines[1]).join('\n');
      expect(squash(cited)).toBe(squash(rule.quote!));
    });
  }
  it('has the two relic rules', () => {
    expect(ZONE_RULES['relic-protection']?.quote).toContain('保护范围内');
    expect(ZONE_RULES['relic-control']?.quote).toContain('历史风貌');
  });
});
