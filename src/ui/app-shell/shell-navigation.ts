import type { Geometry } from 'geojson';
import { bboxOf } from '../../core/geo/bbox';
import { PANELS } from '../state/url-state';
import type { Panel } from '../state/url-state';

/** Least half-size (degrees) of the box a feature is zoomed to, so points and tiny zones get context. */
const MIN_HALF_DEG = 0.004;

/**
 * The box to show a feature in and the padding that leaves room for the inspector (on the right on wide
 * screens, at the bottom on phones), for a map of `width` × `height` CSS pixels.
 */
export function featureZoom(g: Geometry, width: number, height: number): { bbox: [number, number, number, number]; padding: { top: number; right: number; bottom: number; left: number } } {
  const [w, s, e, n] = bboxOf(g);
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const hx = Math.max((e - w) / 2, MIN_HALF_DEG);
  const hy = Math.max((n - s) / 2, MIN_HALF_DEG);
  const padding = width > 700 ? { top: 40, right: Math.min(420, width / 2), bottom: 40, left: 40 } : { top: 30, right: 30, bottom: Math.min(height / 3, 200), left: 30 };
  return { bbox: [cx - hx, cy - hy, cx + hx, cy + hy], padding };
}

/** The tab a key moves to from `current` (arrows wrap around, Home and End), or undefined for other keys. */
export function nextPanel(current: Panel, key: string): Panel | undefined {
  const i = PANELS.indexOf(current);
  if (key === 'ArrowRight' || key === 'ArrowDown') return PANELS[(i + 1) % PANELS.length];
  if (key === 'ArrowLeft' || key === 'ArrowUp') return PANELS[(i + PANELS.length - 1) % PANELS.length];
  if (key === 'Home') return PANELS[0];
  if (key === 'End') return PANELS[PANELS.length - 1];
  return undefined;
}
