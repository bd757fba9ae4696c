/**
 * The supersede warning threshold (the share by which a surveyed area may differ from the stated one before
 * the user is warned): a setting kept in this browser (localStorage), default 5 %.
 */

/** Default threshold, percent. */
export const DEFAULT_THRESHOLD_PCT = 5;
const KEY = 'gis.supersedeWarnPct';
/** Event (on window) after the threshold changed. */
export const THRESHOLD_EVENT = 'gis-supersede-threshold';

/** The threshold in percent (the default when none is kept or the stored value is not a valid percentage). */
export function thresholdPct(): number {
  let raw: string | null = null;
  try {
    raw = globalThis.localStorage?.getItem(KEY) ?? null;
  } catch (error: unknown) {
    console.warn('supersede threshold unreadable', error);
  }
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_THRESHOLD_PCT;
}

/** The threshold as a share (0.05 for 5 %). */
export function thresholdShare(): number {
  return thresholdPct() / 100;
}

/** Keeps a new threshold (percent, 0–100); returns false (nothing kept) for any other value. */
export function setThresholdPct(pct: number): boolean {
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) return false;
  try {
    globalThis.localStorage?.setItem(KEY, String(pct));
  } catch (error: unknown) {
    console.warn('supersede threshold not kept', error);
  }
  globalThis.dispatchEvent?.(new CustomEvent(THRESHOLD_EVENT, { detail: pct }));
  return true;
}
