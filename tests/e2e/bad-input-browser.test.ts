import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { openApp } from './viewer-helpers';
import { dropOnPanel, idbDump, importAndAccept, importPanel, importReady, squareRing } from './reliability-helpers';

/**
 * Issue 10 in the browser: a representative file of each importer family from the bad-input corpus
 * (tests/fixtures/bad) is dropped on the import tab (GeoTIFFs go to the radar tab's DEM input). For
 * each the outcome named in expected.json shows: a refused file an error whose `data-reason` is the
 * reason code; a file that imports a preview whose warnings and problems carry exactly the expected
 * codes. No uncaught error; the layer stored before stays byte for byte; the map and the search
 * still respond.
 */

interface Expected {
  entry: 'import' | 'dem' | 'gazette';
  ok: boolean;
  reason?: string;
  problems?: string[];
  warnings?: string[];
}

const EXPECTED = JSON.parse(readFileSync('tests/fixtures/bad/expected.json', 'utf8')) as Record<string, Expected>;

/** One file per family and failure kind. */
const IMPORT_CASES = [
  'geojson/empty.geojson',
  'geojson/truncated-half.geojson',
  'geojson/lat-lon-swapped.geojson',
  'geojson/self-intersecting-bowtie.geojson',
  'geojson/crs-beijing-1954.geojson',
  'kml/billion-laughs.kml',
  'kml/xxe-external-entity.kml',
  'kml/html-not-kml.kml',
  'kmz/truncated.kmz',
  'kmz/path-traversal.kmz',
  'shapefile/truncated.zip',
  'shapefile/path-traversal-only.zip',
  'shapefile/prj-garbage.zip',
  'table/gbk.csv',
  'table/mixed-zones.txt',
  'table/random-bytes.dat',
];
const DEM_CASES = ['geotiff/no-georeference.tif', 'geotiff/wrong-magic-gif.tif'];

async function searchWorks(page: Page): Promise<void> {
  const input = page.locator('gis-search input');
  await input.fill('大觉寺');
  await expect.poll(() => page.locator('gis-search [data-testid=search-results] button').count()).toBeGreaterThan(0);
  await input.fill('');
}

describe('bad inputs in the browser (issue 10)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('each representative bad file gives its expected outcome, and the app and the stored layer are unharmed', { timeout: 240_000 }, async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import');
    await importReady(page);
    const good = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '已存图层' }, geometry: { type: 'Polygon', coordinates: [squareRing(112.55, 37.85, 0.002)] } }] });
    await importAndAccept(page, '已存图层.geojson', new TextEncoder().encode(good));
    const stored = await idbDump(page);
    const panel = importPanel(page);
    const error = panel.locator('[data-testid=import-error]');
    const preview = panel.locator('[data-testid=import-preview]');

    for (const path of IMPORT_CASES) {
      const expected = EXPECTED[path];
      expect(expected?.entry, path).toBe('import');
      const bytes = readFileSync(`tests/fixtures/bad/${path}`);
      await dropOnPanel(page, basename(path), bytes);
      if (!expected!.ok) {
        await expect.poll(() => error.getAttribute('data-reason'), { timeout: 30_000, message: path }).toBe(expected!.reason);
        const text = (await error.textContent()) ?? '';
        expect(text, path).toContain('已保存的图层未改变');
        expect(await preview.count(), path).toBe(0);
        // a new drop clears the message: wait for the next file's outcome, not this one
        await page.evaluate(() => {
          const p = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-import-panel')!.shadowRoot!;
          p.querySelector('[data-testid=import-error]')?.setAttribute('data-reason', 'seen');
        });
      } else {
        await preview.locator('[data-testid=preview-file]').filter({ hasText: basename(path) }).waitFor({ timeout: 30_000 });
        const codes = async (testid: string): Promise<string[]> =>
          [...new Set(await preview.locator(`[data-testid=${testid}] li[data-code]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? '')))].sort();
        expect(await codes('preview-problems'), `${path} problems`).toEqual([...(expected!.problems ?? [])].sort());
        expect(await codes('preview-warnings'), `${path} warnings`).toEqual([...(expected!.warnings ?? [])].sort());
        expect(await error.count(), path).toBe(0);
        await preview.locator('[data-testid=import-discard]').click();
        await preview.waitFor({ state: 'detached' });
      }
      expect(await idbDump(page), path).toBe(stored);
      expect(await panel.locator('[data-testid=user-layer]').count(), path).toBe(1);
      expect(log.pageErrors, path).toEqual([]);
    }
    await searchWorks(page);

    // GeoTIFFs without a usable georeference, into the radar tab's DEM input
    await page.locator('gis-app [role=tab]#tab-radar').click();
    const radar = page.locator('gis-radar-panel');
    for (const path of DEM_CASES) {
      const expected = EXPECTED[path]!;
      expect(expected.entry, path).toBe('dem');
      await radar.locator('[data-testid=dem-input]').setInputFiles({ name: basename(path), mimeType: 'image/tiff', buffer: readFileSync(`tests/fixtures/bad/${path}`) });
      await expect.poll(() => radar.locator('[data-testid=radar-error]').getAttribute('data-reason'), { timeout: 30_000, message: path }).toBe(expected.reason);
      expect(await radar.locator('[data-testid=dem-status]').count(), path).toBe(0);
      await page.evaluate(() => {
        const p = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-radar-panel')!.shadowRoot!;
        p.querySelector('[data-testid=radar-error]')?.setAttribute('data-reason', 'seen');
      });
    }

    // still usable: the search answers, a feature opens in the inspector, the map renders it
    await searchWorks(page);
    await page.locator('gis-search input').fill('大觉寺');
    await page.locator('gis-search [data-testid=search-results] button').first().click();
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toContain('大觉寺');
    await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());
    const selected = new URL(page.url()).searchParams.get('sel');
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedFeatureIds())).toContain(selected);
    expect(await idbDump(page)).toBe(stored);
    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });
});
