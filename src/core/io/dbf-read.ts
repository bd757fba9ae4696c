import { decodeText, encodingFromCpg } from './text-decode';

/**
 * dBASE (.dbf) reader for shapefile attributes, bounded by the file: the record count is the
 * smaller of the declared one and what the bytes hold, records start at the declared header length
 * (Visual FoxPro's 263-byte backlink included), deleted records (`*`) are reported as null, field
 * names such as `__proto__` are kept as own properties, and the encoding comes from the .cpg, the
 * language driver byte or the bytes, with a finding whenever these disagree or had to be guessed.
 */

/** One field descriptor. */
export interface DbfField {
  readonly name: string;
  readonly type: string;
  readonly length: number;
  readonly decimals: number;
  readonly offset: number;
}

/** A finding of the reader (the importer turns it into an import issue). */
export interface DbfNote {
  readonly code: 'dbf-record-count' | 'cpg-contradicts-bytes' | 'dbf-encoding-guessed' | 'dbf-header-damaged' | 'dbf-deleted-records';
  readonly zh: string;
  readonly en: string;
}

/** What {@link readDbf} returns. */
export interface DbfTable {
  readonly ok: true;
  readonly fields: readonly DbfField[];
  /** One entry per record; null for a deleted record. */
  readonly records: readonly (Record<string, unknown> | null)[];
  readonly encoding: string;
  readonly notes: readonly DbfNote[];
}

/** Language driver ids (byte 29) and their encodings. */
const LDID: ReadonlyMap<number, string> = new Map([
  [0x01, 'ibm437'],
  [0x02, 'ibm850'],
  [0x03, 'windows-1252'],
  [0x4d, 'gbk'],
  [0x7a, 'gbk'],
  [0x57, 'windows-1252'],
  [0x64, 'ibm852'],
  [0x65, 'ibm866'],
  [0xc8, 'windows-1250'],
  [0xc9, 'windows-1251'],
  [0x4e, 'euc-kr'],
  [0x4f, 'big5'],
  [0x79, 'euc-kr'],
  [0x78, 'big5'],
  [0x13, 'shift_jis'],
  [0x7b, 'shift_jis'],
]);

