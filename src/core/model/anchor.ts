import { z } from 'zod';

/** Gazetteer levels of an anchor point, from the coarsest to the finest. */
export const ANCHOR_LEVELS = ['city', 'county', 'town', 'village', 'site'] as const;
/** One of {@link ANCHOR_LEVELS}. */
export type AnchorLevel = (typeof ANCHOR_LEVELS)[number];

/**
 * Datums an anchor's original coordinates can be in. `GCJ-02` is the shifted datum of Chinese commercial maps
 * (AMap centres); `unknown` covers published lists and wiki infoboxes that do not state a datum.
 */
export const ANCHOR_DATUMS = ['GCJ-02', 'WGS84', 'unknown'] as const;
/** One of {@link ANCHOR_DATUMS}. */
export type AnchorDatum = (typeof ANCHOR_DATUMS)[number];

/**
 * A city anchor is the prefecture government point (AMap city centre). The places the gazettes name in a city
 * can be anywhere in its urban area, which spans about 10–20 km around that point.
 */
export const CITY_PRECISION_M = 15_000;
/**
 * A county anchor is the county government point, not the county seat town (城关镇) as a whole: seat towns are
 * a few km across, so a feature "in the county seat" can lie up to about 5 km from it.
 */
export const COUNTY_PRECISION_M = 5_000;
/**
 * A town anchor is the township government point. Township seats plus their immediate villages extend a few km,
 * and the villages the gazettes name are often not the seat village.
 */
export const TOWN_PRECISION_M = 3_000;
/** A village anchor is the village committee point; the village land around it spans roughly 1 km. */
export const VILLAGE_PRECISION_M = 1_000;
/**
 * A site anchor is a published point of one facility (a radar, a temple); the facility or its grounds, and the
 * datum uncertainty of these sources (up to ~600 m if one was in fact GCJ-02), stay within about 500 m.
 */
export const SITE_PRECISION_M = 500;

/**
 * Default radius, in metres, of where the named thing may be relative to its anchor point, per level.
 * The anchor is an anchor with a precision, never the feature's true position.
 */
export const DEFAULT_PRECISION_M: Readonly<Record<AnchorLevel, number>> = {
  city: CITY_PRECISION_M,
  county: COUNTY_PRECISION_M,
  town: TOWN_PRECISION_M,
  village: VILLAGE_PRECISION_M,
  site: SITE_PRECISION_M,
};

const latSchema = z.number().gte(-90).lte(90);
const lonSchema = z.number().gte(-180).lte(180);

/** One row of `data/gazetteer/anchors.csv`, after type conversion. */
export const anchorCsvRowSchema = z.object({
  level: z.enum(ANCHOR_LEVELS),
  /** Name without the parenthesised note. */
  name: z.string().min(1),
  /** The parenthesised text of the brief's name column (what lies at or near the anchor); may be empty. */
  note: z.string(),
  county: z.string().min(1),
  lat: latSchema,
  lon: lonSchema,
  datum: z.enum(ANCHOR_DATUMS),
  source: z.string().min(1),
});
/** One parsed row of the anchor CSV. */
export type AnchorCsvRow = z.infer<typeof anchorCsvRowSchema>;

/** An anchor point of the gazetteer, as written to `data/gazetteer/anchors.json`. */
export const anchorSchema = z.object({
  /** Stable ASCII slug derived from level, county and name; unique in the file. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  level: z.enum(ANCHOR_LEVELS),
  name: z.string().min(1),
  note: z.string(),
  county: z.string().min(1),
  /** Coordinates exactly as published, with their datum, so the conversion can be checked. */
  original: z.object({ lat: latSchema, lon: lonSchema, datum: z.enum(ANCHOR_DATUMS) }),
  /** WGS84 position (7 decimals). For datum `unknown` this is the original value, unconverted. */
  wgs84: z.object({ lat: latSchema, lon: lonSchema }),
  /** True when the original datum is unknown, so `wgs84` is the published value taken as WGS84. */
  datumUnknown: z.boolean(),
  /** Radius in metres of where the named thing may be relative to this point. */
  precisionM: z.number().positive(),
  source: z.string().min(1),
});
/** An anchor point. */
export type Anchor = z.infer<typeof anchorSchema>;

/** The whole anchor file: ids must be unique. */
export const anchorListSchema = z.array(anchorSchema).superRefine((anchors, ctx) => {
  const seen = new Set<string>();
  for (const [i, a] of anchors.entries()) {
    if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate anchor id ${a.id}`, path: [i, 'id'] });
    seen.add(a.id);
  }
});
