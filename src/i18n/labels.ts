import type { Lang } from '../map/map-api';
import type { UserCategory } from '../core/model/user-layer';
import type { MessageKey } from './localize';

type Bi = Readonly<Record<Lang, string>>;

/** Shell message keys of the anchor levels (city, county, town, village, site, user). */
export const LEVEL_KEYS: Readonly<Record<string, MessageKey>> = {
  city: 'levelCity',
  county: 'levelCounty',
  town: 'levelTown',
  village: 'levelVillage',
  site: 'levelSite',
  user: 'levelUser',
};

/** Names of the QA flag codes (see src/core/model/gazette-record.ts). */
export const FLAG_LABELS: Readonly<Record<string, Bi>> = {
  UNPARSED_NUMBER: { 'zh-CN': '有数字未被解析', en: 'A number was not parsed' },
  UNPARSED_DIRECTION: { 'zh-CN': '有方位词未被解析', en: 'A direction word was not parsed' },
  UNPARSED_CLAUSE: { 'zh-CN': '有条款未能解析', en: 'A clause could not be parsed' },
  DUPLICATE_DIRECTION: { 'zh-CN': '同一方位重复出现', en: 'A direction is given twice' },
  MISSING_DIRECTION: { 'zh-CN': '缺少某一方位', en: 'A direction is missing' },
  MIXED_DIRECTION_SCHEME: { 'zh-CN': '正方位与斜方位混用', en: 'Cardinal and diagonal directions mixed' },
  GLUED_CLAUSE: { 'zh-CN': '两条款粘连,已拆分', en: 'Two glued clauses were split' },
  ODD_REFERENCE: { 'zh-CN': '参照物位于相反一侧', en: 'Reference on the opposite side' },
  VERB_DIRECTION_MISMATCH: { 'zh-CN': '延伸方向与方位不符', en: 'Verb direction differs from the clause' },
  LIMIT_WITHOUT_METRES: { 'zh-CN': '只有界线没有距离', en: 'Limit without a distance' },
  AREA_UNREACHABLE: { 'zh-CN': '公报面积不可能达到', en: 'Stated area cannot be reached' },
  AREA_BARELY_REACHABLE: { 'zh-CN': '公报面积勉强可达', en: 'Stated area barely reachable' },
  RING_AREA_INCONSISTENT: { 'zh-CN': '控制地带面积与外扩距离不符', en: 'Control-zone area inconsistent with the offsets' },
  RING_AREA_FITS_AS_TOTAL: { 'zh-CN': '控制地带面积似含保护范围', en: 'Control-zone area fits only as a total' },
  CONTROL_AREA_BELOW_PROTECTION: { 'zh-CN': '控制地带面积小于保护范围', en: 'Control zone smaller than protection range' },
  SAME_LIMIT_BOTH_ZONES: { 'zh-CN': '两级范围止于同一界线', en: 'Both zones end at the same limit' },
  COUNTY_MISMATCH: { 'zh-CN': '所列县区与地址不符', en: 'County differs from the address' },
  NAME_COUNTY_DIFFERS: { 'zh-CN': '名称中的县区与地址不同', en: 'Name names another county' },
  HEADER_COUNT_MISMATCH: { 'zh-CN': '县区处数与所列不符', en: 'Header count differs from the list' },
  TOTAL_MISMATCH: { 'zh-CN': '分项之和不等于总数', en: 'Parts do not add up to the total' },
  NEAR_DUPLICATE_AREA: { 'zh-CN': '面积与他处近乎相同', en: 'Near-duplicate area elsewhere' },
  METADATA_MISMATCH: { 'zh-CN': '正文与元数据不符', en: 'Text contradicts the metadata' },
  STRAY_LINE: { 'zh-CN': '有游离行被并入', en: 'A stray line was joined' },
  EXTERNAL_ANNEX: { 'zh-CN': '引用了未公布的附件', en: 'Refers to an annex not in the text' },
  NO_BOUNDARY: { 'zh-CN': '无边界描述', en: 'No boundary description' },
  SHARED_POSITION: { 'zh-CN': '多个参照共用一个方位', en: 'Several references share one position' },
  MALFORMED_TEXT: { 'zh-CN': '原文格式残缺', en: 'Malformed text' },
  ANCHOR_TOWNSHIP_SEAT: { 'zh-CN': '锚点为乡镇驻地', en: 'Anchored at the township seat' },
  ANCHOR_COUNTY_SEAT: { 'zh-CN': '锚点为县城', en: 'Anchored at the county seat' },
  ANCHOR_COUNTY_FALLBACK: { 'zh-CN': '未找到更细锚点,退至县城', en: 'No finer anchor; fell back to the county seat' },
  SITE_NOT_CHOSEN: { 'zh-CN': '具体站址未确定', en: 'Site not chosen yet' },
  SITE_NOT_PUBLISHED: { 'zh-CN': '站址未公布', en: 'Site not published' },
  COUNT_SPLIT: { 'zh-CN': '数量按县拆分', en: 'Count split between counties' },
  SHAPE_UNKNOWN: { 'zh-CN': '形状未知,仅示意', en: 'Shape unknown; sketch only' },
  LIMITS_ONLY: { 'zh-CN': '只有四至界线', en: 'Limits only' },
  BOUNDARY_NOT_PUBLISHED: { 'zh-CN': '边界未公布', en: 'Boundary not published' },
  ZONES_PENDING: { 'zh-CN': '范围待公布', en: 'Zones pending' },
  RELOCATION_PLANNED: { 'zh-CN': '计划搬迁', en: 'Relocation planned' },
  ALTERNATIVE_READING: { 'zh-CN': '条文自相矛盾,按另一种读法绘制', en: 'Self-contradicting clause; drawn by its alternative reading' },
  TWO_AREA_SOLVED: { 'zh-CN': '核心范围由保护范围与控制地带两个面积求得', en: 'Core footprint solved from both stated areas' },
  UNKNOWN_SIDES: { 'zh-CN': '有边未给距离,按参照物边界绘制', en: 'A side has no distance; drawn at the reference edge' },
  SHAPE_NOT_DRAWN: { 'zh-CN': '文字不足以绘出范围,仅示位置', en: 'Text too partial to draw a shape; position only' },
  CONTROL_ZONE_UNPARSED: { 'zh-CN': '建设控制地带条文未能解析', en: 'Construction-control clause not read' },
  CONTROL_SAME_AS_PROTECTION: { 'zh-CN': '建设控制地带同保护范围', en: 'Control zone same as the protection range' },
  UNREAD: { 'zh-CN': '有内容未读出', en: 'Something was not read' },
  NOT_PLACED: { 'zh-CN': '位置未知,未上图', en: 'Position unknown; not drawn' },
  SUPERSEDES_TEXT_SHAPE: { 'zh-CN': '实测坐标已取代文字示意范围', en: 'Surveyed coordinates replace the text-derived shape' },
  SHARED_ANCHOR: { 'zh-CN': '多个要素共用一个锚点', en: 'Several features share one anchor' },
  NO_GEOMETRY: { 'zh-CN': '仅有要求,无位置', en: 'Requirements only; no location' },
  imported: { 'zh-CN': '用户导入', en: 'Imported by the user' },
  'precision-assumed': { 'zh-CN': '位置精度为假定值', en: 'Position precision assumed' },
};

