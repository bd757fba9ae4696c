import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import { launchBrowser } from './browser';
import { ARTIFACTS, openApp } from './viewer-helpers';
import { auditDom, cspViolations, download, dropOnPanel, importPanel, importReady, parseCsv, recordCspViolations, relicCentre, squareRing } from './reliability-helpers';

/**
 * Issue 10, no script injection: a GeoJSON whose file (and so layer) name, feature names and
 * property values are real XSS payloads goes through the real import UI; then the inspector, the
 * attribute table, the search, the conflict report (the layer overlaps a relic zone, so there is a
 * finding), the compliance review sheet, the print sheet and the exports (layer GeoJSON and KML,
 * report CSV and GeoJSON) are opened. Nothing may run (`window.__xss` stays undefined), no element
 * with a payload's attributes may exist anywhere in the DOM (shadow roots and pop-ups walked), the
 * payloads show as text, and no CSP violation fires. Gazette text with markup (a patched quote)
 * shows literally in the inspector.
 */

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = 'javascript:window.__xss=1';
const TEMPLATE = "{{constructor.constructor('window.__xss=1')()}}";
const PAYLOADS = [IMG, SCRIPT, SVG, JS_URL, TEMPLATE];

const FILE_NAME = `${IMG}.geojson`;

function payloadGeoJson(): string {
  const [lon, lat] = relicCentre('西关墓群');
  const props = (name: string): Record<string, unknown> => ({
    name,
    备注: IMG,
    link: JS_URL,
    href: JS_URL,
    template: TEMPLATE,
    html: `${SCRIPT}${SVG}`,
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: props(SCRIPT), geometry: { type: 'Polygon', coordinates: [squareRing(lon, lat, 0.0004)] } },
      { type: 'Feature', properties: props(SVG), geometry: { type: 'Polygon', coordinates: [squareRing(lon + 0.0002, lat, 0.0002)] } },
      { type: 'Feature', properties: props(TEMPLATE), geometry: { type: 'Polygon', coordinates: [squareRing(lon - 0.0002, lat, 0.0002)] } },
      { type: 'Feature', properties: props(JS_URL), geometry: { type: 'Point', coordinates: [lon, lat + 0.0002] } },
    ],
  });
}

/** Asserts that nothing ran and no payload element exists in a page; returns the page's text. */
async function clean(page: Page, where: string): Promise<string> {
  const a = await auditDom(page);
  expect(a.xss, `${where}: window.__xss`).toBeUndefined();
  expect(a.hostile, `${where}: elements made from payloads`).toEqual([]);
  return a.text;
}

