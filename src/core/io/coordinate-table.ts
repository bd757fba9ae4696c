import { parseAngle, type AngleMode } from './dms';

/**
 * Parser of coordinate tables (界址点坐标表) as text, CSV or cells pasted from a spreadsheet:
 *
 * ```
 * 界址点坐标表 (2000国家大地坐标系 3度带 第37带)
 * 点号    X(m)          Y(m)
 * J1   4000123.456   37512345.678
 * …
 * J1   4000123.456   37512345.678      <- repeats the first point: the ring is closed
 * *                                     <- or "@", "#", "2,", "第2圈", a blank line: next ring
 * [地块2] / 第2地块                      <- next parcel (feature)
 * 面积 1.2345 公顷                       <- stated area of the parcel just read (or the next one)
 * ```
 *
 * Columns come from a header row when there is one (点号 / 序号, X / 纵坐标 / 北坐标, Y / 横坐标 /
 * 东坐标, 纬度 / B, 经度 / L, in any order); without a header the first two coordinate-like numbers
 * are taken as X (northing) then Y (easting), the Chinese convention, or as the angles as written.
 * Whether they really are the other way round is decided later from magnitudes (`detect-crs.ts`).
 * This module only reads the text; it returns pairs in presumed [east, north] order.
 */

/** One point row. `a`, `b`: presumed [east, north] (Y, X) or [lon, lat]. */
export interface TablePoint {
  readonly name?: string;
  /** 1-based line number in the text. */
  readonly line: number;
  readonly a: number;
  readonly b: number;
}

/** A stated area, converted to m², with the tolerance its written precision implies. */
export interface ParsedArea {
  readonly text: string;
  readonly line: number;
  readonly m2: number;
  /** Half a unit of the last written digit, in m². */
  readonly toleranceM2: number;
}

/** One parcel (地块): its rings in reading order and its stated area. */
export interface TableParcel {
  readonly name?: string;
  readonly line: number;
  readonly rings: TablePoint[][];
  statedArea?: ParsedArea;
  /** Elevations of the ring terminators of mining tables (`*,229.5,70`: top, bottom), per ring. */
  elevations?: number[][];
}

/** How the coordinate columns were identified. */
export type ColumnOrder = 'north-east' | 'east-north' | 'lat-lon' | 'lon-lat';

/** A parsed table. */
export interface ParsedTable {
  readonly ok: true;
  readonly parcels: TableParcel[];
  /** Title and other text lines (CRS hints such as "3度带 第37带"). */
  readonly titleText: string;
  /** Column order in the file (before normalising to [east, north]). */
  readonly columnOrder: ColumnOrder;
  /** Whether the order came from a header row or was assumed. */
  readonly orderSource: 'header' | 'assumed';
  /** Whether the coordinates are angles (degrees / DMS). */
  readonly angular: boolean;
  /** Lines that were not understood after the first point (line number and text). */
  readonly ignoredLines: readonly { readonly line: number; readonly text: string }[];
}

/** Why a table could not be read. */
export const TABLE_REASONS = {
  /** No row with two coordinates was found. */
  noPoints: 'table-no-points',
} as const;

/** A table that could not be read. */
export interface TableFailure {
  readonly ok: false;
  readonly reason: (typeof TABLE_REASONS)[keyof typeof TABLE_REASONS];
  readonly message: string;
}

/** Options of {@link parseCoordinateTable}. */
export interface TableParseOptions {
  /** How plain decimals in angle columns are read; default: `dd.mmss` when a header says 度分秒, else `decimal`. */
  readonly angleMode?: AngleMode;
}

type ColumnRole = 'name' | 'seq' | 'north' | 'east' | 'lat' | 'lon' | 'other';

const AREA_UNITS: readonly [RegExp, number][] = [
  [/^(公顷|ha|hm2|hm²|hectares?)$/i, 10_000],
  [/^(平方公里|平方千米|km2|km²)$/i, 1_000_000],
  [/^(亩|mu)$/i, 10_000 / 15],
  [/^(平方米|m2|m²|㎡|sqm)$/i, 1],
];

