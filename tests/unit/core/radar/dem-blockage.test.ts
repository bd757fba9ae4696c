import { describe, expect, it } from 'vitest';
import { beamHeightAtGround, halfPowerRadius, slantRangeAtGround } from '../../../../src/core/radar/beam-geometry';
import { computeBlockage, partialBlockage } from '../../../../src/core/radar/beam-blockage';
import { coverageShare } from '../../../../src/core/radar/coverage';
import { DEM_NOT_TIFF, DEM_OUTSIDE, DEM_UNSUPPORTED_CRS, openDem } from '../../../../src/core/radar/dem-reader';
import type { DemSampler } from '../../../../src/core/radar/dem-reader';
import { terrainProfile } from '../../../../src/core/radar/terrain-profile';
import { syntheticDem } from './helpers/synthetic-dem';
import type { TerrainFn } from './helpers/synthetic-dem';
import { writeGeoTiff } from './helpers/write-geotiff';

const SITE = { lon: 111.5, lat: 36.0 };
const HALF = 22_000;

/**
 * Independent analytic blocked fraction of a disc of radius a whose centre lies y below the
 * terrain top (terrain cuts a horizontal chord): 1 − (circular segment above the chord)/(π a²),
 * segment area = a²·acos(y/a) − y·√(a² − y²).
 */
function discFractionBelow(y: number, a: number): number {
  if (y <= -a) return 0;
  if (y >= a) return 1;
  return 1 - (a * a * Math.acos(y / a) - y * Math.sqrt(a * a - y * y)) / (Math.PI * a * a);
}

/** Beam centre height over ground distance s (m a.s.l.), written out independently of the module. */
function beamCentre(s: number, elevDeg: number, h0: number): number {
  const R = (4 / 3) * 6_371_000;
  const t = (elevDeg * Math.PI) / 180;
  return (R * Math.cos(t)) / Math.cos(t + s / R) - R + h0;
}

async function samplerFor(bytes: ArrayBuffer, asBlob = true): Promise<DemSampler> {
  const opened = await openDem(asBlob ? new Blob([bytes]) : bytes);
  if (!opened.ok) throw new Error(opened.message);
  const region = await opened.dem.readRegion([SITE.lon - 0.25, SITE.lat - 0.2, SITE.lon + 0.25, SITE.lat + 0.2]);
  if (!region.ok) throw new Error(region.message);
  return region.sampler;
}

const VARIANTS = [
  { name: 'geographic EPSG:4490 Int16', epsg: 4490, type: 'int16' as const },
  { name: 'geographic EPSG:4326 Float32', epsg: 4326, type: 'float32' as const },
  { name: 'projected UTM 49N EPSG:32649 Float32', epsg: 32649, type: 'float32' as const },
  { name: 'projected CGCS2000 GK CM 111E EPSG:4546 Int16', epsg: 4546, type: 'int16' as const },
];

const ELEV = 0.5;
const BW = 1;
const ANTENNA = 20;

