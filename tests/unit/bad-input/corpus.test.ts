import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInflateRaw } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptPreview, applyFixes, availableFixes, importFile, type FixId, type ImportIssue, type ImportPreview } from '../../../src/core/io/index';
import { openDem } from '../../../src/core/radar/dem-reader';
import { buildRecordsFromTexts } from '../../../src/pipeline/gazette/index';
import { buildCorpus, generateLarge, LARGE_CASES, ZIP_BOMB_BYTES, type ExpectedOutcome } from '../../fixtures/bad/make-corpus';

/**
 * The bad-input corpus run (issue 10): every file of tests/fixtures/bad (and the large cases made
 * in memory) goes through its entry point inside a wrapper that records any exception. The
 * outcome must match expected.json exactly (reason codes; the sets of problem and warning codes),
 * every message must be bilingual and name the file, nothing may throw, and importing bad files
 * must not change a preview or layer accepted before.
 */

const root = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Record<string, ExpectedOutcome>;
const domParser = new DOMParser({ onError: () => {} });

const CJK = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]{3,}/;

/** What one run produced, normalised across the three entry points. */
interface Outcome {
  readonly ok: boolean;
  readonly reason?: string;
  readonly message?: string;
  readonly preview?: ImportPreview;
  readonly flags?: readonly string[];
}

const thrown: { path: string; error: string }[] = [];
const checked: string[] = [];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

async function runEntry(e: ExpectedOutcome, bytes: Uint8Array, name: string): Promise<Outcome> {
  switch (e.entry) {
    case 'import': {
      const r = importFile(bytes, name, { domParser });
      return r.ok ? { ok: true, preview: r } : { ok: false, reason: r.reason, message: r.message };
    }
    case 'dem': {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const opened = await openDem(buffer, name);
      if (!opened.ok) return { ok: false, reason: opened.reason, message: opened.message };
      const read = await opened.dem.readRegion(opened.dem.lonLatBounds(), { maxPixels: 4096 });
      if (!read.ok) return { ok: false, reason: read.reason, message: read.message };
      return { ok: true };
    }
    case 'gazette': {
      const r = buildRecordsFromTexts([{ name, content: new TextDecoder('utf-8').decode(bytes) }]);
      if (!r.ok) return { ok: false, reason: r.reason, message: r.message };
      const flags = r.files.flatMap((f) => [...f.flags, ...f.records.flatMap((rec) => rec.flags)]).map((f) => f.code);
      return { ok: true, flags };
    }
  }
}

/** Runs a case, turning any exception into a recorded failure of the corpus run. */
async function guarded(path: string, e: ExpectedOutcome, bytes: Uint8Array, name: string): Promise<Outcome | null> {
  try {
    return await runEntry(e, bytes, name);
  } catch (error) {
    thrown.push({ path, error: error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error) });
    return null;
  }
}

const codes = (issues: readonly ImportIssue[]): string[] => [...new Set(issues.map((i) => i.code))].sort();

function checkIssues(issues: readonly ImportIssue[], name: string): void {
  for (const i of issues) {
    expect(i.message.zh, `${i.code} zh`).toMatch(CJK);
    expect(i.message.en, `${i.code} en`).toMatch(LATIN);
    expect(i.location.file?.startsWith(name), `${i.code} names the file`).toBe(true);
  }
}

/** Applies every offered fix (one datum conversion at most) and checks the input is left alone. */
function checkFixes(preview: ImportPreview): void {
  const before = structuredClone(preview);
  let fixes: FixId[] = availableFixes(preview);
  if (fixes.includes('convert-bd09')) fixes = fixes.filter((f) => f !== 'convert-gcj02');
  if (fixes.length === 0) return;
  const fixed = applyFixes(preview, fixes);
  expect(preview).toEqual(before);
  for (const i of [...fixed.problems, ...fixed.warnings]) {
    expect(i.fix !== undefined && fixes.includes(i.fix), `${i.code} remains after its fix ${i.fix ?? ''} was applied`).toBe(false);
  }
}

function checkOutcome(path: string, e: ExpectedOutcome, got: Outcome, name: string): void {
  if (!e.ok) {
    expect(got.ok ? `ok (expected ${e.reason ?? ''})` : got.reason, path).toBe(e.reason);
    const message = got.message ?? '';
    expect(message, `${path}: Chinese text`).toMatch(CJK);
    expect(message, `${path}: English text`).toMatch(LATIN);
    expect(message, `${path}: names the file`).toContain(name);
    return;
  }
  expect(got.ok, `${path}: ${got.reason ?? ''} ${got.message ?? ''}`).toBe(true);
  if (e.entry === 'import') {
    const p = got.preview;
    if (p === undefined) throw new Error('no preview');
    expect({ problems: codes(p.problems), warnings: codes(p.warnings) }, path).toEqual({
      problems: [...(e.problems ?? [])].sort(),
      warnings: [...(e.warnings ?? [])].sort(),
    });
    checkIssues([...p.problems, ...p.warnings], name);
    checkFixes(p);
  }
  if (e.entry === 'gazette') {
    for (const f of e.flags ?? []) expect(got.flags ?? [], `${path}: flag ${f}`).toContain(f);
  }
}

