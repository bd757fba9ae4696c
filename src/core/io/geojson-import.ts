import type { Geometry, Position } from 'geojson';
import { buildPreview, type PreviewOptions, type RawFeature } from './build-preview';
import { crsFromName, type StatedCrsResult } from './detect-crs';
import { IMPORT_REASONS, importFailure, type ImportIssue, type ImportResult } from './import-types';

/**
 * GeoJSON import: FeatureCollection, Feature, a bare geometry or GeometryCollection, with the
 * legacy (2008) `crs` member (`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4526"}}`)
 * honoured. Coordinates may be projected (Gauss-Krüger, Web Mercator): the CRS is detected and
 * everything converted to lon/lat. Structure errors are values naming the feature.
 */

type Json = unknown;

function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: Json): v is Position {
  if (!Array.isArray(v) || v.length < 2) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

function depthOk(v: Json, depth: number): boolean {
  if (depth === 0) return isPosition(v);
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!depthOk(v[i], depth - 1)) return false;
  return true;
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** GeometryCollections nested deeper than this are refused (bounds the recursion). */
export const MAX_COLLECTION_DEPTH = 16;
/** Property values nested deeper than this are replaced by {@link TRUNCATED_VALUE}. */
export const MAX_PROPERTY_DEPTH = 16;
/** What replaces a property value nested too deep. */
export const TRUNCATED_VALUE = '[nested too deep / 嵌套过深]';

/** Checks a geometry's structure; returns it typed, or a message. */
export function checkGeometry(v: Json, depth = 0): Geometry | string {
  if (!isObject(v)) return 'geometry is not an object';
  const type = v['type'];
  if (type === 'GeometryCollection') {
    if (depth >= MAX_COLLECTION_DEPTH) return `GeometryCollections nested deeper than ${MAX_COLLECTION_DEPTH} levels`;
    const gs = v['geometries'];
    if (!Array.isArray(gs)) return 'GeometryCollection without geometries';
    const out: Geometry[] = [];
    for (const g of gs) {
      const c = checkGeometry(g, depth + 1);
      if (typeof c === 'string') return c;
      out.push(c);
    }
    return { type: 'GeometryCollection', geometries: out };
  }
  if (typeof type !== 'string' || DEPTH[type] === undefined) return `unknown geometry type ${String(type)}`;
  const coords = v['coordinates'];
  if (!depthOk(coords, DEPTH[type] ?? 0)) return `${type} coordinates are not nested ${DEPTH[type]} levels of number arrays`;
  return { type, coordinates: coords } as Geometry;
}

/** Splits GeometryCollections into homogeneous multi-geometries (one feature per kind). */
export function flattenCollection(g: Geometry): Geometry[] {
  if (g.type !== 'GeometryCollection') return [g];
  const parts = g.geometries.flatMap(flattenCollection);
  const polygons: Position[][][] = [];
  const lines: Position[][] = [];
  const points: Position[] = [];
  for (const p of parts) {
    if (p.type === 'Polygon') polygons.push(p.coordinates);
    else if (p.type === 'MultiPolygon') polygons.push(...p.coordinates);
    else if (p.type === 'LineString') lines.push(p.coordinates);
    else if (p.type === 'MultiLineString') lines.push(...p.coordinates);
    else if (p.type === 'Point') points.push(p.coordinates);
    else if (p.type === 'MultiPoint') points.push(...p.coordinates);
  }
  const out: Geometry[] = [];
  if (polygons.length === 1 && polygons[0] !== undefined) out.push({ type: 'Polygon', coordinates: polygons[0] });
  else if (polygons.length > 1) out.push({ type: 'MultiPolygon', coordinates: polygons });
  if (lines.length === 1 && lines[0] !== undefined) out.push({ type: 'LineString', coordinates: lines[0] });
  else if (lines.length > 1) out.push({ type: 'MultiLineString', coordinates: lines });
  if (points.length === 1 && points[0] !== undefined) out.push({ type: 'Point', coordinates: points[0] });
  else if (points.length > 1) out.push({ type: 'MultiPoint', coordinates: points });
  return out;
}

/**
 * A copy of a properties object with values nested deeper than {@link MAX_PROPERTY_DEPTH}
 * replaced by {@link TRUNCATED_VALUE} (so that later `JSON.stringify`, structured cloning and
 * display cannot overflow the stack). Reports whether anything was cut.
 */
export function clampProperties(props: Record<string, unknown>): { value: Record<string, unknown>; truncated: boolean } {
  let truncated = false;
  const clamp = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (depth >= MAX_PROPERTY_DEPTH) {
      truncated = true;
      return TRUNCATED_VALUE;
    }
    if (Array.isArray(v)) return v.map((x) => clamp(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: clamp(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  const value: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(props)) Object.defineProperty(value, k, { value: clamp(x, 1), enumerable: true, writable: true, configurable: true });
  return { value, truncated };
}

/** Whether {@link clampProperties} would cut something from `v`, found at `depth`. */
function nestedTooDeep(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (depth >= MAX_PROPERTY_DEPTH) return true;
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (nestedTooDeep(x, depth + 1)) return true;
  return false;
}

/** The properties of a freshly parsed feature, clamped only when they are nested too deep. */
function parsedProperties(props: Json): { value: Record<string, unknown>; truncated: boolean } {
  if (!isObject(props)) return { value: {}, truncated: false };
  for (const x of Object.values(props)) if (nestedTooDeep(x, 1)) return clampProperties(props);
  return { value: props, truncated: false };
}

/**
 * The feature-like objects of a GeoJSON document (read `geometry` and `properties` from each),
 * or null when `features` is not an array. A bare geometry becomes a feature without properties.
 */
function featuresOf(doc: Record<string, unknown>): readonly Json[] | null {
  if (doc['type'] === 'FeatureCollection') {
    const fs = doc['features'];
    return Array.isArray(fs) ? fs : null;
  }
  if (doc['type'] === 'Feature') return [doc];
  return [{ geometry: doc, properties: {} }];
}

/** Imports GeoJSON text. */
export function importGeoJson(text: string, fileName: string, options: PreviewOptions = {}, encoding?: string): ImportResult {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 不是有效的 JSON：${detail}`, en: `file ${fileName} is not valid JSON: ${detail}` });
  }
  if (!isObject(doc)) {
    return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 不是 GeoJSON 对象`, en: `file ${fileName} is not a GeoJSON object` });
  }
  let stated: StatedCrsResult = null;
  const warnings: ImportIssue[] = [];
  const crs = doc['crs'];
  if (isObject(crs)) {
    const props = crs['properties'];
    const name = isObject(props) ? props['name'] : undefined;
    if (crs['type'] === 'name' && typeof name === 'string') stated = crsFromName(name);
    else {
      warnings.push({
        code: 'crs-member-ignored',
        severity: 'info',
        location: { file: fileName },
        message: { zh: 'crs 成员不是 name 类型，已忽略，按数值判断坐标系', en: 'the crs member is not of type "name"; ignored, the CRS is judged from the numbers' },
      });
    }
  }
  const rawFeatures = featuresOf(doc);
  if (rawFeatures === null) return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName}：features 不是数组`, en: `file ${fileName}: "features" is not an array` });
  const features: RawFeature[] = [];
  for (let i = 0; i < rawFeatures.length; i++) {
    const f = rawFeatures[i];
    const geometry = isObject(f) ? f['geometry'] : undefined;
    if (geometry === null || geometry === undefined) {
      warnings.push({
        code: 'null-geometry',
        severity: 'info',
        location: { file: fileName, feature: i },
        message: { zh: `要素 ${i + 1} 没有几何图形，已跳过`, en: `feature ${i + 1} has no geometry; skipped` },
      });
      continue;
    }
    const g = checkGeometry(geometry);
    if (typeof g === 'string') {
      return importFailure(IMPORT_REASONS.parseError, { zh: `文件 ${fileName} 要素 ${i + 1}：几何结构错误（${g}）`, en: `file ${fileName}, feature ${i + 1}: malformed geometry (${g})` });
    }
    const clamped = parsedProperties(isObject(f) ? f['properties'] : undefined);
    const properties = clamped.value;
    if (clamped.truncated) {
      warnings.push({
        code: 'properties-truncated',
        severity: 'warning',
        location: { file: fileName, feature: i },
        message: {
          zh: `要素 ${i + 1} 的属性嵌套超过 ${MAX_PROPERTY_DEPTH} 层，更深的部分已替换为占位文字`,
          en: `feature ${i + 1}: properties nested deeper than ${MAX_PROPERTY_DEPTH} levels; the deeper parts were replaced by a placeholder`,
        },
      });
    }
    if (g.type !== 'GeometryCollection') features.push({ geometry: g, properties });
    else for (const part of flattenCollection(g)) features.push({ geometry: part, properties });
  }
  const hintText = features
    .slice(0, 50)
    .map((f) => JSON.stringify(f.properties).slice(0, 200))
    .join('\n');
  return buildPreview({ format: 'geojson', fileName, features, stated, warnings, hintText, ownsPositions: true, ...(encoding !== undefined ? { encoding } : {}) }, options);
}
