/**
 * Reading angles as Chinese tables write them: decimal degrees, degrees-minutes-seconds with marks
 * (37°51′23.45″, 37°51'23.45", 37度51分23.45秒, with N/E/北/东 suffixes), colon or space separated
 * (37:51:23.45, 37 51 23.45), packed without marks (375123.45 = DDMMSS.ss, 1122030.12 =
 * DDDMMSS.ss), and the surveyors' DD.MMSS notation (37.512345 = 37°51′23.45″) when the caller says
 * so (a header reading 度分秒).
 */

/** How a plain decimal number in an angle column is read. */
export type AngleMode = 'decimal' | 'dd.mmss';

/** An angle read from a cell, and how it was written. */
export interface ParsedAngle {
  readonly degrees: number;
  readonly style: 'decimal' | 'dms-marks' | 'dms-separated' | 'dms-packed' | 'dd.mmss';
  /** Hemisphere letter, when written: N, S, E or W (北 南 东 西 mapped). */
  readonly hemisphere?: 'N' | 'S' | 'E' | 'W';
}

const HEMI: Record<string, 'N' | 'S' | 'E' | 'W'> = { N: 'N', S: 'S', E: 'E', W: 'W', 北: 'N', 南: 'S', 东: 'E', 西: 'W', 東: 'E' };

function combine(d: number, m: number, s: number, negative: boolean): number | null {
  if (!(m >= 0 && m < 60 && s >= 0 && s < 60 && d >= 0)) return null;
  const v = d + m / 60 + s / 3600;
  return negative ? -v : v;
}

function withHemisphere(value: number, hemi: string | undefined): { degrees: number; hemisphere?: 'N' | 'S' | 'E' | 'W' } {
  const h = hemi === undefined ? undefined : HEMI[hemi.toUpperCase()] ?? HEMI[hemi];
  if (h === undefined) return { degrees: value };
  return { degrees: h === 'S' || h === 'W' ? -Math.abs(value) : value, hemisphere: h };
}

/**
 * Parses one cell as an angle in degrees, or returns null when it is not one. Marks may be
 * separated by spaces. A plain number with 6 or 7 integer digits is packed DDMMSS(.ss) /
 * DDDMMSS(.ss); any other plain number is decimal degrees, or DD.MMSS in `dd.mmss` mode.
 */
export function parseAngle(cell: string, mode: AngleMode = 'decimal'): ParsedAngle | null {
  let text = cell.trim().replace(/[\u2032\u2019]/g, "'").replace(/[\u2033\u201d]/g, '"').replace(/''/g, '"');
  if (text === '') return null;
  let hemi: string | undefined;
  const hemiMatch = /^([NSEW北南东西東])\s*(.*)$/i.exec(text) ?? /^(.*?)\s*([NSEW北南东西東])$/i.exec(text);
  if (hemiMatch !== null) {
    const [, a, b] = hemiMatch;
    if (a !== undefined && b !== undefined) {
      if (/^[NSEW北南东西東]$/i.test(a)) {
        hemi = a;
        text = b;
      } else {
        hemi = b;
        text = a;
      }
    }
  }
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '').trim();
  const marks = /^(\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['分])?\s*(?:(\d+(?:\.\d+)?)\s*["秒]?)?$/.exec(body);
  if (marks !== null && /[°度]/.test(body)) {
    const d = Number(marks[1]);
    const m = marks[2] === undefined ? 0 : Number(marks[2]);
    const s = marks[3] === undefined ? 0 : Number(marks[3]);
    if (marks[3] !== undefined && marks[2] === undefined) return null;
    const v = combine(d, m, s, negative);
    return v === null ? null : { ...withHemisphere(v, hemi), style: 'dms-marks' };
  }
  const separated = /^(\d+)(?:\s+|:)(\d+)(?:(?:\s+|:)(\d+(?:\.\d+)?))?$/.exec(body);
  if (separated !== null) {
    const v = combine(Number(separated[1]), Number(separated[2]), separated[3] === undefined ? 0 : Number(separated[3]), negative);
    return v === null ? null : { ...withHemisphere(v, hemi), style: 'dms-separated' };
  }
  const plain = /^(\d+)(?:\.(\d+))?$/.exec(body);
  if (plain === null) return null;
  const intPart = plain[1] ?? '';
  const frac = plain[2];
  if (intPart.length === 6 || intPart.length === 7) {
    const d = Number(intPart.slice(0, intPart.length - 4));
    const m = Number(intPart.slice(-4, -2));
    const s = Number(`${intPart.slice(-2)}${frac === undefined ? '' : `.${frac}`}`);
    const v = combine(d, m, s, negative);
    return v === null ? null : { ...withHemisphere(v, hemi), style: 'dms-packed' };
  }
  if (mode === 'dd.mmss' && frac !== undefined) {
    const padded = frac.padEnd(4, '0');
    const m = Number(padded.slice(0, 2));
    const s = Number(`${padded.slice(2, 4)}${padded.length > 4 ? `.${padded.slice(4)}` : ''}`);
    const v = combine(Number(intPart), m, s, negative);
    return v === null ? null : { ...withHemisphere(v, hemi), style: 'dd.mmss' };
  }
  const value = Number(body);
  return { ...withHemisphere(negative ? -value : value, hemi), style: 'decimal' };
}

/** Formats degrees as 37°51′23.4500″ with `secondDecimals` decimals (for table export). */
export function formatDms(degrees: number, secondDecimals = 4): string {
  const sign = degrees < 0 ? '-' : '';
  const scale = 10 ** secondDecimals;
  let totalSeconds = Math.round(Math.abs(degrees) * 3600 * scale) / scale;
  const d = Math.floor(totalSeconds / 3600);
  totalSeconds -= d * 3600;
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds - m * 60;
  return `${sign}${d}°${String(m).padStart(2, '0')}′${s.toFixed(secondDecimals).padStart(secondDecimals + 3, '0')}″`;
}
