import proj4 from 'proj4';
import { CGCS2000_EPSG, converterBetween, findCrs, getCrs } from '../geo/crs-registry';
import { LEGACY_DATUM_NAMES, legacyDatumIn, type LegacyDatum } from '../geo/datum';
import { geodesicDistance } from '../geo/geodesic';
import { epsgForZone, isSupportedZone, zoneFromEasting, type ZoneWidth } from '../geo/gauss-kruger';
import type { Bilingual, CrsCandidate, CrsChoice, ImportFailure, ImportIssue } from './import-types';
import { IMPORT_REASONS, importFailure } from './import-types';
import { normaliseWktName, parseWkt, wktChildren, wktEpsg, wktFind, wktName, wktParameters } from './wkt';

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
/** Spherical radius of Web Mercator. */
const WEB_MERCATOR_R = 6378137;

/** Shanxi's extent in degrees [minLon, minLat, maxLon, maxLat] (generous by a few km). */
export const SHANXI_BBOX = [110.2, 34.55, 114.6, 40.75] as const;
/** China's extent in degrees, for plausibility of a CRS guess. */
const CHINA_BBOX = [73, 3, 136, 54] as const;

/** What a file says about its CRS (possibly only part of it, e.g. the zone width). */
export interface StatedCrs {
  readonly kind: 'geographic' | 'gk' | 'web-mercator' | 'utm';
  readonly zone?: number;
  readonly width?: ZoneWidth;
  readonly prefixed?: boolean;
  /** Where the statement came from, e.g. `.prj 名称 "CGCS2000_3_Degree_GK_Zone_37"`. */
  readonly source: Bilingual;
}

/** A CRS statement: understood, unsupported (a datum we cannot convert exactly), or absent (null). */
export type StatedCrsResult =
  | { readonly ok: true; readonly crs: StatedCrs }
  | { readonly ok: false; readonly unsupported: Bilingual; readonly legacy?: LegacyStatement }
  | null;

/** A stated Xi'an 80 / Beijing 54 CRS: convertible only with seven parameters. */
export interface LegacyStatement {
  readonly datum: LegacyDatum;
  readonly kind: 'gk' | 'geographic';
  readonly zone?: number;
  readonly width?: ZoneWidth;
  readonly prefixed?: boolean;
}

/** A UTM zone (WGS 84, north) stated by a file: EPSG 32643–32653 cover China. */
export const UTM_ZONE_RANGE = { min: 43, max: 53 } as const;

function unsupported(label: string, where: string): StatedCrsResult {
  return {
    ok: false,
    unsupported: {
      zh: `${where}声明的坐标系为 ${label}，无法精确转换到 CGCS2000；请先在专业软件中转换，或手动指定坐标系`,
      en: `${where} states ${label}, which cannot be converted to CGCS2000 exactly; convert it first or choose a CRS by hand`,
    },
  };
}

/** The refusal of a legacy datum without parameters (the numbers differ from CGCS2000 by about 100 m). */
export function legacyRefusal(statement: LegacyStatement, where: string, whereEn: string): StatedCrsResult {
  const name = LEGACY_DATUM_NAMES[statement.datum];
  return {
    ok: false,
    legacy: statement,
    unsupported: {
      zh: `${where}声明的坐标系为${name.zh}，不是 2000 国家大地坐标系（两者相差约 100 米）。请提供该地区的七参数（转换参数：ΔX,ΔY,ΔZ 米，旋转 εX,εY,εZ 秒，尺度 ppm）后再导入，或先在专业软件中转换`,
      en: `${whereEn} states ${name.en}, which is not CGCS2000 (they differ by about 100 m). Give the seven transformation parameters of the area (ΔX,ΔY,ΔZ m, rotations in arc-seconds, scale in ppm) and import again, or convert the file first`,
    },
  };
}

