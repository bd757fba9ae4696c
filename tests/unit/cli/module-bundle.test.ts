import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleBundle } from '../../../src/cli/module-bundle.js';
import { runCheck } from '../../../src/cli/check';

const dir = mkdtempSync(join(tmpdir(), 'module-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('moduleBundle', () => {
  it('builds once, reuses the bundle while its sources stay, and builds again when one changes', async () => {
    const entry = join(dir, 'entry.ts');
    const dep = join(dir, 'dep.ts');
    writeFileSync(dep, 'export const answer: number = 41;\n');
    writeFileSync(entry, "import { answer } from './dep';\nexport const value: number = answer + 1;\n");
    const cache = join(dir, 'cache');
    const first = await moduleBundle(entry, cache);
    expect(first.built).toBe(true);
    expect(((await import(`${pathToFileURL(first.path).href}?a`)) as { value: number }).value).toBe(42);
    const again = await moduleBundle(entry, cache);
    expect(again).toEqual({ path: first.path, built: false });
    writeFileSync(dep, 'export const answer: number = 1;\n');
    utimesSync(dep, new Date(), new Date(Date.now() + 5_000));
    const changed = await moduleBundle(entry, cache);
    expect(changed.built).toBe(true);
    expect(((await import(`${pathToFileURL(changed.path).href}?b`)) as { value: number }).value).toBe(2);
  }, 30_000);

  it("keeps each module's own import.meta.url inside the bundle", async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(dir, 'where-entry.ts'), "import { depUrl } from './sub/where-dep';\nexport const urls: string[] = [import.meta.url, depUrl];\n");
    writeFileSync(join(sub, 'where-dep.ts'), 'export const depUrl: string = new URL(import.meta.url).href;\n');
    const bundle = await moduleBundle(join(dir, 'where-entry.ts'), join(dir, 'cache'));
    const { urls } = (await import(pathToFileURL(bundle.path).href)) as { urls: string[] };
    expect(urls).toEqual([pathToFileURL(join(dir, 'where-entry.ts')).href, pathToFileURL(join(sub, 'where-dep.ts')).href]);
  }, 30_000);
});

describe('src/cli/run.js', () => {
  it('runs the check command from its bundle with the output and exit code of the module run in place', async () => {
    const args = ['tests/fixtures/conflicts/overlap/partial-squares.geojson', '--format', 'csv', '--time', '2026-01-01T00:00:00Z'];
    const out: string[] = [];
    const code = await runCheck(args, { stdout: (t) => out.push(t), stderr: (t) => out.push(`stderr: ${t}`), readText: (p) => readFileSync(p, 'utf8'), writeText: () => undefined });
    // A temporary directory of its own, so that the bundle is built by this run.
    const env = { ...process.env, TMPDIR: join(dir, 'tmp') };
    mkdirSync(env.TMPDIR, { recursive: true });
    for (const round of ['built', 'cached']) {
      const r = spawnSync(process.execPath, ['src/cli/run.js', 'check', ...args], { encoding: 'utf8', env, timeout: 60_000 });
      expect({ round, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ round, status: code, stdout: out.join(''), stderr: '' });
    }
    expect(readdirSync(join(env.TMPDIR, 'gazette-gis-bundles')).filter((f) => f.endsWith('.mjs'))).toHaveLength(1);
  }, 60_000);

  it('refuses a command that is not a file name', () => {
    const r = spawnSync(process.execPath, ['src/cli/run.js', '../check'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });
});
