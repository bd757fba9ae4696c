import { CGCS2000_EPSG, findCrs } from '../geo/crs-registry';
import { LEGACY_DATUM_NAMES, legacyDatumIn, type LegacyDatum, type SevenParams } from '../geo/datum';
import { isSupportedZone, type ZoneWidth } from '../geo/gauss-kruger';
import type { Bilingual } from './import-types';
import { normaliseWktName, parseWkt, wktChildren, wktEpsg, wktFind, wktName, wktParameters } from './wkt';

/**
 * What a file says about its CRS: a `.prj` WKT, a GeoJSON legacy `crs` member, a table title such
 * as "2000国家大地坐标系 3度带 第37带", an EPSG code. Xi'an 80 and Beijing 54 (every spelling of
 * `datum.ts`) are refusals that carry what is known of the zone, so that seven parameters can be
 * applied (`legacy-preview.ts`).
 */

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
  /** Seven parameters the statement carries (a WKT `TOWGS84[…]` that is not all zero). */
  readonly params?: SevenParams;
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
    const towgs = wktFind(root, 'TOWGS84');
    const v = towgs === undefined ? [] : towgs.args.filter((a): a is number => typeof a === 'number');
    if (v.length === 7 && v.some((x) => x !== 0)) {
      const [dx, dy, dz, rx, ry, rz, ppm] = v as [number, number, number, number, number, number, number];
      legacy = { ...legacy, params: { dx, dy, dz, rx, ry, rz, ppm } };
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
