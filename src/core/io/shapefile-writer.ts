import type { Geometry, Position } from 'geojson';
import type { Bilingual } from './import-types';

/**
 * A small, dependency-free ESRI Shapefile writer (.shp, .shx, .dbf) for one geometry family:
 * Point (1), PolyLine (3), Polygon (5) or MultiPoint (8), 2-D. Polygon rings are written closed,
 * outer rings clockwise and holes counter-clockwise as the format requires. The DBF is dBase III
 * with UTF-8 text (write a `.cpg` of `UTF-8` next to it); field names are cut to 10 bytes.
 */

/** Shape type codes. */
export const SHAPE_TYPES = { point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;
/** A shape family. */
export type ShapeFamily = keyof typeof SHAPE_TYPES;

/** The family a GeoJSON geometry belongs to, or null (GeometryCollection). */
export function familyOf(g: Geometry): ShapeFamily | null {
  switch (g.type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return 'multipoint';
    case 'LineString':
    case 'MultiLineString':
      return 'polyline';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    case 'GeometryCollection':
      return null;
  }
}

/** One record: projected/lon-lat geometry ([x, y] order) and its attributes. */
export interface ShapeRecord {
  readonly geometry: Geometry | null;
  readonly properties: Record<string, unknown>;
}

/** The three files of a layer. */
export interface ShapefileBytes {
  readonly shp: Uint8Array;
  readonly shx: Uint8Array;
  readonly dbf: Uint8Array;
  readonly warnings: Bilingual[];
  /** Field name written for each property key. */
  readonly fieldNames: ReadonlyMap<string, string>;
}

type XY = [number, number];

function xy(p: Position): XY {
  return [p[0] ?? NaN, p[1] ?? NaN];
}

function signedArea(ring: readonly XY[]): number {
  let twice = 0;
  const [x0, y0] = ring[0] ?? [0, 0];
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i] ?? [0, 0];
    const [bx, by] = ring[(i + 1) % ring.length] ?? [0, 0];
    twice += (ax - x0) * (by - y0) - (bx - x0) * (ay - y0);
  }
  return twice / 2;
}

function closed(ring: readonly Position[]): XY[] {
  const out = ring.map(xy);
  const f = out[0];
  const l = out[out.length - 1];
  if (f !== undefined && l !== undefined && (f[0] !== l[0] || f[1] !== l[1])) out.push([f[0], f[1]]);
  return out;
}

/** Parts (arrays of points) of a geometry as the shapefile stores them. */
function partsOf(g: Geometry): XY[][] {
  switch (g.type) {
    case 'Point':
      return [[xy(g.coordinates)]];
    case 'MultiPoint':
      return [g.coordinates.map(xy)];
    case 'LineString':
      return [g.coordinates.map(xy)];
    case 'MultiLineString':
      return g.coordinates.map((l) => l.map(xy));
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const out: XY[][] = [];
      for (const polygon of polygons) {
        polygon.forEach((ring, i) => {
          const r = closed(ring);
          const a = signedArea(r);
          // Outer rings clockwise (negative area), holes counter-clockwise.
          out.push((i === 0 ? a > 0 : a < 0) ? r.reverse() : r);
        });
      }
      return out;
    }
    case 'GeometryCollection':
      return [];
  }
}

function bboxOf(points: readonly XY[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return Number.isFinite(w) ? [w, s, e, n] : [0, 0, 0, 0];
}

function recordContent(family: ShapeFamily, g: Geometry | null): Uint8Array {
  if (g === null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, 0, true);
    return b;
  }
  const parts = partsOf(g);
  const points = parts.flat();
  if (family === 'point') {
    const b = new Uint8Array(20);
    const v = new DataView(b.buffer);
    v.setInt32(0, SHAPE_TYPES.point, true);
    const [x, y] = points[0] ?? [NaN, NaN];
    v.setFloat64(4, x, true);
    v.setFloat64(12, y, true);
    return b;
  }
  const box = bboxOf(points);
  if (family === 'multipoint') {
    const b = new Uint8Array(40 + 16 * points.length);
    const v = new DataView(b.buffer);
    v.setInt32(0, SHAPE_TYPES.multipoint, true);
    box.forEach((c, i) => v.setFloat64(4 + 8 * i, c, true));
    v.setInt32(36, points.length, true);
    points.forEach(([x, y], i) => {
      v.setFloat64(40 + 16 * i, x, true);
      v.setFloat64(48 + 16 * i, y, true);
    });
    return b;
  }
  const b = new Uint8Array(44 + 4 * parts.length + 16 * points.length);
  const v = new DataView(b.buffer);
  v.setInt32(0, SHAPE_TYPES[family], true);
  box.forEach((c, i) => v.setFloat64(4 + 8 * i, c, true));
  v.setInt32(36, parts.length, true);
  v.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((part, i) => {
    v.setInt32(44 + 4 * i, start, true);
    start += part.length;
  });
  const base = 44 + 4 * parts.length;
  points.forEach(([x, y], i) => {
    v.setFloat64(base + 16 * i, x, true);
    v.setFloat64(base + 16 * i + 8, y, true);
  });
  return b;
}

