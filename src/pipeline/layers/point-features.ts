import type { Gazetteer } from '../../core/gazetteer/resolve-place';
import { COUNTY_FALLBACK_PRECISION_M } from '../../core/gazetteer/resolve-place';
import type {
  LandAcquisitionRecord,
  MeteoFacilityRecord,
  RedCultureRecord,
  SourceRecordsFile,
} from '../../core/model/gazette-record';
import { anchorFlag, baseProps, featureId, flagCodes, markerFeature } from './feature-base';
import type { GeometryQaItem, LayerFeature } from './feature-base';

/** Construction methods of point features. */
export const POINT_METHODS = {
  /** The text publishes an area but no boundary: a marker, no shape. */
  BOUNDARY_NOT_PUBLISHED: 'boundary-not-published',
  /** A facility whose site is not chosen: a candidate marker at its county with the county's extent as precision. */
  COUNTY_CANDIDATE: 'county-candidate',
  /** A facility at a published site point. */
  LISTED_SITE: 'listed-site-point',
  /** A relic site whose zones are still to be drawn. */
  ZONES_PENDING: 'zones-pending-marker',
} as const;

/** The land-acquisition area: a located marker with the stated area and a "boundary not published" state. */
export function buildLandAcquisition(file: SourceRecordsFile, record: LandAcquisitionRecord, gazetteer: Gazetteer): { features: LayerFeature[]; qa: GeometryQaItem[] } {
  const id = featureId('land-acquisition', record.id);
  const qa: GeometryQaItem[] = [];
  const place = record.county ? gazetteer.resolve({ name: record.name, county: record.county }) : null;
  if (!place?.ok) {
    qa.push({ featureId: id, recordId: record.id, name: record.name, code: 'UNRESOLVED_PLACE', message: `county ${record.county ?? '(none)'} unknown; not drawn` });
    return { features: [], qa };
  }
  qa.push({ featureId: id, recordId: record.id, name: record.name, code: 'BOUNDARY_NOT_PUBLISHED', message: `the approval gives an area (${record.areas.map((a) => a.text).join(', ')}) but no boundary; shown as a marker within ${place.precisionM / 1000} km` });
  const stated = record.areas[0]?.m2 ?? null;
  return {
    features: [
      markerFeature(id, place.anchor, {
        ...baseProps(file, record, 'land-acquisition', place),
        method: POINT_METHODS.BOUNDARY_NOT_PUBLISHED,
        statedAreaM2: stated,
        flags: flagCodes(record, ['BOUNDARY_NOT_PUBLISHED', ...anchorFlag(place)]),
      }),
    ],
    qa,
  };
}

/** A meteorological facility: at its listed site, or as a candidate at its county; city-wide counts are not placed. */
export function buildMeteoFacility(file: SourceRecordsFile, record: MeteoFacilityRecord, gazetteer: Gazetteer): { features: LayerFeature[]; qa: GeometryQaItem[] } {
  const id = featureId('meteo-site', record.id);
  const qa: GeometryQaItem[] = [];
  const found = record.scope === 'city' ? gazetteer.siteByName([record.facility, record.name]) : null;
  if (found) {
    const site = found.place;
    const relocation = record.action === '搬迁';
    if (relocation) qa.push({ featureId: id, recordId: record.id, name: record.name, code: 'RELOCATION_PLANNED', message: `the plan relocates this radar; the listed point (${site.anchor.source}) may be the old site` });
    return {
      features: [
        markerFeature(id, site.anchor, {
          ...baseProps(file, record, 'meteo-site', site),
          name: record.facility,
          county: found.county,
          method: POINT_METHODS.LISTED_SITE,
          statedAreaM2: null,
          flags: flagCodes(record, relocation ? ['RELOCATION_PLANNED'] : []),
        }),
      ],
      qa,
    };
  }
  if (record.scope !== 'county' || !record.county) {
    qa.push({ featureId: null, recordId: record.id, name: record.name, code: 'NOT_PLACED', message: `${record.scope} entry (${record.count ?? 'no'} facilities) has no county or site: listed, not drawn` });
    return { features: [], qa };
  }
  const countyAnchor = gazetteer.county(record.county);
  if (!countyAnchor) {
    qa.push({ featureId: id, recordId: record.id, name: record.name, code: 'UNRESOLVED_PLACE', message: `county ${record.county} unknown; not drawn` });
    return { features: [], qa };
  }
  return {
    features: [
      markerFeature(id, countyAnchor.wgs84, {
        ...baseProps(file, record, 'meteo-site', null),
        anchor: { name: countyAnchor.name, level: countyAnchor.level, source: countyAnchor.source, lon: countyAnchor.wgs84.lon, lat: countyAnchor.wgs84.lat },
        precisionM: COUNTY_FALLBACK_PRECISION_M,
        method: POINT_METHODS.COUNTY_CANDIDATE,
        statedAreaM2: null,
        flags: flagCodes(record, [record.facilityStatus === 'planned' ? 'SITE_NOT_CHOSEN' : 'SITE_NOT_PUBLISHED']),
      }),
    ],
    qa,
  };
}

/** A red-culture site: a marker at its own anchor; its zones are still to be drawn. */
export function buildRedCultureSite(file: SourceRecordsFile, record: RedCultureRecord, gazetteer: Gazetteer): { features: LayerFeature[]; qa: GeometryQaItem[] } {
  const id = featureId('relic-protection', record.id);
  const qa: GeometryQaItem[] = [];
  const found = gazetteer.siteByName([record.name, ...record.aliases]);
  if (!found) {
    qa.push({ featureId: null, recordId: record.id, name: record.name, code: 'NOT_PLACED', message: 'no site point known; listed, not drawn' });
    return { features: [], qa };
  }
  const place = found.place;
  qa.push({ featureId: id, recordId: record.id, name: record.name, code: 'ZONES_PENDING', message: `${record.listCount ?? '?'} sites listed, only this one named; zones still to be drawn` });
  return {
    features: [
      markerFeature(id, place.anchor, {
        ...baseProps(file, record, 'relic-protection', place),
        county: record.county ?? found.county,
        method: POINT_METHODS.ZONES_PENDING,
        statedAreaM2: null,
        flags: flagCodes(record, ['ZONES_PENDING']),
      }),
    ],
    qa,
  };
}
