import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { checkConflicts } from '../conflicts/check-conflicts';
import type { InputLayer } from '../conflicts/check-conflicts';
import type { Severity } from '../conflicts/rule-schema';
import type { RuleSet } from '../conflicts/rule-schema';
import { computeBlockage } from './beam-blockage';
import { coverageShare } from './coverage';
import { metricRegion, pointInPolygon } from './coverage';
import type { CoverageOptions } from './coverage';
import type { ElevationSource } from './dem-reader';
import { DEFAULT_GB31223, mergeRuleSets, protectedZoneFeatures, radarZoneRuleSet } from './protected-zones';
import type { Gb31223Params } from './protected-zones';
import type { RadarParams } from './radar-types';
import { radarProblem } from './radar-problem';
import type { RadarProblem } from './radar-problem';

/**
 * Site ranking for a radar whose site is not chosen: candidates sampled inside a region with a
 * seeded RNG, each scored as coverage share − conflict penalties, returned best first.
 */

import { seededRandom } from '../random/seeded-random';

export { seededRandom };

/** A candidate site. */
export interface Candidate {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
}

/** Options of {@link sampleCandidates}. */
export interface SampleOptions {
  readonly count: number;
  readonly seed: number;
  /** Smallest distance between two candidates (m, default 0). */
  readonly minSpacingM?: number;
  /** Give up after this many draws (default 200 × count). */
  readonly maxDraws?: number;
  /** Id prefix (default "candidate"). */
  readonly idPrefix?: string;
}

/**
 * Uniform random candidates inside a (Multi)Polygon: rejection sampling in the bounding box of the
 * region's local Gauss-Krüger frame. May return fewer than `count` when the spacing cannot be met.
 */
export function sampleCandidates(region: Polygon | MultiPolygon, options: SampleOptions): Candidate[] {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 10_000) throw new RangeError('count must be an integer in 1…10000');
  const { frame, metric, minX, minY, maxX, maxY } = metricRegion(region);
  const rnd = seededRandom(options.seed);
  const spacing = options.minSpacingM ?? 0;
  const maxDraws = options.maxDraws ?? 200 * options.count;
  const chosen: [number, number][] = [];
  for (let draw = 0; draw < maxDraws && chosen.length < options.count; draw++) {
    const x = minX + rnd() * (maxX - minX);
    const y = minY + rnd() * (maxY - minY);
    if (!pointInPolygon(x, y, metric)) continue;
    if (spacing > 0 && chosen.some(([cx, cy]) => Math.hypot(cx - x, cy - y) < spacing)) continue;
    chosen.push([x, y]);
  }
  const prefix = options.idPrefix ?? 'candidate';
  return chosen.map(([x, y], i) => {
    const ll = frame.inverse([x, y]);
    return { id: `${prefix}-${i + 1}`, lon: ll[0] as number, lat: ll[1] as number };
  });
}

/** Penalty per finding: by severity, halved (by default) for a "possible" verdict. */
export interface PenaltyWeights {
  readonly severity: Readonly<Record<Severity, number>>;
  readonly possibleFactor: number;
}

/** Default penalties: 禁止 1, 需审批 0.3, 提示 0.05; possible findings count half. Product defaults. */
export const DEFAULT_PENALTIES: PenaltyWeights = { severity: { 禁止: 1, 需审批: 0.3, 提示: 0.05 }, possibleFactor: 0.5 };

/** A conflict that counts against a candidate. */
export interface CandidateConflict {
  readonly ruleId: string;
  readonly ruleTitle: string;
  readonly severity: Severity;
  readonly verdict: 'definite' | 'possible';
  readonly otherId: string | null;
  readonly otherName: string | null;
  readonly penalty: number;
}

/** A scored candidate. */
export interface RankedCandidate extends Candidate {
  readonly rank: number;
  /** Coverage share 0…1 (null when it could not be computed, e.g. no DEM at the site). */
  readonly coverage: number | null;
  readonly penalty: number;
  readonly score: number;
  readonly conflicts: readonly CandidateConflict[];
}

/** Inputs of {@link rankCandidates}. */
export interface RankInput {
  /** Name of the radar being sited (should contain 雷达 so the radar rules select it). */
  readonly radarName: string;
  readonly candidates: readonly Candidate[];
  /** Coverage share of a candidate (0…1), or null when unknown. */
  readonly coverageOf: (candidate: Candidate) => number | null;
  /** Other layers to check against (leave out the feature of the radar being sited). */
  readonly layers: readonly InputLayer[];
  /** Base rule set (data/rules/rules.json); the GB 31223 zone rules are added to it. */
  readonly ruleSet: RuleSet;
  readonly zoneParams?: Gb31223Params;
  readonly penalties?: PenaltyWeights;
  /** Position uncertainty of a candidate (m, default 0: the candidate is exactly where it is drawn). */
  readonly candidatePrecisionM?: number;
}

/** Reason: the conflict engine rejected the input. */
export const RANK_CONFLICT_CHECK_FAILED = 'rank-conflict-check-failed';

