import { z } from 'zod';
import { FEATURE_STATUSES } from './feature-props';

/**
 * Typed records parsed from gazette boundary texts (山西 government gazettes).
 *
 * A record is one spatial feature as the text states it: what it is, where the text says it is,
 * every clause of its boundary description in a typed form, the areas the text states, and flags
 * for whatever the text leaves odd or unparsed. Records carry no geometry: the geometry stage
 * turns clauses into shapes. All offsets are in metres; all areas are normalised to m² with the
 * original value and unit kept.
 *
 * Character spans (`span`) index into the normalised text of the source passage (see
 * `SourceRecordsFile.text`), so a UI can highlight a clause and a test can check that every number
 * of the passage ended up somewhere.
 */

/** The eight compass directions the gazettes use (东, 东北, 北, …). */
export const DIRECTIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
/** One of {@link DIRECTIONS}. */
export type Direction = (typeof DIRECTIONS)[number];

/** Chinese direction words and the direction each stands for. */
export const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  东北: 'NE',
  东南: 'SE',
  西北: 'NW',
  西南: 'SW',
  东: 'E',
  南: 'S',
  西: 'W',
  北: 'N',
};

/** Half-open character range `[start, end)` in the normalised passage text. */
export const spanSchema = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine(([a, b]) => b >= a, { message: 'span end before start' });
/** A character span. */
export type Span = z.infer<typeof spanSchema>;

/** Record statuses, shared with the map feature schema. */
export const RECORD_STATUSES = FEATURE_STATUSES;
/** One of {@link RECORD_STATUSES}. */
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Severity of a flag: `error` means the text cannot be right as written. */
export const FLAG_SEVERITIES = ['info', 'warning', 'error'] as const;
/** One of {@link FLAG_SEVERITIES}. */
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

/** Codes of the flags the parser and the QA stage raise. */
export const FLAG_CODES = [
  /** A number in the passage ended up in no field. */
  'UNPARSED_NUMBER',
  /** A direction word in the passage ended up in no field. */
  'UNPARSED_DIRECTION',
  /** A clause of a boundary description did not match any grammar. */
  'UNPARSED_CLAUSE',
  /** The same direction is given twice in one zone. */
  'DUPLICATE_DIRECTION',
  /** A direction of the zone's scheme (N/E/S/W or NE/SE/SW/NW) has no clause. */
  'MISSING_DIRECTION',
  /** Cardinal and diagonal directions are mixed in one zone. */
  'MIXED_DIRECTION_SCHEME',
  /** Two clauses were glued together by misplaced punctuation; they were split. */
  'GLUED_CLAUSE',
  /** The offset is measured from a reference on the opposite side (e.g. 南由北城墙). */
  'ODD_REFERENCE',
  /** The verb names a direction other than the clause's own (e.g. 北…向南延伸). */
  'VERB_DIRECTION_MISMATCH',
  /** A clause gives a limit feature but no distance. */
  'LIMIT_WITHOUT_METRES',
  /** No rectangle with the stated offsets can have the stated area. */
  'AREA_UNREACHABLE',
  /** The stated area is only just reachable (the reference object must be tiny). */
  'AREA_BARELY_REACHABLE',
  /** The control-zone area does not fit a ring of the stated offsets around the protection range. */
  'RING_AREA_INCONSISTENT',
  /** The control-zone area fits only if it includes the protection range. */
  'RING_AREA_FITS_AS_TOTAL',
  /** The control zone's stated area is smaller than the protection range's. */
  'CONTROL_AREA_BELOW_PROTECTION',
  /** Protection range and control zone end at the same limit feature on one side. */
  'SAME_LIMIT_BOTH_ZONES',
  /** A site is listed under one county but its address is in another. */
  'COUNTY_MISMATCH',
  /** The site's name names another county than its address. */
  'NAME_COUNTY_DIFFERS',
  /** A county header's count differs from the number of sites listed under it. */
  'HEADER_COUNT_MISMATCH',
  /** Stated parts do not add up to the stated total. */
  'TOTAL_MISMATCH',
  /** Two stated areas are almost the same number in different features (possible copy error). */
  'NEAR_DUPLICATE_AREA',
  /** A value in the text contradicts the passage's metadata header. */
  'METADATA_MISMATCH',
  /** A stray line was joined to the preceding field. */
  'STRAY_LINE',
  /** The text refers to a list or annex that is not in the passage. */
  'EXTERNAL_ANNEX',
  /** The feature has no boundary description at all. */
  'NO_BOUNDARY',
  /** Several references share one relative position (e.g. 西沟村、沙窑村西侧). */
  'SHARED_POSITION',
  /** A total count for several places was shared out among them. */
  'COUNT_SPLIT',
  /** The text is malformed in a way the parser could only partly read. */
  'MALFORMED_TEXT',
  /**
   * A number (with its unit) or a direction word that no typed field holds with that value and
   * direction; the message quotes its sentence. Raised by the accounting by meaning.
   */
  'UNREAD',
] as const;
/** One of {@link FLAG_CODES}. */
export type FlagCode = (typeof FLAG_CODES)[number];

