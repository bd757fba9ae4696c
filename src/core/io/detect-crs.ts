import { CGCS2000_EPSG, converterBetween, findCrs, getCrs } from '../geo/crs-registry';
import { geodesicDistance } from '../geo/geodesic';
import { epsgForZone, isSupportedZone, zoneFromEasting, type ZoneWidth } from '../geo/gauss-kruger';
import type { Bilingual, CrsCandidate, CrsChoice, ImportFailure, ImportIssue } from './import-types';
import { IMPORT_REASONS, importFailure } from './import-types';
import { UTM_ZONE_RANGE, type StatedCrs } from './stated-crs';

export * from './stated-crs';
export { lonLatToWebMercator, webMercatorToLonLat } from './source-projections';
import { lonLatToWebMercator, utmConverter, webMercatorToLonLat } from './source-projections';

/**
 * CRS detection for imported coordinates: from what the file states (a `.prj` WKT, a GeoJSON
 * legacy `crs` member, a table title such as "2000国家大地坐标系 3度带 第37带") and from the
 * magnitudes of the numbers themselves (lon/lat degrees, prefixed or plain Gauss-Krüger metres,
 * Web Mercator metres, either axis order). Supported target systems are the CGCS2000 ones of
 * `crs-registry.ts` (WGS84 lon/lat is read as CGCS2000; they agree to a few centimetres) and Web
 * Mercator (spherical formulas, no proj4 definition needed).
 *
 * GCJ-02 and BD-09 cannot be told from WGS84 by the numbers (the offset is a few hundred metres
 * of noise-like shift); they are flagged from names (file name, title text: 高德, 百度, gcj …) and
 * offered as fixes.
 */

/** EPSG code used for Web Mercator (also stated as 900913, 102100, 102113). */
export const WEB_MERCATOR_EPSG = 3857;

/** Shanxi's extent in degrees [minLon, minLat, maxLon, maxLat] (generous by a few km). */
export const SHANXI_BBOX = [110.2, 34.55, 114.6, 40.75] as const;
/** China's extent in degrees, for plausibility of a CRS guess. */
const CHINA_BBOX = [73, 3, 136, 54] as const;

/** What the caller knows besides the numbers. */
export interface CrsHints {
  /** The statement read from the file (see {@link crsFromWkt}, {@link crsFromName}, {@link crsFromText}). */
  readonly stated?: StatedCrs | null;
  /** A CRS chosen by the user: overrides everything but the axis-order check. */
  readonly forceEpsg?: number;
  /** Zone for unprefixed eastings, when the user knows it. */
  readonly zone?: number;
  readonly zoneWidth?: ZoneWidth;
  /** Whether the other axis order may be tried (default true). */
  readonly allowSwap?: boolean;
  /** File name for messages. */
  readonly file?: string;
}

/** A chosen CRS with the function that converts source pairs to lon/lat. */
export interface CrsDetected {
  readonly ok: true;
  readonly crs: CrsChoice;
  readonly warnings: ImportIssue[];
  /** Converts a source pair, given in the order the samples were given, to [lon, lat]. */
  readonly toLonLat: (a: number, b: number) => [number, number];
  /** Whether `toLonLat` returns its arguments unchanged (lon/lat in the source order). */
  readonly keepsLonLat: boolean;
  /** Converts [lon, lat] back to the source pair in the source order (for planar areas and exports). */
  readonly fromLonLat: (lon: number, lat: number) => [number, number];
}

interface Hypothesis {
  readonly kind: 'geographic' | 'gk' | 'web-mercator' | 'utm';
  readonly swapped: boolean;
  readonly epsg: number;
  readonly zone?: number;
  readonly width?: ZoneWidth;
  readonly prefixed?: boolean;
}

interface Scored {
  readonly h: Hypothesis;
  readonly score: number;
  /** Fraction of the sample bbox corners inside Shanxi. */
  readonly shanxi: number;
}

/** Extent of the finite sample pairs: first ordinate `a`, second `b` (Infinity … −Infinity when none). */
export interface CoordinateRanges {
  readonly minA: number;
  readonly maxA: number;
  readonly minB: number;
  readonly maxB: number;
}

type Ranges = CoordinateRanges;

