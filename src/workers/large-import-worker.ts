/// <reference lib="webworker" />
import type { Feature, Geometry } from 'geojson';
import { DOMParser } from '@xmldom/xmldom';
import { acceptPreview, applyFixes, exportLayer, importFile, type ExportResult, type XmlParser } from '../core/io/index';
import { checkConflicts } from '../core/conflicts/check-conflicts';
import { parseRuleSet } from '../core/conflicts/rule-schema';
import type { Finding } from '../core/conflicts/report';
import { areasOf } from './feature-areas';
import { renderOverview, type OverviewImage } from './overview-raster';
import type { LargeCheckResult, LargeImportReply, LargeImportRequest, LargeImportStage, LargePrepareResult } from './large-import-messages';

/**
 * The large-import worker: imports, validates and accepts a big file (hundreds of thousands of
 * polygons) without the page ever holding its features, writes the accepted layer and a slim map
 * copy as Blobs in chunks (progress per chunk), and runs the compliance check and exports of
 * such a layer from its stored Blob. One job per worker; the page cancels by terminating it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

const xmlParser: XmlParser = {
  parseFromString: (text: string, mimeType: 'text/xml'): unknown => new DOMParser().parseFromString(text, mimeType),
};

/** Features per serialised chunk (and per progress message). */
export const CHUNK_FEATURES = 5_000;
/** Ids of the other side passed back per listed finding (the count stays exact in `bIdsTotal`). */
const MAX_B_IDS = 100;
/** Issues passed back in a large preview (the page lists 50; counts stay exact in `errorCount`). */
const MAX_ISSUES = 1_000;

function reply(message: LargeImportReply): void {
  scope.postMessage(message);
}

function progress(id: number, stage: LargeImportStage, done = 0, total = 0): void {
  reply({ type: 'progress', id, stage, done, total });
}

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** The accepted features of the last `prepare`, kept for that layer's overview and check. */
let held: { idPrefix: string; features: AnyFeature[] } | null = null;

/** The features of the layer with `idPrefix`: those still held, else parsed from its stored Blob. */
async function featuresOf(idPrefix: string, data: Blob): Promise<AnyFeature[]> {
  return held !== null && held.idPrefix === idPrefix ? held.features : readFeatures(data);
}

async function prepare(req: Extract<LargeImportRequest, { type: 'prepare' }>): Promise<LargePrepareResult> {
  progress(req.id, 'reading');
  const bytes = new Uint8Array(await req.file.arrayBuffer());
  progress(req.id, 'parsing');
  let preview = importFile(bytes, req.name, { ...req.options, domParser: xmlParser });
  if (!preview.ok) return preview;
  progress(req.id, 'validating');
  if (req.fixIds.length > 0) preview = applyFixes(preview, req.fixIds);
  const accepted = acceptPreview(preview, { idPrefix: req.idPrefix, allowErrors: true });
  if (!accepted.ok) throw new Error(accepted.message);
  const features = accepted.features;
  held = { idPrefix: req.idPrefix, features };
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
      const slim = { id: p.id, name: p.name, status: p.status, precisionM: p.precisionM };
      map.push(`{"type":"Feature","id":${i + 1},"geometry":${g},"properties":${JSON.stringify(slim)}}`);
    }
    const sep = start === 0 ? '' : ',';
    dataParts.push(sep + data.join(','));
    mapParts.push(sep + map.join(','));
    progress(req.id, 'writing', end, total);
  }
  dataParts.push(']}');
  mapParts.push(']}');
  const b = preview.stats.bbox;
  const errorCount = preview.problems.filter((p) => p.severity === 'error').length;
  return {
    ok: true,
    preview: {
      ...preview,
      features: [],
      vertexSources: [],
      warnings: preview.warnings.slice(0, MAX_ISSUES),
      problems: preview.problems.slice(0, MAX_ISSUES),
      statedAreas: preview.statedAreas.slice(0, MAX_ISSUES),
    },
    layer: {
      data: new Blob(dataParts, { type: 'application/geo+json' }),
      map: new Blob(mapParts, { type: 'application/geo+json' }),
      featureCount: total,
      bbox: b ? [b[0], b[1], b[2], b[3]] : null,
      errorCount,
      idPrefix: req.idPrefix,
    },
  };
}