/** Names of the geometry construction methods. */
export const METHOD_LABELS: Readonly<Record<string, Bi>> = {
  'offset-rectangle-solved': { 'zh-CN': '按四向外延距离与公报面积求解的矩形', en: 'Rectangle solved from the four offsets and the stated area' },
  'offset-ring-solved': { 'zh-CN': '保护范围外扩形成的环带', en: 'Ring grown outward from the protection range' },
  'four-bounds-scaled': { 'zh-CN': '按"四至"与公报面积缩放的示意范围', en: 'Sketch from the four bounds scaled to the stated area' },
  'county-candidate': { 'zh-CN': '仅知所在县,按县城位置示意', en: 'Only the county is known; placed at the county seat' },
  'boundary-not-published': { 'zh-CN': '边界未公布,仅示位置', en: 'Boundary not published; position only' },
  surveyed: { 'zh-CN': '实测', en: 'Surveyed' },
  'control-ring-from-protection': { 'zh-CN': '由保护范围按四向外延形成的环带', en: 'Ring grown outward from the protection range' },
  'four-bounds-anchor-square': { 'zh-CN': '按"四至"锚点与公报面积放置的正方形示意', en: 'Square of the stated area placed at the four-bounds anchor' },
  'limits-only-area-square': { 'zh-CN': '仅有界线,按公报面积绘制的正方形示意', en: 'Limits only; square of the stated area' },
  'no-boundary-marker': { 'zh-CN': '无边界,仅示位置', en: 'No boundary; position marker only' },
  'zones-pending-marker': { 'zh-CN': '范围待公布,仅示位置', en: 'Zones pending; position marker only' },
  'base-point-rectangle': { 'zh-CN': '由基点外延的矩形', en: 'Rectangle from a base point' },
  'listed-site-point': { 'zh-CN': '名录所列地点', en: 'Listed site (point)' },
  'qa-error': { 'zh-CN': '质检:错误', en: 'QA: error' },
  'qa-warning': { 'zh-CN': '质检:警告', en: 'QA: warning' },
  'qa-info': { 'zh-CN': '质检:提示', en: 'QA: info' },
  'offset-rectangle-two-area': { 'zh-CN': '由两个公报面积求解核心范围的外延矩形', en: 'Offset rectangle around a footprint solved from both stated areas' },
  'shape-not-drawn-marker': { 'zh-CN': '范围无法绘出,仅示位置', en: 'Shape not drawn; position marker only' },
  'drawn-along-four-bounds': { 'zh-CN': '用户沿"四至"绘制', en: 'Drawn by the user along the four bounds' },
};

