/**
 * Reasons and detail codes of the DEM reader's problems (values, not throws). Re-exported by
 * `dem-reader.ts`.
 */

/** Reason: the bytes are not a TIFF geotiff can parse. */
export const DEM_NOT_TIFF = 'dem-not-tiff';
/** Reason: the file has no usable georeference (no tiepoint/scale or a rotated transform). */
export const DEM_NO_GEOREFERENCE = 'dem-no-georeference';
/** Reason: the CRS in the GeoKeys is not one this reader knows. */
export const DEM_UNSUPPORTED_CRS = 'dem-unsupported-crs';
/** Reason: the sample type is not a supported elevation type. */
export const DEM_UNSUPPORTED_TYPE = 'dem-unsupported-type';
/** Reason: the requested region does not intersect the DEM. */
export const DEM_OUTSIDE = 'dem-outside';
/** Reason: the raster has no pixels (width or height 0). */
export const DEM_EMPTY = 'dem-empty';
/** Reason: the header opened but the pixel data cannot be read (truncated, unknown compression, lying sizes). */
export const DEM_READ_FAILED = 'dem-read-failed';

/** One of the DEM reasons. */
export type DemReason =
  | typeof DEM_NOT_TIFF
  | typeof DEM_NO_GEOREFERENCE
  | typeof DEM_UNSUPPORTED_CRS
  | typeof DEM_UNSUPPORTED_TYPE
  | typeof DEM_OUTSIDE
  | typeof DEM_EMPTY
  | typeof DEM_READ_FAILED;

/**
 * What exactly went wrong, finer than the reason (one message of the radar catalog each:
 * `radar.problem.<detail>`).
 */
export const DEM_DETAILS = [
  'dem-not-tiff',
  'dem-unreadable-structure',
  'dem-empty',
  'dem-unsupported-type',
  'dem-no-georeference',
  'dem-no-epsg',
  'dem-unsupported-crs',
  'dem-georeference-missing',
  'dem-rotated',
  'dem-georeference-invalid',
  'dem-outside',
  'dem-read-failed',
] as const;
/** One of {@link DEM_DETAILS}. */
export type DemDetail = (typeof DEM_DETAILS)[number];

/**
 * A data problem found while reading a DEM: the reason, the detail code and its parameters (the file
 * name as `file` when known). `message` is a bilingual diagnostic for logs and the command line; views
 * render `detail` and `params` instead.
 */
export interface DemProblem {
  readonly ok: false;
  readonly reason: DemReason;
  readonly detail: DemDetail;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}
