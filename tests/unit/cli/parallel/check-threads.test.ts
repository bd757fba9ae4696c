import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/cli/check';
import type { ConflictReport } from '../../../../src/core/conflicts/report';
import { seededLayers } from '../seeded-layers';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { writeParcels, writeZones } from '../../../bench/province/generate';
import { checkInThreads } from '../../../../src/cli/parallel/check-threads';
import { countLineValues, forEachLineValue, lineRanges, loadLayerFiles } from '../../../../src/cli/parallel/layer-files';
import { nodeHasher } from '../../../../src/cli/parallel/node-hasher';

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

/** The single-threaded report of `files`, as `check` computes it. */
function single(files: Array<{ path: string; category?: string }>, rules: RuleSet = ruleSet): { ok: true; report: ConflictReport } | { ok: false; message: string } {
  const loaded = loadLayerFiles(files);
  if (!loaded.ok) return loaded;
  const result = checkConflicts(loaded.layers, rules, { overlapGeometry: true, now: () => new Date(TIME), hasher: nodeHasher });
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function threaded(files: Array<{ path: string; category?: string }>, threads: number, splitBytes: number, rules: RuleSet = ruleSet): Promise<{ ok: true; report: ConflictReport } | { ok: false; message: string }> {
  const result = await checkInThreads({ files, ruleSet: rules, options: { overlapGeometry: true, time: TIME }, splitBytes }, threads);
  if (!result.ok) return { ok: false, message: result.message };
  expect(result.csv).toBeNull();
  return { ok: true, report: result.report };
}

const TIME = '2026-12-01T00:00:00.000Z';
const rulesParsed = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!rulesParsed.ok) throw new Error(rulesParsed.message);
const ruleSet = rulesParsed.value;

function ndjson(name: string, features: readonly unknown[], extra: (i: number) => string = () => ''): string {
  const path = join(dir, name);
  writeFileSync(path, features.map((f, i) => `${extra(i)}${JSON.stringify(f)}\n`).join(''));
  return path;
}