describe('no script injection (issue 10)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows payloads in names, properties and gazette text as text everywhere, and escapes them in every export', { timeout: 240_000 }, async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import');
    const cspConsole: string[] = [];
    context.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
    });
    await recordCspViolations(context);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await importReady(page);
    const popups: Page[] = [];
    context.on('page', (p) => popups.push(p));

    // ---- import through the real UI: drop, preview, accept ------------------------------------
    await dropOnPanel(page, FILE_NAME, new TextEncoder().encode(payloadGeoJson()));
    const panel = importPanel(page);
    const preview = panel.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.locator('[data-testid=preview-file]').textContent()).toBe(FILE_NAME);
    expect(await preview.locator('[data-testid=import-name]').inputValue()).toBe(IMG);
    await preview.locator('[data-testid=import-category]').selectOption('project-boundary');
    await preview.locator('[data-testid=import-accept]').click();
    const item = panel.locator('[data-testid=user-layer]');
    await item.waitFor();
    expect(await item.locator('[data-testid=user-layer-name]').textContent()).toBe(IMG);
    await clean(page, 'import panel');

    // ---- search -------------------------------------------------------------------------------
    const input = page.locator('gis-search input');
    await input.fill('window.__xss');
    const results = page.locator('gis-search [data-testid=search-results] button');
    await expect.poll(() => results.count()).toBeGreaterThanOrEqual(4);
    const found = (await results.allTextContents()).join('\n');
    for (const p of [SCRIPT, SVG, TEMPLATE, JS_URL]) expect(found).toContain(p);
    await clean(page, 'search');

    // ---- inspector ----------------------------------------------------------------------------
    const ids = await page.evaluate(() =>
      Object.fromEntries(
        (document.querySelector('gis-app')!.loaded?.layers ?? [])
          .filter((l) => l.id.startsWith('imported:'))
          .flatMap((l) => l.features)
          .map((f) => [f.props.name, f.id]),
      ),
    );
    for (const name of [SCRIPT, SVG, TEMPLATE, JS_URL]) {
      await page.locator(`gis-search [data-testid=search-results] button[data-id="${ids[name]}"]`).click();
      await expect.poll(() => page.locator('gis-inspector h2').textContent()).toBe(name);
      await clean(page, `inspector ${name}`);
      await input.fill('window.__xss');
      await expect.poll(() => results.count()).toBeGreaterThanOrEqual(4);
    }
    await input.fill('');

    // ---- attribute table ----------------------------------------------------------------------
    await page.locator('gis-app [role=tab]#tab-table').click();
    const table = page.locator('gis-attribute-table');
    const layerId = (await item.getAttribute('data-catalog-id'))!;
    await table.locator('select').selectOption(layerId);
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names.sort()).toEqual([SCRIPT, SVG, TEMPLATE, JS_URL].sort());
    await clean(page, 'attribute table');

    // ---- compliance check and its review sheet (in the panel and as a pop-up) ------------------
    await page.locator('gis-app [role=tab]#tab-import').click();
    await item.locator('[data-testid=compliance-button]').click();
    const result = panel.locator('[data-testid=compliance-result]');
    await result.waitFor({ timeout: 60_000 });
    await expect.poll(() => result.locator('tr.finding').count()).toBeGreaterThan(0);
    expect(await result.locator('[data-testid=sheet-layer]').textContent()).toBe(IMG);
    expect(await result.locator('tr.finding').allTextContents().then((t) => t.join('\n'))).toContain(SCRIPT);
    await clean(page, 'compliance result');
    const sheet = await Promise.all([page.waitForEvent('popup'), result.locator('[data-testid=print-review]').click()]).then(([p]) => p);
    await sheet.waitForLoadState();
    const sheetText = await clean(sheet, 'review sheet pop-up');
    expect(sheetText).toContain(IMG);
    expect(sheetText).toContain(SCRIPT);
    expect(await sheet.title()).toContain(IMG);
    await sheet.screenshot({ path: `${ARTIFACTS}/injection-review-sheet.png`, fullPage: true });
    await sheet.close();

    // ---- layer exports: GeoJSON and KML -----------------------------------------------------
    await item.locator('[data-testid=export-format]').selectOption('geojson');
    const gj = await download(page, () => item.locator('[data-testid=export-button]').click());
    const parsed = JSON.parse(gj.bytes.toString('utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
    expect(parsed.features.map((f) => f.properties['name']).sort()).toEqual([SCRIPT, SVG, TEMPLATE, JS_URL].sort());
    const attrs = parsed.features[0]!.properties['attributes'] as Record<string, unknown>;
    expect(attrs['备注']).toBe(IMG);
    expect(attrs['link']).toBe(JS_URL);
    expect(attrs['template']).toBe(TEMPLATE);

    await item.locator('[data-testid=export-format]').selectOption('kml');
    const kml = (await download(page, () => item.locator('[data-testid=export-button]').click())).bytes.toString('utf8');
    expect(kml).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(kml).toContain('&lt;img src=x onerror=');
    expect(kml).toContain('&quot;&gt;&lt;svg onload=window.__xss=1&gt;');
    expect(kml).not.toMatch(/<(script|img|svg)\b/i);
    const doc = new DOMParser().parseFromString(kml, 'text/xml');
    const kmlNames = Array.from({ length: doc.getElementsByTagName('Placemark').length }, (_, i) => doc.getElementsByTagName('Placemark')[i]!.getElementsByTagName('name')[0]!.textContent);
    expect(kmlNames.sort()).toEqual([SCRIPT, SVG, TEMPLATE, JS_URL].sort());
    const data = doc.getElementsByTagName('Data');
    const attrValue = Array.from({ length: data.length }, (_, i) => data[i]!).find((d) => d.getAttribute('name') === 'attributes')!;
    const kmlAttrs = JSON.parse(attrValue.getElementsByTagName('value')[0]!.textContent ?? '') as Record<string, unknown>;
    expect(kmlAttrs['备注']).toBe(IMG);
    expect(kmlAttrs['html']).toBe(`${SCRIPT}${SVG}`);
    expect(kmlAttrs['template']).toBe(TEMPLATE);
    expect(doc.getElementsByTagName('script').length + doc.getElementsByTagName('img').length + doc.getElementsByTagName('svg').length).toBe(0);

    // ---- conflict report: findings, CSV / GeoJSON exports, printable report -------------------
    await page.locator('gis-app [role=tab]#tab-conflicts').click();
    const conflicts = page.locator('gis-conflict-panel');
    await conflicts.locator('[data-testid=conflict-run]').click();
    await expect.poll(() => conflicts.locator('[data-testid=conflict-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    const mine = conflicts.locator(`[data-testid=conflict-finding] [data-testid=finding-a][data-feature="${ids[SCRIPT]}"]`);
    await expect.poll(() => mine.count()).toBeGreaterThan(0);
    expect(await mine.first().textContent()).toBe(SCRIPT);
    await clean(page, 'conflict report');

    const csv = (await download(page, () => conflicts.locator('[data-testid=export-csv]').click())).bytes.toString('utf8');
    const rows = parseCsv(csv);
    const header = rows[0]!;
    const aName = header.indexOf('aName');
    const aId = header.indexOf('aId');
    const ours = rows.slice(1).filter((r) => Object.values(ids).includes(r[aId] ?? ''));
    expect(ours.length).toBeGreaterThan(0);
    for (const r of ours) expect([SCRIPT, SVG, TEMPLATE, JS_URL]).toContain(r[aName]);
    // a cell with a quote is quoted with the quote doubled (RFC 4180), never written raw
    if (ours.some((r) => r[aName] === SVG)) expect(csv).toContain('"""><svg onload=window.__xss=1>"');
    for (const line of csv.split('\r\n')) expect(line.includes(SVG) ? line.includes('"""><svg') : true).toBe(true);
    const reportGj = JSON.parse((await download(page, () => conflicts.locator('[data-testid=export-geojson]').click())).bytes.toString('utf8')) as { features: Array<{ properties: { aId: string } }> };
    expect(reportGj.features.some((f) => Object.values(ids).includes(f.properties.aId))).toBe(true);

    const report = await Promise.all([page.waitForEvent('popup'), conflicts.locator('[data-testid=print-report]').click()]).then(([p]) => p);
    await report.waitForLoadState();
    expect(await clean(report, 'printable conflict report')).toContain(SCRIPT);
    await report.close();

    // ---- gazette text with markup: a catalog feature's quote, issuer and document number ------
    const relic = await page.evaluate(() => {
      const l = document.querySelector('gis-app')!.loaded!.layers.find((x) => x.id === 'relic-protection')!;
      const f = l.features.find((x) => x.props.name.startsWith('西关墓群'))!;
      return { id: f.id, geometry: f.geometry, source: f.props.source };
    });
    expect(relic.source).not.toBeNull();
    const quote = `${relic.source!.quote}<b>加粗</b>${IMG}${SCRIPT}`;
    await page.evaluate(
      ({ id, geometry, source, quote, issuer, doc }) => {
        const app = document.querySelector('gis-app')!;
        app.replaceFeature({
          type: 'Feature',
          geometry,
          properties: { id, layer: 'relic-protection', source: { ...source!, quote }, issuer, docNumber: doc },
        } as unknown as Parameters<typeof app.replaceFeature>[0]);
        app.select(id, true);
      },
      { ...relic, quote, issuer: SCRIPT, doc: SVG },
    );
    const quoteBox = page.locator('gis-inspector [data-testid=quote]');
    await expect.poll(() => quoteBox.textContent()).toContain('<b>加粗</b>');
    expect(await quoteBox.textContent()).toContain(IMG);
    expect(await quoteBox.locator('b').count()).toBe(0);
    expect(await page.locator('gis-inspector [data-testid=doc-number]').textContent()).toBe(SVG);
    await clean(page, 'inspector with gazette markup');

    // ---- print sheet: the sources list names the patched document ------------------------------
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.locator('gis-app [role=tab]#tab-tools').click();
    await page.locator('gis-app [data-testid=print-button]').click();
    const sources = page.locator('gis-print-view [data-testid=print-sources]');
    await expect.poll(() => sources.textContent(), { timeout: 30_000 }).toContain(SVG);
    expect(await sources.textContent()).toContain(SCRIPT);
    const all = await clean(page, 'print sheet');
    for (const p of PAYLOADS) expect(all, p).toContain(p);

    // ---- the whole session ------------------------------------------------------------------
    expect(await cspViolations(page)).toEqual([]);
    expect(cspConsole).toEqual([]);
    for (const p of popups) if (!p.isClosed()) await clean(p, 'pop-up');
    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });

  it('the DOM audit finds an injected element (so the checks above can fail)', async () => {
    const { page, context } = await openApp(browser, inject('baseUrl'));
    expect((await auditDom(page)).hostile).toEqual([]);
    await page.evaluate((html) => {
      const host = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-import-panel')!.shadowRoot!;
      const div = document.createElement('div');
      div.innerHTML = html;
      host.append(div);
    }, IMG + SVG.slice(2));
    const a = await auditDom(page);
    expect(a.shadowRoots).toBeGreaterThan(3);
    expect(a.hostile.length).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
