import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Caveat, ConflictReport, Finding } from './report';

/** Puts a caveat into words (the UI and the CLI pass their localised renderer); the default writes its code and numbers. */
export type CaveatRenderer = (caveat: Caveat) => string;

/** A caveat as its code and numbers, e.g. `holds-may-fail rA=50 rB=0 shift=50 margin=12.3 depth=4.2`. */
export function caveatCodeText(c: Caveat): string {
  return `${c.code} rA=${c.precisionAM} rB=${c.precisionBM ?? '-'} shift=${c.shiftM} margin=${c.marginM.toFixed(1)} depth=${c.depthM.toFixed(1)}${c.groupedOthers > 0 ? ` grouped=${c.groupedOthers}` : ''}`;
}

/** Columns of {@link reportToCsv}, in order. */
export const CSV_COLUMNS = [
  'severity', 'verdict', 'ruleId', 'ruleVersion', 'ruleTitle', 'relation',
  'aId', 'aLayer', 'aName', 'aPrecisionM', 'bId', 'bLayer', 'bName', 'bPrecisionM', 'bIds',
  'overlapAreaM2', 'shareOfA', 'shareOfB', 'outsideAreaM2', 'distanceM',
  'distanceLimitM', 'areaToleranceM2', 'nominal', 'shiftM', 'marginM', 'caveat', 'basis',
  'ruleSetId', 'ruleSetVersion', 'generatedAt',
] as const;

/** Whether a cell's text must be quoted: it holds a quote, a comma or a line break. */
function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return true;
  }
  return false;
}

/** One RFC 4180 cell; numbers are written as `String` writes them (never with a quote, comma or line break). */
function cell(value: string | number | boolean | null): string {
  if (typeof value === 'number') return `${value}`;
  if (value === null) return '';
  const text = String(value);
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function basisText(basis: Finding['basis']): string {
  return cell(basis.map((b) => `${b.document}${b.docNumber === undefined ? '' : ` ${b.docNumber}`}${b.article === undefined ? '' : ` ${b.article}`}`).join('；'));
}

const UNSET = Symbol('unset');

/** The first six cells of a finding (rule and verdict), rebuilt only when they differ from the previous finding's. */
class RuleCells {
  private severity: unknown = UNSET;
  private verdict: unknown = UNSET;
  private ruleId: unknown = UNSET;
  private ruleVersion: unknown = UNSET;
  private ruleTitle: unknown = UNSET;
  private relation: unknown = UNSET;
  private text = '';

  of(f: Finding): string {
    if (f.severity !== this.severity || f.verdict !== this.verdict || f.ruleId !== this.ruleId || f.ruleVersion !== this.ruleVersion || f.ruleTitle !== this.ruleTitle || f.relation !== this.relation) {
      this.severity = f.severity;
      this.verdict = f.verdict;
      this.ruleId = f.ruleId;
      this.ruleVersion = f.ruleVersion;
      this.ruleTitle = f.ruleTitle;
      this.relation = f.relation;
      this.text = `${cell(f.severity)},${cell(f.verdict)},${cell(f.ruleId)},${cell(f.ruleVersion)},${cell(f.ruleTitle)},${cell(f.relation)}`;
    }
    return this.text;
  }
}

/** The line of one finding, without its line end; `rule` is its first six cells, `basis` its basis cell and `tail` the report's last three. */
function line(f: Finding, caveat: CaveatRenderer, rule: string, basis: string, tail: string): string {
  const b = f.b;
  return [
    rule, cell(f.a.id), cell(f.a.layer), cell(f.a.name), cell(f.a.precisionM),
    b === null || b === undefined ? ',,,' : `${cell(b.id ?? null)},${cell(b.layer ?? null)},${cell(b.name ?? null)},${cell(b.precisionM ?? null)}`,
    cell(f.bIds.join(';')), cell(f.overlapAreaM2), cell(f.shareOfA), cell(f.shareOfB), cell(f.outsideAreaM2), cell(f.distanceM),
    f.relation === 'within-distance' ? cell(f.params.distanceM) : '', cell(f.params.areaToleranceM2),
    cell(f.nominal), cell(f.shiftM), cell(f.marginM), cell(caveat(f.caveat)), basis, tail,
  ].join(',');
}

/** RFC 4180 CSV of the findings (CRLF line ends, UTF-8 BOM so spreadsheet apps read the Chinese). */
export function reportToCsv(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText): string {
  return [...reportCsvChunks(report, caveat)].join('');
}

/**
 * A writer of the CSV lines (without line ends) of `report`'s findings, given in any order: the rule's cells and
 * the basis cell are rendered once per run of findings that share them (a rule's findings share its basis list).
 */
export function csvLineWriter(report: Pick<ConflictReport, 'ruleSet' | 'generatedAt'>, caveat: CaveatRenderer = caveatCodeText): (f: Finding) => string {
  const tail = `${cell(report.ruleSet.id)},${cell(report.ruleSet.version)},${cell(report.generatedAt)}`;
  const rule = new RuleCells();
  let lastBasis: Finding['basis'] | null = null;
  let basis = '';
  return (f) => {
    if (f.basis !== lastBasis) {
      lastBasis = f.basis;
      basis = basisText(f.basis);
    }
    return line(f, caveat, rule.of(f), basis, tail);
  };
}

/** {@link reportToCsv} in pieces of up to `rows` lines, for writers that must not build one string of a large report. */
export function* reportCsvChunks(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText, rows = 10_000): Generator<string> {
  const write = csvLineWriter(report, caveat);
  let parts: string[] = [`\uFEFF${CSV_COLUMNS.join(',')}`];
  let count = 1;
  for (const f of report.findings) {
    parts.push(write(f));
    if (++count >= rows) {
      yield `${parts.join('\r\n')}\r\n`;
      parts = [];
      count = 0;
    }
  }
  if (count > 0) yield `${parts.join('\r\n')}\r\n`;
}

/** Properties of an overlap feature in {@link reportToGeoJson}. */
export interface OverlapFeatureProps {
  ruleId: string;
  severity: Finding['severity'];
  verdict: Finding['verdict'];
  aId: string;
  bId: string | null;
  overlapAreaM2: number | null;
  outsideAreaM2: number | null;
  marginM: number;
  caveat: string;
}

/** GeoJSON of the overlaps (for outside-of: the part outside), with the report's provenance. */
export type OverlapCollection = FeatureCollection<Polygon | MultiPolygon, OverlapFeatureProps> & {
  ruleSet: ConflictReport['ruleSet'];
  generatedAt: string;
  layers: ConflictReport['layers'];
};

/** The findings that have overlap geometry, as a FeatureCollection in lon/lat. */
export function reportToGeoJson(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText): OverlapCollection {
  const features: Array<Feature<Polygon | MultiPolygon, OverlapFeatureProps>> = [];
  for (const f of report.findings) {
    if (f.overlap === null) continue;
    features.push({
      type: 'Feature',
      id: `${f.ruleId}:${f.a.id}:${f.b?.id ?? '-'}`,
      properties: {
        ruleId: f.ruleId,
        severity: f.severity,
        verdict: f.verdict,
        aId: f.a.id,
        bId: f.b?.id ?? null,
        overlapAreaM2: f.overlapAreaM2,
        outsideAreaM2: f.outsideAreaM2,
        marginM: f.marginM,
        caveat: caveat(f.caveat),
      },
      geometry: f.overlap,
    });
  }
  return { type: 'FeatureCollection', ruleSet: report.ruleSet, generatedAt: report.generatedAt, layers: report.layers, features };
}
