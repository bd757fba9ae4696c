import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import type { Clause, Direction } from '../../../../src/core/model/gazette-record';
import { buildRelicSite, MIN_DRAWN_AREA_M2 } from '../../../../src/pipeline/layers/relic-zones';
import { solveTwoAreas } from '../../../../src/pipeline/layers/two-area-solve';
import { LocalMetricFrame } from '../../../../src/core/geo/gauss-kruger';
import { fileOf, limit, offset, site, TEST_ANCHOR, testGazetteer, zone } from './relic-fixtures';

const gaz = testGazetteer();

function build(name: string, protection: Clause[], pArea: number | null, control: Clause[] | null, cArea: number | null = null) {
  const rec = site(name, zone('protection-range', protection, pArea), control === null ? null : zone('construction-control', control, cArea));
  return buildRelicSite(fileOf([rec]), rec, gaz);
}

/** Extents in metres east/north of the test anchor. */
function extent(ring: Position[]): { e: [number, number]; n: [number, number] } {
  const frame = new LocalMetricFrame([TEST_ANCHOR.lon, TEST_ANCHOR.lat]);
  const [e0, n0] = frame.forward([TEST_ANCHOR.lon, TEST_ANCHOR.lat]);
  const pts = ring.map((c) => frame.forward(c)).map(([e, n]) => [e! - e0!, n! - n0!] as const);
  return { e: [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))], n: [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))] };
}

describe('no zero-area polygon', () => {
  it('refuses limits without metres and without an area: a marker and a finding, no polygon', () => {
    const out = build('无面积', [limit('N'), limit('E'), limit('S'), limit('W')], null, [offset('N', 20), offset('E', 20), offset('S', 20), offset('W', 20)]);
    expect(out.features).toHaveLength(1);
    expect(out.features[0]!.geometry.type).toBe('Point');
    expect(out.features[0]!.properties.flags).toContain('SHAPE_NOT_DRAWN');
    expect(out.qa.map((q) => q.code)).toEqual(expect.arrayContaining(['SHAPE_NOT_DRAWN', 'CONTROL_NOT_DRAWN']));
  });

  it('never draws a polygon under the minimum area, for any mix of sides with and without metres', () => {
    const dirs: Direction[] = ['N', 'E', 'S', 'W'];
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }), { minLength: 4, maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        fc.boolean(),
        (metres, area, withControl) => {
          const clauses = dirs.map((d, i) => (metres[i] === null ? limit(d) : offset(d, metres[i]!)));
          const out = build('性质', clauses, area, withControl ? [offset('N', 10), limit('E'), offset('S', 0), offset('W', 5)] : null);
          for (const f of out.features) {
            if (f.geometry.type === 'Point') continue;
            expect(f.properties.computedAreaM2!).toBeGreaterThanOrEqual(MIN_DRAWN_AREA_M2 * 0.99);
          }
        },
      ),
      { seed: 15, numRuns: 200 },
    );
  });
});

describe('no side filled with the mean of the others', () => {
  it('draws a side without metres at the reference (0 m) and labels it unknown', () => {
    const out = build('缺南', [offset('N', 10), offset('E', 20), limit('S', '村道'), offset('W', 60)], 10_000, null);
    const f = out.features[0]!;
    const c = f.properties.construction!;
    expect(c.assumedSides).toEqual(['S']);
    expect(c.offsetsM).toMatchObject({ N: 10, E: 20, S: 0, W: 60 });
    expect(f.properties.flags).toContain('UNKNOWN_SIDES');
    const q = out.qa.find((x) => x.code === 'SIDES_UNKNOWN')!;
    expect(q.message).toContain('S: S至村道');
    const s = c.footprintM!;
    const ext = extent((f.geometry as Polygon).coordinates[0]!);
    expect(Math.abs(-ext.n[0] - s / 2)).toBeLessThan(0.05);
    expect(Math.abs(ext.n[1] - (s / 2 + 10))).toBeLessThan(0.05);
    expect(Math.abs(ext.e[1] - (s / 2 + 20))).toBeLessThan(0.05);
    expect(Math.abs(f.properties.computedAreaM2! - 10_000) / 10_000).toBeLessThan(0.005);
  });

  it('grows a control zone by 0 m on a side without metres, and says so', () => {
    const out = build('控制缺东', [offset('N', 10), offset('E', 10), offset('S', 10), offset('W', 10)], null, [offset('N', 40), limit('E', '河'), offset('S', 40), offset('W', 40)]);
    const ctl = out.features.find((f) => f.properties.layer === 'relic-control')!;
    expect(ctl.properties.construction!.assumedSides).toEqual(['E']);
    expect(ctl.properties.construction!.offsetsM).toMatchObject({ E: 0, N: 40 });
    const [outer, inner] = (ctl.geometry as Polygon).coordinates;
    expect(Math.abs(extent(outer!).e[1] - extent(inner!).e[1])).toBeLessThan(0.05);
    expect(out.qa.some((q) => q.code === 'SIDES_UNKNOWN' && q.featureId === ctl.id)).toBe(true);
  });
});

