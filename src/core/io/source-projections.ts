import proj4 from 'proj4';

/** Source projections read without the registry: Web Mercator (spherical) and WGS 84 / UTM north. */

/** Spherical radius of Web Mercator. */
const WEB_MERCATOR_R = 6378137;

/** Web Mercator metres → lon/lat degrees (spherical, EPSG:3857). */
export function webMercatorToLonLat(x: number, y: number): [number, number] {
  const lon = (x / WEB_MERCATOR_R) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / WEB_MERCATOR_R)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

/** Lon/lat degrees → Web Mercator metres (spherical, EPSG:3857). */
export function lonLatToWebMercator(lon: number, lat: number): [number, number] {
  const x = (lon * Math.PI * WEB_MERCATOR_R) / 180;
  const y = WEB_MERCATOR_R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [x, y];
}

const utmConverters = new Map<number, proj4.Converter>();

/** proj4 converter from WGS 84 / UTM zone N (north) to lon/lat on GRS80 (WGS 84 read as CGCS2000). */
export function utmConverter(zone: number): proj4.Converter {
  let c = utmConverters.get(zone);
  if (c === undefined) {
    c = proj4(`+proj=utm +zone=${zone} +ellps=WGS84 +units=m +no_defs`, '+proj=longlat +ellps=WGS84 +no_defs');
    utmConverters.set(zone, c);
  }
  return c;
}
