import type { Flag, RelicSiteRecord, Span, Zone, ZoneKind } from '../../core/model/gazette-record';
import { FIELD_LABEL_SOURCE } from './normalise';
import { paragraphs } from './parse-document';
import type { Paragraph } from './parse-document';
import { parseZoneText } from './parse-zone';
import { GRADED_RING, gradeOf } from './parse-zone-extra';
import { relicTableRows } from './relic-tables';
import type { IdAllocator, ParseContext } from './record-builder';
import { countyPrefix, slugOf, sourceOf } from './record-builder';

/**
 * Relic-site lists (文物保护单位 annexes): county headers "离石区(5处)", then per site a name line
 * and labelled fields 时代 / 地址 / 保护范围 / 建设控制地带 (also 建控地带, 位置). Each zone is parsed by
 * {@link parseZoneText}.
 */

const COUNTY_HEADER = /^([\u4e00-\u9fa5]{1,8}[县市区旗])\((\d+)处\)$/;
const LABEL = new RegExp(`^(${FIELD_LABEL_SOURCE})`);
/** Labels without a colon ("保护范围为…", "建设控制地带同为保护范围") and 护范围: with its 保 dropped. */
const LOOSE_LABEL = /^(?:(保护范围及建设控制地带)(?=[,:])|(保护范围|建设控制地带)(?=为|以|同|包含|:)|(护范围):)/;
/** One label for both zones ("保护范围及建设控制地带,以院墙为界"): the control zone is the protection range. */
const JOINT_LABEL = '保护范围及建设控制地带';
/** A grade stated after a control zone's clauses: "…向外延伸 50 米, 为二级控制。" */
const GRADE_TAIL = /[,;]?为([一二三])(?:级|类)(?:建设)?控制(?:地带|区)?[。;]?$/;
/** A site in running prose: "位于海口市琼山区的汉唐时期珠崖岭城址, 文件明确规定其保护范围为…". */
const PROSE_SITE = /位于([\u4e00-\u9fa5]{2,20}?[市县区旗镇乡])的(?:([\u4e00-\u9fa5]{1,6}时期))?([\u4e00-\u9fa5]{2,20}?),(?:[\u4e00-\u9fa5]{0,8}?)规定其(?=保护范围为)/;
const ITEM = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、](?!\d))/;
/** Where a one-line site's fields start: "…遗址:保护范围为…;建设控制地带为…". */
const INLINE_FIELD =
  /(?<=^|[:。;,.]|[。;](?:该)?遗址|(?:遗址|墓|墓群|寺|庙|塔|旧址|故居))(?=保护范围(?:为|以|包含|:)|保护范围及建设控制地带[,:]|建设控制地带(?:为|同|:))/g;

function labelOf(p: Paragraph & { label?: string }): string | null {
  if (p.label !== undefined) return p.label;
  const m = LABEL.exec(p.text);
  if (m !== null) return (m[1] ?? '').replace(/[\s:]/g, '').replace(/^护范围$/, '保护范围');
  const loose = LOOSE_LABEL.exec(p.text);
  if (loose === null) return null;
  return loose[1] ?? loose[2] ?? '保护范围';
}

/** Start of a field's value: after its colon, or after the label word and 为. */
function valueStart(p: Paragraph & { label?: string }, label: string): number {
  if (p.label !== undefined) return 0;
  const colon = p.text.indexOf(':');
  if (colon >= 0 && colon <= label.length + 4) return colon + 1;
  const at = p.text.indexOf(label.slice(-2));
  const after = at < 0 ? 0 : at + 2;
  return p.text.slice(after).startsWith('为') ? after + 1 : after;
}

/** Paragraphs with one-line sites split at their fields. */
function splitInline(paras: readonly Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paras) {
    const cuts = [...p.text.matchAll(INLINE_FIELD)].map((m) => m.index ?? 0).filter((i) => i > 0);
    if (cuts.length === 0) {
      out.push(p);
      continue;
    }
    let from = 0;
    for (const c of [...cuts, p.text.length]) {
      const text = p.text.slice(from, c).replace(/[:。;,.]$/, '');
      if (text.length > 0) out.push({ text, start: p.start + from });
      from = c;
    }
  }
  return out;
}

/** The site name without its item number and trailing parenthesis ("48.关山辽墓", "1.龙眼井(…)"). */
function cleanName(p: Paragraph): Paragraph {
  const item = ITEM.exec(p.text) ?? /^\d+\s*(?=[\u4e00-\u9fa5])(?![号处批年月日米个])/.exec(p.text);
  const start = item === null ? 0 : item[0].length;
  const name = p.text.slice(start).replace(/^(?:同意发布|同意划定|公布)/, '').replace(/[:。]$/, '').replace(/\([^()]*\)$/, '').replace(/[:。]$/, '').trim();
  return { text: name.length > 0 ? name : p.text, start: p.start + (name.length > 0 ? start : 0) };
}

function zoneKindOf(label: string): ZoneKind | null {
  if (label === '保护范围' || label === JOINT_LABEL) return 'protection-range';
  if (label === '建设控制地带' || label === '建控地带') return 'construction-control';
  return null;
}

