import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { launchBrowser } from './browser';
import { ARTIFACTS, mapIdle, openApp, seriousViolations } from './viewer-helpers';
import { idbDump } from './reliability-helpers';
import { toGaussKruger } from '../../src/core/geo/gauss-kruger';

/**
 * Issue 7 in the app: drop a 界址点 table, preview (zone 37 and why), accept, reload, the layer is
 * still there (IndexedDB), compliance check → a 禁止 finding against the relic zone it overlaps;
 * a corrupt zip shows a message and leaves IndexedDB as it was; export round trips give the same
 * coordinates; surveyed coordinates supersede a park's text-derived shape.
 */

type LayerFc = FeatureCollection<Polygon, { id: string; name: string; method: string; precisionM: number; status: string }>;
const relics = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as LayerFc;
const parks = JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')) as LayerFc;

function centroid(ring: readonly Position[]): [number, number] {
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

/** A 界址点 table (X = northing, Y = prefixed easting, zone 37) of a square of `side` m centred on a lon/lat. */
function squareTable(lon: number, lat: number, side: number, title = '界址点坐标表（2000国家大地坐标系 3度带 第37带）'): { text: string; areaM2: number } {
  const c = toGaussKruger(lon, lat, { zone: 37, width: 3, prefixed: true });
  const x0 = Math.round(c.x);
  const y0 = Math.round(c.y);
  const h = side / 2;
  const pts = [
    [x0 - h, y0 - h],
    [x0 - h, y0 + h],
    [x0 + h, y0 + h],
    [x0 + h, y0 - h],
  ];
  const row = (p: number[], i: number): string => `J${i + 1}\t${p[0]!.toFixed(3)}\t${p[1]!.toFixed(3)}`;
  const text = [title, '点号\tX(m)\tY(m)', ...pts.map(row), row(pts[0]!, 0), `面积 ${(side * side).toFixed(2)} 平方米`].join('\n');
  return { text, areaM2: side * side };
}

function panel(page: Page): Locator {
  return page.locator('gis-import-panel');
}

/** Drops a file (built in the page with a DataTransfer) on an element of the app. */
async function dropFile(page: Page, target: 'map' | 'panel', name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ target, name, b64 }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name));
      const app = document.querySelector('gis-app')!;
      const el =
        target === 'map'
          ? app.shadowRoot!.querySelector('#map')!
          : app.shadowRoot!.querySelector('gis-import-panel')!.shadowRoot!.querySelector('[data-testid=import-drop]')!;
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
    },
    { target, name, b64: Buffer.from(bytes).toString('base64') },
  );
}


