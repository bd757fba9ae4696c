// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import { RadarSession } from '../../../../src/app/radar/radar-session';
import '../../../../src/ui/radar-panel/radar-panel.component';
import type { RadarPanel, RadarPinDetail } from '../../../../src/ui/radar-panel/radar-panel.component';
import type { Lang } from '../../../../src/map/map-api';
import { FakeMap } from './recording-map';
import { syntheticDem } from '../../core/radar/helpers/synthetic-dem';
import { ANZE_ID, LINFEN_ID, inProcessDemWorker, pipelineLayer, rulesFromDisk } from '../../app/radar/dem-in-process';

const layers = [pipelineLayer('meteo-site'), pipelineLayer('chemical-park')];
const DANING_ID = 'meteo-site:lfzf-2023-5-observation/xboduanshuangpianzhenxiangkongzhentianqi-daning';

function dem(lon: number, lat: number): File {
  const bytes = syntheticDem({ siteLon: lon, siteLat: lat, halfSizeM: 40_000, pixelM: 400, epsg: 4490, type: 'int16', noData: -32768, terrain: (d, az) => (az >= 30 && az <= 120 && d >= 8000 && d <= 10_000 ? 1080 : 900) });
  return new File([bytes], 'ridge.tif', { type: 'image/tiff' });
}

async function mount(options: { locale?: Lang; active?: boolean } = {}): Promise<{ el: RadarPanel; map: FakeMap; session: RadarSession; events: string[] }> {
  const el = document.createElement('gis-radar-panel');
  const map = new FakeMap();
  const session = new RadarSession({ openDemWorker: () => inProcessDemWorker(), loadRules: rulesFromDisk });
  el.session = session;
  el.map = map;
  el.layers = layers;
  el.locale = options.locale ?? 'zh-CN';
  el.active = options.active ?? true;
  const events: string[] = [];
  el.addEventListener('measure-active', (e) => events.push(`measure-active:${String((e as CustomEvent<boolean>).detail)}`));
  document.body.append(el);
  await settle(el);
  return { el, map, session, events };
}

/** Waits until the panel and its views have rendered the session's latest state. */
async function settle(el: RadarPanel): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    const views = [...(el.shadowRoot?.querySelectorAll<LitElement>('gis-radar-params, gis-radar-dem, gis-radar-profile, gis-radar-coverage, gis-radar-ranking') ?? [])];
    await Promise.all(views.map((v) => v.updateComplete));
  }
}

const $ = <T extends Element = HTMLElement>(el: RadarPanel, selector: string): T | null => el.shadowRoot?.querySelector<T>(selector) ?? null;

function change(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('change'));
}

