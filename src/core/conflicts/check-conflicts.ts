import { DEFAULT_EPS_M, differenceShape, intersectionShape, overlapMeasure, unionShapes } from './exact-overlap';
import { createGaussKrugerProvider } from './metric-projection';
import type { MetricProjection, MetricProjectionProvider } from './metric-projection';
import { boundaryDistance, minDistance, signedDistance } from './min-distance';
import { projectGeometry, shapeToLonLat as toLonLat } from './planar-shape';
import type { AreaShape, PlanarShape, PointShape } from './planar-shape';
import { decideVerdict, differenceInradius, intersectionInradius, VERDICT_NONE } from './precision-verdict';
import type { VerdictOutcome } from './precision-verdict';
import { PossibleFindings, quickPointVerdict } from './possible-findings';
import type { PairMeasures } from './possible-findings';
import { prepareFeatures, repairIfInvalid } from './prepare-features';
import type { InputLayer, Prepared, PreparedInput } from './prepare-features';
import type { TextHasher } from './layer-hash';
import { NOTE_B_NOT_LOADED, NOTE_NO_FEATURES_A, NOTE_NO_FEATURES_B, RULE_DISABLED, RULE_SKIPPED_NO_FEATURES, summarize } from './report';
import type { ConflictReport, FeatureRef, Finding, RuleRun } from './report';
import type { EffectiveRule, RuleOverride, RuleSet, TouchTolerance } from './rule-schema';
import { DEFAULT_TOUCH_TOLERANCE, resolveRules } from './rule-schema';
import { expandBoxByMetres } from './spatial-index';
import { arraySource, selectorMatches as matches } from './feature-source';
import type { FeatureSource, SideIndex } from './feature-source';
import { findingOf, newRuleRun, orderFindings } from './finding-build';
export { caveatOf, findingOf, mergePartialReports, newRuleRun, orderFindings } from './finding-build';
export type { FindingMeasures } from './finding-build';

export {
  CHECK_BAD_GEOMETRY,
  CHECK_BAD_PROPERTIES,
  CHECK_DUPLICATE_ID,
  conflictFeaturePropsSchema,
  INACTIVE_STATUSES,
} from './prepare-features';
export type { InputLayer, Prepared, PreparedInput } from './prepare-features';

/**
 * The conflict engine: for every enabled rule, a flatbush prefilter on lon/lat boxes (grown by the
 * rule distance and the precision radii), then exact planar measures in a local Gauss-Krüger frame
 * (overlap area by the edge-pair winding integral of exact-overlap.ts, minimum distance, inscribed
 * radius for the precision verdict). Overlaps up to the touch tolerance's area (or the area's
 * rounding-error bound, if larger) and gaps under its width count as touching. A feature that
 * cannot be read is reported and left out; only bad rule overrides stop a run. Planar areas and distances are divided by the frame's point scale (k², k) at the pair,
 * which brings them within ~1e-6 of ellipsoidal values. Pure TypeScript: runs in browser, worker
 * and Node.
 */

