import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseGaussKruger, parseLonLat } from '../../../../src/core/geo/parse-position';

/** PROJ's answer for EPSG:4525 (3° zone 37, prefixed easting, X north / Y east) → EPSG:4490 lon/lat. */
function cs2cs(x: number, y: number): [number, number] {
  const out = execFileSync('cs2cs', ['-f', '%.10f', 'EPSG:4525', 'EPSG:4490'], { input: `${x} ${y}\n`, encoding: 'utf8' });
  const [lat, lon] = out.trim().split(/\s+/).map(Number) as [number, number];
  return [lon, lat];
}

describe('parsePosition', () => {
  it('reads decimal degrees and 度分秒, and swaps lat/lon typed the other way round', () => {
    expect(parseLonLat('110.884', '37.4713')).toMatchObject({ ok: true, lon: 110.884, lat: 37.4713, swapped: false });
    const dms = parseLonLat('110°53′2.4″', '37度28分16.68秒');
    expect(dms.ok && dms.lon).toBeCloseTo(110.884, 9);
    expect(dms.ok && dms.lat).toBeCloseTo(37.4713, 9);
    expect(parseLonLat('37.4713', '110.884')).toMatchObject({ ok: true, lon: 110.884, lat: 37.4713, swapped: true });
  });

  it('refuses what cannot be a position in China, with a code', () => {
    expect(parseLonLat('', '')).toEqual({ ok: false, problem: { code: 'position-empty' } });
    expect(parseLonLat('abc', '37')).toMatchObject({ ok: false, problem: { code: 'position-unreadable', params: { field: 'lon' } } });
    expect(parseLonLat('10', '50')).toMatchObject({ ok: false, problem: { code: 'position-outside-china' } });
    expect(parseLonLat('111', '95')).toMatchObject({ ok: false, problem: { code: 'position-out-of-range', params: { field: 'lat' } } });
  });

  it('reads GK X/Y with the zone prefix as PROJ does (≤ 1e-8°), and X/Y typed swapped', () => {
    const x = 4_148_123.456;
    const y = 37_490_321.789;
    const [lon, lat] = cs2cs(x, y);
    const r = parseGaussKruger(String(x), String(y));
    expect(r).toMatchObject({ ok: true, zone: 37, width: 3, kind: 'gauss-kruger', swapped: false });
    if (!r.ok) return;
    expect(Math.abs(r.lon - lon)).toBeLessThan(1e-8);
    expect(Math.abs(r.lat - lat)).toBeLessThan(1e-8);
    expect(parseGaussKruger(String(y), String(x))).toMatchObject({ ok: true, swapped: true });
    expect(parseGaussKruger('4 148 123.456', '37 490 321.789')).toMatchObject({ ok: true });
  });

  it('needs the zone for a plain easting and refuses a bad prefix', () => {
    expect(parseGaussKruger('4148123.456', '490321.789')).toMatchObject({ ok: false, problem: { code: 'position-zone-needed' } });
    const plain = parseGaussKruger('4148123.456', '490321.789', 37);
    const prefixed = parseGaussKruger('4148123.456', '37490321.789');
    expect(plain.ok && prefixed.ok && Math.abs(plain.lon - prefixed.lon) + Math.abs(plain.lat - prefixed.lat)).toBeLessThan(1e-12);
    expect(parseGaussKruger('4148123.456', '24490321.789')).toMatchObject({ ok: false, problem: { code: 'position-bad-easting' } });
  });
});
