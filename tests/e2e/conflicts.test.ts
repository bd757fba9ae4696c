import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle, seriousViolations } from './viewer-helpers';

const RULES_JSON = JSON.parse(readFileSync('data/rules/rules.json', 'utf8')) as { version: string; rules: unknown[] };

/** The report the CLI gives for the same layer files (`npm run check -- data/layers/*.geojson --format json …`, the same command line). */
interface CliReport {
  ruleSet: { id: string; version: string };
  summary: Record<string, { definite: number; possible: number }>;
  layers: Array<{ name: string; hash: string }>;
  findings: Array<{ ruleId: string; severity: string; verdict: string; a: { id: string; name: string | null }; b: { id: string; name: string | null } | null; overlap: unknown }>;
}

const LAYER_FILES = readdirSync('data/layers')
  .filter((f) => f.endsWith('.geojson'))
  .sort()
  .map((f) => `data/layers/${f}`);

function cliReport(extra: string[] = []): CliReport {
  const r = spawnSync(process.execPath, ['--single-threaded-gc', 'src/cli/run.js', 'check', ...LAYER_FILES, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`check CLI failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CliReport;
}

const key = (f: CliReport['findings'][number]): string => `${f.ruleId}:${f.a.id}:${f.b?.id ?? '-'}`;

/** The conflict panel (inside the shell's shadow root; playwright locators pierce it). */
function panelOf(page: Page): Locator {
  return page.locator('gis-conflict-panel');
}

async function phase(page: Page): Promise<string | null> {
  return panelOf(page).locator('[data-testid=conflict-status]').getAttribute('data-phase');
}

/** Clicks "run check" and waits until the check has finished (or failed / been cancelled). */
async function runCheck(page: Page): Promise<string | null> {
  await panelOf(page).locator('[data-testid=conflict-run]').click();
  await expect.poll(() => phase(page), { timeout: 30_000 }).not.toBe('running');
  return phase(page);
}

async function summaryCell(page: Page, severity: string, verdict: 'definite' | 'possible'): Promise<number> {
  return Number(await panelOf(page).locator(`[data-testid=conflict-summary] tr[data-severity="${severity}"] td[data-verdict=${verdict}]`).textContent());
}

async function findingKeys(page: Page, rule?: string): Promise<string[]> {
  // every finding, not only the first page of each group
  return page.evaluate((ruleId) => {
    const panel = document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-conflict-panel')!;
    return (panel.lastReport?.findings ?? []).filter((f) => ruleId === undefined || f.ruleId === ruleId).map((f) => `${f.ruleId}:${f.a.id}:${f.b?.id ?? '-'}`);
  }, rule);
}

async function ruleRow(page: Page, ruleId: string): Promise<Locator> {
  const box = panelOf(page).locator('[data-testid=rules-box]');
  if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open))) await box.locator('summary').first().click();
  return panelOf(page).locator(`[data-testid=conflict-rule][data-rule="${ruleId}"]`);
}

/** A synthetic chemical park: a square of `halfDeg` around (lon, lat). */
function squareFeature(id: string, lon: number, lat: number, halfDeg: number): object {
  return {
    type: 'Feature',
    properties: { id, layer: 'chemical-park', name: `合成园区 ${id}`, precisionM: 0, status: 'in-force' },
    geometry: { type: 'Polygon', coordinates: [[[lon - halfDeg, lat - halfDeg], [lon + halfDeg, lat - halfDeg], [lon + halfDeg, lat + halfDeg], [lon - halfDeg, lat + halfDeg], [lon - halfDeg, lat - halfDeg]]] },
  };
}

describe('conflict check in the app (issue 6)', () => {
  const suite = useAppSuite();
  let cli: CliReport;
  beforeAll(() => {
    cli = cliReport();
  });

  it('runs the check on the real layers in a worker and reports what the CLI reports', async () => {
    const { page, context, log } = await suite.openApp('?panel=conflicts');
    const panel = panelOf(page);
    expect(await panel.locator('[data-testid=conflict-rule]').count()).toBe(RULES_JSON.rules.length);
    expect(await runCheck(page)).toBe('done');

    // summary per severity × verdict equals the CLI's (rule set v1.1.0: 1 possible 禁止, 11 possible 需审批)
    expect(await panel.locator('[data-testid=report-ruleset]').textContent()).toBe(`${cli.ruleSet.id} v${cli.ruleSet.version}`);
    for (const [severity, counts] of Object.entries(cli.summary)) {
      expect(await summaryCell(page, severity, 'definite')).toBe(counts.definite);
      expect(await summaryCell(page, severity, 'possible')).toBe(counts.possible);
    }
    expect(cli.findings.length).toBeGreaterThan(0);
    expect((await findingKeys(page)).sort()).toEqual(cli.findings.map(key).sort());
    expect(await panel.locator('[data-testid=conflict-finding]').count()).toBe(cli.findings.length);

    // the same inputs: each layer's hash equals the CLI's hash of the file
    const hashes = await panel.locator('[data-testid=report-layers] tr[data-layer]').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-layer'), r.querySelector('[data-testid=layer-hash]')?.textContent] as const),
    );
    expect(Object.fromEntries(hashes)).toEqual(Object.fromEntries(cli.layers.map((l) => [l.name, l.hash])));

    // grouped by severity, strongest first; each finding names both features, the rule, basis, numbers, verdict and caveat
    const groups = await panel.locator('[data-testid=finding-group]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-severity')));
    expect(groups).toEqual(['禁止', '需审批'].filter((s) => cli.findings.some((f) => f.severity === s)));
    const first = cli.findings.find((f) => f.severity === '禁止') ?? cli.findings[0]!;
    const item = panel.locator(`[data-testid=conflict-finding][data-key="${key(first)}"]`);
    expect(await item.locator('[data-testid=finding-a]').textContent()).toBe(first.a.name ?? first.a.id);
    expect(await item.locator('[data-testid=finding-b]').textContent()).toBe(first.b?.name ?? first.b?.id);
    expect(await item.locator('[data-testid=finding-verdict]').textContent()).toBe(first.verdict === 'definite' ? '确定' : '可能');
    expect(await item.locator('[data-testid=finding-caveat]').textContent()).toContain('精度');
    expect(await item.locator('[data-testid=finding-distance]').textContent()).toMatch(/\d+(\.\d+)? (k?m)/);
    await item.locator('details summary').click();
    expect(await item.locator('details blockquote').first().isVisible()).toBe(true);

    // the findings are drawn on the map: zoom to one and its link is among the rendered features
    await item.locator('[data-testid=finding-zoom]').click();
    await mapIdle(page);
    const drawn = await page.evaluate(() => document.querySelector('gis-app')!.map.renderedFeatureIds());
    expect(drawn).toContain(key(first));
    expect(await item.getAttribute('data-focus')).toBe('true');
    await page.screenshot({ path: `${ARTIFACTS}/conflicts-report-desktop.png` });

    // clicking a feature name selects it through the shell (inspector + URL)
    await item.locator('[data-testid=finding-a]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(first.a.id);
    expect(await page.locator('gis-inspector h2').textContent()).toContain(first.a.name ?? '');

    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.blockedRequests).toEqual([]);
    await context.close();
  });

  it('records a switched-off rule and changed parameters, and their findings change accordingly', async () => {
    const { page, context } = await suite.openApp('?panel=conflicts');
    const panel = panelOf(page);
    expect(await runCheck(page)).toBe('done');
    const radarPark = 'weather-radar-near-chemical-park';
    const radarBuild = 'weather-radar-near-construction';
    const before = await findingKeys(page, radarBuild);
    expect((await findingKeys(page, radarPark)).length).toBeGreaterThan(0);

    // switch one rule off
    await (await ruleRow(page, radarPark)).locator('[data-testid=rule-enabled]').uncheck();
    // invalid parameters are refused before anything runs
    const distance = (await ruleRow(page, radarBuild)).locator('[data-testid=param-distance]');
    await distance.fill('-5');
    expect(await distance.getAttribute('aria-invalid')).toBe('true');
    expect(await (await ruleRow(page, radarBuild)).locator('.field-error').textContent()).toBe('不能为负数');
    expect(await panel.locator('[data-testid=conflict-run]').isDisabled()).toBe(true);
    await distance.fill('abc');
    expect(await (await ruleRow(page, radarBuild)).locator('.field-error').textContent()).toBe('不是数字');
    // a large radar protection distance
    await distance.fill('50000');
    expect(await distance.getAttribute('aria-invalid')).toBe('false');
    expect(await runCheck(page)).toBe('done');

    expect(await findingKeys(page, radarPark)).toEqual([]);
    expect(await panel.locator(`[data-testid=conflict-finding][data-rule="${radarPark}"]`).count()).toBe(0);
    const rows = panel.locator('[data-testid=report-rules]');
    expect(await rows.locator(`tr[data-rule="${radarPark}"]`).getAttribute('data-status')).toBe('disabled');
    expect(await rows.locator(`tr[data-rule="${radarPark}"] [data-testid=rule-status]`).textContent()).toBe('已停用');
    const changed = await rows.locator(`tr[data-rule="${radarBuild}"]`).textContent();
    expect(changed).toContain('d = 50000 m');
    expect(changed).toContain('用户修改');
    const after = await findingKeys(page, radarBuild);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after).toEqual(expect.arrayContaining(before));

    // the CLI with the same overrides agrees
    const cliOverridden = cliReport(['--disable', radarPark, '--set', `${radarBuild}.distanceM=50000`]);
    expect((await findingKeys(page)).sort()).toEqual(cliOverridden.findings.map(key).sort());

    // reset restores the defaults
    await ruleRow(page, radarBuild); // opens the (collapsed) rule list
    await panel.locator('[data-testid=reset-rules]').click();
    expect(await (await ruleRow(page, radarBuild)).locator('[data-testid=param-distance]').inputValue()).toBe('1000');
    expect(await (await ruleRow(page, radarPark)).locator('[data-testid=rule-enabled]').isChecked()).toBe(true);
    await context.close();
  });

  it('exports the findings as CSV and the overlaps as GeoJSON, draws overlap polygons, and prints a report page', async () => {
    const { page, context } = await suite.openApp('?panel=conflicts');
    const panel = panelOf(page);
    // a synthetic chemical park over a real construction-control zone gives an overlap polygon
    const centre = await page.evaluate(() => {
      const zone = document.querySelector('gis-app')!.loaded!.layers.find((l) => l.id === 'relic-control')!.features.find((f) => f.geometry.type === 'Polygon')!;
      const ring = (zone.geometry as { coordinates: number[][][] }).coordinates[0]!;
      return { lon: ring[0]![0]!, lat: ring[0]![1]!, id: zone.id };
    });
    const synthetic = squareFeature('chemical-park:synthetic-overlap', centre.lon, centre.lat, 0.002);
    await panel.evaluate((el, f) => {
      (el as HTMLElement & { extraLayers: unknown }).extraLayers = [{ name: 'synthetic.geojson', features: [f] }];
    }, synthetic);
    expect(await runCheck(page)).toBe('done');
    const overlapKey = `chemical-park-near-relic-control:chemical-park:synthetic-overlap:${centre.id}`;
    const item = panel.locator(`[data-testid=conflict-finding][data-key="${overlapKey}"]`);
    expect(Number(await item.locator('[data-testid=finding-area]').getAttribute('data-m2'))).toBeGreaterThan(1);
    expect(await item.locator('[data-testid=finding-area]').textContent()).toContain('公顷');
    await item.locator('[data-testid=finding-zoom]').click();
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedFeatureIds())).toContain(overlapKey);
    await page.screenshot({ path: `${ARTIFACTS}/conflicts-overlap-desktop.png` });
    // hiding the overlay removes it from the map
    await panel.locator('[data-testid=show-on-map]').uncheck();
    await mapIdle(page);
    expect(await page.evaluate(() => document.querySelector('gis-app')!.map.renderedFeatureIds())).not.toContain(overlapKey);
    await panel.locator('[data-testid=show-on-map]').check();

    const total = await page.evaluate(() => document.querySelector('gis-app')!.shadowRoot!.querySelector('gis-conflict-panel')!.lastReport!.findings.length);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid=export-csv]').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^conflict-report-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['severity', 'verdict', 'ruleId']);
    expect(lines.length).toBe(total + 1);
    expect(csv).toContain('synthetic-overlap');
    expect(csv).toContain('侯马市2022年度土地征收成片开发调整方案');

    const [geoDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid=export-geojson]').click()]);
    expect(geoDownload.suggestedFilename()).toMatch(/^conflict-report-.*\.geojson$/);
    const geo = JSON.parse(readFileSync((await geoDownload.path())!, 'utf8')) as { type: string; ruleSet: { version: string }; features: Array<{ id: string; geometry: { type: string } }> };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.ruleSet.version).toBe(RULES_JSON.version);
    const feature = geo.features.find((f) => f.id === overlapKey);
    expect(feature?.geometry.type).toMatch(/Polygon/);

    // the printable page: rule-set version, time, layer hashes, parameters, findings table
    const [popup] = await Promise.all([page.waitForEvent('popup'), panel.locator('[data-testid=print-report]').click()]);
    await popup.waitForSelector('[data-testid=print-findings]');
    const time = await panel.locator('[data-testid=report-time]').textContent();
    expect(await popup.locator('[data-testid=print-ruleset]').textContent()).toContain(`v${RULES_JSON.version}`);
    expect(await popup.locator('[data-testid=print-time]').textContent()).toContain(time!);
    expect(await popup.locator('[data-testid=print-layers]').textContent()).toContain(cli.layers[0]!.hash);
    expect(await popup.locator('[data-testid=print-layers]').textContent()).toContain('synthetic.geojson');
    expect(await popup.locator('[data-testid=print-rules] tr[data-rule="weather-radar-near-chemical-park"]').textContent()).toContain('d = 1000 m');
    expect(await popup.locator('[data-testid=print-finding]').count()).toBe(total);
    await popup.emulateMedia({ media: 'print' });
    expect(await popup.locator('[data-testid=print-report-button]').isVisible()).toBe(false);
    await popup.setViewportSize({ width: 1123, height: 794 });
    await popup.screenshot({ path: `${ARTIFACTS}/conflicts-print.png` });
    await context.close();
  });

  it('keeps the page responsive during a long check and returns to idle when cancelled', async () => {
    const { page, context } = await suite.openApp('?panel=conflicts');
    const panel = panelOf(page);
    // Frames are counted during the check, not during the startup's shader warm-up (one compile per frame, once).
    await page.evaluate(() => document.querySelector('gis-app')!.map.warmUpShaders());

    // cancelling at once (in the same task as the start, so even a fast check cannot finish first)
    await panel.evaluate((el) => {
      const p = el as HTMLElement & { run(): Promise<void>; cancel(): void };
      void p.run();
      p.cancel();
    });
    await expect.poll(() => phase(page)).toBe('cancelled');
    expect(await panel.locator('[data-testid=conflict-status]').textContent()).toBe('检查已取消。');
    expect(await panel.locator('[data-testid=conflict-report]').count()).toBe(0);

    // a long check: 40 000 synthetic parks around the construction-control zones
    await panel.evaluate((el) => {
      const zones = document.querySelector('gis-app')!.loaded!.layers.find((l) => l.id === 'relic-control')!.features;
      const features: object[] = [];
      let seed = 7;
      const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let i = 0; i < 40_000; i++) {
        const g = zones[i % zones.length]!.geometry as { type: string; coordinates: unknown };
        const ring = (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0]![0])!;
        const [x, y] = ring[0] as [number, number];
        const cx = x + (rnd() - 0.5) * 0.01;
        const cy = y + (rnd() - 0.5) * 0.01;
        const h = 0.002;
        features.push({
          type: 'Feature',
          properties: { id: `chemical-park:syn-${i}`, layer: 'chemical-park', name: `合成${i}`, precisionM: 0 },
          geometry: { type: 'Polygon', coordinates: [[[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h], [cx - h, cy - h]]] },
        });
      }
      (el as HTMLElement & { extraLayers: unknown }).extraLayers = [{ name: 'synthetic-large.geojson', features }];
    });
    await panel.locator('[data-testid=conflict-run]').click();
    const progressText = panel.locator('[data-testid=conflict-progress-text]');
    await expect.poll(() => progressText.textContent(), { timeout: 30_000 }).toMatch(/^[1-9]\d* \/ \d+ 单元$/);
    const [done0] = (await progressText.textContent())!.split(/\D+/).map(Number);
    // frames keep coming while the worker computes
    const frames = await page.evaluate(
      () =>
        new Promise<{ count: number; maxGap: number }>((resolve) => {
          const start = performance.now();
          let last = start;
          let count = 0;
          let maxGap = 0;
          const tick = (now: number): void => {
            maxGap = Math.max(maxGap, now - last);
            last = now;
            count++;
            if (now - start < 1000) requestAnimationFrame(tick);
            else resolve({ count, maxGap });
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(await phase(page)).toBe('running'); // the frames were counted during the check
    // a check on the main thread would block for seconds: one frame, a gap of the whole second
    expect(frames.count).toBeGreaterThan(10);
    expect(frames.maxGap).toBeLessThan(500);
    const [done1, total1] = (await progressText.textContent())!.split(/\D+/).map(Number);
    expect(done1).toBeGreaterThan(done0!); // and the progress moved on meanwhile
    expect(done1).toBeLessThan(total1!);
    await page.screenshot({ path: `${ARTIFACTS}/conflicts-running-desktop.png` });

    await panel.locator('[data-testid=conflict-cancel]').click();
    expect(await phase(page)).toBe('cancelled');
    expect(await panel.locator('[data-testid=conflict-status]').textContent()).toBe('检查已取消。');
    expect(await panel.locator('[data-testid=conflict-progress]').count()).toBe(0);
    expect(await panel.locator('[data-testid=conflict-run]').isEnabled()).toBe(true);
    expect(await panel.locator('[data-testid=conflict-report]').count()).toBe(0);
    await context.close();
  });

  it('works in English and on a phone', async () => {
    const { page, context } = await suite.openApp('?panel=conflicts&lang=en', { width: 390, height: 780 });
    expect(await page.locator('gis-app #tab-conflicts').textContent()).toBe('Conflicts');
    const panel = panelOf(page);
    expect(await panel.locator('h2').first().textContent()).toBe('Conflict check');
    expect(await runCheck(page)).toBe('done');
    expect(await panel.locator('[data-testid=conflict-summary] tr[data-severity="需审批"] th').textContent()).toBe('Needs approval');
    expect(await panel.locator('[data-testid=conflict-finding] [data-testid=finding-verdict]').first().textContent()).toBe('Possible');
    await page.screenshot({ path: `${ARTIFACTS}/conflicts-report-phone.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
