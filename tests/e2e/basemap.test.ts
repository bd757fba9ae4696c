import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ARTIFACTS, canvasPixels, mapIdle, openApp, pixelDifference } from './viewer-helpers';
import { DAJUESI, TDT_CIA_RGB, TDT_IMG_RGB } from '../../src/cli/basemap/make-fixtures';

/**
 * Issue 16, "a map that shows the ground": county boundaries at zone scale, the user's own PMTiles basemap
 * (kept between visits), Tianditu imagery answered from local tile fixtures, the 审图号 line; all offline.
 */

const FIXTURES = 'tests/fixtures/basemap';
const PMTILES = readFileSync(`${FIXTURES}/synthetic-roads.pmtiles`);
const TDT_IMG = readFileSync(`${FIXTURES}/tianditu/img.png`);
const TDT_CIA = readFileSync(`${FIXTURES}/tianditu/cia.png`);
const LVLIANG = { lon: 111.1444, lat: 37.5192 };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Rendered = { countyLines: number; countyNames: string[]; user: Record<string, number> };

async function setView(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([lo, la, z]) => document.querySelector('gis-app')!.map.setView({ lon: lo!, lat: la!, zoom: z! }), [lon, lat, zoom]);
  await mapIdle(page);
}

async function rendered(page: Page): Promise<Rendered> {
  return page.evaluate(() => document.querySelector('gis-app')!.map.renderedBasemap!());
}

/** Share of pixels within a small tolerance of `rgb`. */
function shareOf(pixels: Uint8Array, rgb: readonly [number, number, number]): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs(pixels[i]! - rgb[0]) + Math.abs(pixels[i + 1]! - rgb[1]) + Math.abs(pixels[i + 2]! - rgb[2]) < 12) n++;
  }
  return n / (pixels.length / 4);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** Opens the PMTiles fixture in the page as a picked File would be. */
async function pickFixture(page: Page): Promise<{ protomaps: boolean; reviewNumber: string | null; kind: string; maxZoom: number }> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], 'synthetic-roads.pmtiles');
    const info = await document.querySelector('gis-app')!.map.setUserBasemap!(file);
    return { protomaps: info!.protomaps, reviewNumber: info!.reviewNumber, kind: info!.kind, maxZoom: info!.maxZoom };
  }, PMTILES.toString('base64'));
}

