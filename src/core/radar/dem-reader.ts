import { GeoTIFF } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import proj4 from 'proj4';
import type { Converter } from 'proj4';
import { findCrs, GRS80_A, GRS80_F } from '../geo/crs-registry';
import { DEM_EMPTY, DEM_NO_GEOREFERENCE, DEM_NOT_TIFF, DEM_OUTSIDE, DEM_READ_FAILED, DEM_UNSUPPORTED_CRS, DEM_UNSUPPORTED_TYPE } from './dem-problems';
import type { DemReason, DemDetail, DemProblem } from './dem-problems';

/**
 * Reads a single-band elevation GeoTIFF with windowed reads: the file is opened through a byte
 * source that fetches only the slices geotiff asks for (header, IFD, then the strips or tiles of
 * the requested window), so a large DEM held as a `Blob`/`File` is never loaded whole.
 *
 * Supported: geographic (EPSG:4326, EPSG:4490) and projected (UTM WGS84 north/south 326xx/327xx,
 * CGCS2000 Gauss-Krüger EPSG:4491–4554) georeferencing by ModelPixelScale + ModelTiepoint (or an
 * unrotated ModelTransformation); Int16, UInt16, Int32, Float32 and Float64 samples; the
 * GDAL_NODATA tag (42113) and NaN as nodata. Lon/lat inputs are CGCS2000, treated as WGS84
 * (they agree at the decimetre level, see crs-registry.ts).
 */

export * from './dem-problems';

/** The CRS of a DEM. */
export interface DemCrs {
  readonly kind: 'geographic' | 'projected';
  readonly epsg: number;
  readonly proj4: string;
}

/** Sample types accepted as elevations. */
export type DemSampleType = 'int16' | 'uint16' | 'int32' | 'float32' | 'float64';

/** Facts about an opened DEM. */
export interface DemInfo {
  readonly width: number;
  readonly height: number;
  readonly crs: DemCrs;
  readonly sampleType: DemSampleType;
  readonly noData: number | null;
  /** Model coordinates of the outer corner of pixel (0, 0) (x, y). */
  readonly cornerX: number;
  readonly cornerY: number;
  /** Pixel size in model units; `resY` is negative for north-up rasters. */
  readonly resX: number;
  readonly resY: number;
  /** Whether the file is tiled (else stripped). */
  readonly tiled: boolean;
  /** Size of the file in bytes. */
  readonly fileBytes: number;
}

/** A window of elevations. Pixel (i, j) of the window covers model x from `cornerX + i·resX`. */
export interface DemRaster {
  readonly info: DemInfo;
  readonly width: number;
  readonly height: number;
  /** Elevations, row-major, NaN where the DEM has no data. */
  readonly values: Float32Array;
  /** Model coordinates of the outer corner of the window's pixel (0, 0). */
  readonly cornerX: number;
  readonly cornerY: number;
  /** Pixel size of the window in model units (larger than the file's when decimated). */
  readonly resX: number;
  readonly resY: number;
}

/** A byte source for geotiff: counts what it reads. */
interface ByteSource {
  fetch(slices: ReadonlyArray<{ offset: number; length: number }>, signal?: AbortSignal): Promise<ArrayBuffer[]>;
  fetchSlice(slice: { offset: number; length: number }, signal?: AbortSignal): Promise<{ offset: number; length: number; data: ArrayBuffer }>;
  readonly fileSize: number;
  close(): Promise<void>;
}

type GeoTiffSource = Parameters<typeof GeoTIFF.fromSource>[0];

function makeSource(input: Blob | ArrayBuffer, counter: { bytes: number }): ByteSource {
  const size = input instanceof ArrayBuffer ? input.byteLength : input.size;
  const read = async (offset: number, length: number): Promise<ArrayBuffer> => {
    const end = Math.min(size, offset + length);
    const start = Math.min(offset, end);
    counter.bytes += end - start;
    return input instanceof ArrayBuffer ? input.slice(start, end) : input.slice(start, end).arrayBuffer();
  };
  return {
    fetch: (slices) => Promise.all(slices.map((s) => read(s.offset, s.length))),
    fetchSlice: async (slice) => ({ offset: slice.offset, length: slice.length, data: await read(slice.offset, slice.length) }),
    fileSize: size,
    close: async () => {},
  };
}

const WGS84_LONGLAT = '+proj=longlat +datum=WGS84 +no_defs';

