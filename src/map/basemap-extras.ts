import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BasemapId, Lang } from './map-api';
import { attachCountyBoundaries, renderedBasemapFeatures } from './basemap-counties';
import { ReviewNumberControl } from './basemap-review';
import { openUserBasemap, type OpenedBasemap, type UserBasemapInfo, type UserBasemapStyle } from './basemap-pmtiles';
import { clearUserBasemap, loadUserBasemap, saveUserBasemap } from './basemap-store';

/**
 * What the basemap adds to a MapView beyond the style of the chosen basemap (issue 16): county boundaries at zone
 * scale, the user's own PMTiles basemap (kept in IndexedDB), and the 审图号 line. MapView owns one and delegates.
 */
export class BasemapExtras {
  private user: OpenedBasemap | null = null;
  private tiandituReview = '';
  private readonly review = new ReviewNumberControl();

  /**
   * @param restyle re-applies the map style (after the user basemap changed, when it is drawn)
   * @param current the basemap chosen now
   */
  constructor(
    private readonly restyle: () => void,
    private readonly current: () => BasemapId,
  ) {}

  /** Adds the 审图号 line (bottom-left) and the zone-scale county boundaries to a new map. */
  attach(map: MaplibreMap): void {
    map.addControl(this.review, 'bottom-left');
    attachCountyBoundaries(map);
  }

  /** Layers of the user basemap for the offline style in `lang`, or null. */
  userStyle(lang: Lang): UserBasemapStyle | null {
    return this.user?.style[lang] ?? null;
  }

  /** Sets the 审图号 configured for Tianditu (undefined keeps the last one) and refreshes the line. */
  basemapChanged(tiandituReview?: string): void {
    this.tiandituReview = tiandituReview ?? this.tiandituReview;
    this.updateReviewNumber();
  }

  /** See MapApi.setUserBasemap. */
  async setUserBasemap(file: Blob | string | null, name?: string): Promise<UserBasemapInfo | null> {
    const label = file === null ? '' : (name ?? (typeof file === 'string' ? file : file instanceof File ? file.name : 'basemap.pmtiles'));
    this.user = file === null ? null : await openUserBasemap(file, label);
    if (this.current() === 'offline') this.restyle();
    this.updateReviewNumber();
    // Kept after it is shown: a storage failure (BasemapFileError 'store-failed') leaves the basemap on.
    if (file === null) await clearUserBasemap();
    else await saveUserBasemap({ name: label, file, savedAt: new Date().toISOString() });
    return this.user?.info ?? null;
  }

  /** The user basemap open now, or null. */
  userBasemap(): UserBasemapInfo | null {
    return this.user?.info ?? null;
  }

  /** The 审图号 shown, or null. */
  reviewNumber(): string | null {
    return this.review.get();
  }

  /** See MapApi.renderedBasemap. */
  rendered(map: MaplibreMap): { countyLines: number; countyNames: string[]; user: Record<string, number> } {
    return renderedBasemapFeatures(map);
  }

  /** Reopens the basemap file kept from an earlier visit; one that cannot be opened any more is left out. */
  async restore(): Promise<void> {
    const kept = await loadUserBasemap();
    if (!kept || this.user) return;
    try {
      this.user = await openUserBasemap(kept.file, kept.name);
    } catch (e) {
      console.warn('kept basemap could not be reopened:', e);
      return;
    }
    if (this.current() === 'offline') this.restyle();
    this.updateReviewNumber();
  }

  private updateReviewNumber(): void {
    const id = this.current();
    this.review.set(id === 'offline' ? (this.user?.info.reviewNumber ?? null) : id.startsWith('tianditu') ? this.tiandituReview : null);
  }
}
