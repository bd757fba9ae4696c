/**
 * Startup budgets, measured in headless Chromium against the production build:
 * - initial JavaScript and CSS of the page (everything it fetches up to the first rendered layers, MapLibre's main
 *   bundle included) ≤ 450 KB gzip; MapLibre's worker script (≈ 145 KB gzip by itself) is reported separately; embedded data fetched at startup ≤ 300 KB gzip; heavy modules not fetched at startup;
 * - time to first rendered layers ≤ 1.3 × a bare MapLibre page drawing the same files (median of N runs each,
 *   interleaved in one run).
 * Run: `npm run bench:startup` (builds both pages first). Exit 1 when a budget is missed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { launchBrowser } from '../../e2e/browser';
import { serveStatic } from '../../../src/cli/serve-static';

const RUNS = Number(process.env['RUNS'] ?? 7);
const KB = 1024;
const BUDGET = { initialCodeKb: 450, dataKb: 300, renderRatio: 1.3 } as const;
/** Strings only the lazily loaded heavy libraries contain. */
const HEAVY_SIGNATURES: Record<string, RegExp> = {
  geotiff: /GeoTIFFImage|ModelTiepoint/,
  shpjs: /shpjs|parseShp|\.dbf/,
  togeojson: /gx:Track|togeojson/,
  xmldom: /xmldom/,
};

function build(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', 'dist-bench-app', '--emptyOutDir'], { stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--config', 'tests/bench/perf/vite.bare.config.ts'], { stdio: 'inherit' });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<number> {
  if (!process.argv.includes('--no-build')) build();
  const app = await serveStatic('dist-bench-app', 0);
  const bare = await serveStatic('dist-bench-bare', 0);
  const browser = await launchBrowser();
  const appTimes: number[] = [];
  const bareTimes: number[] = [];
  const fetched = new Set<string>();
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const which of i % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const)) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
        const page = await context.newPage();
        const requests: Array<{ path: string; at: number }> = [];
        if (which === 'app') page.on('request', (r) => requests.push({ path: new URL(r.url()).pathname, at: Date.now() }));
        const mark = which === 'app' ? 'gis:layers-rendered' : 'bare:layers-rendered';
        await page.goto(which === 'app' ? app.url : bare.url);
        const t = await page.waitForFunction((m) => performance.getEntriesByName(m)[0]?.startTime, mark, { timeout: 60_000 });
        const at = Number(await t.jsonValue());
        (which === 'app' ? appTimes : bareTimes).push(at);
        if (which === 'app') {
          // Everything the page and its workers requested before the mark.
          const origin = await page.evaluate(() => performance.timeOrigin);
          for (const r of requests) if (r.at <= origin + at) fetched.add(r.path);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    app.server.close();
    bare.server.close();
  }
  let codeGz = 0;
  let dataGz = 0;
  let workerGz = 0;
  const heavyFound: string[] = [];
  const rows: string[] = [];
  for (const path of [...fetched].sort()) {
    const file = join('dist-bench-app', path === '/' ? 'index.html' : path);
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    const gz = gzipSync(body, { level: 9 }).length;
    const ext = extname(file);
    if (/maplibre-gl-worker/.test(path)) {
      workerGz += gz;
    } else if (ext === '.js' || ext === '.css' || ext === '.html') {
      codeGz += gz;
      for (const [lib, re] of Object.entries(HEAVY_SIGNATURES)) if (re.test(body.toString('utf8'))) heavyFound.push(`${lib} in ${path}`);
    } else if (ext === '.geojson' || ext === '.json') dataGz += gz;
    rows.push(`| ${path} | ${(body.length / KB).toFixed(1)} | ${(gz / KB).toFixed(1)} |`);
  }
  const ratio = median(appTimes) / median(bareTimes);
  const checks = [
    [`initial JS+CSS+HTML ${(codeGz / KB).toFixed(1)} KB gzip ≤ ${BUDGET.initialCodeKb}`, codeGz / KB <= BUDGET.initialCodeKb],
    [`MapLibre worker script ${(workerGz / KB).toFixed(1)} KB gzip (loaded by MapLibre into its worker; reported, not budgeted)`, true],
    [`embedded data ${(dataGz / KB).toFixed(1)} KB gzip ≤ ${BUDGET.dataKb}`, dataGz / KB <= BUDGET.dataKb],
    [`heavy modules fetched at startup: ${heavyFound.join(', ') || 'none'}`, heavyFound.length === 0],
    [`first rendered layers: app ${median(appTimes).toFixed(0)} ms vs bare ${median(bareTimes).toFixed(0)} ms = ${ratio.toFixed(2)} × ≤ ${BUDGET.renderRatio}`, ratio <= BUDGET.renderRatio],
  ] as const;
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; runs: ${RUNS}`);
  console.log(`app times (ms): ${appTimes.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`bare times (ms): ${bareTimes.map((x) => x.toFixed(0)).join(' ')}`);
  console.log('| file fetched at startup | raw KB | gzip KB |\n|---|---|---|');
  console.log(rows.join('\n'));
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(3);
  },
);
