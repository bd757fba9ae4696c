import { join } from 'node:path';
import { CATALOG_LAYER_IDS } from '../core/model/layer-registry';
import type { AnchorOverride } from '../core/gazetteer/gazetteer-schema';
import { buildRecords, renderOutputs, stableJson } from './gazette/index';
import { BUILT_LAYERS, buildLayers, geometryQaMarkdown, serializeLayer } from './layers/index';
import type { LayerBuild } from './layers/index';
import { buildShanxiFromSources, loadGazetteer } from './layers/load-gazetteer';
import { serializeShanxiGazetteer } from '../core/gazetteer/build-shanxi';
import { buildQaLayer } from './layers/qa-layer';

/** Built layers in legend order (the QA markers sit on the first feature of their record in this order). */
const LEGEND_LAYERS = CATALOG_LAYER_IDS.filter((l): l is (typeof BUILT_LAYERS)[number] => (BUILT_LAYERS as readonly string[]).includes(l));

/** Outcome of the whole data pipeline. */
export type DataBuildResult =
  | { ok: true; outputs: Map<string, string>; build: LayerBuild; recordCount: number }
  | { ok: false; message: string };

/**
 * The whole pipeline: data/sources → records and QA → the Shanxi gazetteer (data/gazetteer/shanxi.json) →
 * gazetteer resolution → layers and geometry QA.
 * Returns every output file as `path relative to data/` → content. Deterministic; writes nothing.
 */
export function buildAllData(dataDir: string, extraOverrides: readonly AnchorOverride[] = []): DataBuildResult {
  const records = buildRecords(join(dataDir, 'sources'));
  if (!records.ok) return { ok: false, message: `${records.reason}: ${records.message}` };
  const outputs = renderOutputs(records);
  const shanxi = buildShanxiFromSources(join(dataDir, 'gazetteer'));
  outputs.set('gazetteer/shanxi.json', serializeShanxiGazetteer(shanxi.data));
  const gazetteer = loadGazetteer(join(dataDir, 'gazetteer'), extraOverrides, shanxi);
  const build = buildLayers(records.files, gazetteer);
  for (const l of BUILT_LAYERS) outputs.set(`layers/${l}.geojson`, serializeLayer(build.layers[l]));
  outputs.set('qa/markers.geojson', serializeLayer(buildQaLayer(records.qa.findings, build.layers, LEGEND_LAYERS)));
  outputs.set('layers/versions.json', stableJson(build.versions));
  outputs.set('qa/geometry.json', stableJson(build.qa));
  outputs.set('qa/geometry.md', geometryQaMarkdown(build));
  return { ok: true, outputs, build, recordCount: records.records.length };
}
