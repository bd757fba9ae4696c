import { SHANXI_BBOX } from '../../core/io/detect-crs';

/** Bounding box of Shanxi province [w, s, e, n] (the one in core/io, used for CRS detection too). */
export { SHANXI_BBOX };

/** A prefecture-level city of Shanxi and the approximate WGS84 position of its seat. */
export interface City {
  id: string;
  /** The city's name in each UI language (a name, not prose). */
  name: Readonly<Record<'zh-CN' | 'en', string>>;
  lon: number;
  lat: number;
}

/**
 * The 11 prefecture-level cities. Seat positions are approximate (±2 km), enough to zoom to the
 * city; they are not anchors for any feature.
 */
export const CITIES: readonly City[] = [
  { id: 'taiyuan', name: { 'zh-CN': '太原市', en: 'Taiyuan' }, lon: 112.549, lat: 37.87 },
  { id: 'datong', name: { 'zh-CN': '大同市', en: 'Datong' }, lon: 113.3, lat: 40.077 },
  { id: 'yangquan', name: { 'zh-CN': '阳泉市', en: 'Yangquan' }, lon: 113.58, lat: 37.857 },
  { id: 'changzhi', name: { 'zh-CN': '长治市', en: 'Changzhi' }, lon: 113.117, lat: 36.195 },
  { id: 'jincheng', name: { 'zh-CN': '晋城市', en: 'Jincheng' }, lon: 112.851, lat: 35.491 },
  { id: 'shuozhou', name: { 'zh-CN': '朔州市', en: 'Shuozhou' }, lon: 112.433, lat: 39.331 },
  { id: 'jinzhong', name: { 'zh-CN': '晋中市', en: 'Jinzhong' }, lon: 112.753, lat: 37.687 },
  { id: 'yuncheng', name: { 'zh-CN': '运城市', en: 'Yuncheng' }, lon: 111.007, lat: 35.026 },
  { id: 'xinzhou', name: { 'zh-CN': '忻州市', en: 'Xinzhou' }, lon: 112.734, lat: 38.417 },
  { id: 'linfen', name: { 'zh-CN': '临汾市', en: 'Linfen' }, lon: 111.513, lat: 36.088 },
  { id: 'lvliang', name: { 'zh-CN': '吕梁市', en: 'Lüliang' }, lon: 111.138, lat: 37.518 },
];

/** A box of about ±45 km around a city seat. */
export function cityBbox(c: City): [number, number, number, number] {
  const dLat = 0.4;
  const dLon = 0.4 / Math.cos((c.lat * Math.PI) / 180);
  return [c.lon - dLon, c.lat - dLat, c.lon + dLon, c.lat + dLat];
}
