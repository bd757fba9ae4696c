import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { featurePropsSchema } from '../../src/core/model/feature-props';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle, screenOf, seriousViolations } from './viewer-helpers';

/**
 * Issue 15, "导入公告 / Add a notice" in the built app: a real notice from 辽宁 (辽政发〔2010〕11号) pasted, reviewed,
 * its site placed with a click on the map over a chemical park, saved as a layer whose features carry their
 * provenance, found by search, kept over a reload and included in the conflict check (with a finding against the
 * park); a real 代县 (山西忻州) notice as a .docx, its sites picked from the Shanxi gazetteer (代县 上馆镇; 夏县 has no
 * anchor and stays unplaced and undrawn); screenshots of the review in zh and en.
 */

const body = (name: string): string => readFileSync(`tests/fixtures/gazette/real/${name}.txt`, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
const PARK = { lon: 111.86882736, lat: 36.03353858 };

interface StoredFeature {
  id: string;
  layer: string;
  props: Record<string, unknown>;
}

/** The features of catalog layers whose id starts with `imported:other:`. */
function noticeFeatures(page: Page): Promise<Array<{ layer: string; features: StoredFeature[] }>> {
  return page.evaluate(() => {
    const app = document.querySelector('gis-app') as unknown as { loaded: { layers: Array<{ id: string; features: Array<{ id: string; props: Record<string, unknown> }> }> } };
    return app.loaded.layers
      .filter((l) => l.id.startsWith('imported:other:'))
      .map((l) => ({ layer: l.id, features: l.features.map((f) => ({ id: f.id, layer: l.id, props: f.props })) }));
  });
}

async function waitReview(page: Page): Promise<void> {
  await expect.poll(() => page.locator('gis-notice-panel [data-testid=notice-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('review');
}

/** The review as a whole (element) and in the page beside the map with its preview (viewport). */
async function shoot(page: Page, lang: string): Promise<void> {
  const review = page.locator('gis-notice-panel [data-testid=notice-review]');
  await review.screenshot({ path: `${ARTIFACTS}/notice-review-${lang}.png` });
  await review.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await mapIdle(page);
  await page.screenshot({ path: `${ARTIFACTS}/notice-review-${lang}-page.png` });
}

describe('adding a notice in the app (issue 15)', () => {
  const suite = useAppSuite();

  it('pastes a 辽宁 notice, places its site on the map, saves a layer with provenance that search, reload and the conflict check see', async () => {
    const { page, context, log } = await suite.openApp('?panel=import', { width: 1280, height: 1000 });
    const panel = page.locator('gis-notice-panel');
    await panel.locator('[data-testid=notice-text]').fill(body('liaoning-2010-provincial-8th'));
    await panel.locator('[data-testid=notice-read]').click();
    await waitReview(page);
    await expect.poll(() => panel.locator('[data-testid=notice-passage] .run').count()).toBeGreaterThan(3);
    expect(await panel.locator('[data-testid=notice-passage] .run.metres').first().textContent()).toMatch(/米/);
    const site = panel.locator('gis-notice-site');
    expect(await site.getAttribute('data-placed')).toBe(null);
    expect(await site.locator('[data-testid=notice-site]').getAttribute('data-placed')).toBe('no');
    expect(await site.locator('[data-testid=site-unplaced]').textContent()).toContain('未定位');
    await panel.screenshot({ path: `${ARTIFACTS}/notice-review-liaoning-zh.png` });

    // place it with a click on the map, over the 浮山双新产业园区 chemical park
    await page.evaluate(([lon, lat]) => document.querySelector('gis-app')!.map.setView({ lon: lon!, lat: lat!, zoom: 13 }), [PARK.lon, PARK.lat]);
    await mapIdle(page);
    await site.locator('[data-testid=place-on-map]').click();
    const at = await screenOf(page, PARK.lon, PARK.lat);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => site.locator('[data-testid=notice-site]').getAttribute('data-placed'), { timeout: 60_000 }).toBe('yes');
    await panel.locator('[data-testid=notice-layer-name]').fill('辽宁第八批省保 公主屯后山遗址');
    await panel.locator('[data-testid=notice-confirm]').click();
    await expect.poll(() => panel.locator('[data-testid=notice-saved]').count(), { timeout: 30_000 }).toBe(1);

    // the layer is in the catalog, its features carry provenance
    await expect.poll(async () => (await noticeFeatures(page)).length).toBe(1);
    const [layer] = await noticeFeatures(page);
    expect(layer!.features.length).toBeGreaterThan(0);
    for (const f of layer!.features) {
      const p = featurePropsSchema.parse({ ...f.props, layer: f.props['layer'] });
      expect(p.source?.quote).toContain('公主屯后山遗址');
      expect(p.source?.lines[0]).toBeGreaterThan(0);
      expect(p.method).not.toBe('');
      expect(p.precisionM).toBeGreaterThan(0);
      expect(p.anchor?.level).toBe('user');
      expect(p.anchor?.lon).toBeCloseTo(PARK.lon, 2);
      expect(p.anchor?.lat).toBeCloseTo(PARK.lat, 2);
    }
    // the import tab lists it with the other stored layers (rename, export, compliance)
    expect(await page.locator('gis-stored-layers').textContent()).toContain('辽宁第八批省保 公主屯后山遗址');

    // search finds the site
    await page.locator('gis-search input').fill('公主屯');
    await expect.poll(() => page.locator('gis-search [data-testid=search-results] button').count()).toBeGreaterThan(0);

    // the conflict check includes the layer, with a finding against the park
    await page.locator('#tab-conflicts').click();
    const conflicts = page.locator('gis-conflict-panel');
    await conflicts.locator('[data-testid=conflict-run]').click();
    await expect.poll(() => conflicts.locator('[data-testid=conflict-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    const rows = await conflicts.locator('[data-testid=report-layers] tr[data-layer]').evaluateAll((r) => r.map((x) => x.getAttribute('data-layer')));
    expect(rows).toContain(`${layer!.layer}.geojson`);
    const findings = await page.evaluate(() => {
      const p = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-conflict-panel')!;
      return (p.lastReport?.findings ?? []).map((f) => ({ rule: f.ruleId, a: f.a.id, b: f.b?.id ?? '' }));
    });
    const ids = new Set(layer!.features.map((f) => f.id));
    expect(findings.some((f) => f.rule === 'chemical-park-x-relic-protection' && ids.has(f.b))).toBe(true);

    // a reload keeps the layer
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await expect.poll(async () => (await noticeFeatures(page))[0]?.features.length ?? 0).toBe(layer!.features.length);

    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('reads a 代县 notice from a .docx, picks 代县 上馆镇 from the gazetteer, leaves a 夏县 pick (no anchor) unplaced; review in zh and en', async () => {
    const { page, context, log } = await suite.openApp('?panel=import', { width: 1280, height: 1200 });
    const panel = page.locator('gis-notice-panel');
    await panel.locator('[data-testid=notice-file]').setInputFiles('tests/fixtures/notice/daixian-2021-county.docx');
    await waitReview(page);
    const sites = panel.locator('gis-notice-site');
    await expect.poll(() => sites.count()).toBe(2);
    const first = sites.nth(0);
    const second = sites.nth(1);
    await expect.poll(() => first.locator('[data-testid=county-select] option').count()).toBe(122);
    const daixian = await first.locator('[data-testid=county-select] option', { hasText: '代县' }).getAttribute('value');
    await first.locator('[data-testid=county-select]').selectOption(daixian!);
    await expect.poll(() => first.locator('[data-testid=notice-site]').getAttribute('data-placed'), { timeout: 60_000 }).toBe('yes');
    const shangguan = await first.locator('[data-testid=township-select] option', { hasText: '上馆镇' }).getAttribute('value');
    await first.locator('[data-testid=township-select]').selectOption(shangguan!);
    await expect.poll(() => first.locator('[data-testid=site-placed]').textContent(), { timeout: 60_000 }).toContain('上馆镇');

    const xiaxian = await second.locator('[data-testid=county-select] option', { hasText: '夏县' }).getAttribute('value');
    expect(await second.locator(`[data-testid=county-select] option[value="${xiaxian}"]`).textContent()).toContain('无坐标');
    await second.locator('[data-testid=county-select]').selectOption(xiaxian!);
    await expect.poll(() => second.locator('[data-testid=no-anchor]').textContent(), { timeout: 60_000 }).toBe('无坐标：请在地图上定位');
    expect(await second.locator('[data-testid=notice-site]').getAttribute('data-placed')).toBe('no');
    await shoot(page, 'zh');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('header select').selectOption('en');
    await expect.poll(() => second.locator('[data-testid=no-anchor]').textContent()).toBe('no anchor: place on the map');
    expect(await panel.locator('[data-testid=notice-summary]').textContent()).toMatch(/records, \d+ shapes/);
    await shoot(page, 'en');

    await panel.locator('[data-testid=notice-confirm]').click();
    await expect.poll(() => panel.locator('[data-testid=notice-saved]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await noticeFeatures(page)).length).toBe(1);
    const [layer] = await noticeFeatures(page);
    const records = new Set(layer!.features.map((f) => f.props['recordId']));
    expect(records.size).toBe(1);
    expect(layer!.features.every((f) => f.props['county'] === '代县')).toBe(true);
    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  }, 180_000);
});