describe('DEM reader', () => {
  it('reports bad files and unknown CRSs as values', async () => {
    const bad = await openDem(new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe(DEM_NOT_TIFF);
    const odd = writeGeoTiff({ width: 2, height: 2, values: [1, 2, 3, 4], type: 'int16', epsg: 3857, originX: 0, originY: 0, pixelX: 1, pixelY: 1 });
    const r = await openDem(odd);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(DEM_UNSUPPORTED_CRS);
  });

  it('reads only the window it needs from a Blob', async () => {
    const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: HALF, pixelM: 50, epsg: 4490, type: 'int16', terrain: () => 100 });
    const opened = await openDem(new Blob([bytes]));
    if (!opened.ok) throw new Error(opened.message);
    const region = await opened.dem.readRegion([SITE.lon - 0.005, SITE.lat - 0.005, SITE.lon + 0.005, SITE.lat + 0.005]);
    if (!region.ok) throw new Error(region.message);
    expect(region.sampler.elevationAt(SITE.lon, SITE.lat)).toBe(100);
    expect(opened.dem.bytesRead).toBeLessThan(bytes.byteLength / 10);
    const outside = await opened.dem.readRegion([120, 30, 121, 31]);
    expect(outside.ok).toBe(false);
    if (!outside.ok) expect(outside.reason).toBe(DEM_OUTSIDE);
  });

  it('interpolates bilinearly and treats nodata as NaN', async () => {
    // A plane rising 1 m per 100 m eastwards, nodata in the south-west quadrant beyond 5 km.
    const terrain: TerrainFn = (d, az) => (az > 180 && az < 270 && d > 5000 ? NaN : 200 + (d * Math.sin((az * Math.PI) / 180)) / 100);
    for (const v of VARIANTS) {
      const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: 12_000, pixelM: 100, epsg: v.epsg, type: 'float32', noData: -9999, terrain });
      const s = await samplerFor(bytes, false);
      expect(Math.abs(s.elevationAt(SITE.lon + 0.02, SITE.lat) - (200 + (0.02 * 90_200) / 100))).toBeLessThan(1.5);
      expect(Number.isNaN(s.elevationAt(SITE.lon - 0.08, SITE.lat - 0.06))).toBe(true);
      expect(s.raster.info.noData).toBe(-9999);
    }
  });
});