/** A problem or remark attached to a record or a passage. */
export const flagSchema = z.object({
  code: z.enum(FLAG_CODES),
  severity: z.enum(FLAG_SEVERITIES),
  message: z.string().min(1),
  /** Where in the passage text the flagged words are, when there are any. */
  span: spanSchema.nullable(),
});
/** A flag. */
export type Flag = z.infer<typeof flagSchema>;

/** Area units the gazettes use. */
export const AREA_UNITS = ['平方米', '万平方米', '公顷', '平方公里', '亩', '万亩'] as const;
/** One of {@link AREA_UNITS}. */
export type AreaUnit = (typeof AREA_UNITS)[number];

/** An area stated in the text. */
export const statedAreaSchema = z.object({
  /** The number as written (after layout repair, e.g. "5. 51" → 5.51). */
  value: z.number().nonnegative(),
  unit: z.enum(AREA_UNITS),
  /** The same area in square metres. */
  m2: z.number().nonnegative(),
  /** What the area is of, as the text qualifies it: 规划面积, 总面积, … or null. */
  qualifier: z.string().nullable(),
  text: z.string().min(1),
  span: spanSchema,
});
/** A stated area. */
export type StatedArea = z.infer<typeof statedAreaSchema>;

/** What an offset is measured from when the reference is another zone, not a named object. */
export const ZONE_REFERENCES = ['protection-range', 'relic-body'] as const;
/** One of {@link ZONE_REFERENCES}. */
export type ZoneReference = (typeof ZONE_REFERENCES)[number];

const clauseBase = {
  /** The clause as normalised text. */
  text: z.string().min(1),
  span: spanSchema,
};

/**
 * "北由<reference>向外延伸 20 米至<limit>" and its variants (向外, 外扩, 向北延伸, …米处<limit>,
 * 至<reference>外 N 米处<limit>). `reference` is null when the text gives none (a base point leg).
 */
export const offsetClauseSchema = z.object({
  type: z.literal('offset'),
  direction: z.enum(DIRECTIONS),
  /** Set when the stated direction is a duplicate and another direction is evidently meant. */
  inferredDirection: z.enum(DIRECTIONS).nullable(),
  reference: z.string().nullable(),
  /** Set when the reference is a zone of the same site rather than an object. */
  referenceZone: z.enum(ZONE_REFERENCES).nullable(),
  metres: z.number().nonnegative(),
  limit: z.string().nullable(),
  /** The verb as written: 向外延伸, 外扩, 向北, … */
  verb: z.string(),
  /** "约 N 米": the text gives the distance as approximate. */
  approximate: z.boolean().optional(),
  ...clauseBase,
});
/** An offset clause. */
export type OffsetClause = z.infer<typeof offsetClauseSchema>;

/** "北至<limit>": a limit feature with no distance. */
export const limitClauseSchema = z.object({
  type: z.literal('limit'),
  direction: z.enum(DIRECTIONS),
  inferredDirection: z.enum(DIRECTIONS).nullable(),
  limit: z.string().min(1),
  ...clauseBase,
});
/** A limit clause. */
export type LimitClause = z.infer<typeof limitClauseSchema>;

/** "四周各外扩 N 米", "四周向外延伸 N 米": the same offset on every side. */
export const uniformClauseSchema = z.object({
  type: z.literal('uniform'),
  reference: z.string().nullable(),
  referenceZone: z.enum(ZONE_REFERENCES).nullable(),
  metres: z.number().nonnegative(),
  limit: z.string().nullable(),
  /** "外扩约 N 米": the text gives the distance as approximate. */
  approximate: z.boolean().optional(),
  ...clauseBase,
});
/** A uniform-offset clause. */
export type UniformClause = z.infer<typeof uniformClauseSchema>;

