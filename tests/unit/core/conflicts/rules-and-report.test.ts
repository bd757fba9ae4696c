import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CHECK_BAD_GEOMETRY, CHECK_BAD_PROPERTIES, CHECK_BAD_RULES, CHECK_DUPLICATE_ID, checkConflicts } from '../../../../src/core/conflicts/check-conflicts';
import type { InputLayer } from '../../../../src/core/conflicts/check-conflicts';
import { toInputLayer } from '../../../../src/core/conflicts/input-layer';
import { canonicalJson, layerHash, sha256HexOfText } from '../../../../src/core/conflicts/layer-hash';
import { CSV_COLUMNS, reportToCsv, reportToGeoJson } from '../../../../src/core/conflicts/report-export';
import { parseRuleSet, resolveRules, RULES_INVALID, RULES_UNKNOWN_OVERRIDE } from '../../../../src/core/conflicts/rule-schema';
import type { RuleSet } from '../../../../src/core/conflicts/rule-schema';
import { rulesJsonSchema } from '../../../../src/core/conflicts/rules-json-schema';
import { geodesicArea } from '../../../fixtures/conflicts/fixture-cases';

const rulesJson: unknown = JSON.parse(readFileSync('data/rules/rules.json', 'utf8'));
function shippedRules(): RuleSet {
  const parsed = parseRuleSet(rulesJson);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

type Props = Record<string, unknown>;
const box = (lon0: number, lat0: number, lon1: number, lat1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
});
const feat = (props: Props, geometry: Geometry): Feature<Geometry, Props> => ({ type: 'Feature', properties: props, geometry });
const zone = (id: string, layer: string, geometry: Geometry, precisionM = 0, extra: Props = {}): Feature<Geometry, Props> =>
  feat({ id, layer, name: id, precisionM, ...extra }, geometry);

describe('rules.json', () => {
  it('parses, and every rule cites a basis; distances are marked as configurable defaults', () => {
    const set = shippedRules();
    expect(set.rules.length).toBeGreaterThanOrEqual(9);
    for (const rule of set.rules) {
      expect(rule.basis.length).toBeGreaterThan(0);
      if (rule.params.distanceM !== undefined) expect(rule.params.distanceM.kind).toBe('configurable-default');
    }
    const text = JSON.stringify(set);
    for (const cite of ['中华人民共和国文物保护法', '吕政函〔2022〕93号', '气象设施和气象探测环境保护条例', 'GB 31223-2014', '临政发〔2023〕5号', '依法保护气象设施和气象探测环境', '临政函〔2023〕12号', '临政函〔2023〕13号']) {
      expect(text).toContain(cite);
    }
  });

  it('quotes marked as quotes appear verbatim in their source file', () => {
    for (const rule of shippedRules().rules) {
      for (const b of rule.basis) {
        if (b.textKind !== 'quote' || b.source === undefined || b.source.file.startsWith('seed:')) continue;
        const lines = readFileSync(b.source.file, 'utf8').split('\n').slice(b.source.lines[0] - 1, b.source.lines[1]).join('');
        expect(lines).toContain(b.text);
      }
    }
  });

  it('has a JSON schema file in sync with the zod schema', () => {
    expect(JSON.parse(readFileSync('data/rules/rules.schema.json', 'utf8'))).toEqual(rulesJsonSchema());
  });

  it('rejects a within-distance rule without distance and duplicate ids', () => {
    const set = structuredClone(rulesJson) as { rules: Array<Record<string, unknown>> };
    const first = set.rules[0] as Record<string, unknown>;
    first['relation'] = 'within-distance';
    const bad = parseRuleSet(set);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toBe(RULES_INVALID);
    const dup = structuredClone(rulesJson) as { rules: unknown[] };
    dup.rules.push(dup.rules[0]);
    expect(parseRuleSet(dup).ok).toBe(false);
  });

  it('applies overrides and records them; unknown rules are reported', () => {
    const set = shippedRules();
    const resolved = resolveRules(set, [
      { ruleId: 'chemical-park-near-relic-control', distanceM: 500 },
      { ruleId: 'land-acquisition-x-relic-control', enabled: false },
    ]);
    if (!resolved.ok) throw new Error(resolved.message);
    const near = resolved.value.find((r) => r.rule.id === 'chemical-park-near-relic-control');
    expect(near?.distanceM).toBe(500);
    expect(near?.overridden).toEqual(['distanceM']);
    expect(resolved.value.find((r) => r.rule.id === 'land-acquisition-x-relic-control')?.enabled).toBe(false);
    const unknown = resolveRules(set, [{ ruleId: 'nope', enabled: false }]);
    expect(unknown.ok ? null : unknown.reason).toBe(RULES_UNKNOWN_OVERRIDE);
  });
});

