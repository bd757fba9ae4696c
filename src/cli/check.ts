/**
 * `npm run check -- <layer…> [--rules <file>] [--format json|csv|text] [--geojson <file>]
 *   [--disable <ruleId>] [--set <ruleId>.<distanceM|areaToleranceM2>=<number>] [--time <ISO time>]
 *   [--compliance <file> --category <category>]`
 *
 * Runs the conflict engine (src/core/conflicts) on GeoJSON files. A layer argument is either a
 * path to a FeatureCollection whose features carry the product's feature properties, or
 * `<category>=<path>` for an imported layer (e.g. `ecological-red-line=redline.geojson`), whose
 * features get layer `imported`, that category, an id and precision 0 where they have none.
 * The report goes to stdout; `--geojson` also writes the overlaps. `--compliance <file> --category <c>` runs the
 * compliance review (合规性审查) of that file as an imported layer of category `c` against the other layers, with
 * the rules the app derives for the category (src/core/compliance), and reports only the findings involving it.
 * Exit codes: 0 no conflict, 1 conflicts found, 2 bad input, 3 internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConflicts } from '../core/conflicts/check-conflicts';
import type { InputLayer } from '../core/conflicts/check-conflicts';
import { toInputLayer } from '../core/conflicts/input-layer';
import { formatReportText, type ConflictReport } from '../core/conflicts/report';
import { reportToCsv, reportToGeoJson } from '../core/conflicts/report-export';
import { parseRuleSet } from '../core/conflicts/rule-schema';
import type { RuleOverride } from '../core/conflicts/rule-schema';
import { complianceRuleSet } from '../core/compliance/compliance-rules';
import { checkCompliance } from '../core/compliance/compliance-check';

/** Exit code: no conflict. */
export const EXIT_OK = 0;
/** Exit code: at least one conflict (definite or possible). */
export const EXIT_CONFLICTS = 1;
/** Exit code: bad input (arguments, files, rules, features). */
export const EXIT_BAD_INPUT = 2;
/** Exit code: a bug. */
export const EXIT_INTERNAL = 3;

/** Default rule file, relative to the repository root. */
export const DEFAULT_RULES = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'data/rules/rules.json');

/** Where the command writes; replaceable in tests. */
export interface CheckIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readText: (path: string) => string;
  writeText: (path: string, text: string) => void;
}

const nodeIo: CheckIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readText: (p) => readFileSync(p, 'utf8'),
  writeText: (p, t) => writeFileSync(p, t),
};

class UsageError extends Error {}

interface Args {
  layers: Array<{ path: string; category?: string }>;
  rules: string;
  format: 'json' | 'csv' | 'text';
  geojson: string | null;
  overrides: RuleOverride[];
  time: Date | null;
  compliance: string | null;
  category: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { layers: [], rules: DEFAULT_RULES, format: 'text', geojson: null, overrides: [], time: null, compliance: null, category: null };
  const override = (ruleId: string): RuleOverride => {
    let o = args.overrides.find((x) => x.ruleId === ruleId);
    if (o === undefined) {
      o = { ruleId };
      args.overrides.push(o);
    }
    return o;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--rules') args.rules = value();
    else if (a === '--format') {
      const f = value();
      if (f !== 'json' && f !== 'csv' && f !== 'text') throw new UsageError(`--format must be json, csv or text, got "${f}"`);
      args.format = f;
    } else if (a === '--geojson') args.geojson = value();
    else if (a === '--disable') override(value()).enabled = false;
    else if (a === '--enable') override(value()).enabled = true;
    else if (a === '--set') {
      const v = value();
      const m = /^([a-z0-9-]+)\.(distanceM|areaToleranceM2)=(\d+(?:\.\d+)?)$/.exec(v);
      if (m === null) throw new UsageError(`--set expects <ruleId>.<distanceM|areaToleranceM2>=<number>, got "${v}"`);
      override(m[1] as string)[m[2] as 'distanceM' | 'areaToleranceM2'] = Number(m[3]);
    } else if (a === '--time') {
      const t = new Date(value());
      if (Number.isNaN(t.getTime())) throw new UsageError(`--time needs an ISO date-time`);
      args.time = t;
    } else if (a === '--compliance') args.compliance = value();
    else if (a === '--category') args.category = value();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else {
      const m = /^([a-z][a-z0-9-]*)=(.+)$/.exec(a);
      args.layers.push(m === null ? { path: a } : { path: m[2] as string, category: m[1] as string });
    }
  }
  if ((args.compliance === null) !== (args.category === null)) throw new UsageError('--compliance and --category go together');
  if (args.layers.length === 0 && args.compliance === null) throw new UsageError('give at least one layer file');
  return args;
}

