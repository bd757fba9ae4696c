import type { Feature, Geometry } from 'geojson';
import { acceptPreview, applyFixes, exportLayer, importFile, type ExportFormat, type ExportResult, type FixId, type ImportFailure, type ImportPreview, type XmlParser } from '../io/index';
import type { InputLayer } from '../conflicts/check-conflicts';
import { checkCompliance, type ComplianceCheckResult } from '../compliance/compliance-check';
import { complianceRuleSet, type ComplianceRuleReason } from '../compliance/compliance-rules';
import { renderOverview, type OverviewCanvasFactory, type OverviewImage, type OverviewStyle } from '../raster/overview-raster';

/**
 * The import job of one file, whatever its size, as it runs in the import worker: the file is read,
 * previewed, fixed and accepted there, and the features stay there. The page gets the preview (with the
 * features only when it asks for them, to draw a small file's outline) and, on accept, either the features
 * (a small layer, stored inline) or two Blobs (a large layer: the data and a slim copy for the map). The
 * accepted features are held for the same layer's overview image and compliance check, which otherwise
 * read the stored Blob. Every function returns a value; none throws on bad data.
 */

/** What the user chose before the preview is (re)built. */
export interface ImportJobOptions {
  /** Force the source CRS (an EPSG code of the registry, 4326 or 3857). */
  readonly forceEpsg?: number;
  /** Zone of unprefixed Gauss-Krüger eastings. */
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  /** The user says the lon/lat are GCJ-02 or BD-09. */
  readonly sourceDatum?: 'gcj02' | 'bd09';
}

/** Options of an export (the union of the core exporters' options that the app sets). */
export interface ExportJobOptions {
  readonly name?: string;
  /** Coordinate tables: zone and width. */
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  /** Shapefile: target EPSG (4490 or a CGCS2000 Gauss-Krüger code). */
  readonly epsg?: number;
  /** GeoJSON: add the legacy `crs` member naming EPSG:4490. */
  readonly legacyCrs?: boolean;
}

/** Stages of a job; `done`/`total` count features within a stage when known. */
export type ImportStage = 'reading' | 'parsing' | 'validating' | 'writing' | 'checking' | 'done';

/** Progress listener of a job. */
export type ImportProgress = (stage: ImportStage, done: number, total: number) => void;

/** Features per serialised chunk (and per progress message) of a large layer. */
export const CHUNK_FEATURES = 5_000;
/** Issues passed back in a preview without features (the page lists 50; counts stay exact in `errorCount`). */
export const MAX_ISSUES = 1_000;

/** The preview the page sees, and the number of its error-level problems. */
export type PreviewOutcome = { readonly ok: true; readonly preview: ImportPreview; readonly errorCount: number } | ImportFailure;

/** The two blobs and the figures of an accepted large layer. */
export interface LargeLayerData {
  /** FeatureCollection of the accepted features (all properties), UTF-8 JSON. */
  readonly data: Blob;
  /** FeatureCollection with `id`, `name`, `status`, `precisionM` only, for the map. */
  readonly map: Blob;
  readonly featureCount: number;
  /** [w, s, e, n] in lon/lat; null when empty. */
  readonly bbox: readonly [number, number, number, number] | null;
  /** Prefix of the feature ids (`<prefix>-1` …). */
  readonly idPrefix: string;
}

/** How an accepted layer is handed back: its features (stored inline) or as Blobs. */
export type AcceptStorage = 'inline' | 'blobs';

/** Reason codes of the job's own failures. */
export const IMPORT_JOB_REASONS = {
  nothingPreviewed: 'import-nothing-previewed',
  storedNotCollection: 'import-stored-not-collection',
} as const;

/** Outcome of {@link ImportService.accept}. */
export type AcceptOutcome =
  | { readonly ok: true; readonly storage: 'inline'; readonly features: Array<Feature<Geometry, Record<string, unknown>>> }
  | { readonly ok: true; readonly storage: 'blobs'; readonly layer: LargeLayerData }
  | { readonly ok: false; readonly reason: string; readonly errorCount: number; readonly detail: string };

/** A layer's features for a check or an export: given, or in a stored Blob (held ones are used when the prefix matches). */
export type LayerSource =
  | { readonly kind: 'features'; readonly features: ReadonlyArray<Feature<Geometry | null, Record<string, unknown> | null>> }
  | { readonly kind: 'stored'; readonly data: Blob; readonly idPrefix: string };

