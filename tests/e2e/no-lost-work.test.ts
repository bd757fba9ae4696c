import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FeatureCollection, Polygon } from 'geojson';
import { launchBrowser } from './browser';
import { ARTIFACTS, openApp } from './viewer-helpers';
import { centroid, download, idbDump, importAndAccept, importPanel, importReady, squareRing } from './reliability-helpers';

/**
 * Issue 10, no lost work: (a) reloading the page while a large file is being parsed, and while an
 * accepted layer is being written, leaves what was stored before exactly as it was and no half
 * layer; (b) a storage quota error (IDBObjectStore.put throwing QuotaExceededError) gives a clear
 * message in Chinese and English, keeps the app running and the store unchanged; (c) "export all"
 * writes one backup file, and restoring it after the storage was cleared gives the same content
 * (as new layers by default, or exactly the same records with "replace"); a bad backup changes
 * nothing.
 */

const parks = JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')) as FeatureCollection<Polygon, { id: string; name: string; precisionM: number }>;

function squareGeoJson(lon: number, lat: number, halfDeg: number, name: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name, 用途: '测试' }, geometry: { type: 'Polygon', coordinates: [squareRing(lon, lat, halfDeg)] } }] }),
  );
}

/** ~30 MB of GeoJSON: `n` circles of `vertices` vertices each around 太原 (counter-clockwise, no self-intersection). */
function largeGeoJson(n: number, vertices: number): string {
  const parts: string[] = ['{"type":"FeatureCollection","features":['];
  for (let k = 0; k < n; k++) {
    const cx = 112.3 + (k % 10) * 0.02;
    const cy = 37.7 + Math.floor(k / 10) * 0.02;
    const ring: string[] = [];
    for (let i = 0; i < vertices; i++) {
      const a = (2 * Math.PI * i) / vertices;
      ring.push(`[${(cx + 0.008 * Math.cos(a)).toFixed(9)},${(cy + 0.008 * Math.sin(a)).toFixed(9)}]`);
    }
    ring.push(ring[0]!);
    parts.push(`${k > 0 ? ',' : ''}{"type":"Feature","properties":{"name":"大文件 ${k}"},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`);
  }
  parts.push(']}');
  return parts.join('');
}

async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
  await importReady(page);
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface DumpLayer {
  id: string;
  name: string;
  category: string;
  visible: boolean;
  source: unknown;
  features: Array<{ geometry: unknown; properties: Record<string, unknown> }>;
}
interface Dump {
  layers: DumpLayer[];
  supersessions: Array<Record<string, unknown>>;
}

/** A layer's content without its store id, creation time and feature ids (which "add as new" changes). */
function contentOf(l: DumpLayer): unknown {
  return {
    name: l.name,
    category: l.category,
    visible: l.visible,
    source: l.source,
    features: l.features.map((f) => {
      const { id: _id, ...props } = f.properties;
      return { geometry: f.geometry, properties: props };
    }),
  };
}

