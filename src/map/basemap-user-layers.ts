import type { LayerSpecification } from 'maplibre-gl';
import { LABEL_FONTS } from './basemap-fonts';

/** Source id of the user basemap in the style. */
export const USER_SOURCE = 'user-basemap';

/** Neutral layers for a vector file in another schema: every layer's polygons, lines and points. */
export function genericLayers(ids: readonly string[]): LayerSpecification[] {
  return ids.flatMap((id): LayerSpecification[] => [
    { id: `user-${id}-fill`, type: 'fill', source: USER_SOURCE, 'source-layer': id, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#e6e2d8', 'fill-outline-color': '#c9c3b5' } },
    { id: `user-${id}-line`, type: 'line', source: USER_SOURCE, 'source-layer': id, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#9a948a', 'line-width': 1.2 } },
    { id: `user-${id}-point`, type: 'circle', source: USER_SOURCE, 'source-layer': id, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#77706a', 'circle-radius': 2 } },
  ]);
}

/** Protomaps light layers without background and icons (no sprite offline), labels in the local fonts. */
export async function protomapsLayers(lang: string): Promise<LayerSpecification[]> {
  const { layers, namedFlavor } = await import('@protomaps/basemaps');
  return layers(USER_SOURCE, namedFlavor('light'), { lang })
    .filter((l) => l.type !== 'background' && !(l.type === 'symbol' && l.layout?.['icon-image'] !== undefined))
    .map((l) => (l.type === 'symbol' ? ({ ...l, layout: { ...l.layout, 'text-font': LABEL_FONTS } } as LayerSpecification) : l))
    .map((l) => ({ ...l, id: `user-${l.id}` }) as LayerSpecification);
}