/** "以<centre>为中心, 半径 N 米": a circle. */
export const radiusClauseSchema = z.object({
  type: z.literal('radius'),
  centre: z.string().nullable(),
  metres: z.number().nonnegative(),
  ...clauseBase,
});
/** A radius clause. */
export type RadiusClause = z.infer<typeof radiusClauseSchema>;

/** One leg of a base-point description. */
export const basePointLegSchema = z.object({
  direction: z.enum(DIRECTIONS),
  metres: z.number().nonnegative().nullable(),
  limit: z.string().nullable(),
  text: z.string().min(1),
  span: spanSchema,
});
/** A base-point leg. */
export type BasePointLeg = z.infer<typeof basePointLegSchema>;

/** "以<point>为基点, 东 N 米, 南 M 米…": distances from one point. */
export const basePointClauseSchema = z.object({
  type: z.literal('base-point'),
  point: z.string().min(1),
  legs: z.array(basePointLegSchema),
  ...clauseBase,
});
/** A base-point clause. */
export type BasePointClause = z.infer<typeof basePointClauseSchema>;

/** "东西各延 N 米, 南北各延 M 米": a rectangle centred on the reference. */
export const rectangleClauseSchema = z.object({
  type: z.literal('rectangle'),
  reference: z.string().nullable(),
  referenceZone: z.enum(ZONE_REFERENCES).nullable(),
  /** Distance to each of the east and west sides. */
  eastWestMetres: z.number().nonnegative(),
  /** Distance to each of the north and south sides. */
  northSouthMetres: z.number().nonnegative(),
  ...clauseBase,
});
/** A rectangle clause. */
export type RectangleClause = z.infer<typeof rectangleClauseSchema>;

/** Relative position of a reference to a named anchor: "高村南", "村西侧", "侯村以南", "以东 1500 米". */
export const relativePositionSchema = z.object({
  direction: z.enum(DIRECTIONS),
  /** "侧" / "边" was written: the boundary runs along that side of the anchor. */
  side: z.boolean(),
  /** Set when a distance is given ("以东 1500 米"). */
  metres: z.number().nonnegative().nullable(),
});
/** A relative position. */
export type RelativePosition = z.infer<typeof relativePositionSchema>;

/** One reference of a four-bounds side. */
export const boundReferenceSchema = z.object({
  /** The named anchor (village, road, company site), or the whole reference when no position is given. */
  anchor: z.string().min(1),
  position: relativePositionSchema.nullable(),
  /** A feature located relative to the anchor ("侯村以南生态防洪冲沟" → 生态防洪冲沟). */
  feature: z.string().nullable(),
  /** The position was written once after several references and applies to this one too. */
  sharedPosition: z.boolean(),
  text: z.string().min(1),
});
/** A four-bounds reference. */
export type BoundReference = z.infer<typeof boundReferenceSchema>;

/** One side of a 四至 description: "东至…". */
export const boundSideSchema = z.object({
  direction: z.enum(DIRECTIONS),
  references: z.array(boundReferenceSchema).min(1),
  text: z.string().min(1),
  span: spanSchema,
});
/** A four-bounds side. */
export type BoundSide = z.infer<typeof boundSideSchema>;

/** "东至…, 西至…, 南至…, 北至…" in any order, several references per side. */
export const fourBoundsClauseSchema = z.object({
  type: z.literal('four-bounds'),
  sides: z.array(boundSideSchema).min(1),
  ...clauseBase,
});
/** A four-bounds clause. */
export type FourBoundsClause = z.infer<typeof fourBoundsClauseSchema>;

/** "同保护范围", "同文物本体": the zone equals another (optionally on one side only). */
export const sameAsClauseSchema = z.object({
  type: z.literal('same-as'),
  target: z.enum(ZONE_REFERENCES),
  direction: z.enum(DIRECTIONS).nullable(),
  ...clauseBase,
});
/** A same-as clause. */
export type SameAsClause = z.infer<typeof sameAsClauseSchema>;

