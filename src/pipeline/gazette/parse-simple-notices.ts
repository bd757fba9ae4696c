import type {
  Flag,
  LandAcquisitionRecord,
  ParkRequirementsRecord,
  RedCultureRecord,
  Repeal,
  Span,
} from '../../core/model/gazette-record';
import { NUMBER_SOURCE, parseNumber } from './numbers';
import { findAreas, findMaskedAreas } from './parse-area';
import { paragraphs } from './parse-document';
import type { IdAllocator, ParseContext } from './record-builder';
import { countyPrefix, slugOf, sourceOf } from './record-builder';

/**
 * Notices with one feature and no boundary text: land-acquisition approvals (成片开发), lists of
 * red-culture sites with the list in an annex, and plans that set requirements for a park's
 * boundary (四至, 拐点坐标, safety control line).
 */

const SCHEME_NAME = /《([^》]*?(?:成片开发|土地征收|征收)[^》]*?方案)》/;
const MUST_LIE = /(?:位于|在)([^,。;]{2,40}?)(?:内|范围内)的([^,。;]{2,20}?)(?:[,。;并])/;

/** One 片区 item of a scheme: "1.<name>片区(编号:CZ3411-2022-1),<villages>,总面积 N 公顷,其中…". */
const BLOCK_ITEM = /^(\d+[.、]|[一二三四五六七八九十]+、)([\u4e00-\u9fa5A-Za-z0-9]{2,40}?片区)(?:\((?:编号:)?([A-Za-z0-9-]+)\))?,(?:位于)?([^,;。]*?(?:村|社区|居委会))?[,;。]/;
/** Villages of a list, split only after a village word, so 和平村 stays whole: "汪郢村和袁庄村" → 汪郢村, 袁庄村. */
function villagesOf(list: string): string[] {
  const tail = list.replace(/^.*?(?:街道|镇|乡)(?=[^、]*(?:村|社区|居委会))/, '');
  return tail
    .split(/(?<=村|社区|居委会)(?:、|和|及)/)
    .map((v) => v.trim())
    .filter((v) => v.length > 1 && /(?:村|社区|居委会)$/.test(v));
}

/**
 * Land-acquisition approval or scheme → one record with its total area; a scheme that lists its
 * 片区 (number, name, 编号, villages, areas) gets one more record per 片区. Areas a source masked
 * ("总面积 *** 公顷") are flagged, never taken from a neighbouring number.
 */
