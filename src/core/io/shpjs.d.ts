/** Types for the two parsers of `shpjs` (the package ships none) that the shapefile importer uses. */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Parses .shp bytes; `prj` false keeps the source coordinates. One entry per record, null for null shapes. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): (Geometry | null)[];
  /** Parses .dbf bytes with the encoding label of a .cpg. */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, cpg?: string): Record<string, unknown>[];
}
