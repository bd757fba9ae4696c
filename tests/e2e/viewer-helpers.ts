import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPage, waitForMap } from './browser';
import type { PageLog } from './browser';

/** Where the browser tests keep their screenshots (test artifacts). */
export const ARTIFACTS = 'test-results/screenshots';
mkdirSync(ARTIFACTS, { recursive: true });

/** Opens the app at `query` and waits for the map and the layers. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  query = '',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const opened = await openPage(browser, baseUrl + query, viewport);
  await waitForMap(opened.page);
  await opened.page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
  return opened;
}

/** Waits until the map has rendered everything it was asked to. */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());
}

/** The map's pixels (RGBA), read through MapApi.snapshot (the canvas does not keep a frame once it is shown). */
export async function canvasPixels(page: Page): Promise<Uint8Array> {
  const b64 = await page.evaluate(async () => {
    const image = new Image();
    image.src = document.querySelector('gis-app')!.map.snapshot();
    await image.decode();
    const copy = document.createElement('canvas');
    copy.width = image.naturalWidth;
    copy.height = image.naturalHeight;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let bin = '';
    for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return btoa(bin);
  });
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** Share of pixels (0…1) whose colour differs by more than a small tolerance. */
export function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 1;
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    if (d > 24) changed++;
  }
  return changed / (a.length / 4);
}

/** Screen position (page coordinates) of a lon/lat on the map. */
export async function screenOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lo, la]) => {
      const app = document.querySelector('gis-app')!;
      const host = app.shadowRoot!.querySelector('#map')!.getBoundingClientRect();
      const p = app.map.project([lo!, la!]);
      return { x: host.left + p.x, y: host.top + p.y };
    },
    [lon, lat],
  );
}

const require = createRequire(import.meta.url);

/** Runs axe-core on the whole document (shadow DOM included); returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  // The app's Content-Security-Policy forbids inline scripts, so addScriptTag is blocked; evaluating the
  // same file through the DevTools protocol is not subject to CSP.
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}
