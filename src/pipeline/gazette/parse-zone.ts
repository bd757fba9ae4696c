import type {
  BasePointLeg,
  Clause,
  Direction,
  Flag,
  OffsetClause,
  StatedArea,
  ZoneReference,
} from '../../core/model/gazette-record';
import {
  CARDINAL,
  DIAGONAL,
  DIRECTION_SOURCE,
  alignment,
  directionWord,
  directionsIn,
  leadingDirection,
  trailingDirection,
} from './directions';
import { LENGTH_UNIT_SOURCE, NUMBER_SOURCE, parseNumber, toMetres } from './numbers';
import { findAreas } from './parse-area';
import { findCorners } from './parse-corners';
import { CENTRE_RE, RADIUS_RE, RECT_EW, RECT_NS, UNIFORM_RE } from './zone-patterns';
import { JOINED_CLAUSE, checkOddReference, metresOf, parseLinear, parsePaired, parseListed, parseUniformLoose, splitAfterReference, zoneWord } from './parse-zone-extra';

/**
 * Zone descriptions (保护范围, 建设控制地带 and the like): the text after the label, split into
 * clauses, each parsed by one grammar family:
 *
 * - per-direction offsets: "北由<reference>向外延伸 20 米至<limit>", "向外 50 米", "外扩 50 米",
 *   "向北延伸", "…米处<limit>", "北至<reference>外 13 米处<limit>", "北距<reference> 20 米";
 * - limits without metres: "北至<limit>", "北以<limit>为界";
 * - uniform offsets: "四周各外扩 N 米", "四周向外延伸 N 米";
 * - a radius: "以<centre>为中心, 半径 N 米";
 * - a base point with legs: "以<point>为基点, 东 N 米, 南 M 米";
 * - a rectangle: "东西各延 N 米, 南北各延 M 米";
 * - same as another zone: "同保护范围", "同文物本体".
 *
 * Clauses that match nothing are kept as UNPARSED_CLAUSE flags, never dropped.
 */

/** Result of parsing a zone's text. */
export interface ZoneParse {
  readonly clauses: Clause[];
  readonly area: StatedArea | null;
  readonly extraAreas: StatedArea[];
  readonly flags: Flag[];
}

const NUM_LEN = new RegExp(`(?<![几数余多])(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})`);
const VERB_AT_END = new RegExp(
  `(?:向(?:${DIRECTION_SOURCE})?外?侧?(?:延伸|延长|扩展|延|扩)?外?|外扩|外延伸|外延|外阔|延伸|扩展|各延|距离?|离)$`,
);
const LIMIT_LEAD = /^(?:处|至|到|止于|止|直至|的)/;
const LIMIT_TAIL = /(?:为界|为止|范围内|以内|一线|止)$/;

/** Zone a reference text names, if it names one. */
export function referenceZoneOf(reference: string | null): ZoneReference | null {
  return zoneWord(reference);
}

interface Piece {
  readonly text: string;
  readonly start: number;
}

function splitPieces(text: string, offset: number): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || ch === ',' || ch === ';' || ch === '。' || ch === '\n' || (ch === '、' && JOINED_CLAUSE.test(text.slice(i - 1)))) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (t.length > 0) out.push({ text: t, start: offset + start + lead });
      start = i + 1;
    }
  }
  return out;
}

function cleanLimit(text: string): string | null {
  let t = text.replace(LIMIT_LEAD, '').trim();
  t = t.replace(LIMIT_TAIL, '').trim();
  return t.length === 0 || t === '内' ? null : t;
}

function flag(code: Flag['code'], severity: Flag['severity'], message: string, span: [number, number] | null): Flag {
  return { code, severity, message, span };
}

