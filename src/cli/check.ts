/**
 * `npm run check -- <layer…> [--rules <file>] [--format json|csv|text] [--lang zh-CN|en] [--geojson <file>]
 *   [--disable <ruleId>] [--set <ruleId>.<distanceM|areaToleranceM2>=<number>] [--time <ISO time>]
 *   [--engine js|postgis] [--db <connection>] [--table <name>=<schema.table>] [--keep-schema <schema>]
 *   [--threads <n|auto>] [--compliance <file> --category <category>]`
 *
 * Runs the conflict engine (src/core/conflicts) on GeoJSON files. A layer argument is either a
 * path to a FeatureCollection whose features carry the product's feature properties, or
 * `<category>=<path>` for an imported layer (e.g. `ecological-red-line=redline.geojson`), whose
 * features get layer `imported`, that category, an id and precision 0 where they have none.
 * The report goes to stdout (text and CSV in Chinese unless `--lang en`); `--geojson` also writes the overlaps.
 * `--engine postgis` runs the same rules inside PostGIS (`--db`: a libpq connection string); layer files are
 * loaded into a schema made for the run (kept under `--keep-schema`), `--table` layers are read in place.
 * `--threads` runs the JS engine on that many worker threads (`auto`: one per core; 1: the same threaded
 * pipeline on one thread); the report is the same as without it.
 * `--compliance <file> --category <c>` runs the compliance review (合规性审查) of that file as an imported layer of
 * category `c` against the other layers, with the rules the app derives for the category (src/core/compliance),
 * and reports only the findings involving it.
 * Exit codes: 0 no conflict, 1 conflicts found, 2 bad input, 3 internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputLayer } from '../core/conflicts/prepare-features';
import { caveatText, formatReportText } from '../i18n/conflict-text';
import { CSV_COLUMNS, reportCsvChunks, reportToGeoJson } from '../core/conflicts/report-export';
import { parseRuleSet } from '../core/conflicts/rule-schema';
import type { RuleOverride } from '../core/conflicts/rule-schema';
import { availableParallelism } from 'node:os';
import type { CsvBody } from './parallel/check-threads';
import { nodeHasher } from './parallel/node-hasher';
import { loadLayerFiles } from './parallel/layer-files';
import type { TableLayer } from './postgis/postgis-check';
import type { ConflictReport } from '../core/conflicts/report';

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
  /** Writes bytes to stdout (default: decoded and given to `stdout`). */
  stdoutBytes?: (bytes: Uint8Array) => void;
}

const nodeIo: CheckIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readText: (p) => readFileSync(p, 'utf8'),
  writeText: (p, t) => writeFileSync(p, t),
  stdoutBytes: (b) => process.stdout.write(b),
};

class UsageError extends Error {}

/** Languages of the text and CSV reports. */
type Lang = NonNullable<Parameters<typeof formatReportText>[1]>;