/** Input of {@link ImportService.check}. */
export interface CheckJob {
  readonly layerName: string;
  readonly category: string;
  readonly source: LayerSource;
  readonly others: readonly InputLayer[];
  /** The bundled rule set as loaded (compliance rules are derived from it in the worker). */
  readonly rules: unknown;
  /** ISO time written into the report. */
  readonly time: string;
  readonly hashLayers: boolean;
  readonly maxFindings?: number;
}

/** Outcome of {@link ImportService.check}: the check, or why its rules could not be had. */
export type CheckOutcome =
  | (Extract<ComplianceCheckResult, { ok: true }> & { readonly derivedRules: readonly string[] })
  | Extract<ComplianceCheckResult, { ok: false }>
  | { readonly ok: false; readonly reason: ComplianceRuleReason | (typeof IMPORT_JOB_REASONS)['storedNotCollection']; readonly detail: string };

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** What a worker needs to provide: KML parsing and a canvas to encode overview PNGs. */
export interface ImportServiceHost {
  readonly xmlParser?: XmlParser;
  readonly createCanvas: OverviewCanvasFactory;
}

function slim(preview: ImportPreview, withFeatures: boolean): ImportPreview {
  if (withFeatures) return preview;
  return {
    ...preview,
    features: [],
    vertexSources: [],
    warnings: preview.warnings.slice(0, MAX_ISSUES),
    problems: preview.problems.slice(0, MAX_ISSUES),
    statedAreas: preview.statedAreas.slice(0, MAX_ISSUES),
  };
}

function outcome(preview: ImportPreview, withFeatures: boolean): PreviewOutcome {
  return { ok: true, preview: slim(preview, withFeatures), errorCount: preview.problems.filter((p) => p.severity === 'error').length };
}

async function readFeatures(data: Blob): Promise<AnyFeature[] | null> {
  let fc: { features?: unknown };
  try {
    fc = JSON.parse(await data.text()) as { features?: unknown };
  } catch {
    return null;
  }
  return Array.isArray(fc.features) ? (fc.features as AnyFeature[]) : null;
}

function serialise(features: ReadonlyArray<Feature<Geometry, Record<string, unknown>>>, onProgress: ImportProgress): { data: Blob; map: Blob } {
  const total = features.length;
  const dataParts: string[] = ['{"type":"FeatureCollection","features":['];
  const mapParts: string[] = ['{"type":"FeatureCollection","features":['];
  for (let start = 0; start < total; start += CHUNK_FEATURES) {
    const end = Math.min(total, start + CHUNK_FEATURES);
    const data: string[] = [];
    const map: string[] = [];
    for (let i = start; i < end; i++) {
      const f = features[i];
      if (f === undefined) continue;
      const g = JSON.stringify(f.geometry);
      const p = f.properties;
      data.push(`{"type":"Feature","geometry":${g},"properties":${JSON.stringify(p)}}`);
      const slimProps = { id: p['id'], name: p['name'], status: p['status'], precisionM: p['precisionM'] };
      map.push(`{"type":"Feature","id":${i + 1},"geometry":${g},"properties":${JSON.stringify(slimProps)}}`);
    }
    const sep = start === 0 ? '' : ',';
    dataParts.push(sep + data.join(','));
    mapParts.push(sep + map.join(','));
    void onProgress('writing', end, total);
  }
  dataParts.push(']}');
  mapParts.push(']}');
  return { data: new Blob(dataParts, { type: 'application/geo+json' }), map: new Blob(mapParts, { type: 'application/geo+json' }) };
}

const noProgress: ImportProgress = () => undefined;

