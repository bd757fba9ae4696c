import proj4 from 'proj4';
import { centralMeridianOf, isSupportedZone, type ZoneWidth } from './gauss-kruger';

/**
 * The legacy Chinese datums Xi'an 1980 and Beijing 1954, which are not CGCS2000 (the difference is
 * of the order of 100 m), their spellings in public templates, and their conversion to CGCS2000 by
 * a seven-parameter Bursa-Wolf transformation given by the user or the file (转换参数), applied
 * with proj4's `+towgs84` (position-vector convention, as PROJ's `+towgs84`).
 */

/** A legacy datum the project converts only with given parameters. */
export type LegacyDatum = 'xian80' | 'beijing54';

/** Seven Bursa-Wolf parameters: shifts in metres, rotations in arc-seconds, scale in ppm. */
export interface SevenParams {
  readonly dx: number;
  readonly dy: number;
  readonly dz: number;
  readonly rx: number;
  readonly ry: number;
  readonly rz: number;
  readonly ppm: number;
  /**
   * Sign convention of the rotations: `position-vector` (EPSG:9606, PROJ `+towgs84`, default) or
   * `coordinate-frame` (EPSG:9607; the rotations are negated before use).
   */
  readonly convention?: 'position-vector' | 'coordinate-frame';
}

/** Ellipsoid of each legacy datum, as proj4 parameters. */
const ELLIPSOIDS: Readonly<Record<LegacyDatum, string>> = {
  xian80: '+a=6378140 +rf=298.257',
  beijing54: '+ellps=krass',
};

/** Display names. */
export const LEGACY_DATUM_NAMES: Readonly<Record<LegacyDatum, { zh: string; en: string }>> = {
  xian80: { zh: '1980西安坐标系', en: "Xi'an 1980" },
  beijing54: { zh: '1954北京坐标系', en: 'Beijing 1954' },
};

