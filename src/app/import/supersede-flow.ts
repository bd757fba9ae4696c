import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { ImportPreview } from '../../core/io/index';
import type { LoadedLayer, ViewerFeature } from '../../core/model/catalog-feature';
import type { Supersession } from '../../core/model/user-layer';
import { buildSupersession, isTextDerived } from '../../core/model/supersession';
import { geodesicArea } from '../../core/geo/geodesic';
import type { Notices } from './notices';
import type { UserData } from './user-data';

/**
 * Supersede (低精度服从高精度): surveyed coordinates from an import replace the shape of a text-derived
 * feature; the old shape is kept as the superseded version. App-layer flow over the store.
 */

/** The polygons of a preview as one geometry; null when it has none. */
export function previewPolygon(features: ReadonlyArray<{ geometry: Geometry }>): Polygon | MultiPolygon | null {
  const polys: Polygon['coordinates'][] = [];
  for (const f of features) {
    if (f.geometry.type === 'Polygon') polys.push(f.geometry.coordinates);
    else if (f.geometry.type === 'MultiPolygon') polys.push(...f.geometry.coordinates);
  }
  if (polys.length === 0) return null;
  if (polys.length === 1 && polys[0] !== undefined) return { type: 'Polygon', coordinates: polys[0] };
  return { type: 'MultiPolygon', coordinates: polys };
}

/** Features a survey may replace: text-derived ones, and those already superseded (to replace again). */
export function supersedeTargets(layers: readonly LoadedLayer[], supersessions: readonly Supersession[]): ViewerFeature[] {
  const done = new Set(supersessions.map((s) => s.featureId));
  return layers.flatMap((l) => l.features).filter((f) => isTextDerived(f) || done.has(f.id));
}

/** Default share by which a surveyed area may differ from the gazette's stated area before the user is warned. */
export const SUPERSEDE_AREA_WARN_SHARE = 0.05;

/** The surveyed area against the stated one: null when the feature states no area. */
export function areaDifference(surveyed: Polygon | MultiPolygon, statedM2: number | null): { surveyedM2: number; statedM2: number; share: number } | null {
  if (statedM2 === null || !(statedM2 > 0)) return null;
  const surveyedM2 = geodesicArea(surveyed);
  return { surveyedM2, statedM2, share: (surveyedM2 - statedM2) / statedM2 };
}

/**
 * Replaces the shape of `target` by the polygons of `preview`. Refused (a notice) while the preview has
 * error-level problems the user did not accept. True when stored.
 */
export async function supersede(
  preview: ImportPreview,
  target: ViewerFeature,
  allowErrors: boolean,
  userData: UserData,
  notices: Notices,
  now: Date = new Date(),
  warnShare: number = SUPERSEDE_AREA_WARN_SHARE,
): Promise<boolean> {
  const surveyed = previewPolygon(preview.features);
  if (surveyed === null) return false;
  const errors = preview.problems.filter((x) => x.severity === 'error');
  if (errors.length > 0 && !allowErrors) {
    notices.error('accept-refused', 'unresolved-errors', { n: errors.length });
    return false;
  }
  const crsText = `${preview.crs.name} (EPSG:${preview.crs.epsg})`;
  const existing = userData.state.content.supersessions.find((s) => s.featureId === target.id);
  const record: Supersession = existing
    ? { ...existing, surveyed, sourceFile: preview.fileName, sourceCrs: crsText, createdAt: now.toISOString() }
    : buildSupersession(target, surveyed, preview.fileName, crsText, now);
  const stored = await userData.afterWrite(await userData.store.putSupersession(record), { code: 'superseded', vars: { name: target.props.name } });
  const diff = areaDifference(surveyed, target.props.statedAreaM2);
  if (stored && diff !== null && Math.abs(diff.share) > warnShare) {
    notices.warn('superseded-area-differs', 'area-differs', {
      name: target.props.name,
      surveyed: diff.surveyedM2.toFixed(1),
      stated: diff.statedM2.toFixed(1),
      pct: `${diff.share >= 0 ? '+' : ''}${(diff.share * 100).toFixed(2)}`,
      limit: (warnShare * 100).toFixed(0),
    });
  }
  return stored;
}
