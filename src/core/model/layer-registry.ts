import type { LayerId } from './feature-props';

/**
 * Layer identity in one place: the layers of the catalog (the pipeline's layers and the QA markers), their
 * legend order, their drawing order on the map, which are hidden by default, and the ids of the user's
 * imported layers. The map's styles and the UI's labels are keyed by {@link CatalogLayerId}, so a layer added
 * here without a style or a label is a type error.
 */

/**
 * Layers the pipeline builds (every product layer of `LAYER_IDS` in feature-props.ts but the user's imported
 * ones). Written out rather than derived so that this module stays free of zod (the shell starts with it).
 */
export const PIPELINE_LAYER_IDS = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'] as const satisfies ReadonlyArray<Exclude<LayerId, 'imported'>>;

/** Id of the layer of QA markers (one per parsed record with findings; written by the pipeline). */
export const QA_LAYER_ID = 'qa' as const;

/** Every layer of the catalog, bottom-to-top in legend order: the pipeline's layers, then the QA markers. */
export const CATALOG_LAYER_IDS = [...PIPELINE_LAYER_IDS, QA_LAYER_ID] as const;
/** One of {@link CATALOG_LAYER_IDS}. */
export type CatalogLayerId = (typeof CATALOG_LAYER_IDS)[number];

/** Bottom-to-top drawing order on the map; layers not listed go on top in the order they arrive. */
export const DRAW_ORDER: readonly string[] = ['relic-control', 'chemical-park', 'relic-protection', 'land-acquisition', 'meteo-site', 'imported', QA_LAYER_ID];

/** Layers hidden unless the URL asks for them (the QA markers would crowd the public's view). */
export const HIDDEN_BY_DEFAULT: readonly string[] = [QA_LAYER_ID];

/** Whether `id` is a catalog layer id. */
export function isCatalogLayerId(id: string): id is CatalogLayerId {
  return (CATALOG_LAYER_IDS as readonly string[]).includes(id);
}

/** Prefix of the map / catalog ids of imported layers: `imported:<category>:<store id>`. */
export const USER_LAYER_PREFIX = 'imported:';

/** Whether a catalog layer id is one of the user's imported layers. */
export function isUserLayerId(id: string): boolean {
  return id.startsWith(USER_LAYER_PREFIX);
}

/** Catalog / map layer id of a stored layer; the map styles it by the category inside the id. */
export function userLayerId(layer: { id: string; category: string }): string {
  return `${USER_LAYER_PREFIX}${layer.category}:${layer.id}`;
}

/** Store id inside a catalog id made by {@link userLayerId}. */
export function storeIdOf(catalogId: string): string | null {
  if (!isUserLayerId(catalogId)) return null;
  return catalogId.slice(catalogId.lastIndexOf(':') + 1) || null;
}
