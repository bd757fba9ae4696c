import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LocalMetricFrame } from '../../../../src/core/geo/gauss-kruger';
import type { RelicSiteRecord } from '../../../../src/core/model/gazette-record';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';
import { buildNotice } from '../../../../src/pipeline/layers/from-notice';
import { loadGazetteerParts, loadShanxiGazetteer } from '../../../../src/pipeline/layers/load-gazetteer';
import { GRADED_METHOD, gradeLabel } from '../../../../src/pipeline/layers/relic-graded';
import { buildRelicSite, MIN_DRAWN_AREA_M2 } from '../../../../src/pipeline/layers/relic-zones';
import { loadCorpus, parseNoticeBody } from '../gazette/real-corpus';
import { fileOf, TEST_ANCHOR, testGazetteer } from './relic-fixtures';

/**
 * Graded construction-control zones drawn from real notices (辽宁第六批, 辽宁第八批, 广东 1994): one ring per
 * grade, each grown by its own offsets from the zone inside it, measured back in metres.
 */

const gaz = testGazetteer();
const GRADED_NOTICES = ['liaoning-provincial-6th', 'liaoning-2010-provincial-8th', 'guangdong-1994-provincial'];

function gradedSites(): RelicSiteRecord[] {
  const out: RelicSiteRecord[] = [];
  for (const n of loadCorpus().filter((x) => GRADED_NOTICES.includes(x.id))) {
    for (const r of parseNoticeBody(n, n.body).records) {
      if (r.kind === 'relic-site' && (r.gradedControlZones?.length ?? 0) > 0) out.push({ ...r, county: '测试县', address: '测试县' });
    }
  }
  return out;
}

const frame = new LocalMetricFrame([TEST_ANCHOR.lon, TEST_ANCHOR.lat]);
const [E0, N0] = frame.forward([TEST_ANCHOR.lon, TEST_ANCHOR.lat]);

/** Extent of a ring in metres east/north of the test anchor. */
function extent(ring: Position[]): { e: [number, number]; n: [number, number] } {
  const pts = ring.map((c) => frame.forward(c)).map(([e, n]) => [e! - E0!, n! - N0!] as const);
  return { e: [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))], n: [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))] };
}

/** The four gaps between an inner and an outer ring, by side, in metres (frame). */
function gaps(outer: Position[], inner: Position[]): { E: number; W: number; N: number; S: number } {
  const o = extent(outer);
  const i = extent(inner);
  return { E: o.e[1] - i.e[1], W: i.e[0] - o.e[0], N: o.n[1] - i.n[1], S: i.n[0] - o.n[0] };
}

/** Geodesic distance (m) by GeographicLib's GeodSolve between two lon/lat points. */
function geodesic(a: Position, b: Position): number {
  const out = execFileSync('GeodSolve', ['-i'], { input: `${a[1]} ${a[0]} ${b[1]} ${b[0]}\n` }).toString().trim().split(/\s+/);
  return Number(out[2]);
}

