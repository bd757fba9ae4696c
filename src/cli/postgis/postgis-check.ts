import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { CHECK_BAD_RULES, findingOf, GROUP_POSSIBLE_OVER, newRuleRun, orderFindings } from '../../core/conflicts/check-conflicts';
import type { FindingMeasures } from '../../core/conflicts/check-conflicts';
import { conflictFeaturePropsSchema, prepareFeatures } from '../../core/conflicts/prepare-features';
import { createGaussKrugerProvider } from '../../core/conflicts/metric-projection';
import { DEFAULT_TOUCH_TOLERANCE } from '../../core/conflicts/rule-schema';
import type { CheckResult, InputLayer } from '../../core/conflicts/check-conflicts';
import { DEFAULT_EPS_M } from '../../core/conflicts/exact-overlap';
import type { VerdictOutcome } from '../../core/conflicts/precision-verdict';
import { NOTE_B_NOT_LOADED, NOTE_NO_FEATURES_A, NOTE_NO_FEATURES_B, RULE_DISABLED, RULE_SKIPPED_NO_FEATURES, summarize } from '../../core/conflicts/report';
import type { ConflictReport, FeatureRef, Finding, LayerRecord, RuleRun } from '../../core/conflicts/report';
import { resolveRules } from '../../core/conflicts/rule-schema';
import type { EffectiveRule, RuleOverride, RuleSet } from '../../core/conflicts/rule-schema';
import { runPsql, sqlLiteral, sqlQualifiedName } from './psql';
import { indexSql, outsideRuleSql, pairRuleSql, selectorSql, setupSql } from './rule-sql';

