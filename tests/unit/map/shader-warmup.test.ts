import { describe, expect, it } from 'vitest';
import { warmupImageExtent } from '../../../src/map/shader-warmup';

/** The zoom of the smallest tile that holds a square of `side` degrees (as MapLibre's image source picks it). */
function holdingTileZoom(side: number): number {
  return Math.floor(Math.log2(360 / side));
}

describe('shader warm-up image', () => {
  it('fits a tile of zoom 25 or less at every map zoom (zoom 15 and over threw "z=26 outside of bounds")', () => {
    for (let zoom = 0; zoom <= 24; zoom += 0.5) expect(holdingTileZoom(warmupImageExtent(zoom))).toBeLessThanOrEqual(25);
  });

  it('stays four tile units of the map zoom up to zoom 13 (under a pixel)', () => {
    for (const zoom of [0, 5.6, 10, 13.9]) {
      const tileDeg = 360 / 2 ** Math.floor(zoom);
      expect(warmupImageExtent(zoom) / tileDeg).toBeCloseTo(4 / 8192, 12);
    }
  });
});
