import type {
  Clause,
  Direction,
  Flag,
  FlagCode,
  GazetteRecord,
  RelicSiteRecord,
  SourceRecordsFile,
  Zone,
} from '../../core/model/gazette-record';
import { DIAGONAL, directionWord } from './directions';

/**
 * Stage 5: QA. Arithmetic and cross-record checks run over the parsed records (areas no
 * rectangle with the stated offsets can reach, control zones that fit no ring, the same limit for
 * both zones, near-identical areas of different sites, stated counts), their flags are added to
 * the records, and every flag of every record and passage is gathered into one report.
 */

/** One line of the QA report. */
export interface QaFinding {
  readonly code: FlagCode;
  readonly severity: Flag['severity'];
  readonly sourceId: string;
  readonly recordId: string | null;
  readonly name: string | null;
  readonly lines: readonly [number, number] | null;
  readonly message: string;
}

/** The QA report: counts and findings, sorted. */
export interface QaReport {
  readonly schemaVersion: 1;
  readonly summary: {
    readonly passages: number;
    readonly records: number;
    readonly recordsByKind: Readonly<Record<string, number>>;
    readonly findingsByCode: Readonly<Record<string, number>>;
  };
  readonly findings: readonly QaFinding[];
}

/** Sums of opposite offsets of a zone: [Σ along x, Σ along y], or null when a side has no metres. */
export function offsetSums(clauses: readonly Clause[]): { sx: number; sy: number } | null {
  const metres = new Map<Direction, number>();
  for (const c of clauses) {
    if (c.type === 'offset') {
      metres.set(c.inferredDirection ?? c.direction, c.metres);
    } else if (c.type === 'base-point') {
      for (const l of c.legs) {
        if (l.metres !== null) metres.set(l.direction, l.metres);
      }
    } else if (c.type === 'uniform') {
      for (const d of ['N', 'E', 'S', 'W'] as const) metres.set(d, c.metres);
    } else if (c.type === 'rectangle') {
      metres.set('E', c.eastWestMetres);
      metres.set('W', c.eastWestMetres);
      metres.set('N', c.northSouthMetres);
      metres.set('S', c.northSouthMetres);
    }
  }
  const diagonal = [...metres.keys()].filter((d) => DIAGONAL.includes(d)).length > 2;
  const [a, b, c, d] = diagonal ? (['NE', 'SW', 'SE', 'NW'] as const) : (['E', 'W', 'N', 'S'] as const);
  const va = metres.get(a);
  const vb = metres.get(b);
  const vc = metres.get(c);
  const vd = metres.get(d);
  if (va === undefined || vb === undefined || vc === undefined || vd === undefined) return null;
  return { sx: va + vb, sy: vc + vd };
}

/** Range of ring areas around a rectangle of area `ap` whose width lies in [lo, hi]. */
export function ringRange(ap: number, lo: number, hi: number, sx: number, sy: number): { min: number; max: number } {
  const ring = (px: number): number => px * sy + (ap / px) * sx + sx * sy;
  const low = Math.max(lo, 1e-9);
  const high = Math.max(hi, low);
  const best = sy > 0 ? Math.sqrt((ap * sx) / sy) : high;
  const clamped = Math.min(Math.max(best, low), high);
  return { min: ring(clamped), max: Math.max(ring(low), Number.isFinite(high) ? ring(high) : Infinity) };
}

