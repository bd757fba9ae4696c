import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';
import { exactOverlay } from './exact-reference';
import type { ExactOverlay } from './exact-reference';
import { partsArea, polygonCases, shapeOf } from './overlay-suite-lib';
import type { SuiteCase } from './overlay-suite-lib';

/** Where `fetch` puts the GEOS and JTS snapshots (never committed; tests skip without them). */
export const MIRRORS = {
  geos: '/work/.mirror/libgeos+geos/repo',
  jts: '/work/.mirror/locationtech+jts/repo',
} as const;

/** Suite folders read from each mirror, split into the general suites and the robustness/issue suites. */
export const SUITE_DIRS = {
  general: [
    ['geos', 'tests/xmltester/tests/general'],
    ['jts', 'modules/tests/src/test/resources/testxml/general'],
  ],
  robust: [
    ['geos', 'tests/xmltester/tests/robust'],
    ['geos', 'tests/xmltester/tests/issue'],
    ['jts', 'modules/tests/src/test/resources/testxml/robust'],
    ['jts', 'modules/tests/src/test/resources/testxml/issue'],
    ['geos', 'tests/xmltester/tests/failure'],
    ['jts', 'modules/tests/src/test/resources/testxml/failure'],
    ['geos', 'tests/xmltester/tests/misc/robustness.xml'],
  ],
} as const;

/** Whether both mirrors are present. */
export function mirrorsPresent(): boolean {
  return existsSync(MIRRORS.geos) && existsSync(MIRRORS.jts);
}



/** Reads the polygon/polygon cases of a suite group from the mirrors (unique A|B pairs). */
export function mirrorCases(group: keyof typeof SUITE_DIRS): { cases: SuiteCase[]; revisions: Record<string, string>; absent: string[] } {
  const absent: string[] = [];
  const seen = new Set<string>();
  const cases: SuiteCase[] = [];
  const revisions: Record<string, string> = {};
  for (const [name, dir] of SUITE_DIRS[group]) {
    const repo = MIRRORS[name];
    const run = (args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
    revisions[name] = run(['rev-parse', 'HEAD']).trim();
    const files = run(['ls-tree', '-r', '--name-only', 'HEAD', dir]).split('\n').filter((f) => f.endsWith('.xml'));
    for (const file of files) {
      let xml: string;
      try {
        xml = execFileSync('git', ['show', `HEAD:${file}`], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        absent.push(`${name}:${file}`);
        continue;
      }
      for (const c of polygonCases(`${name}:${file}`, xml)) {
        if (seen.has(c.key)) continue;
        seen.add(c.key);
        cases.push(c);
      }
    }
  }
  return { cases, revisions, absent };
}

/** Verdict of a pair: how the two regions relate. */
export type Relation = 'disjoint' | 'touching' | 'overlapping' | 'a-within-b' | 'b-within-a' | 'equal';

/** The exact relation from exact areas. */
export function exactRelation(x: ExactOverlay): Relation {
  if (x.inter > 0) {
    if (x.aMinusB === 0 && x.bMinusA === 0) return 'equal';
    if (x.aMinusB === 0) return 'a-within-b';
    if (x.bMinusA === 0) return 'b-within-a';
    return 'overlapping';
  }
  return x.meet ? 'touching' : 'disjoint';
}

/** The relation from measured areas with an area tolerance (touching vs disjoint from `meet`). */
export function toleranceRelation(inter: number, areaA: number, areaB: number, tolerance: number, meet: boolean): Relation {
  if (inter > tolerance) {
    const aOut = areaA - inter <= tolerance;
    const bOut = areaB - inter <= tolerance;
    if (aOut && bOut) return 'equal';
    if (aOut) return 'a-within-b';
    if (bOut) return 'b-within-a';
    return 'overlapping';
  }
  return meet ? 'touching' : 'disjoint';
}

/**
 * Whether `got` is right beyond the tolerance: equal to the exact relation, or differing only in
 * a quantity that lies within `tolerance` of its threshold.
 */
export function relationAgrees(exact: ExactOverlay, got: Relation, areaA: number, areaB: number, tolerance: number): boolean {
  const want = exactRelation(exact);
  if (want === got) return true;
  const lo = toleranceRelation(exact.inter, areaA, areaB, tolerance, exact.meet);
  if (lo === got) return true;
  const interSmall = exact.inter <= tolerance;
  if (interSmall && (got === 'touching' || got === 'disjoint') && exact.meet === (got === 'touching')) return true;
  return false;
}

/** One evaluated case. */
export interface CaseResult {
  c: SuiteCase;
  exact: ExactOverlay;
  areaA: number;
  areaB: number;
  ab: number;
  ba: number;
  /** max |engine − exact| over both argument orders. */
  error: number;
  /** The suite's own expected A∩B area, when it has one. */
  expectedArea: number | null;
}

/** Evaluates a case with an area function (both argument orders) against the exact reference. */
export function evaluateCase(c: SuiteCase, area: (a: AreaShape, b: AreaShape) => number): CaseResult | null {
  const sa = shapeOf(c.a);
  const sb = shapeOf(c.b);
  if (sa === null || sb === null) return null;
  const exact = exactOverlay(c.a, c.b);
  const ab = area(sa, sb);
  const ba = area(sb, sa);
  const error = Math.max(Math.abs(ab - exact.inter), Math.abs(ba - exact.inter));
  return { c, exact, areaA: sa.area, areaB: sb.area, ab, ba, error, expectedArea: c.expected === null ? null : partsArea(c.expected) };
}

/** Classes of the suites' table. */
export type Grade = 'exact' | 'within' | 'wrong';

/**
 * Grades a result: exact when the error is within 1e-12 of the larger input area (float noise),
 * within tolerance when within `tolerance` (units squared) and within 1e-9 of the larger input
 * area (suites in degrees have areas far below 1), else wrong.
 */
export function grade(r: CaseResult, tolerance: number): Grade {
  const scale = Math.max(Math.abs(r.areaA), Math.abs(r.areaB));
  if (r.error <= 1e-12 * scale) return 'exact';
  return r.error <= Math.min(tolerance, 1e-9 * scale) ? 'within' : 'wrong';
}