export function parseLandAcquisition(ctx: ParseContext, ids: IdAllocator, repeals: readonly Repeal[], titleSpan: Span | null): LandAcquisitionRecord[] {
  const text = ctx.text;
  const m = SCHEME_NAME.exec(text);
  const name = m?.[1] ?? ctx.header.title.replace(/^关于/, '').replace(/的批复$/, '');
  const nameStart = m === null ? null : (m.index ?? 0) + 1;
  const blocks = paragraphs(text)
    .map((p) => ({ p, b: BLOCK_ITEM.exec(p.text) }))
    .filter((x): x is { p: { text: string; start: number }; b: RegExpExecArray } => x.b !== null);
  const inBlock = (span: Span): boolean => blocks.some(({ p }) => span[0] >= p.start && span[1] <= p.start + p.text.length);
  const areas = findAreas(text, 0).filter((a) => !inBlock(a.span));
  const masked = findMaskedAreas(text, 0);
  const flags: Flag[] = masked.map((x) => ({ code: 'UNREAD' as const, severity: 'warning' as const, message: `the area is masked in the source: "${x.text}"`, span: x.span }));
  if (areas.length === 0 && blocks.length === 0) flags.push({ code: 'NO_BOUNDARY', severity: 'warning', message: 'no area is stated', span: null });
  flags.push({ code: 'NO_BOUNDARY', severity: 'info', message: 'the plots are in the approved scheme, not in the notice', span: null });
  const within = MUST_LIE.exec(text);
  const provenance: LandAcquisitionRecord['provenance'] = [];
  if (nameStart !== null) provenance.push({ field: 'name', span: [nameStart, nameStart + name.length] });
  if (titleSpan !== null) provenance.push({ field: 'name', span: titleSpan });
  const mustLieWithin: string[] = [];
  if (within !== null) {
    mustLieWithin.push(`${within[1] ?? ''}内的${within[2] ?? ''}`);
    const s = within.index ?? 0;
    provenance.push({ field: 'mustLieWithin', span: [s, s + within[0].length] });
  }
  const spanStart = Math.min(nameStart ?? 0, ...areas.map((a) => a.span[0]));
  const spanEnd = Math.max(...areas.map((a) => a.span[1]), (nameStart ?? 0) + name.length);
  const scheme: LandAcquisitionRecord = {
    kind: 'land-acquisition',
    id: ids.next(slugOf(name)),
    name,
    county: countyPrefix(name),
    address: null,
    document: ctx.document,
    status: 'in-force',
    source: sourceOf(ctx, [spanStart, spanEnd]),
    areas,
    repeals: [...repeals],
    events: [],
    provenance,
    flags,
    clauses: [],
    mustLieWithin,
  };
  const parts = blocks.map(({ p, b }): LandAcquisitionRecord => {
    const item = b[1] ?? '';
    const blockName = b[2] ?? '';
    const code = b[3] ?? null;
    const list = b[4] ?? null;
    const nameAt = p.start + item.length;
    const prov: LandAcquisitionRecord['provenance'] = [
      { field: 'item', span: [p.start, p.start + item.length] },
      { field: 'name', span: [nameAt, nameAt + blockName.length] },
    ];
    if (code !== null) {
      const at = p.start + p.text.indexOf(code);
      prov.push({ field: 'code', span: [at, at + code.length] });
    }
    if (list !== null) {
      const at = p.start + p.text.indexOf(list, item.length + blockName.length);
      prov.push({ field: 'villages', span: [at, at + list.length] });
    }
    const own = findAreas(p.text, p.start);
    const blockFlags: Flag[] = [];
    if (!own.some((a) => a.qualifier === '总面积' || a.qualifier === null)) {
      blockFlags.push({ code: 'NO_BOUNDARY', severity: 'warning', message: `no total area is stated for ${blockName}`, span: [p.start, p.start + p.text.length] });
    }
    blockFlags.push({ code: 'NO_BOUNDARY', severity: 'info', message: 'the 片区 boundary is in the scheme\'s maps, not in the text', span: null });
    return {
      kind: 'land-acquisition',
      id: ids.next(slugOf(blockName)),
      name: blockName,
      county: countyPrefix(list ?? '') ?? countyPrefix(blockName) ?? scheme.county,
      address: list,
      document: ctx.document,
      status: 'in-force',
      source: sourceOf(ctx, [p.start, p.start + p.text.length]),
      areas: own,
      repeals: [...repeals],
      events: [],
      provenance: prov,
      flags: blockFlags,
      clauses: [],
      mustLieWithin,
      code,
      villages: list === null ? [] : villagesOf(list),
      scheme: name,
    };
  });
  const total = areas.find((a) => a.qualifier === '总面积');
  const partTotals = parts.map((r) => r.areas.find((a) => a.qualifier === '总面积')).filter((a): a is NonNullable<typeof a> => a !== undefined);
  if (total !== undefined && partTotals.length === parts.length && parts.length > 1) {
    const sum = partTotals.reduce((s, a) => s + a.m2, 0);
    if (Math.abs(sum - total.m2) > 0.5) flags.push({ code: 'TOTAL_MISMATCH', severity: 'warning', message: `片区 add up to ${sum} m² but the total is ${total.m2} m²`, span: total.span });
  }
  return [scheme, ...parts];
}

const RED_LIST = new RegExp(`核定([\\u4e00-\\u9fa5]{2,40}?)(?:\\(([^)]+)\\))?等(${NUMBER_SOURCE})处`);