function readJson(io: CheckIo, path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = io.readText(path);
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `${path} is not JSON: ${(error as Error).message}` };
  }
}

/** Reads every layer argument as an engine input layer, or says which could not be read. */
function readLayers(io: CheckIo, specs: Args['layers']): { ok: true; layers: InputLayer[] } | { ok: false; message: string } {
  const layers: InputLayer[] = [];
  for (const spec of specs) {
    const json = readJson(io, spec.path);
    if (!json.ok) return json;
    const layer = toInputLayer(basename(spec.path), json.value, spec.category === undefined ? {} : { category: spec.category });
    if (!layer.ok) return { ok: false, message: layer.message };
    layers.push(layer.layer);
  }
  return { ok: true, layers };
}

/** Writes the report in the chosen format (and the overlaps) and returns the exit code of its findings. */
function emit(io: CheckIo, args: Args, report: ConflictReport): number {
  if (args.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (args.format === 'csv') io.stdout(reportToCsv(report));
  else io.stdout(`${formatReportText(report)}\n`);
  if (args.geojson !== null) io.writeText(args.geojson, `${JSON.stringify(reportToGeoJson(report))}\n`);
  return report.findings.length > 0 ? EXIT_CONFLICTS : EXIT_OK;
}

/** The compliance review of `path` as an imported layer of `category` against the other layer arguments. */
function runCompliance(io: CheckIo, args: Args, path: string, category: string, rulesJson: unknown): number {
  const rules = complianceRuleSet(rulesJson, category);
  if (!rules.ok) {
    io.stderr(`check: ${rules.reason}: ${rules.detail}\n`);
    return EXIT_BAD_INPUT;
  }
  const read = readLayers(io, [{ path, category }, ...args.layers]);
  if (!read.ok) {
    io.stderr(`check: ${read.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const [target, ...others] = read.layers as [InputLayer, ...InputLayer[]];
  const result = checkCompliance({ target, others, rules: rules.ruleSet, time: args.time ?? new Date(), hashLayers: true, overrides: args.overrides });
  if (!result.ok) {
    io.stderr(`check: ${result.reason}: ${result.detail}\n`);
    return EXIT_BAD_INPUT;
  }
  return emit(io, args, result.report);
}

/** Runs the command and returns its exit code. */
export function runCheck(argv: readonly string[], io: CheckIo = nodeIo): number {
  try {
    let args: Args;
    try {
      args = parseArgs(argv);
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`check: ${error.message}\n`);
        return EXIT_BAD_INPUT;
      }
      throw error;
    }
    const rulesJson = readJson(io, args.rules);
    if (!rulesJson.ok) {
      io.stderr(`check: ${rulesJson.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (args.compliance !== null && args.category !== null) return runCompliance(io, args, args.compliance, args.category, rulesJson.value);
    const rules = parseRuleSet(rulesJson.value);
    if (!rules.ok) {
      io.stderr(`check: ${args.rules}: ${rules.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const read = readLayers(io, args.layers);
    if (!read.ok) {
      io.stderr(`check: ${read.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const layers = read.layers;
    const time = args.time;
    const result = checkConflicts(layers, rules.value, {
      overrides: args.overrides,
      ...(time === null ? {} : { now: () => time }),
    });
    if (!result.ok) {
      io.stderr(`check: ${result.reason}: ${result.message}\n`);
      return EXIT_BAD_INPUT;
    }
    return emit(io, args, result.report);
  } catch (error) {
    io.stderr(`check: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runCheck(process.argv.slice(2));
}
