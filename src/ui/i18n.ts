import type { Lang } from '../map/map-api';

/** Every UI string, in Chinese (first) and English. */
export const STRINGS = {
  productName: { 'zh-CN': '山西公报空间要素一张图', en: 'Shanxi Gazette Zones Map' },
  productTagline: { 'zh-CN': '由公报文字重建的规划管控边界', en: 'Planning zones rebuilt from gazette text' },
  language: { 'zh-CN': '语言', en: 'Language' },
  layers: { 'zh-CN': '图层', en: 'Layers' },
  layersPlaceholder: {
    'zh-CN': '专题图层(化工园区、土地征收成片开发、文物保护范围与建设控制地带、气象设施)将在此列出。',
    en: 'Thematic layers (chemical parks, land acquisition, relic protection and control zones, meteorological sites) will be listed here.',
  },
  basemap: { 'zh-CN': '底图', en: 'Basemap' },
  basemapOffline: { 'zh-CN': '离线底图(无需网络)', en: 'Offline basemap (no network)' },
  basemapOsm: { 'zh-CN': 'OpenStreetMap(在线)', en: 'OpenStreetMap (online)' },
  basemapTdtVec: { 'zh-CN': '天地图 矢量(在线,需密钥)', en: 'Tianditu vector (online, key needed)' },
  basemapTdtImg: { 'zh-CN': '天地图 影像(在线,需密钥)', en: 'Tianditu imagery (online, key needed)' },
  onlineWarning: {
    'zh-CN': '在线底图会向第三方服务器发送请求。',
    en: 'Online basemaps send requests to third-party servers.',
  },
  tiandituKey: { 'zh-CN': '天地图密钥 tk', en: 'Tianditu key (tk)' },
  tiandituKeyHelp: {
    'zh-CN': '密钥仅保存在本浏览器(localStorage)。',
    en: 'The key is kept in this browser only (localStorage).',
  },
  tiandituKeyMissing: { 'zh-CN': '请先输入天地图密钥。', en: 'Enter a Tianditu key first.' },
  apply: { 'zh-CN': '应用', en: 'Apply' },
  mapLabel: { 'zh-CN': '地图', en: 'Map' },
  mapLoading: { 'zh-CN': '地图加载中…', en: 'Loading map…' },
  mapFailed: { 'zh-CN': '地图无法加载:', en: 'The map could not load: ' },
  placesOnMap: { 'zh-CN': '图上地名', en: 'Places on the map' },
  dataNotice: {
    'zh-CN': '底图:Natural Earth;山西省界 DCW、河流 GSHHG(LGPL);县城位置来自高德坐标转换,仅为锚点。',
    en: 'Basemap: Natural Earth; Shanxi outline DCW, rivers GSHHG (LGPL); county seats from converted AMap centres, anchors only.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Key of a UI string. */
export type StringKey = keyof typeof STRINGS;

/** The translation of `key` in `lang`. */
export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}

/** Reads the language from a URL's `lang` parameter; zh-CN unless it says `en`. */
export function langFromUrl(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
}
