import { readFileSync } from 'node:fs';
import type { Feature, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';
import type { FeatureProps } from '../../../../src/core/model/feature-props';
import { hillshade } from '../../../../src/core/radar/hillshade';
import {
  DEFAULT_GB31223,
  GB31223_INVALID,
  obstacleHeightLimit,
  parseGb31223,
  protectedZoneFeatures,
  radarZoneRuleSet,
} from '../../../../src/core/radar/protected-zones';
import { DEFAULT_RADAR_TYPES, RADAR_OVERRIDE_INVALID, radarTypeForName, resolveRadarParams } from '../../../../src/core/radar/radar-types';
import { isSiteToChoose, pinCandidate, PIN_NOT_A_CANDIDATE, rankCandidates, sampleCandidates, seededRandom } from '../../../../src/core/radar/site-ranking';
import { createDemService, DEM_BAD_REQUEST, DEM_NOT_READY } from '../../../../src/core/radar/dem-service';
import { syntheticDem } from './helpers/synthetic-dem';

const rules = (() => {
  const r = parseRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')));
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

function square(lon: number, lat: number, halfDeg: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[lon - halfDeg, lat - halfDeg], [lon + halfDeg, lat - halfDeg], [lon + halfDeg, lat + halfDeg], [lon - halfDeg, lat + halfDeg], [lon - halfDeg, lat - halfDeg]]],
  };
}

describe('radar types', () => {
  it('gives every default a kind and a source, and applies per-site overrides', () => {
    for (const t of DEFAULT_RADAR_TYPES.types) {
      for (const v of [t.maxRangeKm, t.beamWidthDeg, t.elevationsDeg, t.antennaHeightM]) expect(v.source.length).toBeGreaterThan(10);
    }
    const p = resolveRadarParams('c-band-doppler-cc', { antennaHeightM: 40 });
    expect(p.ok && p.value.antennaHeightM === 40 && p.value.maxRangeM === 150_000 && p.value.overridden.join() === 'antennaHeightM').toBe(true);
    const bad = resolveRadarParams('x-band-phased-array', { beamWidthDeg: -1 });
    expect(bad.ok === false && bad.reason === RADAR_OVERRIDE_INVALID).toBe(true);
    expect(radarTypeForName('临汾新一代多普勒天气雷达', 'CC')).toBe('c-band-doppler-cc');
    expect(radarTypeForName('安泽X波段双偏振相控阵天气雷达')).toBe('x-band-phased-array');
  });
});

describe('GB 31223 protected zones', () => {
  it('builds zone discs that say they are unverified, and valid engine rules', () => {
    expect(DEFAULT_GB31223.verification).toBe('unverified');
    const zones = protectedZoneFeatures({ id: 'r1', name: '测试雷达', lon: 111.5, lat: 36, precisionM: 0 });
    expect(zones.map((z) => z.properties.category)).toEqual(['radar-protection-zone-1', 'radar-protection-zone-2']);
    const v = zones[0]?.geometry.coordinates[0]?.[3] as number[];
    expect(Math.abs(geodesicDistance([111.5, 36], v) - 1000)).toBeLessThan(1e-3);
    expect(zones[0]?.properties.verified).toBe(false);
    expect(radarZoneRuleSet().rules).toHaveLength(2);
    const bad = parseGb31223({ ...DEFAULT_GB31223, zones: [...DEFAULT_GB31223.zones].reverse() });
    expect(bad.ok === false && bad.reason === GB31223_INVALID).toBe(true);
    // Obstacle limit: on a 0.5° ray from a 500 m antenna at 2 km: 500 + 2000·tan(0.5°) + curvature.
    expect(obstacleHeightLimit(2000, 500, 0.5)).toBeCloseTo(500 + 17.453 + 0.235, 0);
  });
});

