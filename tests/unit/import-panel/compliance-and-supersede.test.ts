import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Polygon } from 'geojson';
import { checkConflicts } from '../../../src/core/conflicts/check-conflicts';
import { parseRuleSet } from '../../../src/core/conflicts/rule-schema';
import { parseLayer } from '../../../src/ui/data/layer-catalog';
import type { LoadedLayer } from '../../../src/ui/data/layer-catalog';
import type { StoredLayer, Supersession } from '../../../src/ui/data/user-layer-store';
import {
  SUPERSEDES_FLAG,
  applySupersessions,
  buildSupersession,
  isTextDerived,
  mergeUserData,
  storeIdOf,
  supersededOverlay,
  supersessionFeatures,
  toLoadedLayer,
  userLayerId,
} from '../../../src/ui/data/user-layers';
import { complianceInputs, complianceRuleSet, findingsOf } from '../../../src/ui/import-panel/compliance';

const rulesJson: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
const relics = parseLayer('relic-protection', JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')));
const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));

function square(lon: number, lat: number, d: number): Polygon {
  return { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] };
}

function stored(id: string, category: StoredLayer['category'], geometry: Polygon): StoredLayer {
  return {
    id,
    name: `名称 ${id}`,
    category,
    visible: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { fileName: 'a.txt', format: 'coordinate-table', crsEpsg: 4525, crsName: 'zone 37', zone: 37 },
    features: [
      {
        type: 'Feature',
        geometry,
        properties: {
          id: `imp${id}-1`, layer: 'imported', name: '地块 1', county: '', status: 'in-force', docNumber: null, docDate: null, issuer: null,
          source: null, method: 'imported-coordinate-table', anchor: null, precisionM: 0, statedAreaM2: null, computedAreaM2: null,
          areaResidual: null, flags: ['imported'], recordId: null, attributes: {},
        },
      },
    ],
  };
}

describe('compliance check helpers', () => {
  it('derives construction rules for project boundaries from the land-acquisition relic rules, with their basis', () => {
    const r = complianceRuleSet(rulesJson, 'project-boundary');
    if (!r.ok) throw new Error(r.message);
    expect(parseRuleSet(r.ruleSet).ok).toBe(true);
    const ids = r.ruleSet.rules.map((x) => x.id);
    expect(ids).toContain('project-boundary-x-relic-protection');
    expect(ids).toContain('project-boundary-x-relic-control');
    expect(ids).toContain('development-x-ecological-red-line');
    expect(ids).toContain('weather-radar-near-construction'); // the project on side B
    expect(ids).not.toContain('chemical-park-x-relic-protection');
    expect(ids.some((i) => i.includes('outside'))).toBe(false);
    const derived = r.ruleSet.rules.find((x) => x.id === 'project-boundary-x-relic-protection')!;
    const source = parseRuleSet(rulesJson);
    if (!source.ok) throw new Error(source.message);
    const from = source.value.rules.find((x) => x.id === 'land-acquisition-x-relic-protection')!;
    expect(derived.severity).toBe('禁止');
    expect(derived.basis).toEqual(from.basis);
    expect(derived.a).toEqual({ categories: ['project-boundary'] });
    // rules.json (v1.1.0) ships the project-boundary rules, so nothing needs deriving.
    expect(r.derived).toEqual([]);
    expect(complianceRuleSet(rulesJson, 'other').ok).toBe(false);
    expect(complianceRuleSet({ rules: [] }, 'project-boundary').ok).toBe(false);
  });

  it('runs the engine with the boundary against every layer: 禁止 inside a relic protection range', () => {
    const relic = relics.features.find((f) => f.props.name.startsWith('西关墓群'))!;
    const ring = (relic.geometry as Polygon).coordinates[0]!;
    const lon = ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / 4;
    const lat = ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / 4;
    const target = toLoadedLayer(stored('aaaa1', 'project-boundary', square(lon, lat, 0.0003)));
    const sameCategory = toLoadedLayer(stored('bbbb2', 'project-boundary', square(lon, lat, 0.0003)));
    const qa: LoadedLayer = { id: 'qa', features: [], errors: [] };
    const inputs = complianceInputs([relics, parks, qa, sameCategory, target], target.id, new Map([[target.id, '我的项目']]))!;
    expect(inputs.map((l) => l.name)).toEqual(['我的项目', 'relic-protection.geojson', 'chemical-park.geojson']);
    const rules = complianceRuleSet(rulesJson, 'project-boundary');
    if (!rules.ok) throw new Error(rules.message);
    const result = checkConflicts(inputs, rules.ruleSet, { hashLayers: false });
    if (!result.ok) throw new Error(result.message);
    const findings = findingsOf(result.report, new Set(['impaaaa1-1']));
    expect(findings[0]).toMatchObject({ severity: '禁止', ruleId: 'project-boundary-x-relic-protection', nominal: true });
    expect(findings[0]!.b?.id).toBe(relic.id);
    expect(findings.filter((f) => f.nominal)).toHaveLength(1);
  });
});

