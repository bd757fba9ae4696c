import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildQaLayer } from '../../../../src/pipeline/layers/qa-layer';
import type { LayerFeature } from '../../../../src/pipeline/layers/feature-base';

const f = (id: string, recordId: string, lon: number): LayerFeature =>
  ({
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [[[lon, 36], [lon + 0.02, 36], [lon + 0.02, 36.02], [lon, 36.02], [lon, 36]]] },
    properties: { id, layer: 'relic-protection', name: '某遗址保护范围', county: '某县', status: 'in-force', docNumber: null, docDate: null, issuer: null, source: null, method: 'x', anchor: null, precisionM: 50, statedAreaM2: null, computedAreaM2: null, areaResidual: null, flags: [], recordId },
  }) as LayerFeature;

describe('the QA join as data', () => {
  it('puts one marker per record with findings at its first feature, with the findings and the feature ids', () => {
    const layers = { 'chemical-park': [], 'land-acquisition': [], 'relic-protection': [f('p:a', 'a', 111), f('p:b', 'b', 112)], 'relic-control': [f('c:a', 'a', 113)], 'meteo-site': [] };
    const markers = buildQaLayer(
      [
        { code: 'AREA_UNREACHABLE', severity: 'error', message: 'm1', recordId: 'a' },
        { code: 'STRAY_LINE', severity: 'info', message: 'm2', recordId: 'a' },
        { code: 'X', severity: 'info', message: 'no record', recordId: null },
      ],
      layers,
      ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'],
    );
    expect(markers).toHaveLength(1);
    const m = markers[0]!;
    expect(m.id).toBe('qa:a');
    expect(m.geometry.coordinates[0]).toBeCloseTo(111.01, 9);
    expect(m.geometry.coordinates[1]).toBeCloseTo(36.01, 9);
    expect(m.properties).toMatchObject({ layer: 'qa', name: '某遗址(2)', method: 'qa-error', flags: ['AREA_UNREACHABLE', 'STRAY_LINE'], featureIds: ['p:a', 'c:a'] });
  });

  it('the committed markers are the ones the pipeline writes for the committed report', () => {
    const markers = JSON.parse(readFileSync('data/qa/markers.geojson', 'utf8')) as { features: Array<{ properties: { qa: unknown[]; featureIds: string[] } }> };
    const report = JSON.parse(readFileSync('data/qa/report.json', 'utf8')) as { findings: Array<{ recordId: string | null }> };
    const joined = markers.features.reduce((n, m) => n + m.properties.qa.length, 0);
    const withRecord = new Set(markers.features.flatMap((m) => m.properties.featureIds));
    expect(joined).toBeGreaterThan(0);
    expect(joined).toBeLessThanOrEqual(report.findings.filter((x) => x.recordId).length);
    expect(withRecord.size).toBeGreaterThanOrEqual(markers.features.length);
  });
});
