/**
 * `npx tsx src/cli/basemap/make-fixtures.ts`: writes the basemap test fixtures into tests/fixtures/basemap/.
 *
 * - `synthetic-roads.geojson`: made-up roads, a railway and a land polygon around 大觉寺 (柳林县), in the
 *   Protomaps basemap schema (layers `earth` and `roads`, `kind` highway / major_road / minor_road / rail).
 * - `synthetic-roads.pmtiles`: those features cut into Mapbox Vector Tiles, zoom 10–14, by GDAL's MVT driver
 *   (`ogr2ogr -f MVT`, Debian `gdal-bin`), packed into PMTiles v3 by `pmtiles-writer.ts`.
 * - `tianditu/img.png`, `tianditu/cia.png`: one 256 px tile each for the Tianditu imagery and its label layer
 *   (a flat "imagery" colour with a grid; a transparent tile with one dark mark), answered for every tile URL in
 *   the browser test.
 *
 * Needs `ogr2ogr` (apt-get install -y gdal-bin). Exit codes: 0 written, 2 tool missing, 3 bug.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import { encodePng } from './png';
import { writePmtiles, type TileInput } from './pmtiles-writer';

/** Output folder, relative to the repository root. */
export const FIXTURE_DIR = 'tests/fixtures/basemap';
/** 大觉寺's anchor (WGS84), the centre of the synthetic roads. */
export const DAJUESI: readonly [number, number] = [110.8894, 37.4323];
/** Extent of the synthetic data [w, s, e, n]. */
export const SYNTHETIC_BOUNDS: readonly [number, number, number, number] = [110.82, 37.39, 110.96, 37.48];
/** Zoom range of the synthetic tiles. */
export const SYNTHETIC_ZOOMS = [10, 14] as const;
/** Colour of every pixel of the Tianditu imagery fixture (outside its grid lines). */
export const TDT_IMG_RGB: readonly [number, number, number] = [46, 125, 50];
/** Colour of the mark on the Tianditu label fixture. */
export const TDT_CIA_RGB: readonly [number, number, number] = [200, 30, 160];

