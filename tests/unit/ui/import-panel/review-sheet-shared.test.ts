// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { complianceRuleSet } from '../../../../src/core/compliance/compliance-rules';
import { checkCompliance } from '../../../../src/core/compliance/compliance-check';
import { sharedAnchorNotes } from '../../../../src/core/geo/shared-anchor-note';
import type { NoteSource } from '../../../../src/core/geo/shared-anchor-note';
import type { ComplianceResult } from '../../../../src/app/compliance/compliance-session';
import { reviewSheetTemplate } from '../../../../src/ui/import-panel/review-sheet';

type Relic = { geometry: Polygon; properties: NoteSource['props'] & { id: string } };

describe('the compliance review sheet and shared positions', () => {
  it('says "2 sites share this approximate position" against 大觉寺 and 弥陀庵, not that the project meets each', () => {
    const relics = JSON.parse(readFileSync('data/layers/relic-protection.geojson', 'utf8')) as { features: Relic[] };
    const anchor = relics.features.find((f) => f.properties.name.startsWith('大觉寺'))!.properties.anchor!;
    const d = 0.002;
    const ring = [[anchor.lon - d, anchor.lat - d], [anchor.lon + d, anchor.lat - d], [anchor.lon + d, anchor.lat + d], [anchor.lon - d, anchor.lat + d], [anchor.lon - d, anchor.lat - d]];
    const target = { name: 'p', features: [{ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] }, properties: { id: 'imp-1', layer: 'imported', category: 'project-boundary', status: 'in-force', precisionM: 0 } }] };
    const rules = complianceRuleSet(JSON.parse(readFileSync('data/rules/rules.json', 'utf8')), 'project-boundary');
    if (!rules.ok) throw new Error(rules.detail);
    const checked = checkCompliance({ target, others: [{ name: 'relic-protection.geojson', features: relics.features as never }], rules: rules.ruleSet, time: new Date(0), hashLayers: false });
    if (!checked.ok) throw new Error(checked.detail);
    const against = checked.report.findings.map((f) => f.b?.name ?? '');
    expect(against.some((n) => n.startsWith('大觉寺'))).toBe(true);
    expect(against.some((n) => n.startsWith('弥陀庵'))).toBe(true);
    const result: ComplianceResult = {
      layerId: 'imported:project-boundary:x',
      layer: { name: 'p', category: 'project-boundary', source: { fileName: 'p.geojson', format: 'geojson', crsEpsg: 4490, crsName: 'CGCS2000', zone: null } },
      report: checked.report,
      findings: checked.report.findings,
      areas: checked.areas,
      derivedRules: [],
      totalFindings: checked.report.findings.length,
      sharedAnchors: sharedAnchorNotes(relics.features.map((f) => ({ id: f.properties.id, props: f.properties }))),
    };
    const host = document.createElement('div');
    render(reviewSheetTemplate(result, 'en'), host);
    const rows = [...host.querySelectorAll('tr.finding')];
    const paired = rows.filter((r) => /大觉寺|弥陀庵/.test(r.textContent ?? ''));
    expect(paired.length).toBeGreaterThanOrEqual(2);
    for (const r of paired) expect(r.querySelector('[data-testid=finding-shared]')?.textContent).toBe('2 sites share this approximate position: 大觉寺, 弥陀庵');
    render(reviewSheetTemplate(result, 'zh-CN'), host);
    expect(host.querySelector('[data-testid=finding-shared]')?.textContent).toBe('2 处遗址共用此近似位置：大觉寺、弥陀庵');
    // without notes (a result from before issue 16) the sheet is as it was
    render(reviewSheetTemplate({ ...result, sharedAnchors: undefined } as ComplianceResult, 'en'), host);
    expect(host.querySelector('[data-testid=finding-shared]')).toBeNull();
  });
});
