import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppSuite } from './app-helpers';
import { enProblems, visibleTexts, zhProblems } from './language-helpers';
import type { VisibleText } from './language-helpers';
import { mapIdle } from './viewer-helpers';

/**
 * Issue 14: the main flows in zh-CN show no English sentence and no raw code (names, quotes, EPSG codes and
 * units excepted), and in English no Chinese prose outside names and quotes. The flows: the layers tab, the
 * table, the tools, a selected feature with QA findings in the inspector, a conflict check with its report,
 * and public mode at a point.
 */

async function tab(page: Page, panel: string): Promise<void> {
  await page.locator(`gis-app #tab-${panel}`).click();
  await page.locator(`gis-app #panel-${panel}`).waitFor({ state: 'visible' });
}

/** Walks the flows and returns everything that was visible on the way. */
async function walk(page: Page, lang: 'zh-CN' | 'en'): Promise<VisibleText[]> {
  const seen: VisibleText[] = [];
  const look = async (): Promise<void> => {
    seen.push(...(await visibleTexts(page, lang)));
  };
  await look();
  await tab(page, 'table');
  await page.locator('gis-attribute-table table').first().waitFor();
  await look();
  await tab(page, 'tools');
  await look();
  // a feature with QA findings, selected from the QA markers' list of features
  const id = await page.evaluate(() => {
    const app = document.querySelector('gis-app')!;
    const markers = app.loaded!.layers.find((l) => l.id === 'qa')!.features;
    return markers.find((m) => (m.props.featureIds ?? []).length > 0)!.props.featureIds![0]!;
  });
  await page.evaluate((fid) => document.querySelector('gis-app')!.select(fid, true), id);
  await page.locator('gis-inspector [data-testid=qa-findings]').waitFor();
  await look();
  await tab(page, 'conflicts');
  await page.locator('gis-conflict-panel [data-testid=conflict-run]').click();
  await expect.poll(() => page.locator('gis-conflict-panel [data-testid=conflict-status]').getAttribute('data-phase'), { timeout: 120_000 }).toBe('done');
  await page.locator('gis-conflict-panel [data-testid=conflict-finding]').first().waitFor();
  await look();
  await page.locator('gis-app [data-testid=public-button]').click();
  // at the anchor of a relic protection range: its zones and their rules are listed
  await page.evaluate(() => {
    const app = document.querySelector('gis-app')!;
    const a = app.loaded!.layers.find((l) => l.id === 'relic-protection')!.features.find((f) => f.props.anchor)!.props.anchor!;
    app.map.setView({ lon: a.lon, lat: a.lat, zoom: 16 });
  });
  await mapIdle(page);
  const box = await page.locator('gis-app #map').boundingBox();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect.poll(() => page.locator('gis-public-mode [data-testid=public-results] li.hit').count()).toBeGreaterThan(0);
  await look();
  return seen;
}

function unique(problems: string[]): string[] {
  return [...new Set(problems)];
}

describe('one language at a time (issue 14)', () => {
  const suite = useAppSuite();

  it('the checks can fail: they find English, raw codes and Chinese where they are planted', () => {
    const at = (text: string): VisibleText[] => [{ text, where: 'test' }];
    expect(zhProblems(at('The check failed: bad input')).length).toBeGreaterThan(0);
    expect(zhProblems(at('SUPERSEDES_TEXT_SHAPE')).length).toBeGreaterThan(0);
    expect(zhProblems(at('导入 source-crs:EPSG:4525')).length).toBeGreaterThan(0);
    expect(zhProblems(at('按公报面积求解 offset-rectangle-solved')).length).toBeGreaterThan(0);
    expect(zhProblems(at('源坐标系 EPSG:4525，精度 ±50 m，面积 1.2 km²'))).toEqual([]);
    expect(enProblems(at('检查已取消。')).length).toBeGreaterThan(0);
    expect(enProblems(at('Source CRS EPSG:4525'))).toEqual([]);
  });

  it('zh-CN: no English sentence and no raw code in the main flows', async () => {
    const { page, context } = await suite.openApp();
    const problems = unique(zhProblems(await walk(page, 'zh-CN')));
    await context.close();
    expect(problems).toEqual([]);
  });

  it('en: no Chinese prose and no raw code in the main flows', async () => {
    const { page, context } = await suite.openApp('?lang=en');
    const problems = unique(enProblems(await walk(page, 'en')));
    await context.close();
    expect(problems).toEqual([]);
  });
});
