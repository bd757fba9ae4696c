import { describe, expect, it } from 'vitest';
import type { GazetteRecord, LandAcquisitionRecord, RelicSiteRecord } from '../../../../src/core/model/gazette-record';
import { recordFacts } from '../../../../src/pipeline/gazette/record-facts';
import { loadCorpus, parseNoticeBody } from './real-corpus';

/**
 * The shapes the notices added on 2026-12-02 brought, each on its real sentences (tests/fixtures/gazette/real):
 * 成片开发 片区 lists, masked areas, park areas in prose, joint zones, prose sites, a grade after the clauses.
 */

function parsed(id: string): { records: GazetteRecord[]; flags: { code: string; message: string }[] } {
  const n = loadCorpus().find((x) => x.id === id);
  if (n === undefined) throw new Error(`no corpus notice ${id}`);
  const file = parseNoticeBody(n, n.body);
  return { records: file.records, flags: [...file.flags, ...file.records.flatMap((r) => r.flags)] };
}

function relic(id: string, name: string): RelicSiteRecord {
  const r = parsed(id).records.find((x) => x.name === name);
  if (r === undefined || r.kind !== 'relic-site') throw new Error(`no relic site ${name}`);
  return r;
}

describe('成片开发 schemes', () => {
  it('gives the scheme and one record per 片区 with its 编号, villages and land-class areas (滁州 2022)', () => {
    const { records } = parsed('chuzhou-2022-land-acquisition');
    const land = records.filter((r): r is LandAcquisitionRecord => r.kind === 'land-acquisition');
    const names = ['滁州市2022年排名前列批次3个片区土地征收成片开发方案', '滁州市宁滁新型功能区左部片区', '滁州市施集镇杨饭店村东部片区', '滁州市清流河东岸片区'];
    expect(land.map((r) => r.name).sort()).toEqual([...names].sort());
    const [scheme, first, second, third] = names.map((n) => land.find((r) => r.name === n));
    expect(scheme!.areas.map((a) => [a.qualifier, a.value])).toEqual([['总面积', 505.7072], ['国有土地面积', 64.4133], ['集体土地面积', 441.2939], ['征收土地面积', 441.2939]]);
    expect(first!.code).toBe('CZ3411-2022-1');
    expect(first!.villages).toEqual(['白庙村', '法华村', '双庙村', '汪郢村', '袁庄村']);
    expect(first!.areas.map((a) => [a.qualifier, a.m2])).toEqual([['总面积', 4887882], ['国有土地', 641938], ['集体土地', 4245944]]);
    expect(second!.villages).toEqual(['杨饭店村']);
    expect(third!.villages).toEqual(['扬子社区']);
    expect(third!.scheme).toBe(scheme!.name);
  });

  it('flags areas the source masked ("总面积 *** 公顷") and never takes the one readable land-class area as the total (濉溪)', () => {
    const { records, flags } = parsed('suixi-2022-land-acquisition');
    expect(records).toHaveLength(1);
    expect(records[0]!.areas.map((a) => [a.qualifier, a.value])).toEqual([['建设用地', 6.4038]]);
    expect(flags.filter((f) => f.code === 'UNREAD').map((f) => f.message)).toEqual([
      'the area is masked in the source: "总面积***公顷"',
      'the area is masked in the source: "农用地***公顷"',
      'the area is masked in the source: "征收土地面积***公顷"',
    ]);
  });
});

describe('park areas in prose', () => {
  it('reads "X用地面积优化为 N 公顷" for each park (江西 复核)', () => {
    const { records } = parsed('jiangxi-2023-parks-review');
    expect(records.map((r) => [r.name, r.areas[0]?.m2]).sort()).toEqual([
      ['九江市濂溪产业园化工集中区', 907800],
      ['江西峡江工业园区化工集中区', 759300],
      ['江西金溪工业园区化工集中区', 1887300],
    ]);
  });

  it('gives an area to the only park a passage names, and leaves the 片区 count unread (吉水)', () => {
    const { records, flags } = parsed('jishui-park-expansion');
    expect(records.map((r) => [r.name, r.areas.map((a) => a.m2)])).toEqual([['江西吉水工业园区化工集中区', [596100]]]);
    expect(flags.some((f) => f.code === 'UNPARSED_NUMBER' && f.message.startsWith('"4"'))).toBe(true);
  });
});

