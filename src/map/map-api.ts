/** Identifiers of the basemaps a user can choose. Only `offline` is used unless the user picks another. */
export const BASEMAP_IDS = ['offline', 'osm', 'tianditu-vec', 'tianditu-img'] as const;
/** One of {@link BASEMAP_IDS}. */
export type BasemapId = (typeof BASEMAP_IDS)[number];

/** UI languages. */
export type Lang = 'zh-CN' | 'en';

import type { FeatureCollection } from 'geojson';
import type { UserBasemapInfo } from './basemap-pmtiles';
import type { RenderedStack } from './anchor-stacks';
import type { OffscreenImage, OffscreenRequest } from './offscreen-render';

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
  /**
   * Switches the basemap. Online basemaps are requested only after this call. `reviewNumber` is the map review
   * number (审图号) the user configured for Tianditu, shown bottom-left while a Tianditu basemap is on.
   */
  setBasemap(id: BasemapId, options?: { tiandituKey?: string; reviewNumber?: string }): void;
  /**
   * The user's own offline basemap, drawn on the `offline` basemap: a picked PMTiles file (vector MVT, styled with
   * the Protomaps basemap layers, or raster), or a same-origin URL of a PMTiles file served by `npm start`; `null`
   * removes it. It is kept in IndexedDB and reopened at the next visit. Resolves with what the file holds; rejects
   * with a `BasemapFileError` (zh `message`, `messageEn`) for a file it cannot use (the map is then unchanged).
   */
  setUserBasemap?(file: Blob | string | null, name?: string): Promise<UserBasemapInfo | null>;
  /** The user's basemap currently open (also after it was reopened from storage), or null. */
  userBasemap?(): UserBasemapInfo | null;
  /** The map review number (审图号) shown bottom-left, or null when the current basemap supplies none. */
  reviewNumber?(): string | null;
  /**
   * Basemap features drawn on screen (for tests and the text alternative): county boundary lines, county names,
   * and features of the user's basemap by source layer.
   */
  renderedBasemap?(): { countyLines: number; countyNames: string[]; user: Record<string, number> };
  /**
   * The nearest point on a basemap line drawn on screen (county boundaries, lines of the user's basemap) within
   * `tolerancePx` CSS pixels of `position` (a vertex when one is that close), or null: for snapping drawn vertices.
   */
  snapToBasemap?(position: LonLat, tolerancePx: number): LonLat | null;
  /** Current basemap. */
  basemap(): BasemapId;
  /** Current camera. */
  view(): ViewState;
  /** Moves to a bounding box [west, south, east, north]; `padding` (CSS px) keeps room for panels over the map. */
  fitBounds(bbox: readonly [number, number, number, number], padding?: { top: number; right: number; bottom: number; left: number }): void;
  /** Texts of the place labels currently placed on screen (for the text alternative and tests). */
  renderedPlaceLabels(): string[];
  /** Resolves when the map has finished loading and rendering what it was asked to. */
  whenIdle(): Promise<void>;
  /**
   * Resolves at the first rendered frame in which the basemap and every thematic layer given so far (not the
   * precision rings or analysis overlays) are loaded: "the layers are on screen".
   */
  whenLayersRendered(): Promise<void>;
  /** Registers a callback for camera changes; returns an unsubscribe function. */
  onViewChange(callback: (view: ViewState) => void): () => void;

  /** Moves the camera to `view` at once. */
  setView(view: ViewState): void;
  /**
   * Shows a thematic layer. Every feature must carry a string `id` property (unique in the layer),
   * `status` and `precisionM`; an `anchor` object ({lon, lat}) places its precision circle.
   */
  setLayerData(layer: string, data: FeatureCollection): void;
  /**
   * Shows a thematic layer whose GeoJSON MapLibre fetches from `url` (same origin or blob:) and
   * tiles in its own worker: the page never parses it. For large imported layers; the features
   * carry the same properties as for {@link setLayerData}, without precision circles. With an
   * `overview`, the layer is drawn as that image below {@link LARGE_VECTOR_MIN_ZOOM} and as
   * polygons from there on (the GeoJSON is loaded only when the map first gets near that zoom).
   */
  setLayerUrl(layer: string, url: string, overview?: LayerOverview | null): void;
  /**
   * Compiles, one per frame, the WebGL programs of every layer kind the app may add later (import
   * previews, overview images, compliance and conflict overlays, layers that appear on zooming in),
   * so that adding one later does not stall a frame. Call once the first layers are rendered and
   * the page is idle; resolves when done (at once on later calls).
   */
  warmUpShaders(): Promise<void>;
  /** Shows or hides a thematic layer. */
  setLayerVisibility(layer: string, visible: boolean): void;
  /** Sets a thematic layer's opacity, 0…1. */
  setLayerOpacity(layer: string, opacity: number): void;
  /** Outlines the feature with this id (any layer), or none. */
  setSelected(featureId: string | null): void;
  /** Registers a callback for clicks on the map; returns an unsubscribe function. */
  onClick(callback: (event: MapClick) => void): () => void;
  /** Registers a callback for pointer moves (null when the pointer leaves); returns an unsubscribe function. */
  onPointerMove(callback: (position: LonLat | null) => void): () => void;
  /** Draws the measuring line or polygon (empty list clears it). */
  setMeasure(vertices: readonly LonLat[], closed: boolean): void;
  /** Marks a query point and the circle of `radiusM` metres around it (null clears it). */
  setQueryMarker(point: LonLat | null, radiusM: number): void;
  /** Cursor over the map for the current tool. */
  setCursor(cursor: 'default' | 'crosshair'): void;
  /** Screen position (CSS pixels, relative to the map container) of a lon/lat. */
  project(position: LonLat): { x: number; y: number };
  /** Ground metres per CSS pixel at the map centre. */
  metresPerPixel(): number;
  /**
   * Current map image as a PNG data URL (for the print layout and tests). The only way to read the map's pixels:
   * the canvas does not keep a drawn frame once it is shown.
   */
  snapshot(): string;
  /** Ids of thematic features currently drawn on screen (for tests and the text alternative). */
  renderedFeatureIds(): string[];
  /**
   * Shows an analysis overlay (drawn above the thematic layers) styled by its features' own
   * properties: `fill`, `fillOpacity`, `stroke`, `strokeWidth`, `dashed`, `radius` (points),
   * `label` (points). `null` removes it.
   */
  setAnalysisLayer(id: string, data: FeatureCollection | null): void;
  /**
   * Shows an RGBA image stretched over `bounds` [west, south, east, north] (below the thematic
   * layers) with `opacity` 0…1; `null` removes it. Pixels, not a URL: nothing is fetched.
   */
  setImageOverlay(id: string, image: OverlayImage | null, bounds: readonly [number, number, number, number], opacity: number): void;
  /** Number of features of an analysis overlay drawn on screen (for tests and the text alternative). */
  renderedAnalysisCount(id: string): number;
  /**
   * Starts drawing one polygon with terra-draw (clicks add vertices, a click on the first closes it, then its
   * vertices can be dragged); vertices snap to basemap lines within `snapPx` (see {@link MapApi.snapToBasemap}).
   * `onChange` gets the polygon on screen after every change. Map clicks still reach {@link MapApi.onClick}.
   */
  startDraw?(options: DrawOptions, onChange: (change: DrawChange) => void): void;
  /** Replaces the drawn polygon by a closed `ring` (editable), or clears it and starts a new one (null). */
  setDrawRing?(ring: readonly LonLat[] | null): void;
  /** Removes the last vertex of the polygon being drawn (nothing when there is none). */
  undoDrawVertex?(): void;
  /** Ends drawing and removes the drawn polygon from the map. */
  stopDraw?(): void;
  /** Shows a draggable marker at `position` (null removes it); `onDrop` gets where the user released it. */
  setDraggableAnchor?(position: LonLat | null, onDrop?: (position: LonLat) => void): void;
  /**
   * Markers drawn on screen for positions shared by several sites (`count` ≥ 2, one marker with the number) and,
   * at province scale, for single zones (`count` 1). A click on one reports every feature of it.
   */
  renderedStacks?(): RenderedStack[];
  /**
   * Renders the map as shown (same style, layers and centre) off-screen at a print size, resolution and scale
   * (see `offscreen-render.ts`); rejects with an `OffscreenRenderError` (`too-large`, `timeout`, `render-failed`).
   */
  renderOffscreen?(request: OffscreenRequest): Promise<OffscreenImage>;
  /**
   * Room that panels over the map take, asked before every `fitBounds` without an explicit padding: the returned insets
   * (CSS px) are added to the default padding so the target stays visible (null: nothing in the way). The provider may
   * also collapse a panel instead.
   */
  setFitInsets?(provider: (() => Insets | null) | null): void;
}

