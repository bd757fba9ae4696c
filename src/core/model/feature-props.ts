import { z } from 'zod';
import './zod-config';

/** Map layers the product knows. `imported` covers every user-supplied layer. */
export const LAYER_IDS = [
  'chemical-park',
  'land-acquisition',
  'relic-protection',
  'relic-control',
  'meteo-site',
  'imported',
] as const;
/** One of {@link LAYER_IDS}. */
export type LayerId = (typeof LAYER_IDS)[number];

/** Legal status of a feature's boundary. */
export const FEATURE_STATUSES = ['in-force', 'superseded', 'planned', 'withdrawn'] as const;
/** One of {@link FEATURE_STATUSES}. */
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/** Where a feature's text came from. */
export const sourceRefSchema = z.object({
  /** File under data/sources/ the quote comes from. */
  file: z.string().min(1),
  /** Line range in the original seed gazette, inclusive. */
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** Verbatim quote of the clause(s) that define the feature. */
  quote: z.string().min(1),
});
/** Source reference of a feature. */
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** The anchor point a text-derived shape was placed at. */
export const anchorRefSchema = z.object({
  name: z.string().min(1),
  /** Gazetteer level of the anchor actually used (a fallback shows here). */
  level: z.enum(['city', 'county', 'town', 'village', 'site', 'user']),
  /** Where the anchor's coordinates come from. */
  source: z.string().min(1),
  lon: z.number().gte(-180).lte(180),
  lat: z.number().gte(-90).lte(90),
});
/** Anchor reference of a feature. */
export type AnchorRef = z.infer<typeof anchorRefSchema>;

/** Parameters of a constructed shape, in the local Gauss-Krüger frame it was built in. */
export const constructionSchema = z.object({
  /** EPSG code of the CGCS2000 3° Gauss-Krüger zone (unprefixed) the shape was built in. */
  frameEpsg: z.number().int(),
  /** `cardinal` (sides face N/E/S/W) or `diagonal` (sides face NE/SE/SW/NW). */
  scheme: z.enum(['cardinal', 'diagonal', 'circle', 'none']),
  /** Side of the square reference footprint (m), for offset rectangles. */
  footprintM: z.number().nonnegative().nullable(),
  /** Footprint as a rectangle [along p, along q] (m), when solved from two stated areas. */
  footprintPQM: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
  /** Offsets used per side (m): keys N, E, S, W or NE, SE, SW, NW. */
  offsetsM: z.record(z.string(), z.number()).nullable(),
  /** Sides whose offset was assumed, not read. */
  assumedSides: z.array(z.string()),
  /** Free-form notes of the solver (solved, area-unreachable, limits-only …). */
  notes: z.array(z.string()),
});
/** Construction parameters of a feature. */
export type Construction = z.infer<typeof constructionSchema>;

/**
 * Properties every feature of every layer carries. Provenance (source, method) and position
 * precision are mandatory: the UI never shows a shape without knowing how good it is.
 */
export const featurePropsSchema = z.object({
  id: z.string().min(1),
  layer: z.enum(LAYER_IDS),
  name: z.string().min(1),
  county: z.string(),
  status: z.enum(FEATURE_STATUSES),
  docNumber: z.string().nullable(),
  docDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  issuer: z.string().nullable(),
  source: sourceRefSchema.nullable(),
  /** Construction method, e.g. `offset-rectangle-solved`, `four-bounds-scaled`, `county-candidate`, `surveyed`. */
  method: z.string().min(1),
  anchor: anchorRefSchema.nullable(),
  /** Radius in metres within which the true position may lie. 0 only for surveyed data. */
  precisionM: z.number().nonnegative(),
  statedAreaM2: z.number().nonnegative().nullable(),
  computedAreaM2: z.number().nonnegative().nullable(),
  /** (computed - stated) / stated, or null when either is unknown. */
  areaResidual: z.number().nullable(),
  flags: z.array(z.string()),
  /** Id of the parsed record this feature was built from. */
  recordId: z.string().nullable(),
  /** The clauses of the source that produced the shape, each with the edge it made (for highlighting). */
  clauses: z
    .array(z.object({ text: z.string().min(1), edge: z.string().nullable(), role: z.string().min(1) }))
    .optional(),
  /** How the shape was built, with the numbers needed to measure it back. */
  construction: constructionSchema.optional(),
  /** Grade of a graded construction-control zone: 1, 2 or 3 for 一类/二类/三类建设控制地带. */
  grade: z.number().int().min(1).max(3).optional(),
});
/** Properties of a feature in any layer. */
export type FeatureProps = z.infer<typeof featurePropsSchema>;
