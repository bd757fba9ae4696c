import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RADAR_NEED_DEM } from '../../../../src/app/radar/radar-session';
import { DEM_DETAILS, openDem } from '../../../../src/core/radar/dem-reader';
import { DEM_BAD_REQUEST, DEM_BAD_RULES, DEM_NOT_OPEN, DEM_NOT_READY } from '../../../../src/core/radar/dem-service';
import { RADAR_OVERRIDE_INVALID } from '../../../../src/core/radar/radar-types';
import { PIN_INVALID, PIN_NOT_A_CANDIDATE } from '../../../../src/core/radar/site-pin';
import { RANK_CONFLICT_CHECK_FAILED } from '../../../../src/core/radar/site-ranking';
import { PROFILE_NO_SITE_ALTITUDE } from '../../../../src/core/radar/terrain-profile';
import { RADAR_MESSAGES } from '../../../../src/i18n/catalog/radar';
import { problemText } from '../../../../src/ui/radar-panel/radar-view';

/**
 * The radar catalog against the codes the radar code returns: every code has a message in both languages,
 * Chinese messages hold no English prose and English ones no Chinese, and every bad GeoTIFF of the
 * bad-input corpus (tests/fixtures/bad) comes out as a message with its file name and no unfilled slot.
 */

const CODES = [
  ...DEM_DETAILS,
  DEM_BAD_REQUEST,
  DEM_NOT_OPEN,
  DEM_NOT_READY,
  DEM_BAD_RULES,
  PROFILE_NO_SITE_ALTITUDE,
  RANK_CONFLICT_CHECK_FAILED,
  RADAR_OVERRIDE_INVALID,
  PIN_INVALID,
  PIN_NOT_A_CANDIDATE,
  RADAR_NEED_DEM,
  'pin-unknown-candidate',
  'cancelled',
  'worker-error',
  'rules-missing',
  'rules-fetch-failed',
  'rules-invalid',
];

const CJK = /[\u4e00-\u9fff]/;
/** Latin words allowed in Chinese text: standards, formats, units, method and model names, the data file path. */
const ALLOWED_LATIN = new Set(['GB', 'GeoTIFF', 'GeoKeys', 'EPSG', 'UTM', 'km', 'PBB', 'CBB', 'Bech', 'wradlib', 'data', 'radar', 'types', 'json', 'xx']);

describe('radar message catalog', () => {
  it('has a message in both languages for every problem code', () => {
    const entries = RADAR_MESSAGES as Readonly<Record<string, { 'zh-CN': string; en: string }>>;
    const missing = CODES.filter((c) => entries[`problem.${c}`] === undefined);
    expect(missing).toEqual([]);
  });

  it('keeps English out of Chinese messages and Chinese out of English ones', () => {
    for (const [key, m] of Object.entries(RADAR_MESSAGES)) {
      const latin = (m['zh-CN'].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
      expect(latin, key).toEqual([]);
      expect(CJK.test(m.en), key).toBe(false);
    }
  });

  it('turns every bad GeoTIFF of the corpus into a message with the file name in both languages', async () => {
    const expected = JSON.parse(readFileSync('tests/fixtures/bad/expected.json', 'utf8')) as Record<string, { entry: string; ok: boolean; reason?: string }>;
    const cases = Object.entries(expected).filter(([, e]) => e.entry === 'dem' && !e.ok);
    expect(cases.length).toBeGreaterThan(15);
    const seen = new Set<string>();
    for (const [path, e] of cases) {
      const bytes = readFileSync(`tests/fixtures/bad/${path}`);
      const name = path.split('/').pop() ?? path;
      const opened = await openDem(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, name);
      const r = opened.ok ? await opened.dem.readRegion(opened.dem.lonLatBounds(), { maxPixels: 4096 }) : opened;
      if (r.ok) throw new Error(`${path} was read`);
      expect(r.reason, path).toBe(e.reason);
      seen.add(r.detail);
      const view = { code: r.detail, reason: r.reason, params: r.params };
      const zh = problemText(view, 'zh-CN');
      const en = problemText(view, 'en');
      expect(zh, path).toContain(name);
      expect(en, path).toContain(name);
      expect(`${zh}${en}`, path).not.toMatch(/\{\w+\}/);
      expect(CJK.test(en.replace(name, '')), path).toBe(false);
    }
    // The corpus reaches most of the reader's detail codes.
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });
});
