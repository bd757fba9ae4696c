import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, EXIT_CONFLICTS, EXIT_INTERNAL, EXIT_OK, runCheck } from '../../../src/cli/check';
import type { CheckIo } from '../../../src/cli/check';

function fakeIo(files: Record<string, string> = {}): CheckIo & { out: string[]; err: string[]; written: Record<string, string> } {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  return {
    out, err, written,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readText: (p) => {
      const text = files[p];
      if (text !== undefined) return text;
      return readFileSync(p, 'utf8');
    },
    writeText: (p, t) => {
      written[p] = t;
    },
  };
}

const fx = (name: string): string => `tests/fixtures/conflicts/${name}.geojson`;

describe('check CLI', () => {
  it('exits 1 with a JSON report when there are conflicts, and writes the overlaps', async () => {
    const io = fakeIo();
    const code = await runCheck([fx('overlap/partial-squares'), '--format', 'json', '--geojson', 'o.geojson', '--time', '2026-01-01T00:00:00Z'], io);
    expect(code).toBe(EXIT_CONFLICTS);
    const report = JSON.parse(io.out.join('')) as { findings: unknown[]; generatedAt: string };
    expect(report.findings).toHaveLength(1);
    expect(report.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect((JSON.parse(io.written['o.geojson'] ?? '{}') as { features: unknown[] }).features).toHaveLength(1);
  });

  it('exits 0 for touching shapes and when the rule is switched off', async () => {
    expect(await runCheck([fx('touch-edge/shared-edge'), '--format', 'csv'], fakeIo())).toBe(EXIT_OK);
    expect(await runCheck([fx('overlap/partial-squares'), '--disable', 'chemical-park-x-relic-protection'], fakeIo())).toBe(EXIT_OK);
  });

  it('takes imported layers as <category>=<path>', async () => {
    const red = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[111.5, 36.1], [111.51, 36.1], [111.51, 36.11], [111.5, 36.11], [111.5, 36.1]]] } }],
    });
    const io = fakeIo({ 'red.geojson': red });
    expect(await runCheck([fx('overlap/partial-squares'), 'ecological-red-line=red.geojson', '--format', 'text'], io)).toBe(EXIT_CONFLICTS);
    expect(io.out.join('')).toContain('development-x-ecological-red-line');
  });

  it('exits 2 on bad input', async () => {
    expect(await runCheck([], fakeIo())).toBe(EXIT_BAD_INPUT);
    expect(await runCheck(['missing.geojson'], fakeIo())).toBe(EXIT_BAD_INPUT);
    expect(await runCheck(['x.geojson'], fakeIo({ 'x.geojson': '{not json' }))).toBe(EXIT_BAD_INPUT);
    expect(await runCheck(['x.geojson'], fakeIo({ 'x.geojson': '{"type":"Feature"}' }))).toBe(EXIT_BAD_INPUT);
    expect(await runCheck([fx('overlap/partial-squares'), '--format', 'xml'], fakeIo())).toBe(EXIT_BAD_INPUT);
    expect(await runCheck([fx('overlap/partial-squares'), '--rules', 'r.json'], fakeIo({ 'r.json': '{"rules":[]}' }))).toBe(EXIT_BAD_INPUT);
    expect(await runCheck([fx('overlap/partial-squares'), '--set', 'nope.distanceM=3'], fakeIo())).toBe(EXIT_BAD_INPUT);
  });

  it('exits 3 on an internal error', async () => {
    const io = fakeIo();
    io.stdout = () => {
      throw new Error('broken pipe');
    };
    expect(await runCheck([fx('overlap/partial-squares')], io)).toBe(EXIT_INTERNAL);
    expect(io.err.join('')).toContain('internal error');
  });
});
