import type { Feature, Geometry, Position } from 'geojson';
import { z } from 'zod';
import { LAYER_IDS } from '../model/feature-props';
import type { MetricProjection, MetricProjectionProvider } from './metric-projection';
import { ringCrosses, shortRingCrosses } from './edge-table';
import { repairShape, windingExcess } from './exact-overlap';
import { projectGeometry } from './planar-shape';
import type { PlanarShape } from './planar-shape';
import type { FeatureRef, GeometryNote, LayerRecord, RejectedFeature } from './report';
import type { LonLatBox } from './spatial-index';
import { layerHash } from './layer-hash';
import type { TextHasher } from './layer-hash';

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

/** Statuses of features that no longer apply and are left out of every check (counted in the report). */
export const INACTIVE_STATUSES: ReadonlySet<string> = new Set(['withdrawn', 'superseded']);

/** Reason: a feature's properties do not satisfy {@link conflictFeaturePropsSchema}. */
export const CHECK_BAD_PROPERTIES = 'bad-properties';
/** Reason: a feature's geometry is missing, unsupported or invalid. */
export const CHECK_BAD_GEOMETRY = 'bad-geometry';
/** Reason: two features share an id. */
export const CHECK_DUPLICATE_ID = 'duplicate-id';

/** A feature's projected shapes by frame (a Map, or something lighter that answers the same two calls). */
export interface ShapeCache {
  get(frame: MetricProjection): PlanarShape | undefined;
  set(frame: MetricProjection, shape: PlanarShape): unknown;
}

/** A feature ready for checking: its reference, lon/lat box and projected shapes per frame. */
export interface Prepared {
  index: number;
  ref: FeatureRef;
  box: LonLatBox;
  home: MetricProjection;
  shapes: ShapeCache;
  geometry: Geometry;
  /** The geometry was invalid and is used as the union of its parts (see {@link repairIfInvalid}). */
  repaired: boolean;
}

/** Note code: a ring collapsed in projection and was dropped. */
export const NOTE_RING_COLLAPSED = 'ring-collapsed';
/** Note code: overlapping parts or a self-crossing ring; the feature is used as the union of its parts. */
export const NOTE_GEOMETRY_REPAIRED = 'geometry-repaired';

/**
 * When a shape's winding number leaves {0, 1} by more than `toleranceM2` (parts that overlap, a
 * ring crossing itself, a hole reaching outside its shell), its repair (the union of its parts);
 * otherwise the shape itself (also when `toleranceM2` is Infinity: no check). `excessM2` is
 * ∫w² − ∫w, 0 for a valid shape.
 */
export function repairIfInvalid(shape: PlanarShape, toleranceM2: number): { shape: PlanarShape | null; excessM2: number } {
  if (shape.kind !== 'area' || toleranceM2 === Infinity || (shape.rings.length === 1 && (shape.rings[0] as Float64Array).length <= 6)) {
    return { shape, excessM2: 0 };
  }
  // A single ring without crossings is simple, and oriented counter-clockwise it has w ∈ {0, 1}.
  const only = shape.rings.length === 1 ? (shape.rings[0] as Float64Array) : null;
  if (only !== null && !(only.length <= 128 ? shortRingCrosses(only) : ringCrosses(only))) return { shape, excessM2: 0 };
  const excess = windingExcess(shape);
  if (excess.areaM2 <= Math.max(toleranceM2, 2 * excess.errorM2)) return { shape, excessM2: 0 };
  try {
    return { shape: repairShape(shape), excessM2: excess.areaM2 };
  } catch {
    // polyclip-ts could not build the union: no usable shape, the feature is reported.
    return { shape: null, excessM2: excess.areaM2 };
  }
}

/** Running lon/lat box of {@link lonLatBox}: west, south, east, north. */
const boxScratch = [Infinity, Infinity, -Infinity, -Infinity];

/**
 * Widens {@link boxScratch} by the positions of `positions` (an array of positions; a missing one or
 * anything else read as no positions, left to the projection to reject).
 */
