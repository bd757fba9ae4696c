import type { MapApi } from '../../map/index';
import type { CatalogChange, CatalogState, CatalogStore } from '../../app/catalog/catalog-store';
import { toFeatureCollection } from '../../app/catalog/catalog-files';
import { SUPERSEDED_OVERLAY, supersededOverlay } from '../../app/catalog/user-layers';
import { userLayerId } from '../../core/model/layer-registry';

/**
 * Keeps the map in line with the catalog store: layer data, visibility and opacity, large imported layers
 * (MapLibre fetches their slim GeoJSON through a blob: URL; the page never parses it) and the superseded
 * shapes overlay. The map holds no state of its own about these; the store is the source.
 */
export class CatalogMapBinding {
  /** blob: URLs of large layers' map copies (key: store id) and overview images (key: store id + `#overview`). */
  private readonly blobUrls = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: CatalogStore,
    private readonly map: MapApi,
  ) {
    this.unsubscribe = store.subscribe((state, change) => this.apply(state, change));
    const state = store.get();
    const ids = state.layers.map((l) => l.id);
    if (ids.length > 0) this.apply(state, { data: ids, removed: [], visibility: ids, opacity: [], user: state.user.layers.length > 0 || state.user.supersessions.length > 0 });
  }

  /** Stops following the store and frees the blob: URLs. */
  dispose(): void {
    this.unsubscribe();
    for (const url of this.blobUrls.values()) URL.revokeObjectURL(url);
    this.blobUrls.clear();
  }

  private blobUrl(key: string, blob: Blob): string {
    let url = this.blobUrls.get(key);
    if (url === undefined) {
      url = URL.createObjectURL(blob);
      this.blobUrls.set(key, url);
    }
    return url;
  }

  private apply(state: CatalogState, change: CatalogChange): void {
    const map = this.map;
    for (const id of change.removed) {
      map.setLayerData(id, { type: 'FeatureCollection', features: [] });
      map.setLayerVisibility(id, false);
    }
    const large = new Map(state.user.layers.flatMap((s) => (s.large ? [[userLayerId(s), s] as const] : [])));
    const wanted = new Set(change.data);
    for (const l of state.layers) {
      if (!wanted.has(l.id)) continue;
      const big = large.get(l.id);
      if (big?.large) {
        const o = big.large.overview;
        map.setLayerUrl(l.id, this.blobUrl(big.id, big.large.map), o === undefined ? null : { url: this.blobUrl(`${big.id}#overview`, o.image), bounds: o.bounds });
      } else {
        map.setLayerData(l.id, toFeatureCollection(l));
      }
    }
    if (change.user) {
      for (const [key, url] of this.blobUrls) {
        const storeId = key.replace(/#overview$/, '');
        if (!state.user.layers.some((s) => s.id === storeId && s.large)) {
          URL.revokeObjectURL(url);
          this.blobUrls.delete(key);
        }
      }
    }
    const visible = new Set(change.visibility);
    if (change.user) for (const s of state.user.layers) visible.add(userLayerId(s));
    for (const id of visible) map.setLayerVisibility(id, state.visibility[id] !== false);
    for (const id of change.opacity) map.setLayerOpacity(id, state.opacity[id] ?? 1);
    if (change.user) map.setAnalysisLayer(SUPERSEDED_OVERLAY, supersededOverlay(state.user.supersessions));
  }
}
