import type { MapApi } from '../../map/map-api';
import type { CatalogFiles } from '../../app/catalog/catalog-files';
import type { CatalogState, CatalogStore } from '../../app/catalog/catalog-store';
import type { StoreContent } from '../../app/catalog/user-layer-store';
import type { CatalogLoad } from '../../core/model/catalog-feature';
import type { Panel } from '../state/url-state';
import type { PrintSource } from '../print-view/print-view.component';

/** What the shell loads on demand: panels' code, the catalog runtime, and the print sheet's sources. */

/**
 * Panels whose components load on first use, so the first paint does not wait for their code
 * (the startup budget in tests/bench/perf).
 */
const LAZY_PANELS: Partial<Record<Panel, () => Promise<unknown>>> = {
  conflicts: () => import('../conflict-panel/conflict-panel.component'),
  radar: () => import('../radar-panel/radar-panel.component'),
  public: () => import('../public-mode/public-mode.component'),
};

/** Loads a panel's component if it is lazy; a failure is logged and the panel stays empty. */
export function loadPanel(panel: Panel): Promise<void> {
  const load = LAZY_PANELS[panel];
  if (!load) return Promise.resolve();
  return load().then(
    () => undefined,
    (error: unknown) => console.error(`panel ${panel} failed to load`, error),
  );
}

/**
 * The components inside the shell. Their code loads once the map has drawn its layers, so the map starts first;
 * Lit upgrades their elements in place when it arrives. A failure is logged and the components stay empty.
 */
export function loadComponents(): Promise<void> {
  return Promise.all([
    import('../layer-panel/layer-panel.component'),
    import('../search/search.component'),
    import('../coord-readout/coord-readout.component'),
    import('../inspector/inspector.component'),
    import('../measure-tool/measure-tool.component'),
    import('../attribute-table/attribute-table.component'),
    import('../import-panel/import-panel.component'),
    import('../notice-panel/notice-panel.component'),
    import('./shell-tools-view'),
    import('../park-draw/park-draw.component'),
  ]).then(
    () => undefined,
    (error: unknown) => console.error('components failed to load', error),
  );
}

/** When the panels' code loads if the map has not shown its layers by then (ms after the map was created). */
export const COMPONENTS_AT_LATEST_MS = 5000;

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

/** The catalog as loaded, with its store, ready to be bound to the map. */
export interface CatalogRuntime {
  load: CatalogLoad;
  store: CatalogStore;
  /** Makes the map follow the store. */
  bind(map: MapApi): void;
  /** Reads the user's stored layers and supersede records (empty when the browser's store is unavailable). */
  readUserContent(): Promise<StoreContent>;
  /** Stops the map binding. */
  dispose(): void;
}

/**
 * Loads the catalog's code (schemas, store, map binding) and validates the files. Rejects only when that
 * code cannot be loaded (the shell then says so).
 */
export async function loadCatalogRuntime(files: CatalogFiles): Promise<CatalogRuntime> {
  const m = await import('./catalog-runtime');
  const load = await m.loadCatalog(files);
  const store = new m.CatalogStore();
  let binding: InstanceType<typeof m.CatalogMapBinding> | null = null;
  return {
    load,
    store,
    bind: (map) => {
      binding ??= new m.CatalogMapBinding(store, map);
    },
    readUserContent: () => m.readUserContent(),
    dispose: () => binding?.dispose(),
  };
}

/** The documents behind the visible layers, for the print sheet's source list. */
export function printSources(catalog: CatalogState | null): PrintSource[] {
  const seen = new Map<string, PrintSource>();
  for (const l of catalog?.layers ?? []) {
    if (catalog?.visibility[l.id] === false) continue;
    for (const f of l.features) {
      const p = f.props;
      if (p.docNumber && !seen.has(p.docNumber)) seen.set(p.docNumber, { docNumber: p.docNumber, issuer: p.issuer, date: p.docDate, file: p.source?.file ?? null });
    }
  }
  return [...seen.values()].sort((a, b) => a.docNumber.localeCompare(b.docNumber, 'zh-CN'));
}
