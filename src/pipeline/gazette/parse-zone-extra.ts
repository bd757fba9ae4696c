import type { Clause, Direction, Flag } from '../../core/model/gazette-record';
import { DIRECTION_SOURCE, alignment, directionOf, directionWord, directionsIn, leadingDirection } from './directions';
import { LENGTH_UNIT_SOURCE, NUMBER_SOURCE, parseNumber, toMetres } from './numbers';

/**
 * Zone phrasings beyond the per-direction grammar, as other provinces write them:
 *
 * - listed directions: "东、南、西、北各 N 米", "西、北各 N 米", "东、西至围墙外各 30 米",
 *   "北、西、南三面 450 米", "向东、南、西、北各延伸 5 米", "南、西同A区";
 * - uniform offsets without 四周: "外延 N 米", "台基外 N 米以内", "以…为界向外延伸 N 米",
 *   "外扩约 N 米", "四周分别向外延伸 N 米", "保护范围向外延伸 N 米内";
 * - linear buffers: "城墙两侧 10 米以内", "以墙基外缘为基线向两侧各扩 50 米";
 * - a direction after a reference: "距离文物本体地界线东延 4.26 米", "戏台向南 11.19 米至道路南侧".
 *
 * Each function returns null when the piece is not its phrasing.
 */

const NUM_UNIT = `(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})`;
const LIST = new RegExp(`^(.*?)((?:${DIRECTION_SOURCE})面?(?:(?:、|和)(?:${DIRECTION_SOURCE})面?)+)(?:三面|四面|两面|面|侧)?(.*)$`);
const LINEAR = new RegExp(`^(.*?)(?:两侧|两边)(?:各|均)?(?:向外)?(?:延伸|外延|外扩|扩展|扩|延)?(?:各)?(约)?${NUM_UNIT}(.*)$`);
const UNIFORM = new RegExp(
  `^(.*?)(?:四周|四面|周围|周边)?(?:分别|各|均)?(?:直线)?(?:向外|外侧|外)?(?:侧)?(?:延伸|外延|外扩|外推|扩展|延长|扩|延)?(?:各)?(约)?${NUM_UNIT}(.*)$`,
);
const UNIFORM_CUE = /外|四周|四面|周围|延伸|延长|扩/;
const AFTER_REFERENCE = new RegExp(`^([^\\d]{1,24}?)(向)?(${DIRECTION_SOURCE})面?(延伸|延|向外延伸|外延|外扩)?(约)?(?=\\d|至)`);

/** "…30米、北至…": a 、 between two directional clauses (not inside a list of directions). */
export const JOINED_CLAUSE = new RegExp(`^[^东南西北]、${DIRECTION_SOURCE}(?:侧|面)?(?:至|由|自|从|以|向|距)`);

/** Metres of a number and unit, or null. */
function metresOf(num: string | undefined, unit: string | undefined): number | null {
  const m = toMetres(parseNumber(num ?? '') ?? NaN, unit ?? '');
  return m !== null && Number.isFinite(m) ? m : null;
}

function cleanReference(text: string): string | null {
  const t = text
    .replace(/^(?:以|从|由|自|距离?|为)/, '')
    .replace(/(?:为界|为基准|为基线|为中心)?(?:,)?(?:向|各|分别)*$/, '')
    .replace(/(?:为界|为基准|为基线)$/, '')
    .trim();
  return t.length === 0 ? null : t;
}

function cleanTail(text: string): string | null {
  const t = text.replace(/^(?:以内|内|范围内|处|之内)/, '').replace(/^(?:至|到)/, '').replace(/(?:以内|为界|范围内)$/, '').trim();
  return t.length === 0 ? null : t;
}

/** Zone words of the text: "保护范围", "A区" and "文物本体". */
export function zoneWord(text: string | null): 'protection-range' | 'relic-body' | null {
  if (text === null) return null;
  if (/^(?:原|该)?(?:保护范围|A区)(?:边界|边线|界线|外边界|外沿|外界|外缘)?$/.test(text)) return 'protection-range';
  if (/^(?:该)?文物本体(?:边界|边缘|外缘|外沿|范围)?$/.test(text)) return 'relic-body';
  return null;
}

/** "城墙两侧 10 米以内": a buffer on both sides of a line. */
export function parseLinear(text: string, span: [number, number]): Clause | null {
  const m = LINEAR.exec(text);
  if (m === null) return null;
  const metres = metresOf(m[3], m[4]);
  if (metres === null) return null;
  const reference = cleanReference(m[1] ?? '');
  return { type: 'linear', reference, referenceZone: zoneWord(reference), metres, ends: [], text, span };
}

/** "台基外 35 米以内", "保护范围外延 50 米", "外扩约 10 米": the same offset on every side, without 四周. */
export function parseUniformLoose(text: string, span: [number, number]): Clause | null {
  if (leadingDirection(text) !== null || /前后|左右|东西|南北/.test(text)) return null;
  const m = UNIFORM.exec(text);
  if (m === null) return null;
  const head = text.slice(0, text.length - (m[5]?.length ?? 0));
  if (!UNIFORM_CUE.test(head)) return null;
  const metres = metresOf(m[3], m[4]);
  if (metres === null) return null;
  const reference = cleanReference((m[1] ?? '').replace(/(?:四周|四面|周围|周边|外侧|外|向外|向)+$/, ''));
  return {
    type: 'uniform',
    reference,
    referenceZone: zoneWord(reference),
    metres,
    limit: cleanTail(m[5] ?? ''),
    ...(m[2] !== undefined ? { approximate: true } : {}),
    text,
    span,
  };
}

