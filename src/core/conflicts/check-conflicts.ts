import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { z } from 'zod';
import { LAYER_IDS } from '../model/feature-props';
import {
  DEFAULT_EPS_M,
  differenceShape,
  intersectionArea,
  intersectionShape,
  unionShapes,
} from './exact-overlap';
import { layerHash } from './layer-hash';
import { createGaussKrugerProvider } from './metric-projection';
import type { MetricProjection, MetricProjectionProvider } from './metric-projection';
import { boundaryDistance, minDistance, signedDistance } from './min-distance';
import { projectGeometry } from './planar-shape';
import type { AreaShape, PlanarShape, PointShape } from './planar-shape';
import { decideVerdict, differenceInradius, intersectionInradius, VERDICT_NONE } from './precision-verdict';
import type { VerdictOutcome } from './precision-verdict';
import {
  CAVEAT_FAILS_MAY_HOLD,
  CAVEAT_HOLDS_MAY_FAIL,
  CAVEAT_HOLDS_WITHIN_PRECISION,
  CAVEAT_SURVEYED,
  groupBySeverity,
  NOTE_B_NOT_LOADED,
  NOTE_NO_FEATURES_A,
  NOTE_NO_FEATURES_B,
  RULE_DISABLED,
  RULE_RAN,
  RULE_SKIPPED_NO_FEATURES,
  summarize,
} from './report';
import type { Caveat, CaveatCode, ConflictReport, FeatureRef, Finding, LayerRecord, RuleRun } from './report';
import type { EffectiveRule, FeatureSelector, RuleOverride, RuleSet } from './rule-schema';
import { resolveRules } from './rule-schema';
import { BoxIndex, expandBoxByMetres } from './spatial-index';
import type { LonLatBox } from './spatial-index';

/**
 * The conflict engine: for every enabled rule, a flatbush prefilter on lon/lat boxes (grown by the
 * rule distance and the precision radii), then exact planar measures in a local Gauss-Krüger frame
 * (overlap area by boundary integration, minimum distance, inscribed radius for the precision
 * verdict). Planar areas and distances are divided by the frame's point scale (k², k) at the pair,
 * which brings them within ~1e-6 of ellipsoidal values. Pure TypeScript: runs in browser, worker
 * and Node.
 */

/** Properties the engine needs on every feature; other properties are kept but ignored. */
export const conflictFeaturePropsSchema = z
  .object({
    id: z.string().min(1),
    layer: z.enum(LAYER_IDS),
    name: z.string().nullable().optional(),
    precisionM: z.number().nonnegative().finite(),
    category: z.string().min(1).nullable().optional(),
  })
  .loose();

/** An input layer: a named list of GeoJSON features in lon/lat (CGCS2000 ≈ WGS84) degrees. */
export interface InputLayer {
  name: string;
  features: ReadonlyArray<Feature<Geometry | null, Record<string, unknown> | null>>;
}

/** Options of {@link checkConflicts}. */
export interface CheckOptions {
  /** User changes to rules (switch off, parameters). */
  overrides?: readonly RuleOverride[];
  /** Picks the metric frame for a position; default: CGCS2000 3° Gauss-Krüger zones via proj4. */
  projectionFor?: MetricProjectionProvider;
  /** Label of the projection for the report. */
  projectionLabel?: string;
  /** On-boundary tolerance in metres (default 1e-6). */
  epsM?: number;
  /** Clock for the report time (default: now). */
  now?: () => Date;
  /** Build the overlap polygons for export (default true; costs a polyclip-ts call per finding). */
  overlapGeometry?: boolean;
  /** Hash each input layer (default true). */
  hashLayers?: boolean;
  /**
   * Called as work proceeds: `done` of `total` units (one unit per feature of side A of each enabled rule).
   * Called at most about every 200 units and once at the end.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * When one side-A feature has more than this many findings that only its precision radii make
   * possible (not holding at the drawn positions), they become one finding: B is the nearest of
   * them and `bIds` lists them all, nearest first (default {@link GROUP_POSSIBLE_OVER}).
   */
  groupPossibleOver?: number;
  /**
   * Checks only every `count`-th side-A feature of each rule, starting at `index` (0-based), so that `count`
   * workers can share one check; {@link mergePartialReports} joins their reports into the one a single run gives.
   */
  partition?: { index: number; count: number };
}