/** A stated CRS for one of our EPSG codes (4490, 4326, 4491–4554, 3857 and its aliases). */
export function statedFromEpsg(epsg: number, source: Bilingual): StatedCrsResult {
  if (epsg === CGCS2000_EPSG || epsg === 4326) return { ok: true, crs: { kind: 'geographic', source } };
  if (epsg === 3857 || epsg === 900913 || epsg === 102100 || epsg === 102113) {
    return { ok: true, crs: { kind: 'web-mercator', source } };
  }
  const info = findCrs(epsg);
  if (info !== undefined && info.zone !== undefined && info.kind !== 'geographic') {
    return {
      ok: true,
      crs: { kind: 'gk', zone: info.zone, width: info.kind === 'gk3' ? 3 : 6, prefixed: info.prefixed, source },
    };
  }
  const legacy = legacyFromEpsg(epsg);
  if (legacy !== null) return legacyRefusal(legacy, `${source.zh}（EPSG:${epsg}）`, `${source.en} (EPSG:${epsg})`);
  if (epsg >= 32600 + UTM_ZONE_RANGE.min && epsg <= 32600 + UTM_ZONE_RANGE.max) return { ok: true, crs: { kind: 'utm', zone: epsg - 32600, source } };
  if (epsg >= 2327 && epsg <= 2442) return unsupported(`EPSG:${epsg} (Xi'an 1980 / Beijing 1954)`, source.zh);
  if (epsg >= 21413 && epsg <= 21483) return unsupported(`EPSG:${epsg} (Beijing 1954)`, source.zh);
  return unsupported(`EPSG:${epsg}`, source.zh);
}

/** Xi'an 1980 and Beijing 1954 Gauss-Krüger EPSG codes (zone, width and prefix), or null. */
export function legacyFromEpsg(epsg: number): LegacyStatement | null {
  const blocks: readonly [number, LegacyDatum, ZoneWidth, boolean][] = [
    [2327, 'xian80', 6, true],
    [2338, 'xian80', 6, false],
    [2349, 'xian80', 3, true],
    [2370, 'xian80', 3, false],
    [2401, 'beijing54', 3, true],
    [2422, 'beijing54', 3, false],
    [21413, 'beijing54', 6, true],
    [21473, 'beijing54', 6, false],
  ];
  if (epsg === 4610) return { datum: 'xian80', kind: 'geographic' };
  if (epsg === 4214) return { datum: 'beijing54', kind: 'geographic' };
  for (const [base, datum, width, prefixed] of blocks) {
    const n = width === 3 ? 21 : 11;
    if (epsg >= base && epsg < base + n) return { datum, kind: 'gk', zone: (width === 3 ? 25 : 13) + epsg - base, width, prefixed };
  }
  return null;
}

/**
 * Reads a GeoJSON legacy `crs` name: `urn:ogc:def:crs:EPSG::4526`, `EPSG:4490`,
 * `urn:ogc:def:crs:OGC:1.3:CRS84` … Returns null for an empty name.
 */
export function crsFromName(name: string): StatedCrsResult {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  const source: Bilingual = { zh: `GeoJSON crs 成员 "${trimmed}"`, en: `GeoJSON crs member "${trimmed}"` };
  if (/crs84|crs:84/i.test(trimmed)) return { ok: true, crs: { kind: 'geographic', source } };
  const code = /epsg[:/]*(?:[\d.]*:)?:?(\d{4,6})\s*$/i.exec(trimmed)?.[1];
  if (code !== undefined) return statedFromEpsg(Number(code), source);
  const fromText = crsFromText(trimmed);
  if (fromText !== null) return fromText;
  return unsupported(`"${trimmed}"`, source.zh);
}

/**
 * Reads a `.prj` (WKT1/ESRI or WKT2). Recognises CGCS2000 (`D_China_2000`, `China_2000`,
 * `CGCS2000`), WGS 84, Web Mercator and Gauss-Krüger / Transverse Mercator zones by name
 * (`CGCS2000_3_Degree_GK_Zone_37`, `CGCS2000_3_Degree_GK_CM_111E`, `CGCS2000_GK_Zone_19`,
 * `CGCS2000_GK_CM_111E`, EPSG names) or by parameters (central meridian, false easting).
 */