function setSafe(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Whether bytes decode as GB18030 without replacement characters. */
function cleanGb(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function chooseEncoding(body: Uint8Array, ldid: number, cpg: Uint8Array | undefined, notes: DbfNote[]): string {
  const high = hasHighBytes(body);
  const utf8 = validUtf8(body);
  const stated = cpg !== undefined ? encodingFromCpg(decodeText(cpg).text) : null;
  if (stated !== null) {
    if (!high) return stated;
    const statedUtf8 = stated === 'utf-8' || stated === 'utf8';
    if (statedUtf8 && !utf8) {
      const alt = cleanGb(body) ? 'gbk' : 'windows-1252';
      notes.push({ code: 'cpg-contradicts-bytes', zh: `.cpg 声明 ${stated}，但属性字节不是有效的 UTF-8；按 ${alt} 读取，请核对文字`, en: `the .cpg says ${stated} but the attribute bytes are not valid UTF-8; read as ${alt}, check the text` });
      return alt;
    }
    if (!statedUtf8 && utf8 && /gbk|gb2312|gb18030|936/.test(stated)) {
      notes.push({ code: 'cpg-contradicts-bytes', zh: `.cpg 声明 ${stated}，但属性字节是有效的 UTF-8；按 UTF-8 读取，请核对文字`, en: `the .cpg says ${stated} but the attribute bytes are valid UTF-8; read as UTF-8, check the text` });
      return 'utf-8';
    }
    return stated;
  }
  const fromLdid = LDID.get(ldid);
  if (fromLdid !== undefined) return fromLdid;
  if (!high || utf8) return 'utf-8';
  if (cleanGb(body)) {
    notes.push({ code: 'dbf-encoding-guessed', zh: '没有 .cpg 和代码页标记，属性按 GBK 读取；若文字不对请指定编码', en: 'no .cpg and no code page mark; attributes read as GBK, choose the encoding if the text looks wrong' });
    return 'gbk';
  }
  notes.push({ code: 'dbf-encoding-guessed', zh: '没有 .cpg 和代码页标记，属性字节既不是 UTF-8 也不是 GBK，按 Latin-1（windows-1252）读取；请核对文字', en: 'no .cpg and no code page mark; the bytes are neither UTF-8 nor GBK and were read as Latin-1 (windows-1252); check the text' });
  return 'windows-1252';
}

/** Reads a .dbf. A damaged header is a string message (zh / en). */
export function readDbf(dbf: Uint8Array, cpg?: Uint8Array): DbfTable | string {
  if (dbf.length < 32) return `.dbf 文件头不足 32 字节 / the .dbf header is shorter than 32 bytes`;
  const dv = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const declared = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length || recordLength < 1) {
    return `.dbf 文件头损坏（头长 ${headerLength}，记录长 ${recordLength}，文件 ${dbf.length} 字节） / the .dbf header is damaged (header ${headerLength}, record ${recordLength} bytes, file ${dbf.length} bytes)`;
  }
  const notes: DbfNote[] = [];
  const fieldsRaw: { nameBytes: Uint8Array; type: string; length: number; decimals: number }[] = [];
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const nameBytes = dbf.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    fieldsRaw.push({ nameBytes: end < 0 ? nameBytes : nameBytes.subarray(0, end), type: String.fromCharCode(dbf[at + 11] ?? 0x43), length: dbf[at + 16] ?? 0, decimals: dbf[at + 17] ?? 0 });
  }
  const available = Math.floor((dbf.length - headerLength) / recordLength);
  const count = Math.min(declared, available);
  if (declared > available) {
    notes.push({ code: 'dbf-record-count', zh: `.dbf 声明 ${declared} 条记录，但文件只容得下 ${available} 条；按实际读取`, en: `the .dbf declares ${declared} records but the file holds ${available}; the records present were read` });
  }
  const body = dbf.subarray(headerLength, headerLength + count * recordLength);
  const encoding = chooseEncoding(body.length > 0 ? body : dbf.subarray(32, headerLength), dbf[29] ?? 0, cpg, notes);
  const decoder = new TextDecoder(encoding);
  const fields: DbfField[] = [];
  let offset = 1;
  for (const f of fieldsRaw) {
    fields.push({ name: decoder.decode(f.nameBytes).trim(), type: f.type, length: f.length, decimals: f.decimals, offset });
    offset += f.length;
  }
  if (offset > recordLength) return `.dbf 字段总长 ${offset} 超过记录长 ${recordLength} / the .dbf fields (${offset} bytes) exceed the record length ${recordLength}`;
  const records: (Record<string, unknown> | null)[] = [];
  let deleted = 0;
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (dbf[start] === 0x2a) {
      records.push(null);
      deleted++;
      continue;
    }
    const rec: Record<string, unknown> = {};
    for (const f of fields) setSafe(rec, f.name, fieldValue(dbf, dv, start + f.offset, f, decoder));
    records.push(rec);
  }
  if (deleted > 0) notes.push({ code: 'dbf-deleted-records', zh: `.dbf 中有 ${deleted} 条记录标记为已删除，对应要素未导入`, en: `${deleted} .dbf record(s) are marked deleted; their features were not imported` });
  return { ok: true, fields, records, encoding, notes };
}

function fieldValue(dbf: Uint8Array, dv: DataView, at: number, f: DbfField, decoder: TextDecoder): unknown {
  const raw = dbf.subarray(at, at + f.length);
  switch (f.type) {
    case 'C':
    case 'V':
      return decoder.decode(raw).replace(/\0+$/, '').trimEnd();
    case 'N':
    case 'F': {
      const t = new TextDecoder('latin1').decode(raw).replace(/\0/g, '').trim();
      if (t === '' || /^\*+$/.test(t)) return null;
      const v = Number(t.replace(',', '.'));
      return Number.isFinite(v) ? v : null;
    }
    case 'L': {
      const c = String.fromCharCode(raw[0] ?? 0x3f).toUpperCase();
      return 'YT'.includes(c) ? true : 'NF'.includes(c) ? false : null;
    }
    case 'D': {
      const t = new TextDecoder('latin1').decode(raw).trim();
      return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
    }
    case 'I':
      return f.length === 4 ? dv.getInt32(at, true) : null;
    case 'B':
    case 'O':
      return f.length === 8 ? dv.getFloat64(at, true) : null;
    case 'Y':
      return f.length === 8 ? Number(dv.getBigInt64(at, true)) / 10_000 : null;
    default:
      return null;
  }
}
