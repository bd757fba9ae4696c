import type { FeatureCollection, LineString } from 'geojson';
import type { GmtSegment } from './gmt';
import { roundLine } from './geojson-text';

/** Box as west/east/south/north degrees. */
export interface LonLatBox {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** What the WDBII river classes mean (GMT `coast -I`). */
export const RIVER_CLASS_LABELS: Readonly<Record<number, string>> = {
  1: 'double-lined river',
  2: 'permanent major river',
  3: 'additional major river',
  4: 'additional river',
};

/**
 * Douglas–Peucker tolerance for rivers, in degrees (0.0001° ≈ 10 m). WDBII rivers are digitised at about
 * 1:250k–1:1M, i.e. with errors of hundreds of metres, so dropping vertices that deviate less than 10 m changes
 * nothing visible and keeps the file under ~150 KB.
 */
export const RIVER_SIMPLIFY_TOLERANCE_DEG = 0.0001;

/** Properties of a river line in rivers.geojson. */
export interface RiverProps {
  /** WDBII river class (1 = double-lined, 2 = permanent major, 3 = additional major). */
  class: number;
  /** English label of the class. */
  classLabel: string;
  /**
   * Chinese name where the line is known without doubt (see {@link NAMED_RIVERS}); WDBII carries no names, so
   * other lines have "".
   */
  name: string;
  nameEn: string;
}

/** A rule that names the lines of one class passing near a point. */
export interface RiverNameRule {
  name: string;
  nameEn: string;
  cls: number;
  /** [lon, lat] WGS84 the river runs through; undefined = every line of the class in the box. */
  near?: [number, number];
  /** Distance in metres a line must come within of `near`. */
  withinM?: number;
}

/**
 * How lines get names. Every class-1 (double-lined) line in the Shanxi box is the Yellow River (黄河): it forms
 * the west and south border and continues east into Henan. The Fen River (汾河) is the class-2 line through the
 * city of 临汾 (WGS84 centre of the 临汾市 anchor); it runs from above 太原 to the Yellow River. Its uppermost
 * reach, which GSHHG breaks off near 111.90°E 38.05°N (the 汾河水库 area), is a separate piece and stays unnamed.
 */
export const NAMED_RIVERS: readonly RiverNameRule[] = [
  { name: '黄河', nameEn: 'Yellow River', cls: 1 },
  { name: '汾河', nameEn: 'Fen River', cls: 2, near: [111.51274, 36.08811], withinM: 3000 },
];

function nearLine(points: readonly [number, number][], p: readonly [number, number], withinM: number): boolean {
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((p[1] * Math.PI) / 180);
  return points.some((q) => Math.hypot((q[0] - p[0]) * mPerDegLon, (q[1] - p[1]) * mPerDegLat) <= withinM);
}

/** The name rule that applies to a line, if any. */
export function riverNameOf(cls: number, points: readonly [number, number][], rules = NAMED_RIVERS): RiverNameRule | undefined {
  return rules.find((r) => r.cls === cls && (r.near === undefined || nearLine(points, r.near, r.withinM ?? 0)));
}

/** A polyline of one river class. */
export interface ClassedLine {
  cls: number;
  points: [number, number][];
}

/** Reads the class from a GMT river segment header such as "River Bin # 17750, Level 2". */
export function riverClassOf(header: string): number | undefined {
  const m = /Level\s+(\d+)/i.exec(header);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

const key = (p: readonly [number, number]): string => `${p[0]},${p[1]}`;

/**
 * Joins lines of the same class that meet end to end. GSHHG cuts rivers at its 1° bins; this glues the pieces
 * back. Two ends are joined only when exactly two line ends of the class meet at that point, so confluences stay
 * split and the result does not depend on a choice between branches. Order: the first line of each chain, as
 * given, is kept.
 */
export function mergeLines(lines: readonly ClassedLine[]): ClassedLine[] {
  const ends = new Map<string, { line: number; atStart: boolean }[]>();
  lines.forEach((l, i) => {
    const first = l.points[0];
    const last = l.points[l.points.length - 1];
    if (!first || !last || l.points.length < 2) return;
    for (const [p, atStart] of [[first, true], [last, false]] as const) {
      const k = `${l.cls}|${key(p)}`;
      const list = ends.get(k) ?? [];
      list.push({ line: i, atStart });
      ends.set(k, list);
    }
  });
  const used = new Set<number>();
  // The chain's own end is one of the two entries and is already used, so the free one is the partner.
  const partner = (cls: number, p: [number, number]): { line: number; atStart: boolean } | undefined => {
    const list = ends.get(`${cls}|${key(p)}`);
    if (!list || list.length !== 2) return undefined;
    return list.find((e) => !used.has(e.line));
  };
  const out: ClassedLine[] = [];
  lines.forEach((l, i) => {
    if (used.has(i) || l.points.length < 2) return;
    used.add(i);
    let chain = [...l.points];
    // extend at the end
    for (;;) {
      const tail = chain[chain.length - 1];
      const next = tail && partner(l.cls, tail);
      if (!next) break;
      used.add(next.line);
      const pts = lines[next.line]?.points ?? [];
      chain = chain.concat((next.atStart ? pts : [...pts].reverse()).slice(1));
    }
    // extend at the start
    for (;;) {
      const head = chain[0];
      const prev = head && partner(l.cls, head);
      if (!prev) break;
      used.add(prev.line);
      const pts = lines[prev.line]?.points ?? [];
      chain = (prev.atStart ? [...pts].reverse() : pts).slice(0, -1).concat(chain);
    }
    out.push({ cls: l.cls, points: chain });
  });
  return out;
}

/**
 * Douglas–Peucker simplification in degrees (planar, fine at this scale). Keeps the end points; a tolerance of 0
 * returns the line unchanged.
 */
export function simplifyLine(points: readonly [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() ?? [0, 0];
    const a = points[first];
    const b = points[last];
    if (!a || !b) continue;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const p = points[i];
      if (!p) continue;
      let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
      t = Math.max(0, Math.min(1, t));
      const ex = p[0] - (a[0] + t * dx);
      const ey = p[1] - (a[1] + t * dy);
      const d = ex * ex + ey * ey;
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && maxD > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function inside(p: readonly [number, number], b: LonLatBox): boolean {
  return p[0] >= b.west && p[0] <= b.east && p[1] >= b.south && p[1] <= b.north;
}

/** Liang–Barsky: the part of segment a→b inside the box, or undefined. */
function clipSegment(a: [number, number], b: [number, number], box: LonLatBox): [[number, number], [number, number]] | undefined {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const checks: [number, number][] = [
    [-dx, a[0] - box.west],
    [dx, box.east - a[0]],
    [-dy, a[1] - box.south],
    [dy, box.north - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return undefined;
  return [
    [a[0] + t0 * dx, a[1] + t0 * dy],
    [a[0] + t1 * dx, a[1] + t1 * dy],
  ];
}

/** Clips a polyline to a box; returns the inside pieces (each with at least two points). */
export function clipLine(points: readonly [number, number][], box: LonLatBox): [number, number][][] {
  const pieces: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (!a || !b) continue;
    const seg = clipSegment(a, b, box);
    if (!seg) {
      if (current.length >= 2) pieces.push(current);
      current = [];
      continue;
    }
    const [s, e] = seg;
    const last = current[current.length - 1];
    if (!last || last[0] !== s[0] || last[1] !== s[1]) {
      if (current.length >= 2) pieces.push(current);
      current = [s];
    }
    current.push(e);
    if (!inside(b, box)) {
      if (current.length >= 2) pieces.push(current);
      current = [];
    }
  }
  if (current.length >= 2) pieces.push(current);
  return pieces;
}

/**
 * Builds the rivers layer from `gmt coast -I… -M` segments: rounds, joins bin pieces, clips to `box`,
 * simplifies by `tolerance` degrees, drops lines shorter than two points, and sorts by class then first point, so reruns give the same bytes.
 */
export function buildRivers(
  segments: readonly GmtSegment[],
  box: LonLatBox,
  tolerance = RIVER_SIMPLIFY_TOLERANCE_DEG,
): FeatureCollection<LineString, RiverProps> {
  const lines: ClassedLine[] = [];
  for (const s of segments) {
    const cls = riverClassOf(s.header);
    if (cls === undefined) throw new Error(`river segment without a level: "${s.header}"`);
    const points = roundLine(s.points);
    if (points.length >= 2) lines.push({ cls, points });
  }
  const clipped: ClassedLine[] = [];
  for (const l of mergeLines(lines)) {
    for (const piece of clipLine(l.points, box)) {
      const points = simplifyLine(roundLine(piece), tolerance);
      if (points.length >= 2) clipped.push({ cls: l.cls, points });
    }
  }
  clipped.sort((a, b) => {
    const pa = a.points[0] ?? [0, 0];
    const pb = b.points[0] ?? [0, 0];
    return a.cls - b.cls || pa[0] - pb[0] || pa[1] - pb[1] || a.points.length - b.points.length;
  });
  return {
    type: 'FeatureCollection',
    features: clipped.map((l, i) => {
      const named = riverNameOf(l.cls, l.points);
      return {
        type: 'Feature',
        id: i + 1,
        properties: {
          class: l.cls,
          classLabel: RIVER_CLASS_LABELS[l.cls] ?? `class ${l.cls}`,
          name: named?.name ?? '',
          nameEn: named?.nameEn ?? '',
        },
        geometry: { type: 'LineString', coordinates: l.points },
      };
    }),
  };
}
