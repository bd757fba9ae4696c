import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Polygon } from 'geojson';
import { runCheck, type CheckIo } from '../../../../src/cli/check';
import { acceptPreview, importFile } from '../../../../src/core/io/index';
import type { Finding } from '../../../../src/core/conflicts/report';
import { parseRuleSet } from '../../../../src/core/conflicts/rule-schema';
import { ComplianceSession } from '../../../../src/app/compliance/compliance-session';
import { ImportWorkers } from '../../../../src/app/import/import-workers';
import { Notices } from '../../../../src/app/import/notices';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import type { StoredLayer } from '../../../../src/core/model/user-layer';
import { toLoadedLayer } from '../../../../src/app/catalog/user-layers';
import { fakeImportWorkers } from '../import/fake-import-worker';

/**
 * The CLI (`npm run check -- --compliance <file> --category <c> <layers…>`) and the app's compliance session
 * judge the same imported layer against the same built layers with the same rules: their findings must be equal.
 */

const LAYER_FILES = ['chemical-park', 'land-acquisition', 'relic-protection', 'relic-control', 'meteo-site'].map((id) => `data/layers/${id}.geojson`);
const TIME = '2026-03-04T05:06:07.000Z';
const rulesRaw: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));

function ring(lon: number, lat: number, d: number): Polygon['coordinates'][0] {
  return [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
}

/** A user's file as the import pipeline accepts it: parcels over a relic site and near a chemical park and a radar. */
function importedFeatures(category: string): StoredLayer['features'] {
  const relics = parseLayer('relic-protection', JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')));
  const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
  const relic = relics.features.find((f) => f.props.name.startsWith('西关墓群'))!;
  const park = parks.features.find((f) => f.geometry.type === 'Polygon')!;
  const [rlon, rlat] = (relic.geometry as Polygon).coordinates[0]![0]!;
  const [plon, plat] = (park.geometry as Polygon).coordinates[0]![0]!;
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '一号地块' }, geometry: { type: 'Polygon', coordinates: [ring(rlon!, rlat!, 0.0004)] } },
      { type: 'Feature', properties: { name: '二号地块' }, geometry: { type: 'Polygon', coordinates: [ring(plon! + 0.004, plat!, 0.001)] } },
      { type: 'Feature', properties: { name: '三号地块' }, geometry: { type: 'Polygon', coordinates: [ring(112.9, 36.2, 0.002)] } },
    ],
  };
  const preview = importFile(new TextEncoder().encode(JSON.stringify(fc)), 'project.geojson');
  if (!preview.ok) throw new Error(preview.message);
  const accepted = acceptPreview(preview, { idPrefix: 'impparity1', allowErrors: false });
  if (!accepted.ok) throw new Error(accepted.message);
  return accepted.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, category } }));
}

/** What makes a finding: rule, sides, verdict and measures (layer names and hashes aside). */
function essence(f: Finding): unknown {
  return { rule: f.ruleId, severity: f.severity, a: f.a.id, b: f.b?.id ?? null, bIds: f.bIds, nominal: f.nominal, distanceM: f.distanceM, overlapM2: f.overlapAreaM2 };
}

async function viaApp(layer: StoredLayer): Promise<Finding[]> {
  const catalog = [...LAYER_FILES.map((p) => parseLayer(p.replace(/^.*\/|\.geojson$/g, ''), JSON.parse(readFileSync(p, 'utf8')))), toLoadedLayer(layer)];
  const parsed = parseRuleSet(rulesRaw);
  if (!parsed.ok) throw new Error(parsed.message);
  const notices = new Notices();
  const session = new ComplianceSession({
    workers: new ImportWorkers(fakeImportWorkers().open),
    notices,
    loadRules: () => Promise.resolve({ ok: true, rules: parsed.value, raw: rulesRaw }),
    now: () => new Date(TIME),
  });
  await session.run(layer, catalog, [layer]);
  expect(notices.state.current).toBeNull();
  return [...(session.state.result?.findings ?? [])];
}

async function viaCli(file: string, category: string): Promise<{ code: number; findings: Finding[] }> {
  let out = '';
  const io: CheckIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), readText: (p) => readFileSync(p, 'utf8'), writeText: () => undefined };
  const code = await runCheck(['--compliance', file, '--category', category, ...LAYER_FILES, '--format', 'json', '--time', TIME], io);
  return { code, findings: (JSON.parse(out) as { findings: Finding[] }).findings };
}

describe('compliance: npm run check and the app give the same findings', () => {
  for (const category of ['project-boundary', 'permanent-basic-farmland'] as const) {
    it(`for a ${category} layer`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parity-'));
      try {
        const features = importedFeatures(category);
        const file = join(dir, '项目.geojson');
        writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
        const layer: StoredLayer = {
          id: 'parity1',
          name: '项目.geojson',
          category,
          visible: true,
          createdAt: TIME,
          source: { fileName: 'project.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null },
          features,
        };
        const cli = await viaCli(file, category);
        const app = await viaApp(layer);
        expect(cli.findings.length).toBeGreaterThan(0);
        expect(cli.code).toBe(1);
        expect(app.map(essence)).toEqual(cli.findings.map(essence));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('the CLI refuses a category without rules and a lone --category', async () => {
    let err = '';
    const io: CheckIo = { stdout: () => undefined, stderr: (t) => (err += t), readText: (p) => readFileSync(p, 'utf8'), writeText: () => undefined };
    expect(await runCheck(['--compliance', LAYER_FILES[0]!, '--category', 'other', LAYER_FILES[1]!], io)).toBe(2);
    expect(err).toContain('compliance-no-rule-for-category');
    expect(await runCheck(['--category', 'other', LAYER_FILES[1]!], io)).toBe(2);
  });
});
