import type { Feature, FeatureCollection } from 'geojson';
import { CATALOG_LAYER_IDS, QA_LAYER_ID } from '../../core/model/layer-registry';
import type { CatalogLayerId } from '../../core/model/layer-registry';
import type { LoadedLayer } from '../../core/model/catalog-feature';

/**
 * The catalog's files: bundled with Vite's `?url` and fetched at run time from the same origin. The
 * pipeline's `data/layers/<layer>.geojson` and its QA markers (`data/qa/markers.geojson`, the QA report joined
 * to the features by the pipeline) are used when they exist; until then the hand-made sample in `tests/fixtures/layers-sample/`. No schemas here, so the shell
 * can start fetching before the validation code has loaded.
 */
const PIPELINE_URLS = import.meta.glob<string>('../../../data/layers/*.geojson', { query: '?url', import: 'default', eager: true });
const QA_URLS = import.meta.glob<string>('../../../data/qa/markers.geojson', { query: '?url', import: 'default', eager: true });
const SAMPLE_URLS = import.meta.glob<string>('../../../tests/fixtures/layers-sample/*.geojson', { query: '?url', import: 'default', eager: true });

/** Which data set the app shows: the pipeline's when present. Switch to `'sample'` to force the sample. */
const DATA_SET: 'auto' | 'sample' = 'auto';

/** A fetched file's parsed JSON, or why it could not be had. */
export type Fetched = { ok: true; json: unknown } | { ok: false; error: unknown };

/** The catalog's files as requested, before validation. */
export interface CatalogFiles {
  /** Whether the hand-made sample (not pipeline output) is used. */
  sample: boolean;
  /** Every catalogued layer with its file (null when the data set has none). */
  layers: ReadonlyArray<{ id: CatalogLayerId; file: Promise<Fetched> | null }>;
}

function fetchJson(url: string): Promise<Fetched> {
  return fetch(url)
    .then(async (res): Promise<unknown> => {
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      return res.json();
    })
    .then(
      (json) => ({ ok: true as const, json }),
      (error: unknown) => ({ ok: false as const, error }),
    );
}

function urlFor(map: Record<string, string>, id: string): string | undefined {
  return Object.entries(map).find(([path]) => path.endsWith(`/${id}.geojson`))?.[1];
}

/** Starts fetching every catalogued layer, all at once. */
export function fetchCatalogFiles(): CatalogFiles {
  const usePipeline = DATA_SET === 'auto' && Object.keys(PIPELINE_URLS).length > 0;
  const urls = usePipeline ? PIPELINE_URLS : SAMPLE_URLS;
  return {
    sample: !usePipeline,
    layers: CATALOG_LAYER_IDS.map((id) => {
      const url = id === QA_LAYER_ID ? (usePipeline ? Object.values(QA_URLS)[0] : undefined) : urlFor(urls, id);
      return { id, file: url === undefined ? null : fetchJson(url) };
    }),
  };
}

/** A layer as a GeoJSON FeatureCollection for the map (properties flattened as the map expects). */
export function toFeatureCollection(layer: LoadedLayer): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: layer.features.map((f): Feature => ({ type: 'Feature', properties: { ...f.props }, geometry: f.geometry })),
  };
}
