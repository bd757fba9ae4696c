import { z } from 'zod';
import '../model/zod-config';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { parseRuleSet } from '../conflicts/rule-schema';
import { computeBlockage } from './beam-blockage';
import type { BlockageGrid } from './beam-blockage';
import { openDem } from './dem-reader';
import type { DemFile, DemInfo, DemReason, DemSampler } from './dem-reader';
import { hillshade } from './hillshade';
import type { RgbaImage } from './hillshade';
import { terrainProfile } from './terrain-profile';
import type { TerrainProfile } from './terrain-profile';
import { coverageShare } from './coverage';
import type { CoverageResult } from './coverage';
import { demCoverageScorer, rankCandidates, sampleCandidates } from './site-ranking';
import type { Candidate, RankedCandidate } from './site-ranking';
import { RADAR_TYPE_IDS } from './radar-types';

/**
 * The DEM worker's logic, kept pure so it runs (and is tested) outside a worker: typed request
 * messages validated with zod, one opened DEM and one loaded region at a time, answers as values.
 * `src/workers/dem-worker.ts` only wires it to postMessage.
 */

const siteSchema = z
  .object({
    lon: z.number().gte(-180).lte(180),
    lat: z.number().gte(-90).lte(90),
    antennaHeightM: z.number().min(0).max(500),
    groundAltitudeM: z.number().finite().optional(),
  })
  .strict();

const requestId = z.number().int().nonnegative();

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

/** Request messages the DEM worker understands. */
export const demRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open'), requestId, file: z.union([z.instanceof(Blob), z.instanceof(ArrayBuffer)]) }).strict(),
  z
    .object({
      type: z.literal('load-region'),
      requestId,
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      maxPixels: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('profile'),
      requestId,
      site: siteSchema,
      azimuthDeg: z.number().finite(),
      maxRangeM: z.number().positive().max(600_000),
      stepM: z.number().positive(),
      elevationsDeg: z.array(z.number().min(-2).max(90)).min(1),
      beamWidthDeg: z.number().positive().max(10),
    })
    .strict(),
  z
    .object({
      type: z.literal('blockage'),
      requestId,
      site: siteSchema,
      elevationDeg: z.number().min(-2).max(90),
      beamWidthDeg: z.number().positive().max(10),
      maxRangeM: z.number().positive().max(600_000),
      rangeStepM: z.number().positive(),
      azimuthCount: z.number().int().min(1).max(7200).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('hillshade'),
      requestId,
      azimuthDeg: z.number().finite().optional(),
      altitudeDeg: z.number().min(0).max(90).optional(),
      zFactor: z.number().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('coverage'),
      requestId,
      /** Region whose covered share is wanted; the last blockage grid is used. */
      region: regionSchema,
      ...coverageOptionsSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('rank'),
      requestId,
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
    .strict(),
]);
/** A request to the DEM worker. */
export type DemRequest = z.infer<typeof demRequestSchema>;

/** Reason: the message is not a valid request. */
export const DEM_BAD_REQUEST = 'dem-bad-request';
/** Reason: a request needs an opened DEM or a loaded region first. */
export const DEM_NOT_READY = 'dem-not-ready';
/** Reason: the rule set sent with a rank request is invalid. */
export const DEM_BAD_RULES = 'dem-bad-rules';

/** A successful answer. */
export type DemResponse =
  | { requestId: number; ok: true; type: 'open'; info: DemInfo; lonLatBounds: [number, number, number, number] }
  | { requestId: number; ok: true; type: 'load-region'; width: number; height: number; lonLatBounds: [number, number, number, number] }
  | { requestId: number; ok: true; type: 'profile'; profile: TerrainProfile }
  | { requestId: number; ok: true; type: 'blockage'; grid: BlockageGrid }
  | { requestId: number; ok: true; type: 'hillshade'; image: RgbaImage; lonLatBounds: [number, number, number, number] }
  | { requestId: number; ok: true; type: 'coverage'; coverage: CoverageResult }
  | { requestId: number; ok: true; type: 'rank'; candidates: Candidate[]; ranked: RankedCandidate[] }
  | { requestId: number; ok: false; reason: DemReason | typeof DEM_BAD_REQUEST | typeof DEM_NOT_READY | string; message: string };

/** A DEM service instance (one per worker). */
export interface DemService {
  handle(message: unknown): Promise<DemResponse>;
}

