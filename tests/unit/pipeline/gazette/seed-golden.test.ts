import { describe, expect, it } from 'vitest';
import type { GazetteRecord } from '../../../../src/core/model/gazette-record';
import { built } from './helpers';

/** Expected values typed from the seed text (000 l.6067-6375, 5572-5890; 003 l.435-463). */
const byName = (name: string): GazetteRecord => {
  const r = built().records.find((x) => x.name === name);
  if (r === undefined) throw new Error(`${name} missing`);
  return r;
};
type Park = Extract<GazetteRecord, { kind: 'chemical-park' }>;
const park = (name: string): Park => {
  const r = byName(name);
  if (r.kind !== 'chemical-park') throw new Error('not a park');
  return r;
};
const sides = (p: Park): [string, string[]][] => {
  const fb = p.clauses.find((c) => c.type === 'four-bounds');
  if (fb?.type !== 'four-bounds') return [];
  return fb.sides.map((s) => [s.direction, s.references.map((r) => `${r.anchor}${r.position === null ? '' : `@${r.position.direction}${r.position.side ? '侧' : ''}`}${r.feature === null ? '' : `:${r.feature}`}`)]);
};

describe('park clusters (临政函〔2023〕12号, 13号)', () => {
  it('浮山双新产业园区: area, 四至, former name, location, repeal', () => {
    const p = park('浮山双新产业园区');
    expect(p.areas.map((a) => [a.value, a.unit, a.m2])).toEqual([[5.51, '平方公里', 5_510_000]]);
    expect(sides(p)).toEqual([['E', ['平里村']], ['W', ['岭上村@W']], ['N', ['高村@S']], ['S', ['南霍村']]]);
    expect(p.aliases).toEqual(['浮山北王化工园区']);
    expect(p.location).toBe('浮山县城以北');
    expect(p.county).toBe('浮山县');
    expect(p.repeals.map((r) => [r.number, r.date])).toEqual([['临政函〔2021〕7号', '2021-03-04']]);
    expect(p.source.lines).toEqual([6089, 6097]);
  });
  it('尧都区汾河煤电化工业园区 is withdrawn, with its founding date', () => {
    const p = park('尧都区汾河煤电化工业园区');
    expect(p.status).toBe('withdrawn');
    expect(p.clauses).toEqual([]);
    expect(p.events.map((e) => e.date)).toEqual(['2013-01']);
  });
  it('山焦组团 and 三维组团: areas, every side and reference, parent, repeal of the old 山焦 approval', () => {
    const s = park('山焦组团');
    const w = park('三维组团');
    expect(s.areas[0]?.m2).toBe(6_579_900);
    expect(w.areas[0]?.m2).toBe(6_173_400);
    expect(sides(s)).toEqual([
      ['N', ['大西高铁', '南社村@S', '中社村@S']],
      ['S', ['山焦集团@S侧', '下柳树村@N']],
      ['W', ['铁路专用线', '太吉沟村@E侧']],
      ['E', ['桐树庄村@SE:规划道路']],
    ]);
    expect(sides(w)).toEqual([
      ['N', ['侯村@S:生态防洪冲沟', '规划道路']],
      ['S', ['乡道', '铁路专用线', '高节沟村@N']],
      ['W', ['南同蒲铁路', '旧108国道']],
      ['E', ['东环路', '西沟村@W侧', '沙窑村@W侧']],
    ]);
    expect([s.parent, w.parent, s.county, w.county]).toEqual(['洪洞经济技术开发区化工园区', '洪洞经济技术开发区化工园区', '洪洞县', '洪洞县']);
    expect(s.repeals.map((r) => r.number)).toEqual(['临政函〔2022〕27号']);
    expect(w.repeals).toEqual([]);
    expect(s.claims.some((c) => c.includes('不涉及生态保护红线和永久基本农田'))).toBe(true);
    expect(s.areas[0]!.m2 + w.areas[0]!.m2).toBe(12_753_300);
    const file = built().files.find((f) => f.sourceId === 'lfzh-2023-13');
    expect(file?.flags.some((f) => f.code === 'TOTAL_MISMATCH')).toBe(false);
    expect(file?.parsed.facts.some((f) => f.text === '总面积1275.33公顷')).toBe(true);
  });
});

describe('侯马 land acquisition (临政函〔2023〕15号)', () => {
  it('has the total area of the adjusted scheme and its containment rule', () => {
    const r = byName('侯马市2022年度土地征收成片开发调整方案');
    if (r.kind !== 'land-acquisition') throw new Error('kind');
    expect(r.areas.map((a) => [a.value, a.unit, a.m2, a.qualifier])).toEqual([[92.1536, '公顷', 921_536, '总面积']]);
    expect(r.county).toBe('侯马市');
    expect(r.mustLieWithin).toEqual(['国土空间规划城镇开发边界内的集中建设区']);
    expect(r.document.number).toBe('临政函〔2023〕15号');
  });
});

