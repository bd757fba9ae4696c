import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PANELS } from '../../src/ui/state/url-state';
import { launchBrowser } from './browser';
import { openApp } from './viewer-helpers';

/**
 * Issue 10, no stray network: in the default mode the app loads, every tab is opened, a search, a
 * measurement and a conflict check run, and every request the browser makes (pages and workers,
 * seen by the context's router and by the request events, and the page's resource timing) goes to
 * the app's own origin on 127.0.0.1 or is a blob:/data: URL; none is blocked. A control run with
 * the online OpenStreetMap basemap shows that the same counting does see outside requests.
 */

const ALLOWED = /^(blob:|data:)/;

/** Every URL requested in the context, from the request events (workers included). */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

function outside(urls: readonly string[], origin: string): string[] {
  return urls.filter((u) => !ALLOWED.test(u) && new URL(u).origin !== origin);
}

async function resourceUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
}

describe('no request beyond the app’s own origin (issue 10)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads, opens every tab, searches, measures and runs a conflict check with requests to 127.0.0.1 only', { timeout: 180_000 }, async () => {
    const base = inject('baseUrl');
    const origin = new URL(base).origin;
    expect(new URL(base).hostname).toBe('127.0.0.1');
    const { page, context, log } = await openApp(browser, base);
    const events = recordRequests(context);

    for (const p of PANELS) {
      await page.locator(`gis-app [role=tab]#tab-${p}`).click();
      await expect.poll(() => page.locator(`gis-app #panel-${p}`).isHidden()).toBe(false);
    }

    // search and select
    await page.locator('gis-app [role=tab]#tab-layers').click();
    const input = page.locator('gis-search input');
    await input.fill('大觉寺');
    const results = page.locator('gis-search [data-testid=search-results] button');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await results.first().click();
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toContain('大觉寺');

    // measure with typed points
    await page.locator('gis-app [role=tab]#tab-tools').click();
    const tool = page.locator('gis-measure-tool');
    const coord = tool.locator('input[name=coord]');
    for (const pt of ['112.5, 37.8', '112.6, 37.8', '112.6, 37.9']) {
      await coord.fill(pt);
      await coord.press('Enter');
    }
    await expect.poll(async () => Number(await tool.locator('[data-testid=measure-length]').getAttribute('data-metres'))).toBeGreaterThan(10_000);

    // conflict check
    await page.locator('gis-app [role=tab]#tab-conflicts').click();
    const conflicts = page.locator('gis-conflict-panel');
    await conflicts.locator('[data-testid=conflict-run]').click();
    await expect.poll(() => conflicts.locator('[data-testid=conflict-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());

    // the router saw the page load (log.requests) and everything after (events): all on the origin
    expect(log.requests.length).toBeGreaterThan(5);
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((u) => /worker/i.test(u))).toBe(true);
    expect(outside(log.requests, origin)).toEqual([]);
    expect(outside(events, origin)).toEqual([]);
    expect(outside(await resourceUrls(page), origin)).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('counts outside requests when the user picks an online basemap (so the check above can fail)', async () => {
    const base = inject('baseUrl');
    const { page, context, log } = await openApp(browser, base);
    const events = recordRequests(context);
    await page.locator('gis-app [data-testid=basemap-select]').selectOption('osm');
    await expect.poll(() => log.blockedRequests.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(log.blockedRequests.every((u) => new URL(u).hostname === 'tile.openstreetmap.org')).toBe(true);
    expect(outside(events, new URL(base).origin).length).toBeGreaterThan(0);
    await context.close();
  });
});