/**
 * Scores every candidate (coverage − penalties) and returns them best first (ties: higher
 * coverage, then id). Conflicts come from the conflict engine: the candidate point against the
 * existing rules (radar near chemical parks, construction, red lines …) and its GB 31223 zones
 * against the zone rules.
 */
export function rankCandidates(
  input: RankInput,
): { ok: true; ranked: RankedCandidate[] } | RadarProblem<typeof RANK_CONFLICT_CHECK_FAILED> {
  const zoneParams = input.zoneParams ?? DEFAULT_GB31223;
  const penalties = input.penalties ?? DEFAULT_PENALTIES;
  const precisionM = input.candidatePrecisionM ?? 0;
  const owner = new Map<string, string>();
  const pointFeatures: Feature<Point, Record<string, unknown>>[] = [];
  const zoneFeatures: Feature<Polygon, Record<string, unknown>>[] = [];
  for (const c of input.candidates) {
    const id = `site-ranking:${c.id}`;
    owner.set(id, c.id);
    pointFeatures.push({
      type: 'Feature',
      properties: { id, layer: 'meteo-site', name: `${input.radarName} 候选点 ${c.id}`, precisionM, category: null },
      geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
    });
    for (const z of protectedZoneFeatures({ id, name: `${input.radarName} 候选点 ${c.id}`, lon: c.lon, lat: c.lat, precisionM }, zoneParams)) {
      owner.set(z.properties.id, c.id);
      zoneFeatures.push({ ...z, properties: { ...z.properties } });
    }
  }
  const rules = mergeRuleSets(input.ruleSet, radarZoneRuleSet(zoneParams));
  const result = checkConflicts(
    [...input.layers, { name: 'site-ranking candidates', features: pointFeatures }, { name: 'site-ranking zones', features: zoneFeatures }],
    rules,
    { overlapGeometry: false, hashLayers: false, now: () => new Date(0) },
  );
  if (!result.ok) return radarProblem(RANK_CONFLICT_CHECK_FAILED, { cause: result.reason });
  const conflicts = new Map<string, CandidateConflict[]>();
  for (const f of result.report.findings) {
    const aOwner = owner.get(f.a.id);
    const bOwner = f.b === null ? undefined : owner.get(f.b.id);
    if ((aOwner === undefined) === (bOwner === undefined)) continue; // unrelated, or two candidate features
    const cid = (aOwner ?? bOwner) as string;
    const other = aOwner === undefined ? f.a : f.b;
    const weight = (penalties.severity[f.severity] ?? 0) * (f.verdict === 'possible' ? penalties.possibleFactor : 1);
    const list = conflicts.get(cid) ?? [];
    list.push({
      ruleId: f.ruleId,
      ruleTitle: f.ruleTitle,
      severity: f.severity,
      verdict: f.verdict,
      otherId: other?.id ?? null,
      otherName: other?.name ?? null,
      penalty: weight,
    });
    conflicts.set(cid, list);
  }
  const scored = input.candidates.map((c) => {
    const coverage = input.coverageOf(c);
    const list = conflicts.get(c.id) ?? [];
    const penalty = list.reduce((s, x) => s + x.penalty, 0);
    return { ...c, coverage, penalty, score: (coverage ?? 0) - penalty, conflicts: list };
  });
  scored.sort((x, y) => y.score - x.score || (y.coverage ?? 0) - (x.coverage ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { ok: true, ranked: scored.map((c, i) => ({ ...c, rank: i + 1 })) };
}

/** Options of {@link demCoverageScorer}. */
export interface DemCoverageOptions extends CoverageOptions {
  /** Range bin length (m, default 250). */
  readonly rangeStepM?: number;
  /** Rays per candidate (default 360). */
  readonly azimuthCount?: number;
}

/**
 * A coverage function for {@link rankCandidates}: blockage at the radar's lowest elevation from the
 * DEM, then the covered share of the region. Null when the DEM has no elevation at the candidate.
 */
export function demCoverageScorer(
  source: ElevationSource,
  region: Polygon | MultiPolygon,
  radar: RadarParams,
  options: DemCoverageOptions,
): (candidate: Candidate) => number | null {
  const elevation = radar.elevationsDeg[0];
  if (elevation === undefined) throw new RangeError('radar has no elevation angle');
  return (c) => {
    const b = computeBlockage(
      source,
      { lon: c.lon, lat: c.lat, antennaHeightM: radar.antennaHeightM },
      {
        elevationDeg: elevation,
        beamWidthDeg: radar.beamWidthDeg,
        maxRangeM: radar.maxRangeM,
        rangeStepM: options.rangeStepM ?? 250,
        azimuthCount: options.azimuthCount ?? 360,
      },
    );
    if (!b.ok) return null;
    return coverageShare(b.grid, source, region, options).share;
  };
}

export { isSiteToChoose, pinCandidate, PIN_INVALID, PIN_NOT_A_CANDIDATE } from './site-pin';