const SOURCE_CRS_FLAG = /^source-crs:EPSG:(\d+)$/;

/**
 * A flag code in words (the code itself belongs in a `title` or a data attribute, not in the text). A
 * `source-crs:EPSG:<n>` flag reads as "source CRS EPSG:<n>"; an unknown code is returned as it is.
 */
export function flagLabel(code: string, lang: Lang): string {
  const l = FLAG_LABELS[code];
  if (l) return l[lang];
  const crs = SOURCE_CRS_FLAG.exec(code);
  if (crs) return lang === 'en' ? `Source CRS EPSG:${crs[1] ?? ''}` : `源坐标系 EPSG:${crs[1] ?? ''}`;
  return code;
}

/** A method in words; an unknown code is returned as it is. */
export function methodLabel(code: string, lang: Lang): string {
  const l = METHOD_LABELS[code];
  return l ? l[lang] : code;
}

/** Severity of a gazette QA finding (`error`, `warning`, `info`) in words. */
export function qaSeverityLabel(severity: string, lang: Lang): string {
  const l = QA_SEVERITY_LABELS[severity];
  return l ? l[lang] : severity;
}

const QA_SEVERITY_LABELS: Readonly<Record<string, Bi>> = {
  error: { 'zh-CN': '错误', en: 'error' },
  warning: { 'zh-CN': '警告', en: 'warning' },
  info: { 'zh-CN': '提示', en: 'info' },
};

/** Metres for display: "850 m" or "1.25 km". */
export function formatLength(m: number, lang: Lang): string {
  const loc = lang === 'en' ? 'en' : 'zh-CN';
  if (m < 1000) return `${m.toLocaleString(loc, { maximumFractionDigits: m < 10 ? 2 : 1 })} m`;
  return `${(m / 1000).toLocaleString(loc, { maximumFractionDigits: 3 })} km`;
}

/** m² / 公顷 / 亩 (1 亩 = 10000/15 m²). */
export function formatArea(m2: number, lang: Lang): string {
  const loc = lang === 'en' ? 'en' : 'zh-CN';
  const ha = m2 / 10_000;
  const mu = m2 / (10_000 / 15);
  const f = (x: number, d: number): string => x.toLocaleString(loc, { maximumFractionDigits: d });
  return lang === 'en' ? `${f(m2, 1)} m² = ${f(ha, 4)} ha = ${f(mu, 2)} mu` : `${f(m2, 1)} 平方米 = ${f(ha, 4)} 公顷 = ${f(mu, 2)} 亩`;
}

/** Names of the categories a user gives an imported layer. */
export const CATEGORY_LABELS: Readonly<Record<UserCategory, Bi>> = {
  'project-boundary': { 'zh-CN': '项目用地红线', en: 'Project boundary' },
  'ecological-red-line': { 'zh-CN': '生态保护红线', en: 'Ecological red line' },
  'permanent-basic-farmland': { 'zh-CN': '永久基本农田', en: 'Permanent basic farmland' },
  'urban-development-boundary': { 'zh-CN': '城镇开发边界', en: 'Urban development boundary' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The time zone times are shown in (the users are in China; stored times stay ISO UTC). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

/** An ISO time for display in the user's time zone (Asia/Shanghai by default), e.g. "2026-12-02 10:31:07 (UTC+8)". */
export function formatTime(iso: string, lang: Lang, timeZone: string = DISPLAY_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const offsetMin = Math.round((Date.parse(`${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}Z`) - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(offsetMin) / 60);
  const mins = Math.abs(offsetMin) % 60;
  const zone = `UTC${sign}${hours}${mins === 0 ? '' : `:${String(mins).padStart(2, '0')}`}`;
  const text = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  return lang === 'en' ? `${text} (${zone})` : `${text}（${zone === 'UTC+8' ? '北京时间' : zone}）`;
}
