import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { openPage, waitForMap } from './browser';
import type { PageLog } from './browser';

/**
 * The four views of issue 16's "before / after" screenshots: the first view (province scale) and 大觉寺 at
 * zoom 14 (zone scale), on a desktop and on a phone. The same code takes both sets, so they compare.
 */

/** 大觉寺's anchor (its township seat, shared with 弥陀庵). */
export const DAJUESI_ANCHOR: readonly [number, number] = [110.8894, 37.4323];

/** A device of the screenshots. */
export interface GroundDevice {
  readonly name: 'desktop' | 'phone';
  readonly viewport: { width: number; height: number };
  readonly deviceScaleFactor: number;
  readonly isMobile: boolean;
}

/** Desktop 1280×800 and a phone 390×844 at 3 device pixels per CSS pixel. */
export const GROUND_DEVICES: readonly GroundDevice[] = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true },
];

/** Opens the app on `device` (blocked network, logged) and waits for the map and its layers. */
export async function openOnDevice(browser: Browser, url: string, device: GroundDevice): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const { context, page, log } = await openPage(browser, url, device.viewport, {
    deviceScaleFactor: device.deviceScaleFactor,
    isMobile: device.isMobile,
    hasTouch: device.isMobile,
  });
  await waitForMap(page);
  await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
  await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());
  return { context, page, log };
}

/** Moves the camera to 大觉寺 at zoom 14 and waits for the map. */
export async function goToZoneScale(page: Page): Promise<void> {
  await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.setView({ lon: lon!, lat: lat!, zoom: 14 }), [DAJUESI_ANCHOR[0], DAJUESI_ANCHOR[1]]);
  await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());
}

/**
 * Takes `<prefix>-<device>-province.png` (the first view) and `<prefix>-<device>-zone.png` (大觉寺, zoom 14)
 * into `dir`; with `smallDir`, also a small JPEG of each (CSS pixels, quality 60) for committing.
 */
export async function takeGroundViews(browser: Browser, baseUrl: string, prefix: string, dir: string, smallDir?: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  if (smallDir !== undefined) mkdirSync(smallDir, { recursive: true });
  const written: string[] = [];
  for (const device of GROUND_DEVICES) {
    const { context, page } = await openOnDevice(browser, baseUrl, device);
    try {
      for (const scale of ['province', 'zone'] as const) {
        if (scale === 'zone') await goToZoneScale(page);
        const name = `${prefix}-${device.name}-${scale}`;
        await page.screenshot({ path: `${dir}/${name}.png` });
        written.push(`${dir}/${name}.png`);
        if (smallDir !== undefined) {
          await page.screenshot({ path: `${smallDir}/${name}.jpg`, type: 'jpeg', quality: 60, scale: 'css' });
          written.push(`${smallDir}/${name}.jpg`);
        }
      }
    } finally {
      await context.close();
    }
  }
  return written;
}

/** Layers of the zones (and zone-like markers) a planner must see on the first view. */
export const ZONE_LAYERS = ['relic-protection', 'relic-control', 'chemical-park', 'land-acquisition'];

/** A screen box, page CSS pixels. */
export type Rect = { left: number; top: number; right: number; bottom: number };

/** Screen boxes (page CSS px) of every zone feature, of the map, and of what lies over the map. */
export async function firstViewBoxes(page: Page): Promise<{ map: Rect; zones: Array<{ id: string; box: Rect }>; covers: Array<{ what: string; box: Rect }> }> {
  return page.evaluate((layers) => {
    const app = document.querySelector('gis-app')!;
    const root = app.shadowRoot!;
    const rect = (r: DOMRect): Rect => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const host = root.querySelector('#map')!.getBoundingClientRect();
    const zones = app.store!
      .allFeatures()
      .filter((f) => layers.includes(f.props.layer))
      .map((f) => {
        const xs: number[] = [];
        const ys: number[] = [];
        const visit = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
            const p = app.map.project([c[0], c[1]]);
            xs.push(host.left + p.x);
            ys.push(host.top + p.y);
          } else if (Array.isArray(c)) c.forEach(visit);
        };
        visit((f.geometry as { coordinates: unknown }).coordinates);
        return { id: f.id, box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) } };
      });
    const covers: Array<{ what: string; box: Rect }> = [];
    for (const sel of ['header', 'aside', '.inspector-wrap', '.coords', '[data-testid=feature-chooser]', '.maplibregl-ctrl-top-right .maplibregl-ctrl', '.maplibregl-ctrl-bottom-left .maplibregl-ctrl', '.maplibregl-ctrl-bottom-right .maplibregl-ctrl']) {
      for (const el of root.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none') covers.push({ what: sel, box: rect(r) });
      }
    }
    return { map: rect(host), zones, covers };
  }, ZONE_LAYERS);
}

/** Whether two boxes overlap. */
export const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
