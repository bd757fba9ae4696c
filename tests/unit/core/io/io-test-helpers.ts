import { readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';
import type { ImportPreview, ImportResult } from '../../../../src/core/io/import-types';

/** Reads a fixture file of tests/fixtures/io as bytes. */
export function fixtureBytes(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fixtures/io/${relativePath}`, import.meta.url)));
}

/** Reads a tab-separated fixture of tests/fixtures/io, skipping `#` lines. */
export function fixtureRows(relativePath: string): string[][] {
  return readFileSync(new URL(`../../../fixtures/io/${relativePath}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

/** Narrows an import result to a preview, failing the test with the message otherwise. */
export function expectPreview(r: ImportResult): ImportPreview {
  if (!r.ok) throw new Error(`import failed: ${r.reason}: ${r.message}`);
  return r;
}

export { flatPositions } from '../../../../src/core/geo/positions';

/** Largest geodesic distance (m) between corresponding positions; throws when the counts differ. */
export function maxDeviationM(actual: readonly Position[], expected: readonly Position[]): number {
  if (actual.length !== expected.length) throw new Error(`vertex count ${actual.length} ≠ expected ${expected.length}`);
  let worst = 0;
  actual.forEach((p, i) => {
    const q = expected[i];
    if (q === undefined) throw new Error('missing expected vertex');
    worst = Math.max(worst, geodesicDistance(p, q));
  });
  return worst;
}