/** Parse one directional piece after its direction word. Returns null when it fits no grammar. */
function parseDirectional(
  direction: Direction,
  rest: string,
  piece: Piece,
  flags: Flag[],
): Clause | null {
  const span: [number, number] = [piece.start, piece.start + piece.text.length];
  const base = { text: piece.text, span };
  const body = rest.replace(/^(?:侧|面|边|向|角)(?=由|自|从|至|到|距|以)/, '').replace(/^(?:延|向外延伸|向外延)(?=至)/, '');
  // 至<reference>外 N 米处<limit>  |  至<limit>
  // "东西 260 米" without 各: a total extent or an offset each side? Left unread.
  if (new RegExp(`^${DIRECTION_SOURCE}\\s*\\d`).test(body) && alignment(directionsIn(body.slice(0, 2))[0] ?? direction, direction) < 0) return null;
  // 由<reference>向外侧延伸, 至<limit>: a limit reached from a reference, no distance.
  const reached = /^(?:由|自|从)([^\d]+?)(?:向外侧?|向[东南西北])?(?:延伸|延)?,?(?:至|到)([^\d]+)$/.exec(body);
  if (reached !== null) {
    const limit = cleanLimit(reached[2] ?? '');
    if (limit !== null) return { type: 'limit', direction, inferredDirection: null, limit, ...base };
  }
  const toMatch = /^(?:至|到|止于|抵|接)(.*)$/.exec(body);
  if (toMatch !== null) {
    const after = toMatch[1] ?? '';
    const inner =
      new RegExp(`^(.+?)(?:外侧|以外|外延|外推|外扩|外)约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})(.*)$`).exec(after) ??
      new RegExp(`^([^\\d]+?)(?:以${DIRECTION_SOURCE})?约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})处?(.*)$`).exec(after);
    if (inner !== null) {
      const metres = toMetres(parseNumber(inner[2] ?? '') ?? NaN, inner[3] ?? '');
      if (metres !== null && Number.isFinite(metres)) {
        const reference = (inner[1] ?? '').trim();
        const tail = cleanLimit(inner[4] ?? '');
        return {
          type: 'offset',
          direction,
          inferredDirection: null,
          reference,
          referenceZone: referenceZoneOf(reference),
          metres,
          limit: tail ?? (/外/.test(after.slice(reference.length, reference.length + 2)) ? null : reference),
          verb: '外',
          ...base,
        };
      }
    }
    if (NUM_LEN.test(after)) return null;
    const limit = cleanLimit(after);
    if (limit === null) return null;
    return { type: 'limit', direction, inferredDirection: null, limit, ...base };
  }
  // 以<reference>外推 N 米为界, 以<reference>为界各外延 N 米
  const pushed =
    new RegExp(`^以(.+?)(?:外推|外延|外扩|向外延伸|外)约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})为界$`).exec(body) ??
    new RegExp(`^以(.+?)为界(?:各)?(?:向外)?(?:延伸|外延|外扩|外推)?约?(${NUMBER_SOURCE})\\s*(${LENGTH_UNIT_SOURCE})(.*)$`).exec(body);
  if (pushed !== null) {
    const metres = metresOf(pushed[2], pushed[3]);
    if (metres !== null) {
      const reference = (pushed[1] ?? '').trim();
      return { type: 'offset', direction, inferredDirection: null, reference, referenceZone: referenceZoneOf(reference), metres, limit: cleanLimit(pushed[4] ?? ''), verb: '外推', ...base };
    }
  }
  // 以<limit>为界
  const asBound = /^以(.+?)为界内?$/.exec(body);
  if (asBound !== null) {
    if (NUM_LEN.test(asBound[1] ?? '')) return null;
    return { type: 'limit', direction, inferredDirection: null, limit: (asBound[1] ?? '').trim(), ...base };
  }
  const same = /^(?:均|皆|亦)?(?:同|与)为?(保护范围|A区|文物本体)(?:相同|一致|重合)?$/.exec(body);
  if (same !== null) {
    return { type: 'same-as', target: same[1] === '文物本体' ? 'relic-body' : 'protection-range', direction, ...base };
  }
  const num = NUM_LEN.exec(body);
  if (num === null) return null;
  const metres = toMetres(parseNumber(num[1] ?? '') ?? NaN, num[2] ?? '');
  if (metres === null || !Number.isFinite(metres)) return null;
  let pre = body.slice(0, num.index).replace(/^(?:由|自|从|以)/, '');
  const approximate = /约$/.test(pre);
  pre = pre.replace(/约$/, '');
  const verbMatch = VERB_AT_END.exec(pre);
  const verb = verbMatch?.[0] ?? '';
  pre = pre.slice(0, pre.length - verb.length).replace(/(?:起|开始|为基准)$/, '').trim();
  const reference = pre.length === 0 ? null : pre;
  const post = body.slice((num.index ?? 0) + num[0].length);
  const verbDir = directionsIn(verb);
  const vd = verbDir[0];
  if (vd !== undefined && vd !== direction) {
    flags.push(
      flag(
        'VERB_DIRECTION_MISMATCH',
        'warning',
        `clause ${directionWord(direction)} extends ${verb}: the verb names another direction`,
        span,
      ),
    );
  }
  const clause: OffsetClause = {
    type: 'offset',
    direction,
    inferredDirection: null,
    reference,
    referenceZone: referenceZoneOf(reference),
    metres,
    limit: cleanLimit(post),
    verb,
    ...(approximate ? { approximate: true } : {}),
    ...base,
  };
  return clause;
}

