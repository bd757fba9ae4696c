import { readFileSync } from 'node:fs';

/**
 * Reads a tab-separated fixture table from `tests/fixtures/`, skipping `#` comment lines.
 * Returns the rows as arrays of cell strings.
 */
export function readFixtureTable(relativePath: string): string[][] {
  const text = readFileSync(new URL(`../../../fixtures/${relativePath}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/** Reads a vertex file of "lat lon" lines (Planimeter's order) as GeoJSON [lon, lat] positions. */
export function readLatLonVertices(relativePath: string): [number, number][] {
  const text = readFileSync(new URL(`../../../fixtures/${relativePath}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [lat, lon] = line.trim().split(/\s+/).map(Number);
      if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
        throw new Error(`bad vertex line in ${relativePath}: ${line}`);
      }
      return [lon, lat];
    });
}

/** Parses a cell as a finite number or throws, naming the cell. */
export function num(cell: string | undefined, what: string): number {
  const value = Number(cell);
  if (cell === undefined || cell.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`fixture cell ${what} is not a number: ${cell}`);
  }
  return value;
}

const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);

/**
 * Ground distance in metres of a small lon/lat difference at latitude `lat` on GRS80, from the
 * meridian radius M and the prime-vertical radius N (exact to first order for sub-metre offsets).
 */
export function smallOffsetMetres(lat: number, dLonDeg: number, dLatDeg: number): number {
  const phi = (lat * Math.PI) / 180;
  const w = Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const n = A / w;
  const m = (A * (1 - E2)) / w ** 3;
  const dE = ((dLonDeg * Math.PI) / 180) * n * Math.cos(phi);
  const dN = ((dLatDeg * Math.PI) / 180) * m;
  return Math.hypot(dE, dN);
}
