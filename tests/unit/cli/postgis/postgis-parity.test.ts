import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import type { ConflictReport, Finding } from '../../../../src/core/conflicts/report';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { checkConflictsPostgis } from '../../../../src/cli/postgis/postgis-check';
import { runCheck } from '../../../../src/cli/check';
import { startPgCluster } from './pg-cluster';
import type { PgCluster } from './pg-cluster';
import { seededLayers } from '../seeded-layers';

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

  it('reads layers kept in PostGIS tables and gives the same findings through the CLI', async () => {
    const layers = seededLayers(7);
    const js = checkConflicts(layers, RULES, { now: () => NOW, hashLayers: false });
    if (!js.ok) throw new Error(js.message);
    const kept = checkConflictsPostgis(layers, [], RULES, { connection: cluster.connection, keepSchema: 'kept', now: () => NOW });
    expect(kept.ok).toBe(true);
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p, 'utf8'), writeText: () => undefined };
    const code = await runCheck(['--engine', 'postgis', '--db', cluster.connection, '--table', 'all=kept.f', '--format', 'json', '--time', NOW.toISOString()], io);
    expect(err.join('')).toBe('');
    expect(code).toBe(1);
    const fromTable = JSON.parse(out.join('')) as ConflictReport;
    expect(compareReports(js.report, fromTable).filter((p) => !p.includes('candidate pairs'))).toEqual([]);
  }, 180_000);

  it('answers a bad connection with exit code 2 and a message', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), readText: (p: string) => readFileSync(p === 'x.geojson' ? 'data/layers/chemical-park.geojson' : p, 'utf8'), writeText: () => undefined };
    const code = await runCheck(['--engine', 'postgis', '--db', 'host=127.0.0.1 port=1 user=nobody', 'x.geojson'], io);
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/postgis-failed/);
  });
});