describe('no lost work (issue 10)', () => {
  let browser: Browser;
  let tmp: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = mkdtempSync(join(tmpdir(), 'gis-no-lost-work-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a reload while a 30 MB file is parsed or its layer is written keeps what was stored and leaves no half layer', { timeout: 300_000 }, async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import');
    await importReady(page);
    await importAndAccept(page, '图层A.geojson', squareGeoJson(112.55, 37.85, 0.002, '图层A'));
    const before = await idbDump(page);
    const layerA = (JSON.parse(before) as Dump).layers[0]!;
    const hashA = sha(JSON.stringify(layerA.features));

    const big = largeGeoJson(100, 10_000);
    expect(big.length).toBeGreaterThan(28e6);
    const bigPath = join(tmp, '大文件B.geojson');
    writeFileSync(bigPath, big);

    // (1) reload while the worker parses B
    const panel = importPanel(page);
    await panel.locator('[data-testid=import-file]').setInputFiles(bigPath);
    await panel.locator('[data-testid=import-progress]').waitFor({ timeout: 30_000 });
    await reloadApp(page);
    expect(await idbDump(page)).toBe(before);
    expect(await panel.locator('[data-testid=user-layer]').count()).toBe(1);
    expect(await panel.locator('[data-testid=import-preview]').count()).toBe(0);
    const afterReload = (JSON.parse(await idbDump(page)) as Dump).layers;
    expect(afterReload.map((l) => l.name)).toEqual(['图层A']);
    expect(sha(JSON.stringify(afterReload[0]!.features))).toBe(hashA);

    // (2) reload while B is being accepted and written: B is either absent or complete, A untouched
    await panel.locator('[data-testid=import-file]').setInputFiles(bigPath);
    const preview = panel.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 120_000 });
    expect(await preview.locator('[data-testid=preview-count]').textContent()).toBe('100');
    await preview.locator('[data-testid=import-accept]').click();
    await panel.locator('[data-testid=import-progress]').waitFor({ state: 'detached', timeout: 120_000 });
    await reloadApp(page);
    const after = JSON.parse(await idbDump(page)) as Dump;
    const a = after.layers.find((l) => l.id === layerA.id);
    expect(a).toBeDefined();
    expect(sha(JSON.stringify(a!.features))).toBe(hashA);
    const others = after.layers.filter((l) => l.id !== layerA.id);
    expect(others.length).toBeLessThanOrEqual(1);
    // a complete B: 100 rings of 10 001 vertices, whether stored inline or (large-file path) as a Blob
    const rings = await page.evaluate(
      () =>
        new Promise<Record<string, number[]>>((resolve, reject) => {
          const req = indexedDB.open('shanxi-gis-user-data');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const get = req.result.transaction('layers').objectStore('layers').getAll();
            get.onsuccess = async () => {
              const out: Record<string, number[]> = {};
              for (const l of get.result as Array<{ id: string; features: Array<{ geometry: { coordinates: unknown[][] } }>; large?: { data: Blob } }>) {
                const features = l.large ? (JSON.parse(await l.large.data.text()) as { features: typeof l.features }).features : l.features;
                out[l.id] = features.map((f) => f.geometry.coordinates[0]!.length);
              }
              req.result.close();
              resolve(out);
            };
          };
        }),
    );
    for (const b of others) {
      expect(b.name).toBe('大文件B');
      expect(rings[b.id]).toEqual(Array.from({ length: 100 }, () => 10_001));
    }
    expect(await panel.locator('[data-testid=user-layer]').count()).toBe(1 + others.length);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('a quota error gives a clear message, keeps the app usable and the stored layers intact', { timeout: 120_000 }, async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import');
    await importReady(page);
    const panel = importPanel(page);
    await importAndAccept(page, '图层A.geojson', squareGeoJson(112.55, 37.85, 0.002, '图层A'));
    const before = await idbDump(page);

    // storage is full from now on: every put throws QuotaExceededError
    await page.evaluate(() => {
      const w = window as unknown as { __quotaFull: boolean; __puts: number };
      w.__quotaFull = true;
      w.__puts = 0;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__quotaFull) {
          w.__puts++;
          throw new DOMException('simulated: the quota has been exceeded', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });

    await panel.locator('[data-testid=import-file]').setInputFiles({ name: '图层C.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(squareGeoJson(112.6, 37.9, 0.002, '图层C')) });
    const preview = panel.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    await preview.locator('[data-testid=import-accept]').click();
    const error = panel.locator('[data-testid=import-error]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-reason')).toBe('quota');
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('保存失败');
    expect(text).toContain('浏览器存储空间不足');
    expect(text).toContain('browser storage is full');
    expect(await page.evaluate(() => (window as unknown as { __puts: number }).__puts)).toBeGreaterThan(0);
    // the preview stays so the user can free space and try again; nothing was stored
    expect(await preview.count()).toBe(1);
    expect(await idbDump(page)).toBe(before);
    expect(await panel.locator('[data-testid=user-layer]').count()).toBe(1);

    // renaming (a read-modify-write) fails the same way, without an uncaught error
    const item = panel.locator('[data-testid=user-layer]').first();
    await item.locator('[data-testid=rename-input]').fill('新名称');
    await item.locator('[data-testid=rename-save]').click();
    await expect.poll(() => error.getAttribute('data-reason')).toBe('quota');
    expect(await item.locator('[data-testid=user-layer-name]').textContent()).toBe('图层A');
    expect(await idbDump(page)).toBe(before);

    // in English the prefix is English too
    await page.locator('gis-app header select').first().selectOption('en');
    await preview.locator('[data-testid=import-accept]').click();
    await expect.poll(() => error.textContent()).toContain('Saving failed');

    // the app keeps working: search, select, inspector
    const input = page.locator('gis-search input');
    await input.fill('大觉寺');
    const results = page.locator('gis-search [data-testid=search-results] button');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await results.first().click();
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toContain('大觉寺');

    // space freed: the same accept now succeeds
    await page.evaluate(() => {
      (window as unknown as { __quotaFull: boolean }).__quotaFull = false;
    });
    await page.locator('gis-app [role=tab]#tab-import').click();
    await preview.locator('[data-testid=import-accept]').click();
    await expect.poll(() => panel.locator('[data-testid=user-layer]').count()).toBe(2);
    expect(await error.count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('export all → clear storage → restore gives the same layers, categories, visibility, names and supersede records', { timeout: 180_000 }, async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=import');
    await importReady(page);
    const panel = importPanel(page);
    await importAndAccept(page, '项目红线.geojson', squareGeoJson(112.55, 37.85, 0.002, '红线甲'), 'project-boundary');
    await importAndAccept(page, '生态红线.geojson', squareGeoJson(112.58, 37.88, 0.003, '生态乙'), 'ecological-red-line');
    // a hidden layer and a renamed one
    const items = panel.locator('[data-testid=user-layer]');
    await items.nth(1).locator('[data-testid=user-layer-visible]').uncheck();
    await items.nth(0).locator('[data-testid=rename-input]').fill('项目红线（改名）');
    await items.nth(0).locator('[data-testid=rename-save]').click();
    await expect.poll(() => items.nth(0).locator('[data-testid=user-layer-name]').textContent()).toBe('项目红线（改名）');
    // the UI updates before IndexedDB commits: wait for both writes to be stored
    const stored = async (): Promise<Array<[string, boolean]>> => (JSON.parse(await idbDump(page)) as Dump).layers.map((l) => [l.name, l.visible]);
    await expect.poll(stored).toEqual(expect.arrayContaining([['项目红线（改名）', true], ['生态红线', false]]));
    // a supersede record: surveyed coordinates for a park's text-derived shape
    const park = parks.features.find((f) => f.geometry?.type === 'Polygon' && f.properties.precisionM > 0)!;
    const [lon, lat] = centroid(park.geometry.coordinates[0]!);
    await panel.locator('[data-testid=import-file]').setInputFiles({ name: '园区实测.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(squareGeoJson(lon, lat, 0.004, '园区实测')) });
    const preview = panel.locator('[data-testid=import-preview]');
    await preview.waitFor({ timeout: 30_000 });
    await preview.locator('[data-testid=supersede] summary').click();
    await preview.locator('[data-testid=supersede-target]').selectOption(park.properties.id);
    await preview.locator('[data-testid=supersede-button]').click();
    await panel.locator(`[data-testid=supersession][data-feature-id="${park.properties.id}"]`).waitFor();

    const original = JSON.parse(await idbDump(page)) as Dump;
    expect(original.layers).toHaveLength(2);
    expect(original.supersessions).toHaveLength(1);

    // export all: one JSON file with everything
    const file = await download(page, () => panel.locator('[data-testid=backup-export]').click());
    expect(file.name).toMatch(/^shanxi-gis-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(file.bytes.toString('utf8')) as { format: string; version: number; layers: DumpLayer[]; supersessions: unknown[] };
    expect(backup.format).toBe('shanxi-gis-user-backup');
    expect(backup.version).toBe(1);
    expect(backup.layers.map((l) => [l.name, l.category, l.visible])).toEqual([
      ['项目红线（改名）', 'project-boundary', true],
      ['生态红线', 'ecological-red-line', false],
    ]);
    expect(backup.supersessions).toEqual(original.supersessions);

    // a bad backup (a coordinate that is text) and a file that is not JSON change nothing
    const bad = JSON.parse(file.bytes.toString('utf8')) as { layers: Array<{ features: Array<{ geometry: { coordinates: unknown[][][] } }> }> };
    bad.layers[0]!.features[0]!.geometry.coordinates[0]![1] = ['112.5', 'x'];
    const error = panel.locator('[data-testid=import-error]');
    for (const [name, bytes, why] of [
      ['bad.json', Buffer.from(JSON.stringify(bad)), 'invalid geometry'],
      ['truncated.json', file.bytes.subarray(0, Math.floor(file.bytes.length / 2)), '不是有效的 JSON'],
      ['other-version.json', Buffer.from(JSON.stringify({ ...backup, version: 2 })), 'version'],
    ] as const) {
      await panel.locator('[data-testid=backup-file]').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
      await expect.poll(() => error.textContent()).toContain(why);
      expect(await error.getAttribute('data-reason')).toBe('backup-invalid');
      expect(await error.textContent()).toContain('备份未恢复');
      expect(await idbDump(page)).toBe(JSON.stringify(original));
    }

    // clear the storage (another connection, one transaction) and reload: nothing stored
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('shanxi-gis-user-data');
          req.onsuccess = () => {
            const tx = req.result.transaction(['layers', 'supersessions'], 'readwrite');
            tx.objectStore('layers').clear();
            tx.objectStore('supersessions').clear();
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await reloadApp(page);
    expect(await panel.locator('[data-testid=user-layer]').count()).toBe(0);

    // restore (default: add as new layers): the same content under new ids
    expect(await panel.locator('[data-testid=backup-mode]').inputValue()).toBe('add');
    await panel.locator('[data-testid=backup-file]').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
    await expect.poll(() => panel.locator('[data-testid=user-layer]').count()).toBe(2);
    await expect.poll(async () => (JSON.parse(await idbDump(page)) as Dump).layers.length).toBe(2);
    const added = JSON.parse(await idbDump(page)) as Dump;
    // new ids, so the store's key order may differ: compare as sets, by name
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    expect([...added.layers].sort(byName).map(contentOf)).toEqual([...original.layers].sort(byName).map(contentOf));
    expect(added.layers.map((l) => l.id).some((id) => original.layers.some((o) => o.id === id))).toBe(false);
    expect(added.supersessions).toEqual(original.supersessions);
    // the restored layers are in the app: the catalog, the map's visibility, the superseded park
    const catalogIds = await page.evaluate(() => (document.querySelector('gis-app')!.loaded?.layers ?? []).filter((l) => l.id.startsWith('imported:')).map((l) => l.id));
    expect(catalogIds).toHaveLength(2);
    const parkNow = await page.evaluate((id) => document.querySelector('gis-app')!.loaded!.layers.flatMap((l) => l.features).find((f) => f.id === id)!.props.method, park.properties.id);
    expect(parkNow).toBe('surveyed');

    // restore again with "replace": exactly the records that were exported
    await panel.locator('[data-testid=backup-mode]').selectOption('replace');
    await panel.locator('[data-testid=backup-file]').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
    await expect.poll(async () => (JSON.parse(await idbDump(page)) as Dump).layers.map((l) => l.id).join()).toBe(original.layers.map((l) => l.id).join());
    expect(JSON.parse(await idbDump(page))).toEqual(original);
    await reloadApp(page);
    expect(JSON.parse(await idbDump(page))).toEqual(original);
    expect(await panel.locator('[data-testid=user-layer-name]').allTextContents()).toEqual(['项目红线（改名）', '生态红线']);
    await page.screenshot({ path: `${ARTIFACTS}/backup-restored.png` });
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
