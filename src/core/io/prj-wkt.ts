import { CGCS2000_EPSG, getCrs } from '../geo/crs-registry';

/**
 * ESRI-style WKT1 for `.prj` files of the registered CGCS2000 systems, with the names ArcGIS and
 * GDAL use (`GCS_China_Geodetic_Coordinate_System_2000`, `CGCS2000_3_Degree_GK_Zone_37`,
 * `CGCS2000_3_Degree_GK_CM_111E`, `CGCS2000_GK_Zone_19`, `CGCS2000_GK_CM_111E`). The numbers come
 * from `crs-registry.ts`; no proj4 definition is created here.
 */

const GEOGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The ESRI WKT name of a registered CRS, e.g. `CGCS2000_3_Degree_GK_Zone_37`. */
export function esriName(epsg: number): string {
  const info = getCrs(epsg);
  if (info.kind === 'geographic') return 'GCS_China_Geodetic_Coordinate_System_2000';
  const degree = info.kind === 'gk3' ? '3_Degree_' : '';
  return info.prefixed ? `CGCS2000_${degree}GK_Zone_${info.zone}` : `CGCS2000_${degree}GK_CM_${info.centralMeridian}E`;
}

/** `.prj` WKT of a registered CRS (4490 or 4491–4554). Throws for another code (misuse). */
export function prjWkt(epsg: number): string {
  const info = getCrs(epsg);
  if (epsg === CGCS2000_EPSG || info.kind === 'geographic') return GEOGCS;
  const cm = info.centralMeridian ?? 0;
  const fe = info.prefixed ? (info.zone ?? 0) * 1e6 + 500000 : 500000;
  return (
    `PROJCS["${esriName(epsg)}",${GEOGCS},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${fe.toFixed(1)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${cm.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
  );
}
