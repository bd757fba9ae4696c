import type { Polygon, Position } from 'geojson';
import { geodesicArea } from '../geo/geodesic';
import type { ViewerFeature } from '../model/catalog-feature';
import { buildSupersession } from '../model/supersession';
import type { Supersession } from '../model/user-layer';

/**
 * Drawing a park's boundary along its 四至 (the gazette names what bounds it to the east, south, west and north):
 * the sides the text states, which of them the drawn polygon has an edge facing, the drawn area against the
 * stated one, and the supersede record the finished drawing becomes.
 */

/** The four directions a 四至 names. */
export const CARDINALS = ['E', 'S', 'W', 'N'] as const;
/** One of {@link CARDINALS}. */
export type Cardinal = (typeof CARDINALS)[number];

/** Method code of a shape drawn by the user along the text's 四至. */
export const DRAWN_ALONG_FOUR_BOUNDS = 'drawn-along-four-bounds';
/** `sourceFile` of a drawn supersede record: the shape comes from the user's hand, not a file. */
export const DRAWN_SOURCE = 'drawn by user along 四至';
/** `sourceCrs` of a drawn supersede record (terra-draw gives WGS84 longitude/latitude). */
export const DRAWN_CRS = 'WGS84 (EPSG:4326)';

/** A side the text states: its direction and the clause quoted (东至平里村 …). */
export interface FourBoundSide {
  readonly edge: Cardinal;
  readonly text: string;
}

const isCardinal = (e: unknown): e is Cardinal => typeof e === 'string' && (CARDINALS as readonly string[]).includes(e);

/** The 四至 sides of a feature's clauses in the text's order (first clause of each direction); empty when none. */
export function fourBoundSides(feature: ViewerFeature): FourBoundSide[] {
  const seen = new Set<Cardinal>();
  const out: FourBoundSide[] = [];
  for (const c of feature.props.clauses ?? []) {
    const edge = (c as { edge?: unknown }).edge;
    const role = (c as { role?: unknown }).role;
    if (role !== 'four-bounds' || !isCardinal(edge) || seen.has(edge)) continue;
    seen.add(edge);
    out.push({ edge, text: c.text });
  }
  return out;
}

/** Whether a feature is a park whose boundary the user may draw along its 四至 (a polygon with at least one side). */
export function canDrawAlongFourBounds(feature: ViewerFeature): boolean {
  return (feature.geometry.type === 'Polygon' || feature.geometry.type === 'MultiPolygon') && fourBoundSides(feature).length > 0;
}

/** An edge of a ring and the direction its outward normal faces. */
export interface EdgeFacing {
  /** Index of the edge's first vertex. */
  readonly from: number;
  readonly facing: Cardinal;
  /** Length in metres (local tangent plane). */
  readonly lengthM: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
/** Edges shorter than this (a doubled click, the rubber band at its start) face nowhere. */
export const MIN_EDGE_M = 1;

/**
 * The direction each edge of `ring` faces outward: the bearing of its outward normal in a local tangent plane at
 * the ring's mean latitude, rounded to the nearest of N (−45°…45°), E, S, W (a bearing of exactly 45° counts as E,
 * 135° as S, 225° as W, 315° as N). Open or closed rings; a ring of fewer than three distinct vertices has none.
 */
export function edgeFacings(ring: readonly Position[]): EdgeFacing[] {
  const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring.slice();
  if (pts.length < 3) return [];
  const lat0 = (pts.reduce((s, p) => s + p[1]!, 0) / pts.length) * (Math.PI / 180);
  const lon0 = pts[0]![0]!;
  const xy = pts.map((p) => [((p[0]! - lon0) * Math.PI) / 180 * EARTH_RADIUS_M * Math.cos(lat0), (p[1]! * Math.PI) / 180 * EARTH_RADIUS_M] as const);
  let twiceArea = 0;
  for (let i = 0; i < xy.length; i++) {
    const a = xy[i]!;
    const b = xy[(i + 1) % xy.length]!;
    twiceArea += a[0] * b[1] - b[0] * a[1];
  }
  if (twiceArea === 0) return [];
  const ccw = twiceArea > 0;
  const out: EdgeFacing[] = [];
  for (let i = 0; i < xy.length; i++) {
    const a = xy[i]!;
    const b = xy[(i + 1) % xy.length]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len < MIN_EDGE_M) continue;
    const nx = ccw ? dy : -dy;
    const ny = ccw ? -dx : dx;
    const bearing = ((Math.atan2(nx, ny) * 180) / Math.PI + 360) % 360;
    const facing: Cardinal = bearing >= 45 && bearing < 135 ? 'E' : bearing >= 135 && bearing < 225 ? 'S' : bearing >= 225 && bearing < 315 ? 'W' : 'N';
    out.push({ from: i, facing, lengthM: len });
  }
  return out;
}

/** The directions faced by at least one edge of `ring` (see {@link edgeFacings}). */
export function facedDirections(ring: readonly Position[]): Set<Cardinal> {
  return new Set(edgeFacings(ring).map((e) => e.facing));
}

/** A ring as a closed GeoJSON polygon (the first vertex repeated at the end when it is not). */
export function ringPolygon(ring: readonly Position[]): Polygon {
  const coords = ring.map((p) => [p[0]!, p[1]!]);
  const first = coords[0];
  const last = coords[coords.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) coords.push([first[0]!, first[1]!]);
  return { type: 'Polygon', coordinates: [coords] };
}

/** The drawn area against the stated one. */
export interface AreaComparison {
  /** Geodesic area of the drawn ring on the GRS80 ellipsoid (m²), null for fewer than three vertices. */
  readonly drawnM2: number | null;
  readonly statedM2: number | null;
  /** (drawn − stated) / stated, null when either is unknown. */
  readonly share: number | null;
}

/** Geodesic area of `ring` against `statedM2`. */
export function compareArea(ring: readonly Position[], statedM2: number | null): AreaComparison {
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  const drawnM2 = distinct.size >= 3 ? geodesicArea(ringPolygon(ring)) : null;
  const stated = statedM2 !== null && statedM2 > 0 ? statedM2 : null;
  return { drawnM2, statedM2: stated, share: drawnM2 !== null && stated !== null ? (drawnM2 - stated) / stated : null };
}

/** Why a drawn ring cannot be saved. */
export type DrawnRingProblem = 'too-few-vertices' | 'precision-invalid';

/**
 * The supersede record of a drawn boundary: the drawn polygon replaces the feature's shape with method
 * {@link DRAWN_ALONG_FOUR_BOUNDS}, the precision the user states (metres) and the date. An earlier record of the
 * feature keeps its text-derived previous shape.
 */
export function drawnSupersession(
  feature: ViewerFeature,
  ring: readonly Position[],
  precisionM: number,
  now: Date,
  existing?: Supersession,
): { ok: true; record: Supersession } | { ok: false; problem: DrawnRingProblem } {
  if (!Number.isFinite(precisionM) || precisionM < 0) return { ok: false, problem: 'precision-invalid' };
  if (compareArea(ring, null).drawnM2 === null) return { ok: false, problem: 'too-few-vertices' };
  const drawn = ringPolygon(ring);
  const base = existing ?? buildSupersession(feature, drawn, DRAWN_SOURCE, DRAWN_CRS, now);
  return {
    ok: true,
    record: { ...base, surveyed: drawn, sourceFile: DRAWN_SOURCE, sourceCrs: DRAWN_CRS, createdAt: now.toISOString(), method: DRAWN_ALONG_FOUR_BOUNDS, precisionM },
  };
}