/** Converts an (east, north) pair of a hypothesis to lon/lat. */
function eastNorthToLonLat(h: Hypothesis, east: number, north: number): [number, number] {
  if (!Number.isFinite(east) || !Number.isFinite(north)) return [NaN, NaN];
  if (h.kind === 'geographic') return [east, north];
  if (h.kind === 'web-mercator') return webMercatorToLonLat(east, north);
  if (h.kind === 'utm') {
    const out = utmConverter(h.zone ?? 0).forward([east, north]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  }
  const out = converterBetween(h.epsg, CGCS2000_EPSG).forward([east, north]);
  return [out[0] ?? NaN, out[1] ?? NaN];
}

function lonLatToEastNorth(h: Hypothesis, lon: number, lat: number): [number, number] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [NaN, NaN];
  if (h.kind === 'geographic') return [lon, lat];
  if (h.kind === 'web-mercator') return lonLatToWebMercator(lon, lat);
  if (h.kind === 'utm') {
    const out = utmConverter(h.zone ?? 0).inverse([lon, lat]);
    return [out[0] ?? NaN, out[1] ?? NaN];
  }
  const out = converterBetween(CGCS2000_EPSG, h.epsg).forward([lon, lat]);
  return [out[0] ?? NaN, out[1] ?? NaN];
}

function inBox(lon: number, lat: number, box: readonly [number, number, number, number], margin = 0): boolean {
  return lon >= box[0] - margin && lon <= box[2] + margin && lat >= box[1] - margin && lat <= box[3] + margin;
}

function fits(h: Hypothesis, r: Ranges): boolean {
  const [eMin, eMax, nMin, nMax] = h.swapped ? [r.minB, r.maxB, r.minA, r.maxA] : [r.minA, r.maxA, r.minB, r.maxB];
  switch (h.kind) {
    case 'geographic':
      // 1e-9° (0.1 mm) of slack: exporters write 180.00000000000006 for the antimeridian.
      return eMin >= -180 - 1e-9 && eMax <= 180 + 1e-9 && nMin >= -90 - 1e-9 && nMax <= 90 + 1e-9;
    case 'utm':
      return eMin >= 1.5e5 && eMax <= 8.5e5 && nMin >= 0 && nMax <= 6.5e6;
    case 'web-mercator':
      return eMin >= 7.5e6 && eMax <= 1.56e7 && nMin >= 3e5 && nMax <= 7.2e6;
    case 'gk': {
      if (nMin < 1e5 || nMax > 6.5e6) return false;
      if (h.prefixed === true) {
        const lo = zoneFromEasting(eMin);
        const hi = zoneFromEasting(eMax);
        return lo.ok && hi.ok && lo.zone === h.zone && hi.zone === h.zone && lo.width === h.width;
      }
      return eMin >= 5e4 && eMax <= 9.5e5;
    }
  }
}

function score(h: Hypothesis, r: Ranges): Scored {
  const corners: [number, number][] = [
    [r.minA, r.minB],
    [r.maxA, r.maxB],
    [r.minA, r.maxB],
    [r.maxA, r.minB],
  ];
  const centre: [number, number] = [(r.minA + r.maxA) / 2, (r.minB + r.maxB) / 2];
  const toLL = ([a, b]: [number, number]): [number, number] =>
    h.swapped ? eastNorthToLonLat(h, b, a) : eastNorthToLonLat(h, a, b);
  const [lon, lat] = toLL(centre);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { h, score: 0, shanxi: 0 };
  const inShanxi = corners.filter((c) => {
    const [x, y] = toLL(c);
    return inBox(x, y, SHANXI_BBOX);
  }).length;
  let s = inBox(lon, lat, SHANXI_BBOX, 0.3) ? 3 : inBox(lon, lat, CHINA_BBOX) ? 2 : 1;
  // Swapping lon/lat is a repair for numbers that do not fit as written; lon/lat that fit as
  // written (Svalbard, Europe) are not swapped into China unless that lands them in Shanxi.
  if (h.kind === 'geographic' && h.swapped && s < 3) s = 0.5;
  return { h, score: s, shanxi: inShanxi / 4 };
}

function gkHypothesis(zone: number, width: ZoneWidth, prefixed: boolean, swapped: boolean): Hypothesis {
  return { kind: 'gk', swapped, zone, width, prefixed, epsg: epsgForZone(zone, width, prefixed) };
}