/**
 * Default of {@link CheckOptions.groupPossibleOver}: a site known to ±25 km against a parcel layer
 * would otherwise give one "possible" finding per parcel in 25 km, none of which says more than
 * "the site's position must be known first".
 */
export const GROUP_POSSIBLE_OVER = 20;

/** Statuses of features that no longer apply and are left out of every check (counted in the report). */
export const INACTIVE_STATUSES: ReadonlySet<string> = new Set(['withdrawn', 'superseded']);

/** Reason: a feature's properties do not satisfy {@link conflictFeaturePropsSchema}. */
export const CHECK_BAD_PROPERTIES = 'bad-properties';
/** Reason: a feature's geometry is missing, unsupported or invalid. */
export const CHECK_BAD_GEOMETRY = 'bad-geometry';
/** Reason: two features share an id. */
export const CHECK_DUPLICATE_ID = 'duplicate-id';
/** Reason: the rule overrides do not fit the rule set. */
export const CHECK_BAD_RULES = 'bad-rules';

/** Result of {@link checkConflicts}. */
export type CheckResult =
  | { ok: true; report: ConflictReport }
  | {
      ok: false;
      reason: typeof CHECK_BAD_PROPERTIES | typeof CHECK_BAD_GEOMETRY | typeof CHECK_DUPLICATE_ID | typeof CHECK_BAD_RULES;
      message: string;
    };

interface Prepared {
  index: number;
  ref: FeatureRef;
  box: LonLatBox;
  home: MetricProjection;
  shapes: Map<MetricProjection, PlanarShape>;
  geometry: Geometry;
}

function lonLatBox(geometry: Geometry): LonLatBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (p: Position): void => {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  };
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
      geometry.coordinates.forEach(visit);
      break;
    case 'Polygon':
      for (const ring of geometry.coordinates) ring.forEach(visit);
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
      break;
    default:
      break;
  }
  return [w, s, e, n];
}

function matches(selector: FeatureSelector, ref: FeatureRef): boolean {
  const byLayer = selector.layers?.includes(ref.layer) ?? false;
  const byCategory = ref.category !== null && (selector.categories?.includes(ref.category) ?? false);
  if (!byLayer && !byCategory) return false;
  if (selector.nameIncludes === undefined) return true;
  const name = ref.name ?? '';
  return selector.nameIncludes.some((s) => name.includes(s));
}

function shapeIn(feature: Prepared, projection: MetricProjection): PlanarShape {
  let shape = feature.shapes.get(projection);
  if (shape === undefined) {
    const result = projectGeometry(feature.geometry, projection);
    if (!result.ok) throw new Error(`feature ${feature.ref.id} projected once but not in a second frame: ${result.message}`);
    shape = result.shape;
    feature.shapes.set(projection, shape);
  }
  return shape;
}