export function crsFromWkt(wkt: string): StatedCrsResult {
  const root = parseWkt(wkt);
  if (root === null) {
    return {
      ok: false,
      unsupported: { zh: '.prj 文件不是有效的 WKT', en: 'the .prj file is not valid WKT' },
    };
  }
  const name = wktName(root);
  const source: Bilingual = { zh: `.prj 名称 "${name}"`, en: `.prj name "${name}"` };
  const epsg = wktEpsg(root);
  if (epsg !== null) {
    const byCode = statedFromEpsg(epsg, source);
    if (byCode !== null && byCode.ok) return byCode;
  }
  const datum = wktFind(root, 'DATUM', 'GEODETICDATUM', 'TRF');
  const datumName = datum === undefined ? '' : wktName(datum);
  const badDatum = legacyDatumIn(`${name} ${datumName}`);
  if (badDatum !== null) {
    const zoneText = statementFromText(name);
    const params = paramsOf(root);
    const cm = params.get('centralmeridian') ?? params.get('longitudeofnaturalorigin');
    const fe = params.get('falseeasting') ?? 500000;
    let legacy: LegacyStatement = { datum: badDatum, kind: root.keyword.startsWith('GEOG') || root.keyword === 'GEODCRS' ? 'geographic' : 'gk' };
    if (zoneText !== null && zoneText.ok && zoneText.crs.zone !== undefined) {
      legacy = { ...legacy, zone: zoneText.crs.zone, ...(zoneText.crs.width !== undefined ? { width: zoneText.crs.width } : {}), ...(zoneText.crs.prefixed !== undefined ? { prefixed: zoneText.crs.prefixed } : {}) };
    } else if (cm !== undefined) {
      const width: ZoneWidth = /3_?degree|3度/i.test(name) || cm % 6 !== 3 ? 3 : 6;
      const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
      if (Number.isInteger(zone)) legacy = { ...legacy, zone, width, prefixed: fe !== 500000 };
    }
    return legacyRefusal(legacy, source.zh, source.en);
  }
  const normDatum = normaliseWktName(`${datumName} ${name}`);
  const isCgcs = /china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(normDatum);
  const isWgs = /wgs1984|wgs84|worldgeodeticsystem1984/.test(normDatum);
  const keyword = root.keyword;
  if (keyword === 'GEOGCS' || keyword === 'GEOGCRS' || keyword === 'GEODCRS') {
    if (isCgcs || isWgs) return { ok: true, crs: { kind: 'geographic', source } };
    return unsupported(`"${datumName || name}"`, source.zh);
  }
  if (keyword !== 'PROJCS' && keyword !== 'PROJCRS') return unsupported(`"${name}"`, source.zh);
  const projectionNode = wktFind(root, 'PROJECTION', 'METHOD');
  const projection = normaliseWktName(projectionNode === undefined ? '' : wktName(projectionNode));
  if (/mercatorauxiliarysphere|popularvisualisation|pseudomercator/.test(projection + normaliseWktName(name))) {
    return { ok: true, crs: { kind: 'web-mercator', source } };
  }
  const utm = /utm\s*zone\s*(\d{1,2})\s*n/i.exec(name.replace(/_/g, ' '));
  if (utm !== null && isWgs) {
    const zone = Number(utm[1]);
    if (zone >= UTM_ZONE_RANGE.min && zone <= UTM_ZONE_RANGE.max) return { ok: true, crs: { kind: 'utm', zone, source } };
    return unsupported(`${name}`, source.zh);
  }
  const byName = crsFromText(name);
  if (byName !== null && byName.ok && byName.crs.kind === 'gk' && byName.crs.zone !== undefined && (isCgcs || /cgcs2000/i.test(name))) {
    return { ok: true, crs: { ...byName.crs, source } };
  }
  if (!/gausskruger|transversemercator|gausskrueger/.test(projection)) {
    return unsupported(`${name} (${projectionNode === undefined ? '?' : wktName(projectionNode)})`, source.zh);
  }
  if (!isCgcs) return unsupported(`${name} (${datumName})`, source.zh);
  const params = paramsOf(root);
  const cm = params.get('centralmeridian') ?? params.get('longitudeofnaturalorigin') ?? params.get('longitudeoforigin');
  const fe = params.get('falseeasting') ?? 0;
  const fn = params.get('falsenorthing') ?? 0;
  const k = params.get('scalefactor') ?? params.get('scalefactoratnaturalorigin') ?? 1;
  const lat0 = params.get('latitudeoforigin') ?? params.get('latitudeofnaturalorigin') ?? 0;
  if (cm === undefined || fn !== 0 || Math.abs(k - 1) > 1e-12 || lat0 !== 0) {
    return unsupported(`${name} (CM ${cm ?? '?'}, k ${k}, FN ${fn}, lat0 ${lat0})`, source.zh);
  }
  const threeDegreeName = /3degree|3度/i.test(normaliseWktName(name)) || /3度/.test(name);
  if (fe === 500000) {
    const width: ZoneWidth = threeDegreeName || cm % 6 !== 3 ? 3 : 6;
    const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
    if (isSupportedZone(zone, width)) return { ok: true, crs: { kind: 'gk', zone, width, prefixed: false, source } };
  } else {
    const zone = (fe - 500000) / 1e6;
    if (Number.isInteger(zone)) {
      if (cm === zone * 3 && isSupportedZone(zone, 3)) {
        return { ok: true, crs: { kind: 'gk', zone, width: 3, prefixed: true, source } };
      }
      if (cm === zone * 6 - 3 && isSupportedZone(zone, 6)) {
        return { ok: true, crs: { kind: 'gk', zone, width: 6, prefixed: true, source } };
      }
    }
  }
  return unsupported(`${name} (CM ${cm}, FE ${fe})`, source.zh);
}

