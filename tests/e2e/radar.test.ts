import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ARTIFACTS, mapIdle, openApp, screenOf, seriousViolations } from './viewer-helpers';
import { syntheticDem } from '../unit/core/radar/helpers/synthetic-dem';
import type { TerrainFn } from '../unit/core/radar/helpers/synthetic-dem';

/**
 * Radar siting in the app: a synthetic DEM GeoTIFF (a ridge east of the 安泽 X-band radar's county
 * seat) goes through the file input into the DEM worker; the test draws a profile across the
 * ridge, computes blockage, ranks candidate sites and pins the first one.
 */

const RADAR_ID = 'meteo-site:lfzf-2023-5-observation/xboduanshuangpianzhenxiangkongzhentianqi-anze';
const SITE = { lon: 112.2438687, lat: 36.1478258 };
const GROUND = 900;
const D = 8000; // ridge front edge (m)
const H = 1080; // ridge top (m a.s.l.)
const MAX_RANGE_KM = 30;
const ANTENNA = 20;
const ELEV = 0.9; // lowest X-band elevation (data/radar/radar-types.json)
const BW = 1.8;

/** Terrain: plain at 900 m; a 2 km deep ridge at 1080 m from 8 km on azimuths 30°–120°. */
const terrain: TerrainFn = (d, az) => (az >= 30 && az <= 120 && d >= D && d <= D + 2000 ? H : GROUND);

/** Independent analytic values (4/3 Earth; Bech et al. 2003 disc fraction). */
function beamCentre(s: number, elevDeg: number, h0: number): number {
  const R = (4 / 3) * 6_371_000;
  const t = (elevDeg * Math.PI) / 180;
  return (R * Math.cos(t)) / Math.cos(t + s / R) - R + h0;
}
function discFractionBelow(y: number, a: number): number {
  if (y <= -a) return 0;
  if (y >= a) return 1;
  return 1 - (a * a * Math.acos(y / a) - y * Math.sqrt(a * a - y * y)) / (Math.PI * a * a);
}

function panel(page: Page) {
  return page.locator('gis-radar-panel');
}