/** One end of a linear relic ("东端至…", "西端外延 50 米"). */
export const lineEndSchema = z.object({
  direction: z.enum(DIRECTIONS),
  metres: z.number().nonnegative().nullable(),
  limit: z.string().nullable(),
  text: z.string().min(1),
  span: spanSchema,
});
/** A line end. */
export type LineEnd = z.infer<typeof lineEndSchema>;

/**
 * "城墙两侧各 10 米", "以墙基外缘为基线向两侧各扩 50 米": a buffer on both sides of a linear relic
 * (wall, canal, road), with its ends when the text gives them.
 */
export const linearClauseSchema = z.object({
  type: z.literal('linear'),
  /** The line the buffer is measured from (城墙, 墙基外缘, 渠堤…), or null. */
  reference: z.string().nullable(),
  referenceZone: z.enum(ZONE_REFERENCES).nullable(),
  /** Distance on each side of the line. */
  metres: z.number().nonnegative(),
  ends: z.array(lineEndSchema),
  ...clauseBase,
});
/** A linear-buffer clause. */
export type LinearClause = z.infer<typeof linearClauseSchema>;

/**
 * "西北角:北纬36°3′30″,东经101°54′53″": a corner of the zone given as latitude and longitude in degrees,
 * minutes and seconds (datum not stated). `lat`/`lon` are decimal degrees.
 */
export const cornerClauseSchema = z.object({
  type: z.literal('corner'),
  corner: z.enum(['NE', 'SE', 'SW', 'NW']),
  lat: z.number().gte(-90).lte(90),
  lon: z.number().gte(-180).lte(180),
  ...clauseBase,
});
/** A corner-coordinate clause. */
export type CornerClause = z.infer<typeof cornerClauseSchema>;

/** Any parsed boundary clause, discriminated by `type`. */
export const clauseSchema = z.discriminatedUnion('type', [
  offsetClauseSchema,
  limitClauseSchema,
  uniformClauseSchema,
  radiusClauseSchema,
  basePointClauseSchema,
  rectangleClauseSchema,
  fourBoundsClauseSchema,
  sameAsClauseSchema,
  linearClauseSchema,
  cornerClauseSchema,
]);
/** A parsed clause. */
export type Clause = z.infer<typeof clauseSchema>;
/** The `type` of a clause. */
export type ClauseType = Clause['type'];

/** Kinds of zone a relic site has. */
export const ZONE_KINDS = ['protection-range', 'construction-control'] as const;
/** One of {@link ZONE_KINDS}. */
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** A protection range or construction-control zone with its own clauses and area. */
export const zoneSchema = z.object({
  kind: z.enum(ZONE_KINDS),
  /**
   * Grade of a graded construction-control zone: 1, 2 or 3 for 一类/二类/三类建设控制地带. Each
   * grade's clauses are measured from the zone inside it (the protection range for the innermost).
   */
  grade: z.number().int().min(1).max(3).optional(),
  /** The label as written (保护范围, 建设控制地带, 建控地带, …). */
  label: z.string().min(1),
  clauses: z.array(clauseSchema),
  area: statedAreaSchema.nullable(),
  text: z.string().min(1),
  span: spanSchema,
});
/** A zone. */
export type Zone = z.infer<typeof zoneSchema>;

/** The document a record comes from. */
export const documentRefSchema = z.object({
  title: z.string().min(1),
  number: z.string().min(1),
  issuer: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gazette: z.string().min(1),
});
/** A document reference. */
export type DocumentRef = z.infer<typeof documentRefSchema>;

/** "《…》(临政函〔2021〕7 号)同时废止": an earlier document this one repeals. */
export const repealSchema = z.object({
  number: z.string().nullable(),
  title: z.string().nullable(),
  /** Issue date of the repealed document when the text gives it. */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).nullable(),
  text: z.string().min(1),
  span: spanSchema,
});
/** A repeal. */
export type Repeal = z.infer<typeof repealSchema>;

/** Where a record's text is. */
export const recordSourceSchema = z.object({
  /** File under data/sources/. */
  file: z.string().min(1),
  /** Seed gazette file the passage was copied from. */
  seed: z.string().min(1),
  /** Lines in the seed numbering, inclusive. */
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** Normalised text of the feature's part of the passage. */
  quote: z.string().min(1),
  span: spanSchema,
});
/** A record's source. */
export type RecordSource = z.infer<typeof recordSourceSchema>;

