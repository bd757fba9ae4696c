import type { Geometry, Position } from 'geojson';
import { parcelArea } from '../geo/parcel-area';

/**
 * The attribute table as data: one column per property the layer's features carry (the project's fields,
 * areas in m², 公顷 and 亩 measured on the GRS80 ellipsoid, and every attribute an imported file brought),
 * one row per feature with its cells aligned to the columns. Column keys are codes; the UI names them.
 */

/** Square metres in one 亩 (1 亩 = 10000/15 m²). */
export const MU_M2 = 10000 / 15;
/** Square metres in one 公顷 (hectare). */
export const HA_M2 = 10000;

/** A cell: text, a number, or nothing. */
export type CellValue = string | number | null;

/** How a column compares and is written: numbers stay numbers (in XLSX too). */
export type ColumnKind = 'text' | 'number';

/** A column of the table. */
export interface TableColumn {
  /** Code of the column: a field (`name`, `areaMu` …), `prop:<name>` for other properties, `attr:<name>` for a file's attributes. */
  readonly key: string;
  readonly kind: ColumnKind;
  /** `field`: the project's fields; `area`: measured areas; `prop`: other properties; `attr`: the source file's attributes. */
  readonly group: 'field' | 'area' | 'prop' | 'attr';
  /** The property or attribute name for `prop` and `attr` columns (shown as it is). */
  readonly name?: string;
  /** Decimal places the column is shown with (numbers). */
  readonly decimals?: number;
  /** Shown before the user chooses columns. */
  readonly defaultVisible: boolean;
}

/** A feature as the table reads it. */
export interface TableFeature {
  readonly id: string;
  readonly geometry: Geometry | null;
  readonly props: Readonly<Record<string, unknown>>;
  /** Attributes of the source file (imported layers), when known. */
  readonly attributes?: Readonly<Record<string, unknown>> | null;
}

/** A row: the feature's id and one cell per column, in column order. */
export interface TableRow {
  readonly id: string;
  readonly cells: readonly CellValue[];
}

/** Columns and rows of one layer. */
export interface TableModel {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
}

const field = (key: string, kind: ColumnKind, defaultVisible: boolean, decimals?: number): TableColumn =>
  decimals === undefined ? { key, kind, group: 'field', defaultVisible } : { key, kind, group: 'field', defaultVisible, decimals };

/** The project's fields and the measured areas, in display order. */
export const FIELD_COLUMNS: readonly TableColumn[] = [
  field('name', 'text', true),
  field('county', 'text', true),
  field('status', 'text', true),
  { key: 'areaM2', kind: 'number', group: 'area', defaultVisible: true, decimals: 2 },
  { key: 'areaHa', kind: 'number', group: 'area', defaultVisible: true, decimals: 4 },
  { key: 'areaMu', kind: 'number', group: 'area', defaultVisible: true, decimals: 2 },
  field('statedAreaM2', 'number', false, 2),
  field('areaResidualPct', 'number', false, 2),
  field('method', 'text', true),
  field('precisionM', 'number', true, 1),
  field('docNumber', 'text', true),
  field('docDate', 'text', true),
  field('issuer', 'text', false),
  field('category', 'text', false),
  field('flags', 'text', false),
  field('recordId', 'text', false),
  field('anchorName', 'text', false),
  field('anchorLevel', 'text', false),
  field('anchorLon', 'number', false, 6),
  field('anchorLat', 'number', false, 6),
  field('anchorSource', 'text', false),
  field('sourceFile', 'text', false),
  field('sourceLines', 'text', false),
  field('id', 'text', false),
];

/** Properties the field columns already show (or that are not tabular: quotes, clauses, construction, QA). */
const COVERED = new Set([
  'id', 'layer', 'name', 'county', 'status', 'docNumber', 'docDate', 'issuer', 'source', 'method', 'anchor', 'precisionM',
  'statedAreaM2', 'computedAreaM2', 'areaResidual', 'flags', 'recordId', 'clauses', 'clauseTexts', 'construction', 'qa',
  'featureIds', 'category', 'attributes', 'pointNames',
]);

