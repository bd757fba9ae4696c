import { areaShapeFromRings, ringSignedArea } from '../../../../src/core/conflicts/planar-shape';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';

/**
 * Reading the GEOS / JTS XML overlay test suites: the cases whose A and B are both polygonal
 * (POLYGON or MULTIPOLYGON, as WKT or hex (E)WKB), with the suite's expected intersection when the
 * case has one.
 */

/** Polygonal geometry as parts of rings of [x, y] (rings closed or not). */
export type Parts = number[][][][];

/** One polygon/polygon case of a suite file. */
export interface SuiteCase {
  file: string;
  index: number;
  desc: string;
  a: Parts;
  b: Parts;
  /** Expected A∩B of the suite (null when the case has no intersection test or it is not polygonal). */
  expected: Parts | null;
  /** Raw text of A and B, to find duplicate pairs. */
  key: string;
  /** The file's precision model is floating (expected results are not snapped to a grid). */
  floating: boolean;
}

function tokens(text: string): string[] {
  return text.replace(/([(),])/g, ' $1 ').trim().split(/\s+/);
}

/** Parses WKT POLYGON / MULTIPOLYGON (EMPTY gives []); null for any other type. */
export function parseWkt(wkt: string): Parts | null {
  const t = tokens(wkt.replace(/^SRID=\d+;/i, ''));
  let p = 0;
  const type = (t[p++] ?? '').toUpperCase();
  if (type !== 'POLYGON' && type !== 'MULTIPOLYGON') return null;
  while (t[p] !== undefined && /^(Z|M|ZM)$/i.test(t[p] as string)) p++;
  if ((t[p] ?? '').toUpperCase() === 'EMPTY') return [];
  const ring = (): number[][] => {
    const out: number[][] = [];
    if (t[p++] !== '(') throw new Error(`bad WKT near token ${p}`);
    for (;;) {
      const x = Number(t[p++]);
      const y = Number(t[p++]);
      while (t[p] !== ',' && t[p] !== ')') p++;
      out.push([x, y]);
      if (t[p++] === ')') return out;
    }
  };
  const polygon = (): number[][][] => {
    const out: number[][][] = [];
    if (t[p++] !== '(') throw new Error('bad WKT polygon');
    for (;;) {
      if ((t[p] ?? '').toUpperCase() === 'EMPTY') p++;
      else out.push(ring());
      if (t[p++] === ')') return out;
    }
  };
  if (type === 'POLYGON') return [polygon()];
  const parts: Parts = [];
  if (t[p++] !== '(') throw new Error('bad WKT multipolygon');
  for (;;) {
    if ((t[p] ?? '').toUpperCase() === 'EMPTY') p++;
    else parts.push(polygon());
    if (t[p++] === ')') return parts;
  }
}

/** Parses hex WKB / EWKB POLYGON or MULTIPOLYGON; null for other types. */
export function parseHexWkb(hex: string): Parts | null {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const view = new DataView(bytes.buffer);
  let p = 0;
  const geometry = (): { type: number; parts: Parts } => {
    const little = view.getUint8(p++) === 1;
    const raw = view.getUint32(p, little);
    p += 4;
    if (raw & 0x20000000) p += 4;
    const base = raw & 0x0fffffff;
    const iso = Math.floor(base / 1000);
    const dims = 2 + (raw & 0x80000000 || iso === 1 || iso === 3 ? 1 : 0) + (raw & 0x40000000 || iso === 2 || iso === 3 ? 1 : 0);
    const type = base % 1000;
    const u32 = (): number => {
      const v = view.getUint32(p, little);
      p += 4;
      return v;
    };
    const polygon = (): number[][][] => {
      const rings: number[][][] = [];
      const nr = u32();
      for (let r = 0; r < nr; r++) {
        const np = u32();
        const ring: number[][] = [];
        for (let k = 0; k < np; k++) {
          ring.push([view.getFloat64(p, little), view.getFloat64(p + 8, little)]);
          p += 8 * dims;
        }
        rings.push(ring);
      }
      return rings;
    };
    if (type === 3) return { type, parts: [polygon()] };
    if (type === 6) {
      const n = u32();
      const parts: Parts = [];
      for (let k = 0; k < n; k++) parts.push(...geometry().parts);
      return { type, parts };
    }
    return { type, parts: [] };
  };
  const g = geometry();
  return g.type === 3 || g.type === 6 ? g.parts : null;
}