describe('graded construction-control zones, drawn', () => {
  const all = gradedSites();
  const sites = all.filter((s) => s.protectionRange !== null);

  it('finds the graded sites of the real notices (measured: 8 sites with 11 grades, 7 of them with a protection range)', () => {
    expect(all.length).toBe(8);
    expect(all.flatMap((s) => s.gradedControlZones ?? []).length).toBe(11);
    expect(sites.length).toBe(7);
  });

  it('reports the grade of a site without a protection range (广东 1994, 三元里) as not drawn, with the reason', () => {
    const s = all.find((x) => x.protectionRange === null)!;
    const out = buildRelicSite(fileOf([s]), s, gaz);
    expect(out.features).toEqual([]);
    expect(out.qa.map((q) => q.code)).toEqual(expect.arrayContaining(['NO_PROTECTION_RANGE', 'GRADED_ZONE_NOT_DRAWN']));
    expect(out.qa.find((q) => q.code === 'GRADED_ZONE_NOT_DRAWN')?.message).toContain('二类建设控制地带');
  });

  it('draws every grade as its own feature: own id, label, grade, method, provenance and precision, no zero area', () => {
    for (const s of sites) {
      const out = buildRelicSite(fileOf([s]), s, gaz);
      const graded = out.features.filter((f) => f.properties.method === GRADED_METHOD);
      expect(graded.map((f) => f.properties.grade)).toEqual((s.gradedControlZones ?? []).map((z) => z.grade));
      for (const f of graded) {
        expect(featurePropsSchema.safeParse(f.properties).success).toBe(true);
        expect(f.properties.name).toBe(`${s.name} ${gradeLabel(f.properties.grade ?? 0)}`);
        expect(f.id).toBe(`relic-control:${s.id}:g${f.properties.grade}`);
        expect(f.properties.layer).toBe('relic-control');
        expect(f.properties.source?.quote.length).toBeGreaterThan(0);
        expect(f.properties.docNumber).not.toBeNull();
        expect(f.properties.precisionM).toBeGreaterThan(0);
        expect(f.properties.computedAreaM2).toBeGreaterThanOrEqual(MIN_DRAWN_AREA_M2);
        expect(f.geometry.type).toBe('Polygon');
        expect((f.geometry as Polygon).coordinates).toHaveLength(2);
      }
      expect(out.qa.filter((q) => q.code.startsWith('GRADED'))).toEqual([]);
    }
  });

  it('nests the grades: each ring\'s hole is exactly the outer boundary of the zone inside it, and its own offsets measure back in metres', () => {
    let measured = 0;
    for (const s of sites) {
      const out = buildRelicSite(fileOf([s]), s, gaz);
      const protection = out.features.find((f) => f.properties.layer === 'relic-protection');
      expect(protection?.geometry.type).toBe('Polygon');
      let inside = (protection!.geometry as Polygon).coordinates[0]!;
      for (const f of out.features.filter((x) => x.properties.method === GRADED_METHOD)) {
        const [outer, hole] = (f.geometry as Polygon).coordinates as [Position[], Position[]];
        expect([...hole].reverse()).toEqual(inside);
        const g = gaps(outer, inside);
        const stated = f.properties.construction?.offsetsM ?? {};
        for (const d of ['E', 'W', 'N', 'S'] as const) {
          const want = stated[d] ?? stated['all'];
          expect(want).toBeGreaterThan(0);
          expect(Math.abs(g[d] - want!)).toBeLessThan(0.02);
          expect(g[d]).toBeGreaterThan(0);
          measured++;
        }
        inside = outer;
      }
    }
    expect(measured).toBe(40);
  });

  it.skipIf(!existsSync('/usr/bin/GeodSolve'))('measures each grade\'s east offset again as a geodesic with GeographicLib (GeodSolve), within 0.05 % (Gauss-Krüger scale)', () => {
    let checked = 0;
    for (const s of sites) {
      const out = buildRelicSite(fileOf([s]), s, gaz);
      let inside = (out.features.find((f) => f.properties.layer === 'relic-protection')!.geometry as Polygon).coordinates[0]!;
      for (const f of out.features.filter((x) => x.properties.method === GRADED_METHOD)) {
        const outer = (f.geometry as Polygon).coordinates[0]!;
        const eastMid = (ring: Position[]): Position => {
          const pts = ring.slice(0, -1).map((c) => frame.forward(c));
          const maxE = Math.max(...pts.map((p) => p[0]!));
          const edge = pts.filter((p) => Math.abs(p[0]! - maxE) < 0.05);
          return frame.inverse([edge.reduce((t, p) => t + p[0]!, 0) / edge.length, edge.reduce((t, p) => t + p[1]!, 0) / edge.length]);
        };
        const a = eastMid(inside);
        const b = eastMid(outer);
        const stated = f.properties.construction?.offsetsM ?? {};
        const want = stated['E'] ?? stated['all']!;
        expect(Math.abs(geodesic(a, b) - want) / want, `${f.id}: geodesic ${geodesic(a, b)} m, stated ${want} m`).toBeLessThan(5e-4);
        checked++;
        inside = outer;
      }
    }
    expect(checked).toBe(10);
  });

  it('reports a grade it cannot read as unparsed, and every grade measured from it as not drawn; never a substitute shape', () => {
    const s = sites.find((x) => (x.gradedControlZones?.length ?? 0) >= 2)!;
    const [first, ...rest] = s.gradedControlZones!;
    const broken: RelicSiteRecord = { ...s, gradedControlZones: [{ ...first!, clauses: [] }, ...rest] };
    const out = buildRelicSite(fileOf([broken]), broken, gaz);
    expect(out.features.filter((f) => f.properties.method === GRADED_METHOD)).toEqual([]);
    const codes = out.qa.filter((q) => q.featureId?.includes(':g')).map((q) => q.code);
    expect(codes[0]).toBe('GRADED_ZONE_UNPARSED');
    expect(codes.slice(1)).toEqual(rest.map(() => 'GRADED_ZONE_NOT_DRAWN'));
    expect(out.features.some((f) => f.properties.layer === 'relic-protection')).toBe(true);
  });

  it('reports every grade as not drawn when the protection range has no shape', () => {
    const s = sites[0]!;
    const noShape: RelicSiteRecord = { ...s, protectionRange: { ...s.protectionRange!, clauses: [], area: null } };
    const out = buildRelicSite(fileOf([noShape]), noShape, gaz);
    expect(out.features.filter((f) => f.properties.method === GRADED_METHOD)).toEqual([]);
    expect(out.qa.filter((q) => q.code === 'GRADED_ZONE_NOT_DRAWN')).toHaveLength(s.gradedControlZones!.length);
  });
});

