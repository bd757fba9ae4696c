import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle } from './viewer-helpers';
import { mapPixels, pagePixels, sheetLayout } from '../../src/core/print/page-layout';
import { CITIES, cityBbox } from '../../src/app/catalog/cities';

/**
 * Print and export (issue 18): the print dialog, the map rendered off-screen at paper × dpi, the
 * print page printed to PDF by Chromium (what the browser's "Save as PDF" gives), measured with
 * Debian's poppler-utils; the PNG export's pixel size; the conflict report naming an imported layer
 * by its name.
 */

const POPPLER = ['pdfinfo', 'pdfimages', 'pdftotext', 'pdftoppm'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
const SKIP_REASON = 'poppler-utils (pdfinfo, pdfimages, pdftotext, pdftoppm) is not installed: apt-get install -y poppler-utils';
if (!POPPLER) console.warn(`print.test.ts: PDF measurements skipped — ${SKIP_REASON}`);

const TMP = mkdtempSync(join(tmpdir(), 'gis-print-'));

function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The images of a PDF as `pdfimages -list` reports them. */
function pdfImages(pdf: string): Array<{ page: number; type: string; width: number; height: number; xppi: number; yppi: number }> {
  return run('pdfimages', ['-list', pdf])
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 14)
    .map((c) => ({ page: Number(c[0]), type: c[2]!, width: Number(c[3]), height: Number(c[4]), xppi: Number(c[12]), yppi: Number(c[13]) }));
}

/**
 * Page size from `pdfinfo`, checked against ISO A3 landscape (420 × 297 mm = 1190.55 × 841.89 pt).
 * Chromium's PDF backend rounds page sizes to its own units: whether the size comes from `@page
 * { size: A3 landscape }`, `420mm 297mm` or `page.pdf({ width: '420mm' })`, Chromium 156 writes
 * 1191.12 × 841.92 pt (0.2 mm wider); pdfinfo still names it A3. Half a millimetre is allowed.
 */
