import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import type { ConflictReport, Finding } from '../../../../src/core/conflicts/report';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { seededRandom } from '../../../../src/core/random/seeded-random';
import { checkConflictsPostgis } from '../../../../src/cli/postgis/postgis-check';
import { runCheck } from '../../../../src/cli/check';
import { startPgCluster } from './pg-cluster';
import type { PgCluster } from './pg-cluster';

const RULES = ((): RuleSet => {
  const r = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')) as unknown);
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

const NOW = new Date('2026-12-01T00:00:00Z');

function builtLayers(): InputLayer[] {
  return readdirSync('data/layers')
    .filter((f) => f.endsWith('.geojson'))
    .sort()
    .map((f) => {
      const json = JSON.parse(readFileSync(join('data/layers', f), 'utf8')) as { features: InputLayer['features'] };
      return { name: f, features: json.features };
    });
}

type Props = Record<string, unknown>;

/**
 * Seeded features of every kind the rules name, in a 60 km square astride the 112.5°E boundary between the
 * 111°E and 114°E Gauss-Krüger zones, with precision radii from surveyed (0) to ±2 km and one ±25 km site.
 */
function seededLayers(seed: number): InputLayer[] {
  const rand = seededRandom(seed);
  const m2lon = 1 / (111_320 * Math.cos((36.5 * Math.PI) / 180));
  const m2lat = 1 / 110_574;
  const polygon = (cx: number, cy: number, r: number, n: number): Geometry => {
    const ring: number[][] = [];
    const phase = rand() * Math.PI;
    for (let i = 0; i < n; i++) {
      const a = phase + (2 * Math.PI * i) / n + (rand() - 0.5) * 0.5;
      const rr = r * (0.55 + 0.45 * rand());
      ring.push([cx + rr * Math.cos(a) * m2lon, cy + rr * Math.sin(a) * m2lat]);
    }
    ring.push([...(ring[0] as number[])]);
    return { type: 'Polygon', coordinates: [ring] };
  };
  const rect = (cx: number, cy: number, w: number, h: number): Geometry => {
    const x0 = cx - (w / 2) * m2lon;
    const x1 = cx + (w / 2) * m2lon;
    const y0 = cy - (h / 2) * m2lat;
    const y1 = cy + (h / 2) * m2lat;
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  };
  const at = (): [number, number] => [112.5 + (rand() - 0.5) * 60_000 * m2lon, 36.5 + (rand() - 0.5) * 60_000 * m2lat];
  const precisions = [0, 0, 0, 5, 50, 500, 2000];
  const pick = (): number => precisions[Math.floor(rand() * precisions.length)] as number;
  const features = (n: number, make: (i: number) => { geometry: Geometry; props: Props }): Array<Feature<Geometry, Props>> =>
    Array.from({ length: n }, (_, i) => {
      const f = make(i);
      return { type: 'Feature', geometry: f.geometry, properties: f.props };
    });
  const layer = (name: string, list: Array<Feature<Geometry, Props>>): InputLayer => ({ name, features: list });
  const relicCentres = Array.from({ length: 120 }, at);
  return [
    layer('parks', features(40, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 600 + rand() * 1500, 9), props: { id: `park-${i}`, layer: 'chemical-park', name: `园区${i}`, precisionM: pick(), status: i === 3 ? 'withdrawn' : 'in-force' } };
    })),
    layer('relic-protection', features(120, (i) => {
      const [x, y] = relicCentres[i] as [number, number];
      return { geometry: rect(x, y, 80 + rand() * 300, 80 + rand() * 300), props: { id: `rp-${i}`, layer: 'relic-protection', name: `文物${i}`, precisionM: pick() } };
    })),
    layer('relic-control', features(120, (i) => {
      const [x, y] = relicCentres[i] as [number, number];
      return { geometry: rect(x, y, 600 + rand() * 600, 600 + rand() * 600), props: { id: `rc-${i}`, layer: 'relic-control', name: `文物${i}`, precisionM: pick() } };
    })),
    layer('acquisition', features(30, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 400 + rand() * 900, 7), props: { id: `la-${i}`, layer: 'land-acquisition', name: `片区${i}`, precisionM: pick() } };
    })),
    layer('meteo', features(12, (i) => {
      const [x, y] = i === 0 ? [112.5, 36.5] : at();
      return { geometry: { type: 'Point', coordinates: [x, y] }, props: { id: `radar-${i}`, layer: 'meteo-site', name: `X波段雷达${i}`, precisionM: i === 0 ? 25_000 : pick() } };
    })),
    layer('project', features(25, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 300 + rand() * 700, 8), props: { id: `pb-${i}`, layer: 'imported', category: 'project-boundary', name: `项目${i}`, precisionM: pick() } };
    })),
    layer('red-line', features(60, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 500 + rand() * 2500, 11), props: { id: `rl-${i}`, layer: 'imported', category: 'ecological-red-line', precisionM: 0 } };
    })),
    layer('farmland', features(400, (i) => {
      const [x, y] = at();
      return { geometry: rect(x, y, 100 + rand() * 400, 100 + rand() * 400), props: { id: `fl-${i}`, layer: 'imported', category: 'permanent-basic-farmland', precisionM: 0 } };
    })),
    layer('urban', features(20, (i) => {
      const [x, y] = at();
      return { geometry: polygon(x, y, 1500 + rand() * 4000, 13), props: { id: `ub-${i}`, layer: 'imported', category: 'urban-development-boundary', precisionM: 0 } };
    })),
  ];
}

const keyOf = (f: Finding): string => `${f.ruleId}|${f.a.id}|${[...f.bIds].sort().join(',')}`;

