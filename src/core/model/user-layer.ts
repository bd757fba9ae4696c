import { z } from 'zod';
import type { Feature, Geometry } from 'geojson';

/**
 * The user's own layers and supersede records as stored (IndexedDB) and backed up: their schemas. A stored
 * layer keeps its visibility so that a reload shows it as the user left it.
 */

/** Categories a user assigns to an imported layer; the conflict rules match them. */
export const USER_CATEGORIES = ['project-boundary', 'ecological-red-line', 'permanent-basic-farmland', 'urban-development-boundary', 'other'] as const;
/** One of {@link USER_CATEGORIES}. */
export type UserCategory = (typeof USER_CATEGORIES)[number];

const geometrySchema = z.looseObject({ type: z.string() }).transform((g) => g as unknown as Geometry);
const featureSchema = z.looseObject({
  type: z.literal('Feature'),
  geometry: geometrySchema,
  properties: z.record(z.string(), z.unknown()),
});

/** Where an imported layer came from. */
export const layerSourceSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  /** EPSG code and name of the source CRS the import chose. */
  crsEpsg: z.number().int(),
  crsName: z.string(),
  zone: z.number().int().nullable(),
});

/**
 * A large layer (issue 9): its features are not in `features` (left empty) but in `data`, a Blob
 * of GeoJSON text the page never parses; `map` is the slim copy MapLibre fetches through a blob:
 * URL. Blobs in IndexedDB are handles, so reading the record costs the page nothing.
 */
export const largeLayerSchema = z.object({
  featureCount: z.number().int().nonnegative(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** Prefix of the feature ids (`<prefix>-1` …). */
  idPrefix: z.string().min(1),
  data: z.instanceof(Blob),
  map: z.instanceof(Blob),
  /** PNG of every polygon drawn once, shown instead of the polygons at low zoom; absent in older records. */
  overview: z.object({ image: z.instanceof(Blob), bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]) }).optional(),
});
/** The Blob part of a large layer. */
export type LargeLayer = z.infer<typeof largeLayerSchema>;

/** An imported layer as stored. */
export const storedLayerSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{4,40}$/),
  name: z.string().min(1),
  category: z.enum(USER_CATEGORIES),
  visible: z.boolean(),
  features: z.array(featureSchema),
  createdAt: z.string(),
  source: layerSourceSchema,
  large: largeLayerSchema.optional(),
});
/** An imported layer as stored. */
export type StoredLayer = Omit<z.infer<typeof storedLayerSchema>, 'features'> & {
  features: Array<Feature<Geometry, Record<string, unknown>>>;
};

/**
 * A surveyed shape attached to a text-derived feature (低精度服从高精度): the feature takes the
 * surveyed geometry; the text-derived geometry and properties are kept as the superseded version.
 */
export const supersessionSchema = z.object({
  featureId: z.string().min(1),
  layer: z.string().min(1),
  surveyed: geometrySchema,
  previousGeometry: geometrySchema,
  previousProps: z.record(z.string(), z.unknown()),
  /** File (or "pasted text") the coordinates came from, and the CRS read. */
  sourceFile: z.string(),
  sourceCrs: z.string(),
  createdAt: z.string(),
  /** Whether the superseded text-derived shape is drawn on the map. */
  showPrevious: z.boolean(),
  /** Method of the shape in force when it is not a survey (e.g. `drawn-along-four-bounds`); absent: `surveyed`. */
  method: z.string().min(1).optional(),
  /** Position precision (m) the user stated for a drawn shape; absent: 0 (surveyed). */
  precisionM: z.number().nonnegative().finite().optional(),
});
/** A supersede record. */
export type Supersession = z.infer<typeof supersessionSchema>;
