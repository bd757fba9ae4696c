import type { FeatureCollection, Geometry } from 'geojson';
import type { Gazetteer } from '../../core/gazetteer/resolve-place';
import { featurePropsSchema, LAYER_IDS } from '../../core/model/feature-props';
import type { FeatureProps, LayerId } from '../../core/model/feature-props';
import type { SourceRecordsFile } from '../../core/model/gazette-record';
import { buildChemicalPark } from './chemical-parks';
import type { GeometryQaItem, LayerFeature } from './feature-base';
import { buildLandAcquisition, buildMeteoFacility, buildRedCultureSite } from './point-features';
import { buildRelicSite } from './relic-zones';

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
}

/** Builds every layer from the parsed records. Features are validated against the property schema. */
export function buildLayers(files: readonly SourceRecordsFile[], gazetteer: Gazetteer): LayerBuild {
  const layers = Object.fromEntries(BUILT_LAYERS.map((l) => [l, [] as LayerFeature[]])) as LayerBuild['layers'];
  const qa: GeometryQaItem[] = [];
  const versions: BoundaryVersion[] = [];
  for (const file of files) {
    for (const record of file.records) {
      const out =
        record.kind === 'relic-site'
          ? buildRelicSite(file, record, gazetteer)
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
  return { layers, qa, versions };
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
  lines.push('', '## Findings', '', '| record | feature | code | message |', '|---|---|---|---|');
  for (const q of build.qa) lines.push(`| ${q.name} | ${q.featureId ?? '–'} | ${q.code} | ${q.message.replace(/\|/g, '\\|')} |`);
  lines.push('', '## Repealed boundary versions', '', '| repealed | date | repealed by | on | replaced by |', '|---|---|---|---|---|');
  for (const v of build.versions) lines.push(`| ${v.repealedNumber ?? v.repealedTitle ?? '–'} | ${v.repealedDate ?? '–'} | ${v.repealedBy} | ${v.repealedOn} | ${v.replacedBy.join(', ') || '–'} |`);
  return `${lines.join('\n')}\n`;
}
