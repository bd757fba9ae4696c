import gcoord from 'gcoord';

/** A longitude/latitude pair in degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

/**
 * Converts a GCJ-02 point (the shifted datum of Chinese commercial maps such as AMap) to WGS84 with `gcoord`
 * (iterative inverse, about 1 cm). Points outside China are returned unchanged, as GCJ-02 is WGS84 there.
 */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new RangeError(`gcj02ToWgs84: bad point ${lon},${lat}`);
  const [x, y] = gcoord.transform<[number, number]>([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return { lon: x, lat: y };
}

/** Converts a WGS84 point to GCJ-02 (for checks and for showing a point on a GCJ-02 basemap). */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new RangeError(`wgs84ToGcj02: bad point ${lon},${lat}`);
  const [x, y] = gcoord.transform<[number, number]>([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return { lon: x, lat: y };
}