interface Args {
  layers: Array<{ path: string; category?: string }>;
  rules: string;
  format: 'json' | 'csv' | 'text';
  lang: Lang;
  geojson: string | null;
  overrides: RuleOverride[];
  time: Date | null;
  engine: 'js' | 'postgis';
  db: string | null;
  tables: TableLayer[];
  keepSchema: string | null;
  /** Worker threads of the JS engine (null: none, the check runs in this thread). */
  threads: number | null;
  compliance: string | null;
  category: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { layers: [], rules: DEFAULT_RULES, format: 'text', lang: 'zh-CN', geojson: null, overrides: [], time: null, engine: 'js', db: null, tables: [], keepSchema: null, threads: null, compliance: null, category: null };
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
    } else if (a === '--lang') {
      const l = value();
      if (l !== 'zh-CN' && l !== 'en') throw new UsageError(`--lang must be zh-CN or en, got "${l}"`);
      args.lang = l;
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
    } else if (a === '--engine') {
      const e = value();
      if (e !== 'js' && e !== 'postgis') throw new UsageError(`--engine must be js or postgis, got "${e}"`);
      args.engine = e;
    } else if (a === '--threads') {
      const v = value();
      const n = v === 'auto' ? availableParallelism() : Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads needs a whole number from 1 to 256 or auto, got "${v}"`);
      args.threads = n;
    } else if (a === '--db') args.db = value();
    else if (a === '--keep-schema') args.keepSchema = value();
    else if (a === '--table') {
      const v = value();
      const m = /^([^=]+)=([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)$/.exec(v);
      if (m === null) throw new UsageError(`--table expects <name>=<schema.table>, got "${v}"`);
      args.tables.push({ name: m[1] as string, table: m[2] as string });
    } else if (a === '--compliance') args.compliance = value();
    else if (a === '--category') args.category = value();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else {
      const m = /^([a-z][a-z0-9-]*)=(.+)$/.exec(a);
      args.layers.push(m === null ? { path: a } : { path: m[2] as string, category: m[1] as string });
    }
  }
  if (args.engine === 'postgis' && args.db === null) throw new UsageError('--engine postgis needs --db <connection>');
  if (args.engine === 'js' && (args.tables.length > 0 || args.db !== null)) throw new UsageError('--db and --table need --engine postgis');
  if ((args.compliance === null) !== (args.category === null)) throw new UsageError('--compliance and --category go together');
  if (args.layers.length === 0 && args.tables.length === 0 && args.compliance === null) throw new UsageError('give at least one layer file');
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

/** Writes the report in the chosen format and language (and the overlaps) and returns the exit code of its findings. */
function emit(io: CheckIo, args: Args, report: ConflictReport, csv: CsvBody | null = null): number {
  const caveat = (c: Parameters<typeof caveatText>[0]): string => caveatText(c, args.lang);
  if (csv !== null) {
    io.stdout(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    const decoder = new TextDecoder();
    csv.write((bytes) => (io.stdoutBytes === undefined ? io.stdout(decoder.decode(bytes)) : io.stdoutBytes(bytes)));
    return csv.findings > 0 ? EXIT_CONFLICTS : EXIT_OK;
  }
  if (args.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (args.format === 'csv') for (const chunk of reportCsvChunks(report, caveat)) io.stdout(chunk);
  else io.stdout(`${formatReportText(report, args.lang)}\n`);
  if (args.geojson !== null) io.writeText(args.geojson, `${JSON.stringify(reportToGeoJson(report, caveat))}\n`);
  return report.findings.length > 0 ? EXIT_CONFLICTS : EXIT_OK;
}

/** The compliance review of `path` as an imported layer of `category` against the other layer arguments. */
async function runCompliance(io: CheckIo, args: Args, path: string, category: string, rulesJson: unknown): Promise<number> {
  const [{ complianceRuleSet }, { checkCompliance }] = await Promise.all([import('../core/compliance/compliance-rules'), import('../core/compliance/compliance-check')]);
  const rules = complianceRuleSet(rulesJson, category);
  if (!rules.ok) {
    io.stderr(`check: ${rules.reason}: ${rules.detail}\n`);
    return EXIT_BAD_INPUT;
  }
  const read = loadLayerFiles([{ path, category }, ...args.layers], io.readText);
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

/** Runs the command and resolves with its exit code. */
export async function runCheck(argv: readonly string[], io: CheckIo = nodeIo): Promise<number> {
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
    if (args.compliance !== null && args.category !== null) return await runCompliance(io, args, args.compliance, args.category, rulesJson.value);
    const rules = parseRuleSet(rulesJson.value);
    if (!rules.ok) {
      io.stderr(`check: ${args.rules}: ${rules.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const threads = args.engine === 'js' ? args.threads : null;
    const loaded = threads !== null ? { ok: true as const, layers: [] as InputLayer[] } : loadLayerFiles(args.layers, io.readText);
    if (!loaded.ok) {
      io.stderr(`check: ${loaded.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const layers = loaded.layers;
    const time = args.time;
    const overlapGeometry = args.format === 'json' || args.geojson !== null;
    const common = { overrides: args.overrides, overlapGeometry, hasher: nodeHasher, ...(time === null ? {} : { now: () => time }) };
    // CSV rows are written by the threads unless the overlaps are wanted too.
    const csvInThreads = args.format === 'csv' && args.geojson === null;
    // Each engine is loaded when used, so that a threaded run starts fast.
    const result =
      args.engine === 'postgis'
        ? (await import('./postgis/postgis-check')).checkConflictsPostgis(layers, args.tables, rules.value, {
            ...common,
            connection: args.db as string,
            ...(args.keepSchema === null ? {} : { keepSchema: args.keepSchema }),
          })
        : threads !== null
          ? await (await import('./parallel/check-threads')).checkInThreads(
              {
                files: args.layers,
                ruleSet: rules.value,
                options: {
                  overrides: args.overrides,
                  overlapGeometry,
                  time: (time ?? new Date()).toISOString(),
                  // The CSV report has no layer hashes: they are not taken for it.
                  ...(csvInThreads ? { csv: { lang: args.lang }, hashLayers: false } : {}),
                },
              },
              threads,
            )
          : (await import('../core/conflicts/check-conflicts')).checkConflicts(layers, rules.value, common);
    if (!result.ok) {
      io.stderr(`check: ${result.reason}: ${result.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if ('csv' in result) return emit(io, args, result.report, result.csv as CsvBody | null);
    return emit(io, args, result.report);
  } catch (error) {
    io.stderr(`check: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runCheck(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
