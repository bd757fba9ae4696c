import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CatalogLayerId } from '../core/model/layer-registry';
import { LABEL_FONTS } from './basemap-style';
import { CONFLICT_LAYER, conflictClickableIds, conflictLayerIds, conflictLayers } from './conflict-style';

/** How a thematic layer is drawn: as areas or as point markers. */
export type ThematicKind = 'zone' | 'point';

/** Colours and kind of one thematic layer. */
export interface ThematicStyle {
  kind: ThematicKind;
  /** Fill / marker colour. */
  fill: string;
  /** Base fill opacity before the user's opacity slider. */
  fillOpacity: number;
  /** Outline colour. */
  line: string;
  lineWidth: number;
}

/**
 * Colour-blind-safe palette (Okabe–Ito and Paul Tol's muted scheme). Relic protection ranges
 * (dark wine, dense fill, solid outline) and construction-control zones (pale sand, light fill,
 * ochre outline) differ in hue and in lightness, so they stay apart in every colour-vision type
 * and in greyscale print.
 */
export const THEMATIC_STYLES: Readonly<Record<CatalogLayerId | 'imported', ThematicStyle>> = {
  'chemical-park': { kind: 'zone', fill: '#D55E00', fillOpacity: 0.35, line: '#A34400', lineWidth: 1.8 },
  'land-acquisition': { kind: 'point', fill: '#0072B2', fillOpacity: 1, line: '#ffffff', lineWidth: 2 },
  'relic-protection': { kind: 'zone', fill: '#882255', fillOpacity: 0.6, line: '#5E1239', lineWidth: 2 },
  'relic-control': { kind: 'zone', fill: '#DDCC77', fillOpacity: 0.45, line: '#8C7A1E', lineWidth: 1.6 },
  'meteo-site': { kind: 'point', fill: '#009E73', fillOpacity: 1, line: '#ffffff', lineWidth: 2 },
  qa: { kind: 'point', fill: '#F0E442', fillOpacity: 1, line: '#000000', lineWidth: 2 },
  imported: { kind: 'zone', fill: '#56B4E9', fillOpacity: 0.35, line: '#1F6F99', lineWidth: 1.6 },
};

/**
 * Styles of the user's imported layers by category. Their map ids are
 * `imported:<category>:<store id>` (see core/model/layer-registry.ts).
 */
export const IMPORTED_CATEGORY_STYLES: Readonly<Record<string, ThematicStyle>> = {
  'project-boundary': { kind: 'zone', fill: '#AA4499', fillOpacity: 0.25, line: '#6E1F63', lineWidth: 2.4 },
  'ecological-red-line': { kind: 'zone', fill: '#117733', fillOpacity: 0.3, line: '#CC3311', lineWidth: 2 },
  'permanent-basic-farmland': { kind: 'zone', fill: '#999933', fillOpacity: 0.35, line: '#5F5F1F', lineWidth: 1.6 },
  'urban-development-boundary': { kind: 'zone', fill: '#332288', fillOpacity: 0.12, line: '#332288', lineWidth: 2.2 },
};

/** Style of a layer, with a neutral default for layers not in {@link THEMATIC_STYLES}. */
export function styleOf(layer: string): ThematicStyle {
  const category = /^imported:([a-z-]+):/.exec(layer)?.[1];
  const byCategory = category === undefined ? undefined : IMPORTED_CATEGORY_STYLES[category];
  return (THEMATIC_STYLES as Readonly<Record<string, ThematicStyle | undefined>>)[layer] ?? byCategory ?? { kind: 'zone', fill: '#56B4E9', fillOpacity: 0.35, line: '#1F6F99', lineWidth: 1.6 };
}

/**
 * Zoom below which text-derived zones are drawn as markers at their anchors (src/map/anchor-stacks.ts) instead of
 * their precision rings: a zone is sub-pixel there and overlapping rings read as noise.
 */
export const PROVINCE_MAX_ZOOM = 8;

/** Image id of the hatch pattern used for withdrawn zones. */
export const HATCH_IMAGE = 'gis-hatch';