function candidates(r: Ranges, allowSwap: boolean, hints: CrsHints): Hypothesis[] {
  const out: Hypothesis[] = [];
  for (const swapped of allowSwap ? [false, true] : [false]) {
    const eMin = swapped ? r.minB : r.minA;
    out.push({ kind: 'geographic', swapped, epsg: CGCS2000_EPSG });
    out.push({ kind: 'web-mercator', swapped, epsg: WEB_MERCATOR_EPSG });
    const pz = Number.isFinite(eMin) && Math.abs(eMin) < 1e9 ? zoneFromEasting(Math.max(0, eMin)) : null;
    if (pz !== null && pz.ok) out.push(gkHypothesis(pz.zone, pz.width, true, swapped));
    if (hints.stated?.kind === 'utm' && hints.stated.zone !== undefined) out.push({ kind: 'utm', swapped, epsg: 32600 + hints.stated.zone, zone: hints.stated.zone });
    const stated = hints.stated?.kind === 'gk' ? hints.stated : undefined;
    const zone = hints.zone ?? stated?.zone;
    const width = hints.zoneWidth ?? stated?.width;
    if (zone !== undefined && width !== undefined && isSupportedZone(zone, width)) {
      out.push(gkHypothesis(zone, width, false, swapped));
    } else {
      for (const w of width !== undefined ? [width] : ([3, 6] as const)) {
        const range = w === 3 ? { min: 25, max: 45 } : { min: 13, max: 23 };
        for (let z = range.min; z <= range.max; z++) out.push(gkHypothesis(z, w, false, swapped));
      }
    }
  }
  return out.filter((h) => fits(h, r));
}

function hypothesisFromEpsg(epsg: number, swapped: boolean): Hypothesis | null {
  if (epsg === CGCS2000_EPSG || epsg === 4326) return { kind: 'geographic', swapped, epsg: CGCS2000_EPSG };
  if (epsg >= 32600 + UTM_ZONE_RANGE.min && epsg <= 32600 + UTM_ZONE_RANGE.max) return { kind: 'utm', swapped, epsg, zone: epsg - 32600 };
  if (epsg === WEB_MERCATOR_EPSG) return { kind: 'web-mercator', swapped, epsg };
  const info = findCrs(epsg);
  if (info === undefined || info.zone === undefined) return null;
  return { kind: 'gk', swapped, epsg, zone: info.zone, width: info.kind === 'gk3' ? 3 : 6, prefixed: info.prefixed };
}

function crsLabel(h: Hypothesis): string {
  if (h.kind === 'web-mercator') return 'WGS 84 / Pseudo-Mercator (Web Mercator)';
  if (h.kind === 'utm') return `WGS 84 / UTM zone ${h.zone ?? '?'}N`;
  return getCrs(h.epsg).name;
}

function consistentWith(h: Hypothesis, stated: StatedCrs): boolean {
  if (h.kind !== stated.kind) return false;
  if (h.kind === 'utm') return h.zone === stated.zone;
  if (h.kind !== 'gk') return true;
  if (stated.zone !== undefined && h.zone !== stated.zone) return false;
  if (stated.width !== undefined && h.width !== stated.width) return false;
  if (stated.prefixed !== undefined && h.prefixed !== stated.prefixed) return false;
  return true;
}

function rank(a: Scored, b: Scored): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.shanxi !== b.shanxi) return b.shanxi - a.shanxi;
  if (a.h.swapped !== b.h.swapped) return a.h.swapped ? 1 : -1;
  const order = (h: Hypothesis): number =>
    h.kind === 'geographic' ? 0 : h.kind === 'gk' ? (h.prefixed === true ? 1 : h.width === 3 ? 2 : 3) : h.kind === 'utm' ? 5 : 4;
  if (order(a.h) !== order(b.h)) return order(a.h) - order(b.h);
  return (a.h.zone ?? 0) - (b.h.zone ?? 0);
}

function describe(h: Hypothesis): Bilingual {
  switch (h.kind) {
    case 'geographic':
      return { zh: '数值在经纬度范围内', en: 'the numbers are in the longitude/latitude range' };
    case 'utm':
      return { zh: `按 WGS 84 UTM 第 ${h.zone ?? '?'}N 带解释`, en: `read as WGS 84 / UTM zone ${h.zone ?? '?'}N` };
    case 'web-mercator':
      return {
        zh: '数值像 Web 墨卡托米制坐标（东坐标约 1.2×10⁷），已按球面公式换算',
        en: 'the numbers look like Web Mercator metres (easting about 1.2e7); converted with the spherical formulas',
      };
    case 'gk':
      return h.prefixed === true
        ? {
            zh: `横坐标 Y 带 ${h.zone} 带号前缀（${h.width}度带）`,
            en: `the eastings carry the zone prefix ${h.zone} (${h.width}° zone)`,
          }
        : {
            zh: `横坐标 Y 无带号前缀（约 ${h.width === 3 ? '3.6–6.4' : '2.3–7.7'}×10⁵ m），按第 ${h.zone} 带（${h.width}度带）解释`,
            en: `the eastings have no zone prefix; read as ${h.width}° zone ${h.zone}`,
          };
  }
}

