/**
 * Prints the overlay suites' table (cases, exact, within tolerance, wrong; relation right beyond the
 * tolerance) for the engine, from the GEOS and JTS mirrors. Not a test: run with
 * `npx tsx tests/unit/conflicts/overlay-suite-table.ts [--engine path/to/exact-overlap.ts] [--tolerance 1e-6]`.
 */
import { pathToFileURL } from 'node:url';
import { overlapMeasure } from '../../../../src/core/conflicts/exact-overlap';
import type { AreaShape } from '../../../../src/core/conflicts/planar-shape';
import { evaluateCase, exactRelation, grade, mirrorCases, mirrorsPresent, relationAgrees, toleranceRelation } from './overlay-suite-run';
import type { CaseResult } from './overlay-suite-run';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const tolerance = Number(arg('tolerance') ?? '1e-6');
const enginePath = arg('engine');

type AreaFn = (a: AreaShape, b: AreaShape) => number;
let area: AreaFn = (a, b) => overlapMeasure(a, b).areaM2;
let label = 'current';
if (enginePath !== undefined) {
  const mod = (await import(pathToFileURL(enginePath).href)) as { intersectionArea: AreaFn };
  area = (a, b) => mod.intersectionArea(a, b);
  label = enginePath;
}
if (!mirrorsPresent()) {
  console.log('GEOS/JTS mirrors absent (fetch github:libgeos/geos and github:locationtech/jts first)');
  process.exit(0);
}
console.log(`engine: ${label}; tolerance ${tolerance} (coordinate units squared)`);
console.log('| suites | cases | exact | within tolerance | wrong | of which > 1 % of A∩B | relation wrong | worst error / input area | time (s) |');
console.log('|---|---|---|---|---|---|---|---|---|');
const wrongs: string[] = [];
for (const group of ['general', 'robust'] as const) {
  const { cases, revisions, absent } = mirrorCases(group);
  for (const f of absent) wrongs.push(`absent from the mirror (not counted): ${f}`);
  const counts = { cases: 0, exact: 0, within: 0, wrong: 0, relation: 0, far: 0 };
  let worst = 0;
  let time = 0;
  for (const c of cases) {
    const t0 = performance.now();
    let r: CaseResult | null;
    try {
      r = evaluateCase(c, area);
    } catch (e) {
      wrongs.push(`${c.file}#${c.index}: threw ${(e as Error).message}`);
      counts.cases++;
      counts.wrong++;
      continue;
    }
    time += performance.now() - t0;
    if (r === null) continue;
    counts.cases++;
    const g = grade(r, tolerance);
    counts[g]++;
    if (g === 'wrong' && r.error > 0.01 * Math.abs(r.exact.inter)) counts.far++;
    worst = Math.max(worst, r.error / Math.max(Math.abs(r.areaA), Math.abs(r.areaB)));
    const rel = toleranceRelation(Math.min(r.ab, r.ba), r.areaA, r.areaB, tolerance, r.exact.meet);
    const relOk = relationAgrees(r.exact, rel, r.areaA, r.areaB, tolerance) && rel === toleranceRelation(Math.max(r.ab, r.ba), r.areaA, r.areaB, tolerance, r.exact.meet);
    if (!relOk) counts.relation++;
    if (g !== 'exact' || !relOk) {
      wrongs.push(
        `${c.file}#${c.index} ${g}: A∩B ${r.ab} / B∩A ${r.ba}, exact ${r.exact.inter} (suite ${r.expectedArea ?? '—'}), ` +
          `relation ${rel} vs exact ${exactRelation(r.exact)}`,
      );
    }
  }
  console.log(
    `| ${group} (${Object.entries(revisions).map(([k, v]) => `${k} ${v.slice(0, 10)}`).join(', ')}) | ${counts.cases} | ${counts.exact} | ${counts.within} | ${counts.wrong} | ${counts.far} | ${counts.relation} | ${worst.toExponential(2)} | ${(time / 1000).toFixed(1)} |`,
  );
}
for (const w of wrongs) console.log(w);
