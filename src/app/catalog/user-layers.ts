import type { Feature, FeatureCollection } from 'geojson';
import { viewerPropsSchema } from '../../core/model/catalog-feature';
import type { CatalogLoad, LoadedLayer, ViewerFeature } from '../../core/model/catalog-feature';
import { userLayerId } from '../../core/model/layer-registry';
import { applySupersessions } from '../../core/model/supersession';
import type { StoredLayer, Supersession } from '../../core/model/user-layer';

/**
 * The user's stored data joined to the catalog: imported layers become catalog layers (so the map, the
 * search, the attribute table and the conflict panel see them), and supersede records replace text-derived
 * shapes by surveyed ones (the model is in `core/model/supersession.ts`).
 */

/** Map analysis layer (MapApi.setAnalysisLayer) that shows superseded text-derived shapes on demand. */
export const SUPERSEDED_OVERLAY = 'superseded-shapes';

/**
 * A stored layer as a catalog layer. Every feature gets the layer's category and is validated
 * against the catalog's schema; invalid features are reported in `errors`, not shown.
 */
export function toLoadedLayer(layer: StoredLayer): LoadedLayer {
  const id = userLayerId(layer);
  const features: ViewerFeature[] = [];
  const errors: string[] = [];
  layer.features.forEach((f, i) => {
    const parsed = viewerPropsSchema.safeParse({ ...f.properties, category: layer.category });
    if (!parsed.success) {
      errors.push(`${layer.name} #${i}: ${parsed.error.issues[0]?.message ?? 'invalid properties'}`);
      return;
    }
    features.push({ id: parsed.data.id, geometry: f.geometry, props: parsed.data });
  });
  return { id, features, errors };
}

/** The base catalog with supersede records applied and the user's layers appended. */
export function mergeUserData(base: CatalogLoad, content: { layers: readonly StoredLayer[]; supersessions: readonly Supersession[] }): CatalogLoad {
  const { layers } = applySupersessions(base.layers, content.supersessions);
  return { ...base, layers: [...layers, ...content.layers.map(toLoadedLayer)] };
}

/** Superseded shapes to draw (records with `showPrevious`), dashed grey, for MapApi.setAnalysisLayer. */
export function supersededOverlay(records: readonly Supersession[]): FeatureCollection | null {
  const shown = records.filter((r) => r.showPrevious);
  if (shown.length === 0) return null;
  return {
    type: 'FeatureCollection',
    features: shown.map((r): Feature => ({
      type: 'Feature',
      properties: { id: `superseded:${r.featureId}`, stroke: '#555555', strokeWidth: 2, dashed: true, fill: '#888888', fillOpacity: 0.08 },
      geometry: r.previousGeometry,
    })),
  };
}