/**
 * Chooses the CRS of a set of coordinate pairs. `samples` are pairs in the order the source gives
 * them, presumed [east, north] (lon, lat or Y, X); detection may decide they are the other way
 * round. Order of evidence: a user choice (`forceEpsg`), then what the file states (checked against
 * the numbers; the numbers win on conflict, with a warning), then magnitudes. Unprefixed
 * Gauss-Krüger eastings need a zone: without one, the zone that puts the points in Shanxi is
 * assumed and reported with `confidence: 'assumed'` and its alternatives.
 */
export function detectCrs(samples: readonly (readonly [number, number])[], hints: CrsHints = {}): CrsDetected | ImportFailure {
  const ranges = emptyRanges();
  for (const [a, b] of samples) widenRanges(ranges, a, b);
  return detectCrsInRanges(ranges, hints);
}

/** Mutable {@link CoordinateRanges} being collected. */
export type RangesBuilder = { -readonly [K in keyof CoordinateRanges]: CoordinateRanges[K] };

/** Ranges that hold no pair yet. */
export function emptyRanges(): RangesBuilder {
  return { minA: Infinity, maxA: -Infinity, minB: Infinity, maxB: -Infinity };
}

/** Widens `r` by the pair (a, b) when both are finite. */
export function widenRanges(r: RangesBuilder, a: number, b: number): void {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return;
  if (a < r.minA) r.minA = a;
  if (a > r.maxA) r.maxA = a;
  if (b < r.minB) r.minB = b;
  if (b > r.maxB) r.maxB = b;
}

