import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForMap } from './browser';
import type { PageLog } from './browser';

const ARTIFACTS = 'test-results/screenshots';

/**
 * Counts distinct colours (quantised) in the map image (MapApi.snapshot: the canvas does not keep a frame once it
 * is shown); a blank map has one or two.
 */
async function canvasColourCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const app = document.querySelector('gis-app');
    if (!app?.shadowRoot?.querySelector('canvas.maplibregl-canvas')) return 0;
    const image = new Image();
    image.src = app.map.snapshot();
    await image.decode();
    const copy = document.createElement('canvas');
    copy.width = image.naturalWidth;
    copy.height = image.naturalHeight;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) {
      colours.add(((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3));
    }
    return colours.size;
  });
}

async function placeLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => document.querySelector('gis-app')!.map.renderedPlaceLabels());
}

describe('app shell on the offline basemap', () => {
  let browser: Browser;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser();
    ({ page, log } = await openPage(browser, inject('baseUrl')));
    await waitForMap(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads the map without errors', async () => {
    expect(await page.getAttribute('gis-app', 'data-map')).toBe('ready');
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
  });

  it('draws a non-blank map', async () => {
    expect(await canvasColourCount(page)).toBeGreaterThan(4);
  });

  it('places the Chinese county-seat labels', async () => {
    const labels = await placeLabels(page);
    for (const pattern of [/临汾|尧都/, /吕梁|离石/, /晋城/, /稷山/]) {
      expect(labels.some((l) => pattern.test(l)), `${pattern} in ${labels.join(',')}`).toBe(true);
    }
    const listed = await page.locator('gis-app [data-testid=place-list] li').allTextContents();
    expect(listed).toEqual(labels);
    await page.screenshot({ path: `${ARTIFACTS}/shell-desktop-zh.png` });
  });

  it('shows the product name in Chinese and English', async () => {
    const h1 = await page.locator('gis-app header h1').textContent();
    expect(h1).toContain('山西公报空间要素一张图');
    expect(h1).toContain('Shanxi Gazette Zones Map');
  });

  it('switches the language to English and back', async () => {
    await page.locator('gis-app header select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(page.url()).toContain('lang=en');
    await expect.poll(() => page.locator('gis-app aside h2').first().textContent()).toBe('Layers');
    await expect.poll(async () => (await placeLabels(page)).some((l) => /Linfen|Yaodu/.test(l))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/shell-desktop-en.png` });
    await page.locator('gis-app header select').selectOption('zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });

  it('makes no request beyond the machine in the default mode', () => {
    expect(log.requests.length).toBeGreaterThan(0);
    expect(log.blockedRequests).toEqual([]);
  });

  it('contacts OpenStreetMap only after the user chooses it', async () => {
    const { context, page: p2, log: log2 } = await openPage(browser, inject('baseUrl'));
    await waitForMap(p2);
    expect(log2.blockedRequests).toEqual([]);
    await p2.locator('gis-app [data-testid=basemap-select]').selectOption('osm');
    await expect.poll(() => log2.blockedRequests.filter((u) => u.includes('tile.openstreetmap.org')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(log2.blockedRequests.every((u) => u.includes('tile.openstreetmap.org'))).toBe(true);
    await context.close();
  });

  it('renders on a phone-sized screen', async () => {
    const { context, page: phone, log: phoneLog } = await openPage(browser, inject('baseUrl'), { width: 390, height: 780 });
    await waitForMap(phone);
    expect(await canvasColourCount(phone)).toBeGreaterThan(4);
    expect(phoneLog.consoleErrors).toEqual([]);
    await phone.screenshot({ path: `${ARTIFACTS}/shell-phone-zh.png` });
    await context.close();
  });
});
