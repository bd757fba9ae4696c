import { z } from 'zod';
import type { Geometry } from 'geojson';
import { featurePropsSchema } from '../../core/model/feature-props';
import { bboxOf, fetchCatalogFiles } from './catalog-basics';
import type { CatalogFiles, Fetched } from './catalog-basics';

/**
 * Validation of the layer files (the schemas of the feature properties and of the QA report). The
 * layer list, the fetching and the plain helpers are in `catalog-basics.ts` (no schemas, so the
 * shell can start with them) and are re-exported here.
 */
export { CATALOG, bboxOf, layerLabel, toFeatureCollection } from './catalog-basics';
export type { CatalogLayerId } from './catalog-basics';

/**
 * Feature properties as the viewer reads them: the shared schema plus the optional raw texts of
 * the clauses that produced the edges (used to highlight them in the quote).
 */
export const viewerPropsSchema = featurePropsSchema.extend({
  layer: z.string().min(1),
  clauseTexts: z.array(z.string()).optional(),
  /** Parsed clauses as the pipeline writes them; only their raw text is used here. */
  clauses: z.array(z.looseObject({ text: z.string() })).optional(),
  /** QA findings about the feature's record (joined from data/qa/report.json by recordId). */
  qa: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })).optional(),
  /** Category of an imported feature (`project-boundary`, `ecological-red-line` …) that the conflict rules match. */
  category: z.string().min(1).optional(),
});
/** Properties of a feature in the viewer. */
export type ViewerProps = z.infer<typeof viewerPropsSchema>;

/** A validated feature. */
export interface ViewerFeature {
  id: string;
  geometry: Geometry;
  props: ViewerProps;
}

/** A loaded layer. */
export interface LoadedLayer {
  id: string;
  features: ViewerFeature[];
  /** Problems with individual features or the file, in English (shown to the user verbatim). */
  errors: string[];
}

/** Result of loading every layer. */
export interface CatalogLoad {
  layers: LoadedLayer[];
  /** Whether the hand-made sample (not pipeline output) is shown. */
  sample: boolean;
}

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: z.unknown(), geometry: z.unknown(), id: z.unknown().optional() })),
});

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

function isGeometry(g: unknown): g is Geometry {
  return typeof g === 'object' && g !== null && 'type' in g && typeof g.type === 'string' && GEOMETRY_TYPES.has(g.type) && 'coordinates' in g && Array.isArray(g.coordinates);
}

/** Validates a parsed GeoJSON layer: every feature's properties against the schema; bad features are reported, not shown. */
export function parseLayer(id: string, json: unknown): LoadedLayer {
  const fc = featureCollectionSchema.safeParse(json);
  if (!fc.success) return { id, features: [], errors: [`${id}: not a GeoJSON FeatureCollection (${fc.error.issues[0]?.message ?? 'invalid'})`] };
  const features: ViewerFeature[] = [];
  const errors: string[] = [];
  fc.data.features.forEach((f, i) => {
    const props = viewerPropsSchema.safeParse(f.properties);
    if (!props.success) {
      const issue = props.error.issues[0];
      errors.push(`${id} #${i}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid properties'}`);
      return;
    }
    if (!isGeometry(f.geometry)) {
      errors.push(`${id} #${i} (${props.data.id}): missing or unsupported geometry`);
      return;
    }
    features.push({ id: props.data.id, geometry: f.geometry, props: props.data });
  });
  return { id, features, errors };
}

const qaReportSchema = z.object({
  findings: z.array(
    z.looseObject({
      code: z.string(),
      severity: z.string(),
      message: z.string(),
      name: z.string().nullable().optional(),
      recordId: z.string().nullable().optional(),
    }),
  ),
});

function centreOf(g: Geometry): [number, number] {
  const [w, s, e, n] = bboxOf(g);
  return [(w + e) / 2, (s + n) / 2];
}

/**
 * Joins the QA report (data/qa/report.json: findings per parsed record) to the features by
 * `recordId`: each feature gets its findings (`qa`), and the QA layer gets one marker per record
 * with findings, at the centre of the record's first feature.
 */
export function parseQaReport(json: unknown, layers: readonly LoadedLayer[]): LoadedLayer {
  const r = qaReportSchema.safeParse(json);
  if (!r.success) return { id: 'qa', features: [], errors: [`qa: not a QA report (${r.error.issues[0]?.message ?? 'invalid'})`] };
  const byRecord = new Map<string, Array<{ code: string; severity: string; message: string }>>();
  for (const f of r.data.findings) {
    if (!f.recordId) continue;
    const list = byRecord.get(f.recordId) ?? [];
    list.push({ code: f.code, severity: f.severity, message: f.message });
    byRecord.set(f.recordId, list);
  }
  const features: ViewerFeature[] = [];
  const placed = new Set<string>();
  for (const layer of layers) {
    for (const f of layer.features) {
      const rid = f.props.recordId;
      const found = rid ? byRecord.get(rid) : undefined;
      if (!rid || !found) continue;
      f.props.qa = found;
      if (placed.has(rid)) continue;
      placed.add(rid);
      const id = `qa:${rid}`;
      const worst = found.some((x) => x.severity === 'error') ? 'error' : found.some((x) => x.severity === 'warning') ? 'warning' : 'info';
      features.push({
        id,
        geometry: { type: 'Point', coordinates: centreOf(f.geometry) },
        props: {
          id,
          layer: 'qa',
          name: `${f.props.name.replace(/\s*(保护范围|建设控制地带)$/, '')}(${found.length})`,
          county: f.props.county,
          status: 'in-force',
          docNumber: f.props.docNumber,
          docDate: f.props.docDate,
          issuer: f.props.issuer,
          source: f.props.source,
          method: `qa-${worst}`,
          anchor: f.props.anchor,
          precisionM: f.props.precisionM,
          statedAreaM2: null,
          computedAreaM2: null,
          areaResidual: null,
          flags: [...new Set(found.map((x) => x.code))],
          recordId: rid,
          qa: found,
        },
      });
    }
  }
  return { id: 'qa', features, errors: [] };
}

function settledJson(got: Fetched): unknown {
  if (!got.ok) throw got.error;
  return got.json;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Validates every catalogued layer (and the QA report when there is one) as its file arrives. */
export async function loadCatalog(files: CatalogFiles = fetchCatalogFiles()): Promise<CatalogLoad> {
  const layers = await Promise.all(
    files.layers.map(async ({ id, file }): Promise<LoadedLayer> => {
      if (!file) return { id, features: [], errors: [] };
      try {
        return parseLayer(id, settledJson(await file));
      } catch (error: unknown) {
        return { id, features: [], errors: [`${id}: ${message(error)}`] };
      }
    }),
  );
  let qa: LoadedLayer = { id: 'qa', features: [], errors: [] };
  if (files.qa) {
    try {
      qa = parseQaReport(settledJson(await files.qa), layers);
    } catch (error: unknown) {
      qa = { id: 'qa', features: [], errors: [`qa: ${message(error)}`] };
    }
  }
  return { layers: [...layers, qa], sample: files.sample };
}