/** The catalog features the app holds for a layer id prefix. */
async function appFeatures(page: Page, layerPrefix: string): Promise<Array<{ id: string; geometry: Polygon; props: Record<string, unknown> }>> {
  return page.evaluate(
    (prefix) =>
      (document.querySelector('gis-app')!.loaded?.layers ?? [])
        .filter((l) => l.id.startsWith(prefix))
        .flatMap((l) => l.features.map((f) => ({ id: f.id, geometry: f.geometry as Polygon, props: f.props as unknown as Record<string, unknown> }))),
    layerPrefix,
  );
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

function ringOf(g: Polygon): Position[] {
  return g.coordinates[0]!;
}

/** Largest distance in degrees between the vertices of two rings of the same length. */
function maxVertexDiff(a: readonly Position[], b: readonly Position[]): number {
  if (a.length !== b.length) return Infinity;
  return Math.max(...a.map((p, i) => Math.max(Math.abs(p[0]! - b[i]![0]!), Math.abs(p[1]! - b[i]![1]!))));
}

describe('import, persistence, compliance check, supersede', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('drop → preview (zone 37) → accept → reload → compliance 禁止 vs the relic; corrupt zip changes nothing; export round trips', async () => {
    const relic = relics.features.find((f) => f.properties.name.startsWith('西关墓群'))!;
    expect(relic).toBeDefined();
    const [lon, lat] = centroid(ringOf(relic.geometry));
    const table = squareTable(lon, lat, 100);

    const { page, context, log } = await openApp(browser, inject('baseUrl'));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await expect.poll(() => page.locator('gis-import-panel').evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready.then(() => true))).toBe(true);

    // drop on the map: the import tab opens with the preview
    await dropFile(page, 'map', '界址点坐标表-西关.txt', new TextEncoder().encode(table.text));
    const preview = panel(page).locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('panel')).toBe('import');
    const crs = preview.locator('[data-testid=preview-crs]');
    expect(await crs.getAttribute('data-zone')).toBe('37');
    expect(await crs.getAttribute('data-epsg')).toBe('4525');
    expect(await preview.locator('[data-testid=preview-zone]').textContent()).toContain('37');
    const reason = (await preview.locator('[data-testid=preview-reason]').textContent()) ?? '';
    expect(reason).toContain('第37带');
    expect(reason).toContain('带号前缀');
    expect(await preview.locator('[data-testid=preview-confidence]').getAttribute('data-confidence')).toBe('stated');
    expect(await preview.locator('[data-testid=preview-count]').textContent()).toBe('1');
    expect(await preview.locator('[data-testid=preview-areas]').textContent()).toContain('10000.00 平方米');
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('import-preview'))).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/import-preview-desktop.png` });
    expect(await seriousViolations(page)).toEqual([]);

    await preview.locator('[data-testid=import-name]').fill('西关项目用地');
    await preview.locator('[data-testid=import-category]').selectOption('project-boundary');
    await preview.locator('[data-testid=import-accept]').click();
    const item = panel(page).locator('[data-testid=user-layer]');
    await item.waitFor();
    expect(await item.locator('[data-testid=user-layer-name]').textContent()).toBe('西关项目用地');
    const stored = await appFeatures(page, 'imported:project-boundary:');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.props['category']).toBe('project-boundary');
    const storedRing = ringOf(stored[0]!.geometry);

    // reload: the layer comes back from IndexedDB, on the map and in the catalog
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await item.waitFor();
    expect(await item.locator('[data-testid=user-layer-name]').textContent()).toBe('西关项目用地');
    const reloaded = await appFeatures(page, 'imported:project-boundary:');
    expect(reloaded).toHaveLength(1);
    expect(maxVertexDiff(ringOf(reloaded[0]!.geometry), storedRing)).toBe(0);
    await page.evaluate(([w, s, e, n]) => document.querySelector('gis-app')!.map.fitBounds([w!, s!, e!, n!]), [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01]);
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedFeatureIds())).toContain(reloaded[0]!.id);

    // compliance check: a 禁止 finding against the relic protection range, areas side by side
    await item.locator('[data-testid=compliance-button]').click();
    const result = panel(page).locator('[data-testid=compliance-result]');
    await result.waitFor({ timeout: 60_000 });
    const forbidden = result.locator('tr.finding[data-severity="禁止"][data-b-layer="relic-protection"]');
    await expect.poll(() => forbidden.count()).toBeGreaterThan(0);
    // the overlap at the drawn positions comes first; others are only possible within the ±6 km precision of their sketches
    expect(await forbidden.first().textContent()).toContain('西关墓群');
    expect(await forbidden.first().getAttribute('data-nominal')).toBe('true');
    expect(await forbidden.first().getAttribute('data-rule')).toBe('project-boundary-x-relic-protection');
    expect(await result.locator('tr.finding[data-nominal="true"]').count()).toBe(1);
    const areaRow = result.locator('[data-testid=sheet-areas] tbody tr').first();
    const planar = Number(await areaRow.getAttribute('data-planar'));
    const geodesic = Number(await areaRow.getAttribute('data-geodesic'));
    expect(Math.abs(planar - table.areaM2)).toBeLessThan(0.01);
    // ~70 km east of the central meridian the plane's scale is k ≈ 1.00006: the ellipsoidal area is ~0.012 % smaller
    expect(geodesic).toBeLessThan(planar);
    expect(Math.abs(geodesic / planar - 1)).toBeLessThan(0.001);
    expect(await areaRow.textContent()).toContain('37');
    await page.screenshot({ path: `${ARTIFACTS}/import-compliance-desktop.png` });
    expect(await seriousViolations(page)).toEqual([]);
    const sheet = await Promise.all([page.waitForEvent('popup'), result.locator('[data-testid=print-review]').click()]).then(([p]) => p);
    await sheet.waitForLoadState();
    expect(await sheet.locator('h1').textContent()).toContain('合规性审查表');
    expect(await sheet.locator('tr.finding[data-severity="禁止"]').count()).toBeGreaterThan(0);
    await sheet.screenshot({ path: `${ARTIFACTS}/import-review-sheet.png`, fullPage: true });
    await sheet.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.toolbar').isVisible()).toBe(false);
    await sheet.close();

    // a corrupt zip: a message, and IndexedDB exactly as before
    const before = await idbDump(page);
    expect(JSON.parse(before).layers).toHaveLength(1);
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 200 }, (_, i) => (i * 37) % 256)]);
    await dropFile(page, 'panel', 'broken.zip', corrupt);
    const error = panel(page).locator('[data-testid=import-error]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/zip/);
    expect(await error.textContent()).toContain('已保存的图层未改变');
    expect(await panel(page).locator('[data-testid=import-preview]').count()).toBe(0);
    expect(await idbDump(page)).toBe(before);
    expect(await panel(page).locator('[data-testid=user-layer]').count()).toBe(1);

    // export round trips: download, import the file again, same coordinates
    for (const [format, tolerance] of [
      ['geojson', 1e-9],
      ['coordinate-table', 1e-7],
      ['shapefile', 1e-9],
      ['kml', 1e-6],
    ] as const) {
      await item.locator('[data-testid=export-format]').selectOption(format);
      if (format === 'coordinate-table') {
        expect(await item.locator('[data-testid=export-zone]').inputValue()).toBe('37');
      }
      const file = await download(page, () => item.locator('[data-testid=export-button]').click());
      expect(file.name.startsWith('西关项目用地')).toBe(true);
      await panel(page).locator('[data-testid=import-file]').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
      await preview.waitFor({ timeout: 30_000 });
      expect(await preview.locator('[data-testid=preview-file]').textContent()).toBe(file.name);
      if (format === 'coordinate-table') expect(await crs.getAttribute('data-zone')).toBe('37');
      const again = await panel(page).evaluate(
        (el) => (el as unknown as { preview: { features: Array<Feature<Polygon>> } | null }).preview?.features.map((f) => f.geometry) ?? [],
      );
      expect(again, format).toHaveLength(1);
      expect(maxVertexDiff(ringOf(again[0]!), storedRing), format).toBeLessThan(tolerance);
      await preview.locator('[data-testid=import-discard]').click();
    }
    expect(await idbDump(page)).toBe(before);
    expect(dialogs).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });

  it('surveyed coordinates supersede a park’s text-derived shape (kept, shown on demand, persisted, exported)', async () => {
    const park = parks.features.find((f) => f.geometry?.type === 'Polygon' && f.properties.precisionM > 0)!;
    expect(park).toBeDefined();
    const [lon, lat] = centroid(ringOf(park.geometry));
    const table = squareTable(lon, lat, 800, '园区四至界址点（CGCS2000 3度带 第37带）');
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import', { width: 390, height: 780 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // the paste box reads the same table
    await panel(page).locator('[data-testid=import-paste]').fill(table.text);
    await panel(page).locator('[data-testid=import-paste-read]').click();
    await panel(page).locator('[data-testid=import-preview] [data-testid=preview-crs][data-zone="37"]').waitFor({ timeout: 30_000 });
    await panel(page).locator('[data-testid=import-discard]').click();
    expect(await panel(page).locator('[data-testid=import-preview]').count()).toBe(0);

    // the file name is a markup payload: it must show as text
    const evil = '<img src=x onerror=alert(1)>.txt';
    await panel(page).locator('[data-testid=import-file]').setInputFiles({ name: evil, mimeType: 'text/plain', buffer: Buffer.from(table.text) });
    const preview = panel(page).locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.locator('[data-testid=preview-file]').textContent()).toBe(evil);
    expect(await panel(page).locator('img').count()).toBe(0);

    await preview.locator('[data-testid=supersede] summary').click();
    await preview.locator('[data-testid=supersede-target]').selectOption(park.properties.id);
    const button = preview.locator('[data-testid=supersede-button]');
    expect(await button.textContent()).toContain(park.properties.name);
    await page.screenshot({ path: `${ARTIFACTS}/import-supersede-phone.png`, fullPage: true });
    await button.click();
    const rec = panel(page).locator(`[data-testid=supersession][data-feature-id="${park.properties.id}"]`);
    await rec.waitFor();

    const check = async (): Promise<void> => {
      const f = (await appFeatures(page, 'chemical-park')).find((x) => x.id === park.properties.id)!;
      expect(f.props['precisionM']).toBe(0);
      expect(f.props['method']).toBe('surveyed');
      expect(f.props['flags']).toContain('SUPERSEDES_TEXT_SHAPE');
      expect(maxVertexDiff(ringOf(f.geometry), ringOf(park.geometry))).toBeGreaterThan(0.001);
      expect(ringOf(f.geometry)).toHaveLength(5);
    };
    await check();

    // the old shape is drawn only on demand
    await page.evaluate(([w, s, e, n]) => document.querySelector('gis-app')!.map.fitBounds([w!, s!, e!, n!]), [lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05]);
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('superseded-shapes'))).toBe(0);
    await rec.locator('[data-testid=show-superseded]').check();
    await expect.poll(async () => {
      await mapIdle(page);
      return page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('superseded-shapes'));
    }).toBeGreaterThan(0);

    // persisted: after a reload the park still uses the survey and the old shape is still shown
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await rec.waitFor();
    await check();
    expect(await rec.locator('[data-testid=show-superseded]').isChecked()).toBe(true);

    // exported with both versions and their statuses
    const file = await download(page, () => rec.locator('[data-testid=export-supersession]').click());
    const fc = JSON.parse(file.bytes.toString('utf8')) as FeatureCollection<Polygon, Record<string, unknown>>;
    expect(fc.features).toHaveLength(2);
    const [now, old] = fc.features;
    expect(now!.properties['status']).toBe(park.properties.status);
    expect(now!.properties['method']).toBe('surveyed');
    expect(now!.properties['precisionM']).toBe(0);
    expect(now!.properties['flags']).toContain('SUPERSEDES_TEXT_SHAPE');
    expect(old!.properties['status']).toBe('superseded');
    expect(old!.properties['method']).toBe(park.properties.method);
    expect(old!.properties['supersededBy']).toBe(park.properties.id);
    expect(maxVertexDiff(ringOf(old!.geometry), ringOf(park.geometry))).toBeLessThan(1e-9);
    await page.screenshot({ path: `${ARTIFACTS}/import-supersede-after-phone.png`, fullPage: true });

    // undo: the text-derived shape applies again
    await rec.locator('[data-testid=undo-supersession]').click();
    await rec.waitFor({ state: 'detached' });
    const restored = (await appFeatures(page, 'chemical-park')).find((x) => x.id === park.properties.id)!;
    expect(restored.props['method']).toBe(park.properties.method);
    expect(dialogs).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
