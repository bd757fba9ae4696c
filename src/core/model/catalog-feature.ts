import { z } from 'zod';
import type { Geometry } from 'geojson';
import { featurePropsSchema } from './feature-props';

/**
 * A feature as the application holds it: the shared property schema plus what the catalog adds (the layer as
 * any string, so imported and QA layers fit; the clause texts; the QA findings of its record; the category
 * of an imported feature).
 */

/** A QA finding about a parsed record, as the pipeline writes it (data/qa/report.json). */
export const qaFindingSchema = z.object({ code: z.string(), severity: z.string(), message: z.string() });
/** A QA finding. */
export type QaFinding = z.infer<typeof qaFindingSchema>;

/** Properties of a catalog feature. */
export const viewerPropsSchema = featurePropsSchema.extend({
  layer: z.string().min(1),
  clauseTexts: z.array(z.string()).optional(),
  /** Parsed clauses as the pipeline writes them; only their raw text is used here. */
  clauses: z.array(z.looseObject({ text: z.string() })).optional(),
  /** QA findings about the feature's record (the pipeline's QA layer carries them on its markers). */
  qa: z.array(qaFindingSchema).optional(),
  /** Ids of the features of the record a QA marker stands for (QA layer only). */
  featureIds: z.array(z.string()).optional(),
  /** Category of an imported feature (`project-boundary`, `ecological-red-line` …) that the conflict rules match. */
  category: z.string().min(1).optional(),
});
/** Properties of a feature in the catalog. */
export type ViewerProps = z.infer<typeof viewerPropsSchema>;

/** A validated feature. */
export interface ViewerFeature {
  id: string;
  geometry: Geometry;
  props: ViewerProps;
}

/** A loaded layer. */
export interface LoadedLayer {
  id: string;
  features: ViewerFeature[];
  /** Problems with individual features or the file, in English (shown to the user verbatim). */
  errors: string[];
}

/** Result of loading every layer. */
export interface CatalogLoad {
  layers: LoadedLayer[];
  /** Whether the hand-made sample (not pipeline output) is shown. */
  sample: boolean;
}
