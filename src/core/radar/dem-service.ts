import { z } from 'zod';
import '../model/zod-config';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { parseRuleSet } from '../conflicts/rule-schema';
import { computeBlockage } from './beam-blockage';
import type { BlockageGrid } from './beam-blockage';
import { openDem } from './dem-reader';
import type { DemFile, DemInfo, DemSampler } from './dem-reader';
import { hillshade } from './hillshade';
import type { RgbaImage } from './hillshade';
import { terrainProfile } from './terrain-profile';
import type { TerrainProfile } from './terrain-profile';
import { coverageShare } from './coverage';
import type { CoverageResult } from './coverage';
import { demCoverageScorer, rankCandidates, sampleCandidates } from './site-ranking';
import type { Candidate, RankedCandidate } from './site-ranking';
import { RADAR_TYPE_IDS } from './radar-types';
import type { ProblemParams } from './radar-problem';

/**
 * The DEM worker's logic, kept pure so it runs (and is tested) outside a worker: one object of typed
 * functions (open, load a region, profile, blockage, hillshade, coverage, rank), each validating its
 * input with zod (it crosses the worker boundary), one opened DEM and one loaded region at a time,
 * answers and problems as values (codes and parameters, no prose). `src/workers/dem-worker.ts` only
 * exposes it over the worker protocol.
 */

const siteSchema = z
  .object({
    lon: z.number().gte(-180).lte(180),
    lat: z.number().gte(-90).lte(90),
    antennaHeightM: z.number().min(0).max(500),
    groundAltitudeM: z.number().finite().optional(),
  })
  .strict();

const ringSchema = z.array(z.array(z.number().finite()).min(2)).min(4);
/** A lon/lat (Multi)Polygon region (a county disc or a polygon the user drew). */
const regionSchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1) }).strict(),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ringSchema).min(1)).min(1) }).strict(),
]);

const coverageOptionsSchema = {
  heightAglM: z.number().finite(),
  blockageThreshold: z.number().min(0).max(1),
  cellSizeM: z.number().positive().optional(),
};

/** Input of {@link DemService.loadRegion}. */
export const loadRegionSchema = z
  .object({
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    maxPixels: z.number().int().positive().optional(),
  })
  .strict();

/** Input of {@link DemService.profile}. */
export const profileRequestSchema = z
  .object({
    site: siteSchema,
    azimuthDeg: z.number().finite(),
    maxRangeM: z.number().positive().max(600_000),
    stepM: z.number().positive(),
    elevationsDeg: z.array(z.number().min(-2).max(90)).min(1),
    beamWidthDeg: z.number().positive().max(10),
  })
  .strict();

/** Input of {@link DemService.blockage}. */
export const blockageRequestSchema = z
  .object({
    site: siteSchema,
    elevationDeg: z.number().min(-2).max(90),
    beamWidthDeg: z.number().positive().max(10),
    maxRangeM: z.number().positive().max(600_000),
    rangeStepM: z.number().positive(),
    azimuthCount: z.number().int().min(1).max(7200).optional(),
  })
  .strict();

/** Input of {@link DemService.hillshade}. */
export const hillshadeRequestSchema = z
  .object({
    azimuthDeg: z.number().finite().optional(),
    altitudeDeg: z.number().min(0).max(90).optional(),
    zFactor: z.number().positive().optional(),
  })
  .strict();

/** Input of {@link DemService.coverage}: the region whose covered share is wanted (the last blockage grid is used). */
export const coverageRequestSchema = z.object({ region: regionSchema, ...coverageOptionsSchema }).strict();

/** Input of {@link DemService.rank}. */
export const rankRequestSchema = z
  .object({
    radarName: z.string().min(1),
    radarType: z.enum(RADAR_TYPE_IDS),
    region: regionSchema,
    count: z.number().int().min(1).max(200),
    seed: z.number().int(),
    minSpacingM: z.number().nonnegative().optional(),
    antennaHeightM: z.number().min(0).max(500),
    elevationDeg: z.number().min(-2).max(90),
    beamWidthDeg: z.number().positive().max(10),
    maxRangeM: z.number().positive().max(600_000),
    rangeStepM: z.number().positive().optional(),
    azimuthCount: z.number().int().min(1).max(7200).optional(),
    ...coverageOptionsSchema,
    /** Other layers the candidates are checked against (features with engine properties). */
    layers: z.array(z.object({ name: z.string(), features: z.array(z.unknown()) }).strict()),
    /** Base conflict rule set (data/rules/rules.json); validated with the engine's schema. */
    rules: z.unknown(),
    candidatePrecisionM: z.number().nonnegative().optional(),
  })
  .strict();