/** The DEM CRS for an EPSG code, or null when the reader does not know it. */
export function demCrsForEpsg(epsg: number): DemCrs | null {
  if (epsg === 4326) return { kind: 'geographic', epsg, proj4: WGS84_LONGLAT };
  if (epsg >= 32601 && epsg <= 32660) {
    return { kind: 'projected', epsg, proj4: `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs` };
  }
  if (epsg >= 32701 && epsg <= 32760) {
    return { kind: 'projected', epsg, proj4: `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs` };
  }
  const info = findCrs(epsg);
  if (info === undefined) return null;
  return { kind: info.kind === 'geographic' ? 'geographic' : 'projected', epsg, proj4: info.proj4 };
}

function sampleTypeOf(image: GeoTIFFImage): DemSampleType | null {
  const format = image.getSampleFormat(0);
  const bits = image.getBitsPerSample(0);
  if (format === 2 && bits === 16) return 'int16';
  if (format === 1 && bits === 16) return 'uint16';
  if (format === 2 && bits === 32) return 'int32';
  if (format === 3 && bits === 32) return 'float32';
  if (format === 3 && bits === 64) return 'float64';
  return null;
}

type Params = Readonly<Record<string, string | number>>;

function problem(reason: DemReason, detail: DemDetail, params: Params, message: string): DemProblem {
  return { ok: false, reason, detail, params, message };
}

/** Result of {@link openDem}. */
export type OpenDemResult = { ok: true; dem: DemFile } | DemProblem;

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 200);
}

/**
 * Opens a DEM GeoTIFF from a Blob/File (read slice by slice) or an ArrayBuffer. Reads only the
 * header and first IFD. Data problems come back as values whose messages name the file (`name`,
 * or the File's own name); nothing in the file can make it throw.
 */
export async function openDem(input: Blob | ArrayBuffer, name?: string): Promise<OpenDemResult> {
  const fileName = name ?? (typeof File !== 'undefined' && input instanceof File ? input.name : undefined);
  const zh = fileName === undefined ? '' : `文件 ${fileName}：`;
  const en = fileName === undefined ? '' : `file ${fileName}: `;
  const named: Params = fileName === undefined ? {} : { file: fileName };
  const fail: Fail = (reason, detail, params, zhText, enText) => problem(reason, detail, { ...named, ...params }, `${zh}${zhText} / ${en}${enText}`);
  try {
    return await openDemChecked(input, fail);
  } catch (e) {
    return fail(DEM_NOT_TIFF, 'dem-unreadable-structure', {}, `无法读取的 GeoTIFF 结构`, `unreadable GeoTIFF structure: ${errorText(e)}`);
  }
}

type Fail = (reason: DemReason, detail: DemDetail, params: Params, zh: string, en: string) => DemProblem;

