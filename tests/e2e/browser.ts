import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Finds Debian's Chromium (or $CHROMIUM_PATH). */
export function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('Chromium not found: run `apt-get install -y chromium` or set CHROMIUM_PATH.');
}

/** Options of {@link launchBrowser}. */
export interface LaunchOptions {
  /**
   * Composite on the (SwiftShader) GPU process as a browser with a GPU does, instead of software
   * compositing (`--disable-gpu`), where every frame of a WebGL canvas is read back on the page's
   * main thread (a long task per frame that no browser with a GPU has). Used by the large-import
   * benchmark and test, which measure main-thread tasks.
   */
  readonly gpuCompositing?: boolean;
}

/** Launches headless Chromium with the flags that keep it off the network. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      ...(options.gpuCompositing === true ? [] : ['--disable-gpu']),
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Everything a test page recorded. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  blockedRequests: string[];
  requests: string[];
}

/**
 * Opens a page in a fresh context in which every non-loopback request is blocked and recorded,
 * and console errors and uncaught exceptions are collected.
 */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
  device: Pick<BrowserContextOptions, 'deviceScaleFactor' | 'isMobile' | 'hasTouch'> = {},
): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...device });
  const log: PageLog = { consoleErrors: [], pageErrors: [], blockedRequests: [], requests: [] };
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    log.requests.push(u.href);
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && !LOOPBACK.test(u.hostname)) {
      log.blockedRequests.push(u.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(err.message));
  await page.goto(url);
  return { context, page, log };
}

/** Waits until the app shell reports the map ready (or failed). */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const app = document.querySelector('gis-app') as (HTMLElement & { mapReady?: boolean }) | null;
      return app?.getAttribute('data-map') === 'ready' || app?.getAttribute('data-map') === 'failed';
    },
    undefined,
    { timeout: 60_000 },
  );
}