describe('checkConflicts with the shipped rules', () => {
  const O = [111.6, 36.2] as const;
  const d = 0.001;
  const layers = (): InputLayer[] => [
    {
      name: 'gazette',
      features: [
        zone('park', 'chemical-park', box(O[0], O[1], O[0] + 4 * d, O[1] + 4 * d), 50),
        zone('relic-p', 'relic-protection', box(O[0] + 3 * d, O[1] + 3 * d, O[0] + 5 * d, O[1] + 5 * d), 5),
        zone('relic-c', 'relic-control', box(O[0] + 6 * d, O[1], O[0] + 8 * d, O[1] + 2 * d), 5),
        zone('radar', 'meteo-site', { type: 'Point', coordinates: [O[0] + 4.5 * d, O[1] - 2 * d] }, 10, { name: '临汾新一代天气雷达' }),
        zone('acq', 'land-acquisition', box(O[0] + 10 * d, O[1], O[0] + 12 * d, O[1] + 2 * d), 0),
      ],
    },
    {
      name: 'udb.geojson',
      features: [
        zone('udb-1', 'imported', box(O[0] + 9 * d, O[1] - d, O[0] + 11 * d, O[1] + 3 * d), 0, { category: 'urban-development-boundary' }),
        zone('udb-2', 'imported', box(O[0] + 11 * d, O[1] - d, O[0] + 13 * d, O[1] + 3 * d), 0, { category: 'urban-development-boundary' }),
      ],
    },
  ];

  it('finds the expected conflicts, records rule use, and is reproducible', () => {
    const now = (): Date => new Date('2026-01-02T03:04:05Z');
    const result = checkConflicts(layers(), shippedRules(), { now });
    if (!result.ok) throw new Error(result.message);
    const { report } = result;
    const found = report.findings.map((f) => `${f.ruleId}:${f.a.id}:${f.b?.id ?? '-'}:${f.verdict}`).sort();
    expect(found).toEqual([
      // Gap ≈ 180 m ≤ 200 m, but 200 − 180 < 50 + 5 m precision: possible.
      'chemical-park-near-relic-control:park:relic-c:possible',
      // Overlap ≈ 90 m × 111 m, inradius ≈ 45 m < 55 m shift: possible.
      'chemical-park-x-relic-protection:park:relic-p:possible',
      // Radar ≈ 111 m south of the park, limit 1000 m.
      'weather-radar-near-chemical-park:radar:park:definite',
      // Land acquisition ≈ 540 m from the radar, limit 1000 m.
      'weather-radar-near-construction:radar:acq:definite',
    ]);
    // The land acquisition sits across two adjacent boundary parts: their union covers it.
    expect(report.rules.find((r) => r.ruleId === 'land-acquisition-outside-urban-development-boundary')?.status).toBe('ran');
    expect(report.rules.find((r) => r.ruleId === 'development-x-ecological-red-line')?.status).toBe('skipped-no-features');
    expect(report.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(report.ruleSet.version).toBe('1.1.0');
    expect(report.findings.map((f) => f.severity)).toEqual(['禁止', '需审批', '需审批', '需审批']);
    const again = checkConflicts(layers(), shippedRules(), { now });
    expect(again.ok && JSON.stringify(again.report)).toBe(JSON.stringify(report));
    expect(report.layers.map((l) => l.hash)).toEqual(layers().map((l) => layerHash(l.features)));
    // Overlap area against the geodesic oracle.
    const overlap = report.findings.find((f) => f.ruleId === 'chemical-park-x-relic-protection');
    const ring = [[O[0] + 3 * d, O[1] + 3 * d], [O[0] + 4 * d, O[1] + 3 * d], [O[0] + 4 * d, O[1] + 4 * d], [O[0] + 3 * d, O[1] + 4 * d], [O[0] + 3 * d, O[1] + 3 * d]];
    expect(Math.abs((overlap?.overlapAreaM2 ?? 0) / geodesicArea([ring]) - 1)).toBeLessThan(1e-3);
  });

  it('honours switched-off rules and changed parameters', () => {
    const result = checkConflicts(layers(), shippedRules(), {
      overrides: [
        { ruleId: 'chemical-park-x-relic-protection', enabled: false },
        { ruleId: 'weather-radar-near-chemical-park', distanceM: 50 },
      ],
    });
    if (!result.ok) throw new Error(result.message);
    const ids = result.report.findings.map((f) => f.ruleId);
    expect(ids).not.toContain('chemical-park-x-relic-protection');
    // Radar ≈ 111 m from the park: beyond 50 m, and 50 m + (10 + 50) m precision cannot reach it either.
    expect(ids).not.toContain('weather-radar-near-chemical-park');
    expect(result.report.rules.find((r) => r.ruleId === 'chemical-park-x-relic-protection')?.status).toBe('disabled');
    expect(result.report.rules.find((r) => r.ruleId === 'weather-radar-near-chemical-park')?.distanceM).toBe(50);
  });

  it('flags a land acquisition outside the boundary with the part outside', () => {
    const base = layers();
    const udbOnlyFirst: InputLayer = { name: 'udb.geojson', features: [base[1]!.features[0]!] };
    const result = checkConflicts([base[0]!, udbOnlyFirst], shippedRules());
    if (!result.ok) throw new Error(result.message);
    const f = result.report.findings.find((x) => x.ruleId === 'land-acquisition-outside-urban-development-boundary');
    expect(f?.verdict).toBe('definite');
    expect(f?.shareOfA).toBeCloseTo(0.5, 3);
    expect(f?.overlap).not.toBeNull();
  });

  it('leaves a bad feature out with its reason and checks the rest; only bad overrides stop a run', () => {
    const rules = shippedRules();
    const rejectedOf = (features: Array<Feature<Geometry | null, Props | null>>): Array<[string | null, string]> => {
      const r = checkConflicts([{ name: 'x', features: [...features, zone('ok', 'relic-protection', box(111, 36, 111.01, 36.01))] }], rules);
      if (!r.ok) throw new Error(r.message);
      expect(r.report.findings.some((f) => f.a.id === 'ok' || f.b?.id === 'ok') || r.report.rules.some((x) => x.featuresA + x.featuresB > 0)).toBe(true);
      return r.report.rejected.map((x) => [x.id, x.reason]);
    };
    const g = box(111, 36, 111.01, 36.01);
    expect(rejectedOf([feat({ id: 'a', layer: 'chemical-park' }, g)])).toEqual([['a', CHECK_BAD_PROPERTIES]]);
    expect(rejectedOf([zone('a', 'chemical-park', g), zone('a', 'chemical-park', g)])).toEqual([['a', CHECK_DUPLICATE_ID]]);
    expect(rejectedOf([zone('a', 'chemical-park', { type: 'LineString', coordinates: [[111, 36], [111.1, 36]] })])).toEqual([['a', CHECK_BAD_GEOMETRY]]);
    expect(rejectedOf([zone('a', 'chemical-park', box(111, 36, 111, 36.01))])).toEqual([['a', CHECK_BAD_GEOMETRY]]);
    expect(rejectedOf([zone('a', 'chemical-park', null as unknown as Geometry)])).toEqual([['a', CHECK_BAD_GEOMETRY]]);
    // The chemical park overlaps the relic range: the finding is still made next to a rejected feature.
    const r = checkConflicts([{ name: 'x', features: [zone('bad', 'chemical-park', box(111, 36, 111, 36.01)), zone('cp', 'chemical-park', g), zone('relic', 'relic-protection', g)] }], rules);
    if (!r.ok) throw new Error(r.message);
    expect(r.report.rejected.map((x) => [x.id, x.detail])).toEqual([['bad', 'degenerate-ring']]);
    expect(r.report.findings.some((f) => f.a.id === 'cp' && f.b?.id === 'relic')).toBe(true);
    const o = checkConflicts([{ name: 'x', features: [] }], rules, { overrides: [{ ruleId: 'nope' }] });
    expect(o.ok ? null : o.reason).toBe(CHECK_BAD_RULES);
  });

  it('measures pairs across two Gauss-Krüger zones correctly', () => {
    // 112.5°E is the border between the 111°E and 114°E zones.
    const a = box(112.49, 36.5, 112.51, 36.52);
    const b = box(112.5, 36.51, 112.52, 36.53);
    const result = checkConflicts(
      [{ name: 'x', features: [zone('a', 'chemical-park', a), zone('b', 'relic-protection', b)] }],
      shippedRules(),
    );
    if (!result.ok) throw new Error(result.message);
    const f = result.report.findings[0];
    const ring = [[112.5, 36.51], [112.51, 36.51], [112.51, 36.52], [112.5, 36.52], [112.5, 36.51]];
    expect(Math.abs((f?.overlapAreaM2 ?? 0) / geodesicArea([ring]) - 1)).toBeLessThan(1e-4);
  });
});

describe('exports', () => {
  it('writes one CSV row per finding, quoting commas and quotes, and GeoJSON of overlaps', () => {
    const result = checkConflicts(
      [{ name: 'x', features: [zone('a', 'chemical-park', box(111, 36, 111.01, 36.01)), zone('b', 'relic-protection', box(111.005, 36, 111.02, 36.01), 0, { name: 'name, with "quotes"' })] }],
      shippedRules(),
    );
    if (!result.ok) throw new Error(result.message);
    const csv = reportToCsv(result.report);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toContain('"name, with ""quotes"""');
    const gj = reportToGeoJson(result.report);
    expect(gj.features).toHaveLength(1);
    expect(gj.ruleSet.version).toBe('1.1.0');
    expect(gj.layers[0]?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('layer hash', () => {
  it('matches node:crypto SHA-256 on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256HexOfText(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 200, seed: 1 },
    );
    expect(sha256HexOfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores key order and rejects non-JSON numbers', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":2}],"b":1}');
    expect(layerHash({ x: 1, y: 2 })).toBe(layerHash({ y: 2, x: 1 }));
    expect(layerHash({ x: 1 })).not.toBe(layerHash({ x: 1.0000001 }));
    expect(() => canonicalJson([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('toInputLayer', () => {
  it('fills defaults for imported layers and rejects non-collections', () => {
    const r = toInputLayer('redline.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: box(111, 36, 111.01, 36.01) }] }, { category: 'ecological-red-line' });
    if (!r.ok) throw new Error(r.message);
    expect(r.layer.features[0]?.properties).toEqual({ layer: 'imported', category: 'ecological-red-line', id: 'redline.geojson#0', precisionM: 0 });
    expect(toInputLayer('x', { type: 'Feature' }).ok).toBe(false);
  });
});
