import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { MessageKey as StringKey } from '../../i18n/localize';
import type { LoadedLayer } from './layer-catalog';

/**
 * What the shell needs of the catalog before the schemas are loaded: the layer list and labels, the
 * ids of the user's imported layers, the fetching of the layer files, and plain GeoJSON helpers.
 * Validation lives in `layer-catalog.ts`, which re-exports all of this.
 *
 * Files are bundled with Vite's `?url` and fetched at run time from the same origin. The pipeline's
 * `data/layers/<layer>.geojson` are used when they exist; until then the hand-made sample in
 * `tests/fixtures/layers-sample/`.
 */
const PIPELINE_URLS = import.meta.glob<string>('../../../data/layers/*.geojson', { query: '?url', import: 'default', eager: true });
const SAMPLE_URLS = import.meta.glob<string>('../../../tests/fixtures/layers-sample/*.geojson', { query: '?url', import: 'default', eager: true });
const QA_URLS = import.meta.glob<string>('../../../data/qa/report.json', { query: '?url', import: 'default', eager: true });

/** Which data set the app shows: the pipeline's when present. Switch to `'sample'` to force the sample. */
const DATA_SET: 'auto' | 'sample' = 'auto';

/** Thematic layers, bottom-to-top in the legend order. */
export const CATALOG = [
  { id: 'chemical-park', label: 'layerChemicalPark' },
  { id: 'land-acquisition', label: 'layerLandAcquisition' },
  { id: 'relic-protection', label: 'layerRelicProtection' },
  { id: 'relic-control', label: 'layerRelicControl' },
  { id: 'meteo-site', label: 'layerMeteoSite' },
  { id: 'qa', label: 'layerQa' },
] as const satisfies ReadonlyArray<{ id: string; label: StringKey }>;

/** Id of a catalogued layer. */
export type CatalogLayerId = (typeof CATALOG)[number]['id'];

/** i18n key of a layer's name (imported layers share one). */
export function layerLabel(id: string): StringKey {
  return CATALOG.find((c) => c.id === id)?.label ?? 'layerImported';
}

/** Prefix of the map / catalog ids of imported layers: `imported:<category>:<store id>`. */
export const USER_LAYER_PREFIX = 'imported:';

/** Whether a catalog layer id is one of the user's imported layers. */
export function isUserLayerId(id: string): boolean {
  return id.startsWith(USER_LAYER_PREFIX);
}

/** A fetched file's parsed JSON, or why it could not be had. */
export type Fetched = { ok: true; json: unknown } | { ok: false; error: unknown };

/** The catalog's files as requested, before validation. */
export interface CatalogFiles {
  /** Whether the hand-made sample (not pipeline output) is used. */
  sample: boolean;
  /** Every catalogued layer but `qa`, with its file (null when the data set has none). */
  layers: ReadonlyArray<{ id: CatalogLayerId; file: Promise<Fetched> | null }>;
  /** The QA report (null without one). */
  qa: Promise<Fetched> | null;
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

/** Starts fetching every catalogued layer and the QA report, all at once. */
export function fetchCatalogFiles(): CatalogFiles {
  const usePipeline = DATA_SET === 'auto' && Object.keys(PIPELINE_URLS).length > 0;
  const urls = usePipeline ? PIPELINE_URLS : SAMPLE_URLS;
  const qaUrl = usePipeline ? Object.values(QA_URLS)[0] : undefined;
  return {
    sample: !usePipeline,
    layers: CATALOG.filter((c) => c.id !== 'qa').map(({ id }) => {
      const url = urlFor(urls, id);
      return { id, file: url === undefined ? null : fetchJson(url) };
    }),
    qa: qaUrl === undefined ? null : fetchJson(qaUrl),
  };
}

/** A layer as a GeoJSON FeatureCollection for the map (properties flattened as the map expects). */
export function toFeatureCollection(layer: LoadedLayer): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: layer.features.map((f): Feature => ({ type: 'Feature', properties: { ...f.props }, geometry: f.geometry })),
  };
}

/** Bounding box [w, s, e, n] of a geometry. */
export function bboxOf(g: Geometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) {
      for (const x of c) visit(x);
    }
  };
  if (g.type !== 'GeometryCollection') visit(g.coordinates);
  return [w, s, e, n];
}
