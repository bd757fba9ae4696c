import type { Lang } from '../../map/map-api';

/** Strings of issue 16's "ground" work: shared approximate positions, the Tianditu key and 审图号. Chinese first. */
export const GROUND_MESSAGES = {
  sharedSites: { 'zh-CN': '{n} 处遗址共用此近似位置', en: '{n} sites share this approximate position' },
  sharedPlaces: { 'zh-CN': '{n} 处地点共用此近似位置', en: '{n} places share this approximate position' },
  sharedNames: { 'zh-CN': '：{names}', en: ': {names}' },
  sharedCaveat: {
    'zh-CN': '各处位置均由文字推算(±{p}),地图不能说明哪一处在此。',
    en: 'Each was placed from text (±{p}); the map cannot tell which one is here.',
  },
  tiandituReview: { 'zh-CN': '审图号(可选)', en: 'Map review number 审图号 (optional)' },
  tiandituReviewHelp: {
    'zh-CN': '天地图底图所附的审图号,如 GS(2024)0650号;填写后显示在地图左下角。密钥、审图号和所选底图保存在本浏览器中。',
    en: "The review number that comes with the Tianditu basemap, e.g. GS(2024)0650号; shown at the map's bottom left. The key, the review number and the chosen basemap are kept in this browser.",
  },
} as const satisfies Readonly<Record<string, Readonly<Record<Lang, string>>>>;
