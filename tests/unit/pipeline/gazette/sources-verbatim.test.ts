import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSourceFile } from '../../../../src/pipeline/gazette/segment';
import { ROOT, SOURCES } from './helpers';

const SEEDS = join(ROOT, '../shared/seeds');
const files = readdirSync(SOURCES).filter((n) => n.endsWith('.txt')).sort();

describe('data/sources', () => {
  it('has a passage for every kind the issue names', () => {
    const kinds = new Set(files.map((f) => {
      const r = parseSourceFile(readFileSync(join(SOURCES, f), 'utf8'));
      if (!r.ok) throw new Error(r.message);
      expect(r.passage.header.id).toBe(f.replace(/\.txt$/, ''));
      return r.passage.header.kind;
    }));
    expect([...kinds].sort()).toEqual(['chemical-park', 'land-acquisition', 'meteo-plan', 'park-requirements', 'red-culture', 'relic-zones']);
  });

  describe.skipIf(!existsSync(SEEDS))('verbatim against the seeds (skipped: ../shared/seeds is not present)', () => {
    for (const f of files) {
      it(`${f} equals its seed lines byte for byte`, () => {
        const r = parseSourceFile(readFileSync(join(SOURCES, f), 'utf8'));
        if (!r.ok) throw new Error(r.message);
        const { seed, lines } = r.passage.header;
        const seedLines = readFileSync(join(SEEDS, seed), 'utf8').split('\n');
        const expected = `${seedLines.slice(lines[0] - 1, lines[1]).join('\n')}\n`;
        expect(r.passage.body).toBe(expected);
      });
    }
  });
});