function paramsOf(root: ReturnType<typeof parseWkt> & object): Map<string, number> {
  const out = wktParameters(root);
  const conversion = wktChildren(root, 'CONVERSION')[0];
  if (conversion !== undefined) for (const [k, v] of wktParameters(conversion)) out.set(k, v);
  return out;
}

/**
 * Reads CRS statements from free text (a table's title or header, a file name, a CRS name):
 * "2000国家大地坐标系", "CGCS2000", "3度带" / "6度带", "第37带" / "带号=37", "中央经线111°" /
 * "CM_111E", "CGCS2000_3_Degree_GK_Zone_37", "Gauss-Kruger zone 19", "经纬度". Returns what it
 * found (maybe only a width), an unsupported datum, or null when the text says nothing.
 */
export function crsFromText(text: string): StatedCrsResult {
  const badDatum = legacyDatumIn(text);
  if (badDatum === null) return statementFromText(text);
  const shown = text.trim().replace(/\s+/g, ' ').slice(0, 60);
  const rest = statementFromText(text);
  const gk = rest !== null && rest.ok && rest.crs.kind === 'gk' ? rest.crs : null;
  const legacy: LegacyStatement = {
    datum: badDatum,
    kind: rest !== null && rest.ok && rest.crs.kind === 'geographic' ? 'geographic' : 'gk',
    ...(gk?.zone !== undefined ? { zone: gk.zone } : {}),
    ...(gk?.width !== undefined ? { width: gk.width } : {}),
    ...(gk?.prefixed !== undefined ? { prefixed: gk.prefixed } : {}),
  };
  return legacyRefusal(legacy, `文本 "${shown}" `, `the text "${shown}"`);
}