async function openDemChecked(input: Blob | ArrayBuffer, fail: Fail): Promise<OpenDemResult> {
  const counter = { bytes: 0 };
  const source = makeSource(input, counter);
  let tiff: GeoTIFF;
  let image: GeoTIFFImage;
  try {
    tiff = await GeoTIFF.fromSource(source as unknown as GeoTiffSource);
    image = await tiff.getImage(0);
  } catch (e) {
    return fail(DEM_NOT_TIFF, 'dem-not-tiff', {}, '不是可读取的 GeoTIFF', `not a readable GeoTIFF: ${errorText(e)}`);
  }
  const width = image.getWidth();
  const height = image.getHeight();
  if (!(width > 0) || !(height > 0)) {
    return fail(DEM_EMPTY, 'dem-empty', { width, height }, `栅格大小为 ${width} × ${height}，没有像元`, `the raster is ${width} × ${height} pixels: no data`);
  }
  const sampleType = sampleTypeOf(image);
  if (sampleType === null) {
    return fail(
      DEM_UNSUPPORTED_TYPE,
      'dem-unsupported-type',
      { format: image.getSampleFormat(0), bits: image.getBitsPerSample(0) },
      `不支持的高程数据类型（格式 ${image.getSampleFormat(0)}，${image.getBitsPerSample(0)} 位）`,
      `unsupported sample type (format ${image.getSampleFormat(0)}, ${image.getBitsPerSample(0)} bit)`,
    );
  }
  const keys = image.getGeoKeys() ?? {};
  const directory = image.getFileDirectory();
  const transform = directory.getValue('ModelTransformation') as number[] | undefined;
  const hasTiepoint = directory.getValue('ModelTiepoint') !== undefined || transform !== undefined;
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const epsg = model === 1 || (model === undefined && projected !== undefined) ? projected : geographic;
  if (epsg === undefined && !hasTiepoint) {
    return fail(DEM_NO_GEOREFERENCE, 'dem-no-georeference', {}, '没有地理参考（既无 GeoKeys 坐标系，也无控制点/变换）', 'no georeference (neither a GeoKeys CRS nor a tiepoint/transformation)');
  }
  if (epsg === undefined) {
    return fail(DEM_UNSUPPORTED_CRS, 'dem-no-epsg', {}, '文件未给出 EPSG 坐标系', 'the GeoKeys name no EPSG CRS');
  }
  const crs = demCrsForEpsg(epsg);
  if (crs === null) {
    return fail(
      DEM_UNSUPPORTED_CRS,
      'dem-unsupported-crs',
      { epsg },
      `不支持的坐标系 EPSG:${epsg}（支持 4326、4490、326xx/327xx UTM、4491–4554 高斯-克吕格）`,
      `unsupported CRS EPSG:${epsg}`,
    );
  }
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (e) {
    return fail(DEM_NO_GEOREFERENCE, 'dem-georeference-missing', {}, '缺少地理参考', `no georeference: ${errorText(e)}`);
  }
  if (transform !== undefined && ((transform[1] ?? 0) !== 0 || (transform[4] ?? 0) !== 0)) {
    return fail(DEM_NO_GEOREFERENCE, 'dem-rotated', {}, '不支持旋转的地理变换', 'rotated model transformations are not supported');
  }
  const [ox, oy] = origin;
  const [rx, ry] = resolution;
  if (ox === undefined || oy === undefined || rx === undefined || ry === undefined || rx === 0 || ry === 0 || ![ox, oy, rx, ry].every(Number.isFinite)) {
    return fail(DEM_NO_GEOREFERENCE, 'dem-georeference-invalid', { origin: `${ox}, ${oy}`, pixel: `${rx}, ${ry}` }, `地理参考不完整或无效（原点 ${ox}, ${oy}，像元 ${rx}, ${ry}）`, `incomplete or invalid georeference (origin ${ox}, ${oy}; pixel ${rx}, ${ry})`);
  }
  const isArea = image.pixelIsArea();
  const info: DemInfo = {
    width,
    height,
    crs,
    sampleType,
    noData: image.getGDALNoData(),
    cornerX: isArea ? ox : ox - rx / 2,
    cornerY: isArea ? oy : oy - ry / 2,
    resX: rx,
    resY: ry,
    tiled: image.isTiled,
    fileBytes: source.fileSize,
  };
  return { ok: true, dem: new DemFile(info, image, counter, fail) };
}

/** Options of {@link DemFile.readRegion}. */
export interface ReadRegionOptions {
  /** Extra pixels around the region (default 2). */
  readonly marginPx?: number;
  /**
   * Largest number of output pixels (default 16 777 216). A larger window is decimated by nearest
   * neighbour into a coarser grid (geotiff `readRasters` width/height), which keeps nodata intact.
   */
  readonly maxPixels?: number;
}

/** An opened DEM: metadata plus windowed reads. */
export class DemFile {
  /** Metadata of the DEM. */
  readonly info: DemInfo;
  private readonly image: GeoTIFFImage;
  private readonly counter: { bytes: number };
  private readonly toDem: Converter | null;
  private readonly fail: Fail;

  /** Use {@link openDem}. */
  constructor(info: DemInfo, image: GeoTIFFImage, counter: { bytes: number }, fail?: Fail) {
    this.info = info;
    this.image = image;
    this.counter = counter;
    this.fail = fail ?? ((reason, detail, params, zh, en) => problem(reason, detail, params, `${zh} / ${en}`));
    this.toDem = info.crs.kind === 'geographic' ? null : proj4(WGS84_LONGLAT, info.crs.proj4);
  }

  /** Bytes fetched from the source so far (header, IFD and data blocks). */
  get bytesRead(): number {
    return this.counter.bytes;
  }

  /** Lon/lat (degrees) → DEM model coordinates. */
  toModel(lon: number, lat: number): [number, number] {
    if (this.toDem === null) return [lon, lat];
    const out = this.toDem.forward([lon, lat]);
    return [out[0] as number, out[1] as number];
  }

  /** DEM model coordinates → lon/lat (degrees). */
  toLonLat(x: number, y: number): [number, number] {
    if (this.toDem === null) return [x, y];
    const out = this.toDem.inverse([x, y]);
    return [out[0] as number, out[1] as number];
  }

