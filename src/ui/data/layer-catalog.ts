import { z } from 'zod';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { featurePropsSchema } from '../../core/model/feature-props';
import type { StringKey } from '../i18n';

/**
 * The one place that knows where layer data lives. Files are bundled with Vite's `?url` and
 * fetched at run time from the same origin. The pipeline's `data/layers/<layer>.geojson` are used
 * when they exist; until then the hand-made sample in `tests/fixtures/layers-sample/`.
 */
const PIPELINE_URLS = import.meta.glob<string>('../../../data/layers/*.geojson', { query: '?url', import: 'default', eager: true });
const SAMPLE_URLS = import.meta.glob<string>('../../../tests/fixtures/layers-sample/*.geojson', { query: '?url', import: 'default', eager: true });
const QA_URLS = import.meta.glob<string>('../../../data/qa/report.json', { query: '?url', import: 'default', eager: true });

/** Which data set the app shows: the pipeline's when present. Switch to `'sample'` to force the sample. */
const DATA_SET: 'auto' | 'sample' = 'auto';

/** Thematic layers, bottom-to-top in the legend order. */
export const CATALOG = [
  { id: 'chemical-park', label: 'layerChemicalPark' },
  { id: 'land-acquisition', label: 'layerLandAcquisition' },
  { id: 'relic-protection', label: 'layerRelicProtection' },
  { id: 'relic-control', label: 'layerRelicControl' },
  { id: 'meteo-site', label: 'layerMeteoSite' },
  { id: 'qa', label: 'layerQa' },
] as const satisfies ReadonlyArray<{ id: string; label: StringKey }>;

/** Id of a catalogued layer. */
export type CatalogLayerId = (typeof CATALOG)[number]['id'];

/** i18n key of a layer's name (imported layers share one). */
export function layerLabel(id: string): StringKey {
  return CATALOG.find((c) => c.id === id)?.label ?? 'layerImported';
}

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

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res.json() as Promise<unknown>;
}

function urlFor(map: Record<string, string>, id: string): string | undefined {
  return Object.entries(map).find(([path]) => path.endsWith(`/${id}.geojson`))?.[1];
}

/** Loads and validates every catalogued layer (and the QA report when it exists). */
export async function loadCatalog(): Promise<CatalogLoad> {
  const usePipeline = DATA_SET === 'auto' && Object.keys(PIPELINE_URLS).length > 0;
  const urls = usePipeline ? PIPELINE_URLS : SAMPLE_URLS;
  const qaUrl = usePipeline ? Object.values(QA_URLS)[0] : undefined;
  // The QA report is fetched alongside the layers, not after them.
  const qaJson = qaUrl ? fetchJson(qaUrl).then((json) => ({ ok: true as const, json }), (error: unknown) => ({ ok: false as const, error })) : null;
  const layers = await Promise.all(
    CATALOG.filter((c) => c.id !== 'qa').map(async ({ id }): Promise<LoadedLayer> => {
      try {
        const url = urlFor(urls, id);
        if (!url) return { id, features: [], errors: [] };
        return parseLayer(id, await fetchJson(url));
      } catch (error: unknown) {
        return { id, features: [], errors: [`${id}: ${error instanceof Error ? error.message : String(error)}`] };
      }
    }),
  );
  let qa: LoadedLayer = { id: 'qa', features: [], errors: [] };
  if (qaJson) {
    const got = await qaJson;
    try {
      if (!got.ok) throw got.error;
      qa = parseQaReport(got.json, layers);
    } catch (error: unknown) {
      qa = { id: 'qa', features: [], errors: [`qa: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }
  return { layers: [...layers, qa], sample: !usePipeline };
}

/** A layer as a GeoJSON FeatureCollection for the map (properties flattened as the map expects). */
export function toFeatureCollection(layer: LoadedLayer): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: layer.features.map((f): Feature => ({ type: 'Feature', properties: { ...f.props }, geometry: f.geometry })),
  };
}

/** Bounding box [w, s, e, n] of a geometry. */
export function bboxOf(g: Geometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) {
      for (const x of c) visit(x);
    }
  };
  if (g.type !== 'GeometryCollection') visit(g.coordinates);
  return [w, s, e, n];
}
