import type { Feature, Point } from 'geojson';
import { featurePropsSchema } from '../model/feature-props';
import type { FeatureProps } from '../model/feature-props';
import { radarProblem } from './radar-problem';
import type { RadarProblem } from './radar-problem';

/** A sampled candidate site (see `sampleCandidates` in ./site-ranking). */
export interface PinnableCandidate {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
}

/** Reason: the pinned feature would not satisfy the feature schema. */
export const PIN_INVALID = 'pin-invalid';
/** Reason: the feature is not a planned site still to be chosen (an existing facility is never moved). */
export const PIN_NOT_A_CANDIDATE = 'pin-not-a-candidate';

/**
 * Whether a meteo-site feature's site is still to be chosen, so that a sampled candidate may be pinned as
 * its site: a planned feature flagged SITE_NOT_CHOSEN (or already pinned by the user). Existing
 * facilities (in force, or planned at a published site) are not.
 */
export function isSiteToChoose(props: Pick<FeatureProps, 'status' | 'flags'>): boolean {
  return props.status === 'planned' && (props.flags.includes('SITE_NOT_CHOSEN') || props.flags.includes('SITE_PINNED_BY_USER'));
}

/**
 * Pins a candidate as the chosen site of a meteo-site feature whose site is still to be chosen
 * ({@link isSiteToChoose}; any other feature gives {@link PIN_NOT_A_CANDIDATE}): moves the point, drops the
 * SITE_NOT_CHOSEN flag, adds SITE_PINNED_BY_USER, records the user anchor and the method
 * `user-pinned-candidate`. `precisionM` (default 50 m) is the stated uncertainty of the pin.
 */
export function pinCandidate(
  feature: Feature<Point, FeatureProps>,
  candidate: PinnableCandidate,
  precisionM = 50,
): { ok: true; feature: Feature<Point, FeatureProps> } | RadarProblem<typeof PIN_INVALID | typeof PIN_NOT_A_CANDIDATE> {
  if (!isSiteToChoose(feature.properties)) return radarProblem(PIN_NOT_A_CANDIDATE, { name: feature.properties.name, status: feature.properties.status });
  const props: FeatureProps = {
    ...feature.properties,
    method: 'user-pinned-candidate',
    precisionM,
    flags: [...feature.properties.flags.filter((f) => f !== 'SITE_NOT_CHOSEN' && f !== 'SITE_PINNED_BY_USER'), 'SITE_PINNED_BY_USER'],
    anchor: { name: `选址候选点 ${candidate.id}`, level: 'user', source: 'site-ranking', lon: candidate.lon, lat: candidate.lat },
  };
  const parsed = featurePropsSchema.safeParse(props);
  if (!parsed.success) return radarProblem(PIN_INVALID, { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  return { ok: true, feature: { type: 'Feature', properties: parsed.data, geometry: { type: 'Point', coordinates: [candidate.lon, candidate.lat] } } };
}