function polygonsOf(g: Geometry | null): Position[][][] {
  if (g === null) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}

/** Geodesic area (GRS80, m²) of a feature's polygons; null for points and lines. */
export function featureAreaM2(g: Geometry | null): number | null {
  const polygons = polygonsOf(g);
  if (polygons.length === 0) return null;
  for (const p of polygons) for (const r of p) for (const q of r) if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) return null;
  return parcelArea(polygons);
}

/** A property value as a cell: numbers and strings as they are, booleans and other values as JSON text. */
export function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const rec = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function fieldCell(
  key: string,
  p: Readonly<Record<string, unknown>>,
  areaM2: number | null,
  id: string,
  anchor: Record<string, unknown> | null,
  source: Record<string, unknown> | null,
): CellValue {
  switch (key) {
    case 'areaM2':
      return areaM2;
    case 'areaHa':
      return areaM2 === null ? null : areaM2 / HA_M2;
    case 'areaMu':
      return areaM2 === null ? null : areaM2 / MU_M2;
    case 'areaResidualPct': {
      const r = num(p['areaResidual']);
      return r === null ? null : r * 100;
    }
    case 'flags':
      return Array.isArray(p['flags']) ? p['flags'].map(String).join('; ') : null;
    case 'anchorName':
      return str(anchor?.['name']);
    case 'anchorLevel':
      return str(anchor?.['level']);
    case 'anchorLon':
      return num(anchor?.['lon']);
    case 'anchorLat':
      return num(anchor?.['lat']);
    case 'anchorSource':
      return str(anchor?.['source']);
    case 'sourceFile':
      return str(source?.['file']);
    case 'sourceLines': {
      const lines = source?.['lines'];
      return Array.isArray(lines) && lines.length === 2 ? `${String(lines[0])}–${String(lines[1])}` : null;
    }
    case 'id':
      return id;
    default:
      return cellOf(p[key]);
  }
}

/** Kind of a column of free values: number when every non-empty value is a number. */
function kindOf(values: readonly CellValue[]): ColumnKind {
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    if (typeof v !== 'number') return 'text';
    any = true;
  }
  return any ? 'number' : 'text';
}

/**
 * Builds the table of a layer's features: the field and area columns, then a `prop:` column for every
 * other scalar property and an `attr:` column for every attribute of the source file (in order of first
 * appearance). Areas are measured once per feature.
 */
export function buildTableModel(features: readonly TableFeature[]): TableModel {
  const extraProps: string[] = [];
  const extraAttrs: string[] = [];
  const seenProps = new Set<string>();
  const seenAttrs = new Set<string>();
  for (const f of features) {
    for (const k of Object.keys(f.props)) if (!COVERED.has(k) && !seenProps.has(k)) {
      seenProps.add(k);
      extraProps.push(k);
    }
    for (const k of Object.keys(f.attributes ?? {})) if (!seenAttrs.has(k)) {
      seenAttrs.add(k);
      extraAttrs.push(k);
    }
  }
  const baseRows = features.map((f) => {
    const areaM2 = featureAreaM2(f.geometry);
    const anchor = rec(f.props['anchor']);
    const source = rec(f.props['source']);
    const cells: CellValue[] = FIELD_COLUMNS.map((c) => fieldCell(c.key, f.props, areaM2, f.id, anchor, source));
    for (const k of extraProps) cells.push(cellOf(f.props[k]));
    for (const k of extraAttrs) cells.push(cellOf(f.attributes?.[k]));
    return { id: f.id, cells };
  });
  const extraColumns: TableColumn[] = [
    ...extraProps.map((name): TableColumn => ({ key: `prop:${name}`, kind: 'text', group: 'prop', name, defaultVisible: false })),
    ...extraAttrs.map((name): TableColumn => ({ key: `attr:${name}`, kind: 'text', group: 'attr', name, defaultVisible: true })),
  ].map((c, i) => ({ ...c, kind: kindOf(baseRows.map((r) => r.cells[FIELD_COLUMNS.length + i] ?? null)) }));
  return { columns: [...FIELD_COLUMNS, ...extraColumns], rows: baseRows };
}
