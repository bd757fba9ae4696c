import { Inflate } from 'fflate';
import { IMPORT_REASONS, importFailure, type ImportFailure, type ImportIssue } from './import-types';
import { decodeText } from './text-decode';

/**
 * Guarded zip reading for KMZ and zipped shapefiles. The central directory is read first and
 * checked against {@link ZIP_LIMITS} before anything is inflated, so a zip bomb is refused from
 * its declared sizes; an entry is then inflated in slices and abandoned as soon as it produces
 * more than it declared, so a bomb that lies about its size costs at most one slice beyond the
 * declared size. Entry names are never used as paths: names that are absolute or climb out with
 * `..` (`../../etc/passwd`, `/etc/x`, `C:\x`) are ignored and reported.
 */

/** Caps of {@link readZipEntries}. */
export const ZIP_LIMITS = {
  /** Most entries a zip may list. */
  maxEntries: 10_000,
  /** Largest declared uncompressed size of one entry that is read (256 MiB). */
  maxEntryBytes: 256 * 1024 * 1024,
  /** Largest declared uncompressed size of all entries that are read together (512 MiB). */
  maxTotalBytes: 512 * 1024 * 1024,
  /** Largest declared compression ratio of an entry over 1 MiB. */
  maxRatio: 1_000,
  /** Compressed bytes handed to the inflater at a time. */
  sliceBytes: 64 * 1024,
} as const;

/** One entry of the central directory. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** Declared uncompressed size. */
  readonly size: number;
  readonly localOffset: number;
  readonly encrypted: boolean;
}

/** What {@link readZipEntries} returns on success. */
export interface ZipContents {
  readonly ok: true;
  /** The wanted entries, inflated, by name. */
  readonly entries: Record<string, Uint8Array>;
  /** Every safe entry name, wanted or not. */
  readonly names: readonly string[];
  /** Names ignored because they are unsafe as paths. */
  readonly ignored: readonly string[];
}

/** Whether a zip entry name is absolute, has a drive letter, climbs with `..` or holds a NUL. */
export function isUnsafeZipName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..') || n.includes('\0');
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 2 ** 24;
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 2 ** 32;
}

type DirectoryResult = { ok: true; infos: ZipEntryInfo[] } | { ok: false; tooLarge: boolean; message: { zh: string; en: string } };

/** Reads the central directory (zip64 included) with bounds checks. */
export function readZipDirectory(bytes: Uint8Array): DirectoryResult {
  const damaged = (zh: string, en: string): DirectoryResult => ({ ok: false, tooLarge: false, message: { zh, en } });
  let eocd = -1;
  for (let p = bytes.length - 22; p >= 0 && p >= bytes.length - 22 - 65_535; p--) {
    if (u32(bytes, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return damaged('找不到 zip 目录结尾记录（文件可能被截断）', 'no end-of-central-directory record (the file may be truncated)');
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && u32(bytes, locator) === 0x07064b50) {
      const z = u64(bytes, locator + 8);
      if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) return damaged('zip64 目录记录损坏', 'the zip64 directory record is damaged');
      count = u64(bytes, z + 32);
      offset = u64(bytes, z + 48);
    }
  }
  if (count > ZIP_LIMITS.maxEntries) {
    return {
      ok: false,
      tooLarge: true,
      message: { zh: `zip 列出 ${count} 个条目，超过上限 ${ZIP_LIMITS.maxEntries}`, en: `the zip lists ${count} entries, more than the cap of ${ZIP_LIMITS.maxEntries}` },
    };
  }
  const infos: ZipEntryInfo[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      return damaged(`zip 中央目录第 ${i + 1} 项（第 ${p} 字节）损坏`, `central directory entry ${i + 1} (byte ${p}) is damaged`);
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) return damaged(`zip 中央目录第 ${i + 1} 项超出文件末尾`, `central directory entry ${i + 1} runs past the end of the file`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = (flags & 0x800) !== 0 ? new TextDecoder('utf-8').decode(nameBytes) : decodeText(nameBytes).text;
    // Zip64 extra field: the 64-bit values of the fields set to 0xffffffff, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(bytes, q);
      }
      e += 4 + len;
    }
    infos.push({ name, method, compressedSize, size, localOffset, encrypted: (flags & 1) !== 0 });
    p = end;
  }
  return { ok: true, infos };
}

