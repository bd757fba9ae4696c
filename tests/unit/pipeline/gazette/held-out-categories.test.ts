import { describe, expect, it } from 'vitest';
import type { ChemicalParkRecord, Clause, GazetteRecord, RelicSiteRecord } from '../../../../src/core/model/gazette-record';
import { loadCorpus, parseNoticeBody } from './real-corpus';

/**
 * The phrasings issue 15 lists as failing, each on a real sentence of the corpus
 * (tests/fixtures/gazette/real), with the typed records it must give.
 */

const corpus = loadCorpus();
function parse(id: string): ReturnType<typeof parseNoticeBody> {
  const n = corpus.find((x) => x.id === id);
  if (n === undefined) throw new Error(`${id} not in the corpus`);
  return parseNoticeBody(n, n.body);
}
function relic(records: readonly GazetteRecord[], name: string): RelicSiteRecord {
  const r = records.find((x): x is RelicSiteRecord => x.kind === 'relic-site' && x.name.includes(name));
  if (r === undefined) throw new Error(`${name} not parsed`);
  return r;
}
function park(records: readonly GazetteRecord[], name: string): ChemicalParkRecord {
  const r = records.find((x): x is ChemicalParkRecord => x.kind === 'chemical-park' && x.name.includes(name));
  if (r === undefined) throw new Error(`${name} not parsed`);
  return r;
}
const brief = (cs: readonly Clause[] | undefined): unknown[] =>
  (cs ?? []).map((c) => {
    switch (c.type) {
      case 'offset':
        return ['offset', c.direction, c.metres, c.limit];
      case 'uniform':
        return ['uniform', c.metres, c.referenceZone, c.approximate ?? false];
      case 'limit':
        return ['limit', c.direction, c.limit];
      case 'linear':
        return ['linear', c.metres];
      case 'rectangle':
        return ['rectangle', c.reference, c.eastWestMetres, c.northSouthMetres];
      case 'radius':
        return ['radius', c.metres];
      case 'base-point':
        return ['base-point', c.point, c.legs.map((l) => [l.direction, l.metres, l.limit])];
      default:
        return [c.type];
    }
  });

describe('uniform offsets without 四周', () => {
  it('外延 N 米 (成都): 保护范围为遗址现占地范围外延10米; 建设控制地带为保护范围外延50米', () => {
    const r = relic(parse('chengdu-2020-municipal-7th').records, '怀安军遗址');
    expect(brief(r.protectionRange?.clauses)).toEqual([['uniform', 10, null, false]]);
    expect(brief(r.controlZone?.clauses)).toEqual([['uniform', 50, 'protection-range', false]]);
  });
  it('台基外 N 米以内 (辽宁): 台基外35米以内', () => {
    expect(brief(relic(parse('liaoning-provincial-6th').records, '高山台烽火台').protectionRange?.clauses)).toEqual([['uniform', 35, null, false]]);
  });
  it('以…为界向外延伸 N 米 (赤壁, 浦城)', () => {
    expect(brief(relic(parse('chibi-2022-municipal').records, '烈士塔').controlZone?.clauses).filter((c) => (c as unknown[])[0] === 'uniform')).toEqual([['uniform', 10, null, false]]);
    expect(brief(relic(parse('pucheng-2019-county-9th').records, '垄冲坞').protectionRange?.clauses)).toEqual([['uniform', 30, null, false]]);
  });
  it('外扩约 N 米 (杭州, a table cell): approximate, from the protection range, with its 总面积', () => {
    const r = relic(parse('hangzhou-2017-municipal').records, '吴越钱氏海塘');
    expect(brief(r.controlZone?.clauses)).toEqual([['uniform', 10, 'protection-range', true]]);
    expect(r.controlZone?.area?.m2).toBe(4634);
  });
});

describe('listed directions', () => {
  it('东、南、西、北各 N 米 (代县)', () => {
    expect(brief(relic(parse('daixian-2021-county').records, '冯家街').protectionRange?.clauses)).toEqual(
      ['E', 'S', 'W', 'N'].map((d) => ['offset', d, 20, '居民区']),
    );
  });
  it('西、北各 N 米 after a base point (辽宁)', () => {
    expect(brief(relic(parse('liaoning-2010-provincial-8th').records, '公主屯后山遗址').protectionRange?.clauses)).toEqual([
      ['base-point', '水塔中心', [['E', 250, '一○六省道'], ['S', 200, null], ['W', 300, null], ['N', 300, null]]],
    ]);
  });
  it('以遗址为中心向东西各延 N 米, 南北各延 N 米 (通榆, a table cell without its final 。)', () => {
    const records = parse('tongyu-2018-county').records;
    expect(records.map((r) => r.name).sort()).toEqual(['乌兰塔拉遗址', '团结遗址']);
    expect(brief(relic(records, '乌兰塔拉遗址').protectionRange?.clauses)).toEqual([['rectangle', '遗址', 150, 100]]);
  });
});

describe('offsets written around a reference', () => {
  it('至…外延 N 米以内 (马关)', () => {
    expect(brief(relic(parse('maguan-2018-county-2nd').records, '八寨观音庙').protectionRange?.clauses)).toEqual([
      ['offset', 'E', 0.7, null],
      ['offset', 'S', 2.7, null],
      ['offset', 'W', 0.9, '连西南围墙'],
      ['offset', 'N', 0.8, null],
    ]);
  });
  it('东以厢房墙体外推0.7米为界 (马关): metres, not a place name', () => {
    const cz = relic(parse('maguan-2018-county-2nd').records, '八寨观音庙').controlZone;
    expect(brief(cz?.clauses)).toEqual([['offset', 'E', 0.7, null], ['offset', 'S', 9, null], ['offset', 'W', 4, null], ['offset', 'N', 0.8, null]]);
    expect(cz?.clauses.some((c) => c.type === 'limit' && /米/.test(c.limit))).toBe(false);
  });
});

