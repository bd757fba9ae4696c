import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, ImageSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { LABEL_FONTS } from './basemap-style';
import type { OverlayImage } from './map-api';

/**
 * Analysis overlays (radar rings, protection zones, blockage cells, candidate markers, hillshade):
 * vector layers styled by their own feature properties, and RGBA images stretched over a lon/lat
 * box. Images are handed over as pixels (an url-less image source updated in place), so nothing is
 * fetched and the strict CSP (connect-src 'self') stays intact. State survives style reloads:
 * {@link AnalysisOverlays.installImages} and {@link AnalysisOverlays.installVectors} re-add it.
 *
 * Feature style properties: `fill` (CSS colour), `fillOpacity` (0…1), `stroke` (CSS colour),
 * `strokeWidth` (px), `dashed` (boolean), `radius` (px, points), `label` (text, points).
 */

interface ImageState {
  image: OverlayImage;
  bounds: readonly [number, number, number, number];
  opacity: number;
}

const vectorIds = (id: string): string[] => [`a-${id}-fill`, `a-${id}-line`, `a-${id}-dash`, `a-${id}-circle`, `a-${id}-label`];
const imageLayerId = (id: string): string => `img-${id}`;

function toImageData(image: OverlayImage): ImageData {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  data.set(image.data.subarray(0, data.length));
  return new ImageData(data, image.width, image.height);
}

function corners(b: readonly [number, number, number, number]): [[number, number], [number, number], [number, number], [number, number]] {
  const [w, s, e, n] = b;
  return [
    [w, n],
    [e, n],
    [e, s],
    [w, s],
  ];
}

/** The map layers of a vector overlay `id` on source `src` (colours and sizes from each feature's properties). */
export function analysisVectorLayers(id: string, src: string): LayerSpecification[] {
  return [
    {
      id: `a-${id}-fill`,
      type: 'fill',
      source: src,
      filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['has', 'fill']],
      paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': ['coalesce', ['get', 'fillOpacity'], 0.3] },
    },
    {
      id: `a-${id}-line`,
      type: 'line',
      source: src,
      filter: ['all', ['!=', ['geometry-type'], 'Point'], ['has', 'stroke'], ['!=', ['get', 'dashed'], true]],
      paint: { 'line-color': ['get', 'stroke'], 'line-width': ['coalesce', ['get', 'strokeWidth'], 1.5] },
    },
    {
      id: `a-${id}-dash`,
      type: 'line',
      source: src,
      filter: ['all', ['!=', ['geometry-type'], 'Point'], ['has', 'stroke'], ['==', ['get', 'dashed'], true]],
      paint: { 'line-color': ['get', 'stroke'], 'line-width': ['coalesce', ['get', 'strokeWidth'], 1.5], 'line-dasharray': [3, 2] },
    },
    {
      id: `a-${id}-circle`,
      type: 'circle',
      source: src,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['coalesce', ['get', 'radius'], 6],
        'circle-color': ['coalesce', ['get', 'fill'], '#000000'],
        'circle-stroke-color': ['coalesce', ['get', 'stroke'], '#ffffff'],
        'circle-stroke-width': 2,
      },
    },
    {
      id: `a-${id}-label`,
      type: 'symbol',
      source: src,
      filter: ['has', 'label'],
      layout: {
        'text-field': ['get', 'label'],
        'text-font': LABEL_FONTS,
        'text-size': 12,
        'text-allow-overlap': true,
        'symbol-placement': 'point',
      },
      paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
}

/** Holds and draws the analysis overlays of one map. */
export class AnalysisOverlays {
  private readonly vectors = new Map<string, FeatureCollection>();
  private readonly images = new Map<string, ImageState>();

  /** Whether a vector overlay with this id exists (a new id needs a full re-install for ordering). */
  hasVector(id: string): boolean {
    return this.vectors.has(id);
  }

  /** Whether an image overlay with this id exists. */
  hasImage(id: string): boolean {
    return this.images.has(id);
  }

  /** Stores (or with null removes) a vector overlay; updates the map's source when it is there. */
  setVector(map: MaplibreMap | null, id: string, data: FeatureCollection | null): void {
    if (data === null) {
      this.vectors.delete(id);
      if (map) {
        for (const l of vectorIds(id)) if (map.getLayer(l)) map.removeLayer(l);
        if (map.getSource(`a-${id}`)) map.removeSource(`a-${id}`);
      }
      return;
    }
    this.vectors.set(id, data);
    (map?.getSource(`a-${id}`) as GeoJSONSource | undefined)?.setData(data);
  }

  /** Stores (or with null removes) an image overlay; updates the map's source when it is there. */
  setImage(map: MaplibreMap | null, id: string, image: OverlayImage | null, bounds: readonly [number, number, number, number], opacity: number): void {
    if (image === null) {
      this.images.delete(id);
      if (map) {
        if (map.getLayer(imageLayerId(id))) map.removeLayer(imageLayerId(id));
        if (map.getSource(`i-${id}`)) map.removeSource(`i-${id}`);
      }
      return;
    }
    const st: ImageState = { image, bounds, opacity: Math.max(0, Math.min(1, opacity)) };
    this.images.set(id, st);
    if (!map) return;
    const src = map.getSource(`i-${id}`) as ImageSource | undefined;
    if (src) {
      src.updateImage({ image: toImageData(image), coordinates: corners(bounds) });
      if (map.getLayer(imageLayerId(id))) map.setPaintProperty(imageLayerId(id), 'raster-opacity', st.opacity);
    }
  }

  /** (Re)adds the image layers; call before the thematic layers so images lie under them. */
  installImages(map: MaplibreMap): void {
    for (const [id, st] of this.images) {
      if (map.getLayer(imageLayerId(id))) map.removeLayer(imageLayerId(id));
      if (!map.getSource(`i-${id}`)) {
        map.addSource(`i-${id}`, { type: 'image', coordinates: corners(st.bounds) });
        (map.getSource(`i-${id}`) as ImageSource).updateImage({ image: toImageData(st.image), coordinates: corners(st.bounds) });
      }
      map.addLayer({ id: imageLayerId(id), type: 'raster', source: `i-${id}`, paint: { 'raster-opacity': st.opacity, 'raster-fade-duration': 0 } });
    }
  }

  /** (Re)adds the vector layers; call after the thematic layers so they draw on top. */
  installVectors(map: MaplibreMap): void {
    for (const id of this.vectors.keys()) this.installVector(map, id);
  }

  /** (Re)adds the layers of one vector overlay, below `beforeId` when given (else on top). */
  installVector(map: MaplibreMap, id: string, beforeId?: string): void {
    const data = this.vectors.get(id);
    if (data === undefined) return;
    for (const l of vectorIds(id)) if (map.getLayer(l)) map.removeLayer(l);
    const src = `a-${id}`;
    if (map.getSource(src)) (map.getSource(src) as GeoJSONSource).setData(data);
    else map.addSource(src, { type: 'geojson', data });
    for (const spec of analysisVectorLayers(id, src)) map.addLayer(spec, beforeId);
  }

  /** Number of distinct features of a vector overlay drawn on screen (by `id` property, else all hits). */
  renderedCount(map: MaplibreMap, id: string): number {
    const layers = vectorIds(id).filter((l) => map.getLayer(l));
    if (layers.length === 0) return 0;
    const hits = map.queryRenderedFeatures({ layers });
    const ids = new Set<string>();
    hits.forEach((h, i) => ids.add(String(h.properties['id'] ?? `#${i}`)));
    return ids.size;
  }
}