describe('relic zones', () => {
  it('reads "保护范围及建设控制地带,以院墙为界" as a protection range on every side and a control zone equal to it (尖扎)', () => {
    const r = relic('jianzha-2020-county', '康杨清真寺');
    expect(r.protectionRange?.clauses.filter((c) => c.type !== 'corner').map((c) => (c.type === 'limit' ? [c.direction, c.limit] : c.type))).toEqual([['E', '院墙'], ['S', '院墙'], ['W', '院墙'], ['N', '院墙']]);
    expect(r.controlZone?.clauses.map((c) => c.type)).toEqual(['same-as']);
  });

  it('reads "南北两面以洪沟为界" as two limits (尖扎, 南宗尼姑寺)', () => {
    const r = relic('jianzha-2020-county', '南宗尼姑寺');
    const limits = recordFacts(r).filter((f) => f.kind === 'limit' && f.zone === 'protection');
    expect(limits.map((f) => (f.kind === 'limit' ? `${f.direction}:${f.text}` : '')).sort()).toEqual(['E:大山', 'N:洪沟', 'S:洪沟', 'W:南宗沟沿']);
  });

  it('types corner coordinates in degrees and flags corners whose labels contradict their positions (尖扎)', () => {
    const r = relic('jianzha-2020-county', '康杨清真寺');
    const corners = r.protectionRange!.clauses.filter((c) => c.type === 'corner');
    expect(corners.map((c) => (c.type === 'corner' ? [c.corner, +c.lat.toFixed(6), +c.lon.toFixed(6)] : null))).toEqual([
      ['NW', +(36 + 3 / 60 + 30 / 3600).toFixed(6), +(101 + 54 / 60 + 53 / 3600).toFixed(6)],
      ['SW', +(36 + 3 / 60 + 30 / 3600).toFixed(6), +(101 + 54 / 60 + 53 / 3600).toFixed(6)],
      ['SE', +(36 + 3 / 60 + 41 / 3600).toFixed(6), +(101 + 55 / 60 + 5 / 3600).toFixed(6)],
      ['NE', +(36 + 3 / 60 + 28 / 3600).toFixed(6), +(101 + 54 / 60 + 57 / 3600).toFixed(6)],
    ]);
    expect(r.flags.filter((f) => f.code === 'MALFORMED_TEXT').map((f) => f.message)).toEqual([
      '西北角 and 西南角 are given the same coordinates',
      '东南角 lies north of or level with 东北角: the corner labels contradict the coordinates',
    ]);
    const all = parsed('jianzha-2020-county');
    expect(all.flags.filter((f) => f.code === 'UNPARSED_NUMBER' || f.code === 'UNPARSED_CLAUSE')).toEqual([]);
    expect(all.records.flatMap((x) => recordFacts(x)).filter((f) => f.kind === 'corner')).toHaveLength(12);
  });

  it('finds sites in a news report\'s prose ("位于<地址>的<时期><名称>,…规定其保护范围为…") with address and era (海南)', () => {
    const zhuya = relic('hainan-2019-provincial', '珠崖岭城址');
    expect([zhuya.address, zhuya.era]).toEqual(['海口市琼山区', '汉唐时期']);
    expect(recordFacts(zhuya).filter((f) => f.kind === 'offset').map((f) => (f.kind === 'offset' ? `${f.direction}${f.metres}` : ''))).toEqual(['E20', 'W20', 'S20', 'N20']);
    expect(relic('hainan-2019-provincial', '海瑞墓').address).toBe('海口市龙华区');
  });

  it('reads a grade written after the clauses ("…向外延伸50米,为二级控制") as a graded zone (广东 1994)', () => {
    const r = relic('guangdong-1994-provincial', '三元里平英团旧址');
    expect(r.controlZone).toBeNull();
    expect(r.gradedControlZones?.map((z) => [z.grade, z.clauses.map((c) => (c.type === 'uniform' ? c.metres : null))])).toEqual([[2, [50]]]);
  });
});