/** Options of {@link checkConflicts}. */
export interface CheckOptions {
  /** User changes to rules (switch off, parameters). */
  overrides?: readonly RuleOverride[];
  /** Picks the metric frame for a position; default: CGCS2000 3° Gauss-Krüger zones via proj4. */
  projectionFor?: MetricProjectionProvider;
  /** Label of the projection for the report. */
  projectionLabel?: string;
  /** Gap of the bounding-box shortcut in metres (default 1e-6). */
  epsM?: number;
  /**
   * Check every polygon for overlapping parts and self-crossing rings and repair them (default
   * true; costs about one overlap measure per feature). Switch off only for data known valid.
   */
  checkValidity?: boolean;
  /** Touch tolerance of rules that do not set their own (default {@link DEFAULT_TOUCH_TOLERANCE}). */
  tolerance?: Partial<TouchTolerance>;
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
   * Checks only every `count`-th side-A feature of each rule, starting at `index` (0-based), so that `count`
   * workers can share one check; {@link mergePartialReports} joins their reports into the one a single run gives.
   */
  partition?: { index: number; count: number };
  /**
   * Instead of `partition`: `next(rule)` hands this worker the first of the next `block` side-A positions of rule
   * `rule` (each block to exactly one worker, e.g. by an atomic add), or ≥ the side's length when none is left.
   */
  claim?: { block: number; next: (rule: number) => number };
  /**
   * When one side-A feature has more than this many findings that only its precision radii make
   * possible (not holding at the drawn positions), they become one finding: B is the nearest of
   * them and `bIds` lists them all, nearest first (default {@link GROUP_POSSIBLE_OVER}).
   */
  groupPossibleOver?: number;
  /** Makes the hasher of each layer hash (default: the pure TypeScript SHA-256; the CLI passes Node's). */
  hasher?: () => TextHasher;
  /** Called with the index of side A of every touching pair, in the order of the rules' `touching` lists. */
  onTouching?: (aIndex: number) => void;
  /**
   * Takes the findings of each side-A feature of a rule (in no order) as soon as they are complete, instead of the
   * report: its `findings` then stay empty (the rule runs still count them), so a large check never holds them all.
   */
  onFindings?: (findings: Finding[]) => void;
}

/** Features for {@link checkPrepared} from a {@link FeatureSource} instead of an array, with the report's layer records. */
export type SourcedInput = Omit<PreparedInput, 'features'> & { source: FeatureSource };

/**
 * Default of {@link CheckOptions.groupPossibleOver}: a site known to ±25 km against a parcel layer
 * would otherwise give one "possible" finding per parcel in 25 km, none of which says more than
 * "the site's position must be known first".
 */
export const GROUP_POSSIBLE_OVER = 20;

/** Reason: the rule overrides do not fit the rule set. */
export const CHECK_BAD_RULES = 'bad-rules';

/** Result of {@link checkConflicts}. */
export type CheckResult = { ok: true; report: ConflictReport } | { ok: false; reason: typeof CHECK_BAD_RULES; message: string };

