import { describe, expect, it } from 'vitest';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, canvasPixels, mapIdle, pixelDifference, seriousViolations } from './viewer-helpers';

describe('layer panel and legend', () => {
  const suite = useAppSuite();

  it('lists every layer with a toggle, opacity and a legend swatch, and loads valid data', async () => {
    const { page, log, context } = await suite.openApp();
    const rows = page.locator('gis-layer-panel [data-testid=layer-list] li.layer');
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')));
    expect(ids).toEqual(expect.arrayContaining(['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site']));
    for (const id of ['relic-protection', 'relic-control']) {
      const row = page.locator(`gis-layer-panel li.layer[data-layer=${id}]`);
      expect(await row.locator('input[type=checkbox]').isChecked()).toBe(true);
      expect(await row.locator('input[type=range]').count()).toBe(1);
      expect(await row.locator('svg.swatch').count()).toBe(1);
    }
    // protection and control zones have different legend colours
    const fills = await page.locator('gis-layer-panel li.layer svg.swatch > rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(new Set(fills).size).toBe(fills.length);
    expect(await page.locator('gis-app [data-testid=data-errors]').count()).toBe(0);
    const counts = await page.evaluate(() => document.querySelector('gis-app')!.loaded!.layers.map((l) => [l.id, l.features.length] as const));
    expect(Object.fromEntries(counts)['relic-control']).toBeGreaterThan(0);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });

  it('toggling a layer changes the rendered pixels, and turning it back restores them', async () => {
    // Around 大觉寺 in 柳林, where relic zones are drawn.
    const f = await (async () => {
      const { page, context } = await suite.openApp();
      const r = await page.evaluate(() => {
        const layer = document.querySelector('gis-app')!.loaded!.layers.find((l) => l.id === 'relic-control')!;
        const feat = layer.features.find((x) => x.props.name.includes('大觉寺'))!;
        return feat.props.anchor ?? null;
      });
      await context.close();
      return r;
    })();
    expect(f).not.toBeNull();
    const { page, context } = await suite.openApp(`?v=15.5/${f!.lat}/${f!.lon}`);
    await mapIdle(page);
    const before = await canvasPixels(page);
    const toggle = page.locator('gis-layer-panel li.layer[data-layer=relic-control] input[type=checkbox]');
    await toggle.uncheck();
    await mapIdle(page);
    const hidden = await canvasPixels(page);
    expect(page.url()).toContain('layers=');
    expect(page.url()).not.toMatch(/layers=[^&]*relic-control/);
    const changed = pixelDifference(before, hidden);
    expect(changed).toBeGreaterThan(0.002);
    await toggle.check();
    await mapIdle(page);
    const shown = await canvasPixels(page);
    expect(pixelDifference(before, shown)).toBeLessThan(changed / 4);
    // opacity 0 hides the fill too
    const slider = page.locator('gis-layer-panel li.layer[data-layer=relic-control] input[type=range]');
    await slider.fill('0');
    await mapIdle(page);
    expect(pixelDifference(before, await canvasPixels(page))).toBeGreaterThan(0.002);
    await context.close();
  });

  it('has no serious or critical axe violations on the main view; screenshots at desktop and phone size', async () => {
    const { page, context } = await suite.openApp();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/viewer-main-desktop.png` });
    await context.close();
    const phone = await suite.openApp('', { width: 390, height: 780 });
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${ARTIFACTS}/viewer-main-phone.png` });
    expect(phone.log.consoleErrors).toEqual([]);
    await phone.context.close();
  });
});
