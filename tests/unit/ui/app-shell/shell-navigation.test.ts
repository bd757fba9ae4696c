import { describe, expect, it } from 'vitest';
import { featureZoom, nextPanel, stepAside } from '../../../../src/ui/app-shell/shell-navigation';

describe('shell navigation', () => {
  it('moves between tabs with the arrow keys (wrapping), Home and End', () => {
    expect(nextPanel('layers', 'ArrowRight')).toBe('table');
    expect(nextPanel('layers', 'ArrowLeft')).toBe('public');
    expect(nextPanel('public', 'ArrowDown')).toBe('layers');
    expect(nextPanel('tools', 'Home')).toBe('layers');
    expect(nextPanel('tools', 'End')).toBe('public');
    expect(nextPanel('tools', 'a')).toBeUndefined();
  });

  it('gives a point some context and leaves room for the inspector', () => {
    const wide = featureZoom({ type: 'Point', coordinates: [112, 37] }, 1280, 800);
    expect(wide.bbox).toEqual([111.996, 36.996, 112.004, 37.004]);
    expect(wide.padding.right).toBe(420);
    const phone = featureZoom({ type: 'Polygon', coordinates: [[[112, 37], [112.1, 37], [112.1, 37.2], [112, 37]]] }, 390, 780);
    expect(phone.bbox[0]).toBeCloseTo(112, 9);
    expect(phone.bbox[3]).toBeCloseTo(37.2, 9);
    expect(phone.padding.bottom).toBe(200);
  });
});

describe('panels step aside when the map moves to a target', () => {
  const map = { left: 360, top: 56, right: 1280, bottom: 800 };
  it('pads the fit by the room a panel on the right takes on a wide map', () => {
    // the inspector: 380 px wide, 0.5 rem from the top, 3.2 rem from the right edge
    const panel = { left: 1280 - 51 - 380, top: 64, right: 1280 - 51, bottom: 600 };
    expect(stepAside(map, panel)).toEqual({ insets: { top: 0, right: 431, bottom: 0, left: 0 } });
  });
  it('pads by the bottom when the panel lies across the map', () => {
    expect(stepAside(map, { left: 360, top: 600, right: 1280, bottom: 800 })).toEqual({ insets: { top: 0, right: 0, bottom: 200, left: 0 } });
  });
  it('asks for nothing when the panel is not over the map', () => {
    expect(stepAside(map, { left: 0, top: 56, right: 360, bottom: 800 })).toEqual({ insets: { top: 0, right: 0, bottom: 0, left: 0 } });
  });
  it('collapses the panel on a narrow map or when it would leave less than a third of it', () => {
    expect(stepAside({ left: 0, top: 0, right: 390, bottom: 780 }, { left: 0, top: 350, right: 390, bottom: 780 })).toBe('collapse');
    expect(stepAside(map, { left: 400, top: 60, right: 1270, bottom: 790 })).toBe('collapse');
  });
});
