import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { overviewGrid, rasterizeOverview } from '../../../../src/core/raster/overview-raster';

const BBOX: [number, number, number, number] = [111.45, 35.95, 112.05, 36.45];

describe('overview grid of a large layer', () => {
  it('has the longer side at the pixel limit and edges one pixel outside the extent', () => {
    const g = overviewGrid(BBOX, 1000)!;
    expect(Math.max(g.width, g.height)).toBeLessThanOrEqual(1001);
    expect(Math.max(g.width, g.height)).toBeGreaterThanOrEqual(999);
    expect(g.x(BBOX[0])).toBeCloseTo(1, 6);
    expect(g.y(BBOX[3])).toBeCloseTo(1, 6);
    const [w, s, e, n] = g.bounds;
    expect(g.x(w)).toBeCloseTo(0, 6);
    expect(g.x(e)).toBeCloseTo(g.width, 6);
    expect(g.y(n)).toBeCloseTo(0, 6);
    expect(g.y(s)).toBeCloseTo(g.height, 6);
  });

  it('is linear in Web Mercator, not in latitude', () => {
    const g = overviewGrid([0, 0, 10, 60], 1000)!;
    const yMid = g.y(30);
    expect(Math.abs(yMid - (g.y(0) + g.y(60)) / 2)).toBeGreaterThan(50);
  });

  it('refuses an empty extent', () => {
    expect(overviewGrid([112, 36, 112, 36])).toBeNull();
  });
});

describe('rasterising polygons into the overview', () => {
  const g = overviewGrid(BBOX, 200)!;
  const style = { fill: '#999933', fillOpacity: 0.35, line: '#5F5F1F' };
  const pixel = (rgba: Uint8ClampedArray, x: number, y: number): number[] => [...rgba.subarray((y * g.width + x) * 4, (y * g.width + x) * 4 + 4)];
  const square = (w: number, s: number, e: number, n: number, hole?: [number, number, number, number]): { geometry: Polygon } => ({
    geometry: {
      type: 'Polygon',
      coordinates: [
        [[w, s], [e, s], [e, n], [w, n], [w, s]],
        ...(hole ? [[[hole[0], hole[1]], [hole[0], hole[3]], [hole[2], hole[3]], [hole[2], hole[1]], [hole[0], hole[1]]]] : []),
      ],
    },
  });

  it('fills the inside at the fill opacity, outlines the edge and leaves the outside and holes empty', () => {
    const rgba = rasterizeOverview([square(111.6, 36.1, 111.9, 36.3, [111.7, 36.15, 111.8, 36.25])], g, style);
    const cx = Math.round(g.x(111.65));
    const cy = Math.round(g.y(36.2));
    expect(pixel(rgba, cx, cy)).toEqual([0x99, 0x99, 0x33, Math.round(0.35 * 255)]);
    expect(pixel(rgba, Math.round(g.x(111.75)), cy)[3]).toBe(0);
    expect(pixel(rgba, Math.round(g.x(111.5)), cy)[3]).toBe(0);
    expect(pixel(rgba, Math.floor(g.x(111.6)), cy)).toEqual([0x5f, 0x5f, 0x1f, 255]);
  });

  it('ignores points and lines and returns an image of the grid size', () => {
    const rgba = rasterizeOverview([{ geometry: { type: 'Point' as const, coordinates: [111.7, 36.2] } }, { geometry: null }], g, style);
    expect(rgba.length).toBe(g.width * g.height * 4);
    expect(rgba.some((v) => v !== 0)).toBe(false);
  });
});
