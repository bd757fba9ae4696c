import { z } from 'zod';

/**
 * The Shanxi-wide gazetteer file (`data/gazetteer/shanxi.json`): every city, county-level unit and township of
 * Shanxi with its statistics-bureau code, and an anchor point where one is known. It is loaded lazily (not part
 * of the initial bundle) by whoever needs a picker or a resolver.
 */

/** Format tag of the file. */
export const SHANXI_GAZETTEER_FORMAT = 'shanxi-gazetteer';

/** A known point for a division, in WGS84, with the radius in metres within which its government point lies. */
export const divisionAnchorSchema = z.object({
  lon: z.number().gte(-180).lte(180),
  lat: z.number().gte(-90).lte(90),
  /** Radius (m) of where the division's own government point may be around this anchor. */
  precisionM: z.number().positive(),
  /** Index into `anchorSources`. */
  source: z.number().int().nonnegative(),
  /** The name the anchor was published under, when it differs (a township renamed since: 季庄乡 → 季庄镇). */
  publishedName: z.string().optional(),
});
/** An anchor of a division. */
export type DivisionAnchor = z.infer<typeof divisionAnchorSchema>;

/** A prefecture-level city. */
export const cityEntrySchema = z.object({ code: z.string().regex(/^\d{4}$/), name: z.string().min(1), anchor: divisionAnchorSchema.nullable() });
/** A county-level unit (县, 市, 区). */
export const countyEntrySchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  city: z.string().regex(/^\d{4}$/),
  anchor: divisionAnchorSchema.nullable(),
});
/** A township-level unit (镇, 乡, 街道). */
export const townshipEntrySchema = z.object({
  code: z.string().regex(/^\d{9}$/),
  name: z.string().min(1),
  county: z.string().regex(/^\d{6}$/),
  anchor: divisionAnchorSchema.nullable(),
});

/** The whole file. */
export const shanxiGazetteerSchema = z.object({
  format: z.literal(SHANXI_GAZETTEER_FORMAT),
  version: z.literal(1),
  /** Where names and codes come from, with the licence. */
  divisions: z.object({ source: z.string().min(1), licence: z.string().min(1) }),
  /** Where anchors come from, with the licence; entries refer to them by index. */
  anchorSources: z.array(z.object({ source: z.string().min(1), licence: z.string().min(1) })),
  cities: z.array(cityEntrySchema),
  counties: z.array(countyEntrySchema),
  townships: z.array(townshipEntrySchema),
});
/** The parsed file. */
export type ShanxiGazetteerData = z.infer<typeof shanxiGazetteerSchema>;
/** A city entry. */
export type CityEntry = z.infer<typeof cityEntrySchema>;
/** A county entry. */
export type CountyEntry = z.infer<typeof countyEntrySchema>;
/** A township entry. */
export type TownshipEntry = z.infer<typeof townshipEntrySchema>;