/** Options of {@link MapApi.startDraw}. */
export interface DrawOptions {
  /** Snapping distance in CSS pixels (0: no snapping). */
  readonly snapPx: number;
}

/** The polygon being drawn, as on screen. */
export interface DrawChange {
  /** Its ring (while drawing: the placed vertices and the vertex under the pointer; the last equals the first). */
  readonly ring: readonly LonLat[];
  /** Whether the user closed it. */
  readonly closed: boolean;
  /** Whether a finished step (vertex placed, polygon closed, vertex dragged) produced this change. */
  readonly committed: boolean;
}

/** Insets in CSS pixels. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An RGBA image, row-major, 4 bytes per pixel (row 0 is the north edge). */
export interface OverlayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** A WGS84 position, [lon, lat] in degrees. */
export type LonLat = readonly [number, number];

/** A click on the map and the thematic features under it. */
export interface MapClick {
  position: LonLat;
  /** Features under the pointer, topmost first. */
  features: Array<{ layer: string; id: string }>;
}

/** A large layer's overview: a PNG (blob: or same-origin URL) whose pixels are linear in Web Mercator over `bounds`. */
export interface LayerOverview {
  readonly url: string;
  /** [w, s, e, n] of the image's edges in lon/lat. */
  readonly bounds: readonly [number, number, number, number];
}

/**
 * Zoom from which a large layer with an overview is drawn as polygons. A county of 200,000
 * parcels puts about 5,000 in a tile here; at county-wide zooms a tile would hold them all.
 */
export const LARGE_VECTOR_MIN_ZOOM = 12;
