// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../src/ui/notice-panel/notice-panel.component';
import type { NoticePanel } from '../../../../src/ui/notice-panel/notice-panel.component';
import { NOTICE_PREVIEW_LAYER } from '../../../../src/ui/notice-panel/notice-panel.component';
import type { NoticeSiteView } from '../../../../src/ui/notice-panel/notice-site.component';
import type { StoreContent } from '../../../../src/app/catalog/user-layer-store';
import { colourPassage } from '../../../../src/app/notice/notice-review';
import { FakeMap } from '../fake-map';
import { inProcessSession, realBody } from '../../app/notice/notice-helpers';

afterEach(() => {
  document.body.innerHTML = '';
});

async function settle(el: NoticePanel): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    for (const site of el.shadowRoot!.querySelectorAll('gis-notice-site')) await site.updateComplete;
  }
}

async function mount(lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ el: NoticePanel; map: FakeMap }> {
  const map = new FakeMap();
  const session = inProcessSession(new IDBFactory());
  const el = document.createElement('gis-notice-panel');
  el.locale = lang;
  el.map = map;
  el.session = () => Promise.resolve(session);
  document.body.append(el);
  await el.updateComplete;
  return { el, map };
}

async function paste(el: NoticePanel, text: string): Promise<void> {
  const area = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[data-testid=notice-text]')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid=notice-read]')!.click();
  await settle(el);
}

const sites = (el: NoticePanel): NoticeSiteView[] => [...el.shadowRoot!.querySelectorAll('gis-notice-site')];

