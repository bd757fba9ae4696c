import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { LARGE_AREA, writeLargeGeoJson } from '../bench/large-import/generate';
import { openWithObserver, runLargeImport } from '../bench/large-import/drive';
import { canvasPixels, mapIdle, pixelDifference } from './viewer-helpers';

/**
 * Issue 9 in the app, on smaller data through the same path as the benchmark: a generated GeoJSON
 * of 20 000 polygons (seeded, ≈ 11 MB) is chosen in the import tab, previewed, accepted as
 * permanent basic farmland, drawn and checked against every layer. The test fails when the page
 * records any main-thread task (PerformanceObserver 'longtask') longer than 200 ms from choosing
 * the file until the layer is drawn and checked. After a reload the layer is still listed and
 * drawn from IndexedDB.
 */

const POLYGONS = 20_000;
const SEED = 20_241_123;
/** Longest main-thread task allowed during the import (issue 9). */
const LONG_TASK_LIMIT_MS = 200;

describe('large import without freezing', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'large-import-test-'));
    file = join(dir, `永久基本农田-${POLYGONS}.geojson`);
    await writeLargeGeoJson(file, POLYGONS, SEED);
    // GPU-process compositing, as in a browser with a GPU: with --disable-gpu every WebGL frame is read back on the main thread.
    browser = await launchBrowser({ gpuCompositing: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Retried: on a shared 2-vCPU host another process can stretch one frame past the limit; a build that
  // regresses fails every attempt.
  it(`imports, draws and checks ${POLYGONS} polygons with no main-thread task over ${LONG_TASK_LIMIT_MS} ms`, { retry: 2, timeout: 240_000 }, async () => {
    const { context, page, errors } = await openWithObserver(browser, inject('baseUrl'));
    try {
      const run = await runLargeImport(page, file, 'permanent-basic-farmland', 200_000);
      const tasks = run.longTasks.filter((t) => t.type === 'longtask');
      const over = tasks.filter((t) => t.duration > LONG_TASK_LIMIT_MS).map((t) => `${t.duration.toFixed(0)} ms at +${t.start.toFixed(0)}`);
      console.log(
        `large import of ${POLYGONS}: preview ${run.previewMs.toFixed(0)} ms, stored ${run.storedMs.toFixed(0)} ms, drawn ${run.drawnMs.toFixed(0)} ms, checked ${run.checkedMs.toFixed(0)} ms; ` +
          `long tasks: ${tasks.map((t) => t.duration.toFixed(0)).join(', ') || 'none'}`,
      );
      if (over.length > 0) {
        const frames = run.longTasks.filter((t) => t.type === 'long-animation-frame' && t.duration > LONG_TASK_LIMIT_MS);
        console.log(`long animation frames: ${frames.map((f) => `${f.duration.toFixed(0)} ms at +${f.start.toFixed(0)}: ${f.what ?? ''}`).join('; ')}`);
      }
      expect(over, `main-thread tasks over ${LONG_TASK_LIMIT_MS} ms during the import`).toEqual([]);
      expect(run.featureCountText).toContain(String(POLYGONS));
      expect(run.findingsText).not.toBe('');
      expect(errors).toEqual([]);

      // The layer comes back after a reload, drawn from the stored blobs: as its overview image at county zoom
      // (pixels differ with the layer shown and hidden) and as polygons from LARGE_VECTOR_MIN_ZOOM on.
      await page.reload();
      await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
      await page.locator('gis-import-panel [data-testid=user-layer]').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('gis-import-panel [data-testid=user-layer]').first().textContent()).toContain(String(POLYGONS));
      const county = { lon: (LARGE_AREA[0] + LARGE_AREA[2]) / 2, lat: (LARGE_AREA[1] + LARGE_AREA[3]) / 2 };
      const layer = await page.locator('gis-import-panel [data-testid=user-layer]').first().getAttribute('data-catalog-id');
      expect(layer).toMatch(/^imported:permanent-basic-farmland:/);
      await page.evaluate((c) => document.querySelector('gis-app')!.map.setView({ lon: c.lon, lat: c.lat, zoom: 10 }), county);
      await mapIdle(page);
      const shown = await canvasPixels(page);
      await page.evaluate((id) => document.querySelector('gis-app')!.map.setLayerVisibility(id, false), layer!);
      await mapIdle(page);
      const hidden = await canvasPixels(page);
      await page.evaluate((id) => document.querySelector('gis-app')!.map.setLayerVisibility(id, true), layer!);
      const shownVsHidden = pixelDifference(shown, hidden);
      expect(shownVsHidden, 'share of map pixels that the overview changes').toBeGreaterThan(0.3);
      const vectors = await page.evaluate(async (c) => {
        const map = document.querySelector('gis-app')!.map;
        map.setView({ lon: c.lon, lat: c.lat, zoom: 12.5 });
        await map.whenIdle();
        await map.whenLayersRendered();
        return map.renderedFeatureIds().filter((id) => id.startsWith('imp')).length;
      }, county);
      expect(vectors).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
