import { describe, expect, it } from 'vitest';
import { FIELD_COLUMNS, buildTableModel } from '../../../../src/core/table/table-model';
import { cellSearchText, cellText, cellValue, columnLabel } from '../../../../src/ui/attribute-table/table-columns';
import { exportGrid } from '../../../../src/ui/attribute-table/table-export';

describe('attribute table columns in words', () => {
  it('every field column has a header in both languages', () => {
    for (const c of FIELD_COLUMNS) {
      expect(columnLabel(c, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(columnLabel(c, 'en')).toMatch(/^[A-Z]/);
    }
  });

  it('shows status and method in words, numbers with the column decimals; exports numbers as numbers', () => {
    const model = buildTableModel([
      { id: 'a', geometry: { type: 'Polygon', coordinates: [[[111, 36], [111.001, 36], [111.001, 36.001], [111, 36.001], [111, 36]]] }, props: { name: '甲', status: 'superseded', method: 'surveyed', precisionM: 12.345 }, attributes: { 编号: 'J-1' } },
    ]);
    const col = (k: string): (typeof model.columns)[number] => model.columns.find((c) => c.key === k)!;
    const cell = (k: string): (typeof model.rows)[number]['cells'][number] => model.rows[0]!.cells[model.columns.indexOf(col(k))] ?? null;
    expect(cellText(col('status'), cell('status'), 'zh-CN')).toBe('已被替代');
    expect(cellText(col('status'), cell('status'), 'en')).toBe('Superseded');
    expect(cellText(col('method'), cell('method'), 'zh-CN')).toBe('实测');
    expect(cellText(col('precisionM'), cell('precisionM'), 'en')).toBe('12.3');
    expect(cellValue(col('precisionM'), cell('precisionM'), 'en')).toBe(12.3);
    expect(cellSearchText(col('areaM2'), 9041.234567, 'en')).toBe('9041.23');
    expect(cellText(col('areaM2'), 9041.234567, 'en')).toBe('9,041.23');
    const grid = exportGrid({ model, rows: model.rows, columns: model.columns, lang: 'zh-CN', baseName: 'x' });
    expect(grid.header).toContain('面积（亩）');
    expect(grid.header).toContain('编号');
    expect(typeof grid.rows[0]![grid.header.indexOf('面积（亩）')]).toBe('number');
  });
});
