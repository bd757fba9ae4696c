import { describe, expect, it } from 'vitest';
import { buildNotice, detectKind, NO_DATE, NO_NUMBER } from '../../../src/pipeline/layers/from-notice';
import { loadGazetteerParts, loadShanxiGazetteer } from '../../../src/pipeline/layers/load-gazetteer';

const dir = 'data/gazetteer';
const shanxi = loadShanxiGazetteer(dir);
const parts = loadGazetteerParts(dir, shanxi);

/** A one-site notice in the 吕梁 layout (synthetic) whose address names `address`. */
function notice(address: string): string {
  return [
    '龙泉寺', '', '时 代：明', '', `地 址：${address}`, '',
    '保护范围：北由正殿后檐墙向北延伸 10 米至村路，东由东配殿后檐墙向东延伸 10 米至农田，南由山门向南延伸 10 米至村路，西由西配殿后檐墙向西延伸 10 米至农田。面积 0.16 公顷。', '',
  ].join('\n');
}

describe('buildNotice: where a site can and cannot be placed', () => {
  it('keeps a site of a Shanxi county without an anchor as a record, and says which county it is', () => {
    const r = buildNotice(notice('忻府区播明镇播明村'), { fileName: 'x.txt' }, parts, shanxi);
    if (!r.ok) throw new Error(r.message);
    expect(r.build.file.records).toHaveLength(1);
    expect(r.build.features).toHaveLength(0);
    expect(r.build.unplaced).toHaveLength(1);
    expect(r.build.unplaced[0]!.reason).toBe('county 忻府区 (140902, 忻州市) is in the Shanxi gazetteer but has no anchor');
  });

  it('names the candidates of an ambiguous county instead of picking one', () => {
    const r = buildNotice(notice('城区北石店镇前村'), { fileName: 'x.txt' }, parts, shanxi);
    if (!r.ok) throw new Error(r.message);
    expect(r.build.unplaced[0]?.reason).toMatch(/ambiguous: 阳泉市城区 140302, 晋城市城区 140502/);
    expect(r.build.features).toHaveLength(0);
  });

  it('places a site of a newly anchored 晋城 county at its township, with the township precision', () => {
    const r = buildNotice(notice('阳城县润城镇上伏村'), { fileName: 'x.txt' }, parts, shanxi);
    if (!r.ok) throw new Error(r.message);
    expect(r.build.unplaced).toHaveLength(0);
    const f = r.build.features.find((x) => x.properties.layer === 'relic-protection')!;
    expect(f.properties.anchor).toMatchObject({ name: '润城镇', level: 'town' });
    expect(f.properties.precisionM).toBe(6000);
  });

  it('uses placeholders for a header the text does not give, and never invents a date', () => {
    const r = buildNotice(notice('阳城县润城镇上伏村'), { fileName: 'x.txt' }, parts, shanxi);
    if (!r.ok) throw new Error(r.message);
    expect(r.build.header).toEqual({ number: null, issuer: null, date: null, title: null });
    expect(r.build.file.document).toMatchObject({ number: NO_NUMBER, date: NO_DATE });
  });

  it('refuses empty text and reads nothing from a notice no grammar fits', () => {
    expect(buildNotice(' \n', { fileName: 'x.txt' }, parts, shanxi)).toMatchObject({ ok: false, reason: 'empty' });
    const r = buildNotice('关于召开会议的通知\n请各单位准时参加。\n', { fileName: 'x.txt' }, parts, shanxi);
    if (!r.ok) throw new Error(r.message);
    expect(detectKind('关于召开会议的通知')).toBeNull();
    expect(r.build.file.records).toHaveLength(0);
    expect(r.build.unread.map((u) => u.code)).toContain('UNREAD_NOTICE');
  });
});