describe('the notice panel', () => {
  it('shows the passage coloured by what was read, the unread parts with their sentence, and each site', async () => {
    const { el } = await mount();
    await paste(el, realBody('xiaxian-2025-shicun'));
    const root = el.shadowRoot!;
    expect(root.querySelector('[data-testid=notice-review]')).not.toBeNull();
    const passage = root.querySelector('[data-testid=notice-passage]')!;
    expect(passage.textContent).toContain('师村遗址');
    expect(passage.querySelector('.run.name')?.textContent).toBe('师村遗址');
    const unread = [...root.querySelectorAll('[data-testid=notice-unread] li')];
    expect(unread.length).toBeGreaterThan(0);
    const marked = [...passage.querySelectorAll('.run.unread')].map((n) => n.textContent).join('|');
    expect(marked.length).toBeGreaterThan(0);
    const [site] = sites(el);
    expect(site?.shadowRoot?.querySelector('[data-testid=site-unplaced]')?.textContent).toContain('未定位，不绘制：文中未写县区，也未选择');
    expect(root.querySelector<HTMLButtonElement>('[data-testid=notice-confirm]')?.disabled).toBe(true);
  });

  it('places a site with a click on the map, previews it, and stores the layer (event notice-saved)', async () => {
    const { el, map } = await mount('en');
    await paste(el, realBody('liaoning-2010-provincial-8th'));
    const [site] = sites(el);
    site!.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid=place-on-map]')!.click();
    await settle(el);
    expect(sites(el)[0]!.shadowRoot!.querySelector('[data-testid=placing-hint]')?.textContent).toContain('Click the position');
    map.click([123.4, 41.8]);
    await settle(el);
    const placed = sites(el)[0]!.shadowRoot!.querySelector('[data-testid=site-placed]');
    expect(placed?.textContent).toContain('Placed');
    const preview = map.callsOf('setAnalysisLayer').filter((c) => c[0] === NOTICE_PREVIEW_LAYER).at(-1);
    expect((preview?.[1] as { features: unknown[] } | null)?.features.length).toBeGreaterThan(0);
    let saved: StoreContent | null = null;
    el.addEventListener('notice-saved', (e) => (saved = (e as CustomEvent<StoreContent>).detail));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid=notice-confirm]')!.click();
    await settle(el);
    expect(saved).not.toBeNull();
    expect(saved!.layers).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('[data-testid=notice-saved]')?.textContent).toContain('Saved the layer');
  });

  it('offers every Shanxi county, says "no anchor: place on the map" for 夏县, and places by township (代县 上馆镇)', async () => {
    const { el } = await mount();
    await paste(el, realBody('daixian-2021-county'));
    const [first, second] = sites(el);
    const countySelect = first!.shadowRoot!.querySelector<HTMLSelectElement>('[data-testid=county-select]')!;
    expect(countySelect.options.length).toBe(122);
    const xia = [...countySelect.options].find((o) => o.textContent?.includes('夏县'))!;
    expect(xia.textContent).toContain('无坐标');
    const daixian = [...countySelect.options].find((o) => o.textContent?.includes('代县'))!;
    countySelect.value = daixian.value;
    countySelect.dispatchEvent(new Event('change'));
    await settle(el);
    const town = sites(el)[0]!.shadowRoot!.querySelector<HTMLSelectElement>('[data-testid=township-select]')!;
    const shangguan = [...town.options].find((o) => o.textContent === '上馆镇')!;
    town.value = shangguan.value;
    town.dispatchEvent(new Event('change'));
    await settle(el);
    expect(sites(el)[0]!.shadowRoot!.querySelector('[data-testid=site-decision]')?.textContent).toContain('上馆镇');
    expect(sites(el)[0]!.shadowRoot!.querySelector('[data-testid=site-placed]')?.textContent).toContain('上馆镇');

    const c2 = second!.shadowRoot!.querySelector<HTMLSelectElement>('[data-testid=county-select]')!;
    c2.value = xia.value;
    c2.dispatchEvent(new Event('change'));
    await settle(el);
    expect(sites(el)[1]!.shadowRoot!.querySelector('[data-testid=no-anchor]')?.textContent).toBe('无坐标：请在地图上定位');
    const unplaced = sites(el)[1]!.shadowRoot!.querySelector('[data-testid=site-unplaced]')!;
    expect(unplaced.getAttribute('data-code')).toBe('no-anchor');
    expect(unplaced.textContent).toContain('夏县在地名库中无坐标');
  });

  it('says in zh and en why a file is refused, and keeps the notice under review', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { el } = await mount(lang);
      await paste(el, realBody('liaoning-2010-provincial-8th'));
      await el.acceptFile(new File([new Uint8Array([1, 2, 3])], 'scan.pdf'));
      await settle(el);
      const msg = el.shadowRoot!.querySelector('[data-testid=notice-problem]')?.textContent ?? '';
      expect(msg).toContain(lang === 'en' ? 'only .txt, .html and .docx' : '只支持 .txt、.html、.docx');
      expect(el.shadowRoot!.querySelector('[data-testid=notice-review]')).not.toBeNull();
      el.remove();
    }
  });

  it('colours overlapping readings by the most specific one and lets an unread mark win', () => {
    const file = {
      text: '甲遗址\n东50米',
      records: [{ kind: 'x', provenance: [{ field: 'name', span: [0, 3] }], zone: { label: '保护范围', span: [4, 8], clauses: [{ type: 'offset', metres: 50, span: [4, 8] }] }, flags: [] }],
      flags: [{ code: 'UNREAD', message: 'm', span: [5, 7], severity: 'warning' }],
    } as unknown as Parameters<typeof colourPassage>[0];
    const c = colourPassage(file);
    expect(c.runs.map((r) => [r.text, r.cls])).toEqual([['甲遗址', 'name'], ['\n', 'plain'], ['东', 'metres'], ['50', 'unread'], ['米', 'metres']]);
    expect(c.unread[0]?.quote).toBe('50');
  });
});

describe('a site of the review', () => {
  it('shows the township its address names and preselects it in the picker (定襄县 季庄镇)', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseShanxiGazetteer } = await import('../../../../src/core/gazetteer/shanxi-gazetteer');
    const g = parseShanxiGazetteer(JSON.parse(readFileSync('data/gazetteer/shanxi.json', 'utf8')));
    if (!g.ok) throw new Error(g.message);
    const el = document.createElement('gis-notice-site');
    el.gazetteer = g.gazetteer;
    el.site = { recordId: 'r1', name: '横山遗址', kind: 'relic-site', county: '定襄县', address: '季庄镇横山村', placed: false, anchor: null, precisionM: null, unplacedCode: 'no-county', unplacedReason: null, featureCount: 0 };
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-testid=township-found]')?.textContent).toContain('季庄镇');
    const town = el.shadowRoot!.querySelector<HTMLSelectElement>('[data-testid=township-select]')!;
    const selected = [...town.options].filter((o) => o.hasAttribute('selected')).map((o) => o.textContent);
    expect(selected).toEqual(['季庄镇']);
    el.site = { ...el.site, address: '县城西关' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-testid=township-found]')).toBeNull();
  });
});
