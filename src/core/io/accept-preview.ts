import type { Feature, Geometry } from 'geojson';
import { parcelArea } from '../geo/parcel-area';
import type { FeatureProps, FeatureStatus } from '../model/feature-props';
import type { ImportIssue, ImportPreview, SourceProperties, StatedArea, VertexSource } from './import-types';
import { allFinite, polygonsOf } from './preview-geometry';

/**
 * Acceptance of an import preview: the previewed features become features of the `imported`
 * layer with the project's properties (source, method, precision, stated and computed areas).
 */

/** Properties of an accepted imported feature: the project schema plus the source attributes. */
export type ImportedFeatureProps = FeatureProps & {
  /** The attributes the source file carried, unchanged. */
  readonly attributes: SourceProperties;
  /** Point names (点号) per part and ring, from coordinate tables. */
  readonly pointNames?: string[][][];
};

/** Options of {@link acceptPreview}. */
export interface AcceptOptions {
  /** Prefix of the generated feature ids (`<prefix>-1`, `<prefix>-2` …). */
  readonly idPrefix: string;
  /** Position precision in metres; default the file's `精度=` (land-block), else 0 with the flag `precision-assumed`. */
  readonly precisionM?: number;
  readonly status?: FeatureStatus;
  readonly county?: string;
  /** Accept even with `error` findings left (they are listed in the flags). */
  readonly allowErrors?: boolean;
}

/** Why a preview was not accepted. */
export const ACCEPT_REASONS = {
  /** Error-level problems remain and `allowErrors` was not set. */
  unresolvedErrors: 'unresolved-errors',
} as const;

/** The outcome of {@link acceptPreview}. */
export type AcceptResult =
  | { readonly ok: true; readonly features: Feature<Geometry, ImportedFeatureProps>[] }
  | { readonly ok: false; readonly reason: (typeof ACCEPT_REASONS)[keyof typeof ACCEPT_REASONS]; readonly message: string; readonly problems: readonly ImportIssue[] };

const NAME_KEYS = ['name', 'Name', 'NAME', '名称', '地块名称', '项目名称', 'title', 'label'];

/** The first non-blank string among the name-like attributes. */
function nameOf(properties: SourceProperties): string | undefined {
  for (const k of NAME_KEYS) {
    const v = properties[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
}

/** Point names per part, ring and vertex from the vertex sources, or null when none has a name. */
function pointNamesOf(sources: readonly (readonly (readonly VertexSource[])[])[] | null): string[][][] | null {
  if (sources === null) return null;
  const names = sources.map((part) => part.map((ring) => ring.map((v) => v.name ?? '')));
  return names.some((p) => p.some((r) => r.some((n) => n !== ''))) ? names : null;
}

/** `invalid:<code>` flags of the error-level problems, per feature, in problem order. */
function invalidFlagsByFeature(problems: readonly ImportIssue[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const p of problems) {
    const feature = p.location.feature;
    if (feature === undefined || p.severity !== 'error') continue;
    const list = out.get(feature);
    if (list === undefined) out.set(feature, [`invalid:${p.code}`]);
    else list.push(`invalid:${p.code}`);
  }
  return out;
}

/**
 * Turns a preview into features of the `imported` layer. Refuses (as a value) while error-level
 * problems remain, unless `allowErrors` is set.
 */
export function acceptPreview(preview: ImportPreview, options: AcceptOptions): AcceptResult {
  if (options.idPrefix.trim() === '') throw new RangeError('acceptPreview needs a non-empty idPrefix');
  const errors = preview.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && options.allowErrors !== true) {
    return {
      ok: false,
      reason: ACCEPT_REASONS.unresolvedErrors,
      message: `还有 ${errors.length} 个错误未处理 / ${errors.length} error(s) remain unresolved`,
      problems: errors,
    };
  }
  const statedByFeature = new Map<number, StatedArea>();
  for (const s of preview.statedAreas) if (!statedByFeature.has(s.feature)) statedByFeature.set(s.feature, s);
  const invalidFlags = invalidFlagsByFeature(preview.problems);
  const baseFlags = ['imported', `source-crs:EPSG:${preview.crs.epsg}`];
  if (preview.crs.confidence === 'assumed') baseFlags.push('crs-assumed');
  const precisionM = options.precisionM ?? preview.statedPrecisionM;
  if (precisionM === undefined) baseFlags.push('precision-assumed');
  const method = `imported-${preview.format}`;
  const features = preview.features.map((f, i): Feature<Geometry, ImportedFeatureProps> => {
    const stated = statedByFeature.get(i);
    const polygons = polygonsOf(f.geometry);
    const computed = polygons.length > 0 && allFinite(polygons) ? parcelArea(polygons) : null;
    const nameValue = nameOf(f.properties);
    const invalid = invalidFlags.get(i);
    const pointNames = pointNamesOf(preview.vertexSources?.[i] ?? null);
    const props: ImportedFeatureProps = {
      id: `${options.idPrefix}-${i + 1}`,
      layer: 'imported',
      name: nameValue !== undefined ? nameValue.trim() : `${preview.fileName} #${i + 1}`,
      county: options.county ?? '',
      status: options.status ?? 'in-force',
      docNumber: null,
      docDate: null,
      issuer: null,
      source: null,
      method,
      anchor: null,
      precisionM: precisionM ?? 0,
      statedAreaM2: stated?.statedM2 ?? null,
      computedAreaM2: computed,
      areaResidual: stated !== undefined && computed !== null && stated.statedM2 > 0 ? (computed - stated.statedM2) / stated.statedM2 : null,
      flags: invalid === undefined ? [...baseFlags] : [...new Set([...baseFlags, ...invalid])],
      recordId: null,
      attributes: { ...f.properties },
    };
    return { type: 'Feature', geometry: f.geometry, properties: pointNames === null ? props : { ...props, pointNames } };
  });
  return { ok: true, features };
}