describe('site ranking', () => {
  it('samples reproducibly inside the region', () => {
    const region = square(111.5, 36, 0.1);
    const a = sampleCandidates(region, { count: 20, seed: 7, minSpacingM: 1000 });
    const b = sampleCandidates(region, { count: 20, seed: 7, minSpacingM: 1000 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(20);
    for (const c of a) expect(Math.abs(c.lon - 111.5) <= 0.1 && Math.abs(c.lat - 36) <= 0.1).toBe(true);
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('ranks by coverage minus conflict penalties from the conflict engine', () => {
    // A chemical park 600 m east of candidate B: B breaks the radar rules and GB zones.
    const park: Feature<Polygon, Record<string, unknown>> = {
      type: 'Feature',
      properties: { id: 'park-1', layer: 'chemical-park', name: '测试化工园区', precisionM: 0 },
      geometry: square(111.5075, 36, 0.0015),
    };
    const candidates = [
      { id: 'A', lon: 111.3, lat: 36.1 },
      { id: 'B', lon: 111.5, lat: 36.0 },
      { id: 'C', lon: 111.2, lat: 35.9 },
    ];
    const coverage: Record<string, number> = { A: 0.6, B: 0.9, C: 0.7 };
    const result = rankCandidates({
      radarName: '测试X波段雷达',
      candidates,
      coverageOf: (c) => coverage[c.id] ?? null,
      layers: [{ name: 'parks', features: [park] }],
      ruleSet: rules,
    });
    if (!result.ok) throw new Error(result.reason);
    const ids = result.ranked.map((r) => r.id);
    expect(ids).toEqual(['C', 'A', 'B']);
    const b = result.ranked[2];
    const ruleIds = b?.conflicts.map((c) => c.ruleId).sort();
    expect(ruleIds).toEqual(['radar-zone-1-x-development', 'radar-zone-2-x-development', 'weather-radar-near-chemical-park']);
    expect(b?.score).toBeCloseTo(0.9 - 1 - 0.3 - 0.3, 9);
  });

  it('pins a candidate as the chosen site', () => {
    const layer = JSON.parse(readFileSync('data/layers/meteo-site.geojson', 'utf8')) as { features: Feature<Point, FeatureProps>[] };
    const radar = layer.features.find((f) => f.properties.name.includes('安泽X波段')) as Feature<Point, FeatureProps>;
    expect(radar.properties.flags).toContain('SITE_NOT_CHOSEN');
    const pinned = pinCandidate(radar, { id: 'candidate-3', lon: 112.2, lat: 36.15 });
    if (!pinned.ok) throw new Error(pinned.reason);
    expect(pinned.feature.geometry.coordinates).toEqual([112.2, 36.15]);
    expect(pinned.feature.properties.flags).not.toContain('SITE_NOT_CHOSEN');
    expect(pinned.feature.properties.flags).toContain('SITE_PINNED_BY_USER');
    expect(featurePropsSchema.safeParse(pinned.feature.properties).success).toBe(true);
  });

  it('does not pin a candidate as the site of an existing facility (issue 16: the 临汾 radar moved 18 km)', () => {
    const layer = JSON.parse(readFileSync('data/layers/meteo-site.geojson', 'utf8')) as { features: Feature<Point, FeatureProps>[] };
    const existing = layer.features.find((f) => f.properties.name === '临汾新一代多普勒天气雷达') as Feature<Point, FeatureProps>;
    expect(existing.properties.status).toBe('in-force');
    expect(isSiteToChoose(existing.properties)).toBe(false);
    const r = pinCandidate(existing, { id: 'candidate-1', lon: 111.3, lat: 36.2 });
    expect(r).toEqual({ ok: false, reason: PIN_NOT_A_CANDIDATE, params: { name: '临汾新一代多普勒天气雷达', status: 'in-force' } });
    // A planned radar whose site was published is not a candidate either.
    const planned = layer.features.find((f) => f.properties.name.includes('安泽X波段')) as Feature<Point, FeatureProps>;
    const published = { ...planned, properties: { ...planned.properties, flags: planned.properties.flags.filter((f) => f !== 'SITE_NOT_CHOSEN') } };
    expect(pinCandidate(published, { id: 'candidate-1', lon: 112.2, lat: 36.1 }).ok).toBe(false);
  });
});

describe('hillshade', () => {
  it('shades a flat DEM evenly, a slope facing the light brighter, nodata transparent', () => {
    const flat = hillshade({ width: 3, height: 3, values: new Float32Array(9).fill(100) }, 30, 30);
    expect(flat.data[4 * 4]).toBe(Math.round(255 * Math.cos(Math.PI / 4)));
    // Terrain rising to the south-east faces north-west (towards the default 315° light).
    const nw = new Float32Array(25).map((_, i) => ((i % 5) + Math.floor(i / 5)) * 10);
    const se = nw.map((v) => -v);
    const a = hillshade({ width: 5, height: 5, values: nw }, 30, 30).data[12 * 4] as number;
    const b = hillshade({ width: 5, height: 5, values: se }, 30, 30).data[12 * 4] as number;
    expect(a).toBeGreaterThan(b);
    const holes = hillshade({ width: 2, height: 1, values: [NaN, 5] }, 30, 30);
    expect(holes.data[3]).toBe(0);
    expect(holes.data[7]).toBe(255);
  });
});

describe('DEM service (worker logic)', () => {
  it('validates requests and answers open/region/profile/blockage/hillshade', async () => {
    const svc = createDemService();
    const bad = await svc.profile({ azimuthDeg: 'east' } as unknown as Parameters<typeof svc.profile>[0]);
    expect(bad.ok === false && bad.reason === DEM_BAD_REQUEST).toBe(true);
    const early = await svc.hillshade();
    expect(early.ok === false && early.reason === DEM_NOT_READY).toBe(true);
    const bytes = syntheticDem({ siteLon: 111.5, siteLat: 36, halfSizeM: 6000, pixelM: 100, epsg: 4490, type: 'int16', noData: -32768, terrain: (d) => 500 + d / 100 });
    const open = await svc.open(new Blob([bytes]));
    expect(open.ok && open.info.sampleType === 'int16').toBe(true);
    const region = await svc.loadRegion({ bbox: [111.45, 35.96, 111.55, 36.04] });
    expect(region.ok).toBe(true);
    const site = { lon: 111.5, lat: 36, antennaHeightM: 20 };
    const prof = await svc.profile({ site, azimuthDeg: 45, maxRangeM: 4000, stepM: 500, elevationsDeg: [0.5], beamWidthDeg: 1 });
    expect(prof.ok && prof.profile.terrainM.length === 9).toBe(true);
    const blk = await svc.blockage({ site, elevationDeg: 0.5, beamWidthDeg: 1, maxRangeM: 4000, rangeStepM: 200, azimuthCount: 36 });
    expect(blk.ok && blk.grid.azimuthsDeg.length === 36).toBe(true);
    const hs = await svc.hillshade();
    expect(hs.ok && hs.image.data.length === hs.image.width * hs.image.height * 4).toBe(true);
  });
});
