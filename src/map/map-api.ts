/** Identifiers of the basemaps a user can choose. Only `offline` is used unless the user picks another. */
export const BASEMAP_IDS = ['offline', 'osm', 'tianditu-vec', 'tianditu-img'] as const;
/** One of {@link BASEMAP_IDS}. */
export type BasemapId = (typeof BASEMAP_IDS)[number];

/** UI languages. */
export type Lang = 'zh-CN' | 'en';

/** Camera state, serialisable into the URL. */
export interface ViewState {
  lon: number;
  lat: number;
  zoom: number;
}

/** What the UI may ask of the map. The UI never touches MapLibre directly. */
export interface MapApi {
  /** Creates the map inside `container`; resolves once the style and the first frame have loaded. */
  mount(container: HTMLElement, view?: ViewState): Promise<void>;
  /** Removes the map and frees its resources. */
  destroy(): void;
  /** Switches label language where the basemap supports it. */
  setLanguage(lang: Lang): void;
  /** Switches the basemap. Online basemaps are requested only after this call. */
  setBasemap(id: BasemapId, options?: { tiandituKey?: string }): void;
  /** Current basemap. */
  basemap(): BasemapId;
  /** Current camera. */
  view(): ViewState;
  /** Flies to a bounding box [west, south, east, north]. */
  fitBounds(bbox: readonly [number, number, number, number]): void;
  /** Texts of the place labels currently placed on screen (for the text alternative and tests). */
  renderedPlaceLabels(): string[];
  /** Resolves when the map has finished loading and rendering what it was asked to. */
  whenIdle(): Promise<void>;
  /** Registers a callback for camera changes; returns an unsubscribe function. */
  onViewChange(callback: (view: ViewState) => void): () => void;
}
