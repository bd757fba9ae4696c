import { radarProblem } from './radar-problem';
import type { RadarProblem } from './radar-problem';
import { z } from 'zod';
import radarTypesJson from '../../../data/radar/radar-types.json';

/**
 * Radar types as data (data/radar/radar-types.json): maximum range, beam width, elevation angles
 * and antenna height, each with the kind and source of its default. Per-site overrides replace
 * defaults and are recorded, so a report can say which numbers the user changed.
 */

/** Radar type ids known to the product. */
export const RADAR_TYPE_IDS = ['x-band-phased-array', 'c-band-doppler-cc', 's-band-doppler-sa'] as const;
/** One of {@link RADAR_TYPE_IDS}. */
export type RadarTypeId = (typeof RADAR_TYPE_IDS)[number];

/**
 * Where a default comes from: `standard` (a standard or regulation), `published-spec` (published
 * figure for the radar family), `site-list` (a station list), `typical` (usual for the class, no
 * single binding source), `product-default` (this product's starting value).
 */
export const VALUE_KINDS = ['standard', 'published-spec', 'site-list', 'typical', 'product-default'] as const;
/** One of {@link VALUE_KINDS}. */
export type ValueKind = (typeof VALUE_KINDS)[number];

/** A number with its provenance. */
export const sourcedNumberSchema = z
  .object({ value: z.number().finite(), kind: z.enum(VALUE_KINDS), source: z.string().min(1) })
  .strict();
/** A sourced number. */
export type SourcedNumber = z.infer<typeof sourcedNumberSchema>;

/** A list of numbers with its provenance. */
export const sourcedListSchema = z
  .object({ value: z.array(z.number().finite()).min(1), kind: z.enum(VALUE_KINDS), source: z.string().min(1) })
  .strict();
/** A sourced list of numbers. */
export type SourcedList = z.infer<typeof sourcedListSchema>;

/** One radar type. */
export const radarTypeSchema = z
  .object({
    id: z.enum(RADAR_TYPE_IDS),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    band: z.enum(['X', 'C', 'S']),
    maxRangeKm: sourcedNumberSchema,
    beamWidthDeg: sourcedNumberSchema,
    elevationsDeg: sourcedListSchema,
    antennaHeightM: sourcedNumberSchema,
  })
  .strict();
/** A radar type. */
export type RadarType = z.infer<typeof radarTypeSchema>;

/** The radar-types file. */
export const radarTypesFileSchema = z
  .object({
    id: z.literal('radar-types'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    note: z.string().min(1),
    types: z.array(radarTypeSchema).min(1),
  })
  .strict();
/** The radar-types file. */
export type RadarTypesFile = z.infer<typeof radarTypesFileSchema>;

/** Reason: the radar-types data does not match {@link radarTypesFileSchema}. */
export const RADAR_TYPES_INVALID = 'radar-types-invalid';
/** Reason: a per-site override is out of range. */
export const RADAR_OVERRIDE_INVALID = 'radar-override-invalid';

/** Result of {@link parseRadarTypes}. */
export type RadarTypesResult =
  | { ok: true; value: RadarTypesFile }
  | { ok: false; reason: typeof RADAR_TYPES_INVALID; message: string };

/** Validates radar-types data (e.g. a user-edited copy of the JSON file). */
export function parseRadarTypes(input: unknown): RadarTypesResult {
  const parsed = radarTypesFileSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: RADAR_TYPES_INVALID, message: `雷达类型数据无效 / invalid radar types: ${issues}` };
  }
  return { ok: true, value: parsed.data };
}

const builtIn = parseRadarTypes(radarTypesJson);
if (!builtIn.ok) throw new Error(builtIn.message);

/** The built-in radar types of data/radar/radar-types.json. */
export const DEFAULT_RADAR_TYPES: RadarTypesFile = builtIn.value;

/** The built-in radar type with this id. */
export function getRadarType(id: RadarTypeId, types: RadarTypesFile = DEFAULT_RADAR_TYPES): RadarType {
  const t = types.types.find((x) => x.id === id);
  if (t === undefined) throw new RangeError(`radar type ${id} is not in the radar-types data`);
  return t;
}

/** Per-site changes to a type's defaults. */
export const radarOverridesSchema = z
  .object({
    maxRangeKm: z.number().positive().max(600).optional(),
    beamWidthDeg: z.number().positive().max(10).optional(),
    elevationsDeg: z.array(z.number().min(-2).max(90)).min(1).optional(),
    antennaHeightM: z.number().min(0).max(500).optional(),
  })
  .strict();
/** Per-site overrides. */
export type RadarOverrides = z.infer<typeof radarOverridesSchema>;

/** Parameters of one radar after overrides. */
export interface RadarParams {
  readonly typeId: RadarTypeId;
  readonly maxRangeM: number;
  readonly beamWidthDeg: number;
  readonly elevationsDeg: readonly number[];
  /** Antenna height above the ground at the site (m). */
  readonly antennaHeightM: number;
  /** Which parameters the site overrides. */
  readonly overridden: ReadonlyArray<keyof RadarOverrides>;
}

/** Result of {@link resolveRadarParams}. */
export type RadarParamsResult =
  | { ok: true; value: RadarParams }
  | RadarProblem<typeof RADAR_OVERRIDE_INVALID>;

/** Applies per-site overrides to a type's defaults. Bad overrides come back as a value. */
export function resolveRadarParams(
  typeId: RadarTypeId,
  overrides: unknown = {},
  types: RadarTypesFile = DEFAULT_RADAR_TYPES,
): RadarParamsResult {
  const parsed = radarOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))].join(', ');
    return radarProblem(RADAR_OVERRIDE_INVALID, { fields });
  }
  const o = parsed.data;
  const t = getRadarType(typeId, types);
  const overridden = (Object.keys(o) as Array<keyof RadarOverrides>).filter((k) => o[k] !== undefined);
  return {
    ok: true,
    value: {
      typeId,
      maxRangeM: (o.maxRangeKm ?? t.maxRangeKm.value) * 1000,
      beamWidthDeg: o.beamWidthDeg ?? t.beamWidthDeg.value,
      elevationsDeg: [...(o.elevationsDeg ?? t.elevationsDeg.value)].sort((a, b) => a - b),
      antennaHeightM: o.antennaHeightM ?? t.antennaHeightM.value,
      overridden,
    },
  };
}

/**
 * Guesses the radar type from a meteo-site feature name (and an optional station-list type code
 * such as "CC"): X波段/相控阵 → X-band phased array; type code SA/SB/SC or S波段 → S-band;
 * type code CC/CB/CD or C波段 or 新一代多普勒 → C-band (the 临汾 radar is listed as CC).
 * Returns null when nothing fits.
 */
export function radarTypeForName(name: string, stationType?: string): RadarTypeId | null {
  const code = stationType?.toUpperCase();
  if (code !== undefined) {
    if (code.startsWith('S')) return 's-band-doppler-sa';
    if (code.startsWith('C')) return 'c-band-doppler-cc';
  }
  if (/X波段|相控阵|X-band/i.test(name)) return 'x-band-phased-array';
  if (/S波段|S-band/i.test(name)) return 's-band-doppler-sa';
  if (/C波段|C-band|新一代多普勒|多普勒天气雷达/i.test(name)) return 'c-band-doppler-cc';
  return null;
}