  /** Lon/lat bounds of the whole DEM ([west, south, east, north]). */
  lonLatBounds(): [number, number, number, number] {
    const { cornerX, cornerY, resX, resY, width, height } = this.info;
    return boundsOf(this, cornerX, cornerY, cornerX + width * resX, cornerY + height * resY);
  }

  /** Reads a pixel window [x0, y0, x1, y1) of the file (clipped to the raster), NaN for nodata. */
  async readWindow(window: readonly [number, number, number, number], outWidth?: number, outHeight?: number): Promise<DemRaster> {
    const { info } = this;
    const x0 = Math.max(0, Math.floor(window[0]));
    const y0 = Math.max(0, Math.floor(window[1]));
    const x1 = Math.min(info.width, Math.ceil(window[2]));
    const y1 = Math.min(info.height, Math.ceil(window[3]));
    if (x1 <= x0 || y1 <= y0) throw new RangeError(`empty window [${window.join(', ')}]`);
    const w = outWidth ?? x1 - x0;
    const h = outHeight ?? y1 - y0;
    const options = { window: [x0, y0, x1, y1], samples: [0], interleave: true as const, fillValue: NaN };
    const raw =
      w === x1 - x0 && h === y1 - y0
        ? await this.image.readRasters(options)
        : await this.image.readRasters({ ...options, width: w, height: h, resampleMethod: 'nearest' });
    const values = new Float32Array(w * h);
    const nd = info.noData;
    for (let i = 0; i < values.length; i++) {
      const v = (raw as unknown as ArrayLike<number>)[i] as number;
      values[i] = v === nd || !Number.isFinite(v) ? NaN : v;
    }
    const resX = (info.resX * (x1 - x0)) / w;
    const resY = (info.resY * (y1 - y0)) / h;
    return {
      info,
      width: w,
      height: h,
      values,
      cornerX: info.cornerX + x0 * info.resX,
      cornerY: info.cornerY + y0 * info.resY,
      resX,
      resY,
    };
  }

  /**
   * Reads the window covering a lon/lat box ([west, south, east, north]) and returns a sampler
   * over it. Only the strips or tiles touching the window are fetched.
   */
  async readRegion(box: readonly [number, number, number, number], options: ReadRegionOptions = {}): Promise<
    { ok: true; sampler: DemSampler } | DemProblem
  > {
    const [w, s, e, n] = box;
    if (!(e > w) || !(n > s)) throw new RangeError('region box must have east > west and north > south');
    const margin = options.marginPx ?? 2;
    const maxPixels = options.maxPixels ?? 16_777_216;
    let minPx = Infinity;
    let minPy = Infinity;
    let maxPx = -Infinity;
    let maxPy = -Infinity;
    const steps = 16;
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      for (const [lon, lat] of [
        [w + (e - w) * t, s],
        [w + (e - w) * t, n],
        [w, s + (n - s) * t],
        [e, s + (n - s) * t],
      ] as const) {
        const [x, y] = this.toModel(lon, lat);
        const px = (x - this.info.cornerX) / this.info.resX;
        const py = (y - this.info.cornerY) / this.info.resY;
        minPx = Math.min(minPx, px);
        maxPx = Math.max(maxPx, px);
        minPy = Math.min(minPy, py);
        maxPy = Math.max(maxPy, py);
      }
    }
    const x0 = Math.max(0, Math.floor(minPx) - margin);
    const y0 = Math.max(0, Math.floor(minPy) - margin);
    const x1 = Math.min(this.info.width, Math.ceil(maxPx) + margin);
    const y1 = Math.min(this.info.height, Math.ceil(maxPy) + margin);
    if (x1 <= x0 || y1 <= y0) {
      return this.fail(DEM_OUTSIDE, 'dem-outside', {}, '所选区域不在高程数据范围内', 'the region lies outside the DEM');
    }
    const pixels = (x1 - x0) * (y1 - y0);
    let outW = x1 - x0;
    let outH = y1 - y0;
    if (pixels > maxPixels) {
      const f = Math.sqrt(pixels / maxPixels);
      outW = Math.max(1, Math.floor(outW / f));
      outH = Math.max(1, Math.floor(outH / f));
    }
    let raster: DemRaster;
    try {
      raster = await this.readWindow([x0, y0, x1, y1], outW, outH);
    } catch (e) {
      return this.fail(DEM_READ_FAILED, 'dem-read-failed', { window: `${x0},${y0}–${x1},${y1}` }, `像元数据无法读取（窗口 ${x0},${y0}–${x1},${y1}）`, `the pixel data cannot be read (window ${x0},${y0}–${x1},${y1}): ${errorText(e)}`);
    }
    return { ok: true, sampler: new DemSampler(this, raster) };
  }
}

