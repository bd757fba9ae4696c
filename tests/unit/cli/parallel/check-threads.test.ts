import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/cli/check';
import type { ConflictReport } from '../../../../src/core/conflicts/report';
import { seededLayers } from '../seeded-layers';

const dir = mkdtempSync(join(tmpdir(), 'check-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(argv: string[]): Promise<{ code: number; report: ConflictReport }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p, 'utf8'), writeText: () => undefined };
  const code = await runCheck([...argv, '--format', 'json', '--time', '2026-12-01T00:00:00Z'], io);
  if (err.length > 0) throw new Error(err.join(''));
  return { code, report: JSON.parse(out.join('')) as ConflictReport };
}

/** The report with each rule's touching pairs sorted (threads find them in another order). */
function canonical(r: ConflictReport): ConflictReport {
  return { ...r, rules: r.rules.map((run) => ({ ...run, touching: [...run.touching].sort((a, b) => (a.join() < b.join() ? -1 : 1)) })) };
}

describe('check --threads', () => {
  it('gives the single-threaded report on the built layers', async () => {
    const files = readdirSync('data/layers').filter((f) => f.endsWith('.geojson')).map((f) => join('data/layers', f));
    const one = await report(files);
    const two = await report([...files, '--threads', '2']);
    expect(two.code).toBe(one.code);
    expect(canonical(two.report)).toEqual(canonical(one.report));
  }, 60_000);

  it('gives the single-threaded report on a seeded data set of every rule kind', async () => {
    const files = seededLayers(20_261_203).map((layer) => {
      const path = join(dir, `${layer.name}.geojson`);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: layer.features }));
      return path;
    });
    const one = await report(files);
    const three = await report([...files, '--threads', '3']);
    expect(one.report.findings.length).toBeGreaterThan(50);
    expect(canonical(three.report)).toEqual(canonical(one.report));
  }, 60_000);

  it('reads newline-delimited GeoJSON layers to the same findings', async () => {
    const layers = seededLayers(5);
    const asJson = layers.map((layer) => {
      const path = join(dir, `j-${layer.name}.geojson`);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: layer.features }));
      return path;
    });
    const asLines = layers.map((layer) => {
      const path = join(dir, `j-${layer.name}.ndjson`);
      writeFileSync(path, layer.features.map((f, i) => `${i % 2 === 0 ? '\u001e' : ''}${JSON.stringify(f)}\n`).join('') + '\n');
      return path;
    });
    const a = await report(asJson);
    const b = await report([...asLines, '--threads', '2']);
    expect(a.report.findings.length).toBeGreaterThan(10);
    expect(b.report.findings.map((f) => [f.ruleId, f.a.id, f.bIds, f.verdict, f.overlapAreaM2])).toEqual(
      a.report.findings.map((f) => [f.ruleId, f.a.id, f.bIds, f.verdict, f.overlapAreaM2]),
    );
    writeFileSync(join(dir, 'bad.ndjson'), '{"type":"Feature"\n');
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p, 'utf8'), writeText: () => undefined };
    expect(await runCheck([join(dir, 'bad.ndjson')], io)).toBe(2);
    expect(err.join('')).toMatch(/line 1/);
  }, 60_000);

  it('refuses a bad thread count', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), readText: () => '', writeText: () => undefined };
    expect(await runCheck(['x.geojson', '--threads', '0'], io)).toBe(2);
    expect(err.join('')).toContain('--threads');
  });
});