describe('user layers in the catalog and supersede', () => {
  it('turns stored layers into catalog layers styled by category', () => {
    const l = stored('cccc3', 'ecological-red-line', square(112, 37, 0.01));
    const loaded = toLoadedLayer(l);
    expect(loaded.id).toBe('imported:ecological-red-line:cccc3');
    expect(userLayerId(l)).toBe(loaded.id);
    expect(storeIdOf(loaded.id)).toBe('cccc3');
    expect(loaded.features[0]!.props.category).toBe('ecological-red-line');
    const broken = { ...l, features: [{ ...l.features[0]!, properties: { id: 'x' } }] };
    expect(toLoadedLayer(broken).errors).toHaveLength(1);
  });

  it('replaces a text-derived shape by the survey, keeps the old one, exports both', () => {
    const park = parks.features.find((f) => isTextDerived(f))!;
    const surveyed = square(111.87, 36.035, 0.003);
    const rec: Supersession = buildSupersession(park, surveyed, 'survey.txt', 'EPSG:4525', new Date('2026-02-03T00:00:00Z'));
    const base = { layers: [parks, relics], sample: false };
    const merged = mergeUserData(base, { layers: [stored('dddd4', 'other', square(112, 37, 0.01))], supersessions: [rec] });
    expect(merged.layers.map((l) => l.id)).toEqual(['chemical-park', 'relic-protection', 'imported:other:dddd4']);
    const now = merged.layers[0]!.features.find((f) => f.id === park.id)!;
    expect(now.geometry).toEqual(surveyed);
    expect(now.props).toMatchObject({ method: 'surveyed', precisionM: 0, anchor: null, flags: [SUPERSEDES_FLAG] });
    expect(now.props.construction).toBeUndefined();
    expect(now.props.computedAreaM2).toBeGreaterThan(0);
    expect(isTextDerived(now)).toBe(false);
    // the base catalog is not changed; untouched layers are the same objects
    expect(parks.features.find((f) => f.id === park.id)!.props.method).toBe(park.props.method);
    expect(merged.layers[1]).toBe(relics);
    expect(applySupersessions([relics], [rec]).applied).toEqual([]);

    expect(supersededOverlay([rec])).toBeNull();
    expect(supersededOverlay([{ ...rec, showPrevious: true }])?.features[0]?.geometry).toEqual(park.geometry);
    const [cur, old] = supersessionFeatures(rec);
    expect(cur!.properties).toMatchObject({ id: park.id, status: park.props.status, method: 'surveyed', precisionM: 0 });
    expect(old!.properties).toMatchObject({ status: 'superseded', supersededBy: park.id, method: park.props.method, precisionM: park.props.precisionM });
    expect(old!.geometry).toEqual(park.geometry);
  });
});
