import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { FeatureCollection, Geometry } from 'geojson';
import { HA_M2, MU_M2, buildTableModel } from '../../../../src/core/table/table-model';
import type { TableFeature } from '../../../../src/core/table/table-model';
import { filterRows, sortRows } from '../../../../src/core/table/table-order';
import { columnName, toXlsx } from '../../../../src/core/table/xlsx';
import { fromGaussKruger, toGaussKruger } from '../../../../src/core/geo/gauss-kruger';

const OGRINFO = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((p) => existsSync(p));
const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));

/** Reads sheet 1 with Python's standard library (zipfile, ElementTree): rows of [type, value]. */
const PY_READER = `
import json, sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
sst = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
rows = []
for row in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter('{%s}row' % ns['m']):
    out = []
    for c in row.findall('m:c', ns):
        v = c.find('m:v', ns).text
        out.append([c.get('r'), sst[int(v)] if c.get('t') == 's' else float(v)])
    rows.append(out)
print(json.dumps(rows, ensure_ascii=False))
`;

function layer(name: string): TableFeature[] {
  const fc = JSON.parse(readFileSync(`data/layers/${name}.geojson`, 'utf8')) as FeatureCollection<Geometry, Record<string, unknown>>;
  return fc.features.map((f) => ({ id: String(f.properties['id']), geometry: f.geometry, props: f.properties }));
}

/** Cells of sheet1 by reference (A1 …), read with fflate and the shared strings, independent of the writer. */
function readXlsx(bytes: Uint8Array): Map<string, string | number> {
  const files = unzipSync(bytes);
  const sst = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  );
  const cells = new Map<string, string | number>();
  for (const m of strFromU8(files['xl/worksheets/sheet1.xml']!).matchAll(/<c r="([A-Z]+\d+)"[^>]*?( t="s")?><v>([^<]*)<\/v><\/c>/g)) {
    cells.set(m[1]!, m[2] ? sst[Number(m[3])]! : Number(m[3]));
  }
  return cells;
}