/** Input of the DEM service's functions. */
export type LoadRegionRequest = z.input<typeof loadRegionSchema>;
/** Input of {@link DemService.profile}. */
export type ProfileRequest = z.input<typeof profileRequestSchema>;
/** Input of {@link DemService.blockage}. */
export type BlockageRequest = z.input<typeof blockageRequestSchema>;
/** Input of {@link DemService.hillshade}. */
export type HillshadeRequest = z.input<typeof hillshadeRequestSchema>;
/** Input of {@link DemService.coverage}. */
export type CoverageRequest = z.input<typeof coverageRequestSchema>;
/** Input of {@link DemService.rank}. */
export type RankRequest = z.input<typeof rankRequestSchema>;

/** Reason: the input of a call is not valid. */
export const DEM_BAD_REQUEST = 'dem-bad-request';
/** Reason: a call needs an opened DEM first. */
export const DEM_NOT_OPEN = 'dem-not-open';
/** Reason: a call needs a loaded region (and, for coverage, a blockage grid) first. */
export const DEM_NOT_READY = 'dem-not-ready';
/** Reason: the rule set sent with a rank call is invalid. */
export const DEM_BAD_RULES = 'dem-bad-rules';

/**
 * A failed call: `reason` (an exported constant), `detail` (the message code, finer than the reason where
 * the DEM reader gives one, else the reason) and `params`.
 */
export interface DemServiceProblem {
  readonly ok: false;
  readonly reason: string;
  readonly detail: string;
  readonly params: ProblemParams;
}

/** A call's value or its problem. */
export type DemResult<T> = ({ ok: true } & T) | DemServiceProblem;

/** The DEM service: one opened DEM and one loaded region at a time (one per worker). */
export interface DemService {
  /** Opens a GeoTIFF (a Blob is read slice by slice, never whole); forgets the previous DEM and region. */
  open(file: Blob | ArrayBuffer, name?: string): Promise<DemResult<{ info: DemInfo; lonLatBounds: [number, number, number, number] }>>;
  /** Reads the window of the opened DEM around `bbox` (lon/lat), decimated above `maxPixels`. */
  loadRegion(request: LoadRegionRequest): Promise<DemResult<{ width: number; height: number; lonLatBounds: [number, number, number, number] }>>;
  /** Terrain profile and beams along one azimuth. */
  profile(request: ProfileRequest): Promise<DemResult<{ profile: TerrainProfile }>>;
  /** Beam blockage grid (kept for {@link DemService.coverage}). */
  blockage(request: BlockageRequest): Promise<DemResult<{ grid: BlockageGrid }>>;
  /** Hillshade image of the loaded region. */
  hillshade(request?: HillshadeRequest): Promise<DemResult<{ image: RgbaImage; lonLatBounds: [number, number, number, number] }>>;
  /** Covered share of a region from the last blockage grid. */
  coverage(request: CoverageRequest): Promise<DemResult<{ coverage: CoverageResult }>>;
  /** Samples candidate sites in a region and ranks them by coverage and conflicts. */
  rank(request: RankRequest): Promise<DemResult<{ candidates: Candidate[]; ranked: RankedCandidate[] }>>;
}

const fail = (reason: string, params: ProblemParams = {}, detail: string = reason): DemServiceProblem => ({ ok: false, reason, detail, params });