/** {@link detectCrs} from the extent of the samples alone (all that detection looks at). */
export function detectCrsInRanges(ranges: CoordinateRanges, hints: CrsHints = {}): CrsDetected | ImportFailure {
  const { minA, maxA, minB, maxB } = ranges;
  const fileZh = hints.file !== undefined ? `文件 ${hints.file}：` : '';
  const fileEn = hints.file !== undefined ? `file ${hints.file}: ` : '';
  if (!Number.isFinite(minA)) {
    return importFailure(IMPORT_REASONS.noFeatures, { zh: `${fileZh}没有可用的坐标`, en: `${fileEn}no usable coordinates` });
  }
  const r: Ranges = { minA, maxA, minB, maxB };
  const allowSwap = hints.allowSwap ?? true;
  const extent = `[${fmt(minA)} … ${fmt(maxA)}] × [${fmt(minB)} … ${fmt(maxB)}]`;
  const warnings: ImportIssue[] = [];
  let chosen: Scored | undefined;
  let confidence: CrsChoice['confidence'] = 'detected';
  let reason: Bilingual;
  let alternatives: number[] = [];

  if (hints.forceEpsg !== undefined) {
    const options = [false, ...(allowSwap ? [true] : [])]
      .map((s) => hypothesisFromEpsg(hints.forceEpsg ?? 0, s))
      .filter((h): h is Hypothesis => h !== null && fits(h, r))
      .map((h) => score(h, r))
      .sort(rank);
    chosen = options[0];
    if (chosen === undefined) {
      return importFailure(IMPORT_REASONS.crsUndetermined, {
        zh: `${fileZh}坐标范围 ${extent} 不符合所选坐标系 EPSG:${hints.forceEpsg}`,
        en: `${fileEn}the coordinate range ${extent} does not fit the chosen CRS EPSG:${hints.forceEpsg}`,
      });
    }
    confidence = 'stated';
    reason = { zh: `用户指定 EPSG:${hints.forceEpsg}`, en: `chosen by the user: EPSG:${hints.forceEpsg}` };
  } else {
    const all = candidates(r, allowSwap, hints).map((h) => score(h, r)).sort(rank);
    const stated = hints.stated ?? null;
    const consistent = stated === null ? [] : all.filter((s) => consistentWith(s.h, stated));
    if (stated !== null && consistent.length > 0) {
      chosen = consistent[0];
      const fullyStated = stated.kind !== 'gk' || (stated.zone !== undefined && chosen?.h.zone === stated.zone) || chosen?.h.prefixed === true;
      confidence = fullyStated ? 'stated' : 'assumed';
      reason = {
        zh: `${stated.source.zh}；${chosen === undefined ? '' : describe(chosen.h).zh}`,
        en: `${stated.source.en}; ${chosen === undefined ? '' : describe(chosen.h).en}`,
      };
      if (!fullyStated) alternatives = sameScore(consistent);
    } else {
      chosen = all[0];
      if (chosen === undefined) {
        return importFailure(IMPORT_REASONS.crsUndetermined, {
          zh: `${fileZh}无法判断坐标系：坐标范围 ${extent} 既不像经纬度，也不像高斯-克吕格或 Web 墨卡托坐标`,
          en: `${fileEn}cannot tell the CRS: the range ${extent} looks like neither lon/lat nor Gauss-Krüger nor Web Mercator`,
        });
      }
      reason = describe(chosen.h);
      if (stated !== null) {
        warnings.push({
          code: 'stated-crs-conflict',
          severity: 'warning',
          location: locationOf(hints),
          message: {
            zh: `${stated.source.zh}与坐标数值不符，按数值判断为 ${crsLabel(chosen.h)}`,
            en: `${stated.source.en} contradicts the numbers; going by the numbers: ${crsLabel(chosen.h)}`,
          },
        });
      }
      if (chosen.h.kind === 'gk' && chosen.h.prefixed !== true && hints.zone === undefined) {
        confidence = 'assumed';
        alternatives = sameScore(all);
      }
    }
  }
  if (chosen === undefined) throw new Error('unreachable: no CRS chosen');
  const h = chosen.h;
  const centre: [number, number] = [(r.minA + r.maxA) / 2, (r.minB + r.maxB) / 2];
  const place = (x: Hypothesis): [number, number] => (x.swapped ? eastNorthToLonLat(x, centre[1], centre[0]) : eastNorthToLonLat(x, centre[0], centre[1]));
  const here = place(h);
  const rivals: Hypothesis[] = [];
  if (hints.forceEpsg === undefined) {
    for (const s of candidates(r, allowSwap, hints).map((x) => score(x, r)).sort(rank)) {
      if (s.h.epsg === h.epsg && s.h.swapped === h.swapped) continue;
      if (s.score < 2 && !(s.h.kind === 'geographic')) continue;
      rivals.push(s.h);
      if (rivals.length >= 8) break;
    }
  }
  if (h.kind === 'gk' && h.prefixed !== true && h.zone !== undefined && h.width !== undefined) {
    const cm = h.width === 3 ? h.zone * 3 : h.zone * 6 - 3;
    const utmZone = (cm + 183) / 6;
    if (Number.isInteger(utmZone) && utmZone >= UTM_ZONE_RANGE.min && utmZone <= UTM_ZONE_RANGE.max) {
      const u: Hypothesis = { kind: 'utm', swapped: h.swapped, epsg: 32600 + utmZone, zone: utmZone };
      if (fits(u, r)) rivals.unshift(u);
    }
  }
  const candidateList: CrsCandidate[] = rivals.map((x) => {
    const there = place(x);
    const d = Number.isFinite(there[0]) && Number.isFinite(there[1]) && Number.isFinite(here[0]) && Math.abs(there[1]) <= 90 ? geodesicDistance(here, there) : Infinity;
    return { epsg: x.epsg, name: crsLabel(x), axesSwapped: x.swapped, distanceM: d, centre: there, ...(x.zone !== undefined ? { zone: x.zone } : {}), ...(x.width !== undefined ? { zoneWidth: x.width } : {}) };
  });
  // Readings that put the data in the same place (3° and 6° zones sharing a meridian, a point on
  // the diagonal read swapped) are not alternatives.
  const distinct = candidateList.filter((c) => c.distanceM >= 0.01);
  candidateList.length = 0;
  candidateList.push(...distinct);
  const near = candidateList.filter((c) => c.distanceM < 50_000);
  if (confidence !== 'stated' && near.length > 0) {
    const list = near.slice(0, 4);
    warnings.push({
      code: 'crs-ambiguous',
      severity: 'warning',
      location: locationOf(hints),
      message: {
        zh: `已假定 ${crsLabel(h)}${h.swapped ? '（轴序交换）' : ''}；同样符合数值的还有：${list.map((c) => `${c.name}${c.axesSwapped ? '（轴序交换）' : ''}，位置相差 ${fmtDistance(c.distanceM)}`).join('；')}。请确认`,
        en: `assumed ${crsLabel(h)}${h.swapped ? ' (axes swapped)' : ''}; the numbers fit as well: ${list.map((c) => `${c.name}${c.axesSwapped ? ' (axes swapped)' : ''}, ${fmtDistance(c.distanceM)} away`).join('; ')}. Please confirm`,
      },
    });
    if (confidence === 'detected') confidence = 'assumed';
  }
  if (confidence === 'assumed') {
    warnings.push({
      code: 'zone-assumed',
      severity: 'warning',
      location: locationOf(hints),
      message: {
        zh: `未说明投影带，假定为 ${crsLabel(h)}（使坐标落在山西境内）；其他可能：${alternatives.map((e) => `EPSG:${e}`).join('、') || '无'}。请确认`,
        en: `no zone stated; assumed ${crsLabel(h)} (puts the points in Shanxi); other candidates: ${alternatives.map((e) => `EPSG:${e}`).join(', ') || 'none'}. Please confirm`,
      },
    });
  }
  if (h.swapped) {
    warnings.push({
      code: 'axes-swapped',
      severity: 'warning',
      location: locationOf(hints),
      message:
        h.kind === 'geographic'
          ? { zh: '坐标顺序为纬度在前、经度在后，已交换', en: 'the coordinates are latitude first, longitude second; swapped' }
          : {
              zh: '坐标列顺序与标注相反（北坐标 X 与东坐标 Y 对调），已按数值大小交换',
              en: 'the columns are the other way round (northing X and easting Y swapped); swapped by magnitude',
            },
    });
  }
  if (h.kind === 'web-mercator') {
    warnings.push({
      code: 'web-mercator',
      severity: 'warning',
      location: locationOf(hints),
      message: {
        zh: '坐标为 Web 墨卡托米制坐标，已换算为经纬度；若来自百度地图（BD-09 墨卡托）请勿使用',
        en: 'the coordinates are Web Mercator metres and were converted to lon/lat; not valid for Baidu (BD-09) Mercator',
      },
    });
  }
  const crs: CrsChoice = {
    epsg: h.epsg,
    name: crsLabel(h),
    ...(h.zone !== undefined ? { zone: h.zone } : {}),
    ...(h.width !== undefined ? { zoneWidth: h.width } : {}),
    axesSwapped: h.swapped,
    confidence,
    reason,
    alternatives: alternatives.filter((e) => e !== h.epsg),
    candidates: candidateList,
    centre: here,
  };
  return {
    ok: true,
    crs,
    warnings,
    toLonLat: (a, b) => (h.swapped ? eastNorthToLonLat(h, b, a) : eastNorthToLonLat(h, a, b)),
    keepsLonLat: h.kind === 'geographic' && !h.swapped,
    fromLonLat: (lon, lat) => {
      const [e, n] = lonLatToEastNorth(h, lon, lat);
      return h.swapped ? [n, e] : [e, n];
    },
  };
}

