import { z } from 'zod';
import type { Geometry } from 'geojson';
import { viewerPropsSchema } from '../../core/model/catalog-feature';
import type { CatalogLoad, LoadedLayer, ViewerFeature } from '../../core/model/catalog-feature';
import { fetchCatalogFiles } from './catalog-files';
import type { CatalogFiles, Fetched } from './catalog-files';

/** Validation of the layer files: every feature's properties against the schema; bad features are reported, not shown. */

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: z.unknown(), geometry: z.unknown(), id: z.unknown().optional() })),
});

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

function isGeometry(g: unknown): g is Geometry {
  return typeof g === 'object' && g !== null && 'type' in g && typeof g.type === 'string' && GEOMETRY_TYPES.has(g.type) && 'coordinates' in g && Array.isArray(g.coordinates);
}

/** Validates a parsed GeoJSON layer. */
export function parseLayer(id: string, json: unknown): LoadedLayer {
  const fc = featureCollectionSchema.safeParse(json);
  if (!fc.success) return { id, features: [], errors: [`${id}: not a GeoJSON FeatureCollection (${fc.error.issues[0]?.message ?? 'invalid'})`] };
  const features: ViewerFeature[] = [];
  const errors: string[] = [];
  fc.data.features.forEach((f, i) => {
    const props = viewerPropsSchema.safeParse(f.properties);
    if (!props.success) {
      const issue = props.error.issues[0];
      errors.push(`${id} #${i}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid properties'}`);
      return;
    }
    if (!isGeometry(f.geometry)) {
      errors.push(`${id} #${i} (${props.data.id}): missing or unsupported geometry`);
      return;
    }
    features.push({ id: props.data.id, geometry: f.geometry, props: props.data });
  });
  return { id, features, errors };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Validates every catalogued layer as its file arrives. */
export async function loadCatalog(files: CatalogFiles = fetchCatalogFiles()): Promise<CatalogLoad> {
  const layers = await Promise.all(
    files.layers.map(async ({ id, file }): Promise<LoadedLayer> => {
      if (!file) return { id, features: [], errors: [] };
      const got: Fetched = await file;
      if (!got.ok) return { id, features: [], errors: [`${id}: ${message(got.error)}`] };
      return parseLayer(id, got.json);
    }),
  );
  return { layers, sample: files.sample };
}