/** Writes CSV rows to `path` in batches, so no string of the whole file is built (V8 caps a string near 512 MB). */
function writeRows(path: string, rows: readonly string[]): void {
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < rows.length; i += 10_000) writeSync(fd, rows.slice(i, i + 10_000).join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

/** A layer already in PostGIS: `table` has columns `id` and `geom`, and optionally `layer`, `category`, `name`, `precision_m`, `status`. */
export interface TableLayer {
  name: string;
  table: string;
}

/** Options of {@link checkConflictsPostgis}. */
export interface PostgisCheckOptions {
  /** libpq connection string or URI. */
  connection: string;
  overrides?: readonly RuleOverride[];
  now?: () => Date;
  /** Build overlap polygons (default true). */
  overlapGeometry?: boolean;
  /** Same meaning as in the JS engine (default {@link GROUP_POSSIBLE_OVER}). */
  groupPossibleOver?: number;
  /** Keep the loaded features in this schema after the run (default: a schema made and dropped for the run). */
  keepSchema?: string;
}

/** A PostGIS failure that is not the input's fault (connection, extension, SQL). */
export const CHECK_POSTGIS_FAILED = 'postgis-failed';

/** Result of {@link checkConflictsPostgis}: the engine's result, or a database failure. */
export type PostgisCheckResult = CheckResult | { ok: false; reason: typeof CHECK_POSTGIS_FAILED | typeof CHECK_BAD_TABLE; message: string };

/** A `--table` layer that cannot be read (not a table name, missing columns, duplicate or bad rows). */
export const CHECK_BAD_TABLE = 'bad-table';

interface LoadedFeature {
  ref: FeatureRef;
}

interface PairRow {
  a: number;
  b: number;
  v: 'definite' | 'possible' | 'none';
  n: boolean;
  depth: number;
  shift: number;
  area: number | null;
  sa: number | null;
  sb: number | null;
  d: number | null;
  t: boolean;
  g: Polygon | MultiPolygon | null;
}

interface OutsideRow {
  a: number;
  ids: number[] | null;
  best: number | null;
  v: 'definite' | 'possible';
  n: boolean;
  depth: number;
  shift: number;
  area: number | null;
  out: number | null;
  sa: number | null;
  d: number | null;
  g: Polygon | MultiPolygon | null;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function outcomeOf(nominal: boolean, depthM: number, shiftM: number, verdict: 'definite' | 'possible'): VerdictOutcome {
  return { verdict, nominal, depthM, shiftM, marginM: depthM - shiftM };
}

/**
 * Runs the rule set inside PostGIS with the JS engine's definitions (see `rule-sql.ts`) and returns a report in
 * the engine's format. `layers` are loaded into a schema made for the run; `tables` are read from the database.
 */
export function checkConflictsPostgis(
  layers: readonly InputLayer[],
  tables: readonly TableLayer[],
  ruleSet: RuleSet,
  options: PostgisCheckOptions,
): PostgisCheckResult {
  const resolved = resolveRules(ruleSet, options.overrides ?? [], DEFAULT_TOUCH_TOLERANCE);
  if (!resolved.ok) return { ok: false, reason: CHECK_BAD_RULES, message: resolved.message };
  const wantOverlap = options.overlapGeometry ?? true;
  const groupOver = options.groupPossibleOver ?? GROUP_POSSIBLE_OVER;

  const prepared = prepareFeatures(layers, createGaussKrugerProvider(), true, DEFAULT_TOUCH_TOLERANCE.areaM2);
  const features: LoadedFeature[] = [];
  const rows: string[] = [];
  const seen = new Set<string>();
  const layerRecords: LayerRecord[] = prepared.layers;
  for (const p of prepared.features) {
    const idx = features.length;
    features.push({ ref: p.ref });
    seen.add(p.ref.id);
    rows.push([idx, p.ref.id, p.ref.layer, p.ref.category, p.ref.name, p.ref.precisionM, p.ref.source, JSON.stringify(p.geometry)].map(csvField).join(','));
  }

  const schema = options.keepSchema ?? `cc_run_${process.pid}_${Date.now()}`;
  if (sqlQualifiedName(schema) === null || schema.includes('.')) {
    return { ok: false, reason: CHECK_POSTGIS_FAILED, message: `not a plain schema name: ${schema}` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'postgis-check-'));
  const cleanup = (): void => {
    if (options.keepSchema === undefined) runPsql(options.connection, `DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const csv = join(dir, 'features.csv');
    writeRows(csv, rows);
    let load = `${setupSql(schema)}\n\\copy ${schema}.f (idx, id, layer, category, name, precision_m, source, gj) FROM ${sqlLiteral(csv)} WITH (FORMAT csv)\n`;
    for (const t of tables) {
      const table = sqlQualifiedName(t.table);
      if (table === null) return { ok: false, reason: CHECK_BAD_TABLE, message: `not a table name: ${t.table}` };
      layerRecords.push({ name: t.name, featureCount: 0, inactiveCount: 0, hash: null });
    }
    const setup = runPsql(options.connection, load);
    if (!setup.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: setup.message };
    for (let ti = 0; ti < tables.length; ti++) {
      const t = tables[ti] as TableLayer;
      const loaded = loadTable(options.connection, schema, t, features, layerRecords[layers.length + ti] as LayerRecord, seen);
      if (!loaded.ok) return loaded;
    }
    load = indexSql(schema);
    const indexed = runPsql(options.connection, load);
    if (!indexed.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: indexed.message };
    const version = runPsql(options.connection, 'SELECT postgis_lib_version();');

    const findings: Finding[] = [];
    const runs: RuleRun[] = [];
    for (const effective of resolved.value) {
      const run = newRuleRun(effective);
      runs.push(run);
      if (!effective.enabled) {
        run.status = RULE_DISABLED;
        continue;
      }
      const counts = runPsql(
        options.connection,
        `SELECT (SELECT count(*) FROM ${schema}.f a WHERE ${selectorSql(effective.rule.a, 'a')}), (SELECT count(*) FROM ${schema}.f b WHERE ${selectorSql(effective.rule.b, 'b')});`,
      );
      if (!counts.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: counts.message };
      const [nA, nB] = counts.stdout.trim().split('|').map(Number) as [number, number];
      run.featuresA = nA;
      run.featuresB = nB;
      if (nA === 0 || (nB === 0 && effective.rule.relation !== 'outside-of')) {
        run.status = RULE_SKIPPED_NO_FEATURES;
        run.note = nA === 0 ? NOTE_NO_FEATURES_A : NOTE_NO_FEATURES_B;
        continue;
      }
      if (effective.rule.relation === 'outside-of' && nB === 0) {
        run.status = RULE_SKIPPED_NO_FEATURES;
        run.note = NOTE_B_NOT_LOADED;
        continue;
      }
      const outside = effective.rule.relation === 'outside-of';
      const out = runPsql(options.connection, outside ? outsideRuleSql(schema, effective, wantOverlap) : pairRuleSql(schema, effective, wantOverlap));
      if (!out.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: out.message };
      const lines = out.stdout.split('\n').filter((l) => l !== '');
      run.candidatePairs = Number(lines[0]);
      const ruleFindings: Finding[] = [];
      if (outside) {
        for (const line of lines.slice(1)) {
          const r = JSON.parse(line) as OutsideRow;
          const a = (features[r.a] as LoadedFeature).ref;
          const b = r.best === null ? null : (features[r.best] as LoadedFeature).ref;
          const outcome = outcomeOf(r.n, r.depth, r.shift, r.v);
          ruleFindings.push(
            findingOf(effective, a, b, (r.ids ?? []).map((i) => (features[i] as LoadedFeature).ref.id), outcome, {
              overlapAreaM2: r.area,
              shareOfA: r.sa,
              shareOfB: null,
              outsideAreaM2: r.out,
              distanceM: r.d,
              overlap: r.g,
            }),
          );
        }
      } else {
        collectPairFindings(lines.slice(1).map((l) => JSON.parse(l) as PairRow), features, effective, groupOver, run, ruleFindings);
      }
      run.findings = ruleFindings.length;
      findings.push(...ruleFindings);
    }
    const ordered = orderFindings(findings);
    const report: ConflictReport = {
      kind: 'conflict-report',
      formatVersion: 1,
      generatedAt: (options.now?.() ?? new Date()).toISOString(),
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      engine: {
        name: `PostGIS ${version.ok ? version.stdout.trim() : ''}`.trim(),
        epsM: DEFAULT_EPS_M,
        projection: 'CGCS2000 3° Gauss-Krüger zone per pair (PostGIS ST_Transform, EPSG:4534–4554), scale-corrected',
        tolerance: { ...DEFAULT_TOUCH_TOLERANCE },
      },
      layers: layerRecords,
      rejected: prepared.rejected,
      geometryNotes: prepared.notes,
      rules: runs,
      findings: ordered,
      summary: summarize(ordered),
    };
    return { ok: true, report };
  } finally {
    cleanup();
  }
}

function loadTable(
  connection: string,
  schema: string,
  t: TableLayer,
  features: LoadedFeature[],
  record: LayerRecord,
  seen: Set<string>,
): { ok: true } | PostgisCheckResult {
  const table = sqlQualifiedName(t.table) as string;
  const [tschema, tname] = t.table.includes('.') ? (t.table.split('.') as [string, string]) : ['public', t.table];
  const cols = runPsql(
    connection,
    `SELECT column_name FROM information_schema.columns WHERE table_schema = ${sqlLiteral(tschema)} AND table_name = ${sqlLiteral(tname)};`,
  );
  if (!cols.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: cols.message };
  const have = new Set(cols.stdout.split('\n').filter((c) => c !== ''));
  if (!have.has('id') || !have.has('geom')) {
    return { ok: false, reason: CHECK_BAD_TABLE, message: `${t.table}: a table layer needs columns id and geom (has: ${[...have].join(', ') || 'no such table'})` };
  }
  const col = (name: string, fallback: string): string => (have.has(name) ? `"${name}"` : fallback);
  const status = col('status', "''");
  const counted = runPsql(connection, `SELECT count(*), count(*) FILTER (WHERE ${status} IN ('withdrawn', 'superseded')) FROM ${table};`);
  if (!counted.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: counted.message };
  const [total, inactive] = counted.stdout.trim().split('|').map(Number) as [number, number];
  record.featureCount = total;
  record.inactiveCount = inactive;
  const start = features.length;
  const srcGeom = `CASE WHEN ST_SRID(geom) IN (0, 4326, 4490) THEN ST_SetSRID(geom, 4490) ELSE ST_Transform(geom, 4490) END`;
  const insert = runPsql(
    connection,
    `INSERT INTO ${schema}.f (idx, id, layer, category, name, precision_m, source, geom)
     SELECT ${start} + row_number() OVER (ORDER BY id) - 1, id::text, ${col('layer', "'imported'")}, ${col('category', 'NULL')},
       ${col('name', 'NULL')}, coalesce(${col('precision_m', '0')}, 0), ${sqlLiteral(t.name)}, ST_Multi(${srcGeom})
     FROM ${table} WHERE ${status} NOT IN ('withdrawn', 'superseded') OR ${status} IS NULL;
     SELECT idx, id, layer, category, name, precision_m FROM ${schema}.f WHERE idx >= ${start} ORDER BY idx;`,
  );
  if (!insert.ok) return { ok: false, reason: CHECK_POSTGIS_FAILED, message: insert.message };
  for (const line of insert.stdout.split('\n')) {
    if (line === '') continue;
    const [, id, layer, category, name, precision] = line.split('|') as [string, string, string, string, string, string];
    if (seen.has(id)) return { ok: false, reason: CHECK_BAD_TABLE, message: `${t.table}: id "${id}" is used twice` };
    seen.add(id);
    const parsed = conflictFeaturePropsSchema.safeParse({ id, layer, category: category === '' ? null : category, name: name === '' ? null : name, precisionM: Number(precision) });
    if (!parsed.success) return { ok: false, reason: CHECK_BAD_TABLE, message: `${t.table} ${id}: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
    features.push({ ref: { id, layer: parsed.data.layer, name: parsed.data.name ?? null, category: parsed.data.category ?? null, precisionM: parsed.data.precisionM, source: t.name } });
  }
  return { ok: true };
}


/** Pair rows of one rule → findings, grouping the possible-only findings of one A feature as the engine does. */
function collectPairFindings(
  pairs: readonly PairRow[],
  features: readonly LoadedFeature[],
  effective: EffectiveRule,
  groupOver: number,
  run: RuleRun,
  out: Finding[],
): void {
  let i = 0;
  while (i < pairs.length) {
    const aIdx = (pairs[i] as PairRow).a;
    const possible: PairRow[] = [];
    for (; i < pairs.length && (pairs[i] as PairRow).a === aIdx; i++) {
      const r = pairs[i] as PairRow;
      const a = (features[r.a] as LoadedFeature).ref;
      const b = (features[r.b] as LoadedFeature).ref;
      if (r.t) run.touching.push([a.id, b.id]);
      if (r.v === 'none') continue;
      if (!r.n) {
        possible.push(r);
        continue;
      }
      out.push(findingOf(effective, a, b, [b.id], outcomeOf(r.n, r.depth, r.shift, r.v), measuresOf(r)));
    }
    const a = (features[aIdx] as LoadedFeature).ref;
    if (possible.length <= groupOver) {
      for (const r of possible) {
        const b = (features[r.b] as LoadedFeature).ref;
        out.push(findingOf(effective, a, b, [b.id], outcomeOf(r.n, r.depth, r.shift, r.v as 'possible'), measuresOf(r)));
      }
      continue;
    }
    const idOf = (r: PairRow): string => (features[r.b] as LoadedFeature).ref.id;
    const sorted = [...possible].sort((x, y) => y.depth - x.depth || (idOf(x) < idOf(y) ? -1 : 1));
    const best = sorted[0] as PairRow;
    const b = (features[best.b] as LoadedFeature).ref;
    const f = findingOf(effective, a, b, sorted.map(idOf), outcomeOf(best.n, best.depth, best.shift, best.v as 'possible'), measuresOf(best));
    f.caveat = { ...f.caveat, groupedOthers: possible.length - 1 };
    out.push(f);
  }
}

function measuresOf(r: PairRow): FindingMeasures {
  return { overlapAreaM2: r.area, shareOfA: r.sa, shareOfB: r.sb, outsideAreaM2: null, distanceM: r.d, overlap: r.g };
}
