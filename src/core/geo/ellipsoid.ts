/** The GRS80 ellipsoid (CGCS2000's), apart from the CRS registry so geodesic code does not load proj4. */

/** GRS80 semi-major axis in metres (the CGCS2000 ellipsoid). */
export const GRS80_A = 6378137;
/** GRS80 flattening (CGCS2000 ellipsoid: 1/298.257222101). */
export const GRS80_F = 1 / 298.257222101;