/** A date mentioned in the text with what it dates. */
export const datedEventSchema = z.object({
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  text: z.string().min(1),
  span: spanSchema,
});
/** A dated event. */
export type DatedEvent = z.infer<typeof datedEventSchema>;

const recordBase = {
  /** Stable id: `<source id>/<slug>`; the slug is the feature's name in the text or a fixed key. */
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  name: z.string().min(1),
  /** County-level unit as the text names it (区/县/市, or a short form such as 襄汾). */
  county: z.string().nullable(),
  address: z.string().nullable(),
  document: documentRefSchema,
  status: z.enum(RECORD_STATUSES),
  source: recordSourceSchema,
  areas: z.array(statedAreaSchema),
  repeals: z.array(repealSchema),
  events: z.array(datedEventSchema),
  /** Where in the passage each plain field (name, county, address, era, …) was read from. */
  provenance: z.array(z.object({ field: z.string().min(1), span: spanSchema })),
  flags: z.array(flagSchema),
};

/** A chemical park or a cluster of one, with its 四至 and stated areas. */
export const chemicalParkRecordSchema = z.object({
  kind: z.literal('chemical-park'),
  ...recordBase,
  /** Former or alternative names (后更名为…). */
  aliases: z.array(z.string()),
  /** Parent zone or park the feature lies in, when stated. */
  parent: z.string().nullable(),
  /** Relative location in words ("浮山县城以北"). */
  location: z.string().nullable(),
  clauses: z.array(clauseSchema),
  /** Statements the text makes about overlaps (不涉及生态保护红线…). */
  claims: z.array(z.string()),
});
/** A chemical-park record. */
export type ChemicalParkRecord = z.infer<typeof chemicalParkRecordSchema>;

/** An approved land-acquisition (成片开发) scheme. */
export const landAcquisitionRecordSchema = z.object({
  kind: z.literal('land-acquisition'),
  ...recordBase,
  clauses: z.array(clauseSchema),
  /** Planning zones the area must lie in (城镇开发边界内的集中建设区). */
  mustLieWithin: z.array(z.string()),
  /** For one 片区 of a scheme: its 编号 as written (CZ3411-2022-1), or null. */
  code: z.string().nullable().optional(),
  /** For one 片区 of a scheme: the villages and communities it covers, as listed. */
  villages: z.array(z.string()).optional(),
  /** For one 片区 of a scheme: the scheme's name. */
  scheme: z.string().nullable().optional(),
});
/** A land-acquisition record. */
export type LandAcquisitionRecord = z.infer<typeof landAcquisitionRecordSchema>;

/** A protected relic site with its protection range and construction-control zone. */
export const relicSiteRecordSchema = z.object({
  kind: z.literal('relic-site'),
  ...recordBase,
  era: z.string().nullable(),
  /** County under whose header the site is listed. */
  listedUnder: z.string().nullable(),
  protectionRange: zoneSchema.nullable(),
  controlZone: zoneSchema.nullable(),
  /**
   * Graded construction-control zones (一类/二类/三类), innermost first, each with its `grade`.
   * When present, `controlZone` is null: the grades are separate rings, not one zone.
   */
  gradedControlZones: z.array(zoneSchema).optional(),
});
/** A relic-site record. */
export type RelicSiteRecord = z.infer<typeof relicSiteRecordSchema>;

/** A red-culture site (红色文化遗址), zones still to be drawn. */
export const redCultureRecordSchema = z.object({
  kind: z.literal('red-culture-site'),
  ...recordBase,
  aliases: z.array(z.string()),
  /** How many sites the document lists in all (only some are named). */
  listCount: z.number().int().positive().nullable(),
  zonesPending: z.boolean(),
});
/** A red-culture record. */
export type RedCultureRecord = z.infer<typeof redCultureRecordSchema>;

/** Whether a facility is to be built or exists already. */
export const FACILITY_STATUSES = ['planned', 'existing'] as const;
/** One of {@link FACILITY_STATUSES}. */
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/** Where a facility entry applies: one county, each county, or the whole city with no site. */
export const FACILITY_SCOPES = ['county', 'each-county', 'area', 'city'] as const;
/** One of {@link FACILITY_SCOPES}. */
export type FacilityScope = (typeof FACILITY_SCOPES)[number];