const SPELLINGS: readonly [RegExp, LegacyDatum][] = [
  [/西安\s*(?:19)?80|(?:19)?80\s*年?\s*西安|xi'?an\s*-?\s*(?:19)?80|c80|iag\s*-?\s*75|1975\s*国际椭球/i, 'xian80'],
  [/(?<![\d])(?:19)?80\s*年?\s*国家\s*大地\s*坐标系|国家\s*80|(?<![\d])80\s*坐标系|(?<![\d])1980\s*坐标系/i, 'xian80'],
  [/北京\s*(?:19)?54|(?:19)?54\s*年?\s*北京|beijing\s*-?\s*(?:19)?54|new\s*beijing|新\s*54|(?<![\d])54\s*坐标系|(?<![\d])1954\s*年?\s*(?:国家\s*)?(?:大地\s*)?坐标系|krasovsk|krassowsk|krassovsk/i, 'beijing54'],
];

/**
 * Finds a legacy datum named in text: "80国家大地坐标系", "1980年国家大地坐标系", "1980年西安坐标系",
 * "西安80", "Xian_1980", "1954年北京坐标系", "北京54", "Beijing_1954", "新54" … or null.
 */
export function legacyDatumIn(text: string): LegacyDatum | null {
  const t = text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[_]/g, ' ');
  if (/2000\s*(?:国家)?\s*大地\s*坐标系|cgcs\s*2000/i.test(t) && !/西安|北京|xi'?an|beijing/i.test(t)) return null;
  for (const [re, datum] of SPELLINGS) if (re.test(t)) return datum;
  return null;
}

/**
 * Reads seven parameters from text such as "转换参数=-15.2,128.7,95.1,0.3,-1.2,2.1,-3.4": exactly
 * seven finite numbers, not all zero. Returns null otherwise (blank parameters mean none given).
 */
export function parseSevenParams(text: string): SevenParams | null {
  const cells = text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (cells.length !== 7 || !cells.every((c) => /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(c))) return null;
  const v = cells.map(Number);
  if (!v.every(Number.isFinite) || v.every((x) => x === 0)) return null;
  const [dx, dy, dz, rx, ry, rz, ppm] = v as [number, number, number, number, number, number, number];
  return { dx, dy, dz, rx, ry, rz, ppm };
}

/** Checks seven parameters for plausibility: shifts within 1000 m, rotations within 60″, scale within 100 ppm. */
export function sevenParamsProblem(p: SevenParams): { zh: string; en: string } | null {
  const values = [p.dx, p.dy, p.dz, p.rx, p.ry, p.rz, p.ppm];
  if (!values.every(Number.isFinite)) return { zh: '七参数必须都是有限数值', en: 'the seven parameters must all be finite numbers' };
  if ([p.dx, p.dy, p.dz].some((d) => Math.abs(d) > 1000)) return { zh: '平移参数超过 1000 m，不合理', en: 'a shift beyond 1000 m is not plausible' };
  if ([p.rx, p.ry, p.rz].some((r) => Math.abs(r) > 60)) return { zh: '旋转参数超过 60″（应以秒为单位）', en: 'a rotation beyond 60″ (rotations are in arc-seconds)' };
  if (Math.abs(p.ppm) > 100) return { zh: '尺度参数超过 100 ppm', en: 'a scale beyond 100 ppm' };
  return null;
}

/** The `+towgs84` value of seven parameters (position-vector convention). */
export function towgs84(p: SevenParams): string {
  const s = p.convention === 'coordinate-frame' ? -1 : 1;
  return [p.dx, p.dy, p.dz, s * p.rx, s * p.ry, s * p.rz, p.ppm].join(',');
}

/** Where legacy coordinates are: a Gauss-Krüger zone (with or without the zone prefix) or lon/lat. */
export type LegacyFrame =
  | { readonly kind: 'gk'; readonly zone: number; readonly width: ZoneWidth; readonly prefixed: boolean }
  | { readonly kind: 'geographic' };

/** The proj4 definition of a legacy frame with its seven parameters. */
export function legacyProj4(datum: LegacyDatum, frame: LegacyFrame, params: SevenParams): string {
  const ell = ELLIPSOIDS[datum];
  const tw = `+towgs84=${towgs84(params)}`;
  if (frame.kind === 'geographic') return `+proj=longlat ${ell} ${tw} +no_defs`;
  const fe = (frame.prefixed ? frame.zone * 1e6 : 0) + 500000;
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianOf(frame.zone, frame.width)} +k=1 +x_0=${fe} +y_0=0 ${ell} ${tw} +units=m +no_defs`;
}

/** CGCS2000 lon/lat as the target of the Bursa-Wolf transformation (GRS80, null shift). */
export const CGCS2000_TARGET_PROJ4 = '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';

/**
 * A converter from legacy [east, north] (or [lon, lat]) to CGCS2000 [lon, lat], or null for an
 * unsupported zone. Non-finite input gives [NaN, NaN].
 */
export function legacyToCgcs2000(datum: LegacyDatum, frame: LegacyFrame, params: SevenParams): ((a: number, b: number) => [number, number]) | null {
  if (frame.kind === 'gk' && !isSupportedZone(frame.zone, frame.width)) return null;
  const conv = proj4(legacyProj4(datum, frame, params), CGCS2000_TARGET_PROJ4);
  return (a, b) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return [NaN, NaN];
    const out = conv.forward([a, b]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  };
}

/** The inverse of {@link legacyToCgcs2000}: CGCS2000 [lon, lat] to legacy [east, north]. */
export function cgcs2000ToLegacy(datum: LegacyDatum, frame: LegacyFrame, params: SevenParams): ((lon: number, lat: number) => [number, number]) | null {
  if (frame.kind === 'gk' && !isSupportedZone(frame.zone, frame.width)) return null;
  const conv = proj4(legacyProj4(datum, frame, params), CGCS2000_TARGET_PROJ4);
  return (lon, lat) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [NaN, NaN];
    const out = conv.inverse([lon, lat]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  };
}
