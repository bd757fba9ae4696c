import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/core/io/index';
import { gdalRead, hasGdal, vertexDeviationM } from './gdal-reference';

/**
 * Our import of real files from other projects' test suites against GDAL (`ogr2ogr -f GeoJSON`):
 * every file GDAL reads must give the same features with geometry, vertex for vertex within 1 mm,
 * or a refusal whose reason is listed below. Committed files: tests/fixtures/corpus-gdal (GDAL
 * autotest, MIT); shapefiles of mbostock/shapefile's test suite (BSD-3-Clause) are read from the
 * local mirror and skipped when it is absent. `CORPUS_TABLE=path` writes the table in Markdown.
 */

const GDAL = hasGdal();
const corpusDir = fileURLToPath(new URL('../../../fixtures/corpus-gdal/', import.meta.url));
const MIRROR = '/work/.mirror/mbostock+shapefile/repo';
const domParser = new DOMParser({ onError: () => {} });

/** Files our import refuses on purpose, with the reason it must give. */
const REFUSALS: Readonly<Record<string, string>> = {
  'empty.kml': 'no-features',
  'folder_with_subfolder_placemark.kml': 'no-features',
  'kml_with_space_content_in_coordinates.kml': 'no-features',
  'ids_0_1_null_1_null.json': 'no-features',
  'truncated.kml': 'parse-error',
  'shapefile/empty': 'no-features',
  'shapefile/ne_10m_time_zones': 'parse-error',
};

interface Row {
  readonly file: string;
  readonly gdal: string;
  readonly ours: string;
  readonly deviationM: number | null;
  readonly verdict: 'same' | 'refused-as-expected' | 'different';
}
const rows: Row[] = [];

function compare(file: string, gdalPath: string, bytes: Uint8Array, name: string): Row {
  const g = gdalRead(gdalPath, /\.shp$/.test(gdalPath));
  const r = importFile(bytes, name, { domParser });
  const gdalText = g.ok ? `${g.features.filter((f) => f.geometry !== null).length} features with geometry` : `error: ${g.error.slice(0, 60)}`;
  if (!r.ok) {
    const expected = REFUSALS[file];
    return { file, gdal: gdalText, ours: `refused: ${r.reason}`, deviationM: null, verdict: expected === r.reason ? 'refused-as-expected' : 'different' };
  }
  const ours = `${r.features.length} features (${r.crs.name})`;
  if (!g.ok) return { file, gdal: gdalText, ours, deviationM: null, verdict: 'different' };
  const theirs = g.features.filter((f) => f.geometry !== null);
  if (theirs.length !== r.features.length) return { file, gdal: gdalText, ours, deviationM: null, verdict: 'different' };
  let worst = 0;
  const attributeDiffs: string[] = [];
  theirs.forEach((f, i) => {
    worst = Math.max(worst, vertexDeviationM(r.features[i]?.geometry ?? null, f.geometry));
    const mine = r.features[i]?.properties ?? {};
    // GDAL's KML driver adds its own fields (tessellate, extrude, altitudeMode …): only the name is
    // compared for KML. dBASE logicals are strings in GDAL 3.6 (Y/N/?), booleans or null here.
    const entries = Object.entries(f.properties ?? {});
    const compared = /\.kml$/.test(name) ? entries.filter(([k]) => k === 'Name').map(([, v]): [string, unknown] => ['name', v === '' ? undefined : v]) : entries;
    for (const [k, v] of compared) {
      if ((v === null || v === undefined) && (mine[k] === null || mine[k] === undefined || mine[k] === '')) continue;
      const norm = (x: unknown): string =>
        typeof x === 'string' ? (/^[YyTt]$/.test(x) ? 'true' : /^[NnFf]$/.test(x) ? 'false' : x === '?' ? 'null' : x.replace(/\//g, '-')) : JSON.stringify(x);
      if (norm(mine[k]) !== norm(v)) attributeDiffs.push(`${k}: ${norm(v)} ≠ ${norm(mine[k])}`);
    }
  });
  const same = worst <= 0.001 && attributeDiffs.length === 0;
  return { file, gdal: gdalText, ours: attributeDiffs.length === 0 ? `${ours}, attributes equal` : `${ours}; attributes differ: ${attributeDiffs.slice(0, 2).join('; ')}`, deviationM: worst, verdict: same ? 'same' : 'different' };
}

const committed = existsSync(corpusDir) ? readdirSync(corpusDir).filter((n) => /\.(kml|json|geojson)$/.test(n) && n !== 'sources.json').sort() : [];

describe.skipIf(!GDAL)('import of real files against GDAL ogr2ogr (skipped: ogr2ogr not installed; run scripts/ensure-gdal.sh)', () => {
  it.each(committed)('%s', (name) => {
    const path = join(corpusDir, name);
    const row = compare(name, path, new Uint8Array(readFileSync(path)), name);
    rows.push(row);
    expect(row.verdict, `${row.gdal} | ${row.ours} | ${row.deviationM}`).not.toBe('different');
  });
});

const shapeNames = existsSync(MIRROR)
  ? execFileSync('git', ['--git-dir', MIRROR, 'ls-tree', '-r', '--name-only', 'HEAD', 'test/'])
      .toString()
      .split('\n')
      .filter((n) => n.endsWith('.shp'))
      .map((n) => n.slice(5, -4))
  : [];

describe.skipIf(!GDAL || shapeNames.length === 0)('shapefiles of mbostock/shapefile against GDAL (skipped: no GDAL or no local mirror of mbostock/shapefile)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shp-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(shapeNames)('shapefile/%s', (base) => {
    const parts: Record<string, Uint8Array> = {};
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
      try {
        const bytes = execFileSync('git', ['--git-dir', MIRROR, 'show', `HEAD:test/${base}.${ext}`], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
        writeFileSync(join(dir, `${base}.${ext}`), bytes);
        parts[`${base}.${ext}`] = new Uint8Array(bytes);
      } catch {
        // the part is absent from the test suite (or too large for the mirror)
      }
    }
    if (parts[`${base}.shp`] === undefined) return;
    const row = compare(`shapefile/${base}`, join(dir, `${base}.shp`), zipSync(parts), `${base}.zip`);
    rows.push(row);
    expect(row.verdict, `${row.gdal} | ${row.ours} | ${row.deviationM}`).not.toBe('different');
  });
});

afterAll(() => {
  const out = process.env['CORPUS_TABLE'];
  if (out === undefined || rows.length === 0) return;
  const lines = [
    '| file | GDAL 3.6 (ogr2ogr -f GeoJSON) | ours | max deviation | verdict |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.file} | ${r.gdal} | ${r.ours} | ${r.deviationM === null ? '–' : `${r.deviationM.toExponential(1)} m`} | ${r.verdict} |`),
  ];
  writeFileSync(out, `${lines.join('\n')}\n`);
});