function boundsOf(dem: DemFile, x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const steps = 8;
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    for (const [x, y] of [
      [x0 + (x1 - x0) * t, y0],
      [x0 + (x1 - x0) * t, y1],
      [x0, y0 + (y1 - y0) * t],
      [x1, y0 + (y1 - y0) * t],
    ] as const) {
      const [lon, lat] = dem.toLonLat(x, y);
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

/** Anything that gives an elevation for a lon/lat. */
export interface ElevationSource {
  /** Elevation (m) at lon/lat, NaN outside the data or over nodata. */
  elevationAt(lon: number, lat: number): number;
}

/**
 * Bilinear elevation sampler over a window read from a DEM. Pixel values sit at pixel centres.
 * Nodata: NaN when the nearest pixel is nodata, otherwise the bilinear weights of the valid
 * neighbours are renormalised.
 */
export class DemSampler implements ElevationSource {
  /** The window the sampler reads from. */
  readonly raster: DemRaster;
  private readonly dem: DemFile;

  /** Use {@link DemFile.readRegion}. */
  constructor(dem: DemFile, raster: DemRaster) {
    this.dem = dem;
    this.raster = raster;
  }

  /** Lon/lat bounds of the window. */
  lonLatBounds(): [number, number, number, number] {
    const r = this.raster;
    return boundsOf(this.dem, r.cornerX, r.cornerY, r.cornerX + r.width * r.resX, r.cornerY + r.height * r.resY);
  }

  /** Elevation at lon/lat (degrees). */
  elevationAt(lon: number, lat: number): number {
    const [x, y] = this.dem.toModel(lon, lat);
    return this.elevationAtModel(x, y);
  }

  /** Elevation at DEM model coordinates. */
  elevationAtModel(x: number, y: number): number {
    const r = this.raster;
    const fx = (x - r.cornerX) / r.resX - 0.5;
    const fy = (y - r.cornerY) / r.resY - 0.5;
    if (!(fx >= -0.5 && fy >= -0.5 && fx <= r.width - 0.5 && fy <= r.height - 0.5)) return NaN;
    const nearest = r.values[Math.min(r.height - 1, Math.max(0, Math.round(fy))) * r.width + Math.min(r.width - 1, Math.max(0, Math.round(fx)))];
    if (nearest === undefined || Number.isNaN(nearest)) return NaN;
    const i0 = Math.max(0, Math.min(r.width - 1, Math.floor(fx)));
    const j0 = Math.max(0, Math.min(r.height - 1, Math.floor(fy)));
    const i1 = Math.min(r.width - 1, i0 + 1);
    const j1 = Math.min(r.height - 1, j0 + 1);
    const tx = Math.max(0, Math.min(1, fx - i0));
    const ty = Math.max(0, Math.min(1, fy - j0));
    let sum = 0;
    let weight = 0;
    const add = (i: number, j: number, wgt: number): void => {
      if (wgt <= 0) return;
      const v = r.values[j * r.width + i];
      if (v === undefined || Number.isNaN(v)) return;
      sum += v * wgt;
      weight += wgt;
    };
    add(i0, j0, (1 - tx) * (1 - ty));
    add(i1, j0, tx * (1 - ty));
    add(i0, j1, (1 - tx) * ty);
    add(i1, j1, tx * ty);
    return weight > 0 ? sum / weight : nearest;
  }

  /**
   * Ground size of a window pixel in metres ([x, y], both positive): the model units for a
   * projected DEM, or the GRS80 arc lengths of the pixel's degrees at latitude `lat`.
   */
  pixelSizeM(lat: number): [number, number] {
    const r = this.raster;
    if (this.dem.info.crs.kind === 'projected') return [Math.abs(r.resX), Math.abs(r.resY)];
    const phi = (lat * Math.PI) / 180;
    const e2 = GRS80_F * (2 - GRS80_F);
    const sin2 = Math.sin(phi) ** 2;
    const nRadius = GRS80_A / Math.sqrt(1 - e2 * sin2);
    const mRadius = (GRS80_A * (1 - e2)) / (1 - e2 * sin2) ** 1.5;
    const rad = Math.PI / 180;
    return [Math.abs(r.resX) * rad * nRadius * Math.cos(phi), Math.abs(r.resY) * rad * mRadius];
  }
}
