import type { Map as MaplibreMap } from 'maplibre-gl';
import type { AnchorStacks } from './anchor-stacks';
import { clickableLayerIds } from './thematic-style';

/**
 * Features under the screen point (x, y) within 4 px: every feature of a stack marker there first, then the clickable
 * features of the visible thematic `layers`, each feature once.
 */
export function featuresAt(map: MaplibreMap, layers: readonly string[], stacks: AnchorStacks, x: number, y: number): Array<{ layer: string; id: string }> {
  const owner = new Map<string, string>();
  for (const layer of layers) {
    for (const id of clickableLayerIds(layer)) if (map.getLayer(id)) owner.set(id, layer);
  }
  if (owner.size === 0) return [];
  const box: [[number, number], [number, number]] = [
    [x - 4, y - 4],
    [x + 4, y + 4],
  ];
  const hits = map.queryRenderedFeatures(box, { layers: [...owner.keys()] });
  const out = stacks.hitsAt(map, box);
  const seen = new Set<string>(out.map((h) => h.id));
  for (const h of hits) {
    const id = String(h.properties['id'] ?? '');
    const layer = owner.get(h.layer.id);
    if (!layer || id === '' || seen.has(id)) continue;
    seen.add(id);
    out.push({ layer, id });
  }
  return out;
}

/** Names of the place labels drawn on screen, in `lang` where a translation exists, sorted and unique. */
export function placeLabels(map: MaplibreMap, lang: 'zh-CN' | 'en'): string[] {
  if (!map.getLayer('places-label')) return [];
  const names = map
    .queryRenderedFeatures({ layers: ['places-label'] })
    .map((f) => String((lang === 'en' ? f.properties['nameEn'] : undefined) ?? f.properties['name'] ?? ''));
  return [...new Set(names)].filter((n) => n.length > 0).sort();
}

/** Ids of the features of `layers` drawn on screen, sorted and unique. */
export function renderedIds(map: MaplibreMap, layers: readonly string[]): string[] {
  const ids = layers.flatMap(clickableLayerIds).filter((id) => map.getLayer(id));
  if (ids.length === 0) return [];
  const found = map.queryRenderedFeatures({ layers: ids }).map((f) => String(f.properties['id'] ?? ''));
  return [...new Set(found)].filter((id) => id !== '').sort();
}