/** Zone-level checks: duplicated and missing directions, mixed schemes, limit-only zones. */
function checkDirections(clauses: Clause[], flags: Flag[], zoneSpan: [number, number]): void {
  const directional = clauses.filter((c): c is Extract<Clause, { type: 'offset' | 'limit' }> =>
    c.type === 'offset' || c.type === 'limit',
  );
  if (directional.length === 0) return;
  const seen = new Map<Direction, number>();
  for (const c of directional) seen.set(c.direction, (seen.get(c.direction) ?? 0) + 1);
  const diagonal = directional.filter((c) => DIAGONAL.includes(c.direction)).length;
  const cardinal = directional.length - diagonal;
  const eightWay = CARDINAL.every((d) => seen.has(d)) && DIAGONAL.every((d) => seen.has(d));
  if (diagonal > 0 && cardinal > 0 && !eightWay) {
    flags.push(flag('MIXED_DIRECTION_SCHEME', 'info', 'cardinal and diagonal directions are mixed', zoneSpan));
  }
  const scheme = eightWay ? [...CARDINAL, ...DIAGONAL] : diagonal > cardinal ? DIAGONAL : CARDINAL;
  const missing = scheme.filter((d) => !seen.has(d));
  const duplicated = [...seen.entries()].filter(([, n]) => n > 1).map(([d]) => d);
  for (const d of duplicated) {
    const dups = directional.filter((c) => c.direction === d);
    const last = dups[dups.length - 1];
    const onlyMissing = missing.length === 1 && duplicated.length === 1 ? missing[0] : undefined;
    if (last !== undefined && onlyMissing !== undefined) last.inferredDirection = onlyMissing;
    flags.push(
      flag(
        'DUPLICATE_DIRECTION',
        'error',
        `${directionWord(d)} is given ${dups.length} times` +
          (onlyMissing !== undefined
            ? `; ${directionWord(onlyMissing)} is missing, so the later ${directionWord(d)} clause is read as ${directionWord(onlyMissing)}`
            : ''),
        last?.span ?? zoneSpan,
      ),
    );
  }
  const covered = new Set(directional.map((c) => c.inferredDirection ?? c.direction));
  for (const d of scheme) {
    if (!covered.has(d) && directional.length > 0) {
      flags.push(flag('MISSING_DIRECTION', 'warning', `no clause for ${directionWord(d)}`, zoneSpan));
    }
  }
  const limits = directional.filter((c) => c.type === 'limit');
  if (limits.length > 0) {
    flags.push(
      flag(
        'LIMIT_WITHOUT_METRES',
        'info',
        limits.length === directional.length
          ? 'the zone is given by limit features only, with no distances'
          : `${limits.map((c) => directionWord(c.direction)).join('、')} given by a limit feature with no distance`,
        zoneSpan,
      ),
    );
  }
}


/**
 * Parse a zone's text (what follows the label). `offset` is where the text starts in the passage.
 * Never throws on odd text: what it cannot read becomes a flag.
 */