function mainHeader(family: ShapeFamily, fileBytes: number, box: [number, number, number, number]): Uint8Array {
  const b = new Uint8Array(100);
  const v = new DataView(b.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, fileBytes / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, SHAPE_TYPES[family], true);
  box.forEach((c, i) => v.setFloat64(36 + 8 * i, c, true));
  return b;
}

interface Field {
  readonly key: string;
  readonly name: string;
  readonly type: 'C' | 'N' | 'L';
  readonly length: number;
  readonly decimals: number;
}

const encoder = new TextEncoder();

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (encoder.encode(s).length <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function decimalsOf(v: number): number {
  const s = String(v);
  if (s.includes('e')) return 15;
  return s.split('.')[1]?.length ?? 0;
}

function planFields(records: readonly ShapeRecord[], warnings: Bilingual[]): Field[] {
  const keys: string[] = [];
  for (const r of records) for (const k of Object.keys(r.properties)) if (!keys.includes(k)) keys.push(k);
  const used = new Set<string>();
  const fields: Field[] = [];
  for (const key of keys) {
    const values = records.map((r) => r.properties[key]).filter((v) => v !== null && v !== undefined);
    let base = truncateUtf8(key.replace(/\s/g, '_'), 10) || 'field';
    let name = base;
    for (let n = 1; used.has(name.toLowerCase()); n++) {
      base = truncateUtf8(base, 10 - String(n).length - 1);
      name = `${base}_${n}`;
    }
    used.add(name.toLowerCase());
    if (name !== key) warnings.push({ zh: `字段 "${key}" 写为 "${name}"（DBF 字段名最多 10 字节）`, en: `field "${key}" written as "${name}" (DBF field names hold 10 bytes)` });
    if (values.length > 0 && values.every((v) => typeof v === 'boolean')) {
      fields.push({ key, name, type: 'L', length: 1, decimals: 0 });
      continue;
    }
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const nums = values as number[];
      const decimals = Math.min(15, Math.max(...nums.map(decimalsOf)));
      const length = Math.max(...nums.map((x) => x.toFixed(decimals).length));
      if (length <= 32) {
        fields.push({ key, name, type: 'N', length: Math.max(length, 1), decimals });
        continue;
      }
    }
    const lengths = values.map((v) => encoder.encode(cellText(v) ?? '').length);
    const length = Math.min(254, Math.max(1, ...lengths));
    if (lengths.some((l) => l > 254)) warnings.push({ zh: `字段 "${key}" 的部分值超过 254 字节，已截断`, en: `some values of field "${key}" exceed 254 bytes and were cut` });
    fields.push({ key, name, type: 'C', length, decimals: 0 });
  }
  return fields;
}

function writeDbf(records: readonly ShapeRecord[], fields: readonly Field[], date: Date): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900;
  out[2] = date.getUTCMonth() + 1;
  out[3] = date.getUTCDate();
  v.setUint32(4, records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(f.name).subarray(0, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, ri) => {
    let at = headerLength + ri * recordLength;
    out[at++] = 0x20;
    for (const f of fields) {
      const raw = r.properties[f.key];
      let text: string;
      if (f.type === 'L') text = raw === true ? 'T' : raw === false ? 'F' : '?';
      else if (f.type === 'N') text = typeof raw === 'number' && Number.isFinite(raw) ? raw.toFixed(f.decimals).padStart(f.length, ' ') : ' '.repeat(f.length);
      else text = truncateUtf8(cellText(raw) ?? '', f.length);
      const bytes = encoder.encode(text);
      out.fill(0x20, at, at + f.length);
      out.set(bytes.subarray(0, f.length), at);
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/**
 * Writes one layer. Every record's geometry must be of `family` (or null); coordinates are written
 * as given ([lon, lat] or [easting, northing]). `date` fills the DBF header (default: now).
 */
export function writeShapefile(family: ShapeFamily, records: readonly ShapeRecord[], date: Date = new Date()): ShapefileBytes {
  for (const r of records) {
    if (r.geometry !== null && familyOf(r.geometry) !== family) {
      throw new RangeError(`writeShapefile(${family}) got a ${r.geometry.type}`);
    }
  }
  const contents = records.map((r) => recordContent(family, r.geometry));
  const allPoints = records.flatMap((r) => (r.geometry === null ? [] : partsOf(r.geometry).flat()));
  const box = bboxOf(allPoints);
  const shpBytes = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * records.length);
  shp.set(mainHeader(family, shpBytes, box), 0);
  shx.set(mainHeader(family, shx.length, box), 0);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((c, i) => {
    sv.setInt32(offset, i + 1, false);
    sv.setInt32(offset + 4, c.length / 2, false);
    shp.set(c, offset + 8);
    xv.setInt32(100 + 8 * i, offset / 2, false);
    xv.setInt32(104 + 8 * i, c.length / 2, false);
    offset += 8 + c.length;
  });
  const warnings: Bilingual[] = [];
  const fields = planFields(records, warnings);
  const dbf = writeDbf(records, fields, date);
  return { shp, shx, dbf, warnings, fieldNames: new Map(fields.map((f) => [f.key, f.name])) };
}