describe('graded control zones and linear relics', () => {
  it('一类 / 二类 / 三类建设控制地带 (辽宁): each grade its own ring, no merged control zone', () => {
    const r = relic(parse('liaoning-provincial-6th').records, '双塔寺双塔');
    expect(r.controlZone).toBeNull();
    expect(r.gradedControlZones?.map((g) => [g.grade, brief(g.clauses)])).toEqual([
      [2, [['uniform', 30, 'protection-range', false]]],
      [3, [['uniform', 20, null, false]]],
    ]);
  });
  it('两侧各 N 米 (金长城, 宋城城墙)', () => {
    const wall = relic(parse('sunitezuoqi-2016-jin-great-wall').records, '金长城');
    expect(brief(wall.protectionRange?.clauses)).toEqual([['linear', 50]]);
    expect(brief(wall.controlZone?.clauses)).toEqual([['linear', 500]]);
    expect(brief(relic(parse('luzhou-2001-municipal-6th').records, '宋城').protectionRange?.clauses)).toEqual([['linear', 10]]);
  });
});

describe('labels, colons and table cells', () => {
  it('面积: with a colon (台山, a pipe table)', () => {
    const r = relic(parse('taishan-2021-municipal').records, '闻溪陈公祠');
    expect(r.protectionRange?.area?.m2).toBe(862);
    expect(relic(parse('taishan-2021-municipal').records, '凌云古塔').controlZone?.area?.m2).toBe(19266);
  });
  it('labels on one line: the control zone is not merged into the protection range (内蒙古)', () => {
    const r = relic(parse('neimenggu-2019-36-sites').records, '岔河口聚落遗址');
    expect(brief(r.protectionRange?.clauses)).toEqual([['uniform', 100, null, false]]);
    expect(brief(r.controlZone?.clauses)).toEqual([['uniform', 200, 'protection-range', false]]);
  });
  it('a zone line without its final 。: the next site still gets its record (安徽)', () => {
    const records = parse('anhui-2019-hefei-report').records;
    expect(records.map((r) => r.name).sort()).toEqual(['刘铭传旧居', '李氏家族旧宅']);
  });
});

describe('parks', () => {
  it('road names containing 和 stay whole (和谐路, 政和路, 颐和路)', () => {
    const names = (r: ChemicalParkRecord): string[] => r.clauses.flatMap((c) => (c.type === 'four-bounds' ? c.sides.flatMap((s) => s.references.map((x) => x.text)) : []));
    expect(names(park(parse('shandong-2024-11-parks-adjustment').records, '定陶润鑫'))).toContain('和谐路');
    expect(names(park(parse('shandong-2024-01-parks-expansion').records, '茌平'))).toEqual(expect.arrayContaining(['政和路', '颐和路']));
  });
  it('以南 N 米 after a named boundary keeps its distance and direction (玉皇化工片区)', () => {
    const fb = park(parse('shandong-2024-01-parks-expansion').records, '玉皇化工片区').clauses.find((c) => c.type === 'four-bounds');
    const south = fb?.type === 'four-bounds' ? fb.sides.find((s) => s.direction === 'S')?.references[0] : undefined;
    expect([south?.anchor, south?.position?.direction, south?.position?.metres]).toEqual(['园区北边界', 'S', 1000]);
  });
  it('areas per 片区 go to their own 片区, and a total is checked only against its own parts', () => {
    const file = parse('shandong-2024-01-parks-expansion');
    expect(park(file.records, '玉皇化工片区').areas.map((a) => a.m2)).toEqual([1_020_000]);
    expect(park(file.records, '东明石化片区').areas.map((a) => a.m2)).toEqual([2_200_000]);
    expect(file.flags.filter((f) => f.code === 'TOTAL_MISMATCH')).toEqual([]);
    expect(park(parse('shandong-2024-04-parks-approval').records, '众音化学片区').areas.map((a) => a.m2)).toEqual([620_000]);
  });
});

describe('what cannot be read is flagged with its sentence', () => {
  it('前后各延伸160米 (招果洞) and 东西260米 without 各 (师村) are quoted, not guessed', () => {
    const guian = parse('guian-2019-provincial-sites');
    const all = [...guian.flags, ...guian.records.flatMap((r) => r.flags)];
    expect(all.some((f) => /160米/.test(f.message) && f.message.includes('前后各延伸160米'))).toBe(true);
    const xia = parse('xiaxian-2025-shicun');
    const p = relic(xia.records, '师村遗址').protectionRange;
    expect(p?.clauses.some((c) => c.type === 'offset' && c.metres === 260)).toBe(false);
    expect([...xia.flags, ...xia.records.flatMap((r) => r.flags)].some((f) => f.message.includes('260'))).toBe(true);
  });
});

describe('accounting by meaning on the seed gazette', () => {
  it('a direction word read as another direction is UNREAD with its sentence (吕梁: 西北 given twice, the second read as 西南)', async () => {
    const { built } = await import('./helpers');
    const file = built().files.find((f) => f.sourceId === 'llzh-2022-93');
    const unread = file?.flags.filter((f) => f.code === 'UNREAD') ?? [];
    expect(unread).toHaveLength(1);
    expect(unread[0]?.message).toContain('西北由大门向外延伸16米至道路南沿');
  });
});
