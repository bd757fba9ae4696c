import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

/**
 * Style of the conflict overlay (the findings of the last conflict check), drawn above every
 * thematic layer: overlap polygons get a red diagonal hatch and a solid red outline, distance
 * findings a dashed red link between the two features, contacts a red ring. The finding the user
 * focused (`focus` property) is drawn thicker. Features carry `id`, `kind` ('overlap' | 'link' |
 * 'marker'), `severity` and `focus`.
 */

/** Thematic-layer name of the conflict overlay (as passed to MapApi.setLayerData). */
export const CONFLICT_LAYER = 'conflict-overlaps';

/** Image id of the red hatch of overlap polygons. */
export const CONFLICT_HATCH_IMAGE = 'gis-conflict-hatch';

/** Red of the overlay: strong enough against every thematic fill and in greyscale print. */
const RED = '#C8102E';

/** A 12×12 RGBA red diagonal hatch (the opposite diagonal of the withdrawn-zone hatch). */
export function conflictHatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 12;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x - y + size) % size < 3;
      const i = (y * size + x) * 4;
      data[i] = 200;
      data[i + 1] = 16;
      data[i + 2] = 46;
      data[i + 3] = on ? 235 : 0;
    }
  }
  return { width: size, height: size, data };
}

/** Map-layer ids of the overlay, bottom to top. */
export function conflictLayerIds(): string[] {
  return ['fill', 'hatch', 'outline', 'link', 'marker'].map((s) => `${CONFLICT_LAYER}-${s}`);
}

/** Map-layer ids of the overlay whose features count as drawn (for MapApi.renderedFeatureIds). */
export function conflictClickableIds(): string[] {
  return ['hatch', 'outline', 'link', 'marker'].map((s) => `${CONFLICT_LAYER}-${s}`);
}

const isKind = (k: string): ExpressionSpecification => ['==', ['get', 'kind'], k];
const focused: ExpressionSpecification = ['==', ['get', 'focus'], true];

/** The overlay's map layers on `source`. */
export function conflictLayers(source: string, opacity: number, visible: boolean): LayerSpecification[] {
  const visibility = visible ? 'visible' : 'none';
  return [
    {
      id: `${CONFLICT_LAYER}-fill`,
      type: 'fill',
      source,
      filter: isKind('overlap'),
      layout: { visibility },
      paint: { 'fill-color': RED, 'fill-opacity': ['*', opacity, ['case', focused, 0.35, 0.18]] },
    },
    {
      id: `${CONFLICT_LAYER}-hatch`,
      type: 'fill',
      source,
      filter: isKind('overlap'),
      layout: { visibility },
      paint: { 'fill-pattern': CONFLICT_HATCH_IMAGE, 'fill-opacity': opacity },
    },
    {
      id: `${CONFLICT_LAYER}-outline`,
      type: 'line',
      source,
      filter: isKind('overlap'),
      layout: { visibility },
      paint: { 'line-color': RED, 'line-width': ['case', focused, 4, 2], 'line-opacity': opacity },
    },
    {
      id: `${CONFLICT_LAYER}-link`,
      type: 'line',
      source,
      filter: isKind('link'),
      layout: { visibility, 'line-cap': 'round' },
      paint: { 'line-color': RED, 'line-width': ['case', focused, 4.5, 2.5], 'line-dasharray': [2, 1.5], 'line-opacity': opacity },
    },
    {
      id: `${CONFLICT_LAYER}-marker`,
      type: 'circle',
      source,
      filter: isKind('marker'),
      layout: { visibility },
      paint: {
        'circle-radius': ['case', focused, 12, 9],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': RED,
        'circle-stroke-width': ['case', focused, 4, 3],
        'circle-stroke-opacity': opacity,
      },
    },
  ];
}