describe('npm run records on a notice with graded zones (buildNotice, the function the CLI calls)', () => {
  it('writes each grade as its own feature of the layers, at the --at point with its precision', () => {
    const n = loadCorpus().find((x) => x.id === 'liaoning-provincial-6th')!;
    const text = `${n.source.title}\n${n.body}`;
    const shanxi = loadShanxiGazetteer('data/gazetteer');
    const r = buildNotice(text, { fileName: 'liaoning6.txt', county: '锦州市', at: { lon: 121.13, lat: 41.1, precisionM: 25000 } }, loadGazetteerParts('data/gazetteer', shanxi), shanxi);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const graded = r.build.features.filter((f) => f.properties.method === GRADED_METHOD);
    expect(graded.map((f) => f.properties.name).sort()).toEqual(
      ['高山台烽火台 一类建设控制地带', '高山台烽火台 二类建设控制地带', '关山辽墓 二类建设控制地带', '柳家画像石墓 一类建设控制地带', '青峰塔 二类建设控制地带', '青峰塔 三类建设控制地带', '双塔寺双塔 二类建设控制地带', '双塔寺双塔 三类建设控制地带', '松树嘴子城址 一类建设控制地带'].sort(),
    );
    for (const f of graded) {
      expect(f.properties.precisionM).toBe(25000);
      expect(f.properties.computedAreaM2).toBeGreaterThan(0);
    }
  });
});

describe('corner coordinates (尖扎 2020)', () => {
  it('are reported in the geometry QA with their text, not silently dropped, while the shapes are not drawn from them', () => {
    const n = loadCorpus().find((x) => x.id === 'jianzha-2020-county')!;
    const records = parseNoticeBody(n, n.body).records.filter((r): r is RelicSiteRecord => r.kind === 'relic-site').map((r) => ({ ...r, county: '测试县', address: '测试县' }));
    expect(records).toHaveLength(3);
    for (const r of records) {
      const out = buildRelicSite(fileOf([r]), r, gaz);
      const note = out.qa.find((q) => q.code === 'CORNERS_NOT_USED');
      expect(note?.message).toContain('the text gives 4 corner coordinates');
      expect(note?.message).toContain('北纬');
    }
  });
});
