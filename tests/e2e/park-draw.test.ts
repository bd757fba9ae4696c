import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { LineString } from 'geojson';
import type { Feature, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { syntheticLayers } from '../../src/cli/basemap/make-fixtures';
import { toGaussKruger } from '../../src/core/geo/gauss-kruger';
import type { FeatureProps } from '../../src/core/model/feature-props';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle, screenOf } from './viewer-helpers';

/**
 * Issue 16: drawing a 四至 park's boundary with pointer events (terra-draw in the built app), its live area and
 * the stored supersede record against GeographicLib's Planimeter, the drawn shape after a reload; and dragging
 * 大觉寺's anchor in 定位 moves both of its zones.
 */

type F = Feature<Polygon, FeatureProps>;
const layer = (id: string): F[] => (JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8')) as { features: F[] }).features;
const park = layer('chemical-park').find((f) => f.properties.name === '浮山双新产业园区') as F;
const protection = layer('relic-protection').find((f) => f.properties.name.startsWith('大觉寺')) as F;
const control = layer('relic-control').find((f) => f.properties.recordId === protection.properties.recordId) as F;

/** Geodesic area (m²) of a ring on GRS80 by GeographicLib's Planimeter (C++), not by the app's code. */
function planimeter(ring: readonly Position[]): number {
  const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
  const out = execFileSync('Planimeter', ['-e', '6378137', '1/298.257222101', '-p', '3'], { input: pts.map((p) => `${p[1]} ${p[0]}`).join('\n'), encoding: 'utf8' });
  return Math.abs(Number(out.trim().split(/\s+/)[2]));
}

/** Reads every record of an IndexedDB object store. */
function readStore(page: Page, db: string, store: string): Promise<unknown[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = indexedDB.open(name!);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction(storeName!, 'readonly').objectStore(storeName!).getAll();
          get.onsuccess = () => resolve(get.result as unknown[]);
          get.onerror = () => reject(get.error);
        };
      }),
    [db, store],
  );
}

const featureOf = (page: Page, id: string) =>
  page.evaluate((fid) => {
    const f = document.querySelector('gis-app')!.store?.featureById(fid);
    return f ? { geometry: f.geometry as Polygon, props: f.props as unknown as FeatureProps } : null;
  }, id);

/** Vertex offsets from the anchor in the anchor's 3° Gauss-Krüger zone, metres [east, north]. */
function offsets(ring: readonly Position[], anchor: { lon: number; lat: number }): Array<[number, number]> {
  const zone = Math.round(anchor.lon / 3);
  const o = toGaussKruger(anchor.lon, anchor.lat, { width: 3, zone, prefixed: false });
  return ring.map((p) => {
    const g = toGaussKruger(p[0]!, p[1]!, { width: 3, zone, prefixed: false });
    return [g.y - o.y, g.x - o.x];
  });
}

