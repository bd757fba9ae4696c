import type { FeatureCollection, Geometry } from 'geojson';
import type { Gazetteer } from '../../core/gazetteer/resolve-place';
import { featurePropsSchema, LAYER_IDS } from '../../core/model/feature-props';
import type { FeatureProps, LayerId } from '../../core/model/feature-props';
import type { SourceRecordsFile } from '../../core/model/gazette-record';
import { buildChemicalPark } from './chemical-parks';
import type { GeometryQaItem, LayerFeature } from './feature-base';
import { buildLandAcquisition, buildMeteoFacility, buildRedCultureSite } from './point-features';
import { buildRelicSite } from './relic-zones';
import type { ControlSolveRow } from './relic-zones';

/** The map layers the pipeline writes (imported layers are the user's). */
export const BUILT_LAYERS = LAYER_IDS.filter((l): l is Exclude<LayerId, 'imported'> => l !== 'imported');

/** A superseded or repealed boundary version, kept with its dates. */
export interface BoundaryVersion {
  repealedNumber: string | null;
  repealedTitle: string | null;
  repealedDate: string | null;
  repealedBy: string;
  repealedOn: string;
  replacedBy: string[];
  text: string;
}

/** What the geometry stage produces. */
export interface LayerBuild {
  layers: Record<Exclude<LayerId, 'imported'>, LayerFeature[]>;
  qa: GeometryQaItem[];
  versions: BoundaryVersion[];
  /** Construction-control zones: the ring with a square footprint (before) and with the two-area solve (after). */
  controlSolves: ControlSolveRow[];
}

/** Builds every layer from the parsed records. Features are validated against the property schema. */
export function buildLayers(files: readonly SourceRecordsFile[], gazetteer: Gazetteer): LayerBuild {
  const layers = Object.fromEntries(BUILT_LAYERS.map((l) => [l, [] as LayerFeature[]])) as LayerBuild['layers'];
  const qa: GeometryQaItem[] = [];
  const versions: BoundaryVersion[] = [];
  const controlSolves: ControlSolveRow[] = [];
  for (const file of files) {
    for (const record of file.records) {
      const relic = record.kind === 'relic-site' ? buildRelicSite(file, record, gazetteer) : null;
      if (relic?.control) controlSolves.push(relic.control);
      const out =
        relic
          ? relic
          : record.kind === 'relic-site'
          ? { features: [], qa: [] }
          : record.kind === 'chemical-park'
            ? buildChemicalPark(file, record, gazetteer)
            : record.kind === 'land-acquisition'
              ? buildLandAcquisition(file, record, gazetteer)
              : record.kind === 'meteo-facility'
                ? buildMeteoFacility(file, record, gazetteer)
                : record.kind === 'red-culture-site'
                  ? buildRedCultureSite(file, record, gazetteer)
                  : { features: [], qa: [{ featureId: null, recordId: record.id, name: record.name, code: 'NO_GEOMETRY', message: 'requirements only: no location, area or boundary in the text' }] };
      for (const f of out.features) {
        const parsed = featurePropsSchema.safeParse(f.properties);
        if (!parsed.success) throw new Error(`feature ${f.id} fails the property schema: ${parsed.error.message}`);
        const layer = f.properties.layer;
        if (layer === 'imported') throw new Error(`pipeline built an imported feature ${f.id}`);
        layers[layer].push(f);
      }
      qa.push(...out.qa);
      for (const r of record.repeals) {
        versions.push({
          repealedNumber: r.number,
          repealedTitle: r.title,
          repealedDate: r.date,
          repealedBy: record.document.number,
          repealedOn: record.document.date,
          replacedBy: out.features.map((f) => f.id),
          text: r.text,
        });
      }
    }
  }
  for (const l of BUILT_LAYERS) layers[l].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byAnchor = new Map<string, string[]>();
  for (const l of ['relic-protection', 'chemical-park'] as const) {
    for (const f of layers[l]) {
      if (!f.properties.anchor) continue;
      const key = `${f.properties.anchor.lon},${f.properties.anchor.lat}`;
      byAnchor.set(key, [...(byAnchor.get(key) ?? []), f.properties.name]);
    }
  }
  for (const [key, names] of [...byAnchor.entries()].sort()) {
    if (names.length > 1) qa.push({ featureId: null, recordId: '-', name: names.join('、'), code: 'SHARED_ANCHOR', message: `${names.length} features share the anchor at ${key}: their shapes are drawn on top of each other` });
  }
  qa.sort((a, b) => (a.recordId + a.code + a.message < b.recordId + b.code + b.message ? -1 : 1));
  versions.sort((a, b) => ((a.repealedNumber ?? '') < (b.repealedNumber ?? '') ? -1 : 1));
  controlSolves.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  return { layers, qa, versions, controlSolves };
}