function sameScore(list: readonly Scored[]): number[] {
  const top = list[0];
  if (top === undefined) return [];
  return [...new Set(list.filter((s) => s.score === top.score && s.h.swapped === top.h.swapped).map((s) => s.h.epsg))].slice(0, 6);
}

function locationOf(hints: CrsHints): ImportIssue['location'] {
  return hints.file !== undefined ? { file: hints.file } : {};
}

function fmtDistance(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${m.toFixed(m < 10 ? 2 : 0)} m`;
}

function fmt(v: number): string {
  return Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(8)));
}

/**
 * Where the centre of `ranges` lands under a CRS (EPSG of the registry, 4326, 3857 or WGS 84 UTM
 * 32643–32653), read in the given axis order; null when the numbers do not fit that CRS.
 */
export function centreUnder(epsg: number, swapped: boolean, ranges: CoordinateRanges): [number, number] | null {
  const h = hypothesisFromEpsg(epsg, swapped);
  if (h === null || !fits(h, ranges)) return null;
  const a = (ranges.minA + ranges.maxA) / 2;
  const b = (ranges.minB + ranges.maxB) / 2;
  const out = swapped ? eastNorthToLonLat(h, b, a) : eastNorthToLonLat(h, a, b);
  return Number.isFinite(out[0]) && Number.isFinite(out[1]) ? out : null;
}

/** Display name of a CRS that {@link centreUnder} accepts. */
export function crsDisplayName(epsg: number): string {
  const h = hypothesisFromEpsg(epsg, false);
  return h === null ? `EPSG:${epsg}` : crsLabel(h);
}