/** Visible text of the panel: text nodes outside <style>, <option> elements included. */
function visibleText(el: RadarPanel): string {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) out.push(n.textContent ?? '');
    if (n instanceof Element && (n.tagName === 'STYLE' || n.tagName === 'SCRIPT')) return;
    for (const c of n.childNodes) walk(c);
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return out.join(' ').replace(/\s+/g, ' ');
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('gis-radar-panel over a radar session and a fake map', () => {
  it('shows the first planned radar, its rings, zones and region on the map while active, nothing when hidden', async () => {
    const { el, map } = await mount();
    expect($(el, '[data-testid=radar-status]')?.textContent).toContain('规划，站址未定');
    expect($<HTMLSelectElement>(el, '[data-testid=radar-select]')?.options.length).toBe(9);
    expect(map.renderedAnalysisCount('radar-rings')).toBeGreaterThan(3);
    expect(map.renderedAnalysisCount('radar-zones')).toBe(2);
    expect(map.renderedAnalysisCount('radar-region')).toBe(1);
    const sent = map.callsOf('setAnalysisLayer').length;
    el.requestUpdate();
    await settle(el);
    // Unchanged data is not sent again.
    expect(map.callsOf('setAnalysisLayer').length).toBe(sent);
    el.active = false;
    await settle(el);
    expect([...map.analysis.keys()]).toEqual([]);
  });

  it('chooses a radar clicked on the map, only while shown', async () => {
    const { el, map } = await mount();
    map.click([110.75, 36.47], [{ layer: 'meteo-site', id: DANING_ID }]);
    await settle(el);
    expect($(el, '[data-testid=radar-status]')?.textContent).toContain('大宁X波段');
    el.active = false;
    await settle(el);
    map.click([112.24, 36.15], [{ layer: 'meteo-site', id: ANZE_ID }]);
    await settle(el);
    expect($(el, '[data-testid=radar-status]')?.textContent).toContain('大宁X波段');
    el.remove();
    expect(map.clickListenerCount).toBe(0);
  });

  it('draws a region: crosshair, measure-active, vertices from clicks, the note names the vertex count', async () => {
    const { el, map, events } = await mount();
    $<HTMLButtonElement>(el, '[data-testid=draw-region]')?.click();
    await settle(el);
    expect(map.cursor).toBe('crosshair');
    expect(events).toEqual(['measure-active:true']);
    for (const p of [[110.6, 36.4], [110.75, 36.35], [110.7, 36.5]] as const) map.click(p, [{ layer: 'meteo-site', id: DANING_ID }]);
    await settle(el);
    expect(map.renderedAnalysisCount('radar-region')).toBe(4);
    const finish = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent === '完成绘制');
    finish?.click();
    await settle(el);
    expect($(el, '[data-testid=region-note]')?.textContent).toContain('3 个顶点');
    expect(map.cursor).toBe('default');
    expect(events).toEqual(['measure-active:true', 'measure-active:false']);
  });

  it('edits a parameter and names it in words; an invalid value is an alert in the user language', async () => {
    const { el } = await mount();
    change($<HTMLInputElement>(el, 'input[name=maxRangeKm]')!, '30');
    await settle(el);
    expect($(el, '[data-testid=overridden]')?.getAttribute('data-overridden')).toBe('maxRangeKm');
    expect($(el, '[data-testid=overridden]')?.textContent).toContain('已修改：最大距离 (km)');
    expect($(el, '[data-testid=beam-table] td[data-range="30000"]')).not.toBeNull();
    expect($(el, '[data-testid=beam-table] td[data-range="40000"]')).toBeNull();
    change($<HTMLInputElement>(el, 'input[name=maxRangeKm]')!, '900');
    await settle(el);
    expect($(el, '[data-testid=params-error]')?.textContent).toBe('参数无效：最大距离 (km)。');
    expect(visibleText(el)).not.toContain('maxRangeKm');
  });

  it('runs the DEM analyses from the views and sends blockage, profile, candidates and hillshade to the map', { timeout: 60_000 }, async () => {
    const { el, map, session } = await mount();
    change($<HTMLInputElement>(el, 'input[name=maxRangeKm]')!, '20');
    $<HTMLButtonElement>(el, '[data-testid=profile-button]')?.click();
    await settle(el);
    expect($(el, '[data-testid=radar-error]')?.getAttribute('data-reason')).toBe('need-dem');
    expect($(el, '[data-testid=radar-error]')?.textContent).toBe('请先加载高程数据。');
    await session.openDem(dem(112.2438687, 36.1478258));
    await settle(el);
    expect($(el, '[data-testid=dem-status]')?.textContent).toContain('EPSG:4490');
    expect($(el, '[data-testid=radar-error]')).toBeNull();
    expect(map.images.get('radar-hillshade')?.opacity).toBe(0.6);
    change($<HTMLInputElement>(el, 'input[name=azimuth]')!, '75');
    $<HTMLButtonElement>(el, '[data-testid=profile-button]')?.click();
    await session.drawProfile();
    await settle(el);
    expect($(el, '[data-testid=profile-chart] svg path[data-series=terrain]')).not.toBeNull();
    expect(map.renderedAnalysisCount('radar-profile')).toBe(1);
    $<HTMLButtonElement>(el, '[data-testid=blockage-button]')?.click();
    await session.computeBlockage();
    await settle(el);
    expect(Number($(el, '[data-testid=ray-end-cbb]')?.getAttribute('data-cbb'))).toBeGreaterThan(0.5);
    expect(map.renderedAnalysisCount('radar-blockage')).toBe(Number($(el, '[data-testid=blockage-summary]')?.getAttribute('data-cells')));
    change($<HTMLInputElement>(el, 'input[name=count]')!, '3');
    await session.rank();
    await settle(el);
    expect(el.shadowRoot?.querySelectorAll('[data-testid=ranked-list] li').length).toBe(3);
    expect(map.renderedAnalysisCount('radar-candidates')).toBe(3);
    const pins: RadarPinDetail[] = [];
    el.addEventListener('radar-pin', (e) => pins.push((e as CustomEvent<RadarPinDetail>).detail));
    const first = $(el, '[data-testid=ranked-list] li');
    first?.querySelector<HTMLButtonElement>('[data-testid=pin-button]')?.click();
    await settle(el);
    expect(pins).toHaveLength(1);
    expect(pins[0]?.feature.geometry.coordinates).toEqual([Number(first?.getAttribute('data-lon')), Number(first?.getAttribute('data-lat'))]);
    expect($(el, '[data-testid=pin-notice]')?.textContent).toContain('精度 50 m');
    // Unchecking the hillshade removes the image overlay.
    const hs = [...(el.shadowRoot?.querySelectorAll<HTMLInputElement>('gis-radar-dem input[type=checkbox]') ?? [])][0]!;
    hs.checked = false;
    hs.dispatchEvent(new Event('change'));
    await settle(el);
    expect(map.images.has('radar-hillshade')).toBe(false);
    // Every section shown (DEM, profile, blockage, coverage, ranking, pin notice): still no English prose.
    expect(englishWords(el)).toEqual([]);
    el.locale = 'en';
    await settle(el);
    expect(chineseOutsideNames(el)).toEqual([]);
  });

  it('offers no "pin as site" on the existing 临汾 radar, and says why', { timeout: 60_000 }, async () => {
    const { el, session } = await mount();
    change($<HTMLSelectElement>(el, '[data-testid=radar-select]')!, LINFEN_ID);
    change($<HTMLInputElement>(el, 'input[name=maxRangeKm]')!, '20');
    change($<HTMLInputElement>(el, 'input[name=count]')!, '2');
    await session.openDem(dem(111.493889, 36.061944));
    await session.rank();
    await settle(el);
    expect($(el, '[data-testid=radar-status]')?.textContent).toContain('现有站点');
    expect(el.shadowRoot?.querySelectorAll('[data-testid=ranked-list] li').length).toBe(2);
    expect(el.shadowRoot?.querySelectorAll('[data-testid=pin-button]').length).toBe(0);
    expect($(el, '[data-testid=pin-unavailable]')?.textContent).toContain('不能把候选点设为它的站址');
  });

  it('shows a bad DEM as a message with the file name and its reason code', async () => {
    const { el, session } = await mount({ locale: 'en' });
    await session.openDem(new File([new Uint8Array([73, 73, 42, 0, 8, 0, 0, 0, 0, 0])], 'broken.tif'));
    await settle(el);
    const error = $(el, '[data-testid=radar-error]');
    expect(error?.getAttribute('data-reason')).toMatch(/^dem-/);
    expect(error?.textContent).toMatch(/^File broken\.tif: /);
    expect(error?.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

/** Chinese runs in the text outside the names of features. */
function chineseOutsideNames(el: RadarPanel): string[] {
  let text = visibleText(el);
  for (const n of layers.flatMap((l) => l.features.map((f) => f.props.name)).sort((a, b) => b.length - a.length)) text = text.split(n).join('');
  return text.match(/[\u4e00-\u9fff]+/g) ?? [];
}

/** Latin words in the text apart from units, standards, formats, method names, radar model names and the data file path. */
function englishWords(el: RadarPanel): string[] {
  const allowed = ['GB', 'km', 'GeoTIFF', 'EPSG', 'PBB', 'CBB', 'Bech', 'wradlib', 'CINRAD', 'SA', 'CC', 'int16'];
  return (visibleText(el).replace('data/radar/radar-types.json', '').match(/[A-Za-z][A-Za-z0-9]+/g) ?? []).filter((w) => !allowed.includes(w) && !/^ridge$|^tif$/.test(w));
}

describe('radar panel language', () => {

  it('has no Chinese outside names in English', async () => {
    const { el } = await mount({ locale: 'en' });
    expect(chineseOutsideNames(el)).toEqual([]);
  });

  it('has no English words in Chinese apart from units, standards, formats and the data file path', async () => {
    const { el } = await mount();
    expect(englishWords(el)).toEqual([]);
  });
});
