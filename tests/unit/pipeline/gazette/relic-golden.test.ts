import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clause, Direction, RelicSiteRecord, Zone } from '../../../../src/core/model/gazette-record';
import { FIXTURES, built } from './helpers';

interface GoldenSide { reference: string; metres: number | null; limit: string | null }
interface GoldenZone { area_m2: number; sides: Record<string, GoldenSide> }
interface GoldenSite { name: string; county: string; era: string; address: string; protection: GoldenZone; control: GoldenZone }

const golden = JSON.parse(readFileSync(join(FIXTURES, 'golden/relic-sites.json'), 'utf8')) as { sites: GoldenSite[] };

function sides(zone: Zone | null): Map<Direction, GoldenSide> {
  const out = new Map<Direction, GoldenSide>();
  for (const c of zone?.clauses ?? []) {
    const add = (d: Direction, s: GoldenSide): void => {
      expect(out.has(d), `direction ${d} given twice`).toBe(false);
      out.set(d, s);
    };
    const clause: Clause = c;
    if (clause.type === 'offset') add(clause.inferredDirection ?? clause.direction, { reference: clause.reference ?? '', metres: clause.metres, limit: clause.limit });
    else if (clause.type === 'limit') add(clause.inferredDirection ?? clause.direction, { reference: '', metres: null, limit: clause.limit });
    else if (clause.type === 'base-point') for (const l of clause.legs) add(l.direction, { reference: clause.point, metres: l.metres, limit: l.limit });
    else throw new Error(`unexpected clause ${clause.type}`);
  }
  return out;
}

describe('吕政函〔2022〕93号: all 35 relic sites against an independent reading of the text', () => {
  const records = built().records.filter((r): r is RelicSiteRecord => r.kind === 'relic-site');
  it('lists 35 sites, one record each', () => {
    expect(records).toHaveLength(35);
    expect(golden.sites).toHaveLength(35);
    expect(new Set(records.map((r) => r.name))).toEqual(new Set(golden.sites.map((s) => s.name)));
  });
  for (const g of golden.sites) {
    it(`${g.name}: county, era, address, every offset, reference, limit and both areas`, () => {
      const r = records.find((x) => x.name === g.name);
      if (r === undefined) throw new Error(`${g.name} not parsed`);
      expect(r.county).toBe(g.county);
      expect(r.era).toBe(g.era);
      expect(r.address?.startsWith(g.address.replace(/。$/, ''))).toBe(true);
      expect(r.protectionRange?.area?.m2).toBeCloseTo(g.protection.area_m2, 4);
      expect(r.controlZone?.area?.m2).toBeCloseTo(g.control.area_m2, 4);
      const ps = sides(r.protectionRange);
      const cs = sides(r.controlZone);
      expect([...ps.keys()].sort()).toEqual(Object.keys(g.protection.sides).sort());
      expect([...cs.keys()].sort()).toEqual(Object.keys(g.control.sides).sort());
      for (const [d, s] of Object.entries(g.protection.sides)) {
        const got = ps.get(d as Direction);
        expect(got?.metres ?? null, `${d} metres`).toBe(s.metres);
        expect(got?.limit ?? null, `${d} limit`).toBe(s.limit);
        // Limit-only sides name their reference in the limit itself.
        if (s.metres !== null) expect(got?.reference, `${d} reference`).toBe(s.reference);
      }
      for (const [d, s] of Object.entries(g.control.sides)) {
        const got = cs.get(d as Direction);
        expect(got?.metres ?? null, `control ${d} metres`).toBe(s.metres);
        expect(got?.limit ?? null, `control ${d} limit`).toBe(s.limit);
        expect(got?.reference, `control ${d} reference`).toBe('保护范围');
      }
    });
  }

  it('flags the irregular cases the text has', () => {
    const codes = (name: string): string[] => records.find((r) => r.name === name)?.flags.map((f) => f.code) ?? [];
    expect(codes('武当村真武行宫')).toContain('DUPLICATE_DIRECTION');
    expect(codes('方山城址')).toContain('ODD_REFERENCE');
    expect(codes('晋西北军区司令部旧址')).toContain('GLUED_CLAUSE');
    expect(codes('居义墓葬')).toContain('LIMIT_WITHOUT_METRES');
    expect(codes('西关墓群')).toContain('LIMIT_WITHOUT_METRES');
    expect(codes('兑九峪战斗遗址')).toContain('AREA_UNREACHABLE');
    expect(codes('魁星楼')).toContain('AREA_BARELY_REACHABLE');
    expect(codes('清凉寺')).toContain('RING_AREA_INCONSISTENT');
    expect(codes('石佛寺')).toContain('RING_AREA_FITS_AS_TOTAL');
    expect(codes('中阳县苏维埃革命委员会旧址')).toContain('NAME_COUNTY_DIFFERS');
    expect(codes('云峰观')).toContain('NEAR_DUPLICATE_AREA');
    expect(codes('宝峰山道观')).toEqual([]);
  });
});
