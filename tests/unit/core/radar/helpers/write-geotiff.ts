/**
 * Minimal GeoTIFF writer for tests: little-endian classic TIFF, one band, uncompressed strips,
 * Int16 or Float32, georeferenced by ModelPixelScale (33550) + ModelTiepoint (33922) +
 * GeoKeyDirectory (34735), nodata in GDAL_NODATA (42113). PixelIsArea; the tiepoint is the outer
 * corner of pixel (0, 0).
 */

/** What to write. */
export interface SyntheticTiff {
  width: number;
  height: number;
  /** Row-major values (row 0 is the north edge). */
  values: ArrayLike<number>;
  type: 'int16' | 'float32';
  /** EPSG code: 4326 / 4490 (geographic) or a projected code (326xx, 45xx). */
  epsg: number;
  /** Model x, y of the outer corner of pixel (0, 0) (west, north). */
  originX: number;
  originY: number;
  /** Pixel size in model units (both positive). */
  pixelX: number;
  pixelY: number;
  noData?: number;
  /** Rows per strip (default 1, so windowed reads fetch only the rows they need). */
  rowsPerStrip?: number;
}

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

/** Encodes a synthetic DEM as GeoTIFF bytes. */
export function writeGeoTiff(t: SyntheticTiff): ArrayBuffer {
  const bytesPer = t.type === 'int16' ? 2 : 4;
  const rowsPerStrip = t.rowsPerStrip ?? 1;
  const strips = Math.ceil(t.height / rowsPerStrip);
  const geographic = t.epsg === 4326 || t.epsg === 4490;
  const geoKeys = [1, 1, 0, 3, 1024, 0, 1, geographic ? 2 : 1, 1025, 0, 1, 1, geographic ? 2048 : 3072, 0, 1, t.epsg];
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [t.width] },
    { tag: 257, type: LONG, values: [t.height] },
    { tag: 258, type: SHORT, values: [bytesPer * 8] },
    { tag: 259, type: SHORT, values: [1] },
    { tag: 262, type: SHORT, values: [1] },
    { tag: 273, type: LONG, values: new Array<number>(strips).fill(0) },
    { tag: 277, type: SHORT, values: [1] },
    { tag: 278, type: LONG, values: [rowsPerStrip] },
    { tag: 279, type: LONG, values: new Array<number>(strips).fill(0) },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 339, type: SHORT, values: [t.type === 'int16' ? 2 : 3] },
    { tag: 33550, type: DOUBLE, values: [t.pixelX, t.pixelY, 0] },
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, t.originX, t.originY, 0] },
    { tag: 34735, type: SHORT, values: geoKeys },
  ];
  if (t.noData !== undefined) entries.push({ tag: 42113, type: ASCII, values: `${t.noData}\0` });

  const typeSize = (type: number): number => (type === SHORT ? 2 : type === LONG ? 4 : type === DOUBLE ? 8 : 1);
  const count = (e: Entry): number => (typeof e.values === 'string' ? e.values.length : e.values.length);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = ifdOffset + ifdSize;
  const extraOffsets = new Map<number, number>();
  for (const e of entries) {
    const size = count(e) * typeSize(e.type);
    if (size > 4) {
      extraOffsets.set(e.tag, extra);
      extra += size + (size % 2);
    }
  }
  const dataOffset = extra;
  const stripBytes: number[] = [];
  const stripOffsets: number[] = [];
  for (let s = 0; s < strips; s++) {
    const rows = Math.min(rowsPerStrip, t.height - s * rowsPerStrip);
    stripOffsets.push(dataOffset + s * rowsPerStrip * t.width * bytesPer);
    stripBytes.push(rows * t.width * bytesPer);
  }
  (entries.find((e) => e.tag === 273) as Entry).values = stripOffsets;
  (entries.find((e) => e.tag === 279) as Entry).values = stripBytes;
  const total = dataOffset + t.width * t.height * bytesPer;
  const buf = new ArrayBuffer(total);
  const dv = new DataView(buf);
  dv.setUint16(0, 0x4949);
  dv.setUint16(2, 42, true);
  dv.setUint32(4, ifdOffset, true);
  dv.setUint16(ifdOffset, entries.length, true);
  const writeValues = (at: number, e: Entry): void => {
    if (typeof e.values === 'string') {
      for (let i = 0; i < e.values.length; i++) dv.setUint8(at + i, e.values.charCodeAt(i));
      return;
    }
    e.values.forEach((v, i) => {
      if (e.type === SHORT) dv.setUint16(at + i * 2, v, true);
      else if (e.type === LONG) dv.setUint32(at + i * 4, v, true);
      else dv.setFloat64(at + i * 8, v, true);
    });
  };
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    dv.setUint16(at, e.tag, true);
    dv.setUint16(at + 2, e.type, true);
    dv.setUint32(at + 4, count(e), true);
    const off = extraOffsets.get(e.tag);
    if (off === undefined) writeValues(at + 8, e);
    else {
      dv.setUint32(at + 8, off, true);
      writeValues(off, e);
    }
  });
  dv.setUint32(ifdOffset + 2 + entries.length * 12, 0, true);
  for (let i = 0; i < t.width * t.height; i++) {
    const v = t.values[i] as number;
    if (t.type === 'int16') dv.setInt16(dataOffset + i * 2, Math.round(v), true);
    else dv.setFloat32(dataOffset + i * 4, v, true);
  }
  return buf;
}
