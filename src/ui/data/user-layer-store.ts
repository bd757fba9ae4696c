/**
 * Compatibility re-exports for the import panel: the store of the user's layers is in
 * `app/catalog/user-layer-store.ts`, its schemas in `core/model/user-layer.ts`. Remove when no view imports this file.
 */
export * from '../../app/catalog/user-layer-store';
