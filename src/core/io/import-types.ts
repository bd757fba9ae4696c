import type { BBox, Feature, Geometry } from 'geojson';

/**
 * Shared types of the import pipeline: every importer turns bytes into an {@link ImportPreview}
 * (nothing is accepted yet), or into an {@link ImportFailure} value. Data problems are values,
 * never exceptions; every message is given in Chinese and English.
 */

/** A message in both languages the UI shows. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Formats the importers read. */
export const IMPORT_FORMATS = ['geojson', 'kml', 'kmz', 'shapefile', 'coordinate-table', 'land-block'] as const;
/** One of {@link IMPORT_FORMATS}. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Why an import failed as a whole (the preview could not be built). */
export const IMPORT_REASONS = {
  /** The file is empty or only whitespace. */
  empty: 'empty-input',
  /** Neither extension nor content matched a supported format. */
  unknownFormat: 'unknown-format',
  /** The file is damaged or not valid for its format (JSON syntax, XML syntax, zip, .shp). */
  parseError: 'parse-error',
  /** The file was read but holds no feature with a geometry. */
  noFeatures: 'no-features',
  /** The coordinates fit no supported CRS (or contradict the stated one beyond repair). */
  crsUndetermined: 'crs-undetermined',
  /** The file states a CRS we cannot convert exactly (Beijing 1954, Xi'an 1980, UTM …). */
  unsupportedCrs: 'unsupported-crs',
  /** A zip held no .shp, or a KMZ no .kml (or a lone .dbf / .shx / .prj was chosen). */
  missingPart: 'missing-part',
  /**
   * The input exceeds a safety cap before it is expanded: a zip whose entries declare more than
   * the limits of `zip-read.ts` (a zip bomb), or too many entries.
   */
  tooLarge: 'too-large',
} as const;
/** One of {@link IMPORT_REASONS}. */
export type ImportReason = (typeof IMPORT_REASONS)[keyof typeof IMPORT_REASONS];

/** The import failed as a whole. */
export interface ImportFailure {
  readonly ok: false;
  readonly reason: ImportReason;
  /** "zh / en" text naming the problem and where. */
  readonly message: string;
  readonly detail: Bilingual;
  /** For `crs-undetermined`: the extent of the numbers, for `crsChoices` (the manual choice). */
  readonly ranges?: { readonly minA: number; readonly maxA: number; readonly minB: number; readonly maxB: number };
}

/** Builds an {@link ImportFailure}. */
export function importFailure(reason: ImportReason, detail: Bilingual): ImportFailure {
  return { ok: false, reason, message: `${detail.zh} / ${detail.en}`, detail };
}

/**
 * Fixes the user may accept. Each is applied to every finding of its kind.
 * - `close-rings`: append the first vertex to rings that do not end on it;
 * - `remove-duplicate-vertices`: drop consecutive vertices closer than 1 mm;
 * - `fix-orientation`: outer rings counter-clockwise, holes clockwise (RFC 7946);
 * - `drop-empty-parts`: drop rings with fewer than 3 distinct vertices and empty parts;
 * - `convert-gcj02`: the coordinates are GCJ-02 (AMap, Tencent): convert to WGS84 with gcoord;
 * - `convert-bd09`: the coordinates are BD-09 (Baidu): convert to WGS84 with gcoord.
 */
export const FIX_IDS = [
  'close-rings',
  'remove-duplicate-vertices',
  'fix-orientation',
  'drop-empty-parts',
  'convert-gcj02',
  'convert-bd09',
] as const;
/** One of {@link FIX_IDS}. */
export type FixId = (typeof FIX_IDS)[number];

/** How serious a finding is: `error` blocks acceptance unless the user overrides. */
export type Severity = 'error' | 'warning' | 'info';

/** Where a finding is: every field that is known. Indices are 0-based, lines 1-based. */
export interface IssueLocation {
  readonly file?: string;
  readonly line?: number;
  readonly feature?: number;
  /** Polygon index inside a MultiPolygon (0 for a Polygon). */
  readonly part?: number;
  /** Ring index inside the polygon (0 = outer). */
  readonly ring?: number;
  readonly vertex?: number;
  /** Point name from a coordinate table (点号). */
  readonly pointName?: string;
  /** Position [lon, lat] of the finding, for the map. */
  readonly position?: readonly [number, number];
}

/** One finding of detection or validation. */
export interface ImportIssue {
  /** Machine-readable kind, e.g. `ring-not-closed`, `axes-swapped`. */
  readonly code: string;
  readonly severity: Severity;
  readonly location: IssueLocation;
  readonly message: Bilingual;
  /** Present when a safe fix exists; apply it with `applyFixes`. */
  readonly fix?: FixId;
}

/** The CRS an importer chose, and why. */
export interface CrsChoice {
  /**
   * EPSG code: 4490 (CGCS2000 lon/lat, also used for WGS84 input), 4491–4554 (CGCS2000
   * Gauss-Krüger) or 3857 (Web Mercator, converted with the spherical formulas).
   */
  readonly epsg: number;
  readonly name: string;
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  /** Whether the source gave the axes in the other order (northing/lat first) and they were swapped. */
  readonly axesSwapped: boolean;
  /** `stated`: named by the file; `detected`: deduced from magnitudes; `assumed`: a guess to confirm. */
  readonly confidence: 'stated' | 'detected' | 'assumed';
  /** Why this CRS was chosen. */
  readonly reason: Bilingual;
  /** Other EPSG codes that fit the numbers as well (the user may pick one and re-import). */
  readonly alternatives: readonly number[];
  /** Other readings of the numbers with where they put the data's centre and how far from this one. */
  readonly candidates?: readonly CrsCandidate[];
  /** [lon, lat] of the data's centre under this CRS. */
  readonly centre?: readonly [number, number];
  /** Set when Xi'an 80 / Beijing 54 coordinates were converted with seven parameters. */
  readonly datumTransform?: {
    readonly datum: 'xian80' | 'beijing54';
    readonly params: readonly [number, number, number, number, number, number, number];
    readonly source: 'file' | 'user';
  };
}

