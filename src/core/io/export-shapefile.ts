import type { Geometry } from 'geojson';
import { zipSync } from 'fflate';
import { CGCS2000_EPSG, converterBetween, getCrs } from '../geo/crs-registry';
import { mapPositions } from './build-preview';
import { EXPORT_REASONS, exportFailure, safeBaseName, type ExportFeature, type ExportResult } from './export-types';
import type { Bilingual } from './import-types';
import { prjWkt } from './prj-wkt';
import { familyOf, writeShapefile, type ShapeFamily, type ShapeRecord } from './shapefile-writer';

/** Options of {@link exportShapefile}. */
export interface ShapefileExportOptions {
  readonly name?: string;
  /** Target CRS: 4490 (default, lon/lat) or a CGCS2000 Gauss-Krüger code 4491–4554. */
  readonly epsg?: number;
  /** DBF header date (default: now). */
  readonly date?: Date;
}

const SUFFIX: Record<ShapeFamily, string> = { polygon: 'polygon', polyline: 'line', point: 'point', multipoint: 'multipoint' };

/**
 * Writes a zipped shapefile with a CGCS2000 `.prj` and a UTF-8 `.cpg`. Mixed geometry types are
 * written as one layer per shape type (`<name>_polygon.shp`, `<name>_line.shp` …); a single type
 * keeps `<name>.shp`. Features without geometry and GeometryCollections are skipped with a warning.
 */
export function exportShapefile(features: readonly ExportFeature[], options: ShapefileExportOptions = {}): ExportResult {
  const epsg = options.epsg ?? CGCS2000_EPSG;
  getCrs(epsg); // misuse (unknown code) throws
  const convert = epsg === CGCS2000_EPSG ? null : converterBetween(CGCS2000_EPSG, epsg);
  const groups = new Map<ShapeFamily, ShapeRecord[]>();
  let skipped = 0;
  for (const f of features) {
    const family = f.geometry === null ? null : familyOf(f.geometry);
    if (family === null || f.geometry === null) {
      skipped++;
      continue;
    }
    const g: Geometry = convert === null ? f.geometry : mapPositions(f.geometry, (p) => convert.forward([p[0] ?? NaN, p[1] ?? NaN]));
    const list = groups.get(family) ?? [];
    list.push({ geometry: g, properties: f.properties ?? {} });
    groups.set(family, list);
  }
  if (groups.size === 0) {
    return exportFailure(EXPORT_REASONS.nothingToExport, { zh: '没有可写入 Shapefile 的几何图形', en: 'no geometry a shapefile can hold' });
  }
  const base = safeBaseName(options.name ?? 'layer');
  const files: Record<string, Uint8Array> = {};
  const warnings: Bilingual[] = [];
  if (skipped > 0) warnings.push({ zh: `${skipped} 个要素没有可写入的几何图形，未导出`, en: `${skipped} feature(s) without a writable geometry not exported` });
  const prj = new TextEncoder().encode(prjWkt(epsg));
  const cpg = new TextEncoder().encode('UTF-8');
  for (const [family, records] of groups) {
    const layer = groups.size === 1 ? base : `${base}_${SUFFIX[family]}`;
    const written = writeShapefile(family, records, options.date);
    files[`${layer}.shp`] = written.shp;
    files[`${layer}.shx`] = written.shx;
    files[`${layer}.dbf`] = written.dbf;
    files[`${layer}.prj`] = prj;
    files[`${layer}.cpg`] = cpg;
    warnings.push(...written.warnings);
  }
  return { ok: true, fileName: `${base}.zip`, mimeType: 'application/zip', bytes: zipSync(files), warnings };
}