/** An 8×8 RGBA diagonal hatch (grey on transparent) for withdrawn zones. */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      const i = (y * size + x) * 4;
      data[i] = 90;
      data[i + 1] = 90;
      data[i + 2] = 90;
      data[i + 3] = on ? 220 : 0;
    }
  }
  return { width: size, height: size, data };
}

const isStatus = (s: string): ExpressionSpecification => ['==', ['get', 'status'], s];

/** Whether a feature's shape is approximate (it has a precision radius). */
const approximate: ExpressionSpecification = ['>', ['to-number', ['get', 'precisionM'], 0], 0];

/**
 * The statuses that change how a feature is drawn, bottom to top: faded and withdrawn features under
 * the current ones. `fade` multiplies the opacity; `planned` fades markers only (planned zones have
 * their own dashed outline). Each group is a layer of its own with constant paint, so every
 * thematic layer draws with the same few WebGL programs as the basemap: a data-driven paint
 * property would make MapLibre compile another program, which costs a software renderer up to a
 * few hundred milliseconds.
 */
const STATUS_GROUPS = [
  { suffix: '-withdrawn', match: isStatus('withdrawn'), fade: 0.5, markerFade: 0.5 },
  { suffix: '-superseded', match: isStatus('superseded'), fade: 0.35, markerFade: 0.35 },
  { suffix: '-planned', match: isStatus('planned'), fade: 1, markerFade: 0.15 },
  { suffix: '', match: ['match', ['get', 'status'], ['withdrawn', 'superseded', 'planned'], false, true] as ExpressionSpecification, fade: 1, markerFade: 1 },
] as const;

/** Layers drawn one frame after the first frame that shows the layers: precision circles, anchors, hatches. */
export function decorationLayerIds(layer: string): string[] {
  if (layer === CONFLICT_LAYER) return [];
  const ids = [`${layer}-precision`, `${layer}-anchor`];
  return styleOf(layer).kind === 'zone' ? [...ids, `${layer}-hatch`] : ids;
}

/** Map-layer ids drawn for a thematic layer, bottom to top. */
export function thematicLayerIds(layer: string): string[] {
  if (layer === CONFLICT_LAYER) return conflictLayerIds();
  return thematicLayers(layer, '', '', 1, true, null).map((spec) => spec.id);
}

/** Map-layer ids that answer clicks (the features themselves, not their precision circles). */
export function clickableLayerIds(layer: string): string[] {
  if (layer === CONFLICT_LAYER) return conflictClickableIds();
  const own = styleOf(layer).kind === 'zone' ? /^-(fill|hatch|points)(-|$)/ : /^-circle(-|$)/;
  return thematicLayerIds(layer).filter((id) => own.test(id.slice(layer.length)));
}

/**
 * Map layers of one thematic layer. Status: planned = dashed outline (hollow marker), superseded =
 * faded, withdrawn = grey hatch. Precision: every feature with a precision radius gets a dotted
 * circle of that radius around its anchor, and its own outline is blurred, so no text-derived
 * shape looks surveyed.
 */
