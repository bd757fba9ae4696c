import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BlockageGrid } from '../../../../src/core/radar/beam-blockage';
import { blockageCells, blockageClass, blockedRayShare, rayEndBlockage } from '../../../../src/core/radar/blockage-cells';
import { createDemService, DEM_BAD_RULES, DEM_NOT_READY } from '../../../../src/core/radar/dem-service';
import { polarOf } from '../../../../src/core/radar/polar';
import { geodesicCircle } from '../../../../src/core/geo/circle';
import { syntheticDem } from './helpers/synthetic-dem';

const SITE = { lon: 111.5, lat: 36 };
const rules = JSON.parse(readFileSync('data/rules/rules.json', 'utf8')) as unknown;

/** A hand-made grid: 4 rays × 5 bins of 1 km. */
function grid(cbb: number[], terrain: number[] = cbb.map(() => 100)): BlockageGrid {
  return {
    site: { ...SITE, antennaHeightM: 10 },
    antennaAltitudeM: 110,
    elevationDeg: 0.5,
    beamWidthDeg: 1,
    model: {},
    azimuthsDeg: Float64Array.from([0, 90, 180, 270]),
    rangesM: Float64Array.from([500, 1500, 2500, 3500, 4500]),
    rangeStepM: 1000,
    beamCentreM: new Float64Array(5),
    beamRadiusM: new Float64Array(5),
    terrainM: Float32Array.from(terrain),
    pbb: Float32Array.from(cbb),
    cbb: Float32Array.from(cbb),
  };
}

describe('blockage cells', () => {
  it('classes CBB values and marks unknown terrain', () => {
    expect(blockageClass(0.05, true)).toBeNull();
    expect(blockageClass(0.1, true)).toBe(0);
    expect(blockageClass(0.49, true)).toBe(1);
    expect(blockageClass(0.95, true)).toBe(3);
    expect(blockageClass(0, false)).toBe(-1);
    expect(blockageClass(0.6, false)).toBe(2);
  });

  it('merges runs of one class along a ray into annular sectors at the right place', () => {
    const cbb = [
      ...[0, 0, 0.2, 0.2, 0.6], // ray 0°: class 0 from 2–4 km, class 2 from 4–5 km
      ...[0, 0, 0, 0, 0],
      ...[0, 0, 0, 0, 0],
      ...[0.8, 0.8, 0.8, 0.8, 0.8], // ray 270°: one cell 0–5 km
    ];
    const g = grid(cbb);
    const fc = blockageCells(g);
    expect(fc.features.map((f) => [f.properties.azimuthDeg, f.properties.cls, f.properties.fromM, f.properties.toM])).toEqual([
      [0, 0, 2000, 4000],
      [0, 2, 4000, 5000],
      [270, 3, 0, 5000],
    ]);
    // Every vertex of the 0° cells lies between 2 and 5 km from the site, within ±45° of north.
    for (const f of fc.features.slice(0, 2)) {
      for (const [lon, lat] of f.geometry.coordinates[0] ?? []) {
        const { azimuthDeg, distanceM } = polarOf(SITE, lon as number, lat as number);
        expect(distanceM).toBeGreaterThan(2000 - 1e-3);
        expect(distanceM).toBeLessThan(5000 + 1e-3);
        expect(Math.min(azimuthDeg, 360 - azimuthDeg)).toBeLessThanOrEqual(45 + 1e-9);
      }
    }
    expect(Array.from(rayEndBlockage(g))).toEqual([Math.fround(0.6), 0, 0, Math.fround(0.8)]);
    expect(blockedRayShare(g, 0.5)).toBe(0.5);
    expect(blockedRayShare(g, 0.7)).toBe(0.25);
  });
});

describe('DEM service: coverage and ranking requests', () => {
  it('computes coverage from the last blockage grid', async () => {
    const svc = createDemService();
    const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: 20_000, pixelM: 200, epsg: 4490, type: 'int16', terrain: () => 300 });
    await svc.open(new Blob([bytes]));
    const region = geodesicCircle([SITE.lon, SITE.lat], 8000, 64);
    const early = await svc.coverage({ region, heightAglM: 1000, blockageThreshold: 0.5 });
    expect(early.ok === false && early.reason === DEM_NOT_READY).toBe(true);
    await svc.loadRegion({ bbox: [SITE.lon - 0.2, SITE.lat - 0.15, SITE.lon + 0.2, SITE.lat + 0.15] });
    const site = { ...SITE, antennaHeightM: 20 };
    const blk = await svc.blockage({ site, elevationDeg: 0.5, beamWidthDeg: 1, maxRangeM: 10_000, rangeStepM: 250, azimuthCount: 72 });
    if (!blk.ok) throw new Error('blockage failed');
    const cov = await svc.coverage({ region, heightAglM: 1000, blockageThreshold: 0.5, cellSizeM: 250 });
    if (!cov.ok) throw new Error('coverage failed');
    // Flat plain, region well inside the range: all covered.
    expect(cov.coverage.share).toBe(1);
    // Beam centre ≤ 50 m above the plain only out to s with 20 m + s·tan 0.5° + s²/2R = 50 m (≈ 3.2 km).
    const low = await svc.coverage({ region, heightAglM: 50, blockageThreshold: 0.5, cellSizeM: 100 });
    if (!low.ok) throw new Error('coverage failed');
    let s = 0;
    while (20 + s * Math.tan((0.5 * Math.PI) / 180) + (s * s) / (2 * (4 / 3) * 6_371_000) < 50) s += 1;
    expect(Math.abs(low.coverage.share - (s / 8000) ** 2)).toBeLessThan(0.01);
  });

  it('samples, scores and ranks candidates in the worker logic; rejects bad rules', async () => {
    const svc = createDemService();
    // A hill 300 m high west of the site: candidates behind it see less.
    const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: 30_000, pixelM: 250, epsg: 4490, type: 'int16', terrain: (d, az) => (az > 240 && az < 300 && d > 3000 && d < 5000 ? 600 : 300) });
    await svc.open(new Blob([bytes]));
    await svc.loadRegion({ bbox: [SITE.lon - 0.3, SITE.lat - 0.25, SITE.lon + 0.3, SITE.lat + 0.25] });
    const base = {
      radarName: '测试X波段雷达',
      radarType: 'x-band-phased-array' as const,
      region: geodesicCircle([SITE.lon, SITE.lat], 6000, 64),
      count: 5,
      seed: 3,
      antennaHeightM: 20,
      elevationDeg: 0.9,
      beamWidthDeg: 1.8,
      maxRangeM: 15_000,
      azimuthCount: 90,
      heightAglM: 1000,
      blockageThreshold: 0.5,
      cellSizeM: 500,
      layers: [],
    };
    const bad = await svc.rank({ ...base, rules: { id: 'x' } });
    expect(bad.ok === false && bad.reason === DEM_BAD_RULES).toBe(true);
    const r = await svc.rank({ ...base, rules });
    if (!r.ok) throw new Error(r.detail);
    expect(r.candidates).toHaveLength(5);
    expect(r.ranked.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < r.ranked.length; i++) expect(r.ranked[i]!.score).toBeLessThanOrEqual(r.ranked[i - 1]!.score);
    // No other layers: the score is the coverage, which the core computes the same way directly.
    const top = r.ranked[0]!;
    expect(top.penalty).toBe(0);
    expect(top.score).toBe(top.coverage);
    expect(top.coverage).toBeGreaterThan(0);
  });
});
