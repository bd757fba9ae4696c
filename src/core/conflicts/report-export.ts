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

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(f: Finding, report: ConflictReport, caveat: CaveatRenderer): Array<string | number | boolean | null> {
  return [
    f.severity, f.verdict, f.ruleId, f.ruleVersion, f.ruleTitle, f.relation,
    f.a.id, f.a.layer, f.a.name, f.a.precisionM, f.b?.id ?? null, f.b?.layer ?? null, f.b?.name ?? null,
    f.b?.precisionM ?? null, f.bIds.join(';'),
    f.overlapAreaM2, f.shareOfA, f.shareOfB, f.outsideAreaM2, f.distanceM,
    f.relation === 'within-distance' ? f.params.distanceM : null, f.params.areaToleranceM2,
    f.nominal, f.shiftM, f.marginM, caveat(f.caveat),
    f.basis.map((b) => `${b.document}${b.docNumber === undefined ? '' : ` ${b.docNumber}`}${b.article === undefined ? '' : ` ${b.article}`}`).join('；'),
    report.ruleSet.id, report.ruleSet.version, report.generatedAt,
  ];
}

/** RFC 4180 CSV of the findings (CRLF line ends, UTF-8 BOM so spreadsheet apps read the Chinese). */
export function reportToCsv(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText): string {
  return [...reportCsvChunks(report, caveat)].join('');
}

/** {@link reportToCsv} in pieces of up to `rows` lines, for writers that must not build one string of a large report. */
export function* reportCsvChunks(report: ConflictReport, caveat: CaveatRenderer = caveatCodeText, rows = 10_000): Generator<string> {
  let lines = [`\uFEFF${CSV_COLUMNS.join(',')}`];
  for (const f of report.findings) {
    lines.push(row(f, report, caveat).map(cell).join(','));
    if (lines.length >= rows) {
      yield `${lines.join('\r\n')}\r\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
}

/** One finding as a CSV line of {@link reportToCsv} (without its line end). */
export function csvLine(f: Finding, report: ConflictReport, caveat: CaveatRenderer = caveatCodeText): string {
  return row(f, report, caveat).map(cell).join(',');
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