/** {@link crsFromText} without the datum check: zone, width, prefix or lon/lat. */
function statementFromText(text: string): StatedCrsResult {
  const shown = text.trim().replace(/\s+/g, " ").slice(0, 60);
  const source: Bilingual = { zh: `文本 "${shown}"`, en: `text "${shown}"` };
  let width: ZoneWidth | undefined;
  let zone: number | undefined;
  let prefixed: boolean | undefined;
  let found = false;
  if (/(?:^|[^\d])3\s*(?:度|°|degree|_degree)|三度/i.test(text)) width = 3;
  else if (/(?:^|[^\d])6\s*(?:度|°|degree)|六度/i.test(text)) width = 6;
  const esri = /CGCS2000_(3_Degree_)?GK_(Zone|CM)_(\d+)E?/i.exec(text);
  const epsgName = /Gauss-?Kr[uü]ger\s+(zone|CM)\s+(\d+)E?/i.exec(text);
  const zoneMatch = /第\s*(\d{2})\s*(?:带|帶)|带号\s*[=:：为]?\s*(\d{2})|(?:^|[^\d])(\d{2})\s*(?:带|帶)|zone\s*(\d{2})/i.exec(text);
  const cmMatch = /中央(?:经线|子午线|經線)\s*[=:：为]?\s*(\d{2,3})(?:\.0+)?\s*(?:°|度)?|CM[_\s]*(\d{2,3})\s*°?\s*E/i.exec(text);
  if (esri !== null) {
    found = true;
    width = esri[1] !== undefined ? 3 : 6;
    const n = Number(esri[3]);
    if (esri[2]?.toLowerCase() === 'zone') {
      zone = n;
      prefixed = true;
    } else {
      zone = width === 3 ? n / 3 : (n + 3) / 6;
      prefixed = false;
    }
  } else if (epsgName !== null) {
    found = true;
    width ??= /3-degree/i.test(text) ? 3 : 6;
    const n = Number(epsgName[2]);
    if (epsgName[1]?.toLowerCase() === 'zone') {
      zone = n;
      prefixed = true;
    } else {
      zone = width === 3 ? n / 3 : (n + 3) / 6;
      prefixed = false;
    }
  } else {
    const z = zoneMatch?.[1] ?? zoneMatch?.[2] ?? zoneMatch?.[3] ?? zoneMatch?.[4];
    if (z !== undefined) {
      zone = Number(z);
      found = true;
    }
    const cmText = cmMatch?.[1] ?? cmMatch?.[2];
    if (cmText !== undefined) {
      const cm = Number(cmText);
      found = true;
      const w: ZoneWidth = width ?? (cm % 3 === 0 ? 3 : 6);
      const zoneFromCm = w === 3 ? cm / 3 : (cm + 3) / 6;
      if (Number.isInteger(zoneFromCm)) {
        width = w;
        zone ??= zoneFromCm;
      }
    }
  }
  if (zone !== undefined && width === undefined) {
    width = isSupportedZone(zone, 3) ? 3 : isSupportedZone(zone, 6) ? 6 : undefined;
  }
  if (zone !== undefined && (width === undefined || !isSupportedZone(zone, width))) {
    zone = undefined;
  }
  const mentionsGeo = /经纬度|經緯度|经度|纬度|度分秒|longitude|latitude|lon\/lat/i.test(text);
  const mentionsCgcs = /2000\s*国家大地坐标系|CGCS\s*2000|2000坐标系|国家2000/i.test(text);
  if (zone !== undefined || width !== undefined || found) {
    const crs: StatedCrs = {
      kind: 'gk',
      source,
      ...(zone !== undefined ? { zone } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(prefixed !== undefined ? { prefixed } : {}),
    };
    return { ok: true, crs };
  }
  if (mentionsGeo) return { ok: true, crs: { kind: 'geographic', source } };
  if (mentionsCgcs) return null;
  return null;
}

/** A datum shift named by a file name or text: GCJ-02 (AMap, Tencent) or BD-09 (Baidu). */
export function shiftedDatumHint(text: string): 'gcj02' | 'bd09' | null {
  if (/bd-?09|百度|baidu/i.test(text)) return 'bd09';
  if (/gcj-?02|火星|高德|amap|gaode|腾讯|tencent|autonavi/i.test(text)) return 'gcj02';
  return null;
}

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

/** Web Mercator metres → lon/lat degrees (spherical, EPSG:3857). */
export function webMercatorToLonLat(x: number, y: number): [number, number] {
  const lon = (x / WEB_MERCATOR_R) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / WEB_MERCATOR_R)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

/** Lon/lat degrees → Web Mercator metres (spherical, EPSG:3857). */
export function lonLatToWebMercator(lon: number, lat: number): [number, number] {
  const x = (lon * Math.PI * WEB_MERCATOR_R) / 180;
  const y = WEB_MERCATOR_R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [x, y];
}

const utmConverters = new Map<number, proj4.Converter>();

/** proj4 converter from WGS 84 / UTM zone N (north) to lon/lat on GRS80 (WGS 84 read as CGCS2000). */
function utmConverter(zone: number): proj4.Converter {
  let c = utmConverters.get(zone);
  if (c === undefined) {
    c = proj4(`+proj=utm +zone=${zone} +ellps=WGS84 +units=m +no_defs`, '+proj=longlat +ellps=WGS84 +no_defs');
    utmConverters.set(zone, c);
  }
  return c;
}

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
