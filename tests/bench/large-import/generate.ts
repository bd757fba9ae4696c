/**
 * Seeded generator of a large land-use style GeoJSON (三调 / 永久基本农田 like): `count` simple
 * star-shaped polygons, one per cell of a square grid over a county-sized area in south-west
 * Shanxi (111.45–112.05°E, 35.95–36.45°N, where the gazette's chemical parks lie, so the check
 * has overlaps to find), with the attributes a land-use record carries. Deterministic for a seed;
 * written to a file (never committed). Used by the large-import benchmark and the browser test.
 *
 * Run alone: `npx tsx tests/bench/large-import/generate.ts <out.geojson> [count] [seed]`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../../../src/core/random/seeded-random';

/** The area the polygons cover [west, south, east, north]. */
export const LARGE_AREA: readonly [number, number, number, number] = [111.45, 35.95, 112.05, 36.45];

const CLASSES: ReadonlyArray<readonly [string, string]> = [
  ['0101', '水田'],
  ['0102', '水浇地'],
  ['0103', '旱地'],
  ['0201', '果园'],
  ['0301', '乔木林地'],
  ['0404', '其他草地'],
];
const OWNERS = ['东关村民委员会', '西庄村民委员会', '南堡村民委员会', '北留村民委员会', '河底村民委员会', '上庄村民委员会'];

/** One feature as GeoJSON text. */
function featureText(i: number, cx: number, cy: number, rx: number, ry: number, rnd: () => number): string {
  const n = 9 + Math.floor(rnd() * 6);
  const ring: string[] = [];
  const phase = rnd() * Math.PI * 2;
  for (let k = 0; k < n; k++) {
    const a = phase + (k / n) * Math.PI * 2;
    const r = 0.62 + rnd() * 0.33;
    ring.push(`[${(cx + Math.cos(a) * rx * r).toFixed(6)},${(cy + Math.sin(a) * ry * r).toFixed(6)}]`);
  }
  ring.push(ring[0]!);
  const [code, label] = CLASSES[Math.floor(rnd() * CLASSES.length)]!;
  const owner = OWNERS[Math.floor(rnd() * OWNERS.length)]!;
  const props = {
    BSM: `1411${String(i).padStart(8, '0')}`,
    TBBH: String(i + 1),
    DLBM: code,
    DLMC: label,
    QSDWMC: owner,
    ZLDWMC: owner,
    TBMJ: Math.round(rx * ry * 111_320 * 0.81 * 110_574 * 260 * (0.9 + rnd() * 0.2)) / 100,
    name: `图斑${i + 1}`,
  };
  return `{"type":"Feature","properties":${JSON.stringify(props)},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`;
}

/** Writes `count` polygons (seeded) to `path`; resolves with the byte size. */
export async function writeLargeGeoJson(path: string, count: number, seed: number): Promise<number> {
  const rnd = seededRandom(seed);
  const [w, s, e, n] = LARGE_AREA;
  const cols = Math.ceil(Math.sqrt(count * ((e - w) / (n - s))));
  const rows = Math.ceil(count / cols);
  const dx = (e - w) / cols;
  const dy = (n - s) / rows;
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"type":"FeatureCollection","name":"permanent-basic-farmland","features":[\n');
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    batch.push(featureText(i, w + (col + 0.5) * dx, s + (row + 0.5) * dy, dx / 2, dy / 2, rnd));
    if (batch.length === 2000 || i === count - 1) {
      await write(batch.join(',\n') + (i === count - 1 ? '\n' : ',\n'));
      batch = [];
    }
  }
  await write(']}\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (isMain && process.argv[2]) {
  const path = process.argv[2];
  const count = Number(process.argv[3] ?? 200_000);
  const seed = Number(process.argv[4] ?? 20241123);
  void writeLargeGeoJson(path, count, seed).then((b) => console.log(`${path}: ${count} polygons, ${(b / 1e6).toFixed(1)} MB`));
}