function pct(value: number, ref: number): string {
  const p = ((value - ref) / ref) * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`;
}

function zoneLimits(z: Zone | null): Map<Direction, string> {
  const out = new Map<Direction, string>();
  for (const c of z?.clauses ?? []) {
    if ((c.type === 'offset' || c.type === 'limit') && c.limit !== null) out.set(c.inferredDirection ?? c.direction, c.limit);
  }
  return out;
}

/** Arithmetic checks of one relic site; returns the flags to add. */
export function relicArithmetic(r: RelicSiteRecord): Flag[] {
  const flags: Flag[] = [];
  const p = r.protectionRange;
  const c = r.controlZone;
  const ap = p?.area?.m2 ?? null;
  const ac = c?.area?.m2 ?? null;
  const ps = p === null ? null : offsetSums(p.clauses);
  if (p !== null && ap !== null && ps !== null) {
    const min = ps.sx * ps.sy;
    if (ap < min) {
      flags.push({
        code: 'AREA_UNREACHABLE',
        severity: 'error',
        message: `protection range: the offsets alone give ${ps.sx} × ${ps.sy} = ${min} m², more than the stated ${ap} m², even around a point`,
        span: p.area?.span ?? p.span,
      });
    } else if (ap < min * 1.02) {
      const side = Math.sqrt(ap) - Math.sqrt(min);
      flags.push({
        code: 'AREA_BARELY_REACHABLE',
        severity: 'warning',
        message: `protection range: the offsets alone give ${min} m² against ${ap} m² stated; the reference object would be about ${side.toFixed(2)} m across`,
        span: p.area?.span ?? p.span,
      });
    }
  }
  if (c !== null && ap !== null && ac !== null) {
    if (ac < ap) {
      flags.push({ code: 'CONTROL_AREA_BELOW_PROTECTION', severity: 'info', message: `control zone ${ac} m² is smaller than the protection range ${ap} m²`, span: c.area?.span ?? c.span });
    }
    const cs = offsetSums(c.clauses);
    const fromProtection = c.clauses.every((cl) => cl.type !== 'offset' || cl.referenceZone === 'protection-range');
    if (cs !== null && fromProtection) {
      const lo = ps === null ? 0 : ps.sx;
      const hi = ps === null ? Infinity : ps.sy > 0 ? ap / ps.sy : Infinity;
      if (lo <= hi) {
        const range = ringRange(ap, lo, hi, cs.sx, cs.sy);
        const fits = (x: number): boolean => x >= range.min * 0.999 && x <= range.max * 1.001;
        if (!fits(ac)) {
          const nearest = ac < range.min ? range.min : range.max;
          if (fits(ac - ap)) {
            flags.push({
              code: 'RING_AREA_FITS_AS_TOTAL',
              severity: 'info',
              message: `control zone ${ac} m² fits a ring of the stated offsets (${Math.round(range.min)}–${Math.round(range.max)} m²) only if it includes the protection range`,
              span: c.area?.span ?? c.span,
            });
          } else {
            flags.push({
              code: 'RING_AREA_INCONSISTENT',
              severity: Math.abs(ac - nearest) / nearest > 0.05 ? 'warning' : 'info',
              message: `control zone ${ac} m² is outside the ring areas the offsets allow (${Math.round(range.min)}–${Number.isFinite(range.max) ? Math.round(range.max) : '∞'} m², ${pct(ac, nearest)})`,
              span: c.area?.span ?? c.span,
            });
          }
        }
      }
    }
  }
  const pl = zoneLimits(p);
  const cl = zoneLimits(c);
  for (const [d, limit] of pl) {
    if (cl.get(d) === limit) {
      flags.push({
        code: 'SAME_LIMIT_BOTH_ZONES',
        severity: 'info',
        message: `${directionWord(d)}: protection range and control zone both end at "${limit}"`,
        span: c?.span ?? null,
      });
    }
  }
  return flags;
}

function allAreas(r: GazetteRecord): { m2: number; span: [number, number] }[] {
  return r.areas.map((a) => ({ m2: a.m2, span: [a.span[0], a.span[1]] }));
}

/** Add QA flags to the records of all files (mutates the records' flag lists). */
export function addQaFlags(files: readonly SourceRecordsFile[]): void {
  for (const file of files) {
    for (const r of file.records) if (r.kind === 'relic-site') r.flags.push(...relicArithmetic(r));
    const relics = file.records.filter((r) => r.kind === 'relic-site').length;
    for (const f of file.parsed.facts) {
      if (f.label !== 'stated-count' || relics === 0) continue;
      const n = Number(/\d+/.exec(f.text)?.[0] ?? NaN);
      if (n !== relics) {
        file.flags.push({ code: 'HEADER_COUNT_MISMATCH', severity: 'warning', message: `the text states ${f.text} but ${relics} sites are listed`, span: f.span });
      }
    }
  }
  // Near-identical stated areas of different records (possible copy errors).
  const all = files.flatMap((f) => f.records.flatMap((r) => allAreas(r).map((a) => ({ r, ...a }))));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (a === undefined || b === undefined || a.r === b.r || a.m2 === b.m2 || a.m2 < 1000) continue;
      if (Math.abs(a.m2 - b.m2) / Math.max(a.m2, b.m2) < 1e-4) {
        for (const [x, y] of [[a, b], [b, a]] as const) {
          x.r.flags.push({
            code: 'NEAR_DUPLICATE_AREA',
            severity: 'info',
            message: `${x.m2} m² is almost the same number as ${y.r.name}'s ${y.m2} m² (possible copy error)`,
            span: x.span,
          });
        }
      }
    }
  }
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Build the QA report from the files (after {@link addQaFlags}). */
export function buildQaReport(files: readonly SourceRecordsFile[]): QaReport {
  const findings: QaFinding[] = [];
  for (const file of files) {
    for (const f of file.flags) {
      findings.push({ code: f.code, severity: f.severity, sourceId: file.sourceId, recordId: null, name: null, lines: null, message: f.message });
    }
    for (const r of file.records) {
      for (const f of r.flags) {
        findings.push({ code: f.code, severity: f.severity, sourceId: file.sourceId, recordId: r.id, name: r.name, lines: r.source.lines, message: f.message });
      }
    }
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  findings.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0) ||
      ((a.recordId ?? '') < (b.recordId ?? '') ? -1 : (a.recordId ?? '') > (b.recordId ?? '') ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const records = files.flatMap((f) => f.records);
  return {
    schemaVersion: 1,
    summary: {
      passages: files.length,
      records: records.length,
      recordsByKind: countBy(records, (r) => r.kind),
      findingsByCode: countBy(findings, (f) => f.code),
    },
    findings,
  };
}

const CHECK_TITLES: Partial<Record<FlagCode, string>> = {
  DUPLICATE_DIRECTION: 'Duplicated directions',
  MISSING_DIRECTION: 'Missing directions',
  GLUED_CLAUSE: 'Clauses glued together',
  ODD_REFERENCE: 'Offsets measured from an odd reference',
  AREA_UNREACHABLE: 'Areas no rectangle with those offsets can reach',
  AREA_BARELY_REACHABLE: 'Areas only just reachable',
  RING_AREA_INCONSISTENT: 'Control-zone areas that fit no ring of the offsets',
  RING_AREA_FITS_AS_TOTAL: 'Control-zone areas that fit only as totals',
  COUNTY_MISMATCH: 'Sites listed under one county but addressed in another',
  NAME_COUNTY_DIFFERS: 'Site names that name another county',
  UNPARSED_NUMBER: 'Numbers in no field',
  UNPARSED_DIRECTION: 'Direction words in no field',
  UNPARSED_CLAUSE: 'Clauses not understood',
};

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The report as Markdown. */
export function qaReportMarkdown(report: QaReport): string {
  const lines: string[] = [];
  lines.push('# Gazette records: QA report', '');
  lines.push('Generated by `npx tsx src/cli/build-records.ts` from `data/sources/`. Do not edit by hand.', '');
  lines.push(`- Passages: ${report.summary.passages}`);
  lines.push(`- Records: ${report.summary.records} (${Object.entries(report.summary.recordsByKind).map(([k, n]) => `${k} ${n}`).join(', ')})`);
  lines.push(`- Findings: ${report.findings.length}`, '');
  lines.push('| code | count |', '|---|---|');
  for (const [code, n] of Object.entries(report.summary.findingsByCode)) lines.push(`| ${code} | ${n} |`);
  lines.push('');
  const codes = [...new Set(report.findings.map((f) => f.code))];
  for (const code of codes) {
    const items = report.findings.filter((f) => f.code === code);
    lines.push(`## ${CHECK_TITLES[code] ?? code} (\`${code}\`, ${items.length})`, '');
    lines.push('| severity | source | record | lines | finding |', '|---|---|---|---|---|');
    for (const f of items) {
      lines.push(`| ${f.severity} | ${f.sourceId} | ${esc(f.name ?? '—')} | ${f.lines === null ? '—' : `${f.lines[0]}–${f.lines[1]}`} | ${esc(f.message)} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
