import type { CornerClause, Flag } from '../../core/model/gazette-record';

function malformed(message: string, span: [number, number] | null): Flag {
  return { code: 'MALFORMED_TEXT', severity: 'warning', message, span };
}

const DMS = String.raw`(\d{1,3})°(\d{1,2})′(\d{1,2}(?:\.\d+)?)″`;
const CORNER_RE = new RegExp(String.raw`([东西])([南北])角[:]?北纬${DMS}[,]?东经${DMS}[。;,]?`, 'g');

/**
 * Corner coordinates ("西北角:北纬36°3′30″,东经101°54′53″") as typed corners. Corners whose labels
 * contradict their positions (a 西 corner east of an 东 one, a 北 corner south of a 南 one, two corners at one
 * point) are flagged, never reordered.
 */
export function findCorners(text: string, offset: number, flags: Flag[]): CornerClause[] {
  const out: CornerClause[] = [];
  for (const m of text.matchAll(CORNER_RE)) {
    const dms = (d: string | undefined, mi: string | undefined, se: string | undefined): number => Number(d) + Number(mi) / 60 + Number(se) / 3600;
    const ew = m[1] === '东' ? 'E' : 'W';
    const ns = m[2] === '北' ? 'N' : 'S';
    const start = m.index ?? 0;
    const t = m[0].replace(/[。;,]$/, '');
    out.push({ type: 'corner', corner: `${ns}${ew}` as CornerClause['corner'], lat: dms(m[3], m[4], m[5]), lon: dms(m[6], m[7], m[8]), text: t, span: [offset + start, offset + start + t.length] });
  }
  const span: [number, number] | null = out.length === 0 ? null : [out[0]!.span[0], out[out.length - 1]!.span[1]];
  const label = (c: CornerClause): string => `${c.corner[1] === 'E' ? '东' : '西'}${c.corner[0] === 'N' ? '北' : '南'}角`;
  for (const a of out) {
    for (const b of out) {
      if (a === b || a.span[0] > b.span[0]) continue;
      if (a.lat === b.lat && a.lon === b.lon) flags.push(malformed(`${label(a)} and ${label(b)} are given the same coordinates`, span));
      else if (a.corner[1] !== b.corner[1] && (a.corner[1] === 'E' ? a.lon <= b.lon : a.lon >= b.lon) && a.corner[0] === b.corner[0]) flags.push(malformed(`${label(a)} lies ${a.corner[1] === 'E' ? 'west of or level with' : 'east of or level with'} ${label(b)}: the corner labels contradict the coordinates`, span));
      else if (a.corner[0] !== b.corner[0] && (a.corner[0] === 'N' ? a.lat <= b.lat : a.lat >= b.lat) && a.corner[1] === b.corner[1]) flags.push(malformed(`${label(a)} lies ${a.corner[0] === 'N' ? 'south of or level with' : 'north of or level with'} ${label(b)}: the corner labels contradict the coordinates`, span));
    }
  }
  return out;
}

