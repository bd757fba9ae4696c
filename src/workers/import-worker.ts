/// <reference lib="webworker" />
import type { Feature, Geometry, Position } from 'geojson';
import { DOMParser } from '@xmldom/xmldom';
import { acceptPreview, applyFixes, exportLayer, importFile, type XmlParser } from '../core/io/index';
import { planarAreaIn } from '../core/io/build-preview';
import { geodesicArea } from '../core/geo/geodesic';
import { findCrs } from '../core/geo/crs-registry';
import { epsgForZone, isSupportedZone, zoneForLon } from '../core/geo/gauss-kruger';
import type { FeatureAreas, ImportReply, ImportRequest, ImportStage } from './import-messages';

/**
 * Runs the import pipeline off the main thread: `importFile` (GeoJSON, KML/KMZ, zipped
 * Shapefile, coordinate tables), `applyFixes`, `acceptPreview`, `exportLayer` and the areas of
 * the compliance check. One job per worker; the page cancels by terminating it. Web Workers have
 * no DOMParser, so KML is parsed with @xmldom/xmldom's.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

const xmlParser: XmlParser = {
  parseFromString: (text: string, mimeType: 'text/xml'): unknown => new DOMParser().parseFromString(text, mimeType),
};

function reply(message: ImportReply): void {
  scope.postMessage(message);
}

function stage(id: number, s: ImportStage): void {
  reply({ type: 'progress', id, stage: s });
}

function polygonsOf(g: Geometry | null): Position[][][] {
  if (g === null) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** The EPSG code named by a `source-crs:EPSG:<code>` flag, when it is a Gauss-Krüger plane. */
function sourcePlane(props: Record<string, unknown> | null): number | null {
  const flags = props?.['flags'];
  if (!Array.isArray(flags)) return null;
  for (const f of flags) {
    const m = typeof f === 'string' ? /^source-crs:EPSG:(\d+)$/.exec(f) : null;
    const info = m?.[1] === undefined ? undefined : findCrs(Number(m[1]));
    if (info !== undefined && info.kind !== 'geographic') return info.epsg;
  }
  return null;
}

/** Geodesic area on GRS80 and planar area in the source plane (or the 3° zone of the centre). */
function areasOf(f: Feature<Geometry | null, Record<string, unknown> | null>, index: number): FeatureAreas {
  const featureId = typeof f.properties?.['id'] === 'string' ? f.properties['id'] : String(f.id ?? index);
  const polygons = polygonsOf(f.geometry);
  if (polygons.length === 0) return { featureId, geodesicM2: null, planarM2: null, epsg: null, zone: null, zoneFromSource: false };
  const geodesicM2 = geodesicArea({ type: 'MultiPolygon', coordinates: polygons });
  let epsg = sourcePlane(f.properties);
  const fromSource = epsg !== null;
  if (epsg === null) {
    let w = Infinity;
    let e = -Infinity;
    for (const p of polygons) for (const r of p) for (const q of r) {
      const lon = q[0] ?? NaN;
      if (lon < w) w = lon;
      if (lon > e) e = lon;
    }
    const zone = zoneForLon((w + e) / 2, 3);
    epsg = isSupportedZone(zone, 3) ? epsgForZone(zone, 3, false) : null;
  }
  const planarM2 = epsg === null ? null : planarAreaIn(polygons, epsg);
  const zone = epsg === null ? null : (findCrs(epsg)?.zone ?? null);
  return { featureId, geodesicM2, planarM2, epsg, zone, zoneFromSource: fromSource };
}

function run(req: ImportRequest): unknown {
  switch (req.type) {
    case 'import': {
      stage(req.id, 'parsing');
      return importFile(req.bytes, req.name, { ...req.options, domParser: xmlParser });
    }
    case 'fix':
      stage(req.id, 'validating');
      return applyFixes(req.preview, req.fixIds);
    case 'accept':
      stage(req.id, 'validating');
      return acceptPreview(req.preview, { idPrefix: req.idPrefix, allowErrors: req.allowErrors });
    case 'export':
      stage(req.id, 'writing');
      return exportLayer(req.features, req.format, req.options);
    case 'areas':
      return req.features.map((f, i) => areasOf(f, i));
  }
}

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  const id = typeof req === 'object' && req !== null && typeof req.id === 'number' ? req.id : -1;
  try {
    stage(id, 'started');
    const value = run(req);
    stage(id, 'done');
    reply({ type: 'result', id, value });
  } catch (error: unknown) {
    reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
