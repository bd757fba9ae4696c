import { closeSync, openSync, writeSync } from 'node:fs';
import { seededRandom } from '../../../src/core/random/seeded-random';

/**
 * Province-scale synthetic data, written as newline-delimited GeoJSON without building it in memory:
 * - parcels: a 三调-like tiling, a jittered grid of ~120 m cells whose neighbours share their vertices exactly
 *   (parcels touch along shared edges and never overlap), `count` cells in a square centred at 112.0°E 37.5°N,
 *   so that the data cross the 112.5°E boundary between Gauss-Krüger zones;
 * - zones: `zones` star polygons (radius 300–900 m, 12–40 vertices, 10 % with a hole) scattered over the square.
 */

const LAT0 = 37.5;
const LON0 = 112.0;
const CELL_M = 120;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);

function writer(path: string): { line: (s: string) => void; close: () => void } {
  const fd = openSync(path, 'w');
  let buffer: string[] = [];
  let size = 0;
  const flush = (): void => {
    writeSync(fd, buffer.join(''));
    buffer = [];
    size = 0;
  };
  return {
    line: (s) => {
      buffer.push(s, '\n');
      size += s.length + 1;
      if (size > 1 << 22) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

const r6 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** Writes `count` tiled parcels to `path` (seeded); returns the side of the square in metres. */
export function writeParcels(path: string, count: number, seed: number): number {
  const n = Math.ceil(Math.sqrt(count));
  const side = n * CELL_M;
  const rand = seededRandom(seed);
  const x0 = LON0 - side / 2 / M_PER_DEG_LON;
  const y0 = LAT0 - side / 2 / M_PER_DEG_LAT;
  const jitter = (): number => (rand() - 0.5) * 0.5 * CELL_M;
  // Vertex rows are generated one at a time: row j and row j+1 bound the cells of row j.
  const vertexRow = (j: number): Array<[number, number]> =>
    Array.from({ length: n + 1 }, (_, i) => {
      const edge = i === 0 || i === n || j === 0 || j === n;
      const dx = edge ? 0 : jitter();
      const dy = edge ? 0 : jitter();
      return [r6(x0 + (i * CELL_M + dx) / M_PER_DEG_LON), r6(y0 + (j * CELL_M + dy) / M_PER_DEG_LAT)];
    });
  const out = writer(path);
  let below = vertexRow(0);
  let id = 0;
  for (let j = 0; j < n && id < count; j++) {
    const above = vertexRow(j + 1);
    for (let i = 0; i < n && id < count; i++, id++) {
      const ring = [below[i], below[i + 1], above[i + 1], above[i], below[i]] as Array<[number, number]>;
      out.line(
        JSON.stringify({
          type: 'Feature',
          properties: { id: `p${id}`, layer: 'imported', category: 'bench-parcel', precisionM: 0, dlbm: ['0101', '0301', '0702', '1001'][id % 4] },
          geometry: { type: 'Polygon', coordinates: [ring] },
        }),
      );
    }
    below = above;
  }
  out.close();
  return side;
}

function star(rand: () => number, cx: number, cy: number, radius: number, vertices: number, clockwise: boolean): Array<[number, number]> {
  const ring: Array<[number, number]> = [];
  const step = (2 * Math.PI) / vertices;
  const phase = rand() * step;
  for (let i = 0; i < vertices; i++) {
    const a = phase + i * step + (rand() - 0.5) * 0.6 * step;
    const r = radius * (0.6 + 0.4 * rand());
    ring.push([r6(cx + (r * Math.cos(a)) / M_PER_DEG_LON), r6(cy + (r * Math.sin(a)) / M_PER_DEG_LAT)]);
  }
  if (clockwise) ring.reverse();
  ring.push([...(ring[0] as [number, number])]);
  return ring;
}

/** Writes `count` zones over a square of `sideM` metres to `path` (seeded). */
export function writeZones(path: string, count: number, sideM: number, seed: number): void {
  const rand = seededRandom(seed);
  const out = writer(path);
  for (let i = 0; i < count; i++) {
    const cx = LON0 + ((rand() - 0.5) * sideM) / M_PER_DEG_LON;
    const cy = LAT0 + ((rand() - 0.5) * sideM) / M_PER_DEG_LAT;
    const radius = 300 + rand() * 600;
    const rings = [star(rand, cx, cy, radius, 12 + Math.floor(rand() * 29), false)];
    if (rand() < 0.1) rings.push(star(rand, cx, cy, radius * 0.3, 6 + Math.floor(rand() * 6), true));
    out.line(
      JSON.stringify({
        type: 'Feature',
        properties: { id: `z${i}`, layer: 'imported', category: 'bench-zone', precisionM: 0 },
        geometry: { type: 'Polygon', coordinates: rings },
      }),
    );
  }
  out.close();
}
