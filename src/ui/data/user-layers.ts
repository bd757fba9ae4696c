import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geodesicArea } from '../../core/geo/geodesic';
import { USER_LAYER_PREFIX, isUserLayerId } from './catalog-basics';
import { viewerPropsSchema } from './layer-catalog';
import type { CatalogLoad, LoadedLayer, ViewerFeature, ViewerProps } from './layer-catalog';
import type { StoreContent, StoredLayer, Supersession, UserCategory } from './user-layer-store';

/**
 * Pure helpers that join the user's stored data to the catalog: imported layers become catalog
 * layers (so the map, the search, the attribute table and the conflict panel see them), and
 * supersede records replace text-derived shapes by surveyed ones (低精度服从高精度).
 */

export { USER_LAYER_PREFIX, isUserLayerId };

/** Flag of a feature whose text-derived shape was replaced by surveyed coordinates. */
export const SUPERSEDES_FLAG = 'SUPERSEDES_TEXT_SHAPE';

/** Map analysis layer (MapApi.setAnalysisLayer) that shows superseded text-derived shapes on demand. */
export const SUPERSEDED_OVERLAY = 'superseded-shapes';

/** Catalog / map layer id of a stored layer; the map styles it by the category inside the id. */
export function userLayerId(layer: Pick<StoredLayer, 'id' | 'category'>): string {
  return `${USER_LAYER_PREFIX}${layer.category}:${layer.id}`;
}

/** Store id inside a catalog id made by {@link userLayerId}. */
export function storeIdOf(catalogId: string): string | null {
  if (!isUserLayerId(catalogId)) return null;
  return catalogId.slice(catalogId.lastIndexOf(':') + 1) || null;
}

/**
 * A stored layer as a catalog layer. Every feature gets the layer's category and is validated
 * against the viewer's schema; invalid features are reported in `errors`, not shown.
 */
export function toLoadedLayer(layer: StoredLayer): LoadedLayer {
  const id = userLayerId(layer);
  const features: ViewerFeature[] = [];
  const errors: string[] = [];
  layer.features.forEach((f, i) => {
    const parsed = viewerPropsSchema.safeParse({ ...f.properties, category: layer.category });
    if (!parsed.success) {
      errors.push(`${layer.name} #${i}: ${parsed.error.issues[0]?.message ?? 'invalid properties'}`);
      return;
    }
    features.push({ id: parsed.data.id, geometry: f.geometry, props: parsed.data });
  });
  return { id, features, errors };
}

function areaOf(g: Geometry): number | null {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return geodesicArea(g);
  return null;
}

/** Whether a feature's shape was derived from text (an approximate polygon a survey may replace). */
export function isTextDerived(f: ViewerFeature): boolean {
  return f.props.precisionM > 0 && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && f.props.layer !== 'imported' && f.props.layer !== 'qa';
}

/** Properties of a feature once surveyed coordinates supersede its text-derived shape. */
export function surveyedProps(previous: ViewerProps, surveyed: Geometry): ViewerProps {
  const computed = areaOf(surveyed);
  const stated = previous.statedAreaM2;
  const { construction: _construction, ...rest } = previous;
  return {
    ...rest,
    method: 'surveyed',
    precisionM: 0,
    anchor: null,
    computedAreaM2: computed,
    areaResidual: stated !== null && stated > 0 && computed !== null ? (computed - stated) / stated : null,
    flags: [SUPERSEDES_FLAG],
  };
}

/** A supersede record for a feature and the surveyed geometry that replaces its shape. */
export function buildSupersession(feature: ViewerFeature, surveyed: Geometry, sourceFile: string, sourceCrs: string, now: Date): Supersession {
  const { qa: _qa, ...props } = feature.props;
  return {
    featureId: feature.id,
    layer: feature.props.layer,
    surveyed,
    previousGeometry: feature.geometry,
    previousProps: props,
    sourceFile,
    sourceCrs,
    createdAt: now.toISOString(),
    showPrevious: false,
  };
}

/** Applies supersede records to catalog layers (new layers; the input is not changed). Returns the ids applied. */
export function applySupersessions(layers: readonly LoadedLayer[], records: readonly Supersession[]): { layers: LoadedLayer[]; applied: string[] } {
  const byId = new Map(records.map((r) => [r.featureId, r]));
  const applied: string[] = [];
  const out = layers.map((l) => {
    if (!l.features.some((f) => byId.has(f.id))) return l;
    return {
      ...l,
      features: l.features.map((f) => {
        const r = byId.get(f.id);
        if (r === undefined) return f;
        applied.push(f.id);
        return { ...f, geometry: r.surveyed, props: surveyedProps(f.props, r.surveyed) };
      }),
    };
  });
  return { layers: out, applied };
}

/** The base catalog with supersede records applied and the user's layers appended. */
export function mergeUserData(base: CatalogLoad, content: Pick<StoreContent, 'layers' | 'supersessions'>): CatalogLoad {
  const { layers } = applySupersessions(base.layers, content.supersessions);
  return { ...base, layers: [...layers, ...content.layers.map(toLoadedLayer)] };
}

/** Superseded shapes to draw (records with `showPrevious`), dashed grey, for MapApi.setAnalysisLayer. */
export function supersededOverlay(records: readonly Supersession[]): FeatureCollection | null {
  const shown = records.filter((r) => r.showPrevious);
  if (shown.length === 0) return null;
  return {
    type: 'FeatureCollection',
    features: shown.map((r): Feature => ({
      type: 'Feature',
      properties: { id: `superseded:${r.featureId}`, stroke: '#555555', strokeWidth: 2, dashed: true, fill: '#888888', fillOpacity: 0.08 },
      geometry: r.previousGeometry,
    })),
  };
}

/**
 * Both versions of a superseded feature as GeoJSON features: the surveyed shape in force
 * (`precisionM` 0, method `surveyed`, flag SUPERSEDES_TEXT_SHAPE) and the text-derived shape with
 * status `superseded` and `supersededBy` naming the survey.
 */
export function supersessionFeatures(record: Supersession): Array<Feature<Geometry, Record<string, unknown>>> {
  const prev = record.previousProps;
  const parsed = viewerPropsSchema.safeParse(prev);
  const current: Record<string, unknown> = parsed.success ? { ...surveyedProps(parsed.data, record.surveyed) } : { ...prev, method: 'surveyed', precisionM: 0, flags: [SUPERSEDES_FLAG] };
  current['surveyedFrom'] = { file: record.sourceFile, crs: record.sourceCrs, at: record.createdAt };
  return [
    { type: 'Feature', geometry: record.surveyed, properties: current },
    {
      type: 'Feature',
      geometry: record.previousGeometry,
      properties: { ...prev, id: `${record.featureId}#text-derived`, status: 'superseded', supersededBy: record.featureId, supersededAt: record.createdAt },
    },
  ];
}

/** Category labels, Chinese first. */
export const CATEGORY_LABELS: Readonly<Record<UserCategory, { 'zh-CN': string; en: string }>> = {
  'project-boundary': { 'zh-CN': '项目用地红线', en: 'Project boundary' },
  'ecological-red-line': { 'zh-CN': '生态保护红线', en: 'Ecological red line' },
  'permanent-basic-farmland': { 'zh-CN': '永久基本农田', en: 'Permanent basic farmland' },
  'urban-development-boundary': { 'zh-CN': '城镇开发边界', en: 'Urban development boundary' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