export function thematicLayers(layer: string, source: string, precisionSource: string, opacity: number, visible: boolean, selectedId: string | null): LayerSpecification[] {
  if (layer === CONFLICT_LAYER) return conflictLayers(source, opacity, visible);
  const s = styleOf(layer);
  const visibility = visible ? 'visible' : 'none';
  const sel: ExpressionSpecification = ['==', ['get', 'id'], selectedId ?? '\u0000'];
  const layers: LayerSpecification[] = [
    {
      id: `${layer}-precision`,
      type: 'line',
      source: precisionSource,
      ...(s.kind === 'zone' ? { minzoom: PROVINCE_MAX_ZOOM } : {}),
      layout: { visibility },
      paint: { 'line-color': s.line, 'line-width': 1.2, 'line-dasharray': [1, 2], 'line-opacity': 0.8 * opacity },
    },
    {
      id: `${layer}-anchor`,
      type: 'circle',
      source: precisionSource,
      filter: ['==', ['geometry-type'], 'Point'],
      minzoom: 9,
      layout: { visibility },
      paint: { 'circle-radius': 2.5, 'circle-color': s.line, 'circle-opacity': opacity },
    },
  ];
  if (s.kind === 'zone') {
    // Planned zones are filled like current ones; withdrawn ones are hatched instead.
    const fills: Array<{ suffix: string; filter: ExpressionSpecification; fade: number }> = [
      { suffix: '-superseded', filter: isStatus('superseded'), fade: 0.35 },
      { suffix: '', filter: ['match', ['get', 'status'], ['withdrawn', 'superseded'], false, true], fade: 1 },
    ];
    for (const f of fills) {
      layers.push({
        id: `${layer}-fill${f.suffix}`,
        type: 'fill',
        source,
        filter: f.filter,
        layout: { visibility },
        paint: { 'fill-color': s.fill, 'fill-opacity': s.fillOpacity * opacity * f.fade },
      });
    }
    layers.push({
      id: `${layer}-hatch`,
      type: 'fill',
      source,
      filter: isStatus('withdrawn'),
      layout: { visibility },
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': opacity },
    });
    for (const g of STATUS_GROUPS) {
      if (g.suffix === '-planned') continue;
      for (const approx of [false, true]) {
        layers.push({
          id: `${layer}-line${g.suffix}${approx ? '-approx' : ''}`,
          type: 'line',
          source,
          filter: ['all', g.match, approx ? approximate : ['!', approximate]],
          layout: { visibility },
          paint: {
            'line-color': g.suffix === '-withdrawn' ? '#777777' : s.line,
            'line-width': s.lineWidth,
            'line-blur': approx ? 1.5 : 0,
            'line-opacity': opacity * g.fade,
          },
        });
      }
    }
    layers.push({
      id: `${layer}-line-planned`,
      type: 'line',
      source,
      filter: isStatus('planned'),
      layout: { visibility },
      paint: { 'line-color': s.line, 'line-width': s.lineWidth + 0.4, 'line-dasharray': [3, 2], 'line-opacity': opacity },
    });
    for (const g of STATUS_GROUPS) {
      // Markers of a zone layer: a site whose zones are not drawn yet, an imported point.
      layers.push({
        id: `${layer}-points${g.suffix}`,
        type: 'circle',
        source,
        filter: ['all', ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]], g.match],
        layout: { visibility },
        paint: {
          'circle-radius': 6,
          'circle-color': g.suffix === '-withdrawn' ? '#888888' : s.fill,
          'circle-opacity': opacity * g.markerFade,
          'circle-stroke-color': s.line,
          'circle-stroke-width': 2,
          'circle-stroke-opacity': opacity,
        },
      });
    }
    layers.push({
      id: `${layer}-selected`,
      type: 'line',
      source,
      filter: sel,
      layout: { visibility },
      paint: { 'line-color': '#000000', 'line-width': 4, 'line-opacity': 0.9 },
    });
  } else {
    for (const g of STATUS_GROUPS) {
      layers.push({
        id: `${layer}-circle${g.suffix}`,
        type: 'circle',
        source,
        filter: g.match,
        layout: { visibility },
        paint: {
          // Smaller at province scale, so that markers leave the place names and the parks' markers readable.
          'circle-radius': layer === 'qa' ? 5 : ['interpolate', ['linear'], ['zoom'], 5, 4, 9, 7],
          'circle-color': g.suffix === '-withdrawn' ? '#888888' : s.fill,
          'circle-opacity': opacity * g.markerFade,
          'circle-stroke-color': g.suffix === '-planned' ? s.fill : s.line,
          'circle-stroke-width': 2,
          'circle-stroke-opacity': opacity,
        },
      });
    }
    layers.push({
      id: `${layer}-selected`,
      type: 'circle',
      source,
      filter: sel,
      layout: { visibility },
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#000000', 'circle-stroke-width': 3 },
    });
  }
  layers.splice(layers.length - 1, 0, {
    id: `${layer}-label`,
    type: 'symbol',
    source,
    minzoom: s.kind === 'zone' ? 10 : 8,
    layout: {
      visibility,
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONTS,
      'text-size': 12,
      'text-offset': s.kind === 'zone' ? [0, 0] : [0, 1.1],
      'text-anchor': s.kind === 'zone' ? 'center' : 'top',
      'text-max-width': 10,
    },
    paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5, 'text-opacity': opacity },
  });
  return layers;
}