describe('check --threads', () => {
  it('gives the single-threaded report on the built layers', async () => {
    const files = readdirSync('data/layers').filter((f) => f.endsWith('.geojson')).map((f) => join('data/layers', f));
    const one = await report(files);
    const two = await report([...files, '--threads', '2']);
    expect(two.code).toBe(one.code);
    expect(two.report).toEqual(one.report);
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
    expect(three.report).toEqual(one.report);
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

  it('splits large newline-delimited layers into byte ranges and gives the single-threaded report, touching pairs in order', async () => {
    const layers = seededLayers(20_261_204);
    const files = layers.map((layer) => ({ path: ndjson(`s-${layer.name}.ndjson`, layer.features, (k) => (k % 7 === 3 ? '\n' : k % 5 === 1 ? '\u001e' : '')) }));
    const one = single(files);
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    expect(one.report.findings.length).toBeGreaterThan(100);
    for (const threads of [2, 3]) {
      const many = await threaded(files, threads, 1);
      expect(many).toEqual(one);
    }
  }, 120_000);

  it('gives touching pairs in the single-threaded order on a tiling whose parcels share edges', async () => {
    const parcels = join(dir, 'tiling.ndjson');
    const zones = join(dir, 'tiling-zones.ndjson');
    writeParcels(parcels, 900, 3);
    writeZones(zones, 40, 3_600, 4);
    const rule = (id: string, a: string, b: string): RuleSet['rules'][number] => ({
      id, version: 1, title: id, enabled: true, a: { categories: [a] }, b: { categories: [b] }, relation: 'overlap',
      params: { areaToleranceM2: { value: 1, kind: 'configurable-default' } }, severity: '提示',
      basis: [{ document: 'test', text: 'synthetic', textKind: 'summary' }],
    });
    const tiling = parseRuleSet({ id: 'tiling', version: '1.0.0', updated: '2026-12-02', rules: [rule('parcel-x-parcel', 'bench-parcel', 'bench-parcel'), rule('zone-x-parcel', 'bench-zone', 'bench-parcel')] });
    if (!tiling.ok) throw new Error(tiling.message);
    const files = [{ path: zones }, { path: parcels }];
    const one = single(files, tiling.value);
    if (!one.ok) throw new Error(one.message);
    expect(one.report.rules[0]?.touching.length).toBeGreaterThan(1_500);
    expect(one.report.findings.length).toBeGreaterThan(50);
    expect(await threaded(files, 2, 1, tiling.value)).toEqual(one);
    expect(await threaded(files, 3, 1, tiling.value)).toEqual(one);
  }, 120_000);

  it('numbers, defaults, deduplicates and hashes features across ranges as one run does', async () => {
    const [first, second] = seededLayers(7);
    if (first === undefined || second === undefined) throw new Error('seeded layers');
    // An imported layer: ids and precision filled in by position; copies of earlier ids; bad properties; a withdrawn feature.
    const bare = second.features.map((f, i) => {
      const props: Record<string, unknown> = { ...(f.properties ?? {}) };
      if (i % 3 === 0) delete props['id'];
      delete props['layer'];
      delete props['category'];
      delete props['precisionM'];
      if (i % 11 === 5) props['id'] = String((first.features[0]?.properties ?? {})['id']);
      if (i % 13 === 6) props['id'] = 'twice';
      if (i === 9) props['status'] = 'withdrawn';
      if (i === 10) props['precisionM'] = -1;
      return { ...f, properties: props };
    });
    const files = [
      { path: ndjson('d-first.ndjson', first.features) },
      { category: 'ecological-red-line', path: ndjson('d-imported.ndjson', bare) },
    ];
    const one = single(files);
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    expect(one.report.rejected.filter((r) => r.reason === 'duplicate-id').length).toBeGreaterThan(2);
    expect(one.report.rejected.some((r) => r.reason === 'bad-properties')).toBe(true);
    expect(one.report.layers[1]?.inactiveCount).toBe(1);
    expect(await threaded(files, 3, 1)).toEqual(one);
  }, 120_000);

  it('reports the first unreadable line or feature of a split file with its number in the whole file', async () => {
    const [layer] = seededLayers(9);
    if (layer === undefined) throw new Error('seeded layers');
    const lines = layer.features.map((f) => JSON.stringify(f));
    const badJson = join(dir, 'bad-late.ndjson');
    writeFileSync(badJson, [...lines.slice(0, 40), '', '{"type":"Feature",', ...lines.slice(40)].join('\n'));
    const badFeature = join(dir, 'bad-feature.ndjson');
    writeFileSync(badFeature, [...lines.slice(0, 30), '{"type":"Feature","properties":{}}', ...lines.slice(30)].join('\n'));
    for (const path of [badJson, badFeature]) {
      const one = single([{ path }]);
      const many = await threaded([{ path }], 3, 1);
      expect(one.ok).toBe(false);
      expect(many).toEqual(one);
    }
  }, 120_000);

  it('writes the CSV report of a single run from 1, 2 and 3 threads, in both languages', async () => {
    const layers = seededLayers(20_261_205);
    const files = layers.map((layer, k) => ndjson(`c-${layer.name}.ndjson`, layer.features, (i) => (i % 9 === 4 && k === 0 ? '\n' : '')));
    const csv = async (argv: string[]): Promise<{ code: number; text: string }> => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p, 'utf8'), writeText: () => undefined };
      const code = await runCheck([...files, ...argv, '--format', 'csv', '--time', '2026-12-01T00:00:00Z'], io);
      if (err.length > 0) throw new Error(err.join(''));
      return { code, text: out.join('') };
    };
    for (const lang of ['zh-CN', 'en']) {
      const one = await csv(['--lang', lang]);
      expect(one.text.split('\r\n').length).toBeGreaterThan(100);
      for (const threads of ['1', '2', '3']) expect(await csv(['--lang', lang, '--threads', threads])).toEqual(one);
    }
  }, 120_000);

  it('counts the lines and features of a range as the reader parses them', () => {
    const path = join(dir, 'odd-lines.ndjson');
    const feature = JSON.stringify({ type: 'Feature', properties: { id: '甲' }, geometry: null });
    const texts = [
      `${feature}\n\n\u001e${feature}\r\n   \n\u001e\n${feature}`,
      `\u00a0\u3000\n${feature}\n\ufeff\n \u2028 \n${feature}\n`,
      '',
      '\n\n',
      `\u001e \u00a0${feature}\n`,
    ];
    for (const text of texts) {
      writeFileSync(path, text);
      const size = Buffer.byteLength(text);
      for (const [start, end] of [[0, size], ...lineRanges(path, 3).map((r) => [r.start, r.end] as const)]) {
        let values = 0;
        const lines = forEachLineValue(path, () => values++, start, end);
        expect(countLineValues(path, start, end)).toEqual({ lines, values });
      }
    }
  });

  it('refuses a bad thread count', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), readText: () => '', writeText: () => undefined };
    expect(await runCheck(['x.geojson', '--threads', '0'], io)).toBe(2);
    expect(err.join('')).toContain('--threads');
  });
});
