import type { Feature, FeatureCollection } from 'geojson';
import type { MapApi } from '../../map/map-api';
import type { ImportPreview } from '../../core/io/index';
import type { ComplianceResult } from '../../app/compliance/compliance-session';

/** Map analysis layer (MapApi.setAnalysisLayer) that outlines the preview before it is accepted. */
export const IMPORT_PREVIEW_LAYER = 'import-preview';
/** Map analysis layer with the overlaps found by the last compliance check. */
export const COMPLIANCE_LAYER = 'compliance-overlaps';

/** Draws the preview's features (when it has them) dashed on the map and fits the view to its extent; clears it for null. */
export function drawPreview(map: MapApi, p: ImportPreview | null): void {
  if (p === null) {
    map.setAnalysisLayer(IMPORT_PREVIEW_LAYER, null);
    return;
  }
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: p.features.map((f, i) => ({
      type: 'Feature',
      properties: { id: `preview-${i}`, stroke: '#b35c00', strokeWidth: 3, dashed: true, fill: '#f0b400', fillOpacity: 0.15, radius: 5 },
      geometry: f.geometry,
    })),
  };
  map.setAnalysisLayer(IMPORT_PREVIEW_LAYER, fc);
  const b = p.stats.bbox;
  if (b) {
    const pad = 0.002;
    map.fitBounds([b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]);
  }
}

/** Draws the overlaps of a compliance result (red where forbidden, amber otherwise); clears them for null. */
export function drawCompliance(map: MapApi, result: ComplianceResult | null): void {
  const overlaps: Feature[] = (result?.findings ?? []).flatMap((f, i) =>
    f.overlap === null
      ? []
      : [{ type: 'Feature', properties: { id: `compliance-${i}`, fill: f.severity === '禁止' ? '#d00000' : '#f0b400', fillOpacity: 0.45, stroke: '#000000', strokeWidth: 1.5 }, geometry: f.overlap }],
  );
  map.setAnalysisLayer(COMPLIANCE_LAYER, overlaps.length > 0 ? { type: 'FeatureCollection', features: overlaps } : null);
}
