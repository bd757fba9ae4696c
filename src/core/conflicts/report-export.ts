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

const QUOTE_NEEDED = /[",\r\n]/;

/** One RFC 4180 cell; numbers are written as `String` writes them (never with a quote, comma or line break). */
function cell(value: string | number | boolean | null): string {
  if (typeof value === 'number') return `${value}`;
  if (value === null) return '';
  const text = String(value);
  return QUOTE_NEEDED.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function basisText(basis: Finding['basis']): string {
  return cell(basis.map((b) => `${b.document}${b.docNumber === undefined ? '' : ` ${b.docNumber}`}${b.article === undefined ? '' : ` ${b.article}`}`).join('；'));
}

/** The line of one finding, without its line end; `basis` is its basis cell and `tail` the report's last three. */
function line(f: Finding, caveat: CaveatRenderer, basis: string, tail: string): string {
  const b = f.b;
  return [
    cell(f.severity), cell(f.verdict), cell(f.ruleId), cell(f.ruleVersion), cell(f.ruleTitle), cell(f.relation),
    cell(f.a.id), cell(f.a.layer), cell(f.a.name), cell(f.a.precisionM),
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
 * {@link reportToCsv} in pieces of up to `rows` lines, for writers that must not build one string of a large report.
 * The basis column is rendered once per run of findings with the same basis list (a rule's findings share its list).
 */
export function* reportCsvChunks(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText, rows = 10_000): Generator<string> {
  const tail = `${cell(report.ruleSet.id)},${cell(report.ruleSet.version)},${cell(report.generatedAt)}`;
  let lastBasis: Finding['basis'] | null = null;
  let basis = '';
  let parts: string[] = [`\uFEFF${CSV_COLUMNS.join(',')}`];
  let count = 1;
  for (const f of report.findings) {
    if (f.basis !== lastBasis) {
      lastBasis = f.basis;
      basis = basisText(f.basis);
    }
    parts.push(line(f, caveat, basis, tail));
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
