import { parseAngle } from '../io/dms';
import { fromGaussKruger, isSupportedZone, zoneFromEasting } from './gauss-kruger';

/**
 * A position typed by a user placing a feature: WGS84/CGCS2000 longitude and latitude (decimal degrees or
 * 度分秒), or a CGCS2000 Gauss-Krüger X (northing) / Y (easting) pair, the easting with its zone prefix
 * (37 546 837.92) or plain with the zone given apart. Returns codes and parameters, never prose.
 */

/** How the position was written. */
export type PositionKind = 'lonlat' | 'gauss-kruger';

/** Why a typed position was refused. */
export type PositionProblem =
  | { code: 'position-empty' }
  | { code: 'position-unreadable'; params: { field: 'lon' | 'lat' | 'x' | 'y'; text: string } }
  | { code: 'position-out-of-range'; params: { field: 'lon' | 'lat'; value: number } }
  | { code: 'position-outside-china'; params: { lon: number; lat: number } }
  | { code: 'position-zone-needed'; params: { y: number } }
  | { code: 'position-bad-easting'; params: { y: number; detail: string } }
  | { code: 'position-bad-zone'; params: { zone: number } };

/** A read position, with what was assumed. */
export type PositionResult =
  | { ok: true; lon: number; lat: number; kind: PositionKind; zone: number | null; width: 3 | 6 | null; swapped: boolean }
  | { ok: false; problem: PositionProblem };

/** Rough bounds of China (with margin): a typed position outside them is refused as a likely mistake. */
const CHINA = { w: 73, s: 17, e: 136, n: 54 } as const;

const inChina = (lon: number, lat: number): boolean => lon >= CHINA.w && lon <= CHINA.e && lat >= CHINA.s && lat <= CHINA.n;

function number(text: string): number | null {
  const t = text.replace(/[\s,，]/g, '').replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Reads longitude and latitude typed as decimal degrees or 度分秒 (37°51′23.45″, 37度51分23.45秒, 37 51 23.45). */
export function parseLonLat(lonText: string, latText: string): PositionResult {
  if (lonText.trim() === '' && latText.trim() === '') return { ok: false, problem: { code: 'position-empty' } };
  const lon = parseAngle(lonText.trim());
  if (lon === null) return { ok: false, problem: { code: 'position-unreadable', params: { field: 'lon', text: lonText } } };
  const lat = parseAngle(latText.trim());
  if (lat === null) return { ok: false, problem: { code: 'position-unreadable', params: { field: 'lat', text: latText } } };
  let x = lon.degrees;
  let y = lat.degrees;
  let swapped = false;
  if (!inChina(x, y) && inChina(y, x) && lon.hemisphere === undefined && lat.hemisphere === undefined) {
    [x, y] = [y, x];
    swapped = true;
  }
  if (Math.abs(y) > 90) return { ok: false, problem: { code: 'position-out-of-range', params: { field: 'lat', value: y } } };
  if (Math.abs(x) > 180) return { ok: false, problem: { code: 'position-out-of-range', params: { field: 'lon', value: x } } };
  if (!inChina(x, y)) return { ok: false, problem: { code: 'position-outside-china', params: { lon: x, lat: y } } };
  return { ok: true, lon: x, lat: y, kind: 'lonlat', zone: null, width: null, swapped };
}

/**
 * Reads a Gauss-Krüger X (northing) / Y (easting) pair. A Y with the zone prefix gives its zone (3° zones 25–45,
 * 6° zones 13–23); a plain Y (about 500 000) needs `zone` (and `width`, 3 by default). X and Y typed the other way
 * round (a 7-digit "X" of a prefixed easting) are swapped back and said so.
 */
export function parseGaussKruger(xText: string, yText: string, zone: number | null = null, width: 3 | 6 = 3): PositionResult {
  if (xText.trim() === '' && yText.trim() === '') return { ok: false, problem: { code: 'position-empty' } };
  let x = number(xText);
  if (x === null) return { ok: false, problem: { code: 'position-unreadable', params: { field: 'x', text: xText } } };
  let y = number(yText);
  if (y === null) return { ok: false, problem: { code: 'position-unreadable', params: { field: 'y', text: yText } } };
  let swapped = false;
  if (x >= 1e7 && y < 1e7) {
    [x, y] = [y, x];
    swapped = true;
  }
  let lonlat: { lon: number; lat: number };
  let usedZone: number;
  let usedWidth: 3 | 6;
  if (y >= 1e6) {
    const z = zoneFromEasting(y);
    if (!z.ok) return { ok: false, problem: { code: 'position-bad-easting', params: { y, detail: z.reason } } };
    lonlat = fromGaussKruger(x, y, { width: z.width, prefixed: true });
    usedZone = z.zone;
    usedWidth = z.width;
  } else {
    if (zone === null) return { ok: false, problem: { code: 'position-zone-needed', params: { y } } };
    if (!isSupportedZone(zone, width)) return { ok: false, problem: { code: 'position-bad-zone', params: { zone } } };
    lonlat = fromGaussKruger(x, y, { width, prefixed: false, zone });
    usedZone = zone;
    usedWidth = width;
  }
  if (!inChina(lonlat.lon, lonlat.lat)) return { ok: false, problem: { code: 'position-outside-china', params: lonlat } };
  return { ok: true, lon: lonlat.lon, lat: lonlat.lat, kind: 'gauss-kruger', zone: usedZone, width: usedWidth, swapped };
}