function widenBox(positions: unknown): void {
  const list = positions as ArrayLike<Position | null | undefined>;
  const count = Array.isArray(list) ? list.length : 0;
  let w = boxScratch[0] as number;
  let s = boxScratch[1] as number;
  let e = boxScratch[2] as number;
  let n = boxScratch[3] as number;
  for (let i = 0; i < count; i++) {
    const p = list[i];
    if (p === null || p === undefined) continue;
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  boxScratch[0] = w;
  boxScratch[1] = s;
  boxScratch[2] = e;
  boxScratch[3] = n;
}

function lonLatBox(geometry: Geometry): LonLatBox {
  boxScratch[0] = Infinity;
  boxScratch[1] = Infinity;
  boxScratch[2] = -Infinity;
  boxScratch[3] = -Infinity;
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  switch (geometry.type) {
    case 'Point':
      widenBox([coordinates]);
      break;
    case 'MultiPoint':
      widenBox(coordinates);
      break;
    case 'Polygon':
      if (Array.isArray(coordinates)) for (const ring of coordinates) widenBox(ring);
      break;
    case 'MultiPolygon':
      if (Array.isArray(coordinates)) for (const polygon of coordinates) if (Array.isArray(polygon)) for (const ring of polygon) widenBox(ring);
      break;
    default:
      break;
  }
  return [boxScratch[0] as number, boxScratch[1] as number, boxScratch[2] as number, boxScratch[3] as number];
}

function rejection(layer: string, index: number, id: string | null, reason: string, detail: string | null, message: string): RejectedFeature {
  return { layer, index, id, reason, detail, message: `${layer} feature #${index}${id === null ? '' : ` (${id})`}: ${message}` };
}

/** What {@link prepareFeatures} returns. */
export interface PreparedInput {
  features: Prepared[];
  layers: LayerRecord[];
  rejected: RejectedFeature[];
  notes: GeometryNote[];
}

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

type ConflictProps = z.infer<typeof conflictFeaturePropsSchema>;
const LAYER_SET: ReadonlySet<string> = new Set(LAYER_IDS);

/** Properties in the common shape that {@link conflictFeaturePropsSchema} accepts, checked without zod; null: let zod decide. */
function plainProps(p: Record<string, unknown> | null): ConflictProps | null {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return null;
  const { id, layer, name, precisionM, category } = p;
  if (typeof id !== 'string' || id.length === 0 || typeof layer !== 'string' || !LAYER_SET.has(layer)) return null;
  if (name !== undefined && name !== null && typeof name !== 'string') return null;
  if (typeof precisionM !== 'number' || !Number.isFinite(precisionM) || precisionM < 0) return null;
  if (category !== undefined && category !== null && !(typeof category === 'string' && category.length > 0)) return null;
  return p as ConflictProps;
}

/** The first reading of a feature: its properties rejected, inactive, or its id and properties. */
export type PropsOutcome =
  | { kind: 'rejected'; rejected: RejectedFeature }
  | { kind: 'inactive' }
  | { kind: 'candidate'; id: string; props: ConflictProps };

/** Reads feature `index` of layer `layerName` as far as its properties (duplicate ids are checked by the caller). */
export function readFeatureProps(layerName: string, index: number, feature: AnyFeature): PropsOutcome {
  const plain = plainProps(feature.properties);
  if (plain !== null) {
    if (INACTIVE_STATUSES.has(String(plain['status'] ?? ''))) return { kind: 'inactive' };
    return { kind: 'candidate', id: plain.id, props: plain };
  }
  const parsed = conflictFeaturePropsSchema.safeParse(feature.properties ?? {});
  if (!parsed.success) {
    const rawId = feature.properties?.['id'];
    const detail = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
    return { kind: 'rejected', rejected: rejection(layerName, index, typeof rawId === 'string' ? rawId : null, CHECK_BAD_PROPERTIES, null, detail) };
  }
  if (INACTIVE_STATUSES.has(String(feature.properties?.['status'] ?? ''))) return { kind: 'inactive' };
  return { kind: 'candidate', id: parsed.data.id, props: parsed.data };
}

/** The geometry of a candidate feature: its notes, and either its prepared form (without index) or why it is rejected. */
export interface GeometryOutcome {
  notes: GeometryNote[];
  rejected: RejectedFeature | null;
  prepared: Omit<Prepared, 'index'> | null;
}

/** Reads, projects and checks the geometry of a candidate feature (see {@link readFeatureProps}). */
export function readFeatureGeometry(
  layerName: string,
  index: number,
  feature: AnyFeature,
  props: Extract<PropsOutcome, { kind: 'candidate' }>['props'],
  projectionFor: MetricProjectionProvider,
  repairToleranceM2: number,
): GeometryOutcome {
  const notes: GeometryNote[] = [];
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) return geometryRejection(notes, layerName, index, props.id, null, 'no geometry');
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon' && geometry.type !== 'Point' && geometry.type !== 'MultiPoint') {
    return geometryRejection(notes, layerName, index, props.id, 'unsupported-geometry', `${geometry.type} is not supported`);
  }
  const box = lonLatBox(geometry);
  if (!Number.isFinite(box[0]) || !Number.isFinite(box[1])) return geometryRejection(notes, layerName, index, props.id, 'empty-geometry', 'no coordinates');
  const home = projectionFor((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  const projected = projectGeometry(geometry, home);
  if (!projected.ok) return geometryRejection(notes, layerName, index, props.id, projected.reason, projected.message);
  for (const n of projected.notes) notes.push({ layer: layerName, id: props.id, code: NOTE_RING_COLLAPSED, params: { part: n.part, ring: n.ring, vertices: n.vertices } });
  const checked = repairIfInvalid(projected.shape, repairToleranceM2);
  if (checked.shape === null) {
    return geometryRejection(notes, layerName, index, props.id, 'repair-failed', 'invalid polygon whose union of parts could not be built or has no area');
  }
  if (checked.excessM2 > 0) notes.push({ layer: layerName, id: props.id, code: NOTE_GEOMETRY_REPAIRED, params: { excessM2: checked.excessM2 } });
  const ref: FeatureRef = {
    id: props.id,
    layer: props.layer,
    name: props.name ?? null,
    category: props.category ?? null,
    precisionM: props.precisionM,
    source: layerName,
  };
  const shapes = new Map<MetricProjection, PlanarShape>();
  shapes.set(home, checked.shape);
  return { notes, rejected: null, prepared: { ref, box, home, shapes, geometry, repaired: checked.excessM2 > 0 } };
}

function geometryRejection(notes: GeometryNote[], layerName: string, index: number, id: string, detail: string | null, message: string): GeometryOutcome {
  return { notes, rejected: rejection(layerName, index, id, CHECK_BAD_GEOMETRY, detail, message), prepared: null };
}

/**
 * Reads every feature of every layer. A feature whose properties, id or geometry cannot be used
 * is left out and listed in `rejected` with its reason; the others go on. Inactive features are
 * counted per layer; rings that collapse when projected are dropped, and invalid polygons replaced
 * by the union of their parts when the area counted twice exceeds `repairToleranceM2`; both are
 * listed in `notes`. `hasher` makes the hasher of each layer hash (default: the pure TypeScript SHA-256).
 */
export function prepareFeatures(
  layers: readonly InputLayer[],
  projectionFor: MetricProjectionProvider,
  hashLayers: boolean,
  repairToleranceM2: number,
  hasher?: () => TextHasher,
): PreparedInput {
  const features: Prepared[] = [];
  const records: LayerRecord[] = [];
  const rejected: RejectedFeature[] = [];
  const notes: GeometryNote[] = [];
  const seen = new Set<string>();
  for (const layer of layers) {
    const record: LayerRecord = {
      name: layer.name,
      featureCount: layer.features.length,
      inactiveCount: 0,
      hash: hashLayers ? layerHash(layer.features, hasher?.()) : null,
    };
    records.push(record);
    for (let i = 0; i < layer.features.length; i++) {
      const feature = layer.features[i] as AnyFeature;
      const read = readFeatureProps(layer.name, i, feature);
      if (read.kind === 'rejected') {
        rejected.push(read.rejected);
        continue;
      }
      if (read.kind === 'inactive') {
        record.inactiveCount++;
        continue;
      }
      if (seen.has(read.id)) {
        rejected.push(duplicateRejection(layer.name, i, read.id));
        continue;
      }
      seen.add(read.id);
      const outcome = readFeatureGeometry(layer.name, i, feature, read.props, projectionFor, repairToleranceM2);
      for (const n of outcome.notes) notes.push(n);
      if (outcome.rejected !== null) rejected.push(outcome.rejected);
      const p = outcome.prepared;
      if (p !== null) features.push({ index: features.length, ref: p.ref, box: p.box, home: p.home, shapes: p.shapes, geometry: p.geometry, repaired: p.repaired });
    }
  }
  return { features, layers: records, rejected, notes };
}

/** The rejection of a feature whose id an earlier feature has. */
export function duplicateRejection(layerName: string, index: number, id: string): RejectedFeature {
  return rejection(layerName, index, id, CHECK_DUPLICATE_ID, null, `id "${id}" is used twice`);
}
