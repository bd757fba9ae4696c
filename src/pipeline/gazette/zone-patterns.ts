import { LENGTH_UNIT_SOURCE, NUMBER_SOURCE } from './numbers';

/** Patterns of whole-zone clauses: uniform offsets, a radius, a centre or base point, a centred rectangle. */

/** "四周各外扩 N 米" and its variants. */
export const UNIFORM_RE = new RegExp(
  `^(?:(?:由|自|从)?(.*?))?(?:四周|四面|周边|周围|四向)(?:均|各)?(?:由|自|从)?(.*?)(?:向外)?(?:均|各)?(?:延伸|外扩|外延|扩展|扩|延)?(?:各)?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})(.*)$`,
);
/** "半径 N 米". */
export const RADIUS_RE = new RegExp(`半径(?:为|约)?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})`);
/** "以<point>为中心|基点". */
export const CENTRE_RE = /^(?:以|由)(.+?)为(中心点?|圆心|基点|原点|起点)/;
const RECT_PART = (axis: string): RegExp =>
  new RegExp(
    `^向?(?:${axis})(?:两侧|两向|方向|向)?(?:均|各)(?:向外)?(?:延伸|外扩|外延|扩展|延|扩)?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})(.*)$`,
  );
/** "东西各延 N 米". */
export const RECT_EW = RECT_PART('东西');
/** "南北各延 N 米". */
export const RECT_NS = RECT_PART('南北');
