import { z } from 'zod';

/**
 * A named place the gazettes mention (village, natural village, plant, landmark) and the township it lies in,
 * from the statistics-bureau division lists. Villages have no coordinates in any reachable source: they resolve
 * to their township's anchor, with the township's precision.
 */
export const placeRowSchema = z.object({
  name: z.string().min(1),
  county: z.string().min(1),
  /**
   * Township (镇/乡/街道) the place belongs to; matches a town anchor's name in the same county. `县城` means the
   * county seat town. Empty when `anchorId` names the place's own anchor.
   */
  township: z.string(),
  /** Id of the place's own anchor in anchors.json (a published site point), or empty. */
  anchorId: z.string(),
  /** Where the township membership comes from. */
  source: z.string().min(1),
});
/** One row of data/gazetteer/places.csv. */
export type PlaceRow = z.infer<typeof placeRowSchema>;

/** Another name of a township or county (renamed, merged, or a short form). */
export const aliasRowSchema = z.object({
  alias: z.string().min(1),
  canonical: z.string().min(1),
  county: z.string().min(1),
  source: z.string().min(1),
});
/** One row of data/gazetteer/aliases.csv. */
export type AliasRow = z.infer<typeof aliasRowSchema>;

/**
 * A better anchor supplied by a user (a click on a basemap, or surveyed coordinates). Overrides take precedence
 * over every other way of resolving the same name in the same county.
 */
export const anchorOverrideSchema = z.object({
  name: z.string().min(1),
  county: z.string().min(1),
  /** WGS84 / CGCS2000 longitude and latitude (the two agree to the decimetre here). */
  lon: z.number().gte(-180).lte(180),
  lat: z.number().gte(-90).lte(90),
  precisionM: z.number().nonnegative(),
  /** Who placed it and how: "surveyed 2023 界址点", "clicked on 天地图 imagery by …". */
  source: z.string().min(1),
});
/** One entry of data/gazetteer/overrides.json. */
export type AnchorOverride = z.infer<typeof anchorOverrideSchema>;

/** The override file. */
export const anchorOverrideListSchema = z.array(anchorOverrideSchema);
