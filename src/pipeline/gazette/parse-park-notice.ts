import type { ChemicalParkRecord, Flag, FourBoundsClause, Repeal, Span, StatedArea } from '../../core/model/gazette-record';
import { findAreas } from './parse-area';
import { parseEvents } from './parse-document';
import { parseFourBounds } from './parse-four-bounds';
import { parkTableRows } from './park-tables';
import type { IdAllocator, ParseContext } from './record-builder';
import { countyPrefix, slugOf, sourceOf } from './record-builder';

/**
 * Park notices (化工园区, 产业园区 and their 组团): each 四至 description is one feature. Its name is
 * the noun phrase just before the first side ("其中山焦组团北至…") or, after "四至范围:", the
 * subject of the preceding "…位于…" sentence. Areas in the same clause run belong to the feature;
 * a 总面积 is a passage fact checked against the parts. Also read: renamings (后更名为), parks
 * moved out (将 A 调整到 B → A withdrawn), the parent zone, claims (不涉及生态保护红线…).
 */

const NAME_BEFORE = /([\u4e00-\u9fa5A-Za-z0-9()]{2,30}?(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园))$/;
const SUBJECT_LOCATED = /([\u4e00-\u9fa5]{2,30}?(?:园区|组团|开发区|片区|基地|工业园|产业园))位于([^,。;]+)/g;
/** The park an item line is about: "一、莘县化工产业园。…", "1.开封精细化工开发区,…". */
const ITEM_NAME = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、](?!\d))?(?:\d+\s*\|[^|]*\|\s*)?([\u4e00-\u9fa5A-Za-z0-9]{2,40}?(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园|集中区))/;
/** A table cell that names a park. */
const PARK_CELL = /^[\u4e00-\u9fa5A-Za-z0-9()]{2,40}(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园|集中区)$/;
/** The feature an area belongs to: "文登化工产业园主片区面积", "化工集中区总面积为". */
const AREA_OWNER = /([\u4e00-\u9fa5A-Za-z0-9]{2,40}?(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园|集中区))(?:[\u4e00-\u9fa5]{0,6}后)?(?:总)?(?:面积(?:为|约|:)?)?$/;
/** A park name in running text, the longest run of name characters ending in a park word. */
const SOLE_PARK = /([\u4e00-\u9fa5A-Za-z0-9]{2,40}(?:化工集中区|化工园区|化工产业园|产业园区|工业园区|开发区|集聚区))/g;
const RENAMED = /([\u4e00-\u9fa5]{2,30}?(?:园区|组团|开发区|基地))(?:后|现)?更名为([\u4e00-\u9fa5]{2,30}?(?:园区|组团|开发区|基地))/g;
const MOVED = /将(?:于\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?成立的)?([\u4e00-\u9fa5]{2,30}?(?:园区|开发区|基地))(?:整体)?(?:调整|搬迁|迁移|并入)(?:到|至)([\u4e00-\u9fa5]{2,30}?(?:园区|开发区|基地))/g;
const PARENT = /([\u4e00-\u9fa5]{2,30}?(?:园区|开发区))\(([^)]*、[^)]*)\)/g;
const CLAIM = /[^,。;\n]*位于[^,。;\n]*(?:范围内|区内)(?:,(?:不涉及|不占用)[^,。;\n]*)*|[^。;\n]*(?:不涉及|不占用)[^。;\n]*/g;

function repealsFor(name: string, repeals: readonly Repeal[], all: number): Repeal[] {
  const specific = repeals.filter((r) => r.title !== null && r.title.includes(name));
  if (specific.length > 0) return specific;
  // A repeal naming no feature of this notice applies to all of them, unless it names another one.
  return all === 1 ? [...repeals] : repeals.filter((r) => r.title === null || !/组团/.test(r.title));
}

