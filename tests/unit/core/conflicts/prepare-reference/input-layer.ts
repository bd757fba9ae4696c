// Reference for equivalence tests: src/core/conflicts/input-layer.ts as of commit 7b69aba, before the per-feature
// preparation was made faster, with validation by the zod schemas alone (the schemas of record).
import type { Feature, Geometry } from 'geojson';
import { z } from 'zod';
import type { InputLayer } from '../../../../../src/core/conflicts/check-conflicts';

/** Reason: the value is not a GeoJSON FeatureCollection. */
export const INPUT_NOT_FEATURE_COLLECTION = 'not-feature-collection';

/** Result of {@link toInputLayer}. */
export type InputLayerResult =
  | { ok: true; layer: InputLayer }
  | { ok: false; reason: typeof INPUT_NOT_FEATURE_COLLECTION; message: string };

const featureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.union([z.string(), z.number()]).optional(),
    geometry: z.object({ type: z.string() }).loose().nullable(),
    properties: z.record(z.string(), z.unknown()).nullable(),
  })
  .loose();

const collectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(featureSchema),
  })
  .loose();

/**
 * The message {@link toInputLayer} gives when feature `index` of layer `name` is the first that is not a
 * GeoJSON Feature, or null when it is one (for readers that check features one by one).
 */
export function featureProblem(name: string, index: number, value: unknown): string | null {
  const parsed = featureSchema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${name}: not a GeoJSON FeatureCollection (${issue === undefined ? '' : `${['features', index, ...issue.path].join('.')}: ${issue.message}`})`;
}

/** A feature of an imported layer of `category` with the defaults {@link toInputLayer} fills in (`index` in its layer). */
export function withImportDefaults(
  name: string,
  index: number,
  f: Feature<Geometry | null, Record<string, unknown> | null>,
  category: string,
  defaultPrecisionM = 0,
): Feature<Geometry | null, Record<string, unknown>> {
  const props = { ...(f.properties ?? {}) };
  props['layer'] ??= 'imported';
  props['category'] ??= category;
  props['id'] ??= f.id === undefined ? `${name}#${index}` : String(f.id);
  props['precisionM'] ??= defaultPrecisionM;
  return { ...f, properties: props };
}

/** Options of {@link toInputLayer}. */
export interface InputLayerOptions {
  /**
   * Category for an imported layer (e.g. `ecological-red-line`). When given, features without a
   * `layer` become `imported`, features without a `category` get this one, features without an
   * `id` get `<name>#<index>` (or their GeoJSON `id`), and features without `precisionM` get
   * `defaultPrecisionM`.
   */
  category?: string;
  /** Precision radius for imported features that carry none (default 0: taken as surveyed). */
  defaultPrecisionM?: number;
}

/**
 * Checks that `value` is a FeatureCollection and turns it into an engine input layer. Feature
 * properties are validated later by the engine; only imported layers get defaults filled in.
 */
export function toInputLayer(name: string, value: unknown, options: InputLayerOptions = {}): InputLayerResult {
  const parsed = collectionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: INPUT_NOT_FEATURE_COLLECTION,
      message: `${name}: not a GeoJSON FeatureCollection (${issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`})`,
    };
  }
  const source = value as { features: Array<Feature<Geometry | null, Record<string, unknown> | null>> };
  if (options.category === undefined) return { ok: true, layer: { name, features: source.features } };
  const category = options.category;
  const features = source.features.map((f, i) => withImportDefaults(name, i, f, category, options.defaultPrecisionM));
  return { ok: true, layer: { name, features } };
}
