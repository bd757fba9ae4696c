import { gcj02ToWgs84 } from '../geo/gcj02';
import {
  DEFAULT_PRECISION_M,
  anchorCsvRowSchema,
  anchorListSchema,
  type Anchor,
  type AnchorCsvRow,
} from '../model/anchor';

/** Column order of `data/gazetteer/anchors.csv`. */
export const ANCHOR_CSV_COLUMNS = ['level', 'name', 'note', 'county', 'lat', 'lon', 'datum', 'source'] as const;

/** Outcome of parsing the anchor CSV: rows, or every problem found (with 1-based line numbers). */
export type AnchorCsvResult = { ok: true; rows: AnchorCsvRow[] } | { ok: false; issues: string[] };

/** Outcome of building anchors from rows. */
export type AnchorBuildResult = { ok: true; anchors: Anchor[] } | { ok: false; issues: string[] };

/**
 * Splits RFC 4180 CSV text into records of fields. Quoted fields may hold commas, quotes ("") and newlines.
 * Returns each record with the line number it starts on. A trailing newline does not make an empty record.
 */
export function splitCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let atFieldStart = true;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      atFieldStart = true;
      line++;
      recordLine = line;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (field !== '' || fields.length > 0 || quoted) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/** Parses the anchor CSV (header {@link ANCHOR_CSV_COLUMNS}); bad rows are reported, not thrown. */
export function parseAnchorCsv(text: string): AnchorCsvResult {
  const records = splitCsv(text).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  const [header, ...body] = records;
  if (!header) return { ok: false, issues: ['empty file'] };
  if (header.fields.join(',') !== ANCHOR_CSV_COLUMNS.join(',')) {
    return { ok: false, issues: [`line 1: header must be ${ANCHOR_CSV_COLUMNS.join(',')}, got ${header.fields.join(',')}`] };
  }
  const issues: string[] = [];
  const rows: AnchorCsvRow[] = [];
  for (const { line, fields } of body) {
    if (fields.length !== ANCHOR_CSV_COLUMNS.length) {
      issues.push(`line ${line}: expected ${ANCHOR_CSV_COLUMNS.length} fields, got ${fields.length}`);
      continue;
    }
    const [level, name, note, county, lat, lon, datum, source] = fields.map((f) => f.trim());
    const parsed = anchorCsvRowSchema.safeParse({
      level,
      name,
      note,
      county,
      lat: lat === '' ? Number.NaN : Number(lat),
      lon: lon === '' ? Number.NaN : Number(lon),
      datum,
      source,
    });
    if (parsed.success) rows.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        issues.push(`line ${line}: ${issue.path.join('.')}: ${issue.message}`);
      }
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** Rounds to 7 decimals (about 1 cm), the precision kept for WGS84 anchor positions. */
export function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/**
 * Builds anchors from parsed rows: converts GCJ-02 to WGS84, keeps unknown datums as they are (flagged),
 * assigns the default precision per level and an id from `slug(level, county, name)`. Duplicate ids are reported.
 */
export function buildAnchors(
  rows: readonly AnchorCsvRow[],
  slug: (level: string, county: string, name: string) => string,
): AnchorBuildResult {
  const anchors: Anchor[] = rows.map((row) => {
    const converted = row.datum === 'GCJ-02' ? gcj02ToWgs84(row.lon, row.lat) : { lon: row.lon, lat: row.lat };
    return {
      id: slug(row.level, row.county, row.name),
      level: row.level,
      name: row.name,
      note: row.note,
      county: row.county,
      original: { lat: row.lat, lon: row.lon, datum: row.datum },
      wgs84: { lat: round7(converted.lat), lon: round7(converted.lon) },
      datumUnknown: row.datum === 'unknown',
      precisionM: DEFAULT_PRECISION_M[row.level],
      source: row.source,
    };
  });
  const checked = anchorListSchema.safeParse(anchors);
  if (!checked.success) {
    return { ok: false, issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  return { ok: true, anchors: checked.data };
}

/** Serialises anchors as the committed JSON text: one anchor per line, trailing newline, stable. */
export function serializeAnchors(anchors: readonly Anchor[]): string {
  return `[\n${anchors.map((a) => JSON.stringify(a)).join(',\n')}\n]\n`;
}
