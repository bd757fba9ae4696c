import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { useAppSuite } from './app-helpers';
import { ARTIFACTS, mapIdle, screenOf, seriousViolations } from './viewer-helpers';
import { zonesAt } from '../../src/core/geo/zones-at';

/** A point strictly inside the control ring (outside the protection range): between an outer vertex and the ring's centre. */
function pointInRing(geometry: Geometry): [number, number] {
  if (geometry.type !== 'Polygon') throw new Error(`expected a Polygon, got ${geometry.type}`);
  const outer = geometry.coordinates[0]!;
  const cx = outer.slice(0, -1).reduce((s, c) => s + c[0]!, 0) / (outer.length - 1);
  const cy = outer.slice(0, -1).reduce((s, c) => s + c[1]!, 0) / (outer.length - 1);
  for (const v of outer) {
    for (const t of [0.1, 0.15, 0.2, 0.3]) {
      const p: [number, number] = [v[0]! + (cx - v[0]!) * t, v[1]! + (cy - v[1]!) * t];
      const hit = zonesAt(p, [{ geometry, properties: null }], 0);
      if (hit.length === 1 && hit[0]!.inside) return p;
    }
  }
  throw new Error('no interior point found');
}

describe('public mode: what applies here?', () => {
  const suite = useAppSuite();

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 780 },
  ]) {
    it(`at a point inside 大觉寺's construction-control zone lists that zone and its rule (${viewport.name})`, async () => {
      const { page, log, context } = await suite.openApp('', viewport);
      const zone = await page.evaluate(() => {
        const l = document.querySelector('gis-app')!.loaded!.layers.find((x) => x.id === 'relic-control')!;
        const f = l.features.find((x) => x.props.name.includes('大觉寺'))!;
        return { id: f.id, geometry: f.geometry };
      });
      const [lon, lat] = pointInRing(zone.geometry);
      await page.locator('gis-app [data-testid=public-button]').click();
      expect(page.url()).toContain('panel=public');
      await page.evaluate(([lo, la]) => document.querySelector('gis-app')!.map.setView({ lon: lo!, lat: la!, zoom: 16.5 }), [lon, lat]);
      await mapIdle(page);
      const p = await screenOf(page, lon, lat);
      await page.mouse.click(p.x, p.y);
      const results = page.locator('gis-public-mode [data-testid=public-results]');
      const hit = results.locator(`li.hit[data-id="${zone.id}"]`);
      await expect.poll(() => hit.count()).toBe(1);
      // the zone is known to ±6 km: "may be inside", never a flat "inside" (issue 16)
      expect(await hit.locator('.where').textContent()).toContain('该点可能位于此范围内');
      expect(await results.locator('[data-testid=public-verdict]').getAttribute('data-verdict')).toBe('may-be-inside');
      expect(await hit.locator('[data-testid=rule-quote]').textContent()).toContain('不得破坏文物建筑的历史风貌');
      expect(await hit.textContent()).toContain('吕政函〔2022〕93号');
      expect(await hit.locator('[data-testid=plain-rule]').textContent()).toContain('历史风貌');
      expect(await results.locator('[data-testid=public-caveat]').textContent()).toContain('位置可能偏差');
      // the protection range is listed too once the search distance covers it, with its own rule
      await page.locator('gis-public-mode select').selectOption('500');
      const prot = results.locator('li.hit[data-layer=relic-protection]');
      await expect.poll(() => prot.count()).toBeGreaterThan(0);
      expect(await prot.first().locator('[data-testid=rule-quote]').textContent()).toContain('不得添建新建筑');
      // no selection happens in public mode
      expect(await page.locator('gis-inspector').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/viewer-public-${viewport.name}.png` });
      expect(log.consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('answers "may be inside" 1 km from a ±6 km zone and "none" far from every zone', async () => {
    const { page, context } = await suite.openApp('?panel=public');
    await context.grantPermissions(['geolocation']);
    const near = await page.evaluate(() => {
      const l = document.querySelector('gis-app')!.loaded!.layers.find((x) => x.id === 'relic-control')!;
      const f = l.features.find((x) => x.props.name.includes('大觉寺'))!;
      const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!;
      const east = Math.max(...ring.map((p) => p[0]!));
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      return { lon: east + 1000 / (111_320 * Math.cos((lat * Math.PI) / 180)), lat, precision: f.props.precisionM };
    });
    expect(near.precision).toBeGreaterThanOrEqual(5000);
    await context.setGeolocation({ latitude: near.lat, longitude: near.lon });
    await page.locator('gis-public-mode button').first().click();
    const verdict = page.locator('gis-public-mode [data-testid=public-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('may-be-inside');
    await context.setGeolocation({ latitude: 40.9, longitude: 113.9 });
    await page.locator('gis-public-mode button').first().click();
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('none');
    expect(await verdict.textContent()).toContain('没有已收录的管控范围');
    await context.close();
  });

  it('uses the device location', async () => {
    const { page, context } = await suite.openApp('?panel=public');
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 36.08, longitude: 111.52 });
    await page.locator('gis-public-mode button').first().click();
    await expect.poll(() => page.locator('gis-public-mode [data-testid=public-results]').textContent()).toContain('36.080000°N, 111.520000°E');
    await context.close();
  });
});