/** Creates the import job of a worker (one file at a time; a new `prepare` replaces the previous one). */
export function createImportService(host: ImportServiceHost) {
  let current: ImportPreview | null = null;
  let held: { idPrefix: string; features: AnyFeature[] } | null = null;

  const featuresOf = async (source: LayerSource): Promise<AnyFeature[] | null> => {
    if (source.kind === 'features') return [...source.features];
    if (held !== null && held.idPrefix === source.idPrefix) return held.features;
    return readFeatures(source.data);
  };

  return {
    /** Reads `file` and builds its preview; `withFeatures` returns the features too (to draw a small file). */
    async prepare(file: Blob, name: string, options: ImportJobOptions, withFeatures: boolean, onProgress: ImportProgress = noProgress): Promise<PreviewOutcome> {
      current = null;
      held = null;
      void onProgress('reading', 0, 0);
      const bytes = new Uint8Array(await file.arrayBuffer());
      void onProgress('parsing', 0, 0);
      const preview = importFile(bytes, name, { ...options, ...(host.xmlParser ? { domParser: host.xmlParser } : {}) });
      if (!preview.ok) return preview;
      current = preview;
      return outcome(preview, withFeatures);
    },

    /** Applies safe fixes to the previewed file. */
    async fix(fixIds: readonly FixId[], withFeatures: boolean, onProgress: ImportProgress = noProgress): Promise<PreviewOutcome | { ok: false; reason: (typeof IMPORT_JOB_REASONS)['nothingPreviewed'] }> {
      if (current === null) return { ok: false, reason: IMPORT_JOB_REASONS.nothingPreviewed };
      void onProgress('validating', 0, 0);
      current = applyFixes(current, fixIds);
      return outcome(current, withFeatures);
    },

    /** Accepts the previewed file with ids `<idPrefix>-n`; the features are held for the layer's overview and check. */
    async accept(idPrefix: string, allowErrors: boolean, storage: AcceptStorage, onProgress: ImportProgress = noProgress): Promise<AcceptOutcome> {
      if (current === null) return { ok: false, reason: IMPORT_JOB_REASONS.nothingPreviewed, errorCount: 0, detail: '' };
      void onProgress('validating', 0, 0);
      const accepted = acceptPreview(current, { idPrefix, allowErrors });
      if (!accepted.ok) return { ok: false, reason: accepted.reason, errorCount: accepted.problems.length, detail: accepted.message };
      const features = accepted.features as Array<Feature<Geometry, Record<string, unknown>>>;
      held = { idPrefix, features };
      if (storage === 'inline') return { ok: true, storage, features };
      const blobs = serialise(features, onProgress);
      const b = current.stats.bbox;
      return { ok: true, storage, layer: { ...blobs, featureCount: features.length, bbox: b ? [b[0], b[1], b[2], b[3]] : null, idPrefix } };
    },

    /** The overview image of an accepted or stored layer in `style`; null where it cannot be drawn. */
    async overview(source: LayerSource, bbox: readonly [number, number, number, number], style: OverviewStyle): Promise<OverviewImage | null> {
      const features = await featuresOf(source);
      return features === null ? null : renderOverview(features, bbox, style, host.createCanvas);
    },

    /** The compliance check of a layer of `category` against `others` with the rules derived from `rules`. */
    async check(job: CheckJob, onProgress: ImportProgress = noProgress): Promise<CheckOutcome> {
      void onProgress('reading', 0, 0);
      const features = await featuresOf(job.source);
      held = null;
      if (features === null) return { ok: false, reason: IMPORT_JOB_REASONS.storedNotCollection, detail: '' };
      const rules = complianceRuleSet(job.rules, job.category);
      if (!rules.ok) return rules;
      for (const f of features) if (f.properties) f.properties['category'] = job.category;
      void onProgress('checking', 0, 0);
      const result = checkCompliance({
        target: { name: job.layerName, features },
        others: job.others,
        rules: rules.ruleSet,
        time: new Date(job.time),
        hashLayers: job.hashLayers,
        ...(job.maxFindings === undefined ? {} : { maxFindings: job.maxFindings }),
        onProgress: (done, total) => {
          void onProgress('checking', done, total);
        },
      });
      return result.ok ? { ...result, derivedRules: rules.derived } : result;
    },

    /** Writes a layer's features in `format`. */
    async exportFeatures(source: LayerSource, format: ExportFormat, options: ExportJobOptions, onProgress: ImportProgress = noProgress): Promise<ExportResult | { ok: false; reason: (typeof IMPORT_JOB_REASONS)['storedNotCollection']; message: string }> {
      void onProgress('writing', 0, 0);
      const features = await featuresOf(source);
      if (features === null) return { ok: false, reason: IMPORT_JOB_REASONS.storedNotCollection, message: '' };
      return exportLayer(features as Array<Feature<Geometry, Record<string, unknown>>>, format, options);
    },
  };
}

/** The functions of the import worker. */
export type ImportService = ReturnType<typeof createImportService>;
