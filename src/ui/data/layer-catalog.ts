/**
 * Compatibility re-exports for views not yet moved to `src/app/catalog` (the import and radar panels):
 * the catalog's model is in `core/model/catalog-feature.ts`, loading in `app/catalog/`. Remove when no
 * view imports this file.
 */
export { viewerPropsSchema } from '../../core/model/catalog-feature';
export type { CatalogLoad, LoadedLayer, ViewerFeature, ViewerProps } from '../../core/model/catalog-feature';
export { bboxOf } from '../../core/geo/bbox';
export { parseLayer } from '../../app/catalog/catalog-load';
export { toFeatureCollection } from '../../app/catalog/catalog-files';
export { layerLabel } from '../layer-label';
