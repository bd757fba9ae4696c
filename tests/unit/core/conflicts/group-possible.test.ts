import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, Point, Polygon } from 'geojson';
import { checkConflicts, parseRuleSet } from '../../../../src/core/conflicts/index';
import { createGaussKrugerProvider } from '../../../../src/core/conflicts/metric-projection';
import { seededRandom } from '../../../../src/core/random/seeded-random';
import { caveatText } from '../../../../src/i18n/conflict-text';

const all = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!all.ok) throw new Error(all.message);
const farmland = 'permanent-basic-farmland';
const parsed = parseRuleSet({ ...all.value, rules: all.value.rules.filter((r) => r.id === 'development-x-permanent-basic-farmland') });
if (!parsed.ok) throw new Error(parsed.message);
const rules = parsed.value;

/** A 100 m square of farmland whose south-west corner is `km` kilometres east of 111.5°E, 37°N. */
function parcel(i: number, km: number): Feature<Polygon> {
  const lon = 111.5 + km / 88.9;
  const d = 0.001;
  return {
    type: 'Feature',
    properties: { id: `p${i}`, layer: 'imported', category: farmland, status: 'in-force', precisionM: 0.1, name: `p${i}` },
    geometry: { type: 'Polygon', coordinates: [[[lon, 37], [lon + d, 37], [lon + d, 37 + d], [lon, 37 + d], [lon, 37]]] },
  };
}

/** A meteorological candidate point known to ±`precisionM`. */
function site(lon: number, precisionM: number): Feature<Point> {
  return { type: 'Feature', properties: { id: 'site', layer: 'meteo-site', status: 'planned', precisionM, name: '候选站址' }, geometry: { type: 'Point', coordinates: [lon, 37.0005] } };
}

function check(sites: Feature[], parcels: Feature[], groupPossibleOver?: number) {
  const result = checkConflicts([{ name: 'meteo', features: sites }, { name: 'farmland', features: parcels }], rules, {
    now: () => new Date(0),
    ...(groupPossibleOver === undefined ? {} : { groupPossibleOver }),
  });
  if (!result.ok) throw new Error(result.message);
  return result.report;
}

describe('possible-only findings of one imprecise feature are grouped', () => {
  const parcels = Array.from({ length: 30 }, (_, i) => parcel(i, 1 + i * 0.5));

  it('gives one finding naming the nearest parcel and listing all 30, nearest first', () => {
    const report = check([site(111.5, 25_000)], parcels);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f.nominal).toBe(false);
    expect(f.verdict).toBe('possible');
    expect(f.b?.id).toBe('p0');
    expect(f.bIds).toHaveLength(30);
    expect(f.bIds.slice(0, 3)).toEqual(['p0', 'p1', 'p2']);
    expect(f.caveat).toMatchObject({ code: 'fails-may-hold', groupedOthers: 29 });
    expect(caveatText(f.caveat, 'zh-CN')).toContain('另有 29 个');
    expect(caveatText(f.caveat, 'en')).toContain('29 more B features');
    expect(report.rules[0]!.candidatePairs).toBe(30);
  });

  it('lists them one by one when there are no more than the threshold', () => {
    expect(check([site(111.5, 25_000)], parcels, 30).findings).toHaveLength(30);
    expect(check([site(111.5, 25_000)], parcels.slice(0, 20)).findings).toHaveLength(20);
  });

  it('never groups a finding that holds at the drawn position', () => {
    const onParcel = site(111.5 + 1 / 88.9 + 0.0005, 25_000);
    const report = check([onParcel], parcels);
    const nominal = report.findings.filter((f) => f.nominal);
    expect(nominal).toHaveLength(1);
    expect(nominal[0]!.b?.id).toBe('p0');
    const grouped = report.findings.filter((f) => !f.nominal);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.bIds).toHaveLength(29);
    expect(grouped[0]!.bIds).not.toContain('p0');
  });
});

describe('the bounding-box shortcut for imprecise points agrees with measuring every pair', () => {
  // A provider whose frames are new objects on every call: no two features share a frame, so the
  // engine measures every pair exactly (same projection maths) — the reference.
  const base = createGaussKrugerProvider();
  const fresh = (lon: number, lat: number) => ({ ...base(lon, lat) });
  const rnd = seededRandom(99);
  const parcels = Array.from({ length: 300 }, (_, i) => parcel(i, rnd() * 40 - 20));
  for (const p of parcels) {
    const ring = (p.geometry.coordinates[0] as number[][]).map(([x, y]) => [x!, y! + (rnd() - 0.5) * 0.1]);
    p.geometry.coordinates = [ring];
  }
  const sites = [111.45, 111.5, 111.62, 111.7].map((lon, i) => ({ ...site(lon, [400, 3_000, 8_000, 25_000][i]!), properties: { ...site(lon, 1).properties, id: `site${i}`, precisionM: [400, 3_000, 8_000, 25_000][i]! } }));
  const run = (projectionFor?: typeof fresh, groupPossibleOver = 1e9) => {
    const r = checkConflicts([{ name: 'meteo', features: sites }, { name: 'farmland', features: parcels }], rules, {
      now: () => new Date(0),
      groupPossibleOver,
      ...(projectionFor ? { projectionFor } : {}),
    });
    if (!r.ok) throw new Error(r.message);
    return r.report.findings;
  };

  it('gives the same findings, verdicts and depths pair by pair', () => {
    const quick = run();
    const exact = run(fresh);
    expect(quick.length).toBeGreaterThan(50);
    expect(quick.map((f) => [f.a.id, f.b?.id, f.verdict, f.nominal, f.depthM.toFixed(6)])).toEqual(exact.map((f) => [f.a.id, f.b?.id, f.verdict, f.nominal, f.depthM.toFixed(6)]));
  });

  it('groups the same parcels and names the same nearest one', () => {
    const quick = run(undefined, 20).filter((f) => f.bIds.length > 1);
    const exact = run(fresh, 20).filter((f) => f.bIds.length > 1);
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.map((f) => [f.a.id, f.b?.id, f.depthM.toFixed(6), [...f.bIds].sort()])).toEqual(exact.map((f) => [f.a.id, f.b?.id, f.depthM.toFixed(6), [...f.bIds].sort()]));
  });
});