interface SiteBlock {
  name: Paragraph;
  fields: Paragraph[];
  county: { name: string; span: Span } | null;
}

/** Split the passage into site blocks: a name paragraph followed by labelled paragraphs. */
export function segmentRelicSites(text: string, ctx: ParseContext): SiteBlock[] {
  const all = splitInline(paragraphs(text));
  const tables = relicTableRows(all);
  const paras = all.filter((_, k) => !tables.used.has(k));
  const blocks: SiteBlock[] = tables.rows.map((row) => ({ name: cleanName(row.name), fields: row.fields, county: null }));
  const prose = new Set<number>();
  paras.forEach((p, k) => {
    const m = PROSE_SITE.exec(p.text);
    if (m === null || labelOf(p) !== null) return;
    const place = m[1] ?? '';
    const era = m[2] ?? null;
    const name = m[3] ?? '';
    const at = (m.index ?? 0) + m[0].indexOf(`的${era ?? ''}${name}`) + 1 + (era?.length ?? 0);
    const placeAt = (m.index ?? 0) + 2;
    const fieldAt = (m.index ?? 0) + m[0].length;
    const fields: Paragraph[] = [
      { text: place, start: p.start + placeAt, label: '地址' } as Paragraph,
      { text: p.text.slice(fieldAt + '保护范围为'.length), start: p.start + fieldAt + '保护范围为'.length, label: '保护范围' } as Paragraph,
    ];
    if (era !== null) fields.push({ text: era, start: p.start + at - era.length, label: '时代' } as Paragraph);
    blocks.push({ name: { text: name, start: p.start + at }, fields, county: null });
    prose.add(k);
  });
  let county: SiteBlock['county'] = null;
  let countyBlocks: { header: Paragraph; count: number; seen: number } | null = null;
  const closeCounty = (): void => {
    if (countyBlocks !== null && countyBlocks.count !== countyBlocks.seen) {
      ctx.flags.push({
        code: 'HEADER_COUNT_MISMATCH',
        severity: 'warning',
        message: `${countyBlocks.header.text} announces ${countyBlocks.count} sites but ${countyBlocks.seen} are listed`,
        span: [countyBlocks.header.start, countyBlocks.header.start + countyBlocks.header.text.length],
      });
    }
  };
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p === undefined || prose.has(i)) continue;
    const header = COUNTY_HEADER.exec(p.text);
    if (header !== null) {
      closeCounty();
      county = { name: header[1] ?? '', span: [p.start, p.start + p.text.length] };
      countyBlocks = { header: p, count: Number(header[2]), seen: 0 };
      ctx.facts.push({ label: 'county-header', text: p.text, span: [p.start, p.start + p.text.length] });
      continue;
    }
    const next = paras[i + 1];
    if (labelOf(p) === null && next !== undefined && labelOf(next) !== null && (p.text.length <= 30 || (ITEM.test(p.text) && p.text.length <= 90))) {
      const fields: Paragraph[] = [];
      for (let j = i + 1; j < paras.length; j++) {
        const f = paras[j];
        if (f === undefined || labelOf(f) === null) break;
        fields.push(f);
        i = j;
      }
      blocks.push({ name: cleanName(p), fields, county });
      if (countyBlocks !== null) countyBlocks.seen++;
    }
  }
  closeCounty();
  return blocks;
}

function buildZone(kind: ZoneKind, label: string, p: Paragraph, flags: Flag[]): Zone {
  const bodyStart = valueStart(p, label);
  const body = p.text.slice(bodyStart);
  const parsed = parseZoneText(body, p.start + bodyStart);
  flags.push(...parsed.flags);
  for (const extra of parsed.extraAreas) {
    flags.push({ code: 'MALFORMED_TEXT', severity: 'warning', message: `a second area in one zone: ${extra.text}`, span: extra.span });
  }
  return {
    kind,
    label,
    clauses: parsed.clauses,
    area: parsed.area,
    text: p.text,
    span: [p.start, p.start + p.text.length],
  };
}

/** Graded control zones ("保护范围外 20 米以内为一类建设控制地带, 一类…外 50 米以内为二类…"), or null. */
function buildGraded(label: string, p: Paragraph, bodyStart: number): Zone[] | null {
  const out: Zone[] = [];
  let from = bodyStart;
  const body = p.text.slice(bodyStart);
  const parts = body.split(/[,;。]/);
  for (const part of parts) {
    const at = p.text.indexOf(part, from);
    from = at + part.length;
    if (part.trim().length === 0) continue;
    const m = GRADED_RING.exec(part.trim());
    if (m === null) return null;
    const start = p.start + at;
    const span: Span = [start, start + part.length];
    const reference = m[1] ?? '';
    out.push({
      kind: 'construction-control',
      label,
      grade: gradeOf(m[4] ?? ''),
      clauses: [{ type: 'uniform', reference, referenceZone: reference === '保护范围' ? 'protection-range' : null, metres: Number(m[2]) * (m[3] === '米' || m[3] === 'm' ? 1 : 1000), limit: null, text: part, span }],
      area: null,
      text: part,
      span,
    });
  }
  return out.length === 0 ? null : out;
}

