import type { Feature, Geometry } from 'geojson';
import { geodesicArea } from '../geo/geodesic';
import { viewerPropsSchema } from './catalog-feature';
import type { LoadedLayer, ViewerFeature, ViewerProps } from './catalog-feature';
import type { Supersession } from './user-layer';

/**
 * The supersession model (低精度服从高精度): surveyed coordinates replace a text-derived shape; the feature
 * keeps its identity and takes the surveyed geometry with precision 0, and the text-derived version is kept
 * as superseded.
 */

/** Flag of a feature whose text-derived shape was replaced by surveyed coordinates. */
export const SUPERSEDES_FLAG = 'SUPERSEDES_TEXT_SHAPE';

function areaOf(g: Geometry): number | null {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return geodesicArea(g);
  return null;
}

/** Whether a feature's shape was derived from text (an approximate polygon a survey may replace). */
export function isTextDerived(f: ViewerFeature): boolean {
  return f.props.precisionM > 0 && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && f.props.layer !== 'imported' && f.props.layer !== 'qa';
}

/**
 * Properties of a feature once surveyed coordinates (or a shape the user drew, with its `method` and stated
 * `precisionM`) supersede its text-derived shape.
 */
export function surveyedProps(previous: ViewerProps, surveyed: Geometry, method = 'surveyed', precisionM = 0): ViewerProps {
  const computed = areaOf(surveyed);
  const stated = previous.statedAreaM2;
  const { construction: _construction, ...rest } = previous;
  return {
    ...rest,
    method,
    precisionM,
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
        return { ...f, geometry: r.surveyed, props: surveyedProps(f.props, r.surveyed, r.method, r.precisionM) };
      }),
    };
  });
  return { layers: out, applied };
}

/**
 * Both versions of a superseded feature as GeoJSON features: the surveyed shape in force
 * (`precisionM` 0, method `surveyed`, flag SUPERSEDES_TEXT_SHAPE) and the text-derived shape with
 * status `superseded` and `supersededBy` naming the survey.
 */
export function supersessionFeatures(record: Supersession): Array<Feature<Geometry, Record<string, unknown>>> {
  const prev = record.previousProps;
  const parsed = viewerPropsSchema.safeParse(prev);
  const current: Record<string, unknown> = parsed.success
    ? { ...surveyedProps(parsed.data, record.surveyed, record.method, record.precisionM) }
    : { ...prev, method: record.method ?? 'surveyed', precisionM: record.precisionM ?? 0, flags: [SUPERSEDES_FLAG] };
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
