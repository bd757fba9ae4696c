import { describe, expect, it } from 'vitest';
import type { Clause, GazetteRecord, RelicSiteRecord } from '../../../../src/core/model/gazette-record';
import { parseFixture } from './helpers';

function relic(records: readonly GazetteRecord[], name: string): RelicSiteRecord {
  const r = records.find((x): x is RelicSiteRecord => x.kind === 'relic-site' && x.name === name);
  if (r === undefined) throw new Error(`${name} not parsed`);
  return r;
}
function only<T extends Clause['type']>(clauses: readonly Clause[] | undefined, type: T): Extract<Clause, { type: T }> {
  const c = clauses?.find((x) => x.type === type);
  if (c === undefined) throw new Error(`no ${type} clause`);
  return c as Extract<Clause, { type: T }>;
}

describe('other-city relic notice (大同 style): every zone grammar family', () => {
  const file = parseFixture('datong-relic-offsets.txt');
  const codes = (name: string): string[] => relic(file.records, name).flags.map((f) => f.code);

  it('reads all six sites under their county headers, with no unaccounted number', () => {
    expect(file.records.map((r) => r.name).sort()).toEqual(['关帝庙', '古城堡', '永安寺塔', '烽火台遗址', '石碑亭', '观音堂'].sort());
    expect(file.flags.filter((f) => f.code.startsWith('UNPARSED'))).toEqual([]);
  });

  it('per-direction offsets: 北侧自…向北延伸, 外扩, 向外…米处<limit>, Chinese numerals, thousands separators', () => {
    const r = relic(file.records, '观音堂');
    const offsets = r.protectionRange?.clauses.filter((c) => c.type === 'offset') ?? [];
    expect(offsets.map((c) => c.type === 'offset' && [c.direction, c.reference, c.metres, c.limit])).toEqual([
      ['N', '正殿后檐墙', 25, '乡道南侧'],
      ['E', '东配殿山墙', 15, null],
      ['S', '山门', 30, '村道北沿'],
      ['W', '西配殿山墙', 20, null],
    ]);
    expect(r.protectionRange?.area?.m2).toBe(4235.5);
    expect(r.address).toBe('云州区吉家庄乡西坪村北约800米');
  });

  it('same-as: 建设控制地带:同保护范围', () => {
    const c = only(relic(file.records, '观音堂').controlZone?.clauses, 'same-as');
    expect([c.target, c.direction]).toEqual(['protection-range', null]);
  });

  it('radius and uniform offset from the protection range; 公顷 split as "0. 28"', () => {
    const r = relic(file.records, '永安寺塔');
    const radius = only(r.protectionRange?.clauses, 'radius');
    expect([radius.centre, radius.metres]).toEqual(['塔基中心', 30]);
    expect(r.protectionRange?.area?.m2).toBe(2800);
    const u = only(r.controlZone?.clauses, 'uniform');
    expect([u.referenceZone, u.metres]).toEqual(['protection-range', 50]);
    expect(r.controlZone?.area?.m2).toBe(13500);
  });

  it('eight directions, 万平方米, and 四周各外扩 … 至<limit>', () => {
    const r = relic(file.records, '古城堡');
    const dirs = r.protectionRange?.clauses.map((c) => (c.type === 'offset' ? c.direction : null));
    expect(dirs).toEqual(['E', 'SE', 'S', 'SW', 'W', 'NW', 'N', 'NE']);
    expect(codes('古城堡')).not.toContain('MIXED_DIRECTION_SCHEME');
    expect(r.protectionRange?.area?.m2).toBe(36000);
    const u = only(r.controlZone?.clauses, 'uniform');
    expect([u.metres, u.limit]).toEqual([100, '农田']);
    expect(r.controlZone?.area?.m2).toBe(120000);
  });

  it('base point with legs and a rectangle', () => {
    const r = relic(file.records, '石碑亭');
    const b = only(r.protectionRange?.clauses, 'base-point');
    expect(b.point).toBe('碑亭中心');
    expect(b.legs.map((l) => [l.direction, l.metres])).toEqual([['E', 15], ['S', 10], ['W', 15], ['N', 12]]);
    const rect = only(r.controlZone?.clauses, 'rectangle');
    expect([rect.reference, rect.eastWestMetres, rect.northSouthMetres]).toEqual(['碑亭中心', 60, 50]);
  });

  it('limits without metres (至…, 以…为界), 亩 and 平方公里', () => {
    const r = relic(file.records, '烽火台遗址');
    expect(r.protectionRange?.clauses.map((c) => c.type === 'limit' && [c.direction, c.limit])).toEqual([
      ['N', '长城北侧护坡'],
      ['E', '乡道西沿'],
      ['S', '农田'],
      ['W', '冲沟'],
    ]);
    expect(r.protectionRange?.area?.m2).toBeCloseTo(1333.3333, 3);
    expect(r.controlZone?.area?.m2).toBe(21000);
    expect(codes('烽火台遗址')).toContain('LIMIT_WITHOUT_METRES');
  });

  it('flags a missing direction and a site listed under another county', () => {
    expect(codes('关帝庙')).toEqual(expect.arrayContaining(['MISSING_DIRECTION', 'COUNTY_MISMATCH']));
    expect(relic(file.records, '关帝庙').county).toBe('天镇县');
  });
});