describe('control zones that were not read', () => {
  it('reports an unparsed control zone as unparsed, never as the protection range itself', () => {
    const out = build('控制未读', [offset('N', 10), offset('E', 10), offset('S', 10), offset('W', 10)], 2_500, [], 9_000);
    expect(out.features.filter((f) => f.properties.layer === 'relic-control')).toHaveLength(0);
    expect(out.qa.map((q) => q.code)).toContain('CONTROL_ZONE_UNPARSED');
    expect(out.qa.some((q) => /protection range itself|SAME_AS/.test(q.message + q.code))).toBe(false);
    expect(out.control!.outcome).toBe('unparsed');
  });

  it('says "same as the protection range" only when the text says so', () => {
    const same: Clause = { type: 'same-as', target: 'protection-range', direction: null, text: '同保护范围', span: [0, 5] };
    const out = build('同保护范围', [offset('N', 10), offset('E', 10), offset('S', 10), offset('W', 10)], 2_500, [same]);
    expect(out.qa.map((q) => q.code)).toContain('CONTROL_SAME_AS_PROTECTION');
    expect(out.qa.map((q) => q.code)).not.toContain('CONTROL_ZONE_UNPARSED');
  });
});

describe('two-area solve', () => {
  it('recovers a rectangular footprint from both areas', () => {
    const [w, h] = [30, 80];
    const p = { N: 10, E: 20, S: 15, W: 25 };
    const c = { N: 40, E: 30, S: 20, W: 50 };
    const ap = (w + p.E + p.W) * (h + p.N + p.S);
    const ac = (w + p.E + p.W + c.E + c.W) * (h + p.N + p.S + c.N + c.S) - ap;
    const r = solveTwoAreas({ a1: p.E + p.W, b1: p.N + p.S, a2: c.E + c.W, b2: c.N + c.S, protectionM2: ap, controlRingM2: ac });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const found = [r.footprint, r.other].filter((x) => x !== null).some((f) => Math.abs(f.w - w) < 1e-6 && Math.abs(f.h - h) < 1e-6);
    expect(found).toBe(true);
    const out = build('双面积', [offset('N', p.N), offset('E', p.E), offset('S', p.S), offset('W', p.W)], ap, [offset('N', c.N), offset('E', c.E), offset('S', c.S), offset('W', c.W)], ac);
    const [prot, ctl] = out.features;
    expect(prot!.properties.method).toBe('offset-rectangle-two-area');
    expect(Math.abs(prot!.properties.areaResidual!)).toBeLessThan(0.005);
    expect(Math.abs(ctl!.properties.areaResidual!)).toBeLessThan(0.005);
    const [fw, fh] = prot!.properties.construction!.footprintPQM!;
    const ext = extent((prot!.geometry as Polygon).coordinates[0]!);
    expect(Math.abs(ext.n[1] - (fh / 2 + p.N))).toBeLessThan(0.05);
    expect(Math.abs(-ext.e[0] - (fw / 2 + p.W))).toBeLessThan(0.05);
  });

  it('reports the reachable range when no footprint gives both areas', () => {
    const r = solveTwoAreas({ a1: 20, b1: 20, a2: 100, b2: 100, protectionM2: 1_000, controlRingM2: 1_000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.ringRangeM2[0]).toBeGreaterThan(1_000);
    const out = build('不可达', [offset('N', 10), offset('E', 10), offset('S', 10), offset('W', 10)], 1_000, [offset('N', 50), offset('E', 50), offset('S', 50), offset('W', 50)], 1_000);
    expect(out.qa.find((q) => q.code === 'TWO_AREA_UNREACHABLE')!.message).toMatch(/only be \d+–\d+ m²/);
    expect(out.qa.map((q) => q.code)).toContain('CONTROL_AREA_RESIDUAL');
  });
});
