import type { BoundReference, BoundSide, Flag, FourBoundsClause } from '../../core/model/gazette-record';
import { DIRECTION_SOURCE, directionOf } from './directions';
import { LENGTH_UNIT_SOURCE, NUMBER_SOURCE, parseNumber, toMetres } from './numbers';

/**
 * 四至 descriptions: "东至平里村, 西至岭上村西, 北至高村南, 南至南霍村", in any order, with several
 * references per side joined by 及 / 和 / 与 / 、, and relative positions ("高村南", "太吉沟村东侧",
 * "侯村以南生态防洪冲沟", "桐树庄村东南规划道路", "某村以东 1500 米").
 */

const SIDE_START = new RegExp(`((?:${DIRECTION_SOURCE}、)*${DIRECTION_SOURCE})(?:侧|面|边)?(?:至|到|抵|临|接|邻|起)`, 'g');

/** Place-name endings after which a direction word is a relative position, not part of a name. */
const ANCHOR_SUFFIX =
  /(?:村|庄|镇|乡|县|城|区|街道|社区|路|道|街|巷|河|渠|沟|湖|库|桥|山|岭|峰|坡|铁路|高铁|高速|国道|省道|集团|公司|厂|矿|园|场|站|院|校|楼|墙|线|堤|坝|界|口|塔|寺|庙|堡|寨|湾|滩|林)$/;

const DIRECTION_G = new RegExp(DIRECTION_SOURCE, 'g');
const DISTANCE_POSITION = new RegExp(`^(.+?)以?(${DIRECTION_SOURCE})(?:侧|面|边)?约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})处?(.*)$`);
const AFTER_POSITION = new RegExp(
  `^(侧|面|边|岸|沿|缘|部|端)?(?:约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})处?)?(.*)$`,
);

/** Parse one reference ("桐树庄村东南规划道路") into anchor, position and located feature. */
export function parseBoundReference(text: string): BoundReference {
  const t = text.trim();
  // "园区北边界以南 1000 米", "试白路以东 1500 米": a distance from a named anchor wins over a direction inside the name.
  const far = DISTANCE_POSITION.exec(t);
  if (far !== null && ANCHOR_SUFFIX.test(far[1] ?? '')) {
    const direction = directionOf(far[2] ?? '');
    const metres = toMetres(parseNumber(far[3] ?? '') ?? NaN, far[4] ?? '');
    if (direction !== null && metres !== null && Number.isFinite(metres)) {
      const feature = (far[5] ?? '').trim();
      return { anchor: far[1] ?? t, position: { direction, side: false, metres }, feature: feature.length > 0 ? feature : null, sharedPosition: false, text: t };
    }
  }
  for (const m of t.matchAll(DIRECTION_G)) {
    const i = m.index ?? 0;
    if (i === 0) continue;
    const anchor = t.slice(0, i).replace(/(?:以|的)$/, '');
    const direction = directionOf(m[0]);
    if (direction === null || !ANCHOR_SUFFIX.test(anchor)) continue;
    const after = AFTER_POSITION.exec(t.slice(i + m[0].length));
    if (after === null) continue;
    const metres = after[2] === undefined ? null : toMetres(parseNumber(after[2]) ?? NaN, after[3] ?? '');
    const feature = (after[4] ?? '').trim();
    return {
      anchor,
      position: {
        direction,
        side: after[1] !== undefined,
        metres: metres !== null && Number.isFinite(metres) ? metres : null,
      },
      feature: feature.length > 0 ? feature : null,
      sharedPosition: false,
      text: t,
    };
  }
  return { anchor: t, position: null, feature: null, sharedPosition: false, text: t };
}

function anchorKind(anchor: string): string | null {
  return ANCHOR_SUFFIX.exec(anchor)?.[0] ?? null;
}

/** Split one side's text into references; 、-joined names share a trailing position. */
export function parseSideReferences(text: string, flags: Flag[], span: [number, number]): BoundReference[] {
  const out: BoundReference[] = [];
  // 和 joins two names only when both sides are names ("政和路", "和谐路" are one road).
  for (const group of text.split(/以及|及|与|(?<=[\u4e00-\u9fa5A-Za-z0-9]{2})和(?=[\u4e00-\u9fa5A-Za-z0-9]{3})/)) {
    const names = group.split('、').map((s) => s.trim()).filter((s) => s.length > 0);
    const refs = names.map(parseBoundReference);
    const last = refs[refs.length - 1];
    if (last?.position != null && refs.length > 1) {
      const kind = anchorKind(last.anchor);
      const shared: string[] = [];
      refs.forEach((r, i) => {
        if (i < refs.length - 1 && r.position === null && kind !== null && anchorKind(r.anchor) === kind && last.position !== null) {
          refs[i] = { ...r, position: { ...last.position }, feature: last.feature, sharedPosition: true };
          shared.push(r.anchor);
        }
      });
      if (shared.length > 0) {
        flags.push({
          code: 'SHARED_POSITION',
          severity: 'info',
          message: `"${group}": the position written after ${last.anchor} is read as applying to ${shared.join('、')} too`,
          span,
        });
      }
    }
    out.push(...refs);
  }
  return out;
}

/**
 * Find a 四至 description in a text and parse it. `offset` is the text's start in the passage.
 * Returns null when the text has no "<direction>至" side.
 */
export function parseFourBounds(text: string, offset: number, flags: Flag[]): FourBoundsClause | null {
  const starts = [...text.matchAll(SIDE_START)];
  if (starts.length === 0) return null;
  const sides: BoundSide[] = [];
  for (let i = 0; i < starts.length; i++) {
    const m = starts[i];
    if (m === undefined) continue;
    const s = m.index ?? 0;
    const bodyStart = s + m[0].length;
    const next = starts[i + 1];
    let body = text.slice(bodyStart, next?.index ?? text.length);
    const stop = /[,;。\n]/.exec(body);
    if (stop !== null) body = body.slice(0, stop.index);
    body = body.replace(/[、]$/, '').trim();
    // "南、西至外环路": one side per listed direction, sharing the references.
    const directions = (m[1] ?? '').split('、').map(directionOf);
    if (directions.some((d) => d === null) || body.length === 0) continue;
    const span: [number, number] = [offset + s, offset + bodyStart + body.length];
    for (const direction of directions) {
      if (direction !== null) sides.push({ direction, references: parseSideReferences(body, flags, span), text: text.slice(s, bodyStart + body.length), span });
    }
    const after = text.slice(bodyStart + body.length, next?.index ?? text.length);
    if (next !== undefined && !/^[,;、\s]*$/.test(after)) break;
  }
  if (sides.length === 0) return null;
  const first = sides[0]?.span[0] ?? offset;
  const last = sides[sides.length - 1]?.span[1] ?? offset;
  const seen = new Map<string, number>();
  for (const side of sides) seen.set(side.direction, (seen.get(side.direction) ?? 0) + 1);
  for (const [d, n] of seen) {
    if (n > 1) {
      flags.push({ code: 'DUPLICATE_DIRECTION', severity: 'error', message: `四至 gives ${d} ${n} times`, span: [first, last] });
    }
  }
  for (const d of ['N', 'E', 'S', 'W'] as const) {
    if (!seen.has(d) && sides.every((s) => s.direction.length === 1)) {
      flags.push({ code: 'MISSING_DIRECTION', severity: 'warning', message: `四至 has no ${d} side`, span: [first, last] });
    }
  }
  return { type: 'four-bounds', sides, text: text.slice(first - offset, last - offset), span: [first, last] };
}