/** Parses a suite geometry (WKT or hex WKB). */
export function parseGeometry(text: string): Parts | null {
  const s = text.trim();
  try {
    return /^[0-9A-Fa-f]+$/.test(s) ? parseHexWkb(s) : parseWkt(s);
  } catch (e) {
    throw new Error(`cannot read geometry ${s.slice(0, 60)}…`, { cause: e });
  }
}

function between(text: string, tag: string, from: number): { body: string; end: number } | null {
  const open = text.indexOf(`<${tag}`, from);
  if (open < 0) return null;
  const gt = text.indexOf('>', open);
  const close = text.indexOf(`</${tag}>`, gt);
  if (close < 0) return null;
  return { body: text.slice(gt + 1, close), end: close + tag.length + 3 };
}

/** The polygon/polygon cases of one suite file. */
export function polygonCases(file: string, xml: string): SuiteCase[] {
  const out: SuiteCase[] = [];
  const pm = /<precisionModel[^>]*>/i.exec(xml)?.[0] ?? '';
  const floating = pm === '' || /FLOATING/i.test(pm) || !/scale/i.test(pm);
  let from = 0;
  let index = 0;
  for (;;) {
    const c = between(xml, 'case', from);
    if (c === null) break;
    from = c.end;
    index++;
    const aText = between(c.body, 'a', 0)?.body;
    const bText = between(c.body, 'b', 0)?.body;
    if (aText === undefined || bText === undefined) continue;
    const a = parseGeometry(aText);
    const b = parseGeometry(bText);
    if (a === null || b === null || a.length === 0 || b.length === 0) continue;
    let expected: Parts | null = null;
    const m = /<op\s+name="intersection"\s+arg1="A"\s+arg2="B"[^>]*>([\s\S]*?)<\/op>/i.exec(c.body);
    if (m !== null) expected = parseGeometry(m[1] as string);
    const desc = (between(c.body, 'desc', 0)?.body ?? '').trim().split('\n')[0] ?? '';
    out.push({ file, index, desc, a, b, expected, key: `${aText.trim()}|${bText.trim()}`, floating });
  }
  return out;
}

/**
 * The engine's shape of a suite geometry: closing and repeated vertices dropped, rings with fewer
 * than three vertices or zero area dropped, outer rings turned counter-clockwise and holes clockwise.
 */
export function shapeOf(parts: Parts): AreaShape | null {
  const rings: Float64Array[] = [];
  const counts: number[] = [];
  for (const part of parts) {
    let kept = 0;
    for (let r = 0; r < part.length; r++) {
      const flat: number[] = [];
      for (const [x, y] of part[r] as number[][]) {
        const n = flat.length;
        if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
        flat.push(x as number, y as number);
      }
      while (flat.length >= 4 && flat[0] === flat[flat.length - 2] && flat[1] === flat[flat.length - 1]) flat.length -= 2;
      if (flat.length < 6) {
        if (r === 0) break;
        continue;
      }
      let ring: Float64Array = Float64Array.from(flat);
      const signed = ringSignedArea(ring);
      if (signed === 0) {
        if (r === 0) break;
        continue;
      }
      if (signed > 0 !== (r === 0)) ring = reverse(ring);
      rings.push(ring);
      kept++;
    }
    if (kept > 0) counts.push(kept);
  }
  return rings.length === 0 ? null : areaShapeFromRings(rings, counts);
}

function reverse(ring: Float64Array): Float64Array {
  const out = new Float64Array(ring.length);
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = ring[2 * (n - 1 - i)] as number;
    out[2 * i + 1] = ring[2 * (n - 1 - i) + 1] as number;
  }
  return out;
}

/** Signed-area sum of the parts (the suite's expected geometry), by the shoelace formula. */
export function partsArea(parts: Parts): number {
  const shape = shapeOf(parts);
  return shape === null ? 0 : Math.abs(shape.area);
}
