import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForMap } from '../../e2e/browser';

/**
 * Drives the built app through a large import, for the benchmark (`bench.ts`) and the browser
 * test (`tests/e2e/large-import.test.ts`): choose the file in the import tab, wait for the
 * preview, pick the category, accept, start the compliance check, and wait until the layer is
 * stored, drawn (every thematic source loaded in a rendered frame) and checked. Long tasks are
 * recorded from an init script (PerformanceObserver 'longtask' and 'long-animation-frame').
 */

/** One entry of the page's PerformanceObserver. */
export interface LongTask {
  readonly type: 'longtask' | 'long-animation-frame';
  readonly start: number;
  readonly duration: number;
  /** For long animation frames: the scripts of 20 ms or more and the rendering time. */
  readonly what?: string;
}

/** Milestones of one import, in ms after the file was chosen, and what the page recorded. */
export interface LargeImportRun {
  readonly previewMs: number;
  readonly storedMs: number;
  readonly drawnMs: number;
  readonly checkedMs: number;
  /** When everything was done (the largest of the above). */
  readonly totalMs: number;
  /** Long tasks and long animation frames that started between choosing the file and the end. */
  readonly longTasks: readonly LongTask[];
  readonly featureCountText: string;
  readonly findingsText: string;
}

const OBSERVER = `(() => {
  const store = [];
  Object.defineProperty(window, '__longTasks', { value: store });
  for (const type of ['longtask', 'long-animation-frame']) {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const scripts = (e.scripts || []).filter((x) => x.duration >= 20).map((x) => (x.invoker || '?') + ' ' + (x.sourceFunctionName || '') + ' ' + String(x.sourceURL || '').split('/').pop() + ' ' + Math.round(x.duration) + 'ms');
          const render = e.renderStart ? ' render ' + Math.round(e.startTime + e.duration - e.renderStart) + 'ms' : '';
          store.push({ type, start: e.startTime, duration: e.duration, what: scripts.join(' | ') + render });
        }
      }).observe({ type, buffered: true });
    } catch (e) { /* entry type not supported */ }
  }
})();`;

/** Opens the app (import tab) in a fresh context with the long-task observer; waits for map and layers. */
export async function openWithObserver(browser: Browser, baseUrl: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await context.addInitScript(OBSERVER);
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const local = u.protocol === 'blob:' || u.protocol === 'data:' || /^(127\.\d+\.\d+\.\d+|localhost)$/.test(u.hostname);
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${baseUrl}?panel=import`);
  await waitForMap(page);
  await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
  await page.locator('gis-import-panel').evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  await page.evaluate(() => document.querySelector('gis-app')!.map.whenIdle());
  // The app compiles the map's shader programs once idle after startup (MapApi.warmUpShaders); the import starts after.
  await page.evaluate(() => document.querySelector('gis-app')!.map.warmUpShaders());
  return { context, page, errors };
}

/** Imports `filePath` as a layer of `category`, checks it, and reports the milestones and long tasks. */
export async function runLargeImport(page: Page, filePath: string, category: string, timeoutMs = 300_000): Promise<LargeImportRun> {
  const panel = page.locator('gis-import-panel');
  await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __marks: Record<string, number> };
    w.__marks = {};
    w.__t0 = performance.now();
  });
  await panel.locator('[data-testid=import-file]').setInputFiles(filePath);
  await panel.locator('[data-testid=import-preview]').waitFor({ timeout: timeoutMs });
  const previewAt = await page.evaluate(() => performance.now());
  await panel.locator('[data-testid=import-category]').selectOption(category);
  const before = await panel.locator('[data-testid=user-layer]').count();
  // Resolves (in the page) when the map has the new layer's tiles on screen.
  await page.evaluate(() => {
    const w = window as unknown as { __marks: Record<string, number> };
    const app = document.querySelector('gis-app')!;
    app.addEventListener(
      'user-data-changed',
      () => {
        w.__marks['stored'] = performance.now();
        void app.map.whenLayersRendered().then(() => (w.__marks['drawn'] = performance.now()));
      },
      { once: true },
    );
  });
  await panel.locator('[data-testid=import-accept]').click();
  await panel.locator('[data-testid=user-layer]').nth(before).waitFor({ timeout: timeoutMs });
  await panel.locator('[data-testid=user-layer]').nth(before).locator('[data-testid=compliance-button]').click();
  await panel.locator('[data-testid=compliance-result]').waitFor({ timeout: timeoutMs });
  const checkedAt = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks['drawn'] !== undefined, undefined, { timeout: timeoutMs });
  const r = await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __marks: Record<string, number>; __longTasks: LongTask[] };
    return { t0: w.__t0, marks: w.__marks, tasks: w.__longTasks.slice() };
  });
  const featureCountText = (await panel.locator('[data-testid=user-layer]').nth(before).textContent()) ?? '';
  const findingsText = (await panel.locator('[data-testid=compliance-result] h2').nth(1).textContent()) ?? '';
  const rel = (t: number | undefined): number => (t ?? NaN) - r.t0;
  const drawnMs = rel(r.marks['drawn']);
  const checkedMs = checkedAt - r.t0;
  const end = Math.max(drawnMs, checkedMs);
  return {
    previewMs: previewAt - r.t0,
    storedMs: rel(r.marks['stored']),
    drawnMs,
    checkedMs,
    totalMs: end,
    longTasks: r.tasks.filter((t) => t.start >= r.t0 && t.start <= r.t0 + end),
    featureCountText: featureCountText.replace(/\s+/g, ' ').trim(),
    findingsText: findingsText.trim(),
  };
}