function shapeIn(feature: Prepared, projection: MetricProjection): PlanarShape {
  let shape = feature.shapes.get(projection);
  if (shape === undefined) {
    const result = projectGeometry(feature.geometry, projection);
    if (!result.ok) throw new Error(`feature ${feature.ref.id} projected once but not in a second frame: ${result.message}`);
    shape = feature.repaired ? (repairIfInvalid(result.shape, 0).shape ?? result.shape) : result.shape;
    feature.shapes.set(projection, shape);
  }
  return shape;
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
 * Features with bad properties, geometry or duplicate ids are left out and listed in
 * `report.rejected`; only overrides that do not fit the rules return `{ ok: false }`.
 */
export function checkConflicts(layers: readonly InputLayer[], ruleSet: RuleSet, options: CheckOptions = {}): CheckResult {
  const defaultTolerance: TouchTolerance = { ...DEFAULT_TOUCH_TOLERANCE, ...options.tolerance };
  const resolved = resolveRules(ruleSet, options.overrides ?? [], defaultTolerance);
  if (!resolved.ok) return { ok: false, reason: CHECK_BAD_RULES, message: resolved.message };
  const projectionFor = options.projectionFor ?? createGaussKrugerProvider();
  const prepared = prepareFeatures(layers, projectionFor, options.hashLayers !== false, repairTolerance(options), options.hasher);
  return checkPrepared(prepared, ruleSet, { ...options, projectionFor });
}

/** The area beyond which {@link checkConflicts} repairs a polygon (see {@link prepareFeatures}). */
export function repairTolerance(options: Pick<CheckOptions, 'checkValidity' | 'tolerance'>): number {
  return options.checkValidity === false ? Infinity : { ...DEFAULT_TOUCH_TOLERANCE, ...options.tolerance }.areaM2;
}

/**
 * {@link checkConflicts} on features already prepared (by {@link prepareFeatures} or pieces of it read in
 * several workers): `options.projectionFor` must be the provider that gave the features their home frames.
 */
export function checkPrepared(input: PreparedInput | SourcedInput, ruleSet: RuleSet, options: CheckOptions = {}): CheckResult {
  const defaultTolerance: TouchTolerance = { ...DEFAULT_TOUCH_TOLERANCE, ...options.tolerance };
  const resolved = resolveRules(ruleSet, options.overrides ?? [], defaultTolerance);
  if (!resolved.ok) return { ok: false, reason: CHECK_BAD_RULES, message: resolved.message };
  const eps = options.epsM ?? DEFAULT_EPS_M;
  const projectionFor = options.projectionFor ?? createGaussKrugerProvider();
  const wantOverlap = options.overlapGeometry ?? true;
  const { layers: layerRecords, rejected, notes } = input;
  const source = 'source' in input ? input.source : arraySource(input.features);

  const findings: Finding[] = [];
  const runs: RuleRun[] = [];
  const sideCache = new Map<string, SideIndex>();

  const progressTotal = resolved.value.filter((e) => e.enabled).length * Math.max(1, source.count);
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
    const run = newRuleRun(effective);
    runs.push(run);
    if (!effective.enabled) {
      run.status = RULE_DISABLED;
      continue;
    }
    const sideA = source.select(rule.a);
    tick(Math.max(1, source.count) - sideA.length);
    const bKey = JSON.stringify(rule.b);
    let sideB = sideCache.get(bKey);
    if (sideB === undefined) {
      sideB = source.side(rule.b);
      sideCache.set(bKey, sideB);
    }
    run.featuresA = sideA.length;
    run.featuresB = sideB.size;
    if (sideA.length === 0 || (sideB.size === 0 && rule.relation !== 'outside-of')) {
      run.status = RULE_SKIPPED_NO_FEATURES;
      run.note = sideA.length === 0 ? NOTE_NO_FEATURES_A : NOTE_NO_FEATURES_B;
      continue;
    }
    if (rule.relation === 'outside-of' && sideB.size === 0) {
      run.status = RULE_SKIPPED_NO_FEATURES;
      run.note = NOTE_B_NOT_LOADED;
      continue;
    }
    const reach = rule.relation === 'within-distance' ? effective.distanceM : 0;
    const ruleFindings: Finding[] = [];
    // With onFindings, each A's findings are handed over as they are complete and not kept.
    const handOver = options.onFindings;
    const emit = (list: Finding[]): void => {
      run.findings += list.length;
      if (handOver !== undefined) {
        if (list.length > 0) handOver(list);
      } else for (const f of list) ruleFindings.push(f);
    };
    const groupOver = options.groupPossibleOver ?? GROUP_POSSIBLE_OVER;
    const checkA = (ai: number): void => {
      const a = source.get(sideA[ai] as number);
      const grow = reach + a.ref.precisionM + sideB.maxPrecision + 1;
      const hits = sideB.search(expandBoxByMetres(a.box, grow));
      if (rule.relation === 'outside-of') {
        const others = hits.map((i) => source.get(i)).filter((b) => b.ref.id !== a.ref.id);
        run.candidatePairs += others.length;
        const finding = evaluateOutside(a, others, effective, eps, wantOverlap);
        if (finding !== null) emit([finding]);
        return;
      }
      const possible = new PossibleFindings(groupOver);
      const aFindings: Finding[] = [];
      const quickOverlap = rule.relation === 'overlap';
      const aIsB = matches(rule.b, a.ref);
      for (const i of hits) {
        if (i === a.index) continue;
        const b = source.get(i);
        // Both orders would be tested: keep the one whose A comes first.
        if (aIsB && b.index < a.index && matches(rule.a, b.ref)) continue;
        run.candidatePairs++;
        const quick = quickOverlap ? quickPointVerdict(a, b) : null;
        if (quick !== null) {
          if (quick.verdict === 'possible') possible.addUnmeasured(b, quick.depthBound);
          continue;
        }
        const measures = evaluatePair(a, b, effective, eps, projectionFor, wantOverlap);
        if (measures.touching) {
          run.touching.push([a.ref.id, b.ref.id]);
          options.onTouching?.(a.index);
        }
        if (measures.outcome.verdict === VERDICT_NONE) continue;
        if (!measures.outcome.nominal) {
          possible.add(b, measures);
          continue;
        }
        aFindings.push(makeFinding(effective, a.ref, b.ref, [b.ref.id], measures, wantOverlap));
      }
      possible.flush(
        aFindings,
        (b) => evaluatePair(a, b, effective, eps, projectionFor, wantOverlap),
        (b, ids, m) => makeFinding(effective, a.ref, b, ids, m, wantOverlap),
      );
      emit(aFindings);
    };
    const claim = options.claim;
    if (claim !== undefined) {
      const size = Math.max(1, Math.floor(claim.block));
      const ruleAt = runs.length - 1;
      for (let start = claim.next(ruleAt); start < sideA.length; start = claim.next(ruleAt)) {
        const stop = Math.min(sideA.length, start + size);
        tick(stop - start);
        for (let ai = start; ai < stop; ai++) checkA(ai);
      }
    } else {
      const part = options.partition;
      for (let ai = 0; ai < sideA.length; ai++) {
        tick(1);
        if (part !== undefined && ai % part.count !== part.index) continue;
        checkA(ai);
      }
    }
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
      tolerance: defaultTolerance,
    },
    layers: layerRecords,
    rejected,
    geometryNotes: notes,
    rules: runs,
    findings: ordered,
    summary: summarize(ordered),
  };
  return { ok: true, report };
}


