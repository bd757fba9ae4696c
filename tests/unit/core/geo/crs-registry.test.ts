import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  CGCS2000_EPSG,
  ensureProj4Definition,
  findCrs,
  getCrs,
  listCrs,
  transformCoord,
} from '../../../../src/core/geo/crs-registry';
import { num, readFixtureTable } from './fixture-tables';

/** projinfo output for every code (see tests/fixtures/crs/make-fixtures.sh). */
const projinfoRows = readFixtureTable('crs/projinfo.tsv');

describe('CRS registry', () => {
  it('holds exactly the 65 codes EPSG:4490 and 4491–4554', () => {
    const codes = listCrs().map((c) => c.epsg);
    const expected = [4490, ...Array.from({ length: 4554 - 4491 + 1 }, (_, i) => 4491 + i)];
    expect(codes).toEqual(expected);
    expect(new Set(codes).size).toBe(65);
  });

  it('has no +towgs84 in any definition and uses GRS80 everywhere', () => {
    for (const crs of listCrs()) {
      expect(crs.proj4).not.toContain('towgs84');
      expect(crs.proj4).toContain('+ellps=GRS80');
    }
  });

  it('matches the definitions and names of PROJ (projinfo) for every code', () => {
    expect(projinfoRows).toHaveLength(65);
    for (const [code, name, def] of projinfoRows) {
      const crs = getCrs(num(code, 'epsg'));
      expect(crs.proj4, `EPSG:${code}`).toBe(def);
      expect(crs.name, `EPSG:${code}`).toBe(name);
    }
  });

  it('describes zones consistently with their definitions', () => {
    for (const crs of listCrs()) {
      if (crs.kind === 'geographic') {
        expect(crs.epsg).toBe(CGCS2000_EPSG);
        expect(crs.zone).toBeUndefined();
        continue;
      }
      const zone = crs.zone ?? NaN;
      const cm = crs.kind === 'gk3' ? zone * 3 : zone * 6 - 3;
      expect(crs.centralMeridian).toBe(cm);
      expect(crs.proj4).toContain(`+lon_0=${cm} `);
      const falseEasting = crs.prefixed ? zone * 1e6 + 500000 : 500000;
      expect(crs.proj4).toContain(`+x_0=${falseEasting} `);
      if (crs.kind === 'gk3') expect(crs.name).toContain('3-degree');
      else expect(crs.name).not.toContain('3-degree');
    }
    expect(getCrs(4525)).toMatchObject({ kind: 'gk3', zone: 37, centralMeridian: 111, prefixed: true });
    expect(getCrs(4526)).toMatchObject({ kind: 'gk3', zone: 38, centralMeridian: 114, prefixed: true });
    expect(getCrs(4546)).toMatchObject({ kind: 'gk3', zone: 37, centralMeridian: 111, prefixed: false });
    expect(getCrs(4497)).toMatchObject({ kind: 'gk6', zone: 19, centralMeridian: 111, prefixed: true });
    expect(getCrs(4508)).toMatchObject({ kind: 'gk6', zone: 19, centralMeridian: 111, prefixed: false });
  });

  it('rejects unknown codes', () => {
    expect(findCrs(4326)).toBeUndefined();
    expect(findCrs(4555)).toBeUndefined();
    expect(() => getCrs(4489)).toThrow(RangeError);
    expect(() => transformCoord(4490, 4326, [111, 36])).toThrow(/not a registered/);
  });

  it('registers definitions with proj4 on first use only', () => {
    const code = ensureProj4Definition(4540);
    expect(code).toBe('EPSG:4540');
    const def = proj4.defs('EPSG:4540');
    expect(def.projName).toBe('tmerc');
    expect(ensureProj4Definition(4540)).toBe(code);
  });

  it('transforms in proj4 axis order: [lon, lat] ↔ [easting, northing]', () => {
    const [e, n] = transformCoord(4490, 4525, [111.52, 36.08]);
    expect(Math.floor(e / 1e6)).toBe(37);
    expect(n).toBeGreaterThan(3.9e6);
    expect(n).toBeLessThan(4.1e6);
    const [lon, lat] = transformCoord(4525, 4490, [e, n]);
    expect(lon).toBeCloseTo(111.52, 9);
    expect(lat).toBeCloseTo(36.08, 9);
    expect(() => transformCoord(4490, 4525, [Number.NaN, 36])).toThrow(RangeError);
  });
});
