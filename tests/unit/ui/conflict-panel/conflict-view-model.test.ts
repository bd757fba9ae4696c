import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Geometry } from 'geojson';
import { checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import { layerHash } from '../../../../src/core/conflicts/layer-hash';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { CONFLICT_LAYER } from '../../../../src/map/conflict-style';
import type { LoadedLayer, ViewerProps } from '../../../../src/core/model/catalog-feature';
import {
  CONFLICT_OVERLAY_LAYER,
  MAX_DISTANCE_M,
  bboxOfGeometries,
  buildOverrides,
  exportFileName,
  findingBbox,
  findingKey,
  nearestPoints,
  overlayCollection,
  parseParamInput,
  toInputLayers,
} from '../../../../src/ui/conflict-panel/conflict-view-model';
import { formatAreaM2Ha, formatDistance, formatShare, ruleParamsText } from '../../../../src/ui/conflict-panel/conflict-format';

const rules = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
if (!rules.ok) throw new Error(rules.message);
const SET: RuleSet = rules.value;

/** One metre of latitude in degrees (WGS84 mean, for building small test shapes). */
const M = 1 / 111_195;

function square(lon: number, lat: number, halfM: number): Geometry {
  const h = halfM * M;
  const k = h / Math.cos((lat * Math.PI) / 180);
  return { type: 'Polygon', coordinates: [[[lon - k, lat - h], [lon + k, lat - h], [lon + k, lat + h], [lon - k, lat + h], [lon - k, lat - h]]] };
}

describe('parseParamInput', () => {
  it('accepts finite numbers from 0 to the maximum, with spaces, thousands commas and a full-width point', () => {
    expect(parseParamInput('1000', MAX_DISTANCE_M)).toEqual({ ok: true, value: 1000 });
    expect(parseParamInput(' 50,000 ', MAX_DISTANCE_M)).toEqual({ ok: true, value: 50000 });
    expect(parseParamInput('0', MAX_DISTANCE_M)).toEqual({ ok: true, value: 0 });
    expect(parseParamInput('2．5', 10)).toEqual({ ok: true, value: 2.5 });
    expect(parseParamInput('1e3', MAX_DISTANCE_M)).toEqual({ ok: true, value: 1000 });
  });
  it('refuses empty, non-numeric, negative and too large values with the reason', () => {
    expect(parseParamInput('', 10)).toEqual({ ok: false, error: 'empty' });
    expect(parseParamInput('abc', 10)).toEqual({ ok: false, error: 'not-a-number' });
    expect(parseParamInput('12m', 10)).toEqual({ ok: false, error: 'not-a-number' });
    expect(parseParamInput('NaN', 10)).toEqual({ ok: false, error: 'not-a-number' });
    expect(parseParamInput('-5', 10)).toEqual({ ok: false, error: 'negative' });
    expect(parseParamInput('11', 10)).toEqual({ ok: false, error: 'too-large' });
    expect(parseParamInput('1e999', 10)).toEqual({ ok: false, error: 'too-large' });
  });
});

describe('buildOverrides', () => {
  it('sends only real changes, in rule order, and no distance for rules without one', () => {
    const r = buildOverrides(SET, {
      'weather-radar-near-construction': { distanceText: '50000' },
      'chemical-park-x-relic-protection': { enabled: false, toleranceText: '1' },
      'land-acquisition-x-relic-control': { enabled: true, toleranceText: '25' },
      'land-acquisition-x-relic-protection': { distanceText: '300' },
    });
    expect(r).toEqual({
      ok: true,
      overrides: [
        { ruleId: 'chemical-park-x-relic-protection', enabled: false },
        { ruleId: 'land-acquisition-x-relic-control', areaToleranceM2: 25 },
        { ruleId: 'weather-radar-near-construction', distanceM: 50000 },
      ],
    });
  });
  it('fails with the rules whose fields are invalid', () => {
    expect(buildOverrides(SET, { 'weather-radar-near-chemical-park': { distanceText: '-1' }, 'chemical-park-x-relic-protection': { toleranceText: 'x' } })).toEqual({
      ok: false,
      invalid: ['chemical-park-x-relic-protection', 'weather-radar-near-chemical-park'],
    });
  });
});

describe('nearestPoints', () => {
  it('joins a point to the nearest edge of a polygon', () => {
    const poly = square(112, 36, 1000);
    const pair = nearestPoints({ type: 'Point', coordinates: [112, 36 + 3000 * M] }, poly);
    expect(pair).not.toBeNull();
    const [p, q] = pair!;
    expect(p).toEqual([112, 36 + 3000 * M]);
    expect(q[0]).toBeCloseTo(112, 9);
    expect(q[1]).toBeCloseTo(36 + 1000 * M, 9);
  });
  it('joins the closest vertices of two polygons apart from each other', () => {
    const a = square(112, 36, 500);
    const b = square(112 + (3000 * M) / Math.cos((36 * Math.PI) / 180), 36, 500);
    const [p, q] = nearestPoints(a, b)!;
    const dx = ((q[0]! - p[0]!) * Math.cos((36 * Math.PI) / 180)) / M;
    const dy = (q[1]! - p[1]!) / M;
    expect(Math.hypot(dx, dy)).toBeCloseTo(2000, 3);
  });
  it('gives one point of contact when a point lies inside a polygon or polygons cross', () => {
    const [p, q] = nearestPoints({ type: 'Point', coordinates: [112, 36] }, square(112, 36, 1000))!;
    expect(p).toEqual(q);
    const [r, s] = nearestPoints(square(112, 36, 1000), square(112 + 1500 * M, 36 + 1500 * M, 1000))!;
    expect(r).toEqual(s);
  });
  it('returns null for empty geometries', () => {
    expect(nearestPoints({ type: 'MultiPoint', coordinates: [] }, square(112, 36, 10))).toBeNull();
  });
});

function viewerFeature(id: string, layer: string, geometry: Geometry, precisionM: number, extra: Partial<ViewerProps> = {}): LoadedLayer['features'][number] {
  const props: ViewerProps = {
    id,
    layer,
    name: id,
    county: '',
    status: 'in-force',
    docNumber: null,
    docDate: null,
    issuer: null,
    source: null,
    method: 'surveyed',
    anchor: null,
    precisionM,
    statedAreaM2: null,
    computedAreaM2: null,
    areaResidual: null,
    flags: [],
    recordId: null,
    ...extra,
  };
  return { id, geometry, props };
}

describe('toInputLayers and the overlay of a report', () => {
  const park = viewerFeature('chemical-park:p', 'chemical-park', square(112, 36, 1000), 0, { qa: [{ code: 'X', severity: 'info', message: 'joined by the viewer' }] });
  const control = viewerFeature('relic-control:c', 'relic-control', square(112 + 1500 * M, 36, 1000), 0);
  const radar = viewerFeature('meteo-site:r', 'meteo-site', { type: 'Point', coordinates: [112, 36 + 1600 * M] }, 0, { name: '某天气雷达' });
  const layers: LoadedLayer[] = [
    { id: 'chemical-park', features: [park], errors: [] },
    { id: 'relic-control', features: [control], errors: [] },
    { id: 'meteo-site', features: [radar], errors: [] },
    { id: 'qa', features: [viewerFeature('qa:x', 'qa', { type: 'Point', coordinates: [112, 36] }, 0)], errors: [] },
  ];

  it('leaves the QA layer out, names layers like the data files and drops the viewer-only qa join', () => {
    const inputs = toInputLayers(layers);
    expect(inputs.map((l) => l.name)).toEqual(['chemical-park.geojson', 'relic-control.geojson', 'meteo-site.geojson']);
    const f = inputs[0]!.features[0]!;
    expect(f.id).toBe('chemical-park:p');
    expect(f.properties).not.toHaveProperty('qa');
    expect(park.props.qa).toHaveLength(1); // the catalog's feature is not changed
  });

  it('hashes a catalog layer like the CLI hashes its file', () => {
    const raw = JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')) as { features: Array<{ id: string; geometry: Geometry; properties: ViewerProps }> };
    const loaded: LoadedLayer = { id: 'chemical-park', errors: [], features: raw.features.map((f) => ({ id: f.properties.id, geometry: f.geometry, props: { ...f.properties, qa: [] } })) };
    expect(layerHash(toInputLayers([loaded])[0]!.features)).toBe(layerHash(raw.features));
  });

  it('draws overlap polygons and links for distance findings, each under its finding key', () => {
    const result = checkConflicts(toInputLayers(layers), SET, { now: () => new Date('2026-01-02T03:04:05.678Z') });
    if (!result.ok) throw new Error(result.message);
    const report = result.report;
    const overlap = report.findings.find((f) => f.ruleId === 'chemical-park-near-relic-control');
    const radarF = report.findings.find((f) => f.ruleId === 'weather-radar-near-chemical-park');
    expect(overlap?.overlap).not.toBeNull();
    expect(radarF?.overlap).toBeNull();
    const index = new Map(layers.flatMap((l) => l.features.map((f) => [f.id, f.geometry] as const)));
    const fc = overlayCollection(report, (id) => index.get(id), findingKey(radarF!));
    const byId = new Map(fc.features.map((f) => [f.properties?.['id'], f]));
    expect(byId.get(findingKey(overlap!))?.geometry.type).toMatch(/Polygon/);
    expect(byId.get(findingKey(overlap!))?.properties?.['kind']).toBe('overlap');
    const link = byId.get(findingKey(radarF!));
    expect(link?.properties).toMatchObject({ kind: 'link', focus: true, severity: '需审批', verdict: 'definite' });
    expect(link?.geometry).toMatchObject({ type: 'LineString' });
    expect(fc.features.filter((f) => f.properties?.['focus'] === true)).toHaveLength(1);

    // zoom box: the overlap for overlap findings, both features otherwise
    const box = findingBbox(radarF!, (id) => index.get(id))!;
    expect(box[1]).toBeCloseTo(36 - 1000 * M, 9);
    expect(box[3]).toBeCloseTo(36 + 1600 * M, 9);
    expect(findingBbox(overlap!, () => undefined)).toEqual(bboxOfGeometries([overlap!.overlap!]));
  });

  it('uses the map layer name the map styles', () => {
    expect(CONFLICT_OVERLAY_LAYER).toBe(CONFLICT_LAYER);
  });
});

describe('formatting', () => {
  it('formats areas in m² and 公顷, shares, distances and parameters', () => {
    expect(formatAreaM2Ha(23774.5, 'zh-CN')).toBe('23,774.5 m²（2.3775 公顷）');
    expect(formatAreaM2Ha(null, 'en')).toBe('—');
    expect(formatShare(0.12345, 'en')).toBe('12.35%');
    expect(formatDistance(950.04, 'en')).toBe('950.0 m');
    expect(formatDistance(23774.49, 'zh-CN')).toBe('23.77 km');
    expect(ruleParamsText({ relation: 'within-distance', distanceM: 1000, areaToleranceM2: 1 })).toBe('d = 1000 m · tol = 1 m²');
    expect(ruleParamsText({ relation: 'overlap', distanceM: 0, areaToleranceM2: 1 })).toBe('tol = 1 m²');
  });
  it('names export files after the report time without characters file systems refuse', () => {
    expect(exportFileName('2026-11-23T01:19:12.509Z', 'csv')).toBe('conflict-report-2026-11-23T01-19-12Z.csv');
    expect(exportFileName('2026-11-23T01:19:12Z', 'geojson')).toBe('conflict-report-2026-11-23T01-19-12Z.geojson');
  });
});