describe('drawing a park along its 四至 and dragging an anchor (issue 16)', () => {
  const suite = useAppSuite();

  it('draws 浮山双新产业园区 with clicks: sides ticked, live area, stored supersede record, drawn shape after reload', async () => {
    const { page, context, log } = await suite.openApp(`?layers=chemical-park&sel=${encodeURIComponent(park.properties.id)}`, { width: 1400, height: 900 });
    try {
      const anchor = park.properties.anchor as { lon: number; lat: number };
      // A quadrilateral of about 2.4 km × 2.2 km around the park's anchor, drawn at zoom 13.3 left of the inspector.
      const target: Position[] = [
        [anchor.lon - 0.013, anchor.lat - 0.011],
        [anchor.lon + 0.012, anchor.lat - 0.009],
        [anchor.lon + 0.014, anchor.lat + 0.01],
        [anchor.lon - 0.011, anchor.lat + 0.012],
      ];
      const setView = async (lon: number, lat: number): Promise<void> => {
        await page.evaluate(([lo, la]) => document.querySelector('gis-app')!.map.setView({ lon: lo!, lat: la!, zoom: 13.3 }), [lon, lat]);
        await mapIdle(page);
      };
      await setView(anchor.lon, anchor.lat);
      await page.locator('[data-testid="park-draw-start"]').click();
      // Centre the anchor in the part of the map between the side panel and the inspector.
      const box = await page.locator('gis-app #map').boundingBox();
      const inspector = await page.locator('gis-app .inspector-wrap').boundingBox();
      const a0 = await screenOf(page, anchor.lon, anchor.lat);
      const a1 = await screenOf(page, anchor.lon + 0.01, anchor.lat);
      const wanted = ((box?.x ?? 0) + (inspector?.x ?? 0)) / 2;
      await setView(anchor.lon - ((wanted - a0.x) / (a1.x - a0.x)) * 0.01, anchor.lat);
      await expect.poll(() => page.locator('[data-testid="draw-sides"] li').count()).toBe(4);
      await expect.poll(() => page.locator('[data-testid="draw-sides"] li[data-drawn="true"]').count()).toBe(0);

      const screen = await Promise.all(target.map((p) => screenOf(page, p[0]!, p[1]!)));
      for (const s of screen) {
        expect(s.x).toBeGreaterThan((box?.x ?? 0) + 20);
        expect(s.x).toBeLessThan(inspector?.x ?? 0);
        expect(s.y).toBeGreaterThan((box?.y ?? 0) + 20);
        expect(s.y).toBeLessThan((box?.y ?? 0) + (box?.height ?? 0) - 40);
      }
      const click = async (p: { x: number; y: number }): Promise<void> => {
        await page.mouse.move(p.x, p.y, { steps: 4 });
        await page.mouse.click(p.x, p.y);
        await page.waitForTimeout(350);
      };
      await click(screen[0]!);
      await click(screen[1]!);
      // A wrong vertex, then undo removes it (terra-draw's mode-level undo).
      await click({ x: (screen[1]!.x + screen[2]!.x) / 2 + 60, y: (screen[1]!.y + screen[2]!.y) / 2 });
      await page.locator('[data-testid="draw-undo"]').click();
      await page.waitForTimeout(200);
      await click(screen[2]!);
      // Three vertices and the pointer: a triangle whose long side faces north-west; not every side is ticked yet.
      expect(await page.locator('[data-testid="draw-sides"] li[data-drawn="false"]').count()).toBeGreaterThan(0);
      await click(screen[3]!);
      await click(screen[0]!);
      await expect.poll(() => page.locator('[data-testid="draw-sides"] li[data-drawn="true"]').count()).toBe(4);
      await expect.poll(() => page.locator('[data-testid="draw-save"]').isEnabled()).toBe(true);

      const truth = planimeter(target);
      const live = Number(await page.locator('[data-testid="draw-area"]').getAttribute('data-m2'));
      expect(Math.abs(live - truth) / truth).toBeLessThan(0.005);
      expect(await page.locator('[data-testid="draw-area"]').textContent()).toContain('公顷');
      const diff = await page.locator('[data-testid="draw-area-diff"]').textContent();
      const statedShare = (truth - (park.properties.statedAreaM2 as number)) / (park.properties.statedAreaM2 as number);
      expect(Math.abs(Number(diff?.replace('%', '')) - statedShare * 100)).toBeLessThan(0.5);
      await page.screenshot({ path: `${ARTIFACTS}/park-draw.png` });

      await page.locator('[data-testid="draw-precision"]').fill('20');
      await page.locator('[data-testid="draw-save"]').click();
      await expect.poll(() => page.locator('[data-testid="draw-message"]').textContent()).toContain('已保存');

      const records = (await readStore(page, 'shanxi-gis-user-data', 'supersessions')) as Array<Record<string, unknown>>;
      const record = records.find((r) => r['featureId'] === park.properties.id) as Record<string, unknown> & { surveyed: Polygon; previousGeometry: Polygon };
      expect(record).toMatchObject({ method: 'drawn-along-four-bounds', precisionM: 20, sourceFile: 'drawn by user along 四至', layer: 'chemical-park' });
      expect(String(record['createdAt']).slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
      expect(record.previousGeometry).toEqual(park.geometry);
      const stored = record.surveyed.coordinates[0]!;
      expect(stored).toHaveLength(5);
      expect(Math.abs(planimeter(stored) - truth) / truth).toBeLessThan(0.005);
      const mpp = await page.evaluate(() => document.querySelector('gis-app')!.map.metresPerPixel());
      target.forEach((p, i) => {
        const q = stored[i]!;
        const metres = Math.hypot((q[0]! - p[0]!) * 111_320 * Math.cos((p[1]! * Math.PI) / 180), (q[1]! - p[1]!) * 110_574);
        expect(metres).toBeLessThan(1.5 * mpp);
      });
      console.info(`park-draw: truth ${truth.toFixed(1)} m², live ${live.toFixed(1)} m² (${(((live - truth) / truth) * 100).toFixed(4)} %), stored ${planimeter(stored).toFixed(1)} m², ${mpp.toFixed(2)} m/px`);

      const inForce = await featureOf(page, park.properties.id);
      expect(inForce?.geometry).toEqual(record.surveyed);
      expect(inForce?.props).toMatchObject({ method: 'drawn-along-four-bounds', precisionM: 20 });
      await expect.poll(() => page.locator('[data-testid="inspector"] [data-code="drawn-along-four-bounds"]').textContent()).toContain('沿"四至"绘制');

      await page.locator('gis-app #tab-import').click();
      await expect.poll(() => page.locator(`[data-testid="supersession"][data-feature-id="${park.properties.id}"]`).textContent(), { timeout: 30_000 }).toContain('±20 m');

      await page.reload();
      await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
      await expect.poll(async () => (await featureOf(page, park.properties.id))?.geometry, { timeout: 30_000 }).toEqual(record.surveyed);
      await mapIdle(page);
      expect(await page.evaluate((id) => document.querySelector('gis-app')!.map.renderedFeatureIds().includes(id), park.properties.id)).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/park-draw-after-reload.png` });
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
      expect(log.blockedRequests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('snaps drawn vertices to the roads of a picked vector PMTiles basemap (terra-draw toCustom → queryRenderedFeatures)', async () => {
    const { page, context, log } = await suite.openApp(`?layers=chemical-park&sel=${encodeURIComponent(park.properties.id)}`, { width: 1400, height: 900 });
    try {
      await page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        await document.querySelector('gis-app')!.map.setUserBasemap!(new File([bytes], 'synthetic-roads.pmtiles'));
      }, readFileSync('tests/fixtures/basemap/synthetic-roads.pmtiles').toString('base64'));
      // Between 合成大道 1 (110.8294) and 合成大道 2 (110.8494), 合成街 6 and 7: no other road within 80 px at zoom 14.
      const roads = [110.8294, 110.8494];
      const lats = [37.4593, 37.4653];
      const setView = async (lon: number): Promise<void> => {
        await page.evaluate(([lo, la]) => document.querySelector('gis-app')!.map.setView({ lon: lo!, lat: la!, zoom: 14 }), [lon, 37.4623]);
        await mapIdle(page);
      };
      await setView(110.8394);
      await page.locator('[data-testid="park-draw-start"]').click();
      const box = await page.locator('gis-app #map').boundingBox();
      const inspector = await page.locator('gis-app .inspector-wrap').boundingBox();
      const c0 = await screenOf(page, 110.8394, 37.4623);
      const c1 = await screenOf(page, 110.8494, 37.4623);
      await setView(110.8394 - ((((box?.x ?? 0) + (inspector?.x ?? 0)) / 2 - c0.x) / (c1.x - c0.x)) * 0.01);
      const corners: Array<[number, number]> = [
        [roads[0]!, lats[0]!],
        [roads[1]!, lats[0]!],
        [roads[1]!, lats[1]!],
        [roads[0]!, lats[1]!],
      ];
      const clicks = await Promise.all(corners.map(async ([lon, lat]) => {
        const p = await screenOf(page, lon, lat);
        return { x: p.x + 6, y: p.y };
      }));
      for (const p of [...clicks, clicks[0]!]) {
        await page.mouse.move(p.x, p.y, { steps: 4 });
        await page.mouse.click(p.x, p.y);
        await page.waitForTimeout(350);
      }
      await expect.poll(() => page.locator('[data-testid="draw-save"]').isEnabled()).toBe(true);
      await expect.poll(() => page.locator('[data-testid="draw-snapping"]').textContent()).toContain('吸附到底图');
      await page.screenshot({ path: `${ARTIFACTS}/park-draw-snapping.png` });
      await page.locator('[data-testid="draw-precision"]').fill('5');
      await page.locator('[data-testid="draw-save"]').click();
      await expect.poll(() => page.locator('[data-testid="draw-message"]').textContent()).toContain('已保存');
      const records = (await readStore(page, 'shanxi-gis-user-data', 'supersessions')) as Array<{ featureId: string; surveyed: Polygon }>;
      const ring = records.find((r) => r.featureId === park.properties.id)!.surveyed.coordinates[0]!;
      expect(ring).toHaveLength(5);
      const mpp = await page.evaluate(() => document.querySelector('gis-app')!.map.metresPerPixel());
      const lines = syntheticLayers().roads.features.map((f) => (f.geometry as LineString).coordinates);
      const kx = 111_320 * Math.cos((37.46 * Math.PI) / 180);
      const ky = 110_574;
      /** Distance (m) from a point to the nearest road of the fixture's source GeoJSON. */
      const toRoad = (p: Position): number =>
        Math.min(...lines.flatMap((line) => line.slice(1).map((b, i) => {
          const a = line[i]!;
          const [ax, ay, bx, by, px, py] = [a[0]! * kx, a[1]! * ky, b[0]! * kx, b[1]! * ky, p[0]! * kx, p[1]! * ky];
          const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
          return Math.hypot(ax + t * (bx - ax) - px, ay + t * (by - ay) - py);
        })));
      corners.forEach(([lon, lat], i) => {
        const v = ring[i]!;
        expect(toRoad(v)).toBeLessThan(1.5);
        expect(Math.abs(v[0]! - lon) * kx).toBeLessThan(1.5);
        expect(Math.abs(v[1]! - lat) * ky).toBeLessThan(1.5 * mpp);
      });
      console.info(`park-draw snapping: clicks 6 px (${(6 * mpp).toFixed(1)} m) east of the roads; vertices ${ring.slice(0, 4).map((v) => toRoad(v).toFixed(2)).join(', ')} m from them`);
      expect(log.pageErrors).toEqual([]);
      expect(log.blockedRequests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('drags 大觉寺’s anchor: the placement is stored where it was dropped and both zones follow', async () => {
    const { page, context, log } = await suite.openApp(`?layers=relic-protection,relic-control&sel=${encodeURIComponent(protection.properties.id)}`, { width: 1400, height: 900 });
    try {
      const old = protection.properties.anchor as { lon: number; lat: number };
      await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.setView({ lon: lon!, lat: lat!, zoom: 14 }), [old.lon + 0.01, old.lat]);
      await mapIdle(page);
      await page.locator('[data-testid="place-start"]').click();
      await page.locator('[data-testid="place-source"]').selectOption('imagery');
      await page.locator('[data-testid="place-precision"]').fill('30');
      await page.locator('[data-testid="place-drag"]').click();
      const handle = page.locator('[data-testid="anchor-handle"]');
      await expect.poll(() => handle.count()).toBe(1);
      const from = await screenOf(page, old.lon, old.lat);
      const hb = await handle.boundingBox();
      expect(Math.abs((hb?.x ?? 0) + (hb?.width ?? 0) / 2 - from.x)).toBeLessThan(2);
      const to = { x: from.x - 140, y: from.y - 90 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 12 });
      await page.mouse.up();
      await expect.poll(() => page.locator('[data-testid="place-message"]').textContent(), { timeout: 60_000 }).toContain('已定位到');

      const [overrides] = (await readStore(page, 'shanxi-gis-placements', 'overrides')) as Array<Array<{ name: string; lon: number; lat: number; precisionM: number; source: string }>>;
      expect(overrides).toHaveLength(1);
      const o = overrides![0]!;
      expect(o).toMatchObject({ name: '大觉寺', precisionM: 30, source: 'imagery' });
      const dropped = await screenOf(page, o.lon, o.lat);
      expect(Math.hypot(dropped.x - to.x, dropped.y - to.y)).toBeLessThan(2);

      for (const before of [protection, control]) {
        const now = await featureOf(page, before.properties.id);
        expect(now?.props.anchor).toMatchObject({ lon: o.lon, lat: o.lat });
        expect(now?.props.precisionM).toBe(30);
        const a = offsets(now!.geometry.coordinates.flat(), o);
        const b = offsets(before.geometry.coordinates.flat(), old);
        expect(a).toHaveLength(b.length);
        a.forEach((p, i) => {
          expect(Math.abs(p[0] - b[i]![0])).toBeLessThan(0.05);
          expect(Math.abs(p[1] - b[i]![1])).toBeLessThan(0.05);
        });
      }
      await page.screenshot({ path: `${ARTIFACTS}/anchor-drag.png` });
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
      expect(log.blockedRequests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