export function parseZoneText(text: string, offset: number): ZoneParse {
  const flags: Flag[] = [];
  const areas = findAreas(text, offset);
  // Blank out the area statements so their numbers are not read as clauses.
  let boundaryText = text;
  for (const a of areas) {
    const s = a.span[0] - offset;
    const e = a.span[1] - offset;
    boundaryText = boundaryText.slice(0, s) + ' '.repeat(e - s) + boundaryText.slice(e);
  }
  const corners = findCorners(boundaryText, offset, flags);
  for (const c of corners) {
    const s = c.span[0] - offset;
    const e = c.span[1] - offset;
    boundaryText = boundaryText.slice(0, s) + ' '.repeat(e - s) + boundaryText.slice(e);
  }
  const pieces = splitPieces(boundaryText, offset);
  const clauses: Clause[] = [...corners];
  let centre: { text: string; kind: string; piece: Piece } | null = null;
  let legs: BasePointLeg[] = [];
  const zoneSpan: [number, number] = [offset, offset + text.length];

  const flushBasePoint = (): void => {
    if (centre === null) return;
    if (legs.length > 0) {
      const first = centre.piece.start;
      const last = legs[legs.length - 1]?.span[1] ?? centre.piece.start + centre.piece.text.length;
      clauses.push({
        type: 'base-point',
        point: centre.text,
        legs,
        text: text.slice(first - offset, last - offset),
        span: [first, last],
      });
    }
    legs = [];
    centre = null;
  };

  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    if (piece === undefined) continue;
    const span: [number, number] = [piece.start, piece.start + piece.text.length];
    let t = piece.text;

    // Rectangle: 东西各延 N 米, 南北各延 M 米 (two pieces, either order), maybe after 以<centre>为中心.
    const centreFirst = CENTRE_RE.exec(t);
    if (centreFirst !== null && (RECT_EW.test(t.slice(centreFirst[0].length)) || RECT_NS.test(t.slice(centreFirst[0].length)))) {
      flushBasePoint();
      centre = { text: (centreFirst[1] ?? '').trim(), kind: centreFirst[2] ?? '', piece };
      t = t.slice(centreFirst[0].length);
    }
    const ew = RECT_EW.exec(t);
    const ns = RECT_NS.exec(t);
    if (ew !== null || ns !== null) {
      const next = pieces[k + 1];
      const other = next === undefined ? null : (ew !== null ? RECT_NS : RECT_EW).exec(next.text);
      const ewM = ew ?? (next !== undefined && other !== null ? other : null);
      const nsM = ns ?? (next !== undefined && other !== null ? other : null);
      const ewMetres = ewM === null ? null : toMetres(parseNumber(ewM[1] ?? '') ?? NaN, ewM[2] ?? '');
      const nsMetres = nsM === null ? null : toMetres(parseNumber(nsM[1] ?? '') ?? NaN, nsM[2] ?? '');
      if (ewMetres !== null && nsMetres !== null && other !== null && next !== undefined) {
        const end = next.start + next.text.length;
        const reference = centre?.text ?? null;
        clauses.push({
          type: 'rectangle',
          reference,
          referenceZone: referenceZoneOf(reference),
          eastWestMetres: ewMetres,
          northSouthMetres: nsMetres,
          text: text.slice(piece.start - offset, end - offset),
          span: [piece.start, end],
        });
        if (centre !== null) centre = null;
        k++;
        continue;
      }
    }

    // Centre / base point: 以<point>为基点|中心, possibly followed in the same piece by more text.
    const c = CENTRE_RE.exec(t);
    if (c !== null) {
      flushBasePoint();
      centre = { text: (c[1] ?? '').trim(), kind: c[2] ?? '', piece };
      t = t.slice(c[0].length).trim();
      if (t.length === 0) continue;
    }

    const radius = RADIUS_RE.exec(t);
    if (radius !== null) {
      const metres = toMetres(parseNumber(radius[1] ?? '') ?? NaN, radius[2] ?? '');
      if (metres !== null) {
        const first = centre?.piece.start ?? piece.start;
        clauses.push({
          type: 'radius',
          centre: centre?.text ?? null,
          metres,
          text: text.slice(first - offset, span[1] - offset),
          span: [first, span[1]],
        });
        centre = null;
        continue;
      }
    }

    const uniform = UNIFORM_RE.exec(t);
    if (uniform !== null && leadingDirection(t) === null) {
      const metres = toMetres(parseNumber(uniform[3] ?? '') ?? NaN, uniform[4] ?? '');
      if (metres !== null) {
        const refText = [(uniform[1] ?? '').trim(), (uniform[2] ?? '').trim()].filter((s) => s.length > 0).join('');
        const reference = refText.length > 0 ? refText : (centre?.text ?? null);
        clauses.push({
          type: 'uniform',
          reference,
          referenceZone: referenceZoneOf(reference),
          metres,
          limit: cleanLimit(uniform[5] ?? ''),
          text: piece.text,
          span,
        });
        continue;
      }
    }

    const sameAll = /^(?:范围)?(?:均|皆)?(?:同|与)为?(保护范围|文物本体)(?:相同|一致|重合)?$/.exec(t);
    if (sameAll !== null) {
      clauses.push({
        type: 'same-as',
        target: sameAll[1] === '文物本体' ? 'relic-body' : 'protection-range',
        direction: null,
        text: piece.text,
        span,
      });
      continue;
    }

    // "以院墙为界" with no direction: every side ends at that feature.
    const whole = /^以([^\d,;。]{1,20}?)为界$/.exec(t);
    if (whole !== null && leadingDirection(t) === null) {
      for (const d of ['E', 'S', 'W', 'N'] as const) clauses.push({ type: 'limit', direction: d, inferredDirection: null, limit: (whole[1] ?? '').trim(), text: piece.text, span });
      continue;
    }
    // "南北两面以洪沟为界", "东西两侧至围墙": one limit for each of the two directions.
    const two = /^([东南西北])、?([东南西北])两(?:面|侧|边)([^\d]+)$/.exec(t);
    const made = two === null ? [] : [two[1], two[2]].map((w) => leadingDirection(w ?? '')).map((d) => (d === null ? null : parseDirectional(d.direction, two?.[3] ?? '', piece, flags)));
    if (made.length === 2 && made.every((c) => c !== null)) {
      clauses.push(...made.filter((c): c is Clause => c !== null));
      continue;
    }

    const listed = parseListed(t, (one) => {
      const l = leadingDirection(one);
      return l === null ? null : parseDirectional(l.direction, one.slice(l.word.length), piece, flags);
    });
    if (listed !== null) {
      for (const c of listed.clauses) {
        if (centre !== null && c.type === 'offset' && c.reference === null) {
          legs.push({ direction: c.direction, metres: c.metres, limit: c.limit, text: piece.text, span });
        } else clauses.push(c);
      }
      continue;
    }
    const paired = parsePaired(t, span);
    if (paired !== null) {
      clauses.push(...paired);
      continue;
    }
    const linear = parseLinear(t, span);
    if (linear !== null) {
      clauses.push(linear);
      continue;
    }
    const afterRef = splitAfterReference(t);
    if (afterRef !== null) {
      const l = leadingDirection(afterRef.directional);
      const c = l === null ? null : parseDirectional(l.direction, afterRef.directional.slice(l.word.length), piece, flags);
      if (c !== null) {
        clauses.push(c.type === 'offset' && c.reference === null ? { ...c, reference: afterRef.reference, referenceZone: referenceZoneOf(afterRef.reference) } : c);
        continue;
      }
    }
    let lead = leadingDirection(t);
    let rest = lead === null ? '' : t.slice(lead.word.length);
    // Glued clause: "东…至坡底南,由保护范围…" – the direction ended up at the end of the previous clause.
    const previous = clauses[clauses.length - 1];
    if (lead === null && /^(?:由|自|从)/.test(t) && previous !== undefined && previous.type === 'offset' && previous.limit !== null) {
      const tail = trailingDirection(previous.limit);
      if (tail !== null && previous.limit.length > tail.word.length) {
        const fixedLimit = previous.limit.slice(0, previous.limit.length - tail.word.length);
        clauses[clauses.length - 1] = { ...previous, limit: fixedLimit };
        flags.push(
          flag(
            'GLUED_CLAUSE',
            'warning',
            `"${previous.limit}${t.slice(0, 1)}…" reads as two clauses: the ${directionWord(tail.direction)} clause's direction word was glued to the previous limit`,
            [previous.span[1] - tail.word.length, piece.start + 1],
          ),
        );
        lead = tail;
        rest = t;
      }
    }
    const following = pieces[k + 1];
    if (lead !== null && following !== undefined && /^(?:至|到)/.test(following.text) && !/\d/.test(rest) && parseDirectional(lead.direction, rest, piece, []) === null) {
      // "东侧由A、B洞向外侧延伸, 至规划道路": the limit is in the next piece.
      const joined: Piece = { text: text.slice(piece.start - offset, following.start - offset + following.text.length), start: piece.start };
      const clause = parseDirectional(lead.direction, `${rest},${following.text}`, joined, flags);
      if (clause !== null) {
        clauses.push(clause);
        k++;
        continue;
      }
    }
    if (lead !== null) {
      const clause = parseDirectional(lead.direction, rest, piece, flags);
      if (clause !== null) {
        if (centre !== null && clause.type === 'offset' && clause.reference === null) {
          legs.push({ direction: clause.direction, metres: clause.metres, limit: clause.limit, text: piece.text, span });
          continue;
        }
        checkOddReference(clause, flags);
        clauses.push(clause);
        continue;
      }
    }
    const loose = parseUniformLoose(t, span);
    if (loose !== null) {
      clauses.push(centre !== null && loose.type === 'uniform' && loose.reference === null ? { ...loose, reference: centre.text, referenceZone: referenceZoneOf(centre.text) } : loose);
      centre = null;
      continue;
    }
    flags.push(flag('UNPARSED_CLAUSE', 'warning', `clause not understood: "${piece.text}"`, span));
  }
  flushBasePoint();
  checkDirections(clauses, flags, zoneSpan);
  const [area, ...extraAreas] = areas;
  return { clauses, area: area ?? null, extraAreas, flags };
}
