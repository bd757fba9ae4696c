import type { Feature, Geometry } from 'geojson';
import type { FeatureProps, LayerId } from '../../core/model/feature-props';
import type { GazetteRecord, SourceRecordsFile } from '../../core/model/gazette-record';
import type { ResolvedPlace } from '../../core/gazetteer/resolve-place';

/** A layer feature before it is written. */
export type LayerFeature = Feature<Geometry, FeatureProps> & { id: string };

/** One line of the geometry QA report. */
export interface GeometryQaItem {
  featureId: string | null;
  recordId: string;
  name: string;
  code: string;
  message: string;
}

/** Stable feature id: the layer and the record id. */
export function featureId(layer: LayerId, recordId: string): string {
  return `${layer}:${recordId}`;
}

/** Flag codes that describe how an anchor was found. */
export function anchorFlag(place: ResolvedPlace): string[] {
  switch (place.via) {
    case 'township':
      return ['ANCHOR_TOWNSHIP_SEAT'];
    case 'county':
      return ['ANCHOR_COUNTY_FALLBACK'];
    case 'county-seat':
      return ['ANCHOR_COUNTY_SEAT'];
    case 'own-anchor':
    case 'override':
      return [];
  }
}

/** The properties every feature built from a record shares. */
export function baseProps(
  file: SourceRecordsFile,
  record: GazetteRecord,
  layer: LayerId,
  place: ResolvedPlace | null,
): Pick<
  FeatureProps,
  'id' | 'layer' | 'name' | 'county' | 'status' | 'docNumber' | 'docDate' | 'issuer' | 'source' | 'anchor' | 'precisionM' | 'recordId'
> {
  return {
    id: featureId(layer, record.id),
    layer,
    name: record.name,
    county: record.county ?? '',
    status: record.status,
    docNumber: record.document.number,
    docDate: record.document.date,
    issuer: record.document.issuer,
    source: { file: `data/sources/${file.sourceId}.txt`, lines: record.source.lines, quote: record.source.quote },
    anchor: place?.anchor ?? null,
    precisionM: place?.precisionM ?? 0,
    recordId: record.id,
  };
}

/** Sorted, de-duplicated flag codes: the record's own flags plus `extra`. */
export function flagCodes(record: GazetteRecord, extra: readonly string[]): string[] {
  return [...new Set([...record.flags.map((f) => f.code), ...extra])].sort();
}

/**
 * A marker feature (no shape, no computed area) at an anchor. `props` completes the shared properties: at least
 * `method`, `statedAreaM2` and `flags`.
 */
export function markerFeature(
  id: string,
  at: { lon: number; lat: number },
  props: Omit<FeatureProps, 'computedAreaM2' | 'areaResidual'>,
): LayerFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
    properties: { ...props, computedAreaM2: null, areaResidual: null },
  };
}
