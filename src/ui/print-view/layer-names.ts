import type { Lang } from '../../map/map-api';
import { isCatalogLayerId, userLayerId } from '../../core/model/layer-registry';
import { t } from '../../i18n/localize';
import { layerLabel } from '../layer-label';

/** What names an imported layer: its store id, category and the name the user gave it. */
export interface NamedLayer {
  readonly id: string;
  readonly category: string;
  readonly name: string;
}

/** Turns a layer id into the name a reader knows. */
export type LayerNamer = (layerId: string) => string;

/**
 * Names layers for printed pages and reports: a catalog layer by its label, an imported layer by
 * the name the user gave it, never by its internal id. Engine input layers are named
 * `<layer id>.geojson` (see `toInputLayers`); that suffix is understood. A name the namer does not
 * know (a layer given to the engine under its own file name) is returned as given.
 */
export function layerNamer(imported: readonly NamedLayer[], lang: Lang): LayerNamer {
  const names = new Map<string, string>();
  for (const l of imported) names.set(userLayerId(l), l.name);
  return (layerId: string): string => {
    const id = layerId.endsWith('.geojson') ? layerId.slice(0, -'.geojson'.length) : layerId;
    if (isCatalogLayerId(id)) return t(layerLabel(id), lang);
    return names.get(id) ?? layerId;
  };
}
