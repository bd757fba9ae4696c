import { bboxOf } from '../../core/geo/bbox';
import type { ViewerFeature } from '../../core/model/catalog-feature';

/** Screen padding (CSS pixels) kept free around the data on the first view. */
export interface ViewPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Width (CSS px) up to which the shell lays out for a phone (the map above, the panels below). */
export const PHONE_MAX_WIDTH = 700;

/**
 * The first view a planner sees: the box of the catalog's features (the gazettes' zones, parks and sites, not
 * the QA markers nor the user's imported layers) and the padding that keeps it clear of the map's controls, for
 * a map of `width` × `height` CSS pixels. On a phone the zoom buttons take the top right corner; on a desktop
 * the coordinate readout takes the bottom right. Null when there is nothing to show.
 */
export function firstView(features: readonly ViewerFeature[], width: number, height: number): { bbox: [number, number, number, number]; padding: ViewPadding } | null {
  let box: [number, number, number, number] | null = null;
  for (const f of features) {
    if (f.props.layer === 'qa' || f.props.layer.startsWith('imported:')) continue;
    const [w, s, e, n] = bboxOf(f.geometry);
    if (![w, s, e, n].every(Number.isFinite)) continue;
    box = box === null ? [w, s, e, n] : [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)];
  }
  if (box === null) return null;
  const phone = width <= PHONE_MAX_WIDTH;
  // Padding never takes more than a third of the map on either axis (a very small map still shows the data).
  const cap = (v: number, size: number): number => Math.max(4, Math.min(v, size / 3));
  const padding = phone
    ? { top: cap(24, height), right: cap(52, width), bottom: cap(28, height), left: cap(20, width) }
    : { top: cap(48, height), right: cap(64, width), bottom: cap(80, height), left: cap(48, width) };
  return { bbox: box, padding };
}

/** What {@link keepFirstView} needs of the map. */
interface FitMap {
  fitBounds(bbox: readonly [number, number, number, number], padding?: ViewPadding): void;
  view(): { lon: number; lat: number; zoom: number };
  onViewChange(callback: (view: { lon: number; lat: number; zoom: number }) => void): () => void;
}

/** Input events after which the camera is the user's: the first view is no longer re-fitted. */
const USER_INPUT = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;
/** The first view stops following the layout after this long even without input (ms). */
const KEEP_MS = 15_000;

/**
 * Fits the first view now and again whenever the map's container changes size (the header and the panels settle
 * after the map starts, most on a phone) until the user first touches, clicks, scrolls or types, anything else
 * moves the camera, or {@link KEEP_MS} have passed. Returns a function that stops it. Nothing happens when there is nothing to show.
 */
export function keepFirstView(map: FitMap, host: HTMLElement, features: () => readonly ViewerFeature[]): () => void {
  let last = '';
  let fitted: { lon: number; lat: number; zoom: number } | null = null;
  const fit = (): void => {
    const view = firstView(features(), host.clientWidth, host.clientHeight);
    const key = `${host.clientWidth}x${host.clientHeight}`;
    if (view === null || key === last || host.clientWidth === 0 || host.clientHeight === 0) return;
    last = key;
    map.fitBounds(view.bbox, view.padding);
    fitted = map.view();
  };
  const moved = (v: { lon: number; lat: number; zoom: number }): boolean =>
    fitted === null || Math.abs(v.lon - fitted.lon) > 1e-7 || Math.abs(v.lat - fitted.lat) > 1e-7 || Math.abs(v.zoom - fitted.zoom) > 1e-6;
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => fit()) : null;
  const stop = (): void => {
    observer?.disconnect();
    unsubscribe();
    for (const type of USER_INPUT) window.removeEventListener(type, stop, true);
    window.clearTimeout(timer);
  };
  const unsubscribe = map.onViewChange((v) => {
    if (moved(v)) stop();
  });
  const timer = window.setTimeout(stop, KEEP_MS);
  for (const type of USER_INPUT) window.addEventListener(type, stop, { capture: true, passive: true });
  fit();
  observer?.observe(host);
  return stop;
}
