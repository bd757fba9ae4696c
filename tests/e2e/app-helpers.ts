import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import type { PageLog } from './browser';
import { openApp } from './viewer-helpers';

/** A suite's browser and the served app (the set-up every browser test file used to copy). */
export interface AppSuite {
  /** The suite's Chromium (launched before the first test, closed after the last). */
  readonly browser: Browser;
  /** The base URL of the served production build. */
  readonly baseUrl: string;
  /** Opens the app at `query` and waits for the map and its layers. */
  openApp(query?: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; log: PageLog }>;
  /** Opens a page at `query` without waiting for the app (network and console logged). */
  openPage(query?: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; log: PageLog }>;
}

/**
 * The shared set-up of a browser test suite: call it once inside `describe`; it launches Chromium before the
 * suite's tests and closes it after them.
 */
export function useAppSuite(): AppSuite {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const need = (): Browser => {
    if (browser === null) throw new Error('the browser is not launched yet (use the suite inside a test)');
    return browser;
  };
  return {
    get browser() {
      return need();
    },
    get baseUrl() {
      return inject('baseUrl');
    },
    openApp: (query = '', viewport) => openApp(need(), inject('baseUrl'), query, viewport),
    openPage: (query = '', viewport) => openPage(need(), inject('baseUrl') + query, viewport),
  };
}
