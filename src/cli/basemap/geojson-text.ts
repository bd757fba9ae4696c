import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** Decimal places kept in basemap coordinates (1e-5° ≈ 1 m, far below the sources' accuracy). */
export const BASEMAP_DECIMALS = 5;

/** Rounds a coordinate value to {@link BASEMAP_DECIMALS} places. */
export function roundCoord(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return Object.is(r, -0) ? 0 : r;
}

/** Rounds a position and drops any third value. */
export function roundPosition(p: Position): [number, number] {
  const [x, y] = p;
  if (x === undefined || y === undefined) throw new Error(`position needs two numbers: ${JSON.stringify(p)}`);
  return [roundCoord(x), roundCoord(y)];
}

/** Rounds a line and removes consecutive duplicate points the rounding created. */
export function roundLine(line: readonly Position[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of line) {
    const q = roundPosition(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** Twice the signed area of a ring (shoelace); positive for counter-clockwise in lon/lat. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (!a || !b) continue;
    s += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return s;
}

/**
 * Rounds a ring, closes it, and orients it by RFC 7946's right-hand rule (exterior counter-clockwise, holes
 * clockwise). Returns undefined for a ring that collapses (fewer than 4 positions or zero area) after rounding.
 */
export function normalizeRing(ring: readonly Position[], exterior: boolean): [number, number][] | undefined {
  const r = roundLine(ring);
  const first = r[0];
  const last = r[r.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0], first[1]]);
  if (r.length < 4) return undefined;
  const area = ringSignedArea2(r);
  if (area === 0) return undefined;
  if (area > 0 !== exterior) r.reverse();
  return r;
}

/** Normalises polygons (each a list of rings, the first exterior); drops polygons whose exterior collapses. */
export function normalizePolygons(polygons: readonly (readonly (readonly Position[])[])[]): [number, number][][][] {
  const out: [number, number][][][] = [];
  for (const poly of polygons) {
    const [outer, ...holes] = poly;
    if (!outer) continue;
    const ext = normalizeRing(outer, true);
    if (!ext) continue;
    const rings = [ext];
    for (const h of holes) {
      const hole = normalizeRing(h, false);
      if (hole) rings.push(hole);
    }
    out.push(rings);
  }
  return out;
}

/**
 * Serialises a FeatureCollection as stable text: one feature per line (reviewable diffs), keys in the order
 * they were built, trailing newline. Same input, same bytes.
 */
export function serializeFeatureCollection<G extends Geometry, P>(fc: FeatureCollection<G, P>): string {
  const { features, ...rest } = fc;
  const head = JSON.stringify(rest).slice(0, -1);
  const body = features.map((f: Feature<G, P>) => JSON.stringify(f)).join(',\n');
  return `${head},"features":[\n${body}\n]}\n`;
}