describe('table model', () => {
  it('has every field, the areas in m², 公顷 and 亩, and one row per feature (chemical parks, relic sites)', () => {
    const features = [...layer('chemical-park'), ...layer('relic-protection')];
    const model = buildTableModel(features);
    expect(model.rows).toHaveLength(features.length);
    const keys = model.columns.map((c) => c.key);
    for (const k of ['name', 'county', 'status', 'areaM2', 'areaHa', 'areaMu', 'method', 'precisionM', 'docNumber', 'docDate', 'statedAreaM2']) expect(keys).toContain(k);
    const at = (k: string): number => keys.indexOf(k);
    let compared = 0;
    model.rows.forEach((r, i) => {
      const p = features[i]!.props;
      expect(r.cells[at('name')]).toBe(p['name']);
      const m2 = r.cells[at('areaM2')];
      if (typeof m2 !== 'number') return;
      expect(r.cells[at('areaHa')]).toBeCloseTo(m2 / HA_M2, 9);
      expect(r.cells[at('areaMu')]).toBeCloseTo((m2 * 15) / 10000, 6);
      // the pipeline's area is planar in the Gauss-Krüger zone of the shape: within the zone's scale distortion
      const planar = p['computedAreaM2'];
      if (typeof planar === 'number' && planar > 0) {
        expect(Math.abs(m2 - planar) / planar).toBeLessThan(2e-3);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(5);
  });

  it('measures a 100 m × 60 m Gauss-Krüger rectangle as 6000 m² = 0.6 公顷 = 9 亩', () => {
    const c = toGaussKruger(111.5, 36.1, { zone: 37, width: 3, prefixed: false });
    const ring = [[0, 0], [100, 0], [100, 60], [0, 60], [0, 0]].map(([de, dn]) => {
      const g = fromGaussKruger(c.x + dn!, c.y + de!, { zone: 37, width: 3, prefixed: false });
      return [g.lon, g.lat];
    });
    const model = buildTableModel([{ id: 'r', geometry: { type: 'Polygon', coordinates: [ring] }, props: { name: '矩形' } }]);
    const keys = model.columns.map((k) => k.key);
    const row = model.rows[0]!.cells;
    // a 100 m x 60 m square in the plane is 6000 m² on the ellipsoid within the zone scale (about 1e-4 here)
    expect(row[keys.indexOf('areaM2')] as number).toBeCloseTo(6000, -1);
    expect(Math.abs((row[keys.indexOf('areaMu')] as number) - 9)).toBeLessThan(0.01);
    expect(MU_M2 * 9).toBeCloseTo(6000, 9);
  });

  it('adds a column per attribute of an imported file and per other property; numbers stay numbers', () => {
    const model = buildTableModel([
      { id: 'a', geometry: null, props: { name: 'x', extra: true }, attributes: { DKMC: '地块一', MJ: 12.5 } },
      { id: 'b', geometry: null, props: { name: 'y' }, attributes: { DKMC: '地块二', BZ: '=1+1' } },
    ]);
    const attr = model.columns.filter((c) => c.group === 'attr');
    expect(attr.map((c) => [c.name, c.kind])).toEqual([['DKMC', 'text'], ['MJ', 'number'], ['BZ', 'text']]);
    expect(model.columns.find((c) => c.key === 'prop:extra')?.kind).toBe('text');
    const i = model.columns.findIndex((c) => c.key === 'attr:MJ');
    expect(model.rows.map((r) => r.cells[i])).toEqual([12.5, null]);
  });

  it('sorts numbers numerically and Chinese by pinyin collation, empty cells last; filters across columns', () => {
    const model = buildTableModel(
      ['赵城', '安泽', '北王', '安泽'].map((name, i) => ({ id: String(i), geometry: null, props: { name, precisionM: [500, 25000, 3000, null][i] } })),
    );
    const n = model.columns.findIndex((c) => c.key === 'name');
    const p = model.columns.findIndex((c) => c.key === 'precisionM');
    expect(sortRows(model.rows, n, 'text', true).map((r) => r.cells[n])).toEqual(['安泽', '安泽', '北王', '赵城']);
    expect(['赵城', '安泽', '北王'].sort((a, b) => a.localeCompare(b, 'zh-CN'))).toEqual(['安泽', '北王', '赵城']);
    expect(sortRows(model.rows, p, 'number', true).map((r) => r.cells[p])).toEqual([500, 3000, 25000, null]);
    expect(sortRows(model.rows, p, 'number', false).map((r) => r.cells[p])).toEqual([25000, 3000, 500, null]);
    expect(filterRows(model.rows, ' 安 泽 ', (r) => r.cells.join('|')).map((r) => r.id)).toEqual(['1', '3']);
  });
});

describe('XLSX writer', () => {
  it('names columns A … Z, AA …', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('writes numbers as numbers and text as shared strings; read back with fflate', () => {
    const bytes = toXlsx(['名称', '面积（亩）', '备注'], [['西关墓群', 9, 'a & <b> "c"'], ['=cmd', -52.93, null]], { sheetName: '要素表/测试' });
    const cells = readXlsx(bytes);
    expect(cells.get('A1')).toBe('名称');
    expect(cells.get('B2')).toBe(9);
    expect(cells.get('C2')).toBe('a & <b> "c"');
    expect(cells.get('A3')).toBe('=cmd');
    expect(cells.get('B3')).toBe(-52.93);
    expect(cells.has('C3')).toBe(false);
    const wb = strFromU8(unzipSync(bytes)['xl/workbook.xml']!);
    expect(wb).toContain('name="要素表 测试"');
  });

  it.skipIf(PYTHON === undefined)('is read by Python’s zipfile and ElementTree with the same cells (skipped: no python3)', () => {
    const features = layer('chemical-park');
    const model = buildTableModel(features);
    const header = model.columns.map((c) => c.key);
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-py-'));
    const file = join(dir, 'parks.xlsx');
    writeFileSync(file, toXlsx(header, model.rows.map((r) => r.cells)));
    const rows = JSON.parse(execFileSync(PYTHON!, ['-c', PY_READER, file], { encoding: 'utf8' })) as Array<Array<[string, string | number]>>;
    expect(rows).toHaveLength(features.length + 1);
    expect(rows[0]!.map((c) => c[1])).toEqual(header);
    const cells = readXlsx(toXlsx(header, model.rows.map((r) => r.cells)));
    for (const row of rows.slice(1)) for (const [ref, v] of row) expect(cells.get(ref)).toBe(v);
    const nameCol = header.indexOf('name');
    expect(rows.slice(1).map((r) => r.find(([ref]) => ref.startsWith(columnName(nameCol)))?.[1])).toEqual(model.rows.map((r) => r.cells[nameCol]));
  });

  it.skipIf(OGRINFO === undefined)('is read by GDAL (ogrinfo) with every column and the values (skipped: no GDAL)', () => {
    const features = layer('relic-protection');
    const model = buildTableModel(features);
    const header = model.columns.map((c) => c.key);
    const bytes = toXlsx(header, model.rows.map((r) => r.cells), { sheetName: 'relic' });
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    const file = join(dir, 'relic.xlsx');
    writeFileSync(file, bytes);
    const out = execFileSync(OGRINFO!, ['-ro', '-al', '-oo', 'HEADERS=FORCE', '-oo', 'FIELD_TYPES=AUTO', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(out).toContain(`Feature Count: ${features.length}`);
    for (const k of header) expect(out).toMatch(new RegExp(`^${k}: `, 'm'));
    const areaType = /^areaM2: (\w+)/m.exec(out)?.[1];
    expect(areaType).toBe('Real');
    for (const f of features.slice(0, 5)) expect(out).toContain(`name (String) = ${String(f.props['name'])}`);
  });
});
