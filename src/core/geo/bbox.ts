import type { Geometry } from 'geojson';

/** Bounding box [w, s, e, n] of a geometry in its own coordinates (Infinity / -Infinity when it has no vertex). */
export function bboxOf(g: Geometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) {
      for (const x of c) visit(x);
    }
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) visit(x.type === 'GeometryCollection' ? [] : x.coordinates);
  else visit(g.coordinates);
  return [w, s, e, n];
}
