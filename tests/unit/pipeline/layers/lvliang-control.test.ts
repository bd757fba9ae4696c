import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { buildAllData } from '../../../../src/pipeline/build-all-data';

const DATA = join(process.cwd(), 'data');
const built = buildAllData(DATA);
if (!built.ok) throw new Error(built.message);
const { layers, controlSolves, qa } = built.build;
const lvliang = controlSolves.filter((r) => r.recordId.startsWith('llzh-2022-93/'));

/** Ray-casting point-in-ring test on lon/lat (fine at the scale of a site). */
function inside(pt: Position, ring: Position[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > pt[1]! !== yj! > pt[1]! && pt[0]! < ((xj! - xi!) * (pt[1]! - yi!)) / (yj! - yi!) + xi!) c = !c;
  }
  return c;
}

describe('吕梁 construction-control zones (吕政函〔2022〕93号)', () => {
  it('solve at least 12 of the 35 sites to both stated areas within 0.5 %', () => {
    expect(lvliang).toHaveLength(35);
    let both = 0;
    for (const r of lvliang) {
      const p = layers['relic-protection'].find((f) => f.properties.recordId === r.recordId)!;
      const c = layers['relic-control'].find((f) => f.properties.recordId === r.recordId);
      if (c && Math.abs(p.properties.areaResidual ?? 1) <= 0.005 && Math.abs(c.properties.areaResidual ?? 1) <= 0.005) both++;
    }
    expect(both).toBeGreaterThanOrEqual(12);
    const before = lvliang.filter((r) => r.beforeM2 !== null && Math.abs(r.beforeM2 - r.statedControlM2!) / r.statedControlM2! <= 0.005).length;
    expect(before).toBeLessThan(both);
  });

  it('write the before/after residual table to data/qa/geometry.md', () => {
    const md = readFileSync(join(DATA, 'qa/geometry.md'), 'utf8');
    expect(md).toContain('## Construction-control zones: residual before and after the two-area solve');
    for (const r of lvliang) expect(md).toContain(`| ${r.name} | ${r.statedProtectionM2} | ${r.statedControlM2} |`);
  });

  it('report every unsolved control zone with the range a footprint could reach', () => {
    for (const r of lvliang.filter((x) => x.outcome === 'two-area unreachable')) {
      expect(qa.some((q) => q.recordId === r.recordId && q.code === 'TWO_AREA_UNREACHABLE'), r.name).toBe(true);
    }
  });

  it('draw 方山城址 in the reading that contains its own anchor and report both readings', () => {
    const f = layers['relic-protection'].find((x) => x.properties.recordId === 'llzh-2022-93/fangshanchengzhi')!;
    const a = f.properties.anchor!;
    expect(inside([a.lon, a.lat], (f.geometry as Polygon).coordinates[0]!)).toBe(true);
    expect(f.properties.flags).toEqual(expect.arrayContaining(['ALTERNATIVE_READING', 'ODD_REFERENCE']));
    const msg = qa.find((q) => q.featureId === f.id && q.code === 'ALTERNATIVE_READING')!.message;
    expect(msg).toContain('南由北城墙向南90米');
    expect(msg).toMatch(/literal reading .* leaves out the site's own anchor/);
    expect(msg).toMatch(/alternative reading .*Drawn: alternative/);
    expect(readFileSync(join(DATA, 'qa/geometry.md'), 'utf8')).toContain('ALTERNATIVE_READING');
  });

  it('never describe a control zone as the protection range unless the text says so', () => {
    for (const q of qa) expect(q.message).not.toMatch(/is the protection range itself/);
  });
});
