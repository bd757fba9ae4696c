import type { MapApi } from '../../map/index';
import type { CatalogLoad } from '../data/layer-catalog';
import { toFeatureCollection } from '../data/layer-catalog';
import { UserLayerStore } from '../data/user-layer-store';
import type { StoreContent } from '../data/user-layer-store';
import { SUPERSEDED_OVERLAY, isUserLayerId, mergeUserData, supersededOverlay, userLayerId } from '../data/user-layers';

/**
 * The shell's side of the user's data: reads the store once at start, and after every change
 * (the import panel's `user-data-changed`) merges it into the catalog and updates the map: new
 * and changed imported layers drawn, removed ones emptied and hidden, superseded shapes replaced.
 */

/**
 * blob: URLs of the slim map copies of large layers (key: store id) and of their overview images
 * (key: store id + `#overview`); a stored layer's blobs never change.
 */
const largeUrls = new Map<string, string>();

/** The blob: URL MapLibre loads a large layer from (made once per stored layer). */
export function largeMapUrl(storeId: string, blob: Blob): string {
  return blobUrl(storeId, blob);
}

function blobUrl(key: string, blob: Blob): string {
  let url = largeUrls.get(key);
  if (url === undefined) {
    url = URL.createObjectURL(blob);
    largeUrls.set(key, url);
  }
  return url;
}

/** Nothing stored. */
export const EMPTY_USER_CONTENT: StoreContent = { layers: [], supersessions: [], skipped: [] };

/** Reads the stored layers and supersede records; an unavailable store gives empty content. */
export async function loadUserContent(store: UserLayerStore = new UserLayerStore()): Promise<StoreContent> {
  const r = await store.readAll();
  if (!r.ok) {
    console.warn('user data unavailable:', r.message);
    return EMPTY_USER_CONTENT;
  }
  return r.content;
}

/**
 * Merges `content` into the base catalog and brings the map in line with the result. Returns the
 * new catalog and visibility (imported layers take the visibility stored with them).
 */
export function syncUserData(
  map: MapApi,
  base: CatalogLoad,
  previous: CatalogLoad,
  content: StoreContent,
  visibility: Readonly<Record<string, boolean>>,
): { catalog: CatalogLoad; visibility: Record<string, boolean> } {
  const next = mergeUserData(base, content);
  const vis: Record<string, boolean> = { ...visibility };
  const prevById = new Map(previous.layers.map((l) => [l.id, l]));
  const nextIds = new Set(next.layers.map((l) => l.id));
  for (const l of previous.layers) {
    if (isUserLayerId(l.id) && !nextIds.has(l.id)) {
      map.setLayerData(l.id, { type: 'FeatureCollection', features: [] });
      map.setLayerVisibility(l.id, false);
      delete vis[l.id];
    }
  }
  const large = new Map(content.layers.flatMap((s) => (s.large ? [[userLayerId(s), s] as const] : [])));
  for (const l of next.layers) {
    const big = large.get(l.id);
    // Large layers: MapLibre fetches the stored slim GeoJSON through a blob: URL; the page never parses it.
    if (big?.large) {
      const o = big.large.overview;
      map.setLayerUrl(l.id, largeMapUrl(big.id, big.large.map), o === undefined ? null : { url: blobUrl(`${big.id}#overview`, o.image), bounds: o.bounds });
    }
    else if (prevById.get(l.id) !== l || isUserLayerId(l.id)) map.setLayerData(l.id, toFeatureCollection(l));
  }
  for (const [key, url] of largeUrls) {
    const storeId = key.replace(/#overview$/, '');
    if (!content.layers.some((s) => s.id === storeId && s.large)) {
      URL.revokeObjectURL(url);
      largeUrls.delete(key);
    }
  }
  for (const stored of content.layers) {
    const id = userLayerId(stored);
    vis[id] = stored.visible;
    map.setLayerVisibility(id, stored.visible);
  }
  map.setAnalysisLayer(SUPERSEDED_OVERLAY, supersededOverlay(content.supersessions));
  return { catalog: next, visibility: vis };
}