describe('other-city park approval (运城 style): 四至 with relative positions, repeal, claims', () => {
  const file = parseFixture('yuncheng-park-four-bounds.txt');
  const park = (name: string): Extract<GazetteRecord, { kind: 'chemical-park' }> => {
    const r = file.records.find((x) => x.kind === 'chemical-park' && x.name === name);
    if (r === undefined || r.kind !== 'chemical-park') throw new Error(`${name} missing`);
    return r;
  };
  it('finds both parts with their areas and parent', () => {
    expect(file.records.map((r) => r.name).sort()).toEqual(['东区', '西区']);
    expect(park('东区').areas[0]?.m2).toBe(5_100_000);
    expect(park('西区').areas[0]?.m2).toBe(3_500_000);
    expect(park('东区').parent).toBe('运城盐湖高新区化工园区');
    expect(park('东区').county).toBe('盐湖区');
  });
  it('reads sides in any order with 以东 N 米, 南侧, 南岸 and shared positions', () => {
    const fb = only(park('东区').clauses, 'four-bounds');
    expect(fb.sides.map((s) => s.direction)).toEqual(['W', 'E', 'S', 'N']);
    const east = fb.sides[1]?.references[0];
    expect([east?.anchor, east?.position?.direction, east?.position?.metres]).toEqual(['王范村', 'E', 1500]);
    const north = fb.sides[3]?.references.map((r) => [r.anchor, r.position?.direction, r.sharedPosition]);
    expect(north).toEqual([['李家庄', 'S', true], ['张家庄', 'S', false]]);
    const westPart = only(park('西区').clauses, 'four-bounds');
    expect(westPart.sides[0]?.references[0]).toMatchObject({ anchor: '盐湖', position: { direction: 'S', side: true } });
  });
  it('reads the repeal and the red-line claim', () => {
    expect(park('西区').repeals[0]).toMatchObject({ number: '运政函〔2020〕66号', date: '2020-09-01' });
    expect(park('东区').claims.join()).toContain('不涉及生态保护红线');
    expect(file.flags.filter((f) => f.code.startsWith('UNPARSED'))).toEqual([]);
  });
});

describe('other-city land acquisition (晋中 style)', () => {
  const file = parseFixture('jinzhong-land-acquisition.txt');
  it('reads name, county, area in 亩 with thousands separator and the containment rule', () => {
    const r = file.records[0];
    if (r?.kind !== 'land-acquisition') throw new Error('no record');
    expect(r.name).toBe('榆次区2023年度土地征收成片开发方案');
    expect(r.county).toBe('榆次区');
    expect(r.areas[0]).toMatchObject({ value: 2350.5, unit: '亩', qualifier: '总面积' });
    expect(r.areas[0]?.m2).toBeCloseTo(1_567_000, 3);
    expect(r.mustLieWithin).toEqual(['国土空间规划城镇开发边界内的集中建设区']);
    expect(file.flags.filter((f) => f.code.startsWith('UNPARSED'))).toEqual([]);
  });
});

describe('other-city meteorological plan (太原 style)', () => {
  const file = parseFixture('taiyuan-meteo.txt');
  const rows = file.records.map((r) => (r.kind === 'meteo-facility' ? [r.facility, r.scope, r.county ?? r.area, r.count, r.facilityStatus] : null));
  it('reads each place of a list, city-wide, each-county, area-wide and existing entries', () => {
    expect(rows).toEqual(
      expect.arrayContaining([
        ['X波段天气雷达', 'county', '阳曲', 1, 'planned'],
        ['X波段天气雷达', 'county', '娄烦', 1, 'planned'],
        ['X波段天气雷达', 'county', '古交', 1, 'planned'],
        ['区域自动气象站', 'city', null, 120, 'planned'],
        ['农业气象观测站', 'county', '清徐', 1, 'planned'],
        ['负氧离子监测站', 'each-county', null, 1, 'planned'],
        ['国家站', 'county', '小店', null, 'existing'],
        ['国家站', 'county', '晋源', null, 'existing'],
        ['人工增雨试验基地', 'area', '东山片区', null, 'planned'],
      ]),
    );
    expect(rows).toHaveLength(9);
    expect(file.flags.filter((f) => f.code.startsWith('UNPARSED'))).toEqual([]);
  });
});

describe('malformed text gives flags, not exceptions', () => {
  const file = parseFixture('changzhi-malformed.txt');
  it('reports the clauses it cannot read and keeps the ones it can', () => {
    const r = relic(file.records, '某某庙');
    const flagged = r.flags.filter((f) => f.code === 'UNPARSED_CLAUSE').map((f) => f.message);
    expect(flagged.some((m) => m.includes('几十米'))).toBe(true);
    expect(flagged.some((m) => m.includes('300步'))).toBe(true);
    expect(flagged.some((m) => m.includes('南由山门'))).toBe(true);
    const west = r.protectionRange?.clauses.find((c) => c.type === 'offset');
    expect(west).toMatchObject({ direction: 'W', reference: '西墙', metres: 12 });
    expect(r.protectionRange?.area?.m2).toBe(500);
    expect(file.flags.some((f) => f.code === 'UNPARSED_NUMBER' && f.message.includes('300'))).toBe(true);
  });
});