/** Creates a DEM service. */
export function createDemService(): DemService {
  let dem: DemFile | null = null;
  let sampler: DemSampler | null = null;
  let lastGrid: BlockageGrid | null = null;
  const notReady = (id: number, what: string): DemResponse => ({ requestId: id, ok: false, reason: DEM_NOT_READY, message: `请先${what} / ${what === '加载高程文件' ? 'open a DEM' : 'load a region'} first` });
  return {
    async handle(message: unknown): Promise<DemResponse> {
      const parsed = demRequestSchema.safeParse(message);
      if (!parsed.success) {
        const raw = (message as { requestId?: unknown } | null)?.requestId;
        return {
          requestId: typeof raw === 'number' ? raw : -1,
          ok: false,
          reason: DEM_BAD_REQUEST,
          message: `无效请求 / bad request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        };
      }
      const req = parsed.data;
      switch (req.type) {
        case 'open': {
          const r = await openDem(req.file);
          if (!r.ok) return { requestId: req.requestId, ok: false, reason: r.reason, message: r.message };
          dem = r.dem;
          sampler = null;
          lastGrid = null;
          return { requestId: req.requestId, ok: true, type: 'open', info: dem.info, lonLatBounds: dem.lonLatBounds() };
        }
        case 'load-region': {
          if (dem === null) return notReady(req.requestId, '加载高程文件');
          const r = await dem.readRegion(req.bbox, req.maxPixels === undefined ? {} : { maxPixels: req.maxPixels });
          if (!r.ok) return { requestId: req.requestId, ok: false, reason: r.reason, message: r.message };
          sampler = r.sampler;
          lastGrid = null;
          return { requestId: req.requestId, ok: true, type: 'load-region', width: sampler.raster.width, height: sampler.raster.height, lonLatBounds: sampler.lonLatBounds() };
        }
        case 'profile': {
          if (sampler === null) return notReady(req.requestId, '加载区域');
          const r = terrainProfile(sampler, req.site, req.azimuthDeg, req);
          if (!r.ok) return { requestId: req.requestId, ok: false, reason: r.reason, message: r.message };
          return { requestId: req.requestId, ok: true, type: 'profile', profile: r.profile };
        }
        case 'blockage': {
          if (sampler === null) return notReady(req.requestId, '加载区域');
          const r = computeBlockage(sampler, req.site, req);
          if (!r.ok) return { requestId: req.requestId, ok: false, reason: r.reason, message: r.message };
          // The response's arrays are transferred (detached here), so coverage keeps its own copy.
          lastGrid = { ...r.grid, pbb: r.grid.pbb.slice(), cbb: r.grid.cbb.slice(), terrainM: r.grid.terrainM.slice() };
          return { requestId: req.requestId, ok: true, type: 'blockage', grid: r.grid };
        }
        case 'hillshade': {
          if (sampler === null) return notReady(req.requestId, '加载区域');
          const bounds = sampler.lonLatBounds();
          const [cx, cy] = sampler.pixelSizeM((bounds[1] + bounds[3]) / 2);
          const image = hillshade(sampler.raster, cx, cy, {
            ...(req.azimuthDeg === undefined ? {} : { azimuthDeg: req.azimuthDeg }),
            ...(req.altitudeDeg === undefined ? {} : { altitudeDeg: req.altitudeDeg }),
            ...(req.zFactor === undefined ? {} : { zFactor: req.zFactor }),
          });
          return { requestId: req.requestId, ok: true, type: 'hillshade', image, lonLatBounds: bounds };
        }
        case 'coverage': {
          if (sampler === null || lastGrid === null) return notReady(req.requestId, '加载区域');
          const coverage = coverageShare(lastGrid, sampler, req.region as Polygon | MultiPolygon, {
            heightAglM: req.heightAglM,
            blockageThreshold: req.blockageThreshold,
            ...(req.cellSizeM === undefined ? {} : { cellSizeM: req.cellSizeM }),
          });
          return { requestId: req.requestId, ok: true, type: 'coverage', coverage };
        }
        case 'rank': {
          if (sampler === null) return notReady(req.requestId, '加载区域');
          const rules = parseRuleSet(req.rules);
          if (!rules.ok) return { requestId: req.requestId, ok: false, reason: DEM_BAD_RULES, message: rules.message };
          const region = req.region as Polygon | MultiPolygon;
          const candidates = sampleCandidates(region, {
            count: req.count,
            seed: req.seed,
            ...(req.minSpacingM === undefined ? {} : { minSpacingM: req.minSpacingM }),
          });
          const scorer = demCoverageScorer(
            sampler,
            region,
            { typeId: req.radarType, maxRangeM: req.maxRangeM, beamWidthDeg: req.beamWidthDeg, elevationsDeg: [req.elevationDeg], antennaHeightM: req.antennaHeightM, overridden: [] },
            {
              heightAglM: req.heightAglM,
              blockageThreshold: req.blockageThreshold,
              ...(req.cellSizeM === undefined ? {} : { cellSizeM: req.cellSizeM }),
              ...(req.rangeStepM === undefined ? {} : { rangeStepM: req.rangeStepM }),
              ...(req.azimuthCount === undefined ? {} : { azimuthCount: req.azimuthCount }),
            },
          );
          const r = rankCandidates({
            radarName: req.radarName,
            candidates,
            coverageOf: scorer,
            layers: req.layers.map((l) => ({ name: l.name, features: l.features as Array<Feature<Geometry | null, Record<string, unknown> | null>> })),
            ruleSet: rules.value,
            ...(req.candidatePrecisionM === undefined ? {} : { candidatePrecisionM: req.candidatePrecisionM }),
          });
          if (!r.ok) return { requestId: req.requestId, ok: false, reason: r.reason, message: r.message };
          return { requestId: req.requestId, ok: true, type: 'rank', candidates, ranked: r.ranked };
        }
      }
    },
  };
}

/** Transferable buffers of a response (for postMessage). */
export function transferablesOf(response: DemResponse): ArrayBuffer[] {
  if (!response.ok) return [];
  const out: ArrayBufferLike[] = [];
  if (response.type === 'hillshade') out.push(response.image.data.buffer);
  if (response.type === 'blockage') out.push(response.grid.pbb.buffer, response.grid.cbb.buffer, response.grid.terrainM.buffer);
  return out.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