/** A layer as RFC 7946 GeoJSON text: one feature per line, stable order, newline-terminated. */
export function serializeLayer(features: ReadonlyArray<Pick<LayerFeature, 'id' | 'geometry'> & { properties: unknown }>): string {
  const lines = features.map((f) => JSON.stringify({ type: 'Feature', id: f.id, geometry: f.geometry, properties: f.properties }));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** The layer as a typed FeatureCollection (for tests and tools). */
export function asCollection(features: readonly LayerFeature[]): FeatureCollection<Geometry, FeatureProps> {
  return { type: 'FeatureCollection', features: [...features] };
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(2)} %`;
}

function residual(area: number | null, stated: number | null): number | null {
  return area === null || !stated ? null : (area - stated) / stated;
}

/** The control-zone residual table: square footprint (before) against the two-area solve (after). */
export function controlSolveMarkdown(rows: readonly ControlSolveRow[]): string[] {
  const within = (r: number | null): boolean => r !== null && Math.abs(r) <= 0.005;
  const before = rows.filter((r) => within(residual(r.beforeM2, r.statedControlM2))).length;
  const after = rows.filter((r) => within(residual(r.afterM2, r.statedControlM2))).length;
  const lines = [
    '',
    '## Construction-control zones: residual before and after the two-area solve',
    '',
    'Before: the reference footprint is a square solved from the protection area alone and the control zone is the ring of the stated offsets around it. ' +
      'After: the footprint is a rectangle w × h (m, along p and q) solved from both stated areas where one exists; otherwise the square is kept and the reachable range is in the findings.',
    '',
    `Control zones within 0.5 % of their stated area: ${before} of ${rows.length} before, ${after} of ${rows.length} after.`,
    '',
    '| site | stated protection m² | stated control m² | before m² | before residual | after m² | after residual | footprint (m) | outcome |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.statedProtectionM2 ?? '–'} | ${r.statedControlM2 ?? '–'} | ${r.beforeM2 ?? '–'} | ${pct(residual(r.beforeM2, r.statedControlM2))} | ${r.afterM2 ?? '–'} | ${pct(residual(r.afterM2, r.statedControlM2))} | ${r.footprint} | ${r.outcome} |`);
  }
  return lines;
}

/** The geometry QA report as Markdown. */
export function geometryQaMarkdown(build: LayerBuild): string {
  const lines: string[] = ['# Geometry QA report', '', 'Generated by `npm run data` from data/records and data/gazetteer. Do not edit.', ''];
  lines.push('## Features, anchors and areas', '', '| feature | method | anchor | precision (m) | stated m² | computed m² | residual |', '|---|---|---|---|---|---|---|');
  for (const l of BUILT_LAYERS) {
    for (const f of build.layers[l]) {
      const p = f.properties;
      lines.push(`| ${p.name} (${l}) | ${p.method} | ${p.anchor ? `${p.anchor.name} (${p.anchor.level})` : '–'} | ${p.precisionM} | ${p.statedAreaM2 ?? '–'} | ${p.computedAreaM2 ?? '–'} | ${pct(p.areaResidual)} |`);
    }
  }
  lines.push(...controlSolveMarkdown(build.controlSolves));
  lines.push('', '## Findings', '', '| record | feature | code | message |', '|---|---|---|---|');
  for (const q of build.qa) lines.push(`| ${q.name} | ${q.featureId ?? '–'} | ${q.code} | ${q.message.replace(/\|/g, '\\|')} |`);
  lines.push('', '## Repealed boundary versions', '', '| repealed | date | repealed by | on | replaced by |', '|---|---|---|---|---|');
  for (const v of build.versions) lines.push(`| ${v.repealedNumber ?? v.repealedTitle ?? '–'} | ${v.repealedDate ?? '–'} | ${v.repealedBy} | ${v.repealedOn} | ${v.replacedBy.join(', ') || '–'} |`);
  return `${lines.join('\n')}\n`;
}