function toLonLat(shape: AreaShape, projection: MetricProjection): Polygon | MultiPolygon {
  const polygons: Position[][][] = [];
  let r = 0;
  for (const count of shape.ringCounts) {
    const polygon: Position[][] = [];
    for (let k = 0; k < count; k++, r++) {
      const ring = shape.rings[r] as Float64Array;
      const positions: Position[] = [];
      for (let i = 0; i < ring.length; i += 2) positions.push(projection.inverse([ring[i] as number, ring[i + 1] as number]));
      const first = positions[0];
      if (first !== undefined) positions.push([first[0] as number, first[1] as number]);
      polygon.push(positions);
    }
    polygons.push(polygon);
  }
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** Largest signed distance of any point of `points` into `area` (positive inside). */
function pointDepth(points: PointShape, area: AreaShape): number {
  let best = -Infinity;
  for (let i = 0; i < points.points.length; i += 2) {
    const d = signedDistance(area, points.points[i] as number, points.points[i + 1] as number);
    if (d > best) best = d;
  }
  return best;
}

/** The precision caveat of a finding, as a code with parameters (shared with the PostGIS engine). */
export function caveatOf(outcome: VerdictOutcome, a: FeatureRef, b: FeatureRef | null): Caveat {
  const code: CaveatCode =
    outcome.shiftM === 0 ? CAVEAT_SURVEYED : outcome.verdict === 'definite' ? CAVEAT_HOLDS_WITHIN_PRECISION : outcome.nominal ? CAVEAT_HOLDS_MAY_FAIL : CAVEAT_FAILS_MAY_HOLD;
  return { code, precisionAM: a.precisionM, precisionBM: b === null ? null : b.precisionM, shiftM: outcome.shiftM, marginM: outcome.marginM, depthM: outcome.depthM, groupedOthers: 0 };
}

interface PairMeasures {
  outcome: VerdictOutcome;
  overlapAreaM2: number | null;
  shareOfA: number | null;
  shareOfB: number | null;
  outsideAreaM2: number | null;
  distanceM: number | null;
  touching: boolean;
  overlap: AreaShape | null;
  projection: MetricProjection;
}

function scaleOf(projection: MetricProjection, a: PlanarShape, b: PlanarShape | null): number {
  if (projection.scaleAt === undefined) return 1;
  const minX = b === null ? a.minX : Math.min(a.minX, b.minX);
  const maxX = b === null ? a.maxX : Math.max(a.maxX, b.maxX);
  const minY = b === null ? a.minY : Math.min(a.minY, b.minY);
  const maxY = b === null ? a.maxY : Math.max(a.maxY, b.maxY);
  return projection.scaleAt([(minX + maxX) / 2, (minY + maxY) / 2]);
}

/**
 * Runs every enabled rule of `ruleSet` over the features of `layers` and returns a report.
 * Bad input (properties, geometry, duplicate ids, overrides) is returned as `{ ok: false }`.
 */
export function checkConflicts(layers: readonly InputLayer[], ruleSet: RuleSet, options: CheckOptions = {}): CheckResult {
  const resolved = resolveRules(ruleSet, options.overrides ?? []);
  if (!resolved.ok) return { ok: false, reason: CHECK_BAD_RULES, message: resolved.message };
  const eps = options.epsM ?? DEFAULT_EPS_M;
  const projectionFor = options.projectionFor ?? createGaussKrugerProvider();
  const wantOverlap = options.overlapGeometry ?? true;

  const features: Prepared[] = [];
  const seen = new Set<string>();
  const layerRecords: LayerRecord[] = [];
  for (const layer of layers) {
    const record: LayerRecord = {
      name: layer.name,
      featureCount: layer.features.length,
      inactiveCount: 0,
      hash: options.hashLayers === false ? null : layerHash(layer.features),
    };
    layerRecords.push(record);
    for (let i = 0; i < layer.features.length; i++) {
      const feature = layer.features[i] as Feature<Geometry | null, Record<string, unknown> | null>;
      const where = `${layer.name} feature #${i}`;
      const parsed = conflictFeaturePropsSchema.safeParse(feature.properties ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
        return { ok: false, reason: CHECK_BAD_PROPERTIES, message: `${where}: ${issues}` };
      }
      const props = parsed.data;
      if (INACTIVE_STATUSES.has(String(feature.properties?.['status'] ?? ''))) {
        record.inactiveCount++;
        continue;
      }
      if (seen.has(props.id)) return { ok: false, reason: CHECK_DUPLICATE_ID, message: `${where}: id "${props.id}" is used twice` };
      seen.add(props.id);
      if (feature.geometry === null || feature.geometry === undefined) {
        return { ok: false, reason: CHECK_BAD_GEOMETRY, message: `${where} (${props.id}): no geometry` };
      }
      const geometry = feature.geometry;
      const ref: FeatureRef = {
        id: props.id,
        layer: props.layer,
        name: props.name ?? null,
        category: props.category ?? null,
        precisionM: props.precisionM,
        source: layer.name,
      };
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon' && geometry.type !== 'Point' && geometry.type !== 'MultiPoint') {
        return { ok: false, reason: CHECK_BAD_GEOMETRY, message: `${where} (${props.id}): ${geometry.type} is not supported` };
      }
      const box = lonLatBox(geometry);
      if (!Number.isFinite(box[0]) || !Number.isFinite(box[1])) {
        return { ok: false, reason: CHECK_BAD_GEOMETRY, message: `${where} (${props.id}): no coordinates` };
      }
      const home = projectionFor((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
      const projected = projectGeometry(geometry, home);
      if (!projected.ok) {
        return { ok: false, reason: CHECK_BAD_GEOMETRY, message: `${where} (${props.id}): ${projected.message}` };
      }
      features.push({ index: features.length, ref, box, home, shapes: new Map([[home, projected.shape]]), geometry });
    }
  }

  const findings: Finding[] = [];
  const runs: RuleRun[] = [];
  const indexCache = new Map<string, { members: Prepared[]; index: BoxIndex; maxPrecision: number }>();

  const progressTotal = resolved.value.filter((e) => e.enabled).length * Math.max(1, features.length);
  let progressDone = 0;
  let lastReported = 0;
  const tick = (units: number): void => {
    progressDone += units;
    if (options.onProgress && progressDone - lastReported >= 200) {
      lastReported = progressDone;
      options.onProgress(Math.min(progressDone, progressTotal), progressTotal);
    }
  };
  for (const effective of resolved.value) {
    const { rule } = effective;
    if (effective.enabled) tick(Math.max(1, features.length) - sideAUnits(rule, features, matches));
    const run: RuleRun = {
      ruleId: rule.id,
      version: rule.version,
      title: rule.title,
      severity: rule.severity,
      relation: rule.relation,
      enabled: effective.enabled,
      distanceM: effective.distanceM,
      areaToleranceM2: effective.areaToleranceM2,
      overridden: effective.overridden,
      status: RULE_RAN,
      note: null,
      featuresA: 0,
      featuresB: 0,
      candidatePairs: 0,
      findings: 0,
      touching: [],
    };
    runs.push(run);
    if (!effective.enabled) {
      run.status = RULE_DISABLED;
      continue;
    }
    const inA = features.map((f) => matches(rule.a, f.ref));
    const inB = features.map((f) => matches(rule.b, f.ref));
    const sideA = features.filter((f) => inA[f.index] === true);
    const bKey = JSON.stringify(rule.b);
    let sideB = indexCache.get(bKey);
    if (sideB === undefined) {
      const members = features.filter((f) => inB[f.index] === true);
      sideB = {
        members,
        index: new BoxIndex(members.map((m) => m.box)),
        maxPrecision: members.reduce((m, f) => Math.max(m, f.ref.precisionM), 0),
      };
      indexCache.set(bKey, sideB);
    }
    run.featuresA = sideA.length;
    run.featuresB = sideB.members.length;
    if (sideA.length === 0 || (sideB.members.length === 0 && rule.relation !== 'outside-of')) {
      run.status = RULE_SKIPPED_NO_FEATURES;
      run.note = sideA.length === 0 ? NOTE_NO_FEATURES_A : NOTE_NO_FEATURES_B;
      continue;
    }
    if (rule.relation === 'outside-of' && sideB.members.length === 0) {
      run.status = RULE_SKIPPED_NO_FEATURES;
      run.note = NOTE_B_NOT_LOADED;
      continue;
    }
    const reach = rule.relation === 'within-distance' ? effective.distanceM : 0;
    const ruleFindings: Finding[] = [];
    const groupOver = options.groupPossibleOver ?? GROUP_POSSIBLE_OVER;
    const part = options.partition;
    for (let ai = 0; ai < sideA.length; ai++) {
      const a = sideA[ai] as Prepared;
      tick(1);
      if (part !== undefined && ai % part.count !== part.index) continue;
      const grow = reach + a.ref.precisionM + sideB.maxPrecision + 1;
      const hits = sideB.index.search(expandBoxByMetres(a.box, grow));
      if (rule.relation === 'outside-of') {
        const others = hits.map((i) => sideB.members[i] as Prepared).filter((b) => b.ref.id !== a.ref.id);
        run.candidatePairs += others.length;
        const finding = evaluateOutside(a, others, effective, eps, wantOverlap);
        if (finding !== null) ruleFindings.push(finding);
        continue;
      }
      const possible = new PossibleFindings(groupOver);
      const quickOverlap = rule.relation === 'overlap';
      for (const i of hits) {
        const b = sideB.members[i] as Prepared;
        if (b.ref.id === a.ref.id) continue;
        // Both orders would be tested: keep the one whose A comes first.
        if (inA[b.index] === true && inB[a.index] === true && b.index < a.index) continue;
        run.candidatePairs++;
        const quick = quickOverlap ? quickPointVerdict(a, b) : null;
        if (quick !== null) {
          if (quick.verdict === 'possible') possible.addUnmeasured(b, quick.depthBound);
          continue;
        }
        const measures = evaluatePair(a, b, effective, eps, projectionFor, wantOverlap);
        if (measures.touching) run.touching.push([a.ref.id, b.ref.id]);
        if (measures.outcome.verdict === VERDICT_NONE) continue;
        if (!measures.outcome.nominal) {
          possible.add(b, measures);
          continue;
        }
        ruleFindings.push(makeFinding(effective, a.ref, b.ref, [b.ref.id], measures, wantOverlap));
      }
      possible.flush(effective, a.ref, wantOverlap, ruleFindings, (b) => evaluatePair(a, b, effective, eps, projectionFor, wantOverlap));
    }
    run.findings = ruleFindings.length;
    for (const f of ruleFindings) findings.push(f);
  }

  options.onProgress?.(progressTotal, progressTotal);
  const ordered = orderFindings(findings);
  const report: ConflictReport = {
    kind: 'conflict-report',
    formatVersion: 1,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    engine: {
      name: 'shanxi-gazette-gis conflicts',
      epsM: eps,
      projection: options.projectionLabel ?? 'CGCS2000 3° Gauss-Krüger zone per pair (proj4 tmerc, GRS80), scale-corrected',
    },
    layers: layerRecords,
    rules: runs,
    findings: ordered,
    summary: summarize(ordered),
  };
  return { ok: true, report };
}

/** Findings in report order: by severity, then rule, A id and first B id. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return groupBySeverity(findings).flatMap((g) =>
    g.findings.sort((x, y) =>
      x.ruleId !== y.ruleId ? (x.ruleId < y.ruleId ? -1 : 1) : x.a.id !== y.a.id ? (x.a.id < y.a.id ? -1 : 1) : (x.bIds[0] ?? '') < (y.bIds[0] ?? '') ? -1 : 1,
    ),
  );
}

/**
 * Joins the reports of one check split with {@link CheckOptions.partition} (same layers, rules and options,
 * partitions 0…count−1) into the report a single run gives: findings, candidate pairs and touching pairs
 * added up per rule, everything else taken from the first.
 */
export function mergePartialReports(parts: readonly ConflictReport[]): ConflictReport {
  const first = parts[0];
  if (first === undefined) throw new RangeError('no partial report to merge');
  const rules = first.rules.map((run, i) => {
    const all = parts.map((p) => p.rules[i] as RuleRun);
    return {
      ...run,
      candidatePairs: all.reduce((n, r) => n + r.candidatePairs, 0),
      findings: all.reduce((n, r) => n + r.findings, 0),
      touching: all.flatMap((r) => r.touching),
    };
  });
  const findings = orderFindings(parts.flatMap((p) => p.findings));
  return { ...first, rules, findings, summary: summarize(findings) };
}

/** Units of a rule that are not side-A features (reported at the rule's start so each rule counts all features). */
function sideAUnits(rule: EffectiveRule['rule'], features: readonly Prepared[], match: (sel: EffectiveRule['rule']['a'], ref: FeatureRef) => boolean): number {
  let n = 0;
  for (const f of features) if (match(rule.a, f.ref)) n++;
  return n;
}

function makeFinding(
  effective: EffectiveRule,
  a: FeatureRef,
  b: FeatureRef | null,
  bIds: string[],
  m: PairMeasures,
  wantOverlap: boolean,
): Finding {
  const { rule } = effective;
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleTitle: rule.title,
    severity: rule.severity,
    relation: rule.relation,
    basis: rule.basis,
    a,
    b,
    bIds,
    overlapAreaM2: m.overlapAreaM2,
    shareOfA: m.shareOfA,
    shareOfB: m.shareOfB,
    outsideAreaM2: m.outsideAreaM2,
    distanceM: m.distanceM,
    params: { distanceM: effective.distanceM, areaToleranceM2: effective.areaToleranceM2 },
    verdict: m.outcome.verdict === 'definite' ? 'definite' : 'possible',
    nominal: m.outcome.nominal,
    depthM: m.outcome.depthM,
    shiftM: m.outcome.shiftM,
    marginM: m.outcome.marginM,
    caveat: caveatOf(m.outcome, a, b),
    overlap: wantOverlap && m.overlap !== null ? toLonLat(m.overlap, m.projection) : null,
  };
}

/**
 * The possible-only pairs of one A feature. Up to the grouping threshold they become findings one
 * by one, each measured exactly. Past it (a ±25 km site meets tens of thousands of parcels) they
 * become one grouped finding: B is the exactly nearest (pairs known only by a bound are measured
 * while their bound could still beat the best, see {@link quickPointVerdict}), and `bIds` lists all,
 * nearest first (by measured depth, else by the bound). Measures are kept only while the group is
 * small, so a large group costs a few numbers per pair.
 */
class PossibleFindings {
  private readonly bs: Prepared[] = [];
  /** Depth of each pair (m): measured, or an upper bound when `measured[i]` is false. */
  private readonly keys: number[] = [];
  private readonly measured: boolean[] = [];
  private kept: Array<PairMeasures | null> = [];
  private best: PairMeasures | null = null;
  private bestB: Prepared | null = null;

  constructor(private readonly groupOver: number) {}

  /** A pair measured exactly (verdict possible, not nominal). */
  add(b: Prepared, measures: PairMeasures): void {
    this.push(b, measures.outcome.depthM, true, measures);
    this.consider(b, measures);
  }

  /** A pair known to be possible, not nominal, with depth at most `depthBound` (not measured yet). */
  addUnmeasured(b: Prepared, depthBound: number): void {
    this.push(b, depthBound, false, null);
  }

  private push(b: Prepared, key: number, measured: boolean, measures: PairMeasures | null): void {
    this.bs.push(b);
    this.keys.push(key);
    this.measured.push(measured);
    if (this.bs.length <= this.groupOver) this.kept.push(measures);
    else if (this.kept.length > 0) this.kept = [];
  }

  private consider(b: Prepared, m: PairMeasures): void {
    const best = this.best;
    const d = m.outcome.depthM;
    if (best === null || d > best.outcome.depthM || (d === best.outcome.depthM && b.ref.id < (this.bestB as Prepared).ref.id)) {
      this.best = m;
      this.bestB = b;
    }
  }

  /** Appends the findings of the pairs added since the last flush to `out` and starts over; `measure` measures a pair exactly. */
  flush(effective: EffectiveRule, a: FeatureRef, wantOverlap: boolean, out: Finding[], measure: (b: Prepared) => PairMeasures): void {
    const { bs, keys, measured } = this;
    const n = bs.length;
    if (n <= this.groupOver) {
      for (let i = 0; i < n; i++) {
        const b = bs[i] as Prepared;
        const m = this.kept[i] ?? measure(b);
        if (m.outcome.verdict !== VERDICT_NONE) out.push(makeFinding(effective, a, b.ref, [b.ref.id], m, wantOverlap));
      }
    } else {
      const unmeasured: number[] = [];
      for (let i = 0; i < n; i++) if (!measured[i]) unmeasured.push(i);
      unmeasured.sort((x, y) => (keys[y] as number) - (keys[x] as number));
      for (const i of unmeasured) {
        if (this.best !== null && (keys[i] as number) <= this.best.outcome.depthM) break;
        const b = bs[i] as Prepared;
        const m = measure(b);
        keys[i] = m.outcome.depthM;
        measured[i] = true;
        this.consider(b, m);
      }
      const best = this.best as PairMeasures;
      const bestB = this.bestB as Prepared;
      const order = Array.from({ length: n }, (_, i) => i).filter((i) => bs[i] !== bestB);
      order.sort((x, y) => (keys[y] as number) - (keys[x] as number) || ((bs[x] as Prepared).ref.id < (bs[y] as Prepared).ref.id ? -1 : 1));
      const ids = [bestB.ref.id, ...order.map((i) => (bs[i] as Prepared).ref.id)];
      const finding = makeFinding(effective, a, bestB.ref, ids, best, wantOverlap);
      finding.caveat = { ...finding.caveat, groupedOthers: n - 1 };
      out.push(finding);
    }
    bs.length = 0;
    keys.length = 0;
    measured.length = 0;
    this.kept = [];
    this.best = null;
    this.bestB = null;
  }
}

/** Bounds on the Gauss-Krüger point scale within a 3° zone (planar metres ÷ k = ground metres). */
const K_LOW = 0.999;
const K_HIGH = 1.001;

/**
 * For an overlap rule between a point feature A and an area B in the same frame, what their
 * bounding boxes settle without measuring: 'none' when every point is farther from B's box than
 * the precision shift allows, 'possible' when B lies wholly within the shift of a point (and no
 * point is inside B's box, so the overlap cannot hold at the drawn position), with an upper bound
 * on the depth; null when only the exact measure can tell.
 */
function quickPointVerdict(a: Prepared, b: Prepared): { verdict: 'none' } | { verdict: 'possible'; depthBound: number } | null {
  if (a.home !== b.home) return null;
  const sa = a.shapes.get(a.home);
  const sb = b.shapes.get(b.home);
  if (sa === undefined || sb === undefined || sa.kind !== 'point' || sb.kind !== 'area') return null;
  const shift = a.ref.precisionM + b.ref.precisionM;
  let dMin = Infinity;
  let dMaxNearest = Infinity;
  const p = sa.points;
  for (let i = 0; i < p.length; i += 2) {
    const x = p[i] as number;
    const y = p[i + 1] as number;
    if (x >= sb.minX && x <= sb.maxX && y >= sb.minY && y <= sb.maxY) return null;
    const dx = Math.max(sb.minX - x, 0, x - sb.maxX);
    const dy = Math.max(sb.minY - y, 0, y - sb.maxY);
    dMin = Math.min(dMin, Math.hypot(dx, dy));
    dMaxNearest = Math.min(dMaxNearest, Math.hypot(Math.max(Math.abs(x - sb.minX), Math.abs(x - sb.maxX)), Math.max(Math.abs(y - sb.minY), Math.abs(y - sb.maxY))));
  }
  if (dMin / K_HIGH > shift) return { verdict: 'none' };
  if (dMaxNearest / K_LOW < shift) return { verdict: 'possible', depthBound: -dMin / K_HIGH };
  return null;
}

function evaluatePair(
  a: Prepared,
  b: Prepared,
  effective: EffectiveRule,
  eps: number,
  projectionFor: MetricProjectionProvider,
  wantOverlap: boolean,
): PairMeasures {
  const projection =
    a.home === b.home
      ? a.home
      : projectionFor(
          (Math.min(a.box[0], b.box[0]) + Math.max(a.box[2], b.box[2])) / 2,
          (Math.min(a.box[1], b.box[1]) + Math.max(a.box[3], b.box[3])) / 2,
        );
  const sa = shapeIn(a, projection);
  const sb = shapeIn(b, projection);
  const k = scaleOf(projection, sa, sb);
  const shift = a.ref.precisionM + b.ref.precisionM;
  const tol = effective.areaToleranceM2;
  const tolRadius = Math.sqrt(tol / Math.PI);
  let overlapAreaM2: number | null = null;
  let shareOfA: number | null = null;
  let shareOfB: number | null = null;
  let distanceM: number | null;
  let overlap: AreaShape | null = null;
  let touching = false;
  let outcome: VerdictOutcome;

  const areaPair = sa.kind === 'area' && sb.kind === 'area';
  let planarOverlap = 0;
  if (sa.kind === 'area' && sb.kind === 'area') {
    planarOverlap = intersectionArea(sa, sb, eps);
    overlapAreaM2 = planarOverlap / (k * k);
    shareOfA = planarOverlap / sa.area;
    shareOfB = planarOverlap / sb.area;
  }

  if (effective.rule.relation === 'within-distance') {
    const d = planarOverlap > 0 ? 0 : minDistance(sa, sb, (effective.distanceM + shift) * k + eps) / k;
    distanceM = d;
    outcome = decideVerdict(d <= effective.distanceM, effective.distanceM - d, shift, true);
  } else if (sa.kind === 'area' && sb.kind === 'area') {
    const nominal = overlapAreaM2 !== null && overlapAreaM2 > tol;
    let depth: number;
    if (planarOverlap > 0) {
      distanceM = 0;
      // With no precision uncertainty the verdict is settled by the area: stop at the first disc
      // that clears the tolerance (depth is then a lower bound). Otherwise refine (see precision-verdict.ts).
      const options = shift === 0 ? { enough: tolRadius * k } : {};
      depth = intersectionInradius(sa, sb, options) / k - tolRadius;
    } else {
      // Only distances up to the shift matter (a larger gap gives verdict none).
      const d = minDistance(sa, sb, shift * k + eps) / k;
      distanceM = d;
      depth = -d;
    }
    outcome = decideVerdict(nominal, depth, shift);
    touching = !nominal && distanceM === 0;
  } else {
    const points = (sa.kind === 'point' ? sa : sb) as PointShape;
    const other = sa.kind === 'point' ? sb : sa;
    if (other.kind === 'point') {
      const d = minDistance(sa, sb) / k;
      distanceM = d;
      outcome = decideVerdict(d === 0, -d, shift);
    } else {
      const depth = pointDepth(points, other) / k;
      distanceM = Math.max(0, -depth);
      outcome = decideVerdict(depth > 0, depth, shift);
      touching = depth === 0;
    }
  }
  if (wantOverlap && areaPair && planarOverlap > 0 && outcome.verdict !== VERDICT_NONE) {
    overlap = intersectionShape(sa as AreaShape, sb as AreaShape);
  }
  return { outcome, overlapAreaM2, shareOfA, shareOfB, outsideAreaM2: null, distanceM, touching, overlap, projection };
}

function evaluateOutside(
  a: Prepared,
  others: readonly Prepared[],
  effective: EffectiveRule,
  eps: number,
  wantOverlap: boolean,
): Finding | null {
  const projection = a.home;
  const sa = shapeIn(a, projection);
  const k = scaleOf(projection, sa, null);
  const tol = effective.areaToleranceM2;
  const tolRadius = Math.sqrt(tol / Math.PI);
  const shapes = others.map((o) => shapeIn(o, projection)).filter((s): s is AreaShape => s.kind === 'area');
  const shift = a.ref.precisionM + others.reduce((m, o) => Math.max(m, o.ref.precisionM), 0);
  let best: Prepared | null = null;
  let bestArea = 0;
  if (sa.kind === 'area') {
    for (let i = 0; i < others.length; i++) {
      const s = shapes[i];
      if (s === undefined) continue;
      const area = intersectionArea(sa, s, eps);
      if (area > bestArea) {
        bestArea = area;
        best = others[i] as Prepared;
      }
    }
  }
  const union = unionShapes(shapes);
  let outcome: VerdictOutcome;
  let overlapAreaM2: number | null = null;
  let outsideAreaM2: number | null = null;
  let shareOfA: number | null = null;
  let distanceM: number | null = null;
  let outsidePart: AreaShape | null = null;
  if (sa.kind === 'area') {
    const inside = union === null ? 0 : intersectionArea(sa, union, eps);
    const outside = Math.max(0, sa.area - inside);
    overlapAreaM2 = inside / (k * k);
    outsideAreaM2 = outside / (k * k);
    shareOfA = inside / sa.area;
    const nominal = outsideAreaM2 > tol;
    let depth: number;
    if (outside > 0) depth = differenceInradius(sa, union, shift === 0 ? { enough: tolRadius * k } : {}) / k - tolRadius;
    else depth = union === null ? 0 : -boundaryDistance(sa, union) / k;
    outcome = decideVerdict(nominal, depth, shift);
    if (union !== null) distanceM = inside > 0 ? 0 : minDistance(sa, union) / k;
    if (wantOverlap && outcome.verdict !== VERDICT_NONE) outsidePart = differenceShape(sa, union);
  } else {
    const depth = union === null ? Infinity : -pointDepth(sa, union) / k;
    outcome = decideVerdict(depth > 0, Number.isFinite(depth) ? depth : 1e9, shift);
  }
  if (outcome.verdict === VERDICT_NONE) return null;
  const measures: PairMeasures = {
    outcome,
    overlapAreaM2,
    shareOfA,
    shareOfB: null,
    outsideAreaM2,
    distanceM,
    touching: false,
    overlap: outsidePart,
    projection,
  };
  return makeFinding(effective, a.ref, best?.ref ?? null, others.map((o) => o.ref.id), measures, wantOverlap);
}