function close(a: number | null, b: number | null, rel: number, abs: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/** Differences between two reports, as readable lines (empty when they agree). */
function compareReports(js: ConflictReport, pg: ConflictReport): string[] {
  const problems: string[] = [];
  const jsBy = new Map(js.findings.map((f) => [keyOf(f), f]));
  const pgBy = new Map(pg.findings.map((f) => [keyOf(f), f]));
  for (const [k, f] of jsBy) {
    const g = pgBy.get(k);
    if (g === undefined) {
      problems.push(`only in JS: ${k} ${f.verdict}`);
      continue;
    }
    if (f.verdict !== g.verdict) problems.push(`verdict ${k}: JS ${f.verdict} / PostGIS ${g.verdict} (margin ${f.marginM} / ${g.marginM})`);
    if (f.b?.id !== g.b?.id) problems.push(`B ${k}: JS ${f.b?.id} / PostGIS ${g.b?.id}`);
    if (!close(f.overlapAreaM2, g.overlapAreaM2, 1e-4, 1e-3)) problems.push(`overlap area ${k}: JS ${f.overlapAreaM2} / PostGIS ${g.overlapAreaM2}`);
    if (!close(f.outsideAreaM2, g.outsideAreaM2, 1e-4, 1e-3)) problems.push(`outside area ${k}: JS ${f.outsideAreaM2} / PostGIS ${g.outsideAreaM2}`);
    if (!close(f.distanceM, g.distanceM, 1e-4, 1e-3)) problems.push(`distance ${k}: JS ${f.distanceM} / PostGIS ${g.distanceM}`);
  }
  for (const k of pgBy.keys()) if (!jsBy.has(k)) problems.push(`only in PostGIS: ${k} ${pgBy.get(k)?.verdict}`);
  for (const run of js.rules) {
    const other = pg.rules.find((r) => r.ruleId === run.ruleId);
    if (other === undefined) problems.push(`rule ${run.ruleId} missing in PostGIS`);
    else {
      if (other.status !== run.status || other.findings !== run.findings) problems.push(`rule ${run.ruleId}: JS ${run.status}/${run.findings}, PostGIS ${other.status}/${other.findings}`);
      if (other.candidatePairs !== run.candidatePairs) problems.push(`rule ${run.ruleId} candidate pairs: JS ${run.candidatePairs}, PostGIS ${other.candidatePairs}`);
      const t = (x: Array<[string, string]>): string => x.map((p) => p.join('~')).sort().join(' ');
      if (t(other.touching) !== t(run.touching)) problems.push(`rule ${run.ruleId} touching: JS ${t(run.touching)} / PostGIS ${t(other.touching)}`);
    }
  }
  return problems;
}

let cluster: PgCluster;

describe('PostGIS engine: same findings as the JS engine', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('on the built layers', () => {
    const layers = builtLayers();
    const js = checkConflicts(layers, RULES, { now: () => NOW });
    const pg = checkConflictsPostgis(layers, [], RULES, { connection: cluster.connection, now: () => NOW });
    if (!js.ok || !pg.ok) throw new Error(`${js.ok ? '' : js.message} ${pg.ok ? '' : pg.message}`);
    expect(js.report.findings.length).toBeGreaterThan(0);
    expect(compareReports(js.report, pg.report)).toEqual([]);
  }, 120_000);

  it('on a seeded data set of every rule kind, across two Gauss-Krüger zones', () => {
    const layers = seededLayers(20_261_202);
    const js = checkConflicts(layers, RULES, { now: () => NOW });
    const pg = checkConflictsPostgis(layers, [], RULES, { connection: cluster.connection, now: () => NOW });
    if (!js.ok || !pg.ok) throw new Error(`${js.ok ? '' : js.message} ${pg.ok ? '' : pg.message}`);
    const byRelation = (r: ConflictReport, rel: string): number => r.findings.filter((f) => f.relation === rel).length;
    expect(byRelation(js.report, 'overlap')).toBeGreaterThan(20);
    expect(byRelation(js.report, 'within-distance')).toBeGreaterThan(0);
    expect(byRelation(js.report, 'outside-of')).toBeGreaterThan(0);
    expect(js.report.findings.some((f) => f.verdict === 'definite')).toBe(true);
    expect(js.report.findings.some((f) => f.verdict === 'possible')).toBe(true);
    expect(js.report.findings.some((f) => f.bIds.length > 20)).toBe(true);
    expect(compareReports(js.report, pg.report)).toEqual([]);
  }, 180_000);

  it('reads layers kept in PostGIS tables and gives the same findings through the CLI', () => {
    const layers = seededLayers(7);
    const js = checkConflicts(layers, RULES, { now: () => NOW, hashLayers: false });
    if (!js.ok) throw new Error(js.message);
    const kept = checkConflictsPostgis(layers, [], RULES, { connection: cluster.connection, keepSchema: 'kept', now: () => NOW });
    expect(kept.ok).toBe(true);
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p, 'utf8'), writeText: () => undefined };
    const code = runCheck(['--engine', 'postgis', '--db', cluster.connection, '--table', 'all=kept.f', '--format', 'json', '--time', NOW.toISOString()], io);
    expect(err.join('')).toBe('');
    expect(code).toBe(1);
    const fromTable = JSON.parse(out.join('')) as ConflictReport;
    expect(compareReports(js.report, fromTable).filter((p) => !p.includes('candidate pairs'))).toEqual([]);
  }, 180_000);

  it('answers a bad connection with exit code 2 and a message', () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p === 'x.geojson' ? 'data/layers/chemical-park.geojson' : p, 'utf8'), writeText: () => undefined };
    const code = runCheck(['--engine', 'postgis', '--db', 'host=127.0.0.1 port=1 user=nobody', 'x.geojson'], io);
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/postgis-failed/);
  });
});
