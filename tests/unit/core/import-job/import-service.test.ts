import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createImportService, CHUNK_FEATURES, IMPORT_JOB_REASONS, type ImportStage } from '../../../../src/core/import-job/import-service';
import type { OverviewCanvas } from '../../../../src/core/raster/overview-raster';

const enc = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function squares(n: number): unknown {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, i) => {
      const lon = 112.5 + (i % 100) * 0.001;
      const lat = 37.8 + Math.floor(i / 100) * 0.001;
      const d = 0.0003;
      return { type: 'Feature', properties: { name: `地块${i + 1}` }, geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] } };
    }),
  };
}

/** A canvas that records what it was given and encodes nothing but a marker. */
function recordingCanvas(): { canvas: OverviewCanvas; painted: () => number } {
  let data: Uint8ClampedArray | null = null;
  const canvas: OverviewCanvas = {
    getContext: () => ({
      createImageData: (w, h) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (image) => {
        data = image.data;
      },
    }),
    convertToBlob: () => Promise.resolve(new Blob(['png'])),
  };
  return { canvas, painted: () => (data === null ? 0 : data.filter((_, i) => i % 4 === 3 && data![i]! > 0).length) };
}

describe('import job (core, runs in the import worker)', () => {
  it('previews with or without features, accepts inline, and refuses to accept unresolved errors', async () => {
    const service = createImportService({ createCanvas: () => null });
    const stages: ImportStage[] = [];
    const slim = await service.prepare(new Blob([enc(squares(3))]), 'a.geojson', {}, false, (s) => stages.push(s));
    expect(slim.ok && slim.preview.features).toEqual([]);
    expect(slim.ok && slim.preview.stats.features).toBe(3);
    expect(stages).toEqual(['reading', 'parsing']);
    const full = await service.prepare(new Blob([enc(squares(3))]), 'a.geojson', {}, true);
    expect(full.ok && full.preview.features).toHaveLength(3);
    const accepted = await service.accept('impabc', false, 'inline');
    expect(accepted.ok && accepted.storage === 'inline' && accepted.features.map((f) => f.properties['id'])).toEqual(['impabc-1', 'impabc-2', 'impabc-3']);

    const bowtie = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[112, 37], [112.01, 37.01], [112.01, 37], [112, 37.01], [112, 37]]] } }] };
    const bad = await service.prepare(new Blob([enc(bowtie)]), 'b.geojson', {}, true);
    expect(bad.ok && bad.errorCount).toBeGreaterThan(0);
    const refused = await service.accept('impbad', false, 'inline');
    expect(refused).toMatchObject({ ok: false, reason: 'unresolved-errors' });
    expect((await service.accept('impbad', true, 'inline')).ok).toBe(true);
  });

  it('reads a failure as a value, and answers jobs without a preview with a reason code', async () => {
    const service = createImportService({ createCanvas: () => null });
    const r = await service.prepare(new Blob([enc('{"type":"FeatureCollection","features":[')]), 'broken.geojson', {}, true);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.detail.zh.length).toBeGreaterThan(0);
    expect(await service.fix(['close-rings'], true)).toEqual({ ok: false, reason: IMPORT_JOB_REASONS.nothingPreviewed });
    expect(await service.accept('impx', true, 'inline')).toMatchObject({ ok: false, reason: IMPORT_JOB_REASONS.nothingPreviewed });
  });

  it('accepts a large layer as two Blobs written in chunks, holds its features for the overview and the check', async () => {
    const rec = recordingCanvas();
    const service = createImportService({ createCanvas: () => rec.canvas });
    const n = CHUNK_FEATURES + 7;
    await service.prepare(new Blob([enc(squares(n))]), 'big.geojson', {}, false);
    const written: number[] = [];
    const r = await service.accept('impbig', true, 'blobs', (stage, done) => stage === 'writing' && written.push(done));
    if (!r.ok || r.storage !== 'blobs') throw new Error('not accepted as blobs');
    expect(written).toEqual([CHUNK_FEATURES, n]);
    expect(r.layer.featureCount).toBe(n);
    const data = JSON.parse(await r.layer.data.text()) as { features: Array<{ properties: Record<string, unknown> }> };
    expect(data.features).toHaveLength(n);
    expect(data.features[n - 1]!.properties['id']).toBe(`impbig-${n}`);
    const map = JSON.parse(await r.layer.map.text()) as { features: Array<{ id: number; properties: Record<string, unknown> }> };
    expect(Object.keys(map.features[0]!.properties).sort()).toEqual(['id', 'name', 'precisionM', 'status']);
    // the held features draw the overview without the Blob (an empty Blob would not parse)
    const image = await service.overview({ kind: 'stored', data: new Blob([]), idPrefix: 'impbig' }, r.layer.bbox!, { fill: '#ff0000', fillOpacity: 0.5, line: '#000000' });
    expect(image?.width).toBeGreaterThan(2);
    expect(rec.painted()).toBeGreaterThan(n);
    // another layer's Blob is read; a damaged one is a reason code
    const exported = await service.exportFeatures({ kind: 'stored', data: r.layer.data, idPrefix: 'other' }, 'geojson', { name: 'x' });
    expect(exported.ok && exported.fileName).toMatch(/\.geojson$/);
    expect(await service.exportFeatures({ kind: 'stored', data: new Blob(['{']), idPrefix: 'other' }, 'geojson', {})).toMatchObject({ ok: false, reason: IMPORT_JOB_REASONS.storedNotCollection });
  });

  it('checks a stored layer against others with the compliance rules of its category', async () => {
    const service = createImportService({ createCanvas: () => null });
    const relics = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as { features: Array<{ geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }> };
    const relic = relics.features.find((f) => String(f.properties['name']).startsWith('西关墓群'))!;
    const [lon, lat] = relic.geometry.coordinates[0]![0]!;
    const d = 0.0003;
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'p' }, geometry: { type: 'Polygon', coordinates: [[[lon!, lat!], [lon! + d, lat!], [lon! + d, lat! + d], [lon!, lat! + d], [lon!, lat!]]] } }] };
    await service.prepare(new Blob([enc(fc)]), 'p.geojson', {}, false);
    const accepted = await service.accept('impchk', false, 'blobs');
    if (!accepted.ok || accepted.storage !== 'blobs') throw new Error('not accepted');
    const job = {
      layerName: 'p',
      category: 'project-boundary',
      source: { kind: 'stored' as const, data: accepted.layer.data, idPrefix: 'impchk' },
      others: [{ name: 'relic-protection.geojson', features: relics.features as never }],
      rules: JSON.parse(readFileSync('data/rules/rules.json', 'utf8')) as unknown,
      time: '2026-01-01T00:00:00.000Z',
      hashLayers: false,
      maxFindings: 100,
    };
    const r = await service.check(job);
    if (!r.ok) throw new Error(r.detail);
    expect(r.report.findings[0]).toMatchObject({ ruleId: 'project-boundary-x-relic-protection', nominal: true, a: { id: 'impchk-1' } });
    expect(r.areas.map((a) => a.featureId)).toEqual(['impchk-1']);
    expect(await service.check({ ...job, category: 'other' })).toMatchObject({ ok: false, reason: 'compliance-no-rule-for-category' });
  });
});