/** Parse park features from a park notice. */
export function parseParkNotice(ctx: ParseContext, ids: IdAllocator, repeals: readonly Repeal[], taken: Span[]): ChemicalParkRecord[] {
  const text = ctx.text;
  const features: {
    name: string;
    nameSpan: Span | null;
    bounds: FourBoundsClause | null;
    areas: StatedArea[];
    location: { text: string; span: Span } | null;
    flags: Flag[];
  }[] = [];
  const allAreas = findAreas(text, 0);
  const usedAreas = new Set<StatedArea>();
  let cursor = 0;
  while (cursor < text.length) {
    const flags: Flag[] = [];
    const fb = parseFourBounds(text.slice(cursor), cursor, flags);
    if (fb === null) break;
    const before = text.slice(0, fb.span[0]).replace(/(?:四至(?:范围|边界)(?:调整为|仍为|为)?|四至范围):?$/, '');
    let name: string | null = null;
    let nameSpan: Span | null = null;
    let location: { text: string; span: Span } | null = null;
    const rowCells = before.includes('|') ? before.slice(before.lastIndexOf('\n') + 1).split('|').map((c) => c.trim()) : null;
    const lastCell = rowCells === null ? null : (rowCells.slice(0, -1).reverse().find((c) => PARK_CELL.test(c)) ?? rowCells[rowCells.length - 1] ?? '');
    const tail = lastCell ?? before.replace(/^.*(?:其中|,|;|:|。|\n)/s, '');
    const segment = /(?:^|[,;。\n])(?:其中)?([\u4e00-\u9fa5A-Za-z0-9]{1,30}?)(?:总)?面积(?:为|约|:)?[^,;。\n]*[,;。]?$/.exec(before);
    const cellAbove = /\n([\u4e00-\u9fa5A-Za-z0-9()]{2,40}?(?:园区|组团|开发区|片区|基地|集聚区|工业园|产业园|集中区)\)?)\n[^\n]*$/.exec(before);
    const direct = /^[\u4e00-\u9fa5A-Za-z0-9]{2,24}$/.test(tail) && !/四至|范围/.test(tail) ? tail : (NAME_BEFORE.exec(tail)?.[1] ?? null);
    if (direct !== null && direct.length > 0) {
      name = direct;
      nameSpan = [fb.span[0] - name.length, fb.span[0]];
    } else if (segment !== null && (segment[1] ?? '').length >= 2 && !/后$/.test(segment[1] ?? '')) {
      name = segment[1] ?? null;
      const at = before.lastIndexOf(name ?? '');
      nameSpan = name === null || at < 0 ? null : [at, at + name.length];
    } else if (cellAbove !== null) {
      name = cellAbove[1] ?? null;
      const at = (cellAbove.index ?? 0) + 1;
      nameSpan = name === null ? null : [at, at + name.length];
    } else if (ITEM_NAME.test(before.slice(before.lastIndexOf('\n') + 1))) {
      const lineStart = before.lastIndexOf('\n') + 1;
      const m = ITEM_NAME.exec(before.slice(lineStart));
      name = m?.[1] ?? null;
      const at = lineStart + (m?.index ?? 0) + (m?.[0].length ?? 0) - (name?.length ?? 0);
      nameSpan = name === null ? null : [at, at + name.length];
    } else {
      const subjects = [...before.matchAll(SUBJECT_LOCATED)];
      const s = subjects[subjects.length - 1];
      if (s !== undefined) {
        name = s[1] ?? null;
        const start = s.index ?? 0;
        nameSpan = [start, start + (s[1]?.length ?? 0)];
        const loc = s[2] ?? '';
        const locStart = start + (s[1]?.length ?? 0) + 2;
        location = { text: loc, span: [locStart, locStart + loc.length] };
      }
    }
    // Areas: after the bounds up to the sentence end, else in the sentence before the bounds.
    const sentenceEnd = (() => {
      const m = /[;。\n]/.exec(text.slice(fb.span[1]));
      return m === null ? text.length : fb.span[1] + m.index;
    })();
    const sentenceStart = Math.max(before.lastIndexOf('。'), before.lastIndexOf(';')) + 1;
    let areas = allAreas.filter((a) => a.span[0] >= fb.span[1] && a.span[1] <= sentenceEnd + 1 && a.qualifier !== '总面积');
    if (areas.length === 0) {
      areas = allAreas.filter((a) => a.span[0] >= Math.max(sentenceStart, nameSpan?.[0] ?? 0) && a.span[1] <= fb.span[0] && a.qualifier !== '总面积');
    }
    if (areas.length === 0) {
      // One 四至 in its item line: the line's total is this park's area.
      const lineStart = text.lastIndexOf('\n', fb.span[0]) + 1;
      const lineEnd = text.indexOf('\n', fb.span[1]) < 0 ? text.length : text.indexOf('\n', fb.span[1]);
      const line = text.slice(lineStart, lineEnd);
      if ((line.match(/[东西南北](?:侧|面|边)?(?:至|到)/g) ?? []).length <= 4 && !/片区/.test(line.slice(0, fb.span[0] - lineStart).replace(/^[^,。]*/, ''))) {
        areas = allAreas.filter((a) => a.span[0] >= Math.max(lineStart, nameSpan?.[0] ?? lineStart) && a.span[1] <= fb.span[0]);
      }
    }
    areas.forEach((a) => usedAreas.add(a));
    features.push({ name: name ?? `园区${features.length + 1}`, nameSpan, bounds: fb, areas, location, flags });
    cursor = fb.span[1];
  }

  // A park or 片区 stated with its area but no 四至 ("众音化学片区面积 0.62 平方公里") is a feature too,
  // unless the area is a total over 片区 listed after it ("…面积为 13.1023 平方公里, 共两个片区").
  for (const a of allAreas) {
    if (usedAreas.has(a)) continue;
    const head = text.slice(Math.max(0, a.span[0] - 60), a.span[0]);
    const m = AREA_OWNER.exec(head);
    if (m === null) continue;
    if (/^[,]?(?:共|包含|分)[两二三四五\d]个片区/.test(text.slice(a.span[1], a.span[1] + 12))) continue;
    const owner = (m[1] ?? '').replace(/^.*(?:其中|,|;|:|。|\n)/s, '').replace(/^[\u4e00-\u9fa5]{0,6}后/, '');
    if (owner.length < 2 || features.some((f) => f.name === owner)) continue;
    const at = a.span[0] - head.length + (m.index ?? 0) + (m[0].indexOf(owner));
    usedAreas.add(a);
    features.push({ name: owner, nameSpan: [at, at + owner.length], bounds: null, areas: [a], location: null, flags: [] });
  }

  for (const row of parkTableRows(text)) {
    if (!features.some((f) => f.name === row.name)) features.push({ name: row.name, nameSpan: row.nameSpan, bounds: null, areas: [row.area], location: null, flags: [] });
  }

  // A passage about one park ("同意江西吉水工业园区化工集中区扩容…本次扩容区域面积为 59.61 公顷"):
  // its areas belong to that park when no other feature was found and the park is the only one named.
  const unused = allAreas.filter((a) => !usedAreas.has(a));
  if (features.length === 0 && unused.length > 0) {
    const named = [...text.matchAll(SOLE_PARK)];
    const names = new Set(named.map((x) => x[1] ?? ''));
    const first = named[0];
    if (names.size === 1 && first !== undefined) {
      const at = first.index ?? 0;
      unused.forEach((a) => usedAreas.add(a));
      features.push({ name: first[1] ?? '', nameSpan: [at, at + (first[1] ?? '').length], bounds: null, areas: unused, location: null, flags: [] });
    }
  }

  const aliases = new Map<string, { names: string[]; spans: Span[] }>();
  for (const m of text.matchAll(RENAMED)) {
    const entry = aliases.get(m[2] ?? '') ?? { names: [], spans: [] };
    entry.names.push(m[1] ?? '');
    entry.spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
    aliases.set(m[2] ?? '', entry);
  }
  const parents = new Map<string, string>();
  for (const pm of text.matchAll(PARENT)) {
    const parentName = (pm[1] ?? '').replace(/^(?:关于|申请|确定|核定)+/, '');
    for (const child of (pm[2] ?? '').split('、')) if (!parents.has(child.trim())) parents.set(child.trim(), parentName);
  }
  const claims: { text: string; span: Span }[] = [];
  for (const m of text.matchAll(CLAIM)) {
    const t = m[0].trim();
    if (t.length === 0) continue;
    const s = (m.index ?? 0) + m[0].indexOf(t);
    claims.push({ text: t, span: [s, s + t.length] });
    ctx.facts.push({ label: 'claim', text: t, span: [s, s + t.length] });
  }
  for (const a of allAreas) {
    if (!usedAreas.has(a)) ctx.facts.push({ label: a.qualifier ?? 'area', text: a.text, span: a.span });
  }
  const total = allAreas.find((a) => a.qualifier === '总面积' && !usedAreas.has(a));
  // Parts are the features of the total's own item line, not every park of the notice.
  const totalLine = total === undefined ? null : [text.lastIndexOf('\n', total.span[0]) + 1, text.indexOf('\n', total.span[1]) < 0 ? text.length : text.indexOf('\n', total.span[1])];
  const partAreas = features
    .filter((f) => f.bounds !== null && (totalLine === null || (f.bounds.span[0] >= (totalLine[0] ?? 0) && f.bounds.span[1] <= (totalLine[1] ?? text.length))))
    .map((f) => f.areas[0])
    .filter((a): a is StatedArea => a !== undefined);
  if (total !== undefined && partAreas.length > 1) {
    const sum = partAreas.reduce((s, a) => s + a.m2, 0);
    if (Math.abs(sum - total.m2) > 0.5) {
      ctx.flags.push({ code: 'TOTAL_MISMATCH', severity: 'warning', message: `parts add up to ${sum} m² but the total is ${total.m2} m²`, span: total.span });
    }
  }

  const out: ChemicalParkRecord[] = [];
  const named = new Set(features.map((f) => f.name));
  for (const f of features) {
    const provenance: ChemicalParkRecord['provenance'] = [];
    if (f.nameSpan !== null) provenance.push({ field: 'name', span: f.nameSpan });
    if (f.location !== null) provenance.push({ field: 'location', span: f.location.span });
    const alias = aliases.get(f.name);
    alias?.spans.forEach((span) => provenance.push({ field: 'aliases', span }));
    const own = f.bounds?.span ?? f.areas[0]?.span ?? f.nameSpan ?? [0, 0];
    const start = Math.min(f.nameSpan?.[0] ?? own[0], own[0], ...f.areas.map((a) => a.span[0]), ...(alias?.spans ?? []).map((sp) => sp[0]));
    const end = Math.max(own[1], ...f.areas.map((a) => a.span[1]));
    const county =
      countyPrefix(f.name) ??
      (f.location === null ? null : countyPrefix(f.location.text)) ??
      (parents.has(f.name) ? countyPrefix(parents.get(f.name) ?? '') : null) ??
      ctx.addressee?.county ??
      null;
    if (county !== null && county === ctx.addressee?.county) provenance.push({ field: 'county', span: ctx.addressee.span });
    out.push({
      kind: 'chemical-park',
      id: ids.next(slugOf(f.name)),
      name: f.name,
      county,
      address: null,
      document: ctx.document,
      status: 'in-force',
      source: sourceOf(ctx, [start, end]),
      areas: f.areas,
      repeals: repealsFor(f.name, repeals, features.length),
      events: [],
      provenance,
      flags: f.flags,
      aliases: alias?.names ?? [],
      parent: parents.get(f.name) ?? null,
      location: f.location?.text ?? null,
      clauses: f.bounds === null ? [] : [f.bounds],
      claims: claims.map((c) => c.text),
    });
  }
  // Parks moved out of use: "将…成立的 A 调整到 B".
  for (const m of text.matchAll(MOVED)) {
    const name = m[1] ?? '';
    const span: Span = [m.index ?? 0, (m.index ?? 0) + m[0].length];
    if (named.has(name) || taken.some(([a, b]) => span[0] < b && a < span[1])) continue;
    named.add(name);
    const s = (m.index ?? 0) + m[0].indexOf(name);
    const events = parseEvents(m[0], [], m.index ?? 0);
    const flags: Flag[] = [
      { code: 'NO_BOUNDARY', severity: 'info', message: `${name} is being moved to ${m[2] ?? ''}; the text gives no boundary or area`, span },
    ];
    out.push({
      kind: 'chemical-park',
      id: ids.next(slugOf(name)),
      name,
      county: countyPrefix(name),
      address: null,
      document: ctx.document,
      status: 'withdrawn',
      source: sourceOf(ctx, span),
      areas: [],
      repeals: [],
      events,
      provenance: [{ field: 'name', span: [s, s + name.length] }],
      flags,
      aliases: [],
      parent: null,
      location: null,
      clauses: [],
      claims: [],
    });
    taken.push(span);
  }
  return out;
}