/** Inflates raw deflate data in slices; null when it yields more than `limit` bytes. */
function inflateBounded(data: Uint8Array, limit: number): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  for (let at = 0; at < data.length && !over; at += ZIP_LIMITS.sliceBytes) {
    const end = Math.min(data.length, at + ZIP_LIMITS.sliceBytes);
    inflater.push(data.subarray(at, end), end === data.length);
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  if (over) return null;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads the entries of a zip for which `wanted(name)` holds, after checking the declared sizes
 * against {@link ZIP_LIMITS}. Unsafe names are never wanted: they are listed in `ignored`.
 * Damage is a `parse-error`, a cap exceeded `too-large`; nothing throws.
 */
export function readZipEntries(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean = () => true): ZipContents | ImportFailure {
  const fail = (reason: typeof IMPORT_REASONS.parseError | typeof IMPORT_REASONS.tooLarge, zh: string, en: string): ImportFailure =>
    importFailure(reason, { zh: `zip 文件 ${fileName}：${zh}`, en: `zip file ${fileName}: ${en}` });
  const dir = readZipDirectory(bytes);
  if (!dir.ok) return fail(dir.tooLarge ? IMPORT_REASONS.tooLarge : IMPORT_REASONS.parseError, dir.message.zh, dir.message.en);
  const ignored = dir.infos.filter((i) => isUnsafeZipName(i.name)).map((i) => i.name);
  const safe = dir.infos.filter((i) => !isUnsafeZipName(i.name));
  const chosen = safe.filter((i) => wanted(i.name));
  let total = 0;
  for (const info of chosen) {
    const ratio = info.compressedSize > 0 ? info.size / info.compressedSize : Infinity;
    if (info.size > ZIP_LIMITS.maxEntryBytes || (info.size > 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio)) {
      return fail(
        IMPORT_REASONS.tooLarge,
        `条目 ${info.name} 声明解压后 ${info.size} 字节（压缩 ${info.compressedSize} 字节），超过上限（单个 ${ZIP_LIMITS.maxEntryBytes} 字节、压缩比 ${ZIP_LIMITS.maxRatio}），疑为 zip 炸弹，未解压`,
        `entry ${info.name} declares ${info.size} bytes from ${info.compressedSize} compressed, beyond the caps (${ZIP_LIMITS.maxEntryBytes} bytes per entry, ratio ${ZIP_LIMITS.maxRatio}); a likely zip bomb, not inflated`,
      );
    }
    total += info.size;
  }
  if (total > ZIP_LIMITS.maxTotalBytes) {
    return fail(IMPORT_REASONS.tooLarge, `所需条目共声明 ${total} 字节，超过上限 ${ZIP_LIMITS.maxTotalBytes}，未解压`, `the entries needed declare ${total} bytes in all, beyond the cap of ${ZIP_LIMITS.maxTotalBytes}; not inflated`);
  }
  const spans: [number, number, string][] = [];
  for (const info of chosen) {
    const local = info.localOffset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) continue;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    spans.push([local, start + info.compressedSize, info.name]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev !== undefined && cur !== undefined && cur[0] < prev[1]) {
      return fail(
        IMPORT_REASONS.tooLarge,
        `条目 ${prev[2]} 与 ${cur[2]} 的数据相互重叠（重叠式 zip 炸弹的特征），未解压`,
        `entries ${prev[2]} and ${cur[2]} share their data (the mark of an overlapping zip bomb); not inflated`,
      );
    }
  }
  const entries: Record<string, Uint8Array> = {};
  for (const info of chosen) {
    const where = `条目 ${info.name}`;
    const whereEn = `entry ${info.name}`;
    if (info.encrypted) return fail(IMPORT_REASONS.parseError, `${where}已加密，无法读取`, `${whereEn} is encrypted`);
    const local = info.localOffset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) {
      return fail(IMPORT_REASONS.parseError, `${where}的本地文件头（第 ${local} 字节）损坏`, `${whereEn}: the local header at byte ${local} is damaged`);
    }
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + info.compressedSize > bytes.length) {
      return fail(IMPORT_REASONS.parseError, `${where}的数据超出文件末尾（文件被截断）`, `${whereEn}: its data runs past the end of the file (truncated)`);
    }
    const data = bytes.subarray(start, start + info.compressedSize);
    let out: Uint8Array | null;
    if (info.method === 0) out = data.length === info.size ? data.slice() : null;
    else if (info.method === 8) {
      try {
        out = inflateBounded(data, info.size);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return fail(IMPORT_REASONS.parseError, `${where}解压失败：${detail}`, `${whereEn} cannot be inflated: ${detail}`);
      }
    } else {
      return fail(IMPORT_REASONS.parseError, `${where}使用不支持的压缩方式 ${info.method}`, `${whereEn} uses the unsupported compression method ${info.method}`);
    }
    if (out === null || out.length !== info.size) {
      return fail(
        IMPORT_REASONS.parseError,
        `${where}解压后的大小与声明的 ${info.size} 字节不符${out === null ? '（更大，已中止）' : ''}`,
        `${whereEn} does not inflate to its declared ${info.size} bytes${out === null ? ' (it yields more; stopped)' : ''}`,
      );
    }
    entries[info.name] = out;
  }
  return { ok: true, entries, names: safe.map((i) => i.name), ignored };
}

/** Warnings for zip entries ignored because of unsafe names. */
export function ignoredEntryWarnings(fileName: string, ignored: readonly string[]): ImportIssue[] {
  return ignored.map((name) => ({
    code: 'zip-entry-ignored',
    severity: 'warning' as const,
    location: { file: fileName },
    message: {
      zh: `zip 条目 "${name.slice(0, 120)}" 的路径不安全（绝对路径或含 ..），已忽略`,
      en: `zip entry "${name.slice(0, 120)}" has an unsafe path (absolute or climbing with ..); ignored`,
    },
  }));
}
