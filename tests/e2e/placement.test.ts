import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Polygon, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { toGaussKruger } from '../../src/core/geo/gauss-kruger';
import type { FeatureProps } from '../../src/core/model/feature-props';
import { useAppSuite } from './app-helpers';

/**
 * Issue 16: placing 大觉寺 by typed Gauss-Krüger coordinates in the built app moves both of its zones (offsets
 * measured back within 0.05 m), the placements export as an overrides file that `npm run data -- --overrides`
 * turns into the same coordinates, and undo restores the old position.
 */

type F = Feature<Polygon, FeatureProps>;
const layer = (id: string): F[] => (JSON.parse(readFileSync(`data/layers/${id}.geojson`, 'utf8')) as { features: F[] }).features;
const protection = layer('relic-protection').find((f) => f.properties.name.startsWith('大觉寺')) as F;
const control = layer('relic-control').find((f) => f.properties.recordId === protection.properties.recordId) as F;
const dir = mkdtempSync(join(tmpdir(), 'placement-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Vertex offsets from the anchor in the anchor's 3° Gauss-Krüger zone, metres [east, north]. */
function offsets(ring: readonly Position[], anchor: { lon: number; lat: number }): Array<[number, number]> {
  const zone = Math.round(anchor.lon / 3);
  const o = toGaussKruger(anchor.lon, anchor.lat, { width: 3, zone, prefixed: false });
  return ring.map((p) => {
    const g = toGaussKruger(p[0] as number, p[1] as number, { width: 3, zone, prefixed: false });
    return [g.y - o.y, g.x - o.x];
  });
}

describe('placing a feature in the app (issue 16)', () => {
  const suite = useAppSuite();

  it('places 大觉寺 by typed GK X/Y: both zones move, offsets kept; export → npm run data gives the same; undo restores', async () => {
    const { page, context } = await suite.openApp(`?layers=relic-protection,relic-control&sel=${encodeURIComponent(protection.properties.id)}`);
    try {
      const old = protection.properties.anchor as { lon: number; lat: number };
      const target = toGaussKruger(old.lon + 0.02, old.lat + 0.01, { width: 3, prefixed: true });
      await page.locator('[data-testid="place-start"]').click();
      await page.locator('[data-testid="place-a"]').fill(target.x.toFixed(3));
      await page.locator('[data-testid="place-b"]').fill(target.y.toFixed(3));
      await page.locator('[data-testid="place-apply"]').click();
      await expect.poll(() => page.locator('[data-testid="place-message"]').textContent(), { timeout: 60_000 }).toContain('已定位到');

      const read = (id: string) =>
        page.evaluate((fid) => {
          const shell = document.querySelector('gis-app') as unknown as { store: { featureById(id: string): { geometry: unknown; props: { anchor: { lon: number; lat: number } | null; precisionM: number } } | undefined } };
          const f = shell.store.featureById(fid);
          return f ? { geometry: f.geometry as Polygon, anchor: f.props.anchor, precisionM: f.props.precisionM } : null;
        }, id);
      for (const before of [protection, control]) {
        const now = await read(before.properties.id);
        expect(now?.precisionM).toBe(5);
        expect(now?.anchor?.lon).toBeCloseTo(old.lon + 0.02, 5);
        const a = offsets((now?.geometry as Polygon).coordinates.flat(), now?.anchor as { lon: number; lat: number });
        const b = offsets(before.geometry.coordinates.flat(), old);
        expect(a.length).toBe(b.length);
        for (let i = 0; i < a.length; i++) {
          expect(Math.abs((a[i] as number[])[0]! - (b[i] as number[])[0]!)).toBeLessThan(0.05);
          expect(Math.abs((a[i] as number[])[1]! - (b[i] as number[])[1]!)).toBeLessThan(0.05);
        }
      }
      await expect.poll(() => page.locator('[data-testid="inspector"] [data-testid="precision"]').textContent()).toContain('5');

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="place-export"]').click()]);
      const file = join(dir, 'overrides.json');
      await download.saveAs(file);
      execFileSync('npx', ['tsx', 'src/cli/build-data.ts', '--overrides', file, '--out', join(dir, 'out')], { encoding: 'utf8' });
      const cli = (JSON.parse(readFileSync(join(dir, 'out/layers/relic-protection.geojson'), 'utf8')) as { features: F[] }).features.find(
        (f) => f.properties.id === protection.properties.id,
      );
      expect((await read(protection.properties.id))?.geometry).toEqual(cli?.geometry);

      await page.locator('[data-testid="place-undo"]').click();
      await expect.poll(async () => (await read(protection.properties.id))?.anchor?.lon, { timeout: 60_000 }).toBeCloseTo(old.lon, 9);
    } finally {
      await context.close();
    }
  }, 180_000);
});
