/**
 * What the shell loads on demand to show the catalog: validation (zod), the store, its binding to the map and
 * the reader of the user's stored data. One chunk, fetched while the map loads its basemap.
 */
export { loadCatalog } from '../../app/catalog/catalog-load';
export { CatalogStore } from '../../app/catalog/catalog-store';
export { readUserContent } from '../../app/catalog/user-layer-store';
export { CatalogMapBinding } from './catalog-map-binding';