/** The synthetic features: one `earth` polygon and a road network in the `roads` layer. */
export function syntheticLayers(): { earth: FeatureCollection; roads: FeatureCollection } {
  const [w, s, e, n] = SYNTHETIC_BOUNDS;
  const [cx, cy] = DAJUESI;
  const road = (kind: string, name: string, coordinates: number[][], detail?: string): Feature => ({
    type: 'Feature',
    properties: { kind, name, ...(detail ? { kind_detail: detail } : {}) },
    geometry: { type: 'LineString', coordinates },
  });
  const roads: Feature[] = [
    road('highway', '合成高速 S1', [[w, s + 0.01], [cx - 0.01, cy - 0.008], [e, n - 0.01]], 'motorway'),
    road('rail', '合成铁路', [[w, cy + 0.02], [cx, cy + 0.012], [e, cy + 0.004]], 'rail'),
  ];
  for (let i = -3; i <= 3; i++) {
    const x = +(cx + i * 0.02).toFixed(4);
    const y = +(cy + i * 0.012).toFixed(4);
    roads.push(road('major_road', `合成大道 ${i + 4}`, [[x, s], [x, n]], 'primary'));
    roads.push(road('major_road', `合成街 ${i + 4}`, [[w, y], [e, y]], 'secondary'));
  }
  for (let i = -6; i <= 6; i++) {
    const x = +(cx + i * 0.0025).toFixed(4);
    const y = +(cy + i * 0.002).toFixed(4);
    roads.push(road('minor_road', `合成巷 ${i + 7}`, [[x, cy - 0.015], [x, cy + 0.015]], 'residential'));
    roads.push(road('minor_road', `合成胡同 ${i + 7}`, [[cx - 0.02, y], [cx + 0.02, y]], 'residential'));
  }
  const earth: Feature = {
    type: 'Feature',
    properties: { kind: 'earth' },
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
  };
  return { earth: { type: 'FeatureCollection', features: [earth] }, roads: { type: 'FeatureCollection', features: roads } };
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || String(r.error)}`);
}

/** Cuts the synthetic layers into MVT tiles with ogr2ogr and returns them (gzip-compressed, as GDAL writes them). */
export function cutTiles(work: string): TileInput[] {
  const { earth, roads } = syntheticLayers();
  writeFileSync(join(work, 'earth.geojson'), JSON.stringify(earth));
  writeFileSync(join(work, 'roads.geojson'), JSON.stringify(roads));
  const gpkg = join(work, 'synthetic.gpkg');
  run('ogr2ogr', ['-f', 'GPKG', gpkg, join(work, 'earth.geojson'), '-nln', 'earth']);
  run('ogr2ogr', ['-update', '-f', 'GPKG', gpkg, join(work, 'roads.geojson'), '-nln', 'roads']);
  const out = join(work, 'tiles');
  const [minZoom, maxZoom] = SYNTHETIC_ZOOMS;
  run('ogr2ogr', ['-f', 'MVT', out, gpkg, '-dsco', 'FORMAT=DIRECTORY', '-dsco', `MINZOOM=${minZoom}`, '-dsco', `MAXZOOM=${maxZoom}`, '-dsco', 'COMPRESS=YES']);
  const tiles: TileInput[] = [];
  for (const z of readdirSync(out).filter((d) => /^\d+$/.test(d))) {
    for (const x of readdirSync(join(out, z))) {
      for (const f of readdirSync(join(out, z, x))) {
        const m = /^(\d+)\.pbf$/.exec(f);
        if (m) tiles.push({ z: Number(z), x: Number(x), y: Number(m[1]), data: readFileSync(join(out, z, x, f)) });
      }
    }
  }
  return tiles;
}

function tiandituTiles(): { img: Buffer; cia: Buffer } {
  const size = 256;
  const img = new Uint8Array(size * size * 4);
  const cia = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const grid = x % 64 === 0 || y % 64 === 0;
      img.set(grid ? [230, 220, 180, 255] : [...TDT_IMG_RGB, 255], i);
      const mark = Math.abs(x - 128) < 20 && Math.abs(y - 128) < 6;
      cia.set(mark ? [...TDT_CIA_RGB, 255] : [0, 0, 0, 0], i);
    }
  }
  return { img: encodePng(size, size, img), cia: encodePng(size, size, cia) };
}

function main(): number {
  if (spawnSync('ogr2ogr', ['--version']).status !== 0) {
    console.error('make-fixtures: ogr2ogr is not installed; run: apt-get install -y gdal-bin');
    return 2;
  }
  const root = resolve(fileURLToPath(import.meta.url), '../../../..');
  const dir = resolve(root, FIXTURE_DIR);
  mkdirSync(join(dir, 'tianditu'), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'basemap-fixtures-'));
  try {
    const tiles = cutTiles(work);
    const { roads } = syntheticLayers();
    writeFileSync(join(dir, 'synthetic-roads.geojson'), `${JSON.stringify(roads)}\n`);
    const metaPath = join(work, 'tiles', 'metadata.json');
    const gdalMeta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { json?: string }) : {};
    const vectorLayers = gdalMeta.json ? (JSON.parse(gdalMeta.json) as { vector_layers?: unknown }).vector_layers : undefined;
    const archive = writePmtiles(tiles, {
      tileType: 1,
      tileCompression: 2,
      bounds: SYNTHETIC_BOUNDS,
      center: [DAJUESI[0], DAJUESI[1], 14],
      metadata: {
        name: 'synthetic roads (test fixture)',
        attribution: '合成测试数据 synthetic test data',
        // A made-up value to test that a basemap's 审图号 is shown; it is no real map review number.
        review_number: '测试审图号 TEST-0000（非真实）',
        vector_layers: vectorLayers ?? [{ id: 'earth', fields: { kind: 'String' } }, { id: 'roads', fields: { kind: 'String', name: 'String' } }],
      },
    });
    writeFileSync(join(dir, 'synthetic-roads.pmtiles'), archive);
    console.log(`wrote ${FIXTURE_DIR}/synthetic-roads.pmtiles (${tiles.length} tiles, ${archive.length} bytes)`);
    const { img, cia } = tiandituTiles();
    writeFileSync(join(dir, 'tianditu', 'img.png'), img);
    writeFileSync(join(dir, 'tianditu', 'cia.png'), cia);
    console.log(`wrote ${FIXTURE_DIR}/tianditu/img.png (${img.length} bytes), cia.png (${cia.length} bytes)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (err) {
    console.error(err);
    process.exitCode = 3;
  }
}
