import type { Feature, Geometry } from 'geojson';
import { z } from 'zod';
import type { InputLayer } from './check-conflicts';

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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What zod's `z.record` takes as a plain object (its `isPlainObject`). */
function isPlainRecord(o: unknown): o is Record<string, unknown> {
  if (!isRecord(o)) return false;
  const ctor = o['constructor'];
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot = (ctor as { prototype?: unknown }).prototype;
  return isRecord(prot) && Object.prototype.hasOwnProperty.call(prot, 'isPrototypeOf');
}

/** `z.record(z.string(), …)` fails on an enumerable own symbol key. */
function hasEnumerableSymbol(o: object): boolean {
  const symbols = Object.getOwnPropertySymbols(o);
  for (const key of symbols) if (Object.prototype.propertyIsEnumerable.call(o, key)) return true;
  return false;
}

/**
 * True exactly when the feature schema accepts `v`, checked without zod (zod is run only to describe a
 * failure); the equivalence is tested in tests/unit/core/conflicts/input-validation.test.ts.
 */
function plainFeature(v: unknown): boolean {
  if (!isRecord(v) || v['type'] !== 'Feature') return false;
  const id = v['id'];
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return false;
  const g = v['geometry'];
  if (g !== null && !(isRecord(g) && typeof g['type'] === 'string')) return false;
  const p = v['properties'];
  return p === null || (isPlainRecord(p) && !hasEnumerableSymbol(p));
}

/** True exactly when the collection schema accepts `v` (see {@link plainFeature}). */
function plainCollection(v: unknown): boolean {
  if (!isRecord(v) || v['type'] !== 'FeatureCollection') return false;
  const features = v['features'];
  if (!Array.isArray(features)) return false;
  for (let i = 0; i < features.length; i++) if (!plainFeature(features[i])) return false;
  return true;
}

/**
 * The message {@link toInputLayer} gives when feature `index` of layer `name` is the first that is not a
 * GeoJSON Feature, or null when it is one (for readers that check features one by one).
 */
export function featureProblem(name: string, index: number, value: unknown): string | null {
  if (plainFeature(value)) return null;
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
  const parsed = plainCollection(value) ? null : collectionSchema.safeParse(value);
  if (parsed !== null && !parsed.success) {
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
