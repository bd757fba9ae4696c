import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, canvasPixels, mapIdle, screenOf } from './viewer-helpers';
import { GROUND_DEVICES, firstViewBoxes, goToZoneScale, openOnDevice, overlaps, takeGroundViews } from './ground-views';
import { TDT_CIA_RGB, TDT_IMG_RGB } from '../../src/cli/basemap/make-fixtures';

/**
 * Issue 16, "ground": one marker with a count for sites drawn at a shared approximate anchor (and a click on
 * it opens the chooser), the note "N 处遗址共用此近似位置" in search, inspector and chooser, a first view on a
 * phone that shows every zone clear of the panels and controls, the Tianditu key and 审图号 entered in the
 * layers tab and kept for the next visit (tiles answered from local fixtures), and the after screenshots.
 */

const TDT_IMG = readFileSync('tests/fixtures/basemap/tianditu/img.png');
const TDT_CIA = readFileSync('tests/fixtures/basemap/tianditu/cia.png');
const PHONE = GROUND_DEVICES.find((d) => d.name === 'phone')!;
describe('ground: honest stacking, a readable first view, Tianditu key and 审图号', () => {
  const suite = useAppSuite();

  it('takes the after screenshots (province and zone scale, desktop and phone) with the script of the before set', { timeout: 180_000 }, async () => {
    const files = await takeGroundViews(suite.browser, suite.baseUrl, 'after', ARTIFACTS);
    expect(files).toHaveLength(4);
  });

  it('shows every zone on a phone first view, inside the map and clear of the panels and controls', { timeout: 120_000 }, async () => {
    const { context, page, log } = await openOnDevice(suite.browser, suite.baseUrl, PHONE);
    try {
      const { map, zones, covers } = await firstViewBoxes(page);
      expect(zones.length).toBeGreaterThan(60);
      const outside = zones.filter((z) => z.box.left < map.left || z.box.right > map.right || z.box.top < map.top || z.box.bottom > map.bottom).map((z) => z.id);
      expect(outside).toEqual([]);
      const covered = zones.flatMap((z) => covers.filter((c) => overlaps(z.box, c.box)).map((c) => `${z.id} under ${c.what}`));
      expect(covered).toEqual([]);
      // the panels do not cover the map: the side panel is below it, nothing else over it
      for (const c of covers.filter((c) => c.what === 'aside' || c.what === 'header')) expect(overlaps(c.box, map)).toBe(false);
      // relic sites are drawn as markers at province scale (one per site or shared position)
      const stacks = await page.evaluate(() => document.querySelector('gis-app')!.map.renderedStacks!());
      expect(stacks.filter((s) => s.count >= 2).length).toBeGreaterThanOrEqual(6);
      expect(log.blockedRequests).toEqual([]);
      expect(log.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('draws 大觉寺 and 弥陀庵 as one marker with "2"; a click opens the chooser that says they share the position', { timeout: 120_000 }, async () => {
    const { context, page, log } = await suite.openApp();
    try {
      const pair = await page.evaluate(() => {
        const all = document.querySelector('gis-app')!.store!.allFeatures();
        const of = (name: string): string[] => all.filter((f) => f.props.name.startsWith(name) && f.props.layer.startsWith('relic-')).map((f) => f.id);
        const a = all.find((f) => f.props.name.startsWith('大觉寺'))!.props.anchor!;
        return { anchor: [a.lon, a.lat] as [number, number], dajuesi: of('大觉寺'), mituoan: of('弥陀庵') };
      });
      expect(pair.dajuesi).toHaveLength(2);
      expect(pair.mituoan).toHaveLength(2);
      await goToZoneScale(page);
      const stacks = await page.evaluate(() => document.querySelector('gis-app')!.map.renderedStacks!());
      const here = stacks.filter((s) => Math.abs(s.lon - pair.anchor[0]) < 1e-6 && Math.abs(s.lat - pair.anchor[1]) < 1e-6);
      expect(here).toHaveLength(1);
      expect(here[0]!.count).toBe(2);
      expect(here[0]!.members.map((m) => m[1]).sort()).toEqual([...pair.dajuesi, ...pair.mituoan].sort());
      // the marker is drawn: the pixel at the anchor has the protection range's wine colour, not the zones' fill
      const px = await canvasPixels(page);
      const size = await page.evaluate(() => {
        const c = document.querySelector('gis-app')!.shadowRoot!.querySelector('canvas')!;
        return { w: c.width, h: c.height, css: c.getBoundingClientRect().width };
      });
      const at = await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.project([lon!, lat!]), pair.anchor);
      const scale = size.w / size.css;
      // 7 px left of the centre: inside the marker (radius ≥ 11 px), off the white count "2"
      const i = (Math.round(at.y * scale) * size.w + Math.round((at.x - 7) * scale)) * 4;
      expect(Math.abs(px[i]! - 0x88) + Math.abs(px[i + 1]! - 0x22) + Math.abs(px[i + 2]! - 0x55)).toBeLessThan(60);
      await page.screenshot({ path: `${ARTIFACTS}/ground-stack-dajuesi-z14.png` });

      const p = await screenOf(page, pair.anchor[0], pair.anchor[1]);
      await page.mouse.click(p.x - 5, p.y);
      const chooser = page.locator('gis-app [data-testid=feature-chooser]');
      await expect.poll(() => chooser.count()).toBe(1);
      expect(await chooser.locator('button[data-id]').count()).toBe(4);
      const note = chooser.locator('[data-testid=chooser-shared]');
      expect(await note.getAttribute('data-count')).toBe('2');
      expect(await note.textContent()).toContain('2 处遗址共用此近似位置');
      await chooser.locator(`button[data-id="${pair.mituoan[0]}"]`).click();
      const insp = page.locator('gis-inspector [data-testid=shared-anchor]');
      await expect.poll(() => insp.count()).toBe(1);
      expect(await insp.textContent()).toContain('2 处遗址共用此近似位置');
      expect(await insp.textContent()).toContain('大觉寺、弥陀庵');

      await page.locator('gis-search input').fill('弥陀庵');
      const shared = page.locator('gis-search [data-testid=search-shared]');
      await expect.poll(() => shared.count()).toBeGreaterThan(0);
      expect(await shared.first().textContent()).toContain('2 处遗址共用此近似位置');
      expect(log.blockedRequests).toEqual([]);
      expect(log.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('public mode at the 大觉寺/弥陀庵 anchor names both sites as sharing one approximate position', { timeout: 120_000 }, async () => {
    const { context, page, log } = await suite.openApp();
    try {
      await goToZoneScale(page);
      await page.locator('gis-app [data-testid=public-button]').click();
      const anchor = await page.evaluate(() => {
        const a = document.querySelector('gis-app')!.store!.allFeatures().find((f) => f.props.name.startsWith('大觉寺'))!.props.anchor!;
        return [a.lon, a.lat] as [number, number];
      });
      await mapIdle(page);
      const p = await screenOf(page, anchor[0], anchor[1]);
      await page.mouse.click(p.x, p.y);
      const results = page.locator('gis-public-mode [data-testid=public-results]');
      await expect.poll(() => results.locator('li.hit').count()).toBeGreaterThanOrEqual(4);
      const hits = results.locator('li.hit');
      const notes = await hits.evaluateAll((els) => els.map((el) => ({ name: el.querySelector('h3')?.textContent ?? '', note: el.querySelector('[data-testid=shared-anchor]')?.textContent ?? '' })));
      const pair = notes.filter((n) => /大觉寺|弥陀庵/.test(n.name));
      expect(pair).toHaveLength(4);
      for (const n of pair) {
        expect(n.note).toContain('2 处遗址共用此近似位置');
        expect(n.note).toContain('大觉寺、弥陀庵');
      }
      expect(log.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('takes the Tianditu key and 审图号 in the layers tab, shows the 审图号 bottom-left, and offers both on the next visit (tiles from fixtures)', { timeout: 120_000 }, async () => {
    const { context, page, log } = await suite.openApp();
    const served: string[] = [];
    try {
      await context.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, (route) => {
        const u = new URL(route.request().url());
        const layer = u.searchParams.get('LAYER') ?? '';
        if (u.searchParams.get('tk') !== 'UI-KEY' || !['img', 'cia', 'vec', 'cva'].includes(layer)) return route.fulfill({ status: 403, body: 'bad key or layer' });
        served.push(layer);
        return route.fulfill({ status: 200, contentType: 'image/png', body: layer === 'img' || layer === 'vec' ? TDT_IMG : TDT_CIA });
      });
      await page.evaluate(() => document.querySelector('gis-app')!.map.setView({ lon: 111.52, lat: 36.08, zoom: 11 }));
      await page.locator('gis-app [data-testid=basemap-select]').selectOption('tianditu-img');
      await page.locator('gis-app gis-shell-layers input[name=tk]').fill('UI-KEY');
      await page.locator('gis-app [data-testid=tianditu-review]').fill('GS(0000)0000号 测试');
      await page.locator('gis-app [data-testid=tianditu-apply]').click();
      await mapIdle(page);
      await expect.poll(() => page.locator('gis-app [data-testid=review-number]').textContent()).toBe('审图号：GS(0000)0000号 测试');
      expect(served).toContain('img');
      expect(served).toContain('cia');
      const pixels = await canvasPixels(page);
      const share = (rgb: readonly [number, number, number]): number => {
        let n = 0;
        for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i]! - rgb[0]) + Math.abs(pixels[i + 1]! - rgb[1]) + Math.abs(pixels[i + 2]! - rgb[2]) < 12) n++;
        return n / (pixels.length / 4);
      };
      expect(share(TDT_IMG_RGB)).toBeGreaterThan(0.3);
      expect(share(TDT_CIA_RGB)).toBeGreaterThan(0.001);
      await page.screenshot({ path: `${ARTIFACTS}/ground-tianditu-review-number.png` });

      // The next visit opens offline (nothing online is contacted by itself); choosing Tianditu again needs no typing.
      served.length = 0;
      await page.reload();
      await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
      expect(await page.evaluate(() => document.querySelector('gis-app')!.map.basemap())).toBe('offline');
      expect(served).toEqual([]);
      await page.locator('gis-app [data-testid=basemap-select]').selectOption('tianditu-vec');
      expect(await page.locator('gis-app gis-shell-layers input[name=tk]').inputValue()).toBe('UI-KEY');
      expect(await page.locator('gis-app [data-testid=tianditu-review]').inputValue()).toBe('GS(0000)0000号 测试');
      await expect.poll(() => page.locator('gis-app [data-testid=review-number]').textContent()).toBe('审图号：GS(0000)0000号 测试');
      await mapIdle(page);
      expect(served).toContain('vec');
      expect(log.blockedRequests).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
