import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { MapView } from './map-view';
import type { MapApi } from './map-api';

export type { MapApi, BasemapId, Lang, ViewState, LonLat, MapClick, OverlayImage, LayerOverview } from './map-api';
export { THEMATIC_STYLES, styleOf } from './thematic-style';
export type { ThematicStyle, ThematicKind } from './thematic-style';
export { BASEMAP_IDS, LARGE_VECTOR_MIN_ZOOM } from './map-api';
export { SHANXI_VIEW, prewarmMapWorker } from './map-view';
export type { UserBasemapInfo, BasemapFileErrorCode } from './basemap-pmtiles';
export type { Insets } from './map-api';
export type { OffscreenImage, OffscreenRequest } from './offscreen-render';
export { BasemapFileError } from './basemap-pmtiles';

/** MapLibre's stylesheet, for adoption into a shadow root that hosts the map. */
export const MAP_CSS: string = maplibreCss;

/** Creates the map behind the {@link MapApi} interface. */
export function createMapView(): MapApi {
  return new MapView();
}
