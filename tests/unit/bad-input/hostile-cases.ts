import { deflateSync, zipSync } from 'fflate';
import type { Geometry } from 'geojson';
import { prjWkt } from '../../../src/core/io/prj-wkt';
import { writeShapefile, type ShapeRecord } from '../../../src/core/io/shapefile-writer';
import type { ImportResult } from '../../../src/core/io/import-types';

/**
 * Issue 17's hostile inputs, made in memory: each case is bytes, a file name and a check of the
 * answer that returns what would be silently wrong (null when the answer is right: a refusal with
 * the expected reason, or a preview carrying the expected finding and no wrong number).
 */

/** One hostile input. */
export interface HostileCase {
  readonly name: string;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly check: (r: ImportResult) => string | null;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const DATE = new Date(Date.UTC(2024, 0, 2));

const refused = (reason: string) => (r: ImportResult): string | null => (r.ok ? `accepted, expected refusal ${reason}` : r.reason === reason ? null : `refused as ${r.reason}, expected ${reason}`);
const flagged = (code: string, extra?: (r: ImportResult & { ok: true }) => string | null) => (r: ImportResult): string | null => {
  if (!r.ok) return `refused (${r.reason}), expected a preview with ${code}`;
  if (![...r.warnings, ...r.problems].some((i) => i.code === code)) return `no ${code} finding (got ${[...r.warnings, ...r.problems].map((i) => i.code).join(',')})`;
  return extra === undefined ? null : extra(r);
};
const okOr = (...reasons: string[]) => (r: ImportResult): string | null => (r.ok || reasons.includes(r.reason) ? null : `refused as ${r.reason}`);

const SQUARE_LL: [number, number][] = [[112.5, 37.8], [112.51, 37.8], [112.51, 37.81], [112.5, 37.81], [112.5, 37.8]];
const poly = (ring: [number, number][] = SQUARE_LL): Geometry => ({ type: 'Polygon', coordinates: [ring] });

function shapefile(records: ShapeRecord[], extra: Record<string, Uint8Array> = {}, prj: number | null = 4490): Record<string, Uint8Array> {
  const w = writeShapefile('polygon', records, DATE);
  return { 'a.shp': w.shp, 'a.shx': w.shx, 'a.dbf': w.dbf, ...(prj === null ? {} : { 'a.prj': enc(prjWkt(prj)) }), ...extra };
}

function withDbf(dbfMutate: (d: Uint8Array) => Uint8Array, records?: ShapeRecord[], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const parts = shapefile(records ?? [{ geometry: poly(), properties: { name: 'a' } }], extra);
  const dbf = parts['a.dbf'];
  if (dbf === undefined) throw new Error('no dbf');
  return zipSync({ ...parts, 'a.dbf': dbfMutate(dbf.slice()) });
}

/** A .dbf written by hand: fields [name, type, length], rows of raw cell strings or bytes. */
function dbf(fields: [string, string, number][], rows: (string | Uint8Array)[][], opts: { version?: number; ldid?: number; deleted?: number[]; backlink?: boolean; declared?: number } = {}): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1 + (opts.backlink === true ? 263 : 0);
  const recordLength = 1 + fields.reduce((n, f) => n + f[2], 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const dv = new DataView(out.buffer);
  out[0] = opts.version ?? 0x03;
  out[1] = 124;
  out[2] = 1;
  out[3] = 2;
  dv.setUint32(4, opts.declared ?? rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  out[29] = opts.ldid ?? 0;
  fields.forEach(([name, type, length], i) => {
    const at = 32 + 32 * i;
    out.set(enc(name).subarray(0, 10), at);
    out[at + 11] = type.charCodeAt(0);
    out[at + 16] = length;
  });
  out[32 + 32 * fields.length] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at] = opts.deleted?.includes(r) === true ? 0x2a : 0x20;
    at++;
    fields.forEach(([, , length], i) => {
      const cell = row[i] ?? '';
      const bytes = typeof cell === 'string' ? enc(cell) : cell;
      const padded = new Uint8Array(length).fill(0x20);
      padded.set(bytes.subarray(0, length));
      out.set(padded, at);
      at += length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

function dbfZip(table: Uint8Array, n: number, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const records: ShapeRecord[] = [];
  for (let i = 0; i < n; i++) records.push({ geometry: poly(SQUARE_LL.map(([x, y]) => [x + i * 0.02, y])), properties: {} });
  return zipSync({ ...shapefile(records), 'a.dbf': table, ...extra });
}

/** The zip of issue 17: a .dbf that claims 0xFFFFFFFF records, the whole zip under 700 bytes. */
export function hugeRecordCountZip(): Uint8Array {
  const parts = shapefile([{ geometry: poly(), properties: { n: 1 } }], {}, null);
  const d = parts['a.dbf']?.slice() ?? new Uint8Array(0);
  new DataView(d.buffer).setUint32(4, 0xffffffff, true);
  return zipSync({ 'a.shp': parts['a.shp'] ?? new Uint8Array(0), 'a.dbf': d }, { level: 9 });
}

/** A zip whose `count` central-directory entries all point at one deflated 1 MiB local entry. */
export function overlappingZip(count: number): Uint8Array {
  const data = deflateSync(new Uint8Array(1024 * 1024));
  const name = enc('x.shp');
  const local = new Uint8Array(30 + name.length + data.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, 1024 * 1024, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  local.set(data, 30 + name.length);
  const dirs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const n = enc(`f${i}.shp`);
    const d = new Uint8Array(46 + n.length);
    const dv = new DataView(d.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(10, 8, true);
    dv.setUint32(20, data.length, true);
    dv.setUint32(24, 1024 * 1024, true);
    dv.setUint16(28, n.length, true);
    dv.setUint32(42, 0, true);
    d.set(n, 46);
    dirs.push(d);
  }
  const dirLength = dirs.reduce((s, d) => s + d.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, dirLength, true);
  ev.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + dirLength + 22);
  out.set(local, 0);
  let at = local.length;
  for (const d of dirs) {
    out.set(d, at);
    at += d.length;
  }
  out.set(end, at);
  return out;
}

function shpWithPadding(bytes: number): Uint8Array {
  const parts = shapefile([{ geometry: poly(), properties: { name: 'a' } }]);
  const shp = parts['a.shp'] ?? new Uint8Array(0);
  const padded = new Uint8Array(shp.length + bytes);
  padded.set(shp);
  return zipSync({ ...parts, 'a.shp': padded });
}

function shpWithVertex(x: number, y: number, prj: number): Uint8Array {
  const ring: [number, number][] = [[37500000, 4000000], [37500100, 4000000], [x, y], [37500000, 4000100], [37500000, 4000000]];
  return zipSync(shapefile([{ geometry: poly(ring), properties: { name: 'gk' } }], {}, prj));
}

const GK_ROWS = ['J1 4000000.000 37500000.000', 'J2 4000000.000 37500100.000', 'J3 4000100.000 37500100.000', 'J4 4000100.000 37500000.000', 'J1 4000000.000 37500000.000'];
const table = (title: string, rows: string[] = GK_ROWS): Uint8Array => enc([title, '点号 X Y', ...rows].join('\n'));

function landBlock(header: string[], body: string[], brackets: [string, string] = ['[', ']']): Uint8Array {
  const [o, c] = brackets;
  return enc([`${o}属性描述${c}`, ...header, `${o}地块坐标${c}`, ...body].join('\r\n'));
}
const LB_HEAD = ['格式版本号=1.01版本', '坐标系=2000国家大地坐标系', '几度分带=3', '投影类型=高斯克吕格', '计量单位=米', '带号=37', '精度=0.05', '转换参数=,,,,,,'];
const LB_RING = ['J1,1,4000000.000,37500000.000', 'J2,1,4000000.000,37500100.000', 'J3,1,4000100.000,37500100.000', 'J4,1,4000100.000,37500000.000', 'J1,1,4000000.000,37500000.000'];
const SEVEN = '-15.415,157.025,94.74,1.465,-0.354,-1.865,0.2';

const geojson = (coords: string, crs = ''): Uint8Array => enc(`{"type":"FeatureCollection",${crs}"features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[${coords}]}}]}`);
const GK_RING = (bad: string): string => `[[37500000,4000000],[37500100,4000000],[${bad}],[37500000,4000100],[37500000,4000000]]`;
const CRS4525 = '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4525"}},';

/** Every hostile case of issue 17. */
export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, file: string, bytes: Uint8Array, check: HostileCase['check']): void => {
    cases.push({ name, file, bytes, check });
  };
  // .dbf
  add('dbf claims 0xFFFFFFFF records (699-byte class zip)', 'huge-count.zip', hugeRecordCountZip(), flagged('dbf-record-count'));
  add('dbf header length beyond the file', 'hdr-long.zip', withDbf((d) => { new DataView(d.buffer).setUint16(8, 60000, true); return d; }), refused('parse-error'));
  add('dbf header length 0', 'hdr-zero.zip', withDbf((d) => { new DataView(d.buffer).setUint16(8, 0, true); return d; }), refused('parse-error'));
  add('dbf record length 0', 'rec-zero.zip', withDbf((d) => { new DataView(d.buffer).setUint16(10, 0, true); return d; }), refused('parse-error'));
  add('dbf cut to 20 bytes', 'dbf-short.zip', withDbf((d) => d.subarray(0, 20)), refused('parse-error'));
  add('dbf cut inside its header', 'dbf-cut.zip', withDbf((d) => d.subarray(0, d.length - 5)), refused('parse-error'));
  add('dbf cut in the middle of its second record', 'dbf-cut2.zip', dbfZip(dbf([['NAME', 'C', 20]], [['abc'], ['def']]).subarray(0, 32 + 32 + 1 + 21 + 10), 2), flagged('dbf-record-count', (r) => (r.features[0]?.properties['NAME'] === 'abc' && r.features.length === 2 ? null : 'records misread')));
  add('dbf fields longer than the record', 'fields-long.zip', withDbf((d) => { new DataView(d.buffer).setUint16(10, 1, true); return d; }), refused('parse-error'));
  add('deleted .dbf record', 'deleted.zip', dbfZip(dbf([['NAME', 'C', 10]], [['keep'], ['gone']], { deleted: [1] }), 2), flagged('dbf-deleted-records', (r) => (r.features.length === 1 && r.features[0]?.properties['NAME'] === 'keep' ? null : `kept ${r.features.length} features`)));
  add('every .dbf record deleted', 'all-deleted.zip', dbfZip(dbf([['NAME', 'C', 10]], [['a'], ['b']], { deleted: [0, 1] }), 2), refused('no-features'));
  add('field named __proto__', 'proto.zip', dbfZip(dbf([['__proto__', 'C', 12], ['NAME', 'C', 6]], [['{"x":1}', 'p']]), 1), (r) => (r.ok && Object.prototype.hasOwnProperty.call(r.features[0]?.properties, '__proto__') && r.features[0]?.properties['NAME'] === 'p' ? null : 'the __proto__ field was lost'));
  add('fields named toString and prototype', 'ctor.zip', dbfZip(dbf([['toString', 'C', 6], ['prototype', 'C', 6]], [['c', 'p']]), 1), (r) => (r.ok && r.features[0]?.properties['toString'] === 'c' && r.features[0]?.properties['prototype'] === 'p' ? null : 'toString/prototype fields lost'));
  add('Visual FoxPro .dbf with a 263-byte backlink', 'vfp.zip', dbfZip(dbf([['NAME', 'C', 8]], [['foxpro']], { version: 0x30, backlink: true }), 1), (r) => (r.ok && r.features[0]?.properties['NAME'] === 'foxpro' ? null : `NAME = ${r.ok ? String(r.features[0]?.properties['NAME']) : r.reason}`));
  const gbkBytes = new Uint8Array([0xc1, 0xd9, 0xb7, 0xda]);
  add('.cpg says UTF-8, bytes are GBK', 'cpg-utf8-gbk.zip', dbfZip(dbf([['NAME', 'C', 8]], [[gbkBytes]]), 1, { 'a.cpg': enc('UTF-8') }), flagged('cpg-contradicts-bytes', (r) => (r.features[0]?.properties['NAME'] === '临汾' ? null : `NAME = ${String(r.features[0]?.properties['NAME'])}`)));
  add('.cpg says GBK, bytes are UTF-8', 'cpg-gbk-utf8.zip', dbfZip(dbf([['NAME', 'C', 8]], [['临汾']]), 1, { 'a.cpg': enc('GBK') }), flagged('cpg-contradicts-bytes', (r) => (r.features[0]?.properties['NAME'] === '临汾' ? null : 'mojibake')));
  add('latin-1 .dbf without .cpg', 'latin1.zip', dbfZip(dbf([['NAME', 'C', 8]], [[new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x21])]]), 1), flagged('dbf-encoding-guessed', (r) => (r.features[0]?.properties['NAME'] === 'café !' ? null : `NAME = ${String(r.features[0]?.properties['NAME'])}`)));
  add('numeric field of asterisks', 'stars.zip', dbfZip(dbf([['AREA', 'N', 8]], [['********']]), 1), (r) => (r.ok && r.features[0]?.properties['AREA'] === null ? null : 'asterisks read as a number'));
  add('date field with garbage', 'date.zip', dbfZip(dbf([['D', 'D', 8]], [['2024ab01']]), 1), (r) => (r.ok && r.features[0]?.properties['D'] === null ? null : 'garbage date kept'));
  add('dbf declares fewer records than the shp', 'fewer.zip', dbfZip(dbf([['NAME', 'C', 4]], [['a'], ['b']], { declared: 1 }), 2), flagged('dbf-count-mismatch'));
  // .shp
  add('one zero byte after the last .shp record', 'pad1.zip', shpWithPadding(1), flagged('shp-zero-padding'));
  add('8 zero bytes after the last .shp record', 'pad8.zip', shpWithPadding(8), flagged('shp-zero-padding'));
  add('4 KiB of zero padding after the last record', 'pad4k.zip', shpWithPadding(4096), flagged('shp-zero-padding'));
  add('NaN vertex in a .shp with a Gauss-Krüger .prj', 'nan-gk.zip', shpWithVertex(NaN, 4000100, 4525), flagged('coordinate-not-finite'));
  add('Infinity vertex in a .shp with a Gauss-Krüger .prj', 'inf-gk.zip', shpWithVertex(Infinity, 4000100, 4525), flagged('coordinate-not-finite'));
  add('-Infinity northing in a .shp', 'ninf-gk.zip', shpWithVertex(37500100, -Infinity, 4525), flagged('coordinate-not-finite'));
  add('1e308 easting in a .shp with a GK .prj', 'huge-gk.zip', shpWithVertex(1e308, 4000100, 4525), okOr('crs-undetermined', 'unsupported-crs'));
  // zip
  add('500 overlapping 1 MiB entries', 'overlap.zip', overlappingZip(500), refused('too-large'));
  add('2 overlapping entries', 'overlap2.zip', overlappingZip(2), refused('too-large'));
  // tables
  add('400-digit easting in a table', 'digits.txt', table('2000国家大地坐标系 3度带 第37带', [...GK_ROWS.slice(0, 2), `J3 4000100.000 3${'7'.repeat(400)}.0`, ...GK_ROWS.slice(3)]), (r) => (r.ok ? (r.problems.some((p) => p.code === 'coordinate-not-finite') || r.warnings.some((w) => w.code === 'coordinate-not-finite') || r.features.length === 0 ? null : 'a 400-digit easting was accepted silently') : null));
  add('1e999 in a table', '1e999.txt', table('2000国家大地坐标系 3度带', [...GK_ROWS.slice(0, 2), 'J3 1e999 37500100', ...GK_ROWS.slice(3)]), okOr('crs-undetermined', 'no-features'));
  add('mining table with *,标高,标高 terminators (zone 41)', 'mining.txt', enc(['采矿权范围拐点坐标 2000国家大地坐标系 3度带', '点号,X,Y', '1,4000000.00,41500000.00', '2,4000000.00,41500200.00', '3,4000200.00,41500200.00', '4,4000200.00,41500000.00', '*,229.5,70', '5,4001000.00,41501000.00', '6,4001000.00,41501100.00', '7,4001100.00,41501100.00', '*,180,60'].join('\n')), (r) => (r.ok && r.crs.zone === 41 && r.stats.vertices === 7 ? null : r.ok ? `zone ${r.crs.zone}, ${r.stats.vertices} vertices` : r.message));
  add('only terminators', 'only-stars.txt', enc('*,229.5,70\n*,180,60\n'), refused('no-features'));
  add('terminator with no number', 'star-empty.txt', table('3度带 第37带', [...GK_ROWS.slice(0, 4), '*,', ...GK_ROWS]), okOr());
  add('10 000 terminator lines', 'many-stars.txt', enc(`${GK_ROWS.join('\n')}\n${'*,1,2\n'.repeat(10000)}`), okOr());
  add('80国家大地坐标系 in the title', 'x80a.txt', table('80国家大地坐标系 3度带 第37带'), refused('unsupported-crs'));
  add('1980年国家大地坐标系 in the title', 'x80b.txt', table('1980年国家大地坐标系 3度带 第37带'), refused('unsupported-crs'));
  add('1980年西安坐标系 in the title', 'x80c.txt', table('1980年西安坐标系 3度带 第37带'), refused('unsupported-crs'));
  add('1954年北京坐标系 in the title', 'b54a.txt', table('1954年北京坐标系 3度带 第37带'), refused('unsupported-crs'));
  add('西安80 in the title', 'x80d.txt', table('西安80坐标 3度带'), refused('unsupported-crs'));
  add('北京54 in the title', 'b54b.txt', table('北京54 第37带'), refused('unsupported-crs'));
  add('parcel named 面积 5 公顷的地块', 'name-area.txt', enc(['2000国家大地坐标系 3度带 第37带', '点号 X Y', '[地块1] 面积 5 公顷的地块', ...GK_ROWS].join('\n')), (r) => (r.ok && r.statedAreas.length === 0 ? null : 'a stated area was read from the name'));
  // land-block
  add('land-block 界址点数 too large', 'lb-count.txt', landBlock(LB_HEAD, ['99,1.0000,1,地块,面,,,,@', ...LB_RING]), flagged('point-count-mismatch'));
  add('land-block 界址点数 not a number', 'lb-count2.txt', landBlock(LB_HEAD, ['x,1.0000,1,地块,面,,,,@', ...LB_RING]), flagged('point-count-mismatch'));
  add('land-block with full-width brackets and numeric point names', 'lb-fw.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@', ...LB_RING.map((l, i) => l.replace(/^J\d+/, String((i % 4) + 1)))], ['【', '】']), (r) => (r.ok && r.format === 'land-block' && r.stats.vertices === 5 && r.features.length === 1 ? null : 'full-width land-block misread'));
  add('land-block without [地块坐标] rows', 'lb-empty.txt', landBlock(LB_HEAD, []), refused('no-features'));
  add('land-block parcel header without rows', 'lb-norows.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@']), refused('no-features'));
  add('land-block 圈号 garbage', 'lb-ring.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@', ...LB_RING.map((l) => l.replace(',1,', ',x,'))]), okOr());
  add('land-block 1e999 coordinate', 'lb-inf.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@', ...LB_RING.slice(0, 2), 'J3,1,1e999,37500100', ...LB_RING.slice(3)]), flagged('coordinate-not-finite'));
  add('land-block 线 parcel', 'lb-line.txt', landBlock(LB_HEAD, ['3,,1,道路,线,,,,@', ...LB_RING.slice(0, 3)]), (r) => (r.ok && r.features[0]?.geometry.type === 'LineString' ? null : 'line read as polygon'));
  add('land-block 点 parcel with one point', 'lb-point.txt', landBlock(LB_HEAD, ['1,,1,界桩,点,,,,@', LB_RING[0] ?? '']), (r) => (r.ok && r.features[0]?.geometry.type === 'Point' ? null : 'point parcel misread'));
  add('land-block 13-field header', 'lb-13.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,J-49,工业,0601,甲,乙,丙,丁,@', ...LB_RING]), (r) => (r.ok && r.features[0]?.properties['字段12'] === '丁' && r.features[0]?.properties['地类编码'] === '0601' ? null : 'extra fields lost'));
  add('land-block Xi\u2019an 80 without parameters', 'lb-x80.txt', landBlock(LB_HEAD.map((l) => l.replace('2000国家大地坐标系', '1980西安坐标系')), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), refused('unsupported-crs'));
  add('land-block Beijing 54 with seven parameters', 'lb-b54.txt', landBlock(LB_HEAD.map((l) => l.replace('2000国家大地坐标系', '1954北京坐标系').replace('转换参数=,,,,,,', `转换参数=${SEVEN}`)), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), (r) => (r.ok && r.crs.datumTransform?.datum === 'beijing54' ? null : r.ok ? 'no datum transform' : r.message));
  add('land-block six parameters only', 'lb-six.txt', landBlock(LB_HEAD.map((l) => l.replace('2000国家大地坐标系', '1980西安坐标系').replace('转换参数=,,,,,,', '转换参数=1,2,3,4,5,6')), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), refused('unsupported-crs'));
  add('land-block absurd parameters', 'lb-absurd.txt', landBlock(LB_HEAD.map((l) => l.replace('2000国家大地坐标系', '1980西安坐标系').replace('转换参数=,,,,,,', '转换参数=1e9,0,0,0,0,0,0')), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), refused('unsupported-crs'));
  add('land-block 100 000 commas', 'lb-commas.txt', landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@', ...LB_RING, ','.repeat(100000)]), okOr());
  add('land-block 带号 outside China', 'lb-zone.txt', landBlock(LB_HEAD.map((l) => l.replace('带号=37', '带号=60')), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), okOr('crs-undetermined'));
  add('land-block 精度 as decimals', 'lb-prec.txt', landBlock(LB_HEAD.map((l) => l.replace('精度=0.05', '精度=3')), ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), flagged('precision-as-decimals', (r) => (r.statedPrecisionM === undefined ? null : 'decimals read as metres')));
  add('land-block with [扩展信息]', 'lb-ext.txt', enc(`${new TextDecoder().decode(landBlock(LB_HEAD, ['5,1.0000,1,地块,面,,,,@', ...LB_RING]))}\r\n[扩展信息]\r\n项目名称=测试\r\n__proto__=x`), (r) => (r.ok && (r.features[0]?.properties['扩展信息'] as Record<string, unknown> | undefined)?.['项目名称'] === '测试' ? null : 'extended info lost'));
  add('land-block __proto__ header key', 'lb-proto.txt', landBlock(['__proto__=polluted', ...LB_HEAD], ['5,1.0000,1,地块,面,,,,@', ...LB_RING]), okOr());
  // GeoJSON
  add('1e999 in projected GeoJSON with a crs member', 'inf.geojson', geojson(GK_RING('1e999,4000100'), CRS4525), flagged('coordinate-not-finite'));
  add('NaN-like string in projected GeoJSON', 'nan.geojson', geojson(GK_RING('"NaN",4000100'), CRS4525), okOr('parse-error'));
  add('Web Mercator with an infinite northing', 'merc-inf.geojson', geojson('[[12523442,4439107],[12524555,4439107],[12524555,1e999],[12523442,4439107]]'), (r) => (r.ok && r.problems.concat(r.warnings).some((i) => i.code === 'coordinate-not-finite') ? null : r.ok ? 'infinite northing accepted' : null));
  add('a vertex at 180.00000000000006', 'antimeridian.geojson', geojson('[[179.9,10],[180.00000000000006,10],[180.00000000000006,10.1],[179.9,10]]'), (r) => (r.ok && r.crs.epsg === 4490 && !r.crs.axesSwapped ? null : 'refused or swapped'));
  add('lon/lat in Svalbard', 'svalbard.geojson', geojson('[[15.6,78.2],[15.7,78.2],[15.7,78.3],[15.6,78.2]]'), (r) => (r.ok && !r.crs.axesSwapped ? null : 'swapped into India'));
  add('UTM 49N numbers with no CRS', 'utm.geojson', geojson('[[500000,4000000],[500100,4000000],[500100,4000100],[500000,4000000]]'), flagged('crs-ambiguous', (r) => (r.crs.candidates?.some((c) => c.epsg === 32649 && c.distanceM > 1000 && c.distanceM < 3000) ? null : 'UTM 49N not named with its distance')));
  add('__proto__ property key in GeoJSON', 'proto.geojson', enc('{"type":"Feature","properties":{"__proto__":{"polluted":1}},"geometry":{"type":"Point","coordinates":[112.5,37.8]}}'), okOr());
  // KML
  add('KML with control characters in the name', 'ctl.kml', enc('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>a\u0001b</name><Point><coordinates>112.5,37.8</coordinates></Point></Placemark></kml>'), okOr('parse-error'));
  add('KML MultiPolygon tag', 'multi.kml', enc('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><MultiPolygon><Polygon><outerBoundaryIs><LinearRing><coordinates>112.5,37.8 112.6,37.8 112.6,37.9 112.5,37.8</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiPolygon></Placemark></kml>'), (r) => (r.ok && r.features.length === 1 ? null : 'MultiPolygon tag dropped'));
  return cases;
}