async function readFeatures(data: Blob): Promise<AnyFeature[]> {
  const fc = JSON.parse(await data.text()) as { features?: unknown };
  if (!Array.isArray(fc.features)) throw new Error('stored layer is not a FeatureCollection');
  return fc.features as AnyFeature[];
}

async function check(req: Extract<LargeImportRequest, { type: 'check' }>): Promise<LargeCheckResult> {
  progress(req.id, 'reading');
  const features = await featuresOf(req.idPrefix, req.data);
  held = null;
  for (const f of features) if (f.properties) f.properties['category'] = req.category;
  const rules = parseRuleSet(req.rules);
  if (!rules.ok) return { ok: false, message: rules.message, report: null, totalFindings: 0, areas: [] };
  progress(req.id, 'checking');
  const result = checkConflicts([{ name: req.layerName, features }, ...req.others], rules.value, {
    now: () => new Date(req.time),
    // SHA-256 of a 100 MB layer would take longer than the check itself; the report names the layers without hashes.
    hashLayers: false,
    onProgress: (done, total) => progress(req.id, 'checking', done, total),
  });
  if (!result.ok) return { ok: false, message: result.message, report: null, totalFindings: 0, areas: [] };
  const prefix = `${req.idPrefix}-`;
  const mine = (id: string): boolean => id.startsWith(prefix);
  const involved = result.report.findings.filter((f: Finding) => mine(f.a.id) || (f.b !== null && mine(f.b.id)) || f.bIds.some(mine));
  involved.sort((x, y) => Number(y.nominal) - Number(x.nominal) || (x.distanceM ?? 0) - (y.distanceM ?? 0));
  // A grouped finding may name tens of thousands of parcels; the page gets the first ones and the count.
  const listed = involved
    .slice(0, req.maxFindings)
    .map((f) => (f.bIds.length > MAX_B_IDS ? { ...f, bIds: f.bIds.slice(0, MAX_B_IDS), bIdsTotal: f.bIds.length } : f));
  const ids = new Set<string>();
  for (const f of listed) {
    for (const id of [f.a.id, f.b?.id ?? '', ...f.bIds]) if (mine(id) && ids.size < 200) ids.add(id);
  }
  const areas = [...ids].flatMap((id) => {
    const index = Number(id.slice(prefix.length)) - 1;
    const f = features[index];
    return f === undefined ? [] : [areasOf(f, index)];
  });
  return { ok: true, message: '', report: { ...result.report, findings: listed }, totalFindings: involved.length, areas };
}

async function overview(req: Extract<LargeImportRequest, { type: 'overview' }>): Promise<OverviewImage | null> {
  return renderOverview(await featuresOf(req.idPrefix, req.data), req.bbox, req.style);
}

async function exportData(req: Extract<LargeImportRequest, { type: 'export' }>): Promise<ExportResult> {
  const features = await readFeatures(req.data);
  return exportLayer(features as Array<Feature<Geometry, Record<string, unknown>>>, req.format, req.options);
}

async function run(req: LargeImportRequest): Promise<unknown> {
  switch (req.type) {
    case 'prepare':
      return prepare(req);
    case 'check':
      return check(req);
    case 'overview':
      return overview(req);
    case 'export':
      return exportData(req);
  }
}

scope.onmessage = (event: MessageEvent<LargeImportRequest>) => {
  const req = event.data;
  const id = typeof req === 'object' && req !== null && typeof req.id === 'number' ? req.id : -1;
  run(req).then(
    (value) => {
      progress(id, 'done');
      const out = value as { ok?: boolean; bytes?: unknown };
      if (out.ok === true && out.bytes instanceof Uint8Array) scope.postMessage({ type: 'result', id, value }, [out.bytes.buffer]);
      else reply({ type: 'result', id, value });
    },
    (error: unknown) => reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }),
  );
};