describe('临汾 meteorological plan (临政发〔2023〕5号): radar and station lists', () => {
  const meteo = built().records.filter((r): r is Extract<GazetteRecord, { kind: 'meteo-facility' }> => r.kind === 'meteo-facility');
  const counties = (facility: string): string[] => meteo.filter((r) => r.facility === facility).map((r) => r.county ?? r.area ?? r.scope).sort();
  const sorted = (xs: string[]): string[] => [...xs].sort();
  it('8 X-band radars, one per named county', () => {
    expect(counties('X波段双偏振相控阵天气雷达')).toEqual(sorted(['尧都区', '襄汾', '翼城', '洪洞', '古县', '安泽', '大宁', '乡宁']));
    expect(meteo.filter((r) => r.facility === 'X波段双偏振相控阵天气雷达').every((r) => r.count === 1 && r.facilityStatus === 'planned')).toBe(true);
  });
  it('11 electric-field stations, the lightning locator and 3 GNSS/MET stations', () => {
    expect(counties('大气电场观测站')).toEqual(sorted(['尧都区', '霍州', '洪洞', '曲沃', '古县', '安泽', '汾西', '吉县', '大宁', '隰县', '永和']));
    expect(counties('闪电定位仪')).toEqual(['隰县']);
    expect(counties('GNSS/MET观测站')).toEqual(sorted(['曲沃', '浮山', '古县']));
  });
  it('existing national stations to standardise, the radar to relocate, city-wide counts', () => {
    expect(counties('国家站观测场')).toEqual(sorted(['侯马', '吉县', '隰县', '襄汾', '蒲县']));
    expect(meteo.filter((r) => r.facility === '国家站观测场').every((r) => r.facilityStatus === 'existing')).toBe(true);
    const radar = meteo.find((r) => r.facility === '临汾新一代多普勒天气雷达');
    expect([radar?.facilityStatus, radar?.action]).toEqual(['existing', '搬迁']);
    const counts = Object.fromEntries(meteo.filter((r) => r.scope === 'city').map((r) => [r.facility, r.count]));
    expect(counts).toEqual({ 临汾新一代多普勒天气雷达: 1, 气象观测站点: 50, 老旧自动气象观测站: 200, 标准化作业点: 81, 智慧农业气象监测系统: 24 });
  });
  it('gas-cannon points (2 each in 9 units), hail base, national trial bases, agro stations', () => {
    const cannons = meteo.filter((r) => r.facility === '聚能燃气炮作业点');
    expect(cannons.map((r) => r.county).sort()).toEqual(sorted(['霍州', '洪洞', '古县', '尧都区', '襄汾', '曲沃', '侯马', '翼城', '汾西']));
    expect(cannons.every((r) => r.count === 2)).toBe(true);
    expect(counties('人工防雹试验示范基地')).toEqual(['西山片区']);
    expect(counties('国家级人工影响天气科学试验基地')).toEqual(['汾西', '霍州']);
    const agro = meteo.find((r) => r.facility === '农业气象观测站');
    expect([agro?.scope, agro?.count]).toEqual(['each-county', 1]);
    // 31 monitoring entries (8 + 11 + 1 + 3 + 5 + 3 city-wide), 9 gas-cannon, 4 weather-modification, 2 agro.
    expect(meteo).toHaveLength(46);
  });
});

describe('red-culture list and coke-park requirements', () => {
  it('汾城自卫总队驻地旧址: one of 4, the rest in an external annex, zones pending', () => {
    const r = byName('汾城自卫总队驻地旧址');
    if (r.kind !== 'red-culture-site') throw new Error('kind');
    expect([r.aliases, r.listCount, r.zonesPending]).toEqual([['汾城文庙'], 4, true]);
    expect(r.flags.map((f) => f.code)).toContain('EXTERNAL_ANNEX');
  });
  it('吕梁三泉焦化工业园区: the 四至 and safety-line requirements and the 3×10⁻⁷/年 contour', () => {
    const r = byName('吕梁三泉焦化工业园区');
    if (r.kind !== 'park-requirements') throw new Error('kind');
    expect(r.riskContourPerYear).toBe(3e-7);
    expect([...new Set(r.requirements.map((q) => q.topic))]).toEqual(['有四至范围', '有周边土地规划安全控制线']);
    expect(r.requirements.some((q) => q.text.includes('拐点坐标'))).toBe(true);
  });
});