/** Normalises full-width characters and spacing; keeps DMS groups together. */
function normaliseLine(line: string): string {
  return line
    .replace(/^\uFEFF/, '')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000|\u00a0/g, ' ')
    .replace(/、/g, ',')
    .replace(/([°度′'分])\s+(?=[\d.])/g, '$1')
    .trimEnd();
}

function splitCells(line: string): string[] {
  let cells: string[];
  if (line.includes('\t')) cells = line.split('\t');
  else if (/[,;]/.test(line)) cells = line.split(/[,;]/);
  else cells = line.trim().split(/\s+/);
  cells = cells.map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

function roleOfHeader(cell: string): ColumnRole | null {
  const c = cell.toLowerCase().replace(/\s+/g, '').replace(/[（(].*?[)）]/g, '');
  if (c === '') return null;
  if (/纵坐标|北坐标|^北向|northing/.test(c)) return 'north';
  if (/横坐标|东坐标|^东向|easting/.test(c)) return 'east';
  if (/纬度|^lat|^b$|^b[(（]|latitude|北纬/.test(c)) return 'lat';
  if (/经度|^lon|^lng|^l$|longitude|东经/.test(c)) return 'lon';
  if (/^x|x坐标|^n$/.test(c)) return 'north';
  if (/^y|y坐标|^e$/.test(c)) return 'east';
  if (/点号|点名|界址点|^点$|name|point|编号|^pt/.test(c)) return 'name';
  if (/序号|^no\.?$|^id$|^#$|^fid$/.test(c)) return 'seq';
  return null;
}

/** A header row: at least two coordinate roles, and no cell that is a coordinate number. */
function headerRoles(cells: readonly string[]): ColumnRole[] | null {
  const roles = cells.map((c) => roleOfHeader(c) ?? 'other');
  const coordinateRoles = roles.filter((r) => r === 'north' || r === 'east' || r === 'lat' || r === 'lon');
  if (coordinateRoles.length < 2) return null;
  if (cells.some((c) => /^[-+]?\d+(\.\d+)?$/.test(c) && Math.abs(Number(c)) >= 1000)) return null;
  return roles;
}

function parseArea(line: string, lineNo: number): ParsedArea | null {
  const m = /(?:面积|area)[^\d-]*?([-+]?\d+(?:\.(\d+))?)\s*([^\s\d,;)）][^\s,;)）]*)?/i.exec(line);
  if (m === null) return null;
  const value = Number(m[1]);
  const decimals = m[2]?.length ?? 0;
  let unitText = (m[3] ?? '').replace(/[:：=]/g, '');
  if (unitText === '') {
    const hint = /(公顷|hm2|hm²|ha|平方米|m2|m²|㎡|亩|平方公里|km2)/i.exec(line);
    unitText = hint?.[1] ?? '';
  }
  let factor = 1;
  for (const [re, f] of AREA_UNITS) if (re.test(unitText)) factor = f;
  if (!Number.isFinite(value)) return null;
  return {
    text: `${m[1]}${unitText === '' ? '' : ` ${unitText}`}`,
    line: lineNo,
    m2: value * factor,
    toleranceM2: 0.5 * 10 ** -decimals * factor,
  };
}

const PARCEL_MARKER = /^\s*[[【]?\s*(第\s*\d+\s*(?:地块|宗地|块|宗)|(?:地块|宗地|parcel|block)\s*[-_#]?\s*\w*)\s*[\]】]?\s*(.*)$/i;
const RING_MARKER = /^\s*(\*+|@+|#+|-{3,}|={3,}|第\s*\d+\s*(?:圈|环|部分)|(?:圈号|环号|ring)\s*[:：=]?\s*\d+|\d{1,3}\s*,?)\s*$/i;

function isCoordinateNumber(cell: string): boolean {
  if (!/^[-+]?\d+(\.\d+)?$/.test(cell)) return false;
  const v = Math.abs(Number(cell));
  return v >= 1000 || (cell.includes('.') && v <= 360);
}

function looksAngular(cell: string): boolean {
  return /[°度'′"″分秒:]/.test(cell) || (/^[-+]?\d{1,3}\.\d+$/.test(cell) && Math.abs(Number(cell)) <= 360);
}

/**
 * Parses a coordinate table. Never throws on data: a text without any point row is a
 * {@link TableFailure}. Returns points in presumed [east, north] order.
 */
export function parseCoordinateTable(text: string, options: TableParseOptions = {}): ParsedTable | TableFailure {
  const lines = text.split(/\r\n|\n|\r/);
  const parcels: TableParcel[] = [];
  const titleLines: string[] = [];
  const ignored: { line: number; text: string }[] = [];
  let roles: ColumnRole[] | null = null;
  let angleMode: AngleMode = options.angleMode ?? 'decimal';
  let parcel: TableParcel | null = null;
  let ring: TablePoint[] = [];
  let pendingArea: ParsedArea | undefined;
  let pendingName: { name?: string; line: number } | undefined;
  let parcelDone = false;
  let seenPoint = false;
  let columnOrder: ColumnOrder = 'north-east';
  let orderSource: 'header' | 'assumed' = 'assumed';
  let angular = false;

  const endRing = (): void => {
    if (ring.length > 0 && parcel !== null) parcel.rings.push(ring);
    ring = [];
  };
  const endParcel = (): void => {
    endRing();
    parcelDone = true;
  };
  const currentParcel = (line: number): TableParcel => {
    if (parcel === null || parcelDone) {
      parcel = { line: pendingName?.line ?? line, rings: [], ...(pendingName?.name !== undefined ? { name: pendingName.name } : {}) };
      if (pendingArea !== undefined) parcel.statedArea = pendingArea;
      pendingArea = undefined;
      pendingName = undefined;
      parcels.push(parcel);
      parcelDone = false;
    }
    return parcel;
  };
  const parcelHasPoints = (): boolean => parcel !== null && !parcelDone && (ring.length > 0 || parcel.rings.length > 0);

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = normaliseLine(lines[i] ?? '');
    if (raw.trim() === '') {
      endRing();
      continue;
    }
    const terminator = raw.trimStart().startsWith('*') ? /^\*+[\s,;]+([-+]?\d+(?:\.\d+)?)(?:[\s,;]+([-+]?\d+(?:\.\d+)?))?[,;]*$/.exec(raw.trim()) : null;
    if (terminator !== null) {
      if (parcel !== null && ring.length > 0) {
        const p = parcel as TableParcel;
        const elevations = [Number(terminator[1]), ...(terminator[2] !== undefined ? [Number(terminator[2])] : [])];
        (p.elevations ??= []).push(elevations);
      }
      endRing();
      continue;
    }
    const bracketedParcel = /^\s*[[【]\s*(?:第\s*\d+\s*)?(?:地块|宗地|块|宗|parcel|block)/i.test(raw);
    if (!bracketedParcel && /面积|^\s*area\b/i.test(raw) && /\d/.test(raw) && !/^\s*[A-Za-z]*\d+\s*[,\t ]+\s*[-+]?\d{4,}/.test(raw)) {
      const area = parseArea(raw, lineNo);
      if (area !== null) {
        if (parcelHasPoints() && parcel !== null && (parcel as TableParcel).statedArea === undefined) {
          (parcel as TableParcel).statedArea = area;
          endParcel();
        } else pendingArea = area;
        continue;
      }
    }
    const parcelMatch = PARCEL_MARKER.exec(raw);
    if (parcelMatch !== null && readPoint(splitCells(raw), roles, angleMode) === null) {
      if (parcelHasPoints()) endParcel();
      const bracketed = /^\s*[[【]([^\]】]*)[\]】]\s*(.*)$/.exec(raw);
      const name = bracketed !== null ? (bracketed[2] !== undefined && bracketed[2].trim() !== '' ? bracketed[2].trim() : (bracketed[1] ?? '').trim()) : raw.trim();
      pendingName = { name, line: lineNo };
      continue;
    }
    if (RING_MARKER.test(raw)) {
      endRing();
      continue;
    }
    const cells = splitCells(raw);
    const header = headerRoles(cells);
    if (header !== null) {
      roles = header;
      orderSource = 'header';
      if (/度分秒|dms/i.test(raw) && options.angleMode === undefined) angleMode = 'dd.mmss';
      const firstNorth = header.findIndex((r) => r === 'north' || r === 'lat');
      const firstEast = header.findIndex((r) => r === 'east' || r === 'lon');
      const isAngle = header.includes('lat') || header.includes('lon');
      columnOrder = isAngle ? (firstNorth < firstEast ? 'lat-lon' : 'lon-lat') : firstNorth < firstEast ? 'north-east' : 'east-north';
      if (!seenPoint) titleLines.push(raw);
      continue;
    }
    const point = readPoint(cells, roles, angleMode);
    if (point === null) {
      if (!seenPoint) titleLines.push(raw);
      else {
        ignored.push({ line: lineNo, text: (lines[i] ?? '').trim() });
        titleLines.push(raw);
      }
      continue;
    }
    if (!seenPoint && roles === null) {
      angular = point.angular;
      columnOrder = angular ? 'lon-lat' : 'north-east';
    } else if (roles !== null) {
      angular = columnOrder === 'lat-lon' || columnOrder === 'lon-lat';
    }
    seenPoint = true;
    currentParcel(lineNo);
    // Normalise to [east, north]: first/second as written → a/b.
    const [first, second] = [point.first, point.second];
    const eastNorth: [number, number] = columnOrder === 'north-east' || columnOrder === 'lat-lon' ? [second, first] : [first, second];
    const tp: TablePoint = { line: lineNo, a: eastNorth[0], b: eastNorth[1], ...(point.name !== undefined ? { name: point.name } : {}) };
    const start = ring[0];
    ring.push(tp);
    if (start !== undefined && ring.length >= 4) {
      const sameCoords = start.a === tp.a && start.b === tp.b;
      const sameName = start.name !== undefined && start.name === tp.name;
      if (sameCoords || sameName) endRing();
    }
  }
  endRing();
  const withPoints = parcels.filter((p) => p.rings.length > 0);
  if (withPoints.length === 0) {
    return {
      ok: false,
      reason: TABLE_REASONS.noPoints,
      message: '表中没有找到坐标行（每行应有两个坐标数值） / no coordinate rows found (each row needs two coordinate numbers)',
    };
  }
  return { ok: true, parcels: withPoints, titleText: titleLines.join('\n'), columnOrder, orderSource, angular, ignoredLines: ignored };
}

interface ReadPoint {
  readonly name?: string;
  readonly first: number;
  readonly second: number;
  readonly angular: boolean;
}

function readCoordinate(cell: string, angle: boolean, mode: AngleMode): number | null {
  if (angle) {
    const a = parseAngle(cell, mode);
    return a === null ? null : a.degrees;
  }
  const cleaned = cell.replace(/\s*m$/i, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

function readPoint(cells: readonly string[], roles: readonly ColumnRole[] | null, mode: AngleMode): ReadPoint | null {
  if (roles !== null) {
    const fi = roles.findIndex((r) => r === 'north' || r === 'lat' || r === 'east' || r === 'lon');
    const si = roles.findIndex((r, i) => i > fi && (r === 'north' || r === 'lat' || r === 'east' || r === 'lon'));
    const angle = roles[fi] === 'lat' || roles[fi] === 'lon';
    const fc = cells[fi];
    const sc = cells[si];
    if (fc === undefined || sc === undefined) return null;
    const first = readCoordinate(fc, angle, mode);
    const second = readCoordinate(sc, angle, mode);
    if (first === null || second === null) return null;
    const nameIdx = roles.indexOf('name') >= 0 ? roles.indexOf('name') : roles.indexOf('seq');
    const name = nameIdx >= 0 ? cells[nameIdx] : undefined;
    return { first, second, angular: angle, ...(name !== undefined && name !== '' ? { name } : {}) };
  }
  // No header: the first two adjacent coordinate-like cells; the cell before them is the name.
  for (let i = 0; i + 1 < cells.length; i++) {
    const c1 = cells[i] ?? '';
    const c2 = cells[i + 1] ?? '';
    const angle = looksAngular(c1) && looksAngular(c2) && !(isCoordinateNumber(c1) && Math.abs(Number(c1)) >= 1000);
    if (!angle && !(isCoordinateNumber(c1) && isCoordinateNumber(c2))) continue;
    const first = readCoordinate(c1, angle, mode);
    const second = readCoordinate(c2, angle, mode);
    if (first === null || second === null) continue;
    const before = cells.slice(0, i).filter((c) => c !== '');
    const textual = before.filter((c) => !/^\d+$/.test(c));
    const name = textual[textual.length - 1] ?? before[before.length - 1];
    return { first, second, angular: angle, ...(name !== undefined ? { name } : {}) };
  }
  return null;
}
