import { describe, expect, it } from 'vitest';
import { layerNamer } from '../../../../src/ui/print-view/layer-names';
import { wrap } from '../../../../src/ui/print-view/map-sheet-png';

describe('layer names on printed pages', () => {
  const imported = [{ id: 'ab12cd34', category: 'project-boundary', name: '某项目用地红线' }];
  it('names an imported layer by the name the user gave it, under its catalog id or its engine input name', () => {
    const name = layerNamer(imported, 'zh-CN');
    expect(name('imported:project-boundary:ab12cd34')).toBe('某项目用地红线');
    expect(name('imported:project-boundary:ab12cd34.geojson')).toBe('某项目用地红线');
  });
  it('names catalog layers by their labels in the user language', () => {
    expect(layerNamer([], 'zh-CN')('relic-control.geojson')).toBe('文物建设控制地带');
    expect(layerNamer([], 'en')('chemical-park')).toMatch(/chemical/i);
  });
  it('returns a name it does not know as given', () => {
    expect(layerNamer(imported, 'zh-CN')('synthetic.geojson')).toBe('synthetic.geojson');
  });
});

describe('text wrapping of the PNG export', () => {
  const mono = { measureText: (s: string) => ({ width: [...s].length * 10 }) };
  it('breaks Chinese text by character within the width', () => {
    expect(wrap(mono, '坐标系统为国家二〇〇〇', 40)).toEqual(['坐标系统', '为国家二', '〇〇〇']);
    expect(wrap(mono, '', 40)).toEqual([]);
    for (const line of wrap(mono, 'Disclaimer: indicative map only', 70)) expect(line.length).toBeLessThanOrEqual(7);
  });
});

describe('layer names on the review sheet', () => {
  it('names the layer under review and other imported layers by their names', async () => {
    const { sheetLayerNamer } = await import('../../../../src/ui/import-panel/review-sheet');
    const r = { layerId: 'imported:project-boundary:aa11bb22', layer: { name: '审查中的红线', category: 'project-boundary', source: {} } } as unknown as Parameters<typeof sheetLayerNamer>[0];
    const name = sheetLayerNamer(r, [{ id: 'cc33dd44', category: 'ecological-red-line', name: '生态红线（导入）' }], 'zh-CN');
    expect(name('imported:project-boundary:aa11bb22')).toBe('审查中的红线');
    expect(name('imported:ecological-red-line:cc33dd44')).toBe('生态红线（导入）');
    expect(name('relic-protection')).toBe('文物保护范围');
  });
});
