import { describe, expect, it } from 'vitest';
import { useAppSuite } from './app-helpers';

describe('URL state', () => {
  const suite = useAppSuite();

  it('a link reopens the same view, layers, selection and language; back and forward work', async () => {
    const first = await suite.openApp();
    const ids = await first.page.evaluate(() => {
      const layers = document.querySelector('gis-app')!.loaded!.layers;
      return {
        a: layers.find((l) => l.id === 'relic-protection')!.features[0]!.id,
        b: layers.find((l) => l.id === 'chemical-park')!.features[0]!.id,
      };
    });
    await first.context.close();

    const query = `?lang=en&layers=relic-protection,chemical-park&sel=${encodeURIComponent(ids.a)}&v=9.5/37.1/111.4`;
    const { page, log, context } = await suite.openApp(query);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const view = await page.evaluate(() => document.querySelector('gis-app')!.map.view());
    expect(view.zoom).toBeCloseTo(9.5, 2);
    expect(view.lat).toBeCloseTo(37.1, 3);
    expect(view.lon).toBeCloseTo(111.4, 3);
    const checked = async (id: string): Promise<boolean> => page.locator(`gis-layer-panel li.layer[data-layer=${id}] input[type=checkbox]`).isChecked();
    expect(await checked('relic-protection')).toBe(true);
    expect(await checked('chemical-park')).toBe(true);
    expect(await checked('relic-control')).toBe(false);
    expect(await checked('meteo-site')).toBe(false);
    const nameA = await page.evaluate((id) => document.querySelector('gis-app')!.loaded!.layers.flatMap((l) => l.features).find((f) => f.id === id)!.props.name, ids.a);
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toBe(nameA);
    expect(await page.locator('gis-app aside h2').first().textContent()).toBe('Layers');

    // new history entries: select another feature, then turn a layer on
    const urlA = page.url();
    await page.evaluate((id) => document.querySelector('gis-app')!.select(id, false), ids.b);
    await expect.poll(() => page.url()).toContain(`sel=${encodeURIComponent(ids.b)}`);
    await page.locator('gis-layer-panel li.layer[data-layer=meteo-site] input[type=checkbox]').check();
    await expect.poll(() => page.url()).toMatch(/layers=[^&]*meteo-site|^(?!.*layers=)/);

    await page.goBack();
    await expect.poll(() => checked('meteo-site')).toBe(false);
    await page.goBack();
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toBe(nameA);
    expect(page.url()).toBe(urlA);
    await page.goForward();
    await expect.poll(() => page.url()).toContain(`sel=${encodeURIComponent(ids.b)}`);
    await page.goForward();
    await expect.poll(() => checked('meteo-site')).toBe(true);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