/** Another CRS the numbers fit, for the manual choice (see `crsChoices` for the full list). */
export interface CrsCandidate {
  readonly epsg: number;
  readonly name: string;
  readonly zone?: number;
  readonly zoneWidth?: 3 | 6;
  readonly axesSwapped: boolean;
  /** Geodesic distance in metres between the data's centre under this CRS and under the chosen one. */
  readonly distanceM: number;
  /** [lon, lat] of the data's centre under this CRS (where the shape lands). */
  readonly centre: readonly [number, number];
}

/** A stated area (from a table or a land-block file) compared with the area of the geometry. */
export interface StatedArea {
  readonly feature: number;
  /** The text as written, e.g. "1.2345 公顷". */
  readonly text: string;
  readonly line?: number;
  readonly statedM2: number;
  /** Half a unit of the last stated digit, in m². */
  readonly toleranceM2: number;
  /**
   * Planar (shoelace) area in the table's Gauss-Krüger plane, the convention of 界址点 tables;
   * null when the source is not projected.
   */
  readonly planarM2: number | null;
  /** Geodesic area on the CGCS2000 ellipsoid. */
  readonly geodesicM2: number;
  /** Whether the planar area (or the geodesic one for lon/lat sources) is within the tolerance. */
  readonly matches: boolean;
}

/** Counts and extent of the preview's features. */
export interface ImportStats {
  readonly features: number;
  readonly parts: number;
  readonly rings: number;
  readonly vertices: number;
  /** [minLon, minLat, maxLon, maxLat] in WGS84 / CGCS2000 degrees; null when empty. */
  readonly bbox: BBox | null;
  readonly geometryTypes: Readonly<Record<string, number>>;
  /** Text encoding the file was read with (tables, KML, GeoJSON), e.g. `utf-8`, `gb18030`. */
  readonly encoding?: string;
}

/** Properties of a previewed feature: whatever the source carried. */
export type SourceProperties = Record<string, unknown>;

/** A previewed feature: WGS84 / CGCS2000 lon/lat GeoJSON, not yet accepted. */
export type PreviewFeature = Feature<Geometry, SourceProperties>;

/** Where one vertex of a previewed feature came from (tables: line and point name). */
export interface VertexSource {
  readonly line: number;
  readonly name?: string;
}

/** A successful import: everything the user needs to decide before accepting. */
export interface ImportPreview {
  readonly ok: true;
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly crs: CrsChoice;
  /** Detection findings (swapped axes, Web Mercator, possible GCJ-02, outside Shanxi …). */
  readonly warnings: readonly ImportIssue[];
  /** Geometry validation findings. */
  readonly problems: readonly ImportIssue[];
  readonly features: readonly PreviewFeature[];
  readonly statedAreas: readonly StatedArea[];
  readonly stats: ImportStats;
  /**
   * Per feature, part, ring and vertex: the source line (tables only). Kept aligned with
   * `features` by `applyFixes` where vertices are not removed.
   */
  readonly vertexSources?: readonly (readonly (readonly (readonly VertexSource[])[])[] | null)[];
  /** Fix ids already applied, in order (the safe ones are applied by default; see `undoFixes`). */
  readonly appliedFixes: readonly FixId[];
  /** Computed area of every polygon feature (whether or not the file states one). */
  readonly computedAreas: readonly ComputedArea[];
  /** Extent of the source numbers as read (before any CRS), for `crsChoices`. */
  readonly sourceRanges?: { readonly minA: number; readonly maxA: number; readonly minB: number; readonly maxB: number };
  /** Position precision in metres stated by the file (land-block `精度=`). */
  readonly statedPrecisionM?: number;
  /** The preview as read, before the default fixes (what `undoFixes` returns to). */
  readonly asRead?: ImportPreview;
}

/** The computed area of one polygon feature of a preview. */
export interface ComputedArea {
  readonly feature: number;
  /** Geodesic area on the CGCS2000 ellipsoid, m² (null when a coordinate is not finite). */
  readonly geodesicM2: number | null;
  /** Planar area in the source's Gauss-Krüger plane, m² (null for lon/lat sources). */
  readonly planarM2: number | null;
}

/** Labels of the fixes for the user (Chinese first). */
export const FIX_LABELS: Readonly<Record<FixId, Bilingual>> = {
  'close-rings': { zh: '闭合未闭合的环（补上首点）', en: 'close open rings (repeat the first vertex)' },
  'remove-duplicate-vertices': { zh: '删除重复的相邻顶点（相距 < 1 mm）', en: 'remove repeated vertices (closer than 1 mm)' },
  'fix-orientation': { zh: '统一环方向（外环逆时针、内环顺时针）', en: 'orient rings (outer counter-clockwise, holes clockwise)' },
  'drop-empty-parts': { zh: '删除不足 3 个点的环和空的部分', en: 'drop rings with fewer than 3 vertices and empty parts' },
  'convert-gcj02': { zh: '从 GCJ-02（高德/腾讯）转换为 WGS84', en: 'convert from GCJ-02 (AMap/Tencent) to WGS84' },
  'convert-bd09': { zh: '从 BD-09（百度）转换为 WGS84', en: 'convert from BD-09 (Baidu) to WGS84' },
};

/** What every importer returns. */
export type ImportResult = ImportPreview | ImportFailure;
