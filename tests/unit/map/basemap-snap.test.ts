import { describe, expect, it } from 'vitest';
import { nearestOnLines } from '../../../src/map/basemap-snap';

describe('nearestOnLines', () => {
  it('finds the nearest point on the nearest segment, clamped to its ends', () => {
    const lines = [
      [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }],
      [{ x: 20, y: 0 }, { x: 20, y: 10 }],
    ];
    expect(nearestOnLines({ x: 4, y: 3 }, lines)).toEqual({ line: 0, segment: 0, t: 0.4, distance: 3 });
    expect(nearestOnLines({ x: 16, y: 5 }, lines)).toEqual({ line: 1, segment: 0, t: 0.5, distance: 4 });
    expect(nearestOnLines({ x: 13, y: 14 }, lines)).toEqual({ line: 0, segment: 1, t: 1, distance: 5 });
  });
  it('gives null without segments and handles a zero-length segment', () => {
    expect(nearestOnLines({ x: 0, y: 0 }, [])).toBeNull();
    expect(nearestOnLines({ x: 0, y: 0 }, [[{ x: 3, y: 4 }]])).toBeNull();
    expect(nearestOnLines({ x: 0, y: 0 }, [[{ x: 3, y: 4 }, { x: 3, y: 4 }]])?.distance).toBe(5);
  });
});