/** A meteorological facility entry of a plan: type, place, count, status. */
export const meteoFacilityRecordSchema = z.object({
  kind: z.literal('meteo-facility'),
  ...recordBase,
  facility: z.string().min(1),
  scope: z.enum(FACILITY_SCOPES),
  /** A named area that is not a county (西山片区), when scope is `area`. */
  area: z.string().nullable(),
  /** Number of facilities, null when the text gives none. */
  count: z.number().int().nonnegative().nullable(),
  facilityStatus: z.enum(FACILITY_STATUSES),
  /** The verb as written: 新建, 新增, 增建, 建设, 改造, 升级, 搬迁. */
  action: z.string().min(1),
});
/** A meteorological-facility record. */
export type MeteoFacilityRecord = z.infer<typeof meteoFacilityRecordSchema>;

/** One requirement a plan sets for a park's boundary. */
export const requirementSchema = z.object({
  topic: z.string().min(1),
  text: z.string().min(1),
  span: spanSchema,
});
/** A requirement. */
export type Requirement = z.infer<typeof requirementSchema>;

/** Requirements a plan sets for a park (四至, 拐点坐标, safety control line). */
export const parkRequirementsRecordSchema = z.object({
  kind: z.literal('park-requirements'),
  ...recordBase,
  requirements: z.array(requirementSchema),
  /** Individual-risk contour the safety control line is drawn from, per year (3×10⁻⁷ → 3e-7). */
  riskContourPerYear: z.number().positive().nullable(),
});
/** A park-requirements record. */
export type ParkRequirementsRecord = z.infer<typeof parkRequirementsRecordSchema>;

/** Any gazette record, discriminated by `kind`. */
export const gazetteRecordSchema = z.discriminatedUnion('kind', [
  chemicalParkRecordSchema,
  landAcquisitionRecordSchema,
  relicSiteRecordSchema,
  redCultureRecordSchema,
  meteoFacilityRecordSchema,
  parkRequirementsRecordSchema,
]);
/** A gazette record. */
export type GazetteRecord = z.infer<typeof gazetteRecordSchema>;
/** The `kind` of a record. */
export type RecordKind = GazetteRecord['kind'];

/** Kinds of source passage (the `kind` field of a data/sources header). */
export const SOURCE_KINDS = [
  'chemical-park',
  'land-acquisition',
  'relic-zones',
  'red-culture',
  'meteo-plan',
  'park-requirements',
] as const;
/** One of {@link SOURCE_KINDS}. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A structural token of the passage (item numbers, headings) that is not a feature. */
export const outlineEntrySchema = z.object({
  label: z.string().min(1),
  span: spanSchema,
});
/** An outline entry. */
export type OutlineEntry = z.infer<typeof outlineEntrySchema>;

/** Document-level facts parsed from a passage, beyond its records. */
export const passageDocumentSchema = z.object({
  /** Spans of the title, number, issuer and date where the passage contains them. */
  titleSpan: spanSchema.nullable(),
  numberSpan: spanSchema.nullable(),
  issuerSpan: spanSchema.nullable(),
  dateSpan: spanSchema.nullable(),
  /** Documents cited as the basis or as the request answered (晋自然资函〔2018〕152 号, …). */
  citations: z.array(z.object({ number: z.string().min(1), span: spanSchema })),
  outline: z.array(outlineEntrySchema),
  /** Other spans whose numbers are document facts (lists with counts, dates of meetings). */
  facts: z.array(z.object({ label: z.string().min(1), text: z.string().min(1), span: spanSchema })),
});
/** Document-level facts of a passage. */
export type PassageDocument = z.infer<typeof passageDocumentSchema>;

/** The JSON written to data/records/<source id>.json: one passage and its records. */
export const sourceRecordsFileSchema = z.object({
  schemaVersion: z.literal(1),
  sourceId: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(SOURCE_KINDS),
  document: documentRefSchema,
  seed: z.string().min(1),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** The normalised passage text all spans index into. */
  text: z.string(),
  parsed: passageDocumentSchema,
  records: z.array(gazetteRecordSchema),
  /** Flags about the passage as a whole (unparsed numbers, metadata mismatches). */
  flags: z.array(flagSchema),
});
/** One data/records file. */
export type SourceRecordsFile = z.infer<typeof sourceRecordsFileSchema>;