/** Red-culture site list → one record per named site; the rest of the list is an external annex. */
export function parseRedCulture(ctx: ParseContext, ids: IdAllocator): RedCultureRecord[] {
  const text = ctx.text;
  const m = RED_LIST.exec(text);
  if (m === null) {
    ctx.flags.push({ code: 'UNPARSED_CLAUSE', severity: 'warning', message: 'no "核定…等 N 处" list statement found', span: null });
    return [];
  }
  const name = m[1] ?? '';
  const start = (m.index ?? 0) + 2;
  const span: Span = [m.index ?? 0, (m.index ?? 0) + m[0].length];
  const listCount = parseNumber(m[3] ?? '');
  const flags: Flag[] = [];
  const annex = /附件:([^\n]+?)\((?:详见|见)([^)]+)\)/.exec(text);
  if (annex !== null) {
    const s = annex.index ?? 0;
    flags.push({ code: 'EXTERNAL_ANNEX', severity: 'info', message: `the full list is not in the text: ${annex[0]}`, span: [s, s + annex[0].length] });
  }
  const zonesPending = /划定[^。]*保护范围/.test(text);
  return [
    {
      kind: 'red-culture-site',
      id: ids.next(slugOf(name)),
      name,
      county: countyPrefix(name),
      address: null,
      document: ctx.document,
      status: 'in-force',
      source: sourceOf(ctx, span),
      areas: [],
      repeals: [],
      events: [],
      provenance: [
        { field: 'name', span: [start, start + name.length] },
        { field: 'listCount', span },
      ],
      flags,
      aliases: m[2] === undefined ? [] : [m[2]],
      listCount: listCount !== null && Number.isInteger(listCount) && listCount > 0 ? listCount : null,
      zonesPending,
    },
  ];
}

const RISK = /(\d+(?:\.\d+)?)\s*[×xX*]\s*10\s*\^?\s*\{?\s*(-?\d+)\s*\}?\s*\/\s*年/;
const HEADING = /^\(([一二三四五六七八九十]+)\)\s*(.+)$/;

/** A plan's requirements for a park boundary → one record listing them by heading. */
export function parseParkRequirements(ctx: ParseContext, ids: IdAllocator): ParkRequirementsRecord[] {
  const text = ctx.text;
  const park = /(?:关于印发)?([\u4e00-\u9fa5]{2,30}?(?:园区|开发区))/.exec(ctx.header.title)?.[1] ?? ctx.header.title;
  const requirements: ParkRequirementsRecord['requirements'] = [];
  let topic: string | null = null;
  for (const p of paragraphs(text)) {
    const h = HEADING.exec(p.text);
    if (h !== null) {
      topic = (h[2] ?? '').replace(/[“”"]/g, '');
      continue;
    }
    if (/^\d+\.[^,。]{0,10}$/.test(p.text)) continue;
    if (/^责任单位:/.test(p.text) || topic === null) continue;
    requirements.push({ topic, text: p.text, span: [p.start, p.start + p.text.length] });
  }
  const risk = RISK.exec(text);
  const riskValue = risk === null ? null : Number(risk[1]) * 10 ** Number(risk[2]);
  const provenance: ParkRequirementsRecord['provenance'] = [];
  if (risk !== null) provenance.push({ field: 'riskContourPerYear', span: [risk.index ?? 0, (risk.index ?? 0) + risk[0].length] });
  const flags: Flag[] = [
    { code: 'NO_BOUNDARY', severity: 'info', message: 'the plan requires a 四至, turning-point coordinates and a boundary map but publishes none', span: null },
  ];
  const issuerCounty = /^(.+?[县市区])人民政府/.exec(ctx.header.issuer)?.[1] ?? null;
  return [
    {
      kind: 'park-requirements',
      id: ids.next(slugOf(park)),
      name: park,
      county: issuerCounty,
      address: null,
      document: ctx.document,
      status: 'planned',
      source: sourceOf(ctx, [0, text.length]),
      areas: [],
      repeals: [],
      events: [],
      provenance,
      flags,
      requirements,
      riskContourPerYear: riskValue !== null && Number.isFinite(riskValue) && riskValue > 0 ? Number(riskValue.toPrecision(6)) : null,
    },
  ];
}