function makeFinding(
  effective: EffectiveRule,
  a: FeatureRef,
  b: FeatureRef | null,
  bIds: string[],
  m: PairMeasures,
  wantOverlap: boolean,
): Finding {
  return findingOf(effective, a, b, bIds, m.outcome, {
    overlapAreaM2: m.overlapAreaM2,
    shareOfA: m.shareOfA,
    shareOfB: m.shareOfB,
    outsideAreaM2: m.outsideAreaM2,
    distanceM: m.distanceM,
    overlap: wantOverlap && m.overlap !== null ? toLonLat(m.overlap, m.projection) : null,
  });
}


/**
 * An overlap polygon for export (polyclip-ts), or null when the library fails on the pair: the
 * verdict and areas never depend on it, so a failure only leaves the finding without a drawing.
 */
function exportShape(build: () => AreaShape | null): AreaShape | null {
  try {
    return build();
  } catch {
    return null;
  }
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

  const { widthM, areaM2 } = effective.tolerance;
  const areaPair = sa.kind === 'area' && sb.kind === 'area';
  let planarOverlap = 0;
  if (sa.kind === 'area' && sb.kind === 'area') {
    const measured = overlapMeasure(sa, sb);
    if (measured.areaM2 > Math.max(areaM2 * k * k, measured.errorM2)) planarOverlap = measured.areaM2;
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
      const d = minDistance(sa, sb, Math.max(shift, widthM) * k + eps) / k;
      distanceM = d;
      depth = -d;
    }
    outcome = decideVerdict(nominal, depth, shift);
    touching = !nominal && distanceM < widthM;
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
    overlap = exportShape(() => intersectionShape(sa as AreaShape, sb as AreaShape));
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
      const area = overlapMeasure(sa, s).areaM2;
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
    const measured = union === null ? { areaM2: 0, errorM2: 0 } : overlapMeasure(sa, union);
    const inside = Math.max(0, measured.areaM2);
    const floor = Math.max(effective.tolerance.areaM2 * k * k, measured.errorM2);
    const outside = sa.area - inside > floor ? sa.area - inside : 0;
    overlapAreaM2 = inside / (k * k);
    outsideAreaM2 = outside / (k * k);
    shareOfA = inside / sa.area;
    const nominal = outsideAreaM2 > tol;
    let depth: number;
    if (outside > 0) depth = differenceInradius(sa, union, shift === 0 ? { enough: tolRadius * k } : {}) / k - tolRadius;
    else depth = union === null ? 0 : -boundaryDistance(sa, union) / k;
    outcome = decideVerdict(nominal, depth, shift);
    if (union !== null) distanceM = inside > 0 ? 0 : minDistance(sa, union) / k;
    if (wantOverlap && outcome.verdict !== VERDICT_NONE) outsidePart = exportShape(() => differenceShape(sa, union));
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
