import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, seriousViolations } from './viewer-helpers';
import { toGaussKruger } from '../../src/core/geo/gauss-kruger';
import { parseCsv } from '../unit/core/table/csv-reader';

/**
 * Issue 18, the attribute table: open it on a layer, sort, filter, choose columns, the wide view; CSV
 * (UTF-8 with BOM, GB18030) and XLSX exports read back with every column (fflate here, GDAL when
 * installed); a link restores the table's layer, sort and selection; a 20,000-feature user layer; the
 * inspector of a superseded feature shows both areas and QA refreshed for the surveyed shape.
 */

const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p));
type Fc = FeatureCollection<Polygon, Record<string, unknown> & { id: string; name: string }>;
const relics = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as Fc;
const controls = JSON.parse(readFileSync('data/layers/relic-control.geojson', 'utf8')) as Fc;


/** Sheet 1 of an XLSX as rows of cells (numbers as numbers), read with fflate's unzip. */
function readXlsx(bytes: Uint8Array): Array<Array<string | number | null>> {
  const files = unzipSync(bytes);
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const sst = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => unescape(m[1]!));
  const colIndex = (letters: string): number => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const rows: Array<Array<string | number | null>> = [];
  for (const r of strFromU8(files['xl/worksheets/sheet1.xml']!).matchAll(/<row r="(\d+)">([\s\S]*?)<\/row>/g)) {
    const cells: Array<string | number | null> = [];
    for (const c of r[2]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*?( t="s")?><v>([^<]*)<\/v><\/c>/g)) cells[colIndex(c[1]!)] = c[2] ? sst[Number(c[3])]! : Number(c[3]);
    rows[Number(r[1]) - 1] = Array.from(cells, (v) => v ?? null);
  }
  return rows;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

function table(page: Page): Locator {
  return page.locator('gis-attribute-table');
}

