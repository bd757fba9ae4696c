import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCoordinateTable } from '../../../src/core/io/coordinate-table';
import { decodeText, importFile, importText, IMPORT_REASONS } from '../../../src/core/io/index';
import { buildRecordsFromTexts, BUILD_FAILURES } from '../../../src/pipeline/gazette/index';

/**
 * Property tests (seeded, so every run is the same): the coordinate-table parser, `importFile`
 * with every extension and the gazette pipeline never throw on arbitrary input, and whatever
 * they return is a well-formed outcome (a known reason code with a bilingual message, or a
 * preview / build).
 */

const SEED = 20_240_610;
const domParser = new DOMParser({ onError: () => {} });
const REASONS = new Set<string>(Object.values(IMPORT_REASONS));
const CJK = /[\u4e00-\u9fff]/;

/** Text that looks like a coordinate table more often than uniform noise does. */
const tableLike = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('点号,X,Y', '界址点坐标表 3度带 第37带', '经度,纬度', '面积 1.5 公顷', '*', '[地块2]', '第2圈', '@', 'J1,4185000.123,37631900.456'),
      fc.tuple(fc.double(), fc.double()).map(([a, b]) => `J${Math.abs(Math.round(a)) % 50},${a},${b}`),
      fc.tuple(fc.integer({ min: 3_000_000, max: 5_000_000 }), fc.integer({ min: 37_300_000, max: 37_800_000 })).map(([x, y]) => `${x}.123\t${y}.456`),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

describe('never throws', () => {
  it('parseCoordinateTable on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 2000 }), tableLike), (text) => {
        const r = parseCoordinateTable(text);
        if (!r.ok) expect(r.reason).toBe('table-no-points');
        else for (const p of r.parcels) for (const ring of p.rings) for (const pt of ring) expect(typeof pt.a).toBe('number');
      }),
      { seed: SEED, numRuns: 600 },
    );
  }, 60_000);

  it('parseCoordinateTable on arbitrary bytes decoded as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = parseCoordinateTable(decodeText(bytes).text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: SEED + 1, numRuns: 400 },
    );
  });

  const extensions = ['geojson', 'json', 'kml', 'kmz', 'zip', 'shp', 'csv', 'txt', 'dat', 'dbf', 'tif', 'xlsx', ''];
  const base = new Uint8Array(readFileSync(new URL('../../fixtures/bad/geojson/utf8-bom.geojson', import.meta.url)));
  const kmz = new Uint8Array(readFileSync(new URL('../../fixtures/bad/kmz/kml-in-subfolder.kmz', import.meta.url)));
  const shpZip = new Uint8Array(readFileSync(new URL('../../fixtures/bad/shapefile/missing-prj.zip', import.meta.url)));
  /** Arbitrary bytes, and valid files with random bytes overwritten (closer to real damage). */
  const damaged = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc.tuple(fc.constantFrom(base, kmz, shpZip), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), fc.nat()).map(([file, edits, cut]) => {
      const b = file.slice(0, Math.max(1, file.length - (cut % 64)));
      for (const [at, v] of edits) b[at % b.length] = v;
      return b;
    }),
  );

  it('importFile on arbitrary and damaged bytes with every extension', () => {
    fc.assert(
      fc.property(damaged, fc.constantFrom(...extensions), (bytes, ext) => {
        const name = ext === '' ? 'input' : `input.${ext}`;
        const r = importFile(bytes, name, { domParser });
        if (!r.ok) {
          expect(REASONS.has(r.reason), r.reason).toBe(true);
          expect(r.message).toMatch(CJK);
          expect(r.message).toContain(name);
        } else {
          expect(r.features.length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED + 2, numRuns: 800 },
    );
  });

  it('importText on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), tableLike, fc.json()), (text) => {
        const r = importText(text, 'pasted.txt', { domParser });
        if (!r.ok) expect(REASONS.has(r.reason), r.reason).toBe(true);
      }),
      { seed: SEED + 3, numRuns: 500 },
    );
  });

  const source = readFileSync(new URL('../../../data/sources/lfzh-2023-12.txt', import.meta.url), 'utf8');
  const header = source.slice(0, source.indexOf('\n---\n', 4) + 5);
  const words = fc.constantFrom('东至', '西至', '南至', '北至', '村', '米', '公里', '平方公里', '面积', '5. 51', '四十三点零七', '1O0', '临政函〔2023〕12 号', '2023 年 4 月 10 日', '。', ',', '\n', '位于', '园区', '保护范围', '建设控制地带');
  const gazetteBody = fc.array(fc.oneof(fc.string({ maxLength: 30 }), words), { maxLength: 200 }).map((parts) => parts.join(''));

  it('the gazette pipeline on arbitrary text, with and without a valid header', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 3000 }), gazetteBody, gazetteBody.map((body) => `${header.replace(/^lines:.*$/m, `lines: 1-${body.replace(/\n$/, '').split('\n').length}`)}${body}`)), (content) => {
        const r = buildRecordsFromTexts([{ name: 'fuzz.txt', content }]);
        if (!r.ok) {
          expect([BUILD_FAILURES.badSource, BUILD_FAILURES.invalidOutput]).toContain(r.reason);
          expect(r.message).toMatch(CJK);
          expect(r.message).toContain('fuzz.txt');
        }
      }),
      { seed: SEED + 4, numRuns: 300 },
    );
  }, 120_000);
});
