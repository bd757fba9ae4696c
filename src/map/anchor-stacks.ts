import type { Feature, FeatureCollection } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { sharedAnchorGroups } from '../core/geo/shared-anchors';
import { anchoredFeature } from '../core/geo/shared-anchor-note';
import { DRAW_ORDER } from '../core/model/layer-registry';
import { LABEL_FONTS } from './basemap-fonts';
import { PROVINCE_MAX_ZOOM, styleOf } from './thematic-style';

/**
 * Honest stacking on the map: features of different sites placed at one approximate anchor are drawn as ONE
 * marker with the number of sites, not as rings on top of each other; a click on it yields every feature of
 * the stack (the shell then opens its chooser). Below {@link PROVINCE_MAX_ZOOM} every text-derived zone is also
 * drawn as a marker at its anchor (zones are sub-pixel there), in place of its precision ring.
 */

/** Source of the stack markers. */
export const STACK_SOURCE = 'anchor-stacks';
/** Map layers of the stack markers, bottom to top. */
export const STACK_LAYER_IDS = ['anchor-stacks-single', 'anchor-stacks-marker', 'anchor-stacks-names', 'anchor-stacks-count'] as const;
/** Basemap label layers lifted above the thematic markers, so that no marker hides a place name. */
const LABEL_LAYERS = ['places-label', 'county-label'];

/** One thematic layer as the stacks read it. */
export interface StackInput {
  layer: string;
  data: FeatureCollection | string;
  visible: boolean;
}

/** A stack drawn on screen (for tests and the text alternative). */
export interface RenderedStack {
  lon: number;
  lat: number;
  /** Number of distinct sites at the position (1: a zone's marker at province scale). */
  count: number;
  /** Features of the stack, `[layer, id]`. */
  members: Array<[string, string]>;
}

const MARKER_LAYERS = [STACK_LAYER_IDS[0], STACK_LAYER_IDS[1]];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface Candidate {
  layer: string;
  id: string;
  name: string;
  recordId: string | null;
  anchor: { lon: number; lat: number; name?: string };
  precisionM: number;
}

function candidateOf(layer: string, f: Feature): Candidate | null {
  const p = f.properties ?? {};
  const a: unknown = p['anchor'];
  const id: unknown = p['id'];
  const precisionM: unknown = p['precisionM'];
  if (typeof id !== 'string' || typeof precisionM !== 'number' || !(precisionM > 0)) return null;
  if (!a || typeof a !== 'object' || !('lon' in a) || !('lat' in a) || typeof a.lon !== 'number' || typeof a.lat !== 'number') return null;
  const name = typeof p['name'] === 'string' ? p['name'] : id;
  const recordId = typeof p['recordId'] === 'string' ? p['recordId'] : null;
  return { layer, id, name, recordId, anchor: { lon: a.lon, lat: a.lat }, precisionM };
}

/**
 * The stack markers of the visible layers (the QA markers and URL-fed large layers left out): one point per
 * position shared by two or more sites (`count` = sites), and one per other zone anchor (`count` 1, drawn only
 * below {@link PROVINCE_MAX_ZOOM}). `layer` colours the marker: the layer of most of the stack's features (the topmost on a tie).
 */
