import type { Feature, Point } from 'geojson';
import { bboxOf } from '../../core/geo/bbox';
import { QA_LAYER_ID } from '../../core/model/layer-registry';
import type { LayerFeature } from './feature-base';
import type { BUILT_LAYERS } from './index';

/**
 * The QA join as data: one marker per parsed record with findings, at the centre of the record's first
 * feature (layers in legend order), carrying the record's findings (`qa`) and the ids of its features
 * (`featureIds`). The page reads this layer as it reads the others; it does not join the report itself.
 */

/** A finding of the gazette QA report as the join needs it. */
export interface QaJoinFinding {
  code: string;
  severity: string;
  message: string;
  recordId: string | null;
}

type Qa = { code: string; severity: string; message: string };

/** The QA marker features, in a stable order. */
export function buildQaLayer(
  findings: readonly QaJoinFinding[],
  layers: Readonly<Record<(typeof BUILT_LAYERS)[number], readonly LayerFeature[]>>,
  order: readonly (typeof BUILT_LAYERS)[number][],
): Array<Feature<Point, Record<string, unknown>> & { id: string }> {
  const byRecord = new Map<string, Qa[]>();
  for (const f of findings) {
    if (!f.recordId) continue;
    const list = byRecord.get(f.recordId) ?? [];
    list.push({ code: f.code, severity: f.severity, message: f.message });
    byRecord.set(f.recordId, list);
  }
  const featureIds = new Map<string, string[]>();
  const first = new Map<string, LayerFeature>();
  for (const l of order) {
    for (const f of layers[l]) {
      const rid = f.properties.recordId;
      if (!rid || !byRecord.has(rid)) continue;
      featureIds.set(rid, [...(featureIds.get(rid) ?? []), f.id]);
      if (!first.has(rid)) first.set(rid, f);
    }
  }
  const out: Array<Feature<Point, Record<string, unknown>> & { id: string }> = [];
  for (const [rid, f] of first) {
    const found = byRecord.get(rid) ?? [];
    const id = `${QA_LAYER_ID}:${rid}`;
    const worst = found.some((x) => x.severity === 'error') ? 'error' : found.some((x) => x.severity === 'warning') ? 'warning' : 'info';
    const [w, s, e, n] = bboxOf(f.geometry);
    const p = f.properties;
    out.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [(w + e) / 2, (s + n) / 2] },
      properties: {
        id,
        layer: QA_LAYER_ID,
        name: `${p.name.replace(/\s*(保护范围|建设控制地带)$/, '')}(${found.length})`,
        county: p.county,
        status: 'in-force',
        docNumber: p.docNumber,
        docDate: p.docDate,
        issuer: p.issuer,
        source: p.source,
        method: `qa-${worst}`,
        anchor: p.anchor,
        precisionM: p.precisionM,
        statedAreaM2: null,
        computedAreaM2: null,
        areaResidual: null,
        flags: [...new Set(found.map((x) => x.code))],
        recordId: rid,
        qa: found,
        featureIds: featureIds.get(rid) ?? [],
      },
    });
  }
  return out;
}
