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

/** A rectangle in CSS pixels (a DOMRect's fields). */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Map width (CSS px) below which a panel over the map collapses instead of padding the fit. */
export const STEP_ASIDE_MIN_WIDTH = 700;

/**
 * How a panel over the map steps aside when the map moves to a target: on a wide map, the room the
 * panel takes on the side it hugs is added to the fit padding (the target is fitted in the rest);
 * on a narrow map, or when the panel would leave less than a third of the map, it collapses.
 */
export function stepAside(map: Rect, panel: Rect): { insets: { top: number; right: number; bottom: number; left: number } } | 'collapse' {
  const width = map.right - map.left;
  const height = map.bottom - map.top;
  const overlapW = Math.min(map.right, panel.right) - Math.max(map.left, panel.left);
  const overlapH = Math.min(map.bottom, panel.bottom) - Math.max(map.top, panel.top);
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  if (overlapW <= 0 || overlapH <= 0) return { insets: none };
  if (width < STEP_ASIDE_MIN_WIDTH) return 'collapse';
  const right = map.right - panel.left;
  const bottom = map.bottom - panel.top;
  // The panel hugs the side on which it leaves the larger free part of the map.
  if ((width - right) / width >= (height - bottom) / height) return right > (width * 2) / 3 ? 'collapse' : { insets: { ...none, right } };
  return bottom > (height * 2) / 3 ? 'collapse' : { insets: { ...none, bottom } };
}