/** Parse every relic site of a passage into records. */
export function parseRelicSites(ctx: ParseContext, ids: IdAllocator): RelicSiteRecord[] {
  const out: RelicSiteRecord[] = [];
  for (const block of segmentRelicSites(ctx.text, ctx)) {
    const flags: Flag[] = [];
    const provenance: RelicSiteRecord['provenance'] = [];
    const name = block.name.text;
    provenance.push({ field: 'name', span: [block.name.start, block.name.start + name.length] });
    let era: string | null = null;
    let address: string | null = null;
    let protectionRange: Zone | null = null;
    let controlZone: Zone | null = null;
    let gradedControlZones: Zone[] | null = null;
    for (const f of block.fields) {
      const label = labelOf(f) ?? '';
      const value = f.text.slice(valueStart(f, label)).trim();
      const valueSpan: Span = [f.start + valueStart(f, label), f.start + f.text.length];
      const zoneKind = zoneKindOf(label);
      if (label === '时代') {
        era = value;
        provenance.push({ field: 'era', span: valueSpan });
      } else if (label === '地址' || label === '位置') {
        address = value.replace(/。$/, '');
        provenance.push({ field: 'address', span: valueSpan });
        const lines = new Set(ctx.normalised.lineOf.slice(valueSpan[0], valueSpan[1]));
        if (lines.size > 1) {
          flags.push({ code: 'STRAY_LINE', severity: 'info', message: `the address runs over ${lines.size} lines and was joined: "${address}"`, span: valueSpan });
        }
      } else if (zoneKind !== null) {
        const graded = zoneKind === 'construction-control' ? buildGraded(label, f, valueStart(f, label)) : null;
        const tail = zoneKind === 'construction-control' ? GRADE_TAIL.exec(f.text) : null;
        if (graded !== null) gradedControlZones = graded;
        else if (tail !== null) {
          const zone = buildZone(zoneKind, label, { ...f, text: f.text.slice(0, tail.index) }, flags);
          gradedControlZones = [{ ...zone, grade: gradeOf(tail[1] ?? ''), text: f.text, span: [f.start, f.start + f.text.length] }];
          provenance.push({ field: 'grade', span: [f.start + tail.index, f.start + f.text.length] });
        } else if (label === JOINT_LABEL) {
          protectionRange = buildZone(zoneKind, label, f, flags);
          const labelSpan: Span = [f.start, f.start + JOINT_LABEL.length];
          controlZone = {
            kind: 'construction-control',
            label,
            clauses: [{ type: 'same-as', target: 'protection-range', direction: null, text: JOINT_LABEL, span: labelSpan }],
            area: null,
            text: JOINT_LABEL,
            span: labelSpan,
          };
        } else {
          const zone = buildZone(zoneKind, label, f, flags);
          if (zoneKind === 'protection-range') protectionRange = zone;
          else controlZone = zone;
        }
      } else {
        flags.push({ code: 'UNPARSED_CLAUSE', severity: 'warning', message: `field ${label} not used`, span: [f.start, f.start + f.text.length] });
      }
    }
    const addressCounty = address === null ? null : countyPrefix(address);
    const county = addressCounty ?? block.county?.name ?? null;
    if (block.county !== null) provenance.push({ field: 'listedUnder', span: block.county.span });
    if (block.county !== null && addressCounty !== null && addressCounty !== block.county.name) {
      flags.push({
        code: 'COUNTY_MISMATCH',
        severity: 'warning',
        message: `listed under ${block.county.name} but addressed in ${addressCounty}`,
        span: [block.name.start, block.name.start + name.length],
      });
    }
    const nameCounty = countyPrefix(name);
    if (nameCounty !== null && county !== null && nameCounty !== county && /[县区旗]$/.test(nameCounty)) {
      flags.push({
        code: 'NAME_COUNTY_DIFFERS',
        severity: 'info',
        message: `the name names ${nameCounty} but the site is in ${county}; the county follows the address`,
        span: [block.name.start, block.name.start + name.length],
      });
    }
    if (protectionRange === null && controlZone === null && gradedControlZones === null) {
      flags.push({ code: 'NO_BOUNDARY', severity: 'warning', message: 'no protection range or control zone is given', span: null });
    }
    const last = block.fields[block.fields.length - 1] ?? block.name;
    const span: Span = [block.name.start, last.start + last.text.length];
    const areas = [protectionRange?.area, controlZone?.area, ...(gradedControlZones ?? []).map((g) => g.area)].filter((a): a is NonNullable<typeof a> => a != null);
    out.push({
      kind: 'relic-site',
      id: ids.next(slugOf(name)),
      name,
      county,
      address,
      document: ctx.document,
      status: 'in-force',
      source: sourceOf(ctx, span),
      areas,
      repeals: [],
      events: [],
      provenance,
      flags,
      era,
      listedUnder: block.county?.name ?? null,
      protectionRange,
      controlZone,
      ...(gradedControlZones !== null ? { gradedControlZones } : {}),
    });
  }
  return out;
}
