import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openPage, waitForMap } from './browser';
import type { PageLog } from './browser';

interface Violation {
  directive: string;
  blocked: string;
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
}

describe('Content-Security-Policy of the production build', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let log: PageLog;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page, log } = await openPage(browser, 'about:blank'));
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: Array<{ directive: string; blocked: string }> };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI });
      });
    });
    await page.goto(inject('baseUrl'));
    await waitForMap(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is shipped in the page, without unsafe-eval or inline scripts', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('lets the app load and run with no violation', async () => {
    expect(await page.getAttribute('gis-app', 'data-map')).toBe('ready');
    await page.locator('gis-app header select').first().selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForTimeout(300);
    expect(await violations(page), JSON.stringify(log.consoleErrors)).toEqual([]);
    expect(log.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  });

  it('blocks an injected inline script (so the check above can fail)', async () => {
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = '(window).__inlineRan = true;';
      document.head.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(async () => (await violations(page)).map((v) => v.directive)).toEqual(['script-src-elem']);
  });
});