describe('beam blockage on synthetic DEMs (Bech et al. 2003 as in wradlib)', () => {
  it('matches the independent disc-segment fraction', () => {
    for (const [y, a] of [[-50, 100], [0, 100], [36, 131], [99, 100], [150, 100]] as const) {
      expect(partialBlockage(y, 0, a)).toBeCloseTo(discFractionBelow(y, a), 12);
    }
  });

  for (const v of VARIANTS) {
    it(`${v.name}: flat plain gives zero blockage and known beam heights`, async () => {
      const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: HALF, pixelM: 100, epsg: v.epsg, type: v.type, noData: -32768, terrain: () => 300 });
      const s = await samplerFor(bytes);
      const site = { ...SITE, antennaHeightM: ANTENNA };
      const result = computeBlockage(s, site, { elevationDeg: ELEV, beamWidthDeg: BW, maxRangeM: 20_000, rangeStepM: 250, azimuthCount: 72 });
      if (!result.ok) throw new Error(result.reason);
      const { grid } = result;
      expect(Math.max(...grid.cbb)).toBe(0);
      expect(grid.antennaAltitudeM).toBeCloseTo(320, 6);
      grid.rangesM.forEach((r, k) => expect(Math.abs((grid.beamCentreM[k] as number) - beamCentre(r, ELEV, 320))).toBeLessThan(1));
    });

    it(`${v.name}: a ridge of height H at distance D blocks the analytic fraction`, async () => {
      const D = 12_000;
      const H = 420; // ground 300 m, ridge top 420 m a.s.l.
      const terrain: TerrainFn = (d, az) => (az >= 30 && az <= 120 && d >= D && d <= D + 2000 ? H : 300);
      const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: HALF, pixelM: 50, epsg: v.epsg, type: v.type, terrain });
      const s = await samplerFor(bytes);
      const result = computeBlockage(s, { ...SITE, antennaHeightM: ANTENNA }, { elevationDeg: ELEV, beamWidthDeg: BW, maxRangeM: 20_000, rangeStepM: 100, azimuthCount: 360 });
      if (!result.ok) throw new Error(result.reason);
      const { grid } = result;
      const nR = grid.rangesM.length;
      // Analytic: the largest blocked fraction is at the ridge's front edge s = D.
      const a = halfPowerRadius(slantRangeAtGround(D, ELEV), BW);
      const expected = discFractionBelow(H - beamCentre(D, ELEV, 320), a);
      expect(expected).toBeGreaterThan(0.2);
      expect(expected).toBeLessThan(0.8);
      for (const az of [40, 75, 110]) {
        const last = grid.cbb[az * nR + nR - 1] as number;
        expect(Math.abs(last - expected)).toBeLessThan(0.01);
        const before = grid.cbb[az * nR + Math.floor((D - 500) / 100)] as number;
        expect(before).toBe(0);
      }
      for (const az of [0, 200, 300]) expect(grid.cbb[az * nR + nR - 1]).toBe(0);
      // Coverage: region = square of ±15 km; covered where the beam centre is ≤ 150 m above ground
      // and CBB < 0.1 (the ridge sector beyond D is blocked above 10 %).
      const sq = 15_000;
      const dLon = sq / (111_320 * Math.cos((SITE.lat * Math.PI) / 180));
      const dLat = sq / 110_950;
      const region = {
        type: 'Polygon' as const,
        coordinates: [[[SITE.lon - dLon, SITE.lat - dLat], [SITE.lon + dLon, SITE.lat - dLat], [SITE.lon + dLon, SITE.lat + dLat], [SITE.lon - dLon, SITE.lat + dLat], [SITE.lon - dLon, SITE.lat - dLat]]],
      };
      const cov = coverageShare(grid, s, region, { heightAglM: 150, blockageThreshold: 0.1, cellSizeM: 100 });
      // Analytic: disc of radius s* (beam centre 150 m above the 300 m plain) minus the ridge sector
      // (90° of 360°) from D outwards; inside the ridge the ground is 120 m higher, which only matters
      // beyond D, where the sector is blocked anyway.
      let lo = 0;
      let hi = 40_000;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (beamCentre(mid, ELEV, 320) - 300 <= 150) lo = mid;
        else hi = mid;
      }
      const sStar = lo;
      expect(sStar).toBeGreaterThan(D);
      expect(sStar).toBeLessThan(sq);
      const coveredArea = Math.PI * sStar * sStar - 0.25 * Math.PI * (sStar * sStar - D * D);
      const squareArea = cov.regionAreaM2;
      expect(Math.abs(cov.share - coveredArea / squareArea)).toBeLessThan(0.01);
    });

    it(`${v.name}: a cone on the 90° ray gives the analytic profile and blockage`, async () => {
      const C = 10_000;
      const HC = 500;
      const RC = 3000;
      const cone = (x: number, y: number): number => 200 + Math.max(0, HC * (1 - Math.hypot(x - C, y) / RC));
      const terrain: TerrainFn = (d, az) => cone(d * Math.sin((az * Math.PI) / 180), d * Math.cos((az * Math.PI) / 180));
      const bytes = syntheticDem({ siteLon: SITE.lon, siteLat: SITE.lat, halfSizeM: HALF, pixelM: 50, epsg: v.epsg, type: 'float32', terrain });
      const s = await samplerFor(bytes);
      const site = { ...SITE, antennaHeightM: ANTENNA };
      const prof = terrainProfile(s, site, 90, { maxRangeM: 20_000, stepM: 250, elevationsDeg: [ELEV, 1.5], beamWidthDeg: BW });
      if (!prof.ok) throw new Error(prof.reason);
      const p = prof.profile;
      p.distancesM.forEach((d, i) => {
        if (Math.abs(d - C) < 200 || Math.abs(Math.abs(d - C) - RC) < 200) return; // kinks
        expect(Math.abs((p.terrainM[i] as number) - cone(d, 0))).toBeLessThan(1);
        expect(Math.abs((p.beams[1]?.centreM[i] as number) - beamCentre(d, 1.5, 220))).toBeLessThan(1);
      });
      const result = computeBlockage(s, site, { elevationDeg: ELEV, beamWidthDeg: BW, maxRangeM: 20_000, rangeStepM: 100, azimuthCount: 360 });
      if (!result.ok) throw new Error(result.reason);
      const { grid } = result;
      const nR = grid.rangesM.length;
      let expected = 0;
      grid.rangesM.forEach((d) => {
        const a = halfPowerRadius(slantRangeAtGround(d, ELEV), BW);
        expected = Math.max(expected, discFractionBelow(cone(d, 0) - beamHeightAtGround(d, ELEV, 220), a));
      });
      expect(expected).toBeGreaterThan(0.5);
      expect(Math.abs((grid.cbb[90 * nR + nR - 1] as number) - expected)).toBeLessThan(0.01);
    });
  }
});
