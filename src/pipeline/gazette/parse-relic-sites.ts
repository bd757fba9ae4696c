import type { Flag, RelicSiteRecord, Span, Zone, ZoneKind } from '../../core/model/gazette-record';
import { FIELD_LABEL_SOURCE } from './normalise';
import { paragraphs } from './parse-document';
import type { Paragraph } from './parse-document';
import { parseZoneText } from './parse-zone';
import type { IdAllocator, ParseContext } from './record-builder';
import { countyPrefix, slugOf, sourceOf } from './record-builder';

/**
 * Relic-site lists (文物保护单位 annexes): county headers "离石区(5处)", then per site a name line
 * and labelled fields 时代 / 地址 / 保护范围 / 建设控制地带 (also 建控地带, 位置). Each zone is parsed by
 * {@link parseZoneText}.
 */

const COUNTY_HEADER = /^([\u4e00-\u9fa5]{1,8}[县市区旗])\((\d+)处\)$/;
const LABEL = new RegExp(`^(${FIELD_LABEL_SOURCE})`);

function labelOf(p: Paragraph): string | null {
  const m = LABEL.exec(p.text);
  return m === null ? null : (m[1] ?? '').replace(/[\s:]/g, '');
}

function zoneKindOf(label: string): ZoneKind | null {
  if (label === '保护范围') return 'protection-range';
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
  const paras = paragraphs(text);
  const blocks: SiteBlock[] = [];
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
    if (p === undefined) continue;
    const header = COUNTY_HEADER.exec(p.text);
    if (header !== null) {
      closeCounty();
      county = { name: header[1] ?? '', span: [p.start, p.start + p.text.length] };
      countyBlocks = { header: p, count: Number(header[2]), seen: 0 };
      ctx.facts.push({ label: 'county-header', text: p.text, span: [p.start, p.start + p.text.length] });
      continue;
    }
    const next = paras[i + 1];
    if (labelOf(p) === null && next !== undefined && labelOf(next) !== null && p.text.length <= 30) {
      const fields: Paragraph[] = [];
      for (let j = i + 1; j < paras.length; j++) {
        const f = paras[j];
        if (f === undefined || labelOf(f) === null) break;
        fields.push(f);
        i = j;
      }
      blocks.push({ name: p, fields, county });
      if (countyBlocks !== null) countyBlocks.seen++;
    }
  }
  closeCounty();
  return blocks;
}

function buildZone(kind: ZoneKind, label: string, p: Paragraph, flags: Flag[]): Zone {
  const colon = p.text.indexOf(':');
  const bodyStart = colon + 1;
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
    for (const f of block.fields) {
      const label = labelOf(f) ?? '';
      const value = f.text.slice(f.text.indexOf(':') + 1).trim();
      const valueSpan: Span = [f.start + f.text.indexOf(':') + 1, f.start + f.text.length];
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
        const zone = buildZone(zoneKind, label, f, flags);
        if (zoneKind === 'protection-range') protectionRange = zone;
        else controlZone = zone;
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
    if (protectionRange === null && controlZone === null) {
      flags.push({ code: 'NO_BOUNDARY', severity: 'warning', message: 'no protection range or control zone is given', span: null });
    }
    const last = block.fields[block.fields.length - 1] ?? block.name;
    const span: Span = [block.name.start, last.start + last.text.length];
    const areas = [protectionRange?.area, controlZone?.area].filter((a): a is NonNullable<typeof a> => a != null);
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
    });
  }
  return out;
}