/** The shown column keys and the visible rows' cell texts. */
async function grid(page: Page): Promise<{ cols: string[]; rows: string[][] }> {
  const cols = await table(page).locator('thead th button').evaluateAll((b) => b.map((x) => x.getAttribute('data-col') ?? ''));
  const rows = await table(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  return { cols, rows };
}

const num = (s: string): number => (s === '' ? NaN : Number(s.replace(/,/g, '')));

function centroid(ring: readonly Position[]): [number, number] {
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}

describe('attribute table', () => {
  const suite = useAppSuite();

  it('sorts, filters, chooses columns, opens wide, and exports CSV (UTF-8 BOM, GB18030) and XLSX with every column', async () => {
    const { page, context, log } = await suite.openApp('?panel=table');
    await table(page).locator('[data-testid=table-layer]').selectOption('relic-protection');
    await expect.poll(async () => (await grid(page)).rows.length).toBeGreaterThan(10);
    let g = await grid(page);
    for (const k of ['name', 'county', 'status', 'areaM2', 'areaHa', 'areaMu', 'method', 'precisionM', 'docNumber', 'docDate']) expect(g.cols).toContain(k);

    // sort: numbers numerically (亩, both directions), Chinese text in zh-CN collation
    await table(page).locator('th button[data-col=areaMu]').click();
    g = await grid(page);
    const mu = g.rows.map((r) => num(r[g.cols.indexOf('areaMu')]!)).filter(Number.isFinite);
    expect(mu.length).toBeGreaterThan(10);
    expect([...mu].sort((a, b) => a - b)).toEqual(mu);
    expect(await table(page).locator('th:has(button[data-col=areaMu])').getAttribute('aria-sort')).toBe('ascending');
    await table(page).locator('th button[data-col=areaMu]').click();
    g = await grid(page);
    const muDesc = g.rows.map((r) => num(r[g.cols.indexOf('areaMu')]!)).filter(Number.isFinite);
    expect([...muDesc].sort((a, b) => b - a)).toEqual(muDesc);
    expect(Math.max(...muDesc)).toBeGreaterThan(Math.max(...mu.slice(0, 5)));
    await table(page).locator('th button[data-col=county]').click();
    g = await grid(page);
    const counties = g.rows.map((r) => r[g.cols.indexOf('county')]!);
    expect([...counties].sort((a, b) => a.localeCompare(b, 'zh-CN'))).toEqual(counties);
    expect(new URL(page.url()).searchParams.get('ts')).toBe('county');

    // filter across columns: a county name finds that county's sites only
    const county = counties[0]!;
    await table(page).locator('input[type=search]').fill(county);
    await expect.poll(async () => (await grid(page)).rows.every((r) => r.join('|').includes(county))).toBe(true);
    const inCounty = relics.features.filter((f) => JSON.stringify(f.properties).includes(county)).length;
    expect((await grid(page)).rows.length).toBe(inCounty);
    await table(page).locator('input[type=search]').fill('');

    // column chooser: hide the county, show the record id
    await table(page).locator('[data-testid=column-chooser] summary').click();
    await table(page).locator('[data-testid=column-chooser] input[data-col=county]').uncheck();
    await table(page).locator('[data-testid=column-chooser] input[data-col=recordId]').check();
    g = await grid(page);
    expect(g.cols).not.toContain('county');
    expect(g.cols).toContain('recordId');
    await table(page).locator('[data-testid=column-chooser] summary').click();

    // wide view: across the window, keyboard usable (arrow keys move between rows, Esc returns)
    await table(page).locator('[data-testid=table-wide]').click();
    await expect.poll(() => table(page).evaluate((el) => el.hasAttribute('wide'))).toBe(true);
    const box = (await table(page).boundingBox())!;
    expect(box.width).toBeGreaterThan(1200);
    expect(await table(page).getAttribute('role')).toBe('region');
    expect(await table(page).getAttribute('aria-label')).toContain('宽视图');
    const firstName = table(page).locator('tbody tr[data-index="0"] td:first-child button');
    await firstName.focus();
    await page.keyboard.press('ArrowDown');
    expect(await table(page).evaluate((el) => el.shadowRoot!.activeElement?.closest('tr')?.getAttribute('data-index'))).toBe('1');
    await page.screenshot({ path: `${ARTIFACTS}/attribute-table-wide.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => table(page).evaluate((el) => el.hasAttribute('wide'))).toBe(false);
    await page.locator('gis-app aside').screenshot({ path: `${ARTIFACTS}/attribute-table-panel.png` });

    // exports: every column, every row, in the table's order
    const allCols = await table(page).locator('[data-testid=column-chooser] input[type=checkbox]').count();
    await table(page).locator('[data-testid=table-export] summary').click();
    const csv = await download(page, () => table(page).locator('[data-testid=export-csv]').click());
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const utf8 = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes.subarray(3)));
    expect(utf8[0]).toHaveLength(allCols);
    expect(utf8).toHaveLength(relics.features.length + 1);
    expect(utf8[0]).toContain('面积（亩）');
    const h = utf8[0]!;
    const names = new Set(relics.features.map((f) => f.properties.name));
    for (const r of utf8.slice(1)) {
      expect(r).toHaveLength(allCols);
      expect(names.has(r[h.indexOf('名称')]!)).toBe(true);
      const m2 = Number(r[h.indexOf('面积（平方米）')]);
      expect(Number(r[h.indexOf('面积（亩）')])).toBeCloseTo((m2 * 15) / 10000, 1);
      expect(Number(r[h.indexOf('面积（公顷）')])).toBeCloseTo(m2 / 10000, 3);
    }
    await table(page).locator('[data-testid=table-export] input[value=gb18030]').check();
    const gb = await download(page, () => table(page).locator('[data-testid=export-csv]').click());
    expect([...gb.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder('gb18030').decode(gb.bytes))).toEqual(utf8);
    expect(gb.bytes.includes(Buffer.from([0xd6, 0xd0]))).toBe(utf8.flat().join('').includes('中'));

    const xlsx = await download(page, () => table(page).locator('[data-testid=export-xlsx]').click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const sheet = readXlsx(new Uint8Array(xlsx.bytes));
    expect(sheet[0]).toEqual(h);
    expect(sheet).toHaveLength(utf8.length);
    const areaCol = h.indexOf('面积（平方米）');
    sheet.slice(1).forEach((r, i) => {
      expect(r[h.indexOf('名称')]).toBe(utf8[i + 1]![h.indexOf('名称')]);
      if (utf8[i + 1]![areaCol] !== '') expect(r[areaCol]).toBe(Number(utf8[i + 1]![areaCol]));
    });
    if (OGRINFO !== undefined) {
      const file = join(mkdtempSync(join(tmpdir(), 'table-xlsx-')), 'relics.xlsx');
      writeFileSync(file, xlsx.bytes);
      const out = execFileSync(OGRINFO, ['-ro', '-al', '-oo', 'HEADERS=FORCE', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(out).toContain(`Feature Count: ${relics.features.length}`);
      expect(out).toMatch(/^面积（平方米）: Real/m);
      for (const name of [...names].slice(0, 5)) expect(out).toContain(`名称 (String) = ${name}`);
    } else console.warn('ogrinfo not installed: the XLSX was read back with fflate only');
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('a link restores the table’s layer, sort and selection (and a bare selection opens the table on its layer)', async () => {
    const target = [...controls.features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'zh-CN'))[controls.features.length - 3]!;
    const sel = encodeURIComponent(target.properties.id);
    // the selection alone: the table shows the selection's layer, not the first one
    let opened = await suite.openApp(`?panel=table&sel=${sel}`);
    await expect.poll(() => table(opened.page).locator('[data-testid=table-layer]').inputValue()).toBe('relic-control');
    await expect.poll(() => table(opened.page).locator(`tbody tr[aria-current=true]`).getAttribute('data-id')).toBe(target.properties.id);
    await opened.context.close();

    opened = await suite.openApp(`?panel=table&tl=relic-control&ts=-areaMu&sel=${sel}`);
    const { page } = opened;
    await expect.poll(() => table(page).locator('[data-testid=table-layer]').inputValue()).toBe('relic-control');
    expect(await table(page).locator('th:has(button[data-col=areaMu])').getAttribute('aria-sort')).toBe('descending');
    const row = table(page).locator('tbody tr[aria-current=true]');
    await expect.poll(() => row.getAttribute('data-id')).toBe(target.properties.id);
    expect(await row.isVisible()).toBe(true);
    await expect.poll(() => page.locator('gis-inspector h2').textContent()).toBe(target.properties.name);

    // a change made in the table is in the link, and a reload brings it back
    await table(page).locator('th button[data-col=precisionM]').click();
    await table(page).locator('[data-testid=table-wide]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ts')).toBe('precisionM');
    expect(new URL(page.url()).searchParams.get('tw')).toBe('1');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await expect.poll(() => table(page).locator('th:has(button[data-col=precisionM])').getAttribute('aria-sort')).toBe('ascending');
    expect(await table(page).evaluate((el) => el.hasAttribute('wide'))).toBe(true);
    await expect.poll(() => table(page).locator('tbody tr[aria-current=true]').getAttribute('data-id')).toBe(target.properties.id);
    // back: the previous sort
    await page.goBack();
    await expect.poll(() => table(page).evaluate((el) => el.hasAttribute('wide'))).toBe(false);
    expect(opened.log.pageErrors).toEqual([]);
    await opened.context.close();
  }, 180_000);

  it('a 20,000-feature user layer: every attribute as a column, opened, sorted and filtered within budget (measured)', async () => {
    const { page, context, log } = await suite.openApp('?panel=table');
    const timings = await page.evaluate(async () => {
      const app = document.querySelector('gis-app')!;
      const n = 20_000;
      const features = Array.from({ length: n }, (_, i) => {
        const x = 111 + (i % 200) * 0.002;
        const y = 36 + Math.floor(i / 200) * 0.002;
        return {
          type: 'Feature' as const,
          geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] },
          properties: {
            id: `bulk-${i + 1}`, layer: 'imported', name: `地块${i + 1}`, county: i % 2 ? '尧都区' : '洪洞县', status: 'in-force', docNumber: null, docDate: null,
            issuer: null, source: null, method: 'imported-geojson', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null, areaResidual: null,
            flags: [], recordId: null, attributes: { DKBM: `1410${String(i).padStart(6, '0')}`, MJ: (i * 7919) % 10007, QSDW: i % 3 ? '集体' : '国有' },
          },
        };
      });
      const stored = { id: 'bulk20000', name: '两万地块', category: 'other', visible: false, features, createdAt: new Date().toISOString(), source: { fileName: 'bulk.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null } };
      app.store!.setUserContent({ layers: [stored as never], supersessions: [] });
      await app.updateComplete;
      const el = app.shadowRoot!.querySelector('gis-attribute-table')!;
      await el.updateComplete;
      const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[data-testid=table-layer]')!;
      const t0 = performance.now();
      select.value = 'imported:other:bulk20000';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const open = performance.now() - t0;
      const t1 = performance.now();
      el.shadowRoot!.querySelector<HTMLButtonElement>('th button[data-col="attr:MJ"]')!.click();
      await el.updateComplete;
      const sort = performance.now() - t1;
      const t2 = performance.now();
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
      input.value = '14100199';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      const filter = performance.now() - t2;
      return { open, sort, filter, domRows: el.shadowRoot!.querySelectorAll('tbody tr').length };
    });
    console.log(`20,000-feature layer: open ${timings.open.toFixed(0)} ms, sort ${timings.sort.toFixed(0)} ms, filter ${timings.filter.toFixed(0)} ms`);
    // budgets with room for a loaded machine (measured 0.7–2.5 s, 3–19 ms and 0.3–0.8 s on 2 shared cores);
    // the filter before number formats were cached took 12.8 s and fails here
    expect(timings.open).toBeLessThan(5000);
    expect(timings.sort).toBeLessThan(1000);
    expect(timings.filter).toBeLessThan(3000);
    // the filter "14100199" matches DKBM 1410019900 … 1410019999: 100 rows
    expect(await table(page).locator('[data-testid=table-count]').textContent()).toContain('100');
    const g = await grid(page);
    expect(g.cols).toEqual(expect.arrayContaining(['attr:DKBM', 'attr:MJ', 'attr:QSDW']));
    await table(page).locator('input[type=search]').fill('');
    await expect.poll(async () => (await grid(page)).rows.length).toBeLessThan(120);
    const g2 = await grid(page);
    const mj = g2.rows.map((r) => num(r[g2.cols.indexOf('attr:MJ')]!));
    expect([...mj].sort((a, b) => a - b)).toEqual(mj);
    // scrolling to the end shows the last rows (virtualised: only the visible rows are in the DOM)
    await table(page).locator('.scroller').evaluate((s) => (s.scrollTop = s.scrollHeight));
    await expect.poll(() => table(page).locator('tbody tr').last().getAttribute('aria-rowindex')).toBe('20001');
    expect(log.pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a superseded feature: the inspector shows the stated and surveyed areas with the difference, and QA refreshed', async () => {
    const relic = relics.features.find((f) => f.properties.name.startsWith('大万山白龙庙'))!;
    const stated = relic.properties['statedAreaM2'] as number;
    const side = Math.sqrt(stated * (1 - 0.5293));
    const [lon, lat] = centroid(relic.geometry.coordinates[0]!);
    const c = toGaussKruger(lon, lat, { zone: 37, width: 3, prefixed: true });
    const h = side / 2;
    const pts = [[c.x - h, c.y - h], [c.x - h, c.y + h], [c.x + h, c.y + h], [c.x + h, c.y - h], [c.x - h, c.y - h]];
    const text = ['界址点坐标表（2000国家大地坐标系 3度带 第37带）', '点号\tX(m)\tY(m)', ...pts.map((p, i) => `J${i + 1}\t${p[0]!.toFixed(3)}\t${p[1]!.toFixed(3)}`)].join('\n');

    const { page, context, log } = await suite.openApp(`?panel=import&sel=${encodeURIComponent(relic.properties.id)}`);
    await expect.poll(() => page.locator('gis-import-panel').evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready.then(() => true))).toBe(true);
    const before = await page.locator('gis-inspector [data-testid=qa-findings] [data-code]').evaluateAll((e) => e.map((x) => x.getAttribute('data-code')));
    expect(before).toContain('RING_AREA_INCONSISTENT');
    const panel = page.locator('gis-import-panel');
    await panel.locator('[data-testid=import-paste]').fill(text);
    await panel.locator('[data-testid=import-paste-read]').click();
    const preview = panel.locator('[data-testid=import-preview]');
    await preview.locator('[data-testid=preview-crs][data-zone="37"]').waitFor({ timeout: 30_000 });
    await preview.locator('[data-testid=supersede] summary').click();
    await preview.locator('[data-testid=supersede-target]').selectOption(relic.properties.id);
    expect(await preview.locator('[data-testid=supersede-threshold]').inputValue()).toBe('5');
    const diff = preview.locator('[data-testid=supersede-diff]');
    expect(await diff.getAttribute('data-over')).toBe('true');
    expect(await diff.textContent()).toContain('-52.9');
    await preview.locator('[data-testid=supersede-button]').click();
    await expect.poll(() => panel.locator('[data-testid=import-warning]').getAttribute('data-reason')).toBe('area-differs');
    const insp = page.locator('gis-inspector');
    await expect.poll(() => insp.locator('[data-testid=area-surveyed]').count()).toBe(1);
    expect((await insp.locator('[data-testid=area-stated]').textContent())?.trim()).not.toBe('—');
    expect(await insp.locator('[data-testid=area-text-derived]').count()).toBe(1);
    const d = insp.locator('[data-testid=area-diff]');
    expect(await d.getAttribute('data-over')).toBe('true');
    expect(await d.textContent()).toMatch(/-52\.9\d%/);
    const after = await insp.locator('[data-testid=qa-findings] [data-code]').evaluateAll((e) => e.map((x) => x.getAttribute('data-code')));
    expect(after[0]).toBe('SURVEYED_AREA_DIFFERS');
    expect(after).not.toContain('RING_AREA_INCONSISTENT');
    expect(after).toContain('SAME_LIMIT_BOTH_ZONES');
    await insp.screenshot({ path: `${ARTIFACTS}/attribute-table-supersede-inspector.png` });

    // the threshold is a setting: 60 % makes the same difference acceptable, and it is remembered
    const threshold = preview.locator('[data-testid=supersede-threshold]');
    if ((await threshold.count()) === 0) {
      await panel.locator('[data-testid=import-paste]').fill(text);
      await panel.locator('[data-testid=import-paste-read]').click();
      await preview.locator('[data-testid=supersede] summary').click();
    }
    await threshold.fill('60');
    await threshold.dispatchEvent('change');
    await expect.poll(() => d.getAttribute('data-over')).toBe('false');
    expect((await insp.locator('[data-testid=qa-findings] [data-code]').first().getAttribute('data-code'))).toBe('SURVEYED_AREA_MATCHES');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('gis-app')?.getAttribute('data-layers') === 'ready', undefined, { timeout: 60_000 });
    await expect.poll(() => page.locator('gis-inspector [data-testid=area-diff]').getAttribute('data-over')).toBe('false');
    expect(log.pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
