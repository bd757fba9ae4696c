import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from './map-api';
import { COUNTY_LAYER_IDS } from './basemap-counties';
import { USER_SOURCE } from './basemap-user-layers';

/** A screen point in CSS pixels. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * The point of `lines` (already projected to screen pixels) nearest to `p`, with its distance and the index of the
 * line and segment and the position `t` (0…1) along that segment; null for no segment.
 */
export function nearestOnLines(p: ScreenPoint, lines: readonly (readonly ScreenPoint[])[]): { line: number; segment: number; t: number; distance: number } | null {
  let best: { line: number; segment: number; t: number; distance: number } | null = null;
  lines.forEach((line, li) => {
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i]!;
      const b = line[i + 1]!;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
      const d = Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
      if (!best || d < best.distance) best = { line: li, segment: i, t, distance: d };
    }
  });
  return best;
}

/**
 * Snaps `position` to the nearest line of the basemap drawn on screen (county boundaries, the lines of the user's
 * basemap) within `tolerancePx` CSS pixels: a vertex when one is within the tolerance, else the nearest point on a
 * segment. Null when no basemap line is that close. For the drawing tools' snapping.
 */
export function snapToBasemap(map: MaplibreMap, position: LonLat, tolerancePx: number): LonLat | null {
  const layers = [
    ...COUNTY_LAYER_IDS.filter((id) => id !== 'county-label'),
    ...(map.getStyle().layers ?? []).filter((l) => l.type === 'line' && 'source' in l && l.source === USER_SOURCE).map((l) => l.id),
  ].filter((id) => map.getLayer(id) !== undefined);
  if (layers.length === 0) return null;
  const p = map.project([position[0], position[1]]);
  const hits = map.queryRenderedFeatures(
    [
      [p.x - tolerancePx, p.y - tolerancePx],
      [p.x + tolerancePx, p.y + tolerancePx],
    ],
    { layers },
  );
  const lonlat: Array<Array<[number, number]>> = [];
  for (const f of hits) {
    const g = f.geometry;
    if (g.type === 'LineString') lonlat.push(g.coordinates as Array<[number, number]>);
    else if (g.type === 'MultiLineString') lonlat.push(...(g.coordinates as Array<Array<[number, number]>>));
  }
  const screen = lonlat.map((line) => line.map(([x, y]) => map.project([x, y])));
  let vertex: { d: number; at: [number, number] } | null = null;
  screen.forEach((line, li) =>
    line.forEach((q, qi) => {
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d <= tolerancePx && (!vertex || d < vertex.d)) vertex = { d, at: lonlat[li]![qi]! };
    }),
  );
  if (vertex) return (vertex as { at: [number, number] }).at;
  const near = nearestOnLines(p, screen);
  if (!near || near.distance > tolerancePx) return null;
  const sa = screen[near.line]![near.segment]!;
  const sb = screen[near.line]![near.segment + 1]!;
  const ll = map.unproject([sa.x + near.t * (sb.x - sa.x), sa.y + near.t * (sb.y - sa.y)]);
  return [ll.lng, ll.lat];
}