// A layer accepted before the corpus run: it must come out unchanged.
const goodBytes = new TextEncoder().encode(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: '已导入地块' }, geometry: { type: 'Polygon', coordinates: [[[112.5, 37.8], [112.51, 37.8], [112.51, 37.81], [112.5, 37.81], [112.5, 37.8]]] } }],
  }),
);
const accepted = importFile(goodBytes, 'accepted.geojson');
if (!accepted.ok) throw new Error(accepted.message);
const layer = acceptPreview(accepted, { idPrefix: 'imp' });
if (!layer.ok) throw new Error(layer.message);
const acceptedBefore = structuredClone(accepted);
const layerBefore = structuredClone(layer.features);

describe('bad-input corpus', () => {
  const cases = Object.entries(expected);

  it('the files on disk are exactly what make-corpus.ts generates', () => {
    const built = buildCorpus();
    expect(built.map((c) => c.path).sort()).toEqual(Object.keys(expected).sort());
    const onDisk = listFiles(root)
      .map((p) => relative(root, p))
      .filter((p) => !['expected.json', 'make-corpus.ts', 'README.md'].includes(p))
      .sort();
    expect(onDisk).toEqual(Object.keys(expected).sort());
    for (const c of built) {
      expect(Buffer.from(readFileSync(join(root, c.path))).equals(Buffer.from(c.bytes)), c.path).toBe(true);
      expect(expected[c.path]).toEqual(JSON.parse(JSON.stringify(c.expected)));
    }
    const total = onDisk.reduce((n, p) => n + statSync(join(root, p)).size, 0);
    expect(total).toBeLessThan(2_000_000);
    expect(new Set(cases.map(([, e]) => e.generated).filter((g) => g !== undefined))).toEqual(new Set(LARGE_CASES));
  });

  it.each(cases)('%s', async (path, e) => {
    const bytes = e.generated !== undefined ? generateLarge(e.generated) : new Uint8Array(readFileSync(join(root, path)));
    const name = e.name ?? path.split('/').pop() ?? path;
    const got = await guarded(path, e, bytes, name);
    checked.push(path);
    expect(got, `${path} threw: ${thrown.find((t) => t.path === path)?.error ?? ''}`).not.toBeNull();
    if (got !== null) checkOutcome(path, e, got, name);
  }, 120_000);

  it('the zip bombs really expand beyond 1 GiB (streamed, nothing kept)', async () => {
    const zip = generateLarge('zip-bomb-kmz');
    expect(zip.length).toBeLessThan(10_000_000);
    // Local header of the only entry: 30 bytes + name, then the raw deflate data.
    const nameLength = (zip[26] ?? 0) | ((zip[27] ?? 0) << 8);
    const compressed = (zip[18] ?? 0) | ((zip[19] ?? 0) << 8) | ((zip[20] ?? 0) << 16) | ((zip[21] ?? 0) * 2 ** 24);
    const data = zip.subarray(30 + nameLength, 30 + nameLength + compressed);
    const total = await new Promise<number>((resolve, reject) => {
      let n = 0;
      const inflate = createInflateRaw();
      inflate.on('data', (chunk: Buffer) => {
        n += chunk.length;
      });
      inflate.on('end', () => resolve(n));
      inflate.on('error', reject);
      inflate.end(data);
    });
    expect(total).toBe(ZIP_BOMB_BYTES);
    expect(total).toBeGreaterThan(2 ** 30);
  }, 120_000);

  it('hostile KML is not expanded or resolved', () => {
    const laughs = importFile(new Uint8Array(readFileSync(join(root, 'kml/billion-laughs.kml'))), 'billion-laughs.kml', { domParser });
    const xxe = importFile(new Uint8Array(readFileSync(join(root, 'kml/xxe-external-entity.kml'))), 'xxe-external-entity.kml', { domParser });
    if (!laughs.ok || !xxe.ok) throw new Error('expected previews');
    expect(JSON.stringify(laughs.features[0]?.properties ?? {}).length).toBeLessThan(200);
    expect(JSON.stringify(xxe.features[0]?.properties ?? {})).not.toContain('root:');
  });

  afterAll(() => {
    console.log(`bad-input corpus: ${checked.length} inputs run (${cases.filter(([, e]) => e.generated !== undefined).length} generated in memory), ${thrown.length} uncaught exceptions`);
  });

  it('summary: at least 150 files, zero uncaught exceptions, accepted data untouched', () => {
    expect(checked.length).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(thrown).toEqual([]);
    expect(accepted).toEqual(acceptedBefore);
    expect(layer.features).toEqual(layerBefore);
  });
});
