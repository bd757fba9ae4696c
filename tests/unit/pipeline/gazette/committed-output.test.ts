import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecords, renderOutputs } from '../../../../src/pipeline/gazette/index';
import { ROOT, SOURCES, built } from './helpers';

describe('committed records and QA report', () => {
  it('equal a fresh run of the pipeline (run `npx tsx src/cli/build-records.ts` to refresh)', () => {
    const outputs = renderOutputs(built());
    for (const [path, content] of outputs) {
      const file = join(ROOT, 'data', path);
      expect(existsSync(file), `data/${path} missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `data/${path} is stale`).toBe(content);
    }
    const committed = readdirSync(join(ROOT, 'data/records')).filter((n) => n.endsWith('.json'));
    expect(committed.sort()).toEqual([...outputs.keys()].filter((k) => k.startsWith('records/')).map((k) => k.slice(8)).sort());
  });

  it('is deterministic: two runs give byte-identical output', () => {
    const a = buildRecords(SOURCES);
    const b = buildRecords(SOURCES);
    if (!a.ok || !b.ok) throw new Error('build failed');
    expect([...renderOutputs(a)]).toEqual([...renderOutputs(b)]);
  });
});
