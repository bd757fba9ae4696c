import { describe, expect, it } from 'vitest';
import { CGCS2000_EPSG, getCrs, transformCoord } from '../../../../src/core/geo/crs-registry';
import { fromGaussKruger, toGaussKruger } from '../../../../src/core/geo/gauss-kruger';
import { num, readFixtureTable, smallOffsetMetres } from './fixture-tables';

/**
 * Agreement with PROJ 9.1.1 `cs2cs` (fixtures from tests/fixtures/crs/make-fixtures.sh).
 * cs2cs writes northing before easting and lat before lon; the fixtures keep those columns named.
 */
const TOLERANCE_M = 0.001;
const forwardRows = readFixtureTable('crs/forward.tsv');
const inverseRows = readFixtureTable('crs/inverse.tsv');
const TARGETS = [4525, 4526, 4546, 4547, 4497, 4508];

function gkOptions(epsg: number): { zone: number; width: 3 | 6; prefixed: boolean } {
  const crs = getCrs(epsg);
  if (crs.zone === undefined || crs.kind === 'geographic') throw new Error(`EPSG:${epsg} is not projected`);
  return { zone: crs.zone, width: crs.kind === 'gk3' ? 3 : 6, prefixed: crs.prefixed };
}

describe('agreement with cs2cs', () => {
  it('covers every target CRS with at least 20 points each', () => {
    for (const epsg of TARGETS) {
      expect(forwardRows.filter((r) => num(r[0], 'epsg') === epsg).length).toBeGreaterThanOrEqual(20);
      expect(inverseRows.filter((r) => num(r[0], 'epsg') === epsg).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('forward (lon/lat → X northing, Y easting) within 1 mm', () => {
    let worst = 0;
    for (const row of forwardRows) {
      const [code, name, lonS, latS, northingS, eastingS] = row;
      const epsg = num(code, 'epsg');
      const lon = num(lonS, 'lon');
      const lat = num(latS, 'lat');
      const northing = num(northingS, 'northing');
      const easting = num(eastingS, 'easting');
      const gk = toGaussKruger(lon, lat, gkOptions(epsg));
      expect(gk.epsg).toBe(epsg);
      const error = Math.hypot(gk.x - northing, gk.y - easting);
      expect(error, `${name} in EPSG:${epsg}`).toBeLessThanOrEqual(TOLERANCE_M);
      const [e, n] = transformCoord(CGCS2000_EPSG, epsg, [lon, lat]);
      expect(Math.hypot(e - easting, n - northing), `${name} via transformCoord`).toBeLessThanOrEqual(TOLERANCE_M);
      worst = Math.max(worst, error);
    }
    expect(worst).toBeLessThanOrEqual(TOLERANCE_M);
  });

  it('inverse (X northing, Y easting → lon/lat) within 1 mm on the ground', () => {
    for (const row of inverseRows) {
      const [code, name, northingS, eastingS, latS, lonS] = row;
      const epsg = num(code, 'epsg');
      const northing = num(northingS, 'northing');
      const easting = num(eastingS, 'easting');
      const lat = num(latS, 'lat');
      const lon = num(lonS, 'lon');
      const geo = fromGaussKruger(northing, easting, gkOptions(epsg));
      const error = smallOffsetMetres(lat, geo.lon - lon, geo.lat - lat);
      expect(error, `${name} from EPSG:${epsg}`).toBeLessThanOrEqual(TOLERANCE_M);
      const [lon2, lat2] = transformCoord(epsg, CGCS2000_EPSG, [easting, northing]);
      expect(smallOffsetMetres(lat, lon2 - lon, lat2 - lat)).toBeLessThanOrEqual(TOLERANCE_M);
    }
  });

  it('puts Jincheng (112.85E) in 3° zone 38 / CM 114 and Linfen in zone 37 / CM 111', () => {
    const jincheng = forwardRows.find((r) => r[0] === '4526' && r[1] === 'Jincheng');
    expect(jincheng).toBeDefined();
    expect(toGaussKruger(112.85, 35.5, { width: 3, prefixed: true }).epsg).toBe(4526);
    expect(toGaussKruger(111.52, 36.08, { width: 3, prefixed: true }).epsg).toBe(4525);
    expect(toGaussKruger(112.85, 35.5, { width: 3, prefixed: false }).epsg).toBe(4547);
    expect(toGaussKruger(112.85, 35.5, { width: 6, prefixed: true }).epsg).toBe(4497);
  });
});