export function stackFeatures(inputs: Iterable<StackInput>): FeatureCollection {
  const candidates: Candidate[] = [];
  for (const { layer, data, visible } of inputs) {
    if (!visible || typeof data === 'string' || layer === 'qa' || layer.startsWith('conflict')) continue;
    for (const f of data.features) {
      const c = candidateOf(layer, f);
      if (c) candidates.push(c);
    }
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const groups = sharedAnchorGroups(candidates.map((c) => anchoredFeature({ id: c.id, props: c })));
  const stacked = new Set(groups.flatMap((g) => g.featureIds));
  const out: Feature[] = [];
  const push = (lon: number, lat: number, count: number, ids: readonly string[], names: readonly string[]): void => {
    const members = ids.map((id): [string, string] => [byId.get(id)?.layer ?? '', id]);
    const tally = new Map<string, number>();
    for (const [l] of members) tally.set(l, (tally.get(l) ?? 0) + 1);
    // Most features first; on a tie the layer drawn on top (a relic site's protection range, not its control zone).
    const rank = (l: string): number => DRAW_ORDER.indexOf(l);
    const layer = [...tally].sort((a, b) => b[1] - a[1] || rank(b[0]) - rank(a[0]))[0]?.[0] ?? '';
    out.push({
      type: 'Feature',
      properties: { key: `${lon.toFixed(6)},${lat.toFixed(6)}`, count, layer, color: styleOf(layer).fill, stroke: styleOf(layer).line, members: JSON.stringify(members), names: names.join('、') },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
  };
  for (const g of groups) push(g.lon, g.lat, g.sites.length, g.featureIds, g.sites);
  // One marker per site of a zone layer elsewhere (its protection and control zones are one site).
  const singles = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (stacked.has(c.id) || styleOf(c.layer).kind !== 'zone') continue;
    const site = `${c.anchor.lon.toFixed(6)},${c.anchor.lat.toFixed(6)}|${c.recordId ?? c.id}`;
    singles.set(site, [...(singles.get(site) ?? []), c]);
  }
  for (const members of singles.values()) {
    const first = members[0]!;
    push(first.anchor.lon, first.anchor.lat, 1, members.map((m) => m.id).sort(), []);
  }
  return { type: 'FeatureCollection', features: out };
}

const isStack: ExpressionSpecification = ['>', ['get', 'count'], 1];

/** Map layers of the markers: one zone's marker (province scale only), a stack's marker, a stack's count. */
export function stackLayers(): LayerSpecification[] {
  return [
    {
      id: STACK_LAYER_IDS[0],
      type: 'circle',
      source: STACK_SOURCE,
      filter: ['!', isStack],
      maxzoom: PROVINCE_MAX_ZOOM,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4, 8, 5.5],
        'circle-color': ['get', 'color'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: STACK_LAYER_IDS[1],
      type: 'circle',
      source: STACK_SOURCE,
      filter: isStack,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 8, 10, 11],
        'circle-color': ['get', 'color'],
        'circle-opacity': 0.92,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      // The sites' names under a stack, from zone scale: placed before the zones' own labels, which then give way.
      id: STACK_LAYER_IDS[2],
      type: 'symbol',
      source: STACK_SOURCE,
      filter: isStack,
      minzoom: 10,
      layout: { 'text-field': ['get', 'names'], 'text-font': LABEL_FONTS, 'text-size': 12, 'text-offset': [0, 1.3], 'text-anchor': 'top', 'text-max-width': 12 },
      paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: STACK_LAYER_IDS[3],
      type: 'symbol',
      source: STACK_SOURCE,
      filter: isStack,
      layout: {
        'text-field': ['to-string', ['get', 'count']],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 11, 10, 14],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#000000', 'text-halo-width': 0.8 },
    },
  ];
}

/** The stack markers of one map: their data follows the thematic layers, their layers go on top of them. */
export class AnchorStacks {
  private inputs: StackInput[] = [];
  private data: FeatureCollection = EMPTY;

  /** Recomputes the markers when a layer's data or visibility changed; updates the source when installed. */
  refresh(map: MaplibreMap | null, inputs: Iterable<StackInput>): void {
    const next = [...inputs].map((i) => ({ ...i }));
    const same = next.length === this.inputs.length && next.every((n, k) => n.layer === this.inputs[k]?.layer && n.data === this.inputs[k]?.data && n.visible === this.inputs[k]?.visible);
    if (same) return;
    this.inputs = next;
    this.data = stackFeatures(next);
    (map?.getSource(STACK_SOURCE) as GeoJSONSource | undefined)?.setData(this.data);
    if (map) this.filterLabels(map);
  }

  /**
   * Leaves out the own labels of stacked features (`<layer>-label`): they would collide and name one site of the
   * stack; the stack's label names them all.
   */
  private filterLabels(map: MaplibreMap): void {
    const stacked = this.data.features.filter((f) => Number(f.properties?.['count']) > 1).flatMap((f) => membersOf(f.properties?.['members']));
    for (const { layer } of this.inputs) {
      const id = `${layer}-label`;
      if (!map.getLayer(id)) continue;
      const ids = stacked.filter(([l]) => l === layer).map(([, fid]) => fid);
      map.setFilter(id, ids.length === 0 ? null : ['!', ['in', ['get', 'id'], ['literal', ids]]]);
    }
  }

  /** (Re)adds the stack layers on top of what is installed, with the place names above them. */
  install(map: MaplibreMap, inputs: Iterable<StackInput>): void {
    this.refresh(null, inputs);
    const source = map.getSource(STACK_SOURCE) as GeoJSONSource | undefined;
    if (source) source.setData(this.data);
    else map.addSource(STACK_SOURCE, { type: 'geojson', data: this.data });
    for (const id of STACK_LAYER_IDS) if (map.getLayer(id)) map.removeLayer(id);
    for (const spec of stackLayers()) map.addLayer(spec);
    this.filterLabels(map);
    for (const id of LABEL_LAYERS) if (map.getLayer(id)) map.moveLayer(id);
  }

  /** Features of the stacks within a screen box (CSS pixels), `{ layer, id }`. */
  hitsAt(map: MaplibreMap, box: [[number, number], [number, number]]): Array<{ layer: string; id: string }> {
    const layers = MARKER_LAYERS.filter((id) => map.getLayer(id));
    if (layers.length === 0) return [];
    return map.queryRenderedFeatures(box, { layers }).flatMap((f) => membersOf(f.properties['members']).map(([layer, id]) => ({ layer, id })));
  }

  /** The stacks drawn on screen, one per position. */
  rendered(map: MaplibreMap): RenderedStack[] {
    const layers = MARKER_LAYERS.filter((id) => map.getLayer(id));
    if (layers.length === 0) return [];
    const seen = new Map<string, RenderedStack>();
    for (const f of map.queryRenderedFeatures({ layers })) {
      const key = String(f.properties['key']);
      const [lon, lat] = key.split(',').map(Number);
      if (!seen.has(key)) seen.set(key, { lon: lon ?? 0, lat: lat ?? 0, count: Number(f.properties['count']), members: membersOf(f.properties['members']) });
    }
    return [...seen.values()];
  }
}

function membersOf(value: unknown): Array<[string, string]> {
  if (typeof value !== 'string') return [];
  const parsed: unknown = JSON.parse(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((m): m is [string, string] => Array.isArray(m) && typeof m[0] === 'string' && typeof m[1] === 'string');
}
