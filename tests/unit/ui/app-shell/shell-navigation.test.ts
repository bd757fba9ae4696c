import { describe, expect, it } from 'vitest';
import { featureZoom, nextPanel } from '../../../../src/ui/app-shell/shell-navigation';

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
