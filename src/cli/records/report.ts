import type { NoticeBuild } from '../../pipeline/layers/from-notice';
import { NO_DATE } from '../../pipeline/layers/from-notice';

/** Exit codes of `npm run records`. */
export const RECORDS_EXIT = {
  /** Everything read, placed and drawn. */
  OK: 0,
  /** Something unread (flagged), not placed, or not drawn: see qa.md. */
  UNREAD: 1,
  /** Bad input: arguments, unreadable or empty file. */
  BAD_INPUT: 2,
  /** A bug. */
  INTERNAL: 3,
} as const;

/** The exit code a build calls for. */
export function exitCodeOf(b: NoticeBuild): number {
  return b.unread.length > 0 || b.unplaced.length > 0 ? RECORDS_EXIT.UNREAD : RECORDS_EXIT.OK;
}

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** qa.md of a notice build: header found, what was read, what was not, what was placed where. */
export function noticeQaMarkdown(b: NoticeBuild, input: { path: string; encoding: string; html: boolean }): string {
  const h = b.header;
  const fact = (label: string, f: { value: string; how: string } | null): string => `| ${label} | ${f ? `${esc(f.value)} | ${f.how}` : '未找到 / not found | –'} |`;
  const byLayer = new Map<string, number>();
  for (const f of b.features) byLayer.set(f.properties.layer, (byLayer.get(f.properties.layer) ?? 0) + 1);
  const code = exitCodeOf(b);
  const lines = [
    '# Notice QA report',
    '',
    `Input: \`${input.path}\` (${input.html ? 'HTML reduced to text' : 'text'}, ${input.encoding}). Grammar: ${b.kind ?? 'none fits'}.`,
    '',
    '## Header found in the text',
    '',
    '| field | value | found as |',
    '|---|---|---|',
    fact('文号 document number', h.number),
    fact('发文机关 issuer', h.issuer),
    fact('日期 date', h.date),
    fact('标题 title', h.title),
    '',
    ...(h.date === null ? [`The records carry the date ${NO_DATE} and the number/issuer 未注明 where the text gives none: placeholders, not facts.`, ''] : []),
    '## Summary',
    '',
    `- Records: ${b.file.records.length}`,
    `- Features: ${b.features.length}${byLayer.size ? ` (${[...byLayer].map(([l, n]) => `${l} ${n}`).join(', ')})` : ''}`,
    `- Unread or not drawn: ${b.unread.length}`,
    `- Not placed (no known anchor): ${b.unplaced.length}`,
    `- Placed at the --at point: ${b.placedAtUserPoint.length}`,
    `- Exit code: ${code} (${code === 0 ? 'all read, placed and drawn' : 'something unread, not placed or not drawn'})`,
    '',
  ];
  if (b.notes.length) lines.push('## Assumptions', '', ...b.notes.map((n) => `- ${n}`), '');
  lines.push('## Unread or not drawn', '');
  if (b.unread.length === 0) lines.push('None.', '');
  else lines.push('| code | record | message |', '|---|---|---|', ...b.unread.map((u) => `| ${u.code} | ${u.recordId ?? '–'} | ${esc(u.message)} |`), '');
  lines.push('## Sites without a position', '');
  if (b.unplaced.length === 0) lines.push('None.', '');
  else lines.push('Kept as records, not drawn: no anchor is known and no --at was given (or it did not apply).', '', '| record | name | county | why |', '|---|---|---|---|', ...b.unplaced.map((u) => `| ${u.recordId} | ${esc(u.name)} | ${u.county ?? '–'} | ${esc(u.reason)} |`), '');
  if (b.placedAtUserPoint.length) lines.push('## Placed at the --at point', '', ...b.placedAtUserPoint.map((id) => `- ${id}`), '');
  lines.push('## Features', '', '| feature | method | anchor | precision (m) | stated m² | computed m² | residual |', '|---|---|---|---|---|---|---|');
  for (const f of b.features) {
    const p = f.properties;
    lines.push(`| ${esc(p.name)} | ${p.method} | ${p.anchor ? `${esc(p.anchor.name)} (${p.anchor.level})` : '–'} | ${p.precisionM} | ${p.statedAreaM2 ?? '–'} | ${p.computedAreaM2 ?? '–'} | ${p.areaResidual === null ? '–' : `${(100 * p.areaResidual).toFixed(2)} %`} |`);
  }
  lines.push('', '## Geometry findings', '', '| record | code | message |', '|---|---|---|', ...b.layers.qa.map((q) => `| ${esc(q.name)} | ${q.code} | ${esc(q.message)} |`));
  lines.push('', '## Parser flags', '', '| record | code | severity | message |', '|---|---|---|---|');
  for (const f of b.file.flags) lines.push(`| – | ${f.code} | ${f.severity} | ${esc(f.message)} |`);
  for (const r of b.file.records) for (const f of r.flags) lines.push(`| ${esc(r.name)} | ${f.code} | ${f.severity} | ${esc(f.message)} |`);
  return `${lines.join('\n')}\n`;
}