/**
 * Listed directions sharing one continuation ("西、北各 300 米"): one clause per direction, each read
 * by `readOne` from "<direction word><continuation>". Null when the piece lists no directions.
 */
export function parseListed(
  text: string,
  readOne: (directional: string) => Clause | null,
): { clauses: Clause[]; directions: Direction[] } | null {
  const m = LIST.exec(text);
  if (m === null) return null;
  const prefix = m[1] ?? '';
  if (/\d/.test(prefix) || prefix.length > 30) return null;
  const words = (m[2] ?? '').split(/、|和/).map((w) => w.replace(/面$/, ''));
  const rest = (m[3] ?? '').replace(/^(?:各|均|分别)/, '').replace(/(?<=外|界)各/, '').replace(/^(至[^\d]*?)各(?=\d)/, '$1');
  const directions = words.map(directionOf).filter((d): d is Direction => d !== null);
  if (directions.length !== words.length) return null;
  const clauses: Clause[] = [];
  for (const w of words) {
    const c = readOne(`${w}${rest}`);
    if (c === null) return null;
    clauses.push(c);
  }
  return { clauses, directions };
}

/** "距离文物本体地界线东延 4.26 米": the text of the directional part and the reference before it. */
export function splitAfterReference(text: string): { reference: string; directional: string } | null {
  if (leadingDirection(text) !== null) return null;
  const side = SIDE_OF_REFERENCE.exec(text);
  if (side !== null) return { reference: cleanReference(side[3] ?? '') ?? '', directional: `${side[2] ?? ''}由${side[3] ?? ''}${side[4] ?? ''}` };
  const m = AFTER_REFERENCE.exec(text);
  if (m === null || /[东南西北]$/.test(m[1] ?? '')) return null;
  const reference = cleanReference(m[1] ?? '');
  if (reference === null && !/^向/.test(text)) return null;
  if (reference === null) return { reference: '', directional: text.slice(1).replace(/^(东北|东南|西北|西南|东|南|西|北)面/, '$1') };
  const verb = m[4] ?? '';
  return { reference, directional: `${m[3] ?? ''}${verb.length > 0 ? '外延' : ''}${m[5] ?? ''}${text.slice(m[0].length)}` };
}

/** "遗址东侧保护范围向外侧延伸 20 米": the east side only, measured from the reference. */
const SIDE_OF_REFERENCE = new RegExp(`^(.{0,10}?)(${DIRECTION_SOURCE})侧(.+?)(向外侧?(?:延伸|扩展|延)约?${NUM_UNIT}.*)$`);

/** "以故居东西围墙向外 100 米": the same offset east and west (or north and south). */
const PAIRED = new RegExp(`^(?:以)?(.*?)(东西|南北)(?!各)(.*?)(?:向外|外延|外扩|延伸)(?:延伸)?约?${NUM_UNIT}(.*)$`);

/** "以故居东西围墙向外 100 米": two offsets. */
export function parsePaired(text: string, span: [number, number]): Clause[] | null {
  const m = PAIRED.exec(text);
  if (m === null || (m[3] ?? '').length === 0) return null;
  const metres = metresOf(m[4], m[5]);
  if (metres === null) return null;
  const reference = `${m[1] ?? ''}${m[3] ?? ''}`.trim() || null;
  const pair: Direction[] = m[2] === '东西' ? ['E', 'W'] : ['N', 'S'];
  return pair.map((direction) => ({ type: 'offset', direction, inferredDirection: null, reference, referenceZone: zoneWord(reference), metres, limit: cleanTail(m[6] ?? ''), verb: '向外', text, span }));
}

/** "保护范围外 20 米以内为一类建设控制地带": a graded control-zone ring. */
export const GRADED_RING = new RegExp(
  `^(保护范围|[一二三]类建设控制地带)外${NUM_UNIT}以内为([一二三])类建设控制地带$`,
);

/** Grade number of 一/二/三. */
export function gradeOf(word: string): number {
  return word === '一' ? 1 : word === '二' ? 2 : 3;
}

/** A flag for a piece with distances that fits no grammar. */
export function unreadPiece(text: string, span: [number, number]): Flag {
  return { code: 'UNPARSED_CLAUSE', severity: 'warning', message: `clause not understood: "${text}"`, span };
}

/** Re-exported for the zone grammar. */
export { metresOf };

/** Flag an offset measured from a reference on the opposite side (南由北城墙…). */
export function checkOddReference(clause: Clause, flags: Flag[]): void {
  if (clause.type !== 'offset' || clause.reference === null || clause.referenceZone !== null) return;
  const dirs = directionsIn(clause.reference);
  if (dirs.length === 0) return;
  const opposite = dirs.some((d) => alignment(d, clause.direction) < 0);
  const agrees = dirs.some((d) => alignment(d, clause.direction) > 0);
  if (opposite && !agrees) {
    flags.push({
      code: 'ODD_REFERENCE',
      severity: 'warning',
      message: `the ${directionWord(clause.direction)} offset is measured from "${clause.reference}", which lies on the opposite side`,
      span: clause.span,
    });
  }
}