function parse<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | DemServiceProblem {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return fail(DEM_BAD_REQUEST, { fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ') });
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

/** Creates a DEM service. */
export function createDemService(): DemService {
  let dem: DemFile | null = null;
  let sampler: DemSampler | null = null;
  let lastGrid: BlockageGrid | null = null;
  return {
    async open(file, name) {
      if (!(file instanceof Blob) && !(file instanceof ArrayBuffer)) return fail(DEM_BAD_REQUEST, { fields: 'file' });
      const r = await openDem(file, name);
      if (!r.ok) return fail(r.reason, r.params, r.detail);
      dem = r.dem;
      sampler = null;
      lastGrid = null;
      return { ok: true, info: dem.info, lonLatBounds: dem.lonLatBounds() };
    },
    async loadRegion(request) {
      const req = parse(loadRegionSchema, request);
      if (!req.ok) return req;
      if (dem === null) return fail(DEM_NOT_OPEN);
      const r = await dem.readRegion(req.value.bbox, optional('maxPixels', req.value.maxPixels));
      if (!r.ok) return fail(r.reason, r.params, r.detail);
      sampler = r.sampler;
      lastGrid = null;
      return { ok: true, width: sampler.raster.width, height: sampler.raster.height, lonLatBounds: sampler.lonLatBounds() };
    },
    async profile(request) {
      const req = parse(profileRequestSchema, request);
      if (!req.ok) return req;
      if (sampler === null) return fail(DEM_NOT_READY);
      const r = terrainProfile(sampler, req.value.site, req.value.azimuthDeg, req.value);
      return r.ok ? { ok: true, profile: r.profile } : fail(r.reason, r.params);
    },
    async blockage(request) {
      const req = parse(blockageRequestSchema, request);
      if (!req.ok) return req;
      if (sampler === null) return fail(DEM_NOT_READY);
      const r = computeBlockage(sampler, req.value.site, req.value);
      if (!r.ok) return fail(r.reason, r.params);
      lastGrid = r.grid;
      return { ok: true, grid: r.grid };
    },
    async hillshade(request = {}) {
      const req = parse(hillshadeRequestSchema, request);
      if (!req.ok) return req;
      if (sampler === null) return fail(DEM_NOT_READY);
      const bounds = sampler.lonLatBounds();
      const [cx, cy] = sampler.pixelSizeM((bounds[1] + bounds[3]) / 2);
      const image = hillshade(sampler.raster, cx, cy, {
        ...optional('azimuthDeg', req.value.azimuthDeg),
        ...optional('altitudeDeg', req.value.altitudeDeg),
        ...optional('zFactor', req.value.zFactor),
      });
      return { ok: true, image, lonLatBounds: bounds };
    },
    async coverage(request) {
      const req = parse(coverageRequestSchema, request);
      if (!req.ok) return req;
      if (sampler === null || lastGrid === null) return fail(DEM_NOT_READY);
      const coverage = coverageShare(lastGrid, sampler, req.value.region as Polygon | MultiPolygon, {
        heightAglM: req.value.heightAglM,
        blockageThreshold: req.value.blockageThreshold,
        ...optional('cellSizeM', req.value.cellSizeM),
      });
      return { ok: true, coverage };
    },
    async rank(request) {
      const parsed = parse(rankRequestSchema, request);
      if (!parsed.ok) return parsed;
      const req = parsed.value;
      if (sampler === null) return fail(DEM_NOT_READY);
      const rules = parseRuleSet(req.rules);
      if (!rules.ok) return fail(DEM_BAD_RULES, { cause: rules.reason });
      const region = req.region as Polygon | MultiPolygon;
      const candidates = sampleCandidates(region, { count: req.count, seed: req.seed, ...optional('minSpacingM', req.minSpacingM) });
      const scorer = demCoverageScorer(
        sampler,
        region,
        { typeId: req.radarType, maxRangeM: req.maxRangeM, beamWidthDeg: req.beamWidthDeg, elevationsDeg: [req.elevationDeg], antennaHeightM: req.antennaHeightM, overridden: [] },
        {
          heightAglM: req.heightAglM,
          blockageThreshold: req.blockageThreshold,
          ...optional('cellSizeM', req.cellSizeM),
          ...optional('rangeStepM', req.rangeStepM),
          ...optional('azimuthCount', req.azimuthCount),
        },
      );
      const r = rankCandidates({
        radarName: req.radarName,
        candidates,
        coverageOf: scorer,
        layers: req.layers.map((l) => ({ name: l.name, features: l.features as Array<Feature<Geometry | null, Record<string, unknown> | null>> })),
        ruleSet: rules.value,
        ...optional('candidatePrecisionM', req.candidatePrecisionM),
      });
      return r.ok ? { ok: true, candidates, ranked: r.ranked } : fail(r.reason, r.params);
    },
  };
}