function rangeRequest(url: string, range: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; length: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { range } }, (res) => {
      let length = 0;
      res.on('data', (c: Buffer) => (length += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, length }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('basemap: the ground at zone scale, offline', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // On a phone the map is the upper half of the screen: one zoom level less shows the same ground.
  for (const [device, viewport, zoom] of [
    ['desktop', DESKTOP, 12],
    ['phone', PHONE, 11],
  ] as const) {
    it(`draws county boundaries and names at zone scale, none at province scale (${device})`, async () => {
      const { context, page, log } = await openApp(browser, inject('baseUrl'), '', viewport);
      try {
        await mapIdle(page);
        const province = await rendered(page);
        expect(province.countyLines).toBe(0);
        await shot(page, `basemap-${device}-province`);
        // 离石区's southern boundary with 中阳县 is 4.6 km south of the 吕梁 seat.
        await setView(page, LVLIANG.lon, LVLIANG.lat, zoom);
        await expect.poll(async () => (await rendered(page)).countyLines, { timeout: 15_000 }).toBeGreaterThan(0);
        await shot(page, `basemap-${device}-zone-lvliang-z${zoom}`);
        // 大觉寺 is 12.8 km from the nearest boundary (the Yellow River, the province edge); 柳林县's name 3.8 km away.
        await setView(page, DAJUESI[0], DAJUESI[1], zoom - 1);
        await expect.poll(async () => (await rendered(page)).countyLines, { timeout: 15_000 }).toBeGreaterThan(0);
        await expect.poll(async () => (await rendered(page)).countyNames, { timeout: 15_000 }).toContain('柳林县');
        await shot(page, `basemap-${device}-zone-dajuesi-z${zoom - 1}`);
        expect(log.blockedRequests).toEqual([]);
        expect(log.pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('draws the roads of a picked PMTiles file at zoom 14 with no network, shows its 审图号, and reopens it on the next visit', { timeout: 180_000 }, async () => {
    const { context, page, log } = await openApp(browser, inject('baseUrl'));
    try {
      await setView(page, DAJUESI[0], DAJUESI[1], 14);
      const before = await canvasPixels(page);
      expect((await rendered(page)).user).toEqual({});
      const info = await pickFixture(page);
      expect(info).toMatchObject({ protomaps: true, kind: 'vector', maxZoom: 14, reviewNumber: '测试审图号 TEST-0000（非真实）' });
      await mapIdle(page);
      const drawn = await rendered(page);
      expect(drawn.user['roads'] ?? 0).toBeGreaterThan(10);
      expect(pixelDifference(before, await canvasPixels(page))).toBeGreaterThan(0.02);
      await expect.poll(() => page.locator('gis-app [data-testid=review-number]').textContent()).toContain('测试审图号 TEST-0000');
      // Snapping for the drawing tools: 4.7 px east of the north–south road at 大觉寺's longitude lands on it.
      const snapped = await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.snapToBasemap!([lon! + 0.0002, lat! + 0.005], 10), [DAJUESI[0], DAJUESI[1]]);
      expect(snapped).not.toBeNull();
      expect(Math.abs(snapped![0] - DAJUESI[0])).toBeLessThan(3e-5);
      expect(Math.abs(snapped![1] - (DAJUESI[1] + 0.005))).toBeLessThan(5e-4);
      // The middle of a cell of the minor-road grid is 29 px from every road.
      expect(await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.snapToBasemap!([lon! + 0.00125, lat! + 0.001], 10), [DAJUESI[0], DAJUESI[1]])).toBeNull();
      await shot(page, 'basemap-desktop-pmtiles-z14');

      await page.reload();
      await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-map') === 'ready', undefined, { timeout: 60_000 });
      await page.waitForFunction(() => document.querySelector('gis-app')!.map.userBasemap?.() != null, undefined, { timeout: 30_000 });
      await setView(page, DAJUESI[0], DAJUESI[1], 14);
      expect((await rendered(page)).user['roads'] ?? 0).toBeGreaterThan(10);

      await page.evaluate(() => document.querySelector('gis-app')!.map.setUserBasemap!(null));
      await mapIdle(page);
      expect((await rendered(page)).user).toEqual({});
      expect(await page.evaluate(() => document.querySelector('gis-app')!.map.reviewNumber!())).toBeNull();
      expect(log.blockedRequests).toEqual([]);
      expect(log.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a PMTiles file put in the served folder by URL, read tile by tile with Range requests (206)', { timeout: 120_000 }, async () => {
    const folder = `${process.env['E2E_DIST'] ?? 'dist'}/basemap-e2e`;
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${folder}/synthetic-roads.pmtiles`, PMTILES);
    const { context, page, log } = await openApp(browser, inject('baseUrl'));
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.pmtiles')) statuses.push(r.status());
    });
    try {
      await setView(page, DAJUESI[0], DAJUESI[1], 14);
      const info = await page.evaluate(() => document.querySelector('gis-app')!.map.setUserBasemap!('./basemap-e2e/synthetic-roads.pmtiles'));
      expect(info).toMatchObject({ kind: 'vector', protomaps: true, size: 0 });
      await mapIdle(page);
      expect((await rendered(page)).user['roads'] ?? 0).toBeGreaterThan(10);
      expect(statuses.length).toBeGreaterThan(1);
      expect(statuses.every((s) => s === 206)).toBe(true);
      expect(log.blockedRequests).toEqual([]);
      await page.evaluate(() => document.querySelector('gis-app')!.map.setUserBasemap!(null));
    } finally {
      await context.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not PMTiles with a message in both languages, and keeps the map as it was', async () => {
    const { context, page } = await openApp(browser, inject('baseUrl'));
    try {
      const r = await page.evaluate(async () => {
        const map = document.querySelector('gis-app')!.map;
        try {
          await map.setUserBasemap!(new File(['{"type":"FeatureCollection","features":[]}'], 'roads.geojson'));
          return { ok: true, code: '', zh: '', en: '' };
        } catch (e) {
          const err = e as Error & { code?: string; messageEn?: string };
          return { ok: false, code: err.code ?? '', zh: err.message, en: err.messageEn ?? '' };
        }
      });
      expect(r.ok).toBe(false);
      expect(r.code).toBe('not-pmtiles');
      expect(r.zh).toContain('不是 PMTiles 文件');
      expect(r.en).toContain('not a PMTiles file');
      expect(await page.evaluate(() => document.querySelector('gis-app')!.map.userBasemap!())).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('shows Tianditu 影像 (img + cia) and 矢量 (vec + cva) with the key, answered from local tile fixtures, with the configured 审图号', async () => {
    const { context, page, log } = await openApp(browser, inject('baseUrl'));
    const served: string[] = [];
    try {
      await page.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, (route) => {
        const u = new URL(route.request().url());
        const layer = u.searchParams.get('LAYER') ?? '';
        if (u.searchParams.get('tk') !== 'TEST-KEY' || !['img', 'cia', 'vec', 'cva'].includes(layer) || !u.pathname.startsWith(`/${layer}_w/`)) {
          return route.fulfill({ status: 403, body: 'bad key or layer' });
        }
        served.push(`${layer}/${u.searchParams.get('TILEMATRIX')}/${u.searchParams.get('TILECOL')}/${u.searchParams.get('TILEROW')}`);
        return route.fulfill({ status: 200, contentType: 'image/png', body: layer === 'img' || layer === 'vec' ? TDT_IMG : TDT_CIA });
      });
      await setView(page, DAJUESI[0], DAJUESI[1], 12);
      await page.evaluate(() => document.querySelector('gis-app')!.map.setBasemap('tianditu-img', { tiandituKey: 'TEST-KEY', reviewNumber: 'GS(0000)0000号 测试' }));
      await mapIdle(page);
      const pixels = await canvasPixels(page);
      expect(shareOf(pixels, TDT_IMG_RGB)).toBeGreaterThan(0.5);
      expect(shareOf(pixels, TDT_CIA_RGB)).toBeGreaterThan(0.001);
      expect(served.some((s) => s.startsWith('img/'))).toBe(true);
      expect(served.some((s) => s.startsWith('cia/'))).toBe(true);
      await expect.poll(() => page.locator('gis-app [data-testid=review-number]').textContent()).toBe('审图号：GS(0000)0000号 测试');
      await shot(page, 'basemap-desktop-tianditu-img-z12');

      await page.evaluate(() => document.querySelector('gis-app')!.map.setBasemap('tianditu-vec'));
      await mapIdle(page);
      expect(served.some((s) => s.startsWith('vec/'))).toBe(true);
      expect(served.some((s) => s.startsWith('cva/'))).toBe(true);

      await page.evaluate(() => document.querySelector('gis-app')!.map.setBasemap('offline'));
      await mapIdle(page);
      await expect.poll(() => page.locator('gis-app [data-testid=review-number]').isVisible()).toBe(false);
      // Every Tianditu request was answered by the fixtures; nothing reached the network.
      expect(log.blockedRequests).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the static server of npm start answers Range requests: 206 with Content-Range, 416 past the end', async () => {
    const url = `${inject('baseUrl')}index.html`;
    const whole = await rangeRequest(url, 'items=0-1');
    expect(whole.status).toBe(200);
    const part = await rangeRequest(url, 'bytes=0-9');
    expect(part.status).toBe(206);
    expect(part.length).toBe(10);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${whole.length}`);
    const bad = await rangeRequest(url, `bytes=${whole.length}-`);
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${whole.length}`);
  });
});
