import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { threadBundle } from '../../../../src/cli/parallel/thread-bundle';

const dir = mkdtempSync(join(tmpdir(), 'thread-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('threadBundle', () => {
  it('builds once, reuses the bundle while its sources stay, and builds again when one changes', async () => {
    const entry = join(dir, 'entry.ts');
    const dep = join(dir, 'dep.ts');
    writeFileSync(dep, 'export const answer: number = 41;\n');
    writeFileSync(entry, "import { answer } from './dep';\nexport const value: number = answer + 1;\n");
    const cache = join(dir, 'cache');
    const first = await threadBundle(entry, cache);
    expect(first.built).toBe(true);
    expect(((await import(`${pathToFileURL(first.path).href}?a`)) as { value: number }).value).toBe(42);
    const again = await threadBundle(entry, cache);
    expect(again).toEqual({ path: first.path, built: false });
    writeFileSync(dep, 'export const answer: number = 1;\n');
    utimesSync(dep, new Date(), new Date(Date.now() + 5_000));
    const changed = await threadBundle(entry, cache);
    expect(changed.built).toBe(true);
    expect(((await import(`${pathToFileURL(changed.path).href}?b`)) as { value: number }).value).toBe(2);
  }, 30_000);
});