function expectA3Landscape(info: string): void {
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts \(A3\)/.exec(info);
  expect(m, info).not.toBeNull();
  expect(Math.abs(Number(m![1]) - 1190.55)).toBeLessThan(1.5);
  expect(Math.abs(Number(m![2]) - 841.89)).toBeLessThan(1.5);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

async function openDialog(page: Page): Promise<void> {
  await page.locator('gis-app [role=tab]#tab-tools').click();
  await page.locator('gis-app [data-testid=print-dialog-button]').click();
  await page.locator('gis-print-dialog [data-testid=print-dialog]').waitFor({ state: 'visible' });
}

async function choose(page: Page, o: { paper: string; orientation: string; scale: string; dpi: string; title: string }): Promise<void> {
  const d = page.locator('gis-print-dialog');
  await d.locator('[data-testid=print-paper]').selectOption(o.paper);
  await d.locator('[data-testid=print-orientation]').selectOption(o.orientation);
  await d.locator('[data-testid=print-scale]').selectOption(o.scale);
  await d.locator('[data-testid=print-dpi]').selectOption(o.dpi);
  await d.locator('[data-testid=print-title]').fill(o.title);
  await d.locator('[data-testid=print-title]').dispatchEvent('change');
}

describe('print and export (issue 18)', () => {
  const suite = useAppSuite();
  const TITLE = '临汾市化工园区与文物保护范围示意图（测试）';

  it('prints the map sheet to a PDF at A3 landscape, 300 dpi, with title, legend and sources as text', { timeout: 240_000 }, async () => {
    const { page, context } = await suite.openApp('?panel=tools');
    // The sheet shows the area around Linfen at 1:50,000.
    await page.evaluate(() => document.querySelector('gis-app')!.map.setView({ lon: 111.52, lat: 36.08, zoom: 10 }));
    await mapIdle(page);
    await openDialog(page);
    await choose(page, { paper: 'A3', orientation: 'landscape', scale: '50000', dpi: '300', title: TITLE });
    const layout = sheetLayout('A3', 'landscape');
    const map = mapPixels(layout, 300);
    expect(await page.locator('gis-print-dialog [data-testid=print-size]').textContent()).toContain(`${map.width} × ${map.height}`);
    await page.screenshot({ path: `${ARTIFACTS}/print-dialog.png` });

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('gis-print-dialog [data-testid=print-pdf]').click()]);
    await popup.waitForFunction(() => document.body.dataset['ready'] === 'true', undefined, { timeout: 180_000 });
    expect(await popup.title()).toBe(TITLE);
    const img = popup.locator('[data-testid=sheet-map]');
    expect(await img.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([map.width, map.height]);
    // the scale bar: a round length whose printed length is length / 50,000
    const bar = popup.locator('[data-testid=sheet-scalebar]');
    const lengthM = Number(await bar.getAttribute('data-length-m'));
    expect(Number(await bar.getAttribute('data-length-mm'))).toBeCloseTo((lengthM / 50_000) * 1000, 2);
    expect(await popup.locator('[data-testid=sheet-scale]').textContent()).toContain('1:50,000');
    const pdf = join(TMP, 'map-sheet.pdf');
    writeFileSync(pdf, await popup.pdf({ preferCSSPageSize: true, printBackground: true }));
    writeFileSync(`${ARTIFACTS}/print-map-sheet.pdf`, readFileSync(pdf));
    if (!POPPLER) {
      console.warn(`skipped the poppler measurements: ${SKIP_REASON}`);
      await context.close();
      return;
    }
    const info = run('pdfinfo', [pdf]);
    expect(info).toMatch(/Pages:\s+1\n/);
    expectA3Landscape(info);
    console.log(`map sheet PDF: ${/Page size:.*/.exec(info)?.[0] ?? ''}`);
    const images = pdfImages(pdf).filter((i) => i.type === 'image');
    const largest = images.sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
    expect([largest.width, largest.height]).toEqual([map.width, map.height]);
    expect(Math.abs(largest.xppi - 300)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(largest.yppi - 300)).toBeLessThanOrEqual(0.5);
    console.log(`map sheet image: ${largest.width} × ${largest.height} px at ${largest.xppi} × ${largest.yppi} ppi`);
    const text = run('pdftotext', ['-layout', pdf, '-']).replace(/\s+/g, '');
    expect(text).toContain(TITLE);
    for (const legend of ['文物保护范围', '文物建设控制地带', '化工园区', '位置精度圆']) expect(text).toContain(legend);
    for (const doc of ['吕政函〔2022〕93号', '临政函〔2023〕13号']) expect(text).toContain(doc);
    for (const note of ['CGCS2000', '示意', '北京时间', '1:50,000', '审图号']) expect(text).toContain(note);
    run('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, `${ARTIFACTS}/print-pdf-page1`]);
    await context.close();
  });

  it('exports the sheet as a PNG of paper × dpi pixels', { timeout: 240_000 }, async () => {
    const { page, context } = await suite.openApp('?panel=tools');
    await openDialog(page);
    await choose(page, { paper: 'A4', orientation: 'portrait', scale: 'fit', dpi: '150', title: TITLE });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.locator('gis-print-dialog [data-testid=print-png]').click()]);
    expect(download.suggestedFilename()).toMatch(/A4-portrait-150dpi\.png$/);
    const png = readFileSync((await download.path())!);
    expect(pngSize(png)).toEqual(pagePixels(sheetLayout('A4', 'portrait'), 150));
    expect(pagePixels(sheetLayout('A4', 'portrait'), 150)).toEqual({ width: 1240, height: 1754 });
    writeFileSync(`${ARTIFACTS}/print-map-sheet-a4.png`, png);
    expect(await page.locator('gis-print-dialog').getAttribute('data-state')).toBe('done');
    await context.close();
  });

  it('names an imported layer by its name in the conflict report PDF, never by its internal id', { timeout: 180_000 }, async () => {
    const { page, context } = await suite.openApp('?panel=conflicts');
    const NAME = '某项目用地红线（测试导入）';
    await page.evaluate((name) => {
      const app = document.querySelector('gis-app')!;
      const zone = app.loaded!.layers.find((l) => l.id === 'relic-control')!.features.find((f) => f.geometry.type === 'Polygon')!;
      const feature = { type: 'Feature' as const, geometry: zone.geometry, properties: { ...zone.props, id: 'prtest01-1', layer: 'imported:project-boundary:prtest01', name: '红线地块 1' } };
      app.store!.setUserContent({
        layers: [{ id: 'prtest01', name, category: 'project-boundary', visible: true, features: [feature], createdAt: new Date().toISOString(), source: { fileName: 'hongxian.geojson', format: 'GeoJSON', crsEpsg: 4490, crsName: 'CGCS2000', zone: null } }],
        supersessions: [],
      });
    }, NAME);
    const panel = page.locator('gis-conflict-panel');
    await panel.locator('[data-testid=conflict-run]').click();
    await expect.poll(() => panel.locator('[data-testid=conflict-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    expect(await panel.locator('[data-testid=report-layers]').textContent()).toContain(NAME);
    await panel.locator('[data-testid=report-paper]').selectOption('A3 landscape');
    const [popup] = await Promise.all([page.waitForEvent('popup'), panel.locator('[data-testid=print-report]').click()]);
    await popup.waitForSelector('[data-testid=print-layers]');
    expect(await popup.title()).toContain('空间冲突检查报告');
    const pdf = join(TMP, 'conflicts.pdf');
    writeFileSync(pdf, await popup.pdf({ preferCSSPageSize: true, printBackground: true }));
    if (!POPPLER) {
      console.warn(`skipped the poppler measurements: ${SKIP_REASON}`);
      await context.close();
      return;
    }
    expectA3Landscape(run('pdfinfo', [pdf]));
    const text = run('pdftotext', [pdf, '-']).replace(/\s+/g, '');
    expect(text).toContain(NAME.replace(/\s+/g, ''));
    expect(text).not.toContain('prtest01');
    expect(text).not.toContain('imported:');
    expect(text).toContain('文物建设控制地带');
    expect(text).not.toContain('relic-control.geojson');
    await context.close();
  });

  it('moves the inspector out of the way when the map zooms to a city: fit beside it when wide, collapse it on a phone', { timeout: 120_000 }, async () => {
    const taiyuan = cityBbox(CITIES.find((c) => c.id === 'taiyuan')!);
    const selectZone = (page: Page): Promise<void> =>
      page.evaluate(() => {
        const app = document.querySelector('gis-app')!;
        app.select(app.loaded!.layers.find((l) => l.id === 'relic-control')!.features[0]!.id, false);
      });
    const zoomToCity = (page: Page): Promise<void> => page.evaluate(() => document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-shell-tools')!.zoomToArea('taiyuan'));
    const corner = (page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> =>
      page.evaluate(([x, y]) => document.querySelector('gis-app')!.map.project([x!, y!]), [lon, lat]);

    // desktop: the city's box is fitted in the part of the map the inspector leaves free
    const wide = await suite.openApp('?panel=tools');
    await selectZone(wide.page);
    const wrap = wide.page.locator('gis-app [data-testid=inspector-wrap]');
    await wrap.waitFor({ state: 'visible' });
    await zoomToCity(wide.page);
    await mapIdle(wide.page);
    const mapBox = (await wide.page.locator('gis-app #map').boundingBox())!;
    const panelBox = (await wrap.boundingBox())!;
    const ne = await corner(wide.page, taiyuan[2], taiyuan[3]);
    const sw = await corner(wide.page, taiyuan[0], taiyuan[1]);
    expect(ne.x).toBeLessThanOrEqual(panelBox.x - mapBox.x + 1);
    expect(sw.x).toBeGreaterThanOrEqual(0);
    expect(ne.y).toBeGreaterThanOrEqual(0);
    expect(sw.y).toBeLessThanOrEqual(mapBox.height);
    expect(await wrap.getAttribute('class')).not.toContain('collapsed');
    await wide.page.screenshot({ path: `${ARTIFACTS}/print-step-aside-desktop.png` });
    await wide.context.close();

    // phone: the inspector collapses to a bar, the city fills the map, the bar opens it again
    const phone = await suite.openApp('?panel=tools', { width: 390, height: 844 });
    await selectZone(phone.page);
    const bar = phone.page.locator('gis-app [data-testid=inspector-wrap]');
    await bar.waitFor({ state: 'visible' });
    await zoomToCity(phone.page);
    await mapIdle(phone.page);
    await expect.poll(() => bar.getAttribute('class')).toContain('collapsed');
    expect(await phone.page.locator('gis-app gis-inspector').isVisible()).toBe(false);
    await phone.page.screenshot({ path: `${ARTIFACTS}/print-step-aside-phone.png` });
    await phone.page.locator('gis-app [data-testid=inspector-expand]').click();
    expect(await bar.getAttribute('class')).not.toContain('collapsed');
    expect(await phone.page.locator('gis-app gis-inspector').isVisible()).toBe(true);
    await phone.context.close();
  });
});
