import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportLayer } from '../../../../src/core/io/index';
import { inProcessSession, realBody } from './notice-helpers';

function hasOgr(): boolean {
  try {
    execFileSync('ogrinfo', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('a stored notice layer exports like every other layer', () => {
  it('as GeoJSON (provenance kept), KML, Shapefile (read back by GDAL) and a coordinate table', async () => {
    const s = inProcessSession(new IDBFactory());
    await s.pasteText(realBody('liaoning-2010-provincial-8th'));
    await s.placeAt(s.get().review!.sites[0]!.recordId, 123.4, 41.8, 30, 'typed');
    const content = await s.confirm();
    const features = content!.layers[0]!.features;
    expect(features.length).toBeGreaterThan(0);

    const gj = exportLayer(features, 'geojson');
    expect(gj.ok).toBe(true);
    if (!gj.ok) return;
    const back = JSON.parse(new TextDecoder().decode(gj.bytes)) as { features: Array<{ properties: { source: { quote: string }; precisionM: number; method: string } }> };
    expect(back.features).toHaveLength(features.length);
    expect(back.features[0]!.properties.source.quote).toContain('公主屯后山遗址');
    expect(back.features[0]!.properties.precisionM).toBeGreaterThanOrEqual(30);

    for (const format of ['kml', 'coordinate-table'] as const) expect(exportLayer(features, format).ok, format).toBe(true);

    const shp = exportLayer(features, 'shapefile');
    expect(shp.ok).toBe(true);
    if (!shp.ok || !hasOgr()) return;
    const dir = mkdtempSync(join(tmpdir(), 'notice-shp-'));
    const zip = join(dir, shp.fileName);
    writeFileSync(zip, shp.bytes);
    const info = execFileSync('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${zip}`], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Feature Count: ${features.length}\\b`));
    expect(info).toMatch(/Polygon/);
  });
});
