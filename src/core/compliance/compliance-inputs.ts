import type { Feature, Geometry } from 'geojson';
import type { InputLayer } from '../conflicts/check-conflicts';
import type { ConflictReport, Finding } from '../conflicts/report';

/**
 * Engine input and findings of a compliance check: which layers the layer under review is compared
 * with, and which findings of the report concern it.
 */

/** A catalog layer as the compliance check sees it (structural: the app's catalog layers fit). */
export interface ComplianceLayer {
  readonly id: string;
  /** Whether the layer is one of the user's imports. */
  readonly imported: boolean;
  readonly features: ReadonlyArray<{ readonly id: string; readonly geometry: Geometry; readonly props: Readonly<Record<string, unknown>> }>;
}

/** Layers that never take part (QA markers are not planning features). */
const NOT_INPUT: ReadonlySet<string> = new Set(['qa']);

/** A catalog layer as an engine input layer; the QA join is left out of the properties. */
export function asInputLayer(l: ComplianceLayer, name: string): InputLayer {
  return {
    name,
    features: l.features.map((f): Feature<Geometry, Record<string, unknown>> => {
      const props: Record<string, unknown> = { ...f.props };
      delete props['qa'];
      return { type: 'Feature', id: f.id, geometry: f.geometry, properties: props };
    }),
  };
}

/**
 * The layers the layer `targetId` is compared with: every other layer except QA markers, empty
 * layers and other imported layers of `category` (they would stand on side A too). `nameOf` gives
 * the name shown in the report. Null when the target is not among `layers`.
 */
export function complianceOthers(
  layers: readonly ComplianceLayer[],
  targetId: string,
  category: string | undefined,
  nameOf: (l: ComplianceLayer) => string,
): InputLayer[] | null {
  if (!layers.some((l) => l.id === targetId)) return null;
  return layers
    .filter((l) => l.id !== targetId && !NOT_INPUT.has(l.id) && l.features.length > 0 && !(l.imported && l.features[0]?.props['category'] === category))
    .map((l) => asInputLayer(l, nameOf(l)));
}

/** Whether a finding involves a feature for which `mine` holds. */
export function involves(f: Finding, mine: (id: string) => boolean): boolean {
  return mine(f.a.id) || (f.b !== null && mine(f.b.id)) || f.bIds.some(mine);
}

/** Definite (nominal) findings first, then the nearest. */
export function byVerdictThenDistance(x: Finding, y: Finding): number {
  return Number(y.nominal) - Number(x.nominal) || (x.distanceM ?? 0) - (y.distanceM ?? 0);
}

/**
 * The findings that involve a feature of the layer under review: those that hold at the drawn
 * positions first, then those that only the precision radii make possible, nearest first.
 */
export function findingsOf(report: ConflictReport, featureIds: ReadonlySet<string>): Finding[] {
  return report.findings.filter((f) => involves(f, (id) => featureIds.has(id))).sort(byVerdictThenDistance);
}