describe('radar siting panel', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps geotiff out of the initial bundle (it loads with the DEM worker only)', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(initial.length).toBeGreaterThan(0);
    // A marker of geotiff's code: its GeoKey names table.
    const marker = 'GeographicTypeGeoKey';
    for (const file of initial) expect(readFileSync(`dist/${file}`, 'utf8').includes(marker), file).toBe(false);
    const withGeotiff = readdirSync('dist/assets').filter((f) => f.endsWith('.js') && readFileSync(`dist/assets/${f}`, 'utf8').includes(marker));
    expect(withGeotiff.length).toBeGreaterThan(0);
    expect(withGeotiff.some((f) => /dem-worker/.test(f))).toBe(true);
  });

  it('loads a DEM, draws a profile, computes blockage, ranks candidates and pins the first', { timeout: 180_000 }, async () => {
    const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: 60_000, pixelM: 200, epsg: 4490, type: 'int16', noData: -32768, terrain });
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=radar');
    const p = panel(page);
    await p.locator('[data-testid=radar-select]').selectOption(RADAR_ID);
    expect(await p.locator('[data-testid=radar-status]').textContent()).toContain('安泽X波段');
    // Terrain-free: beam heights (4/3 Earth) for the default X-band parameters.
    const cell = p.locator('[data-testid=beam-table] td[data-range="30000"][data-elevation="0.9"]');
    expect(Number(await cell.getAttribute('data-centre'))).toBeCloseTo(beamCentre(30000, 0.9, 0) - 0, -1);
    // Shorter range keeps the test DEM small; editable per site.
    await p.locator('input[name=maxRangeKm]').fill(String(MAX_RANGE_KM));
    await p.locator('input[name=maxRangeKm]').dispatchEvent('change');
    expect(await p.locator('[data-testid=overridden]').getAttribute('data-overridden')).toBe('maxRangeKm');
    expect(await p.locator('[data-testid=overridden]').textContent()).toContain('最大距离');
    await page.evaluate(() => document.querySelector('gis-app')!.map.fitBounds([111.85, 35.85, 112.65, 36.45]));
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('radar-rings'))).toBeGreaterThan(3);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('radar-zones'))).toBe(2);

    // Load the DEM through the file input.
    await p.locator('[data-testid=dem-input]').setInputFiles({ name: 'anze-ridge.tif', mimeType: 'image/tiff', buffer: Buffer.from(bytes) });
    await expect.poll(() => p.locator('[data-testid=dem-status]').count(), { timeout: 30_000 }).toBe(1);
    expect(await p.locator('[data-testid=dem-status]').textContent()).toContain('EPSG:4490');

    // Profile across the ridge (azimuth 75°): the terrain peak lies at 8–10 km.
    await p.locator('input[name=azimuth]').fill('75');
    await p.locator('input[name=azimuth]').dispatchEvent('change');
    await p.locator('[data-testid=profile-button]').click();
    const chart = p.locator('[data-testid=profile-chart] svg');
    await chart.waitFor({ timeout: 30_000 });
    const terrainPath = (await chart.locator('path[data-series=terrain]').getAttribute('d')) ?? '';
    const pts = [...terrainPath.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(pts.length).toBeGreaterThan(100);
    const left = Number(await chart.getAttribute('data-plot-left'));
    const pxPerKm = Number(await chart.getAttribute('data-px-per-km'));
    const minY = Math.min(...pts.map((q) => q[1]));
    const peakKm = pts.filter((q) => q[1] <= minY + 0.5).map((q) => (q[0] - left) / pxPerKm);
    expect(Math.min(...peakKm)).toBeGreaterThan(D / 1000 - 0.3);
    expect(Math.max(...peakKm)).toBeLessThan((D + 2000) / 1000 + 0.3);
    expect(await chart.locator('path[data-series=beam-centre]').count()).toBe(2);
    expect(await chart.locator('path[data-series=beam-lower]').count()).toBe(2);
    await p.locator('[data-testid=profile-chart]').screenshot({ path: `${ARTIFACTS}/radar-profile.png` });

    // Blockage: the ridge sector is blocked by the analytic fraction, the rest not at all.
    await p.locator('[data-testid=blockage-button]').click();
    await p.locator('[data-testid=blockage-summary]').waitFor({ timeout: 60_000 });
    expect(Number(await p.locator('[data-testid=blockage-summary]').getAttribute('data-cells'))).toBeGreaterThan(50);
    const h0 = GROUND + ANTENNA;
    // Analytic CBB: the disc fraction at the ridge's front edge. The 200 m DEM pixels (bilinear) blur
    // the edge, so the first fully blocked bin may lie up to 300 m further out, where the beam is higher.
    const fractionAt = (s: number): number => discFractionBelow(H - beamCentre(s, ELEV, h0), (s * ((BW * Math.PI) / 180)) / 2);
    const expected = fractionAt(D);
    expect(expected).toBeGreaterThan(0.55);
    expect(expected).toBeLessThan(0.8);
    const cbb = Number(await p.locator('[data-testid=ray-end-cbb]').getAttribute('data-cbb'));
    expect(cbb).toBeGreaterThan(fractionAt(D + 300) - 0.01);
    expect(cbb).toBeLessThan(expected + 0.01);
    await p.locator('input[name=azimuth]').fill('200');
    await p.locator('input[name=azimuth]').dispatchEvent('change');
    expect(Number(await p.locator('[data-testid=ray-end-cbb]').getAttribute('data-cbb'))).toBe(0);
    // 91 of 360 rays (30°…120°) cross the ridge, all blocked above the 50 % threshold (edge rays may blur).
    const share = Number(await p.locator('[data-testid=blocked-share]').getAttribute('data-share'));
    expect(share).toBeGreaterThanOrEqual(88 / 360);
    expect(share).toBeLessThanOrEqual(92 / 360);
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('radar-blockage'))).toBeGreaterThan(50);

    // Coverage of the county disc.
    await p.locator('[data-testid=coverage-button]').click();
    await p.locator('[data-testid=coverage-share]').waitFor({ timeout: 60_000 });
    // Analytic: the whole 25 km disc is within range and the beam stays < 1000 m above the plain; only the
    // ridge sector (≈ 91° of 360°) beyond 8 km is blocked above the threshold.
    const cov = Number(await p.locator('[data-testid=coverage-share]').getAttribute('data-share'));
    const expectedCov = 1 - (91 / 360) * (1 - (D / 25_000) ** 2);
    expect(Math.abs(cov - expectedCov)).toBeLessThan(0.015);
    expect(await p.locator('[data-testid=region-note]').textContent()).toContain('25 km');
    await mapIdle(page);
    await page.screenshot({ path: `${ARTIFACTS}/radar-blockage-desktop.png` });

    // Ranking: N candidates, scores descending, numbered markers on the map.
    await p.locator('input[name=count]').fill('6');
    await p.locator('input[name=count]').dispatchEvent('change');
    await p.locator('[data-testid=rank-button]').click();
    const items = p.locator('[data-testid=ranked-list] li');
    await expect
      .poll(async () => ((await p.locator('[data-testid=radar-error]').count()) > 0 ? await p.locator('[data-testid=radar-error]').textContent() : items.count()), { timeout: 120_000 })
      .toBe(6);
    const scores = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
    expect(scores.every(Number.isFinite)).toBe(true);
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('radar-candidates'))).toBe(6);
    await page.screenshot({ path: `${ARTIFACTS}/radar-ranking-desktop.png` });

    // Pin the first: the feature moves in the app's state, stays planned, carries the flag.
    const first = items.first();
    const lon = Number(await first.getAttribute('data-lon'));
    const lat = Number(await first.getAttribute('data-lat'));
    await first.locator('[data-testid=pin-button]').click();
    await p.locator('[data-testid=pin-notice]').waitFor();
    const moved = await page.evaluate((id) => {
      const f = document.querySelector('gis-app')!.loaded!.layers.find((l) => l.id === 'meteo-site')!.features.find((x) => x.id === id)!;
      return { coords: (f.geometry as { coordinates: number[] }).coordinates, status: f.props.status, flags: f.props.flags, precisionM: f.props.precisionM };
    }, RADAR_ID);
    expect(moved.coords[0]).toBeCloseTo(lon, 9);
    expect(moved.coords[1]).toBeCloseTo(lat, 9);
    expect(Math.abs(lon - SITE.lon) + Math.abs(lat - SITE.lat)).toBeGreaterThan(1e-4);
    expect(moved.status).toBe('planned');
    expect(moved.flags).toContain('SITE_PINNED_BY_USER');
    expect(moved.flags).not.toContain('SITE_NOT_CHOSEN');
    expect(moved.precisionM).toBe(50);
    expect(await p.locator('[data-testid=radar-status]').textContent()).toContain(lon.toFixed(4));
    await mapIdle(page);
    await page.screenshot({ path: `${ARTIFACTS}/radar-pinned-desktop.png` });

    expect(await seriousViolations(page)).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });

  it('picks a radar by clicking the map and draws a region instead of the county disc', async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=radar');
    const p = panel(page);
    const daning = { lon: 110.7472249, lat: 36.4650701 };
    await page.evaluate(([lo, la]) => document.querySelector('gis-app')!.map.fitBounds([lo! - 0.3, la! - 0.2, lo! + 0.3, la! + 0.2]), [daning.lon, daning.lat]);
    await mapIdle(page);
    const at = await screenOf(page, daning.lon, daning.lat);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => p.locator('[data-testid=radar-status]').textContent()).toContain('大宁X波段');
    expect(await p.locator('[data-testid=region-note]').textContent()).toContain('25 km');
    await p.locator('[data-testid=draw-region]').click();
    // (left of the radar: the inspector of the clicked radar covers the right of the map)
    for (const [dx, dy] of [[-0.15, -0.05], [0, -0.1], [-0.05, 0.06]] as const) {
      const q = await screenOf(page, daning.lon + dx, daning.lat + dy);
      await page.mouse.click(q.x, q.y);
    }
    await p.getByRole('button', { name: '完成绘制' }).click();
    expect(await p.locator('[data-testid=region-note]').textContent()).toContain('3 个顶点');
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedAnalysisCount('radar-region'))).toBeGreaterThanOrEqual(1);
    // The drawing clicks did not change the radar.
    expect(await p.locator('[data-testid=radar-status]').textContent()).toContain('大宁X波段');
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('fits a phone screen', async () => {
    const { page, context, log } = await openApp(browser, inject('baseUrl'), '?panel=radar', { width: 390, height: 780 });
    await panel(page).locator('[data-testid=radar-select]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/radar-phone.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
