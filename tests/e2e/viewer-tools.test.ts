import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle, screenOf } from './viewer-helpers';

/** Reference values computed by GeographicLib's own tools (GeodSolve, Planimeter), not by the app. */
function fixtureRow(file: string, name: string): string[] {
  const row = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${name}\t`));
  if (!row) throw new Error(`${name} not in ${file}`);
  return row.split('\t');
}

describe('tools: measure, coordinates, zoom-to, print', () => {
  const suite = useAppSuite();

  it('measures a known geodesic length within 0.1 % (typed points) and 1 % (clicked points)', async () => {
    const [, lat1, lon1, lat2, lon2, s12] = fixtureRow('tests/fixtures/geodesic/distances.tsv', 'Linfen-Lishi').map((x, i) => (i === 0 ? NaN : Number(x)));
    const { page, context } = await suite.openApp('?panel=tools');
    const tool = page.locator('gis-measure-tool');
    const coord = tool.locator('input[name=coord]');
    await coord.fill(`${lon1}, ${lat1}`);
    await coord.press('Enter');
    await coord.fill(`${lon2},${lat2}`);
    await coord.press('Enter');
    const out = tool.locator('[data-testid=measure-length]');
    const metres = Number(await out.getAttribute('data-metres'));
    expect(Math.abs(metres - s12!) / s12!).toBeLessThan(0.001);
    expect(await out.textContent()).toMatch(/163\.36\d km/);

    // area of a ~1 km square (Planimeter reference) in m², 公顷 and 亩
    const [, , , area] = fixtureRow('tests/fixtures/geodesic/areas.tsv', 'square-1km').map(Number);
    await tool.getByRole('button', { name: '清除' }).click();
    await tool.getByRole('button', { name: '面积', exact: true }).click();
    const square = readFileSync('tests/fixtures/geodesic/polygons/square-1km.txt', 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    for (const [la, lo] of square) {
      await coord.fill(`${lo}, ${la}`);
      await coord.press('Enter');
    }
    const m2 = Number(await tool.locator('[data-testid=measure-area]').getAttribute('data-m2'));
    expect(Math.abs(m2 - area!) / area!).toBeLessThan(0.001);
    const areaText = (await tool.locator('[data-testid=measure-area]').textContent()) ?? '';
    expect(areaText).toContain('公顷');
    expect(areaText).toContain('亩');
    expect(areaText).toMatch(/100\.12\d*\s*公顷/);

    // clicking on the map
    await tool.getByRole('button', { name: '清除' }).click();
    await tool.getByRole('button', { name: '距离', exact: true }).click();
    await page.evaluate(() => document.querySelector('gis-app')!.map.fitBounds([111.0, 35.9, 111.7, 37.7]));
    await mapIdle(page);
    await tool.locator('[data-testid=measure-toggle]').click();
    for (const [lo, la] of [
      [lon1!, lat1!],
      [lon2!, lat2!],
    ] as const) {
      const p = await screenOf(page, lo, la);
      await page.mouse.click(p.x, p.y);
    }
    await expect.poll(() => tool.locator('[data-testid=measure-length]').getAttribute('data-metres')).not.toBe('0');
    const clicked = Number(await out.getAttribute('data-metres'));
    expect(Math.abs(clicked - s12!) / s12!).toBeLessThan(0.01);
    expect(await page.locator('gis-inspector').count()).toBe(0); // measuring clicks do not select
    await page.screenshot({ path: `${ARTIFACTS}/viewer-measure-desktop.png` });
    await context.close();
  });

  it('shows the pointer position in WGS84 and CGCS2000 Gauss-Krüger with the zone', async () => {
    const { page, context } = await suite.openApp('?v=10/36.08/111.52');
    const p = await screenOf(page, 111.52, 36.08);
    await page.mouse.move(p.x, p.y);
    const wgs = page.locator('gis-coord-readout [data-testid=coord-wgs]');
    await expect.poll(() => wgs.textContent()).toMatch(/^36\.08\d+°N, 111\.5[12]\d+°E$/);
    const gk = (await page.locator('gis-coord-readout [data-testid=coord-gk]').textContent()) ?? '';
    // 111.52°E lies in 3° zone 37 (CM 111°E): Y = 37 500 000 + ~46 800 m, X ≈ 3 995 km
    const m = /^X (\d+\.\d\d) m, Y (\d+\.\d\d) m$/.exec(gk);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(3_990_000);
    expect(Number(m![1])).toBeLessThan(4_000_000);
    expect(Number(m![2])).toBeGreaterThan(37_540_000);
    expect(Number(m![2])).toBeLessThan(37_555_000);
    expect(await page.locator('gis-coord-readout [data-testid=coord-readout]').textContent()).toContain('3° 带 37');
    await context.close();
  });

  it('zooms to Shanxi and to a city', async () => {
    const { page, context } = await suite.openApp('?panel=tools&v=12/36/111');
    await page.locator('gis-app button[data-zoom=datong]').click();
    const v = await page.evaluate(() => document.querySelector('gis-app')!.map.view());
    expect(v.lat).toBeCloseTo(40.08, 1);
    expect(v.lon).toBeCloseTo(113.3, 1);
    await page.locator('gis-app button[data-zoom=shanxi]').click();
    const s = await page.evaluate(() => document.querySelector('gis-app')!.map.view());
    expect(s.zoom).toBeLessThan(7);
    expect(s.lat).toBeGreaterThan(36.5);
    expect(s.lat).toBeLessThan(38.5);
    await context.close();
  });

  it('prints a 公示图 sheet with title, map, legend, scale, north arrow, CRS note, sources, date and disclaimer', async () => {
    const { page, context } = await suite.openApp('?panel=tools');
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.locator('gis-app [data-testid=print-button]').click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator('gis-print-view [data-testid=print-sheet]');
    expect(await sheet.isVisible()).toBe(true);
    expect(await page.locator('gis-app main').isVisible()).toBe(false);
    expect(await sheet.locator('h1').textContent()).toContain('示意图');
    const img = sheet.locator('img');
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(100);
    const legend = (await sheet.locator('[data-testid=print-legend]').textContent()) ?? '';
    for (const name of ['文物保护范围', '文物建设控制地带', '化工园区']) expect(legend).toContain(name);
    expect(await sheet.locator('[data-testid=print-legend] svg.swatch').count()).toBeGreaterThan(4);
    const sources = (await sheet.locator('[data-testid=print-sources]').textContent()) ?? '';
    for (const doc of ['吕政函〔2022〕93号', '临政函〔2023〕13号']) expect(sources).toContain(doc);
    expect(sources).toContain('CGCS2000');
    expect(sources).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await sheet.locator('[data-testid=print-scale]').textContent()).toMatch(/\d+(\.\d+)? k?m/);
    expect(await sheet.locator('[aria-label=指北针]').count()).toBe(1);
    expect(await sheet.textContent()).toContain('仅为示意');
    await page.screenshot({ path: `${ARTIFACTS}/viewer-print.png`, fullPage: true });
    await page.pdf({ path: `${ARTIFACTS}/viewer-print.pdf`, format: 'A4' });
    await context.close();
  });
});
