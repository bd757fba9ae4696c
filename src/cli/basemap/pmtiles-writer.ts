/**
 * A small PMTiles v3 writer (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) for test fixtures and
 * small archives: one root directory (no leaf directories), tiles clustered in tile-id order, identical tiles
 * stored once. Reading is left to the `pmtiles` package, which the tests use to check what this writes.
 */
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

/** One tile: position and its bytes (already compressed as `tileCompression` says). */
export interface TileInput {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Archive-level facts written to the header. */
export interface ArchiveOptions {
  /** PMTiles tile type: 1 MVT, 2 PNG, 3 JPEG, 4 WebP. */
  tileType: 1 | 2 | 3 | 4;
  /** PMTiles compression of the tile bytes: 1 none, 2 gzip. */
  tileCompression: 1 | 2;
  /** [west, south, east, north] in degrees. */
  bounds: readonly [number, number, number, number];
  /** [lon, lat, zoom] of the default view. */
  center: readonly [number, number, number];
  /** JSON metadata (vector_layers, attribution…). */
  metadata: Record<string, unknown>;
}

/** The 7-byte magic and spec version 3. */
const MAGIC = [0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73, 3];
/** Header length in bytes. */
export const HEADER_BYTES = 127;
/** The root directory must fit in the first 16 KiB with the header. */
const ROOT_LIMIT = 16_384 - HEADER_BYTES;

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** Serialises a directory (columns: ids as deltas, run lengths, lengths, offsets with the "contiguous" 0). */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(out, i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

/** Builds a PMTiles v3 archive; the directory and metadata are gzip-compressed. */
export function writePmtiles(tiles: readonly TileInput[], options: ArchiveOptions): Uint8Array {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), ...t })).sort((a, b) => a.id - b.id);
  const seen = new Map<string, { offset: number; length: number }>();
  const blobs: Uint8Array[] = [];
  const entries: Entry[] = [];
  let dataLength = 0;
  for (const t of sorted) {
    if (entries.some((e) => e.tileId === t.id)) throw new Error(`tile ${t.z}/${t.x}/${t.y} given twice`);
    const hash = Buffer.from(t.data).toString('base64');
    let where = seen.get(hash);
    if (!where) {
      where = { offset: dataLength, length: t.data.length };
      seen.set(hash, where);
      blobs.push(t.data);
      dataLength += t.data.length;
    }
    const prev = entries[entries.length - 1];
    if (prev && prev.tileId + prev.runLength === t.id && prev.offset === where.offset) prev.runLength++;
    else entries.push({ tileId: t.id, offset: where.offset, length: where.length, runLength: 1 });
  }
  const root = gzipSync(serializeDirectory(entries));
  if (root.length > ROOT_LIMIT) throw new Error(`root directory of ${root.length} bytes: leaf directories are not supported`);
  const meta = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.length;
  const dataOffset = metaOffset + meta.length;
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.forEach((b, i) => header.writeUInt8(b, i));
  const u64 = [rootOffset, root.length, metaOffset, meta.length, dataOffset, 0, dataOffset, dataLength, sorted.length, entries.length, blobs.length];
  u64.forEach((v, i) => header.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  const zooms = sorted.map((t) => t.z);
  const bytes = [1, 2, options.tileCompression, options.tileType, Math.min(...zooms), Math.max(...zooms)];
  bytes.forEach((b, i) => header.writeUInt8(b, 96 + i));
  const [w, s, e, n] = options.bounds;
  [w, s, e, n].forEach((v, i) => header.writeInt32LE(Math.round(v * 1e7), 102 + i * 4));
  header.writeUInt8(options.center[2], 118);
  header.writeInt32LE(Math.round(options.center[0] * 1e7), 119);
  header.writeInt32LE(Math.round(options.center[1] * 1e7), 123);
  return Buffer.concat([header, root, meta, ...blobs]);
}
