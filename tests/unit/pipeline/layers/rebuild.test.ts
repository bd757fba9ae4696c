import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Polygon, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { fromGaussKruger, toGaussKruger } from '../../../../src/core/geo/gauss-kruger';
import type { AnchorOverride } from '../../../../src/core/gazetteer/gazetteer-schema';
import type { RelicSiteRecord, SourceRecordsFile } from '../../../../src/core/model/gazette-record';
import type { FeatureProps } from '../../../../src/core/model/feature-props';
import { placementTarget, rebuildLayers } from '../../../../src/pipeline/layers/rebuild';
import type { RebuildInput } from '../../../../src/pipeline/layers/rebuild';

const recordFiles = readdirSync('data/records')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join('data/records', f), 'utf8')) as unknown);
const base: Omit<RebuildInput, 'overrides'> = {
  recordFiles,
  gazetteer: {
    anchorsJson: JSON.parse(readFileSync('data/gazetteer/anchors.json', 'utf8')) as unknown,
    placesCsv: readFileSync('data/gazetteer/places.csv', 'utf8'),
    aliasesCsv: readFileSync('data/gazetteer/aliases.csv', 'utf8'),
    overridesJson: JSON.parse(readFileSync('data/gazetteer/overrides.json', 'utf8')) as unknown,
  },
  shanxiJson: JSON.parse(readFileSync('data/gazetteer/shanxi.json', 'utf8')) as unknown,
};

const dajue = (recordFiles as SourceRecordsFile[]).flatMap((f) => f.records).find((r) => r.kind === 'relic-site' && r.name === '大觉寺') as RelicSiteRecord;
const dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type F = Feature<Polygon, FeatureProps>;
const siteFeatures = (layers: Record<string, readonly Feature[]>, recordId: string): F[] =>
  [...(layers['relic-protection'] ?? []), ...(layers['relic-control'] ?? [])].filter((f) => (f.properties as FeatureProps).recordId === recordId) as F[];

/** Vertex offsets from the anchor in the anchor's Gauss-Krüger zone, metres [east, north]. */
function offsets(f: F): Array<[number, number]> {
  const a = f.properties.anchor as { lon: number; lat: number };
  const zone = Math.round(a.lon / 3);
  const o = toGaussKruger(a.lon, a.lat, { width: 3, zone, prefixed: false });
  return f.geometry.coordinates.flat().map((p: Position) => {
    const g = toGaussKruger(p[0] as number, p[1] as number, { width: 3, zone, prefixed: false });
    return [g.y - o.y, g.x - o.x];
  });
}

describe('placing a site by typed Gauss-Krüger coordinates', () => {
  const before = rebuildLayers({ ...base, overrides: [] });
  if (!before.ok) throw new Error(before.detail);
  const target = placementTarget(dajue);
  // A surveyed position typed as X (northing) / Y (easting with the zone prefix 37), 3 km from the old anchor.
  const old = siteFeatures(before.build.layers, dajue.id)[0]?.properties.anchor as { lon: number; lat: number };
  const gk = toGaussKruger(old.lon, old.lat, { width: 3, prefixed: true });
  const { lon, lat } = fromGaussKruger(gk.x + 2000, gk.y - 2236.07, { width: 3, prefixed: true });
  const override: AnchorOverride = { name: target?.name ?? '', county: target?.county ?? '', lon, lat, precisionM: 5, source: 'surveyed (test)' };
  const after = rebuildLayers({ ...base, overrides: [override] });
  if (!after.ok) throw new Error(after.detail);

  it('moves both zones of the site, keeping every offset within 0.05 m, with the new precision', () => {
    const was = siteFeatures(before.build.layers, dajue.id);
    const now = siteFeatures(after.build.layers, dajue.id);
    expect(was.map((f) => f.properties.layer).sort()).toEqual(['relic-control', 'relic-protection']);
    expect(now).toHaveLength(2);
    for (const f of now) {
      expect(f.properties.anchor?.lon).toBeCloseTo(lon, 9);
      expect(f.properties.precisionM).toBe(5);
      const g = was.find((w) => w.properties.layer === f.properties.layer) as F;
      const a = offsets(f);
      const b = offsets(g);
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) {
        expect(Math.abs((a[i] as number[])[0]! - (b[i] as number[])[0]!)).toBeLessThan(0.05);
        expect(Math.abs((a[i] as number[])[1]! - (b[i] as number[])[1]!)).toBeLessThan(0.05);
      }
    }
  });

  it('leaves the site that shared the old anchor (弥陀庵) where it was', () => {
    const mituo = (recordFiles as SourceRecordsFile[]).flatMap((f) => f.records).find((r) => r.kind === 'relic-site' && r.name.includes('弥陀庵'));
    expect(mituo).toBeDefined();
    const was = siteFeatures(before.build.layers, mituo?.id ?? '');
    const now = siteFeatures(after.build.layers, mituo?.id ?? '');
    expect(now.length).toBeGreaterThan(0);
    expect(now.map((f) => f.geometry)).toEqual(was.map((f) => f.geometry));
  });

  it('`npm run data -- --overrides <file> --out <dir>` builds the same coordinates', () => {
    const file = join(dir, 'overrides.json');
    writeFileSync(file, JSON.stringify([override]));
    execFileSync('npx', ['tsx', 'src/cli/build-data.ts', '--overrides', file, '--out', join(dir, 'out')], { encoding: 'utf8' });
    const built = JSON.parse(readFileSync(join(dir, 'out/layers/relic-protection.geojson'), 'utf8')) as { features: F[] };
    const cli = built.features.find((f) => f.properties.recordId === dajue.id);
    const app = siteFeatures(after.build.layers, dajue.id).find((f) => f.properties.layer === 'relic-protection');
    expect(cli?.geometry).toEqual(app?.geometry);
  }, 120_000);

  it('refuses a bad override with a reason', () => {
    const r = rebuildLayers({ ...base, overrides: [{ ...override, lat: 999 }] });
    expect(r).toMatchObject({ ok: false, reason: 'bad-override' });
  });
});
