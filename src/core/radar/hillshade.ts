/**
 * Hillshade of a DEM window as an RGBA image (Horn's 3×3 slope and aspect, as in GDAL's
 * `gdaldem hillshade`): shade = cos(zenith)·cos(slope) + sin(zenith)·sin(slope)·cos(azimuth − aspect),
 * grey = 255·max(0, shade). Nodata pixels are transparent; edges reuse the nearest valid row/column.
 */

/** Options of {@link hillshade}. */
export interface HillshadeOptions {
  /** Light azimuth, degrees clockwise from north (default 315). */
  readonly azimuthDeg?: number;
  /** Light altitude above the horizon (default 45). */
  readonly altitudeDeg?: number;
  /** Vertical exaggeration (default 1). */
  readonly zFactor?: number;
  /** Alpha of valid pixels (default 255). */
  readonly alpha?: number;
}

/** An RGBA image, row-major, 4 bytes per pixel. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/**
 * Shades a grid of elevations (NaN = nodata) with pixel sizes in metres (x east, y south; both
 * positive). Row 0 is the north edge.
 */
export function hillshade(
  grid: { readonly width: number; readonly height: number; readonly values: ArrayLike<number> },
  cellXM: number,
  cellYM: number,
  options: HillshadeOptions = {},
): RgbaImage {
  const { width: w, height: h, values } = grid;
  if (!(cellXM > 0) || !(cellYM > 0)) throw new RangeError('cell sizes must be > 0');
  if (values.length !== w * h) throw new RangeError('values do not match width × height');
  const zenith = ((90 - (options.altitudeDeg ?? 45)) * Math.PI) / 180;
  const azimuth = ((options.azimuthDeg ?? 315) * Math.PI) / 180;
  const z = options.zFactor ?? 1;
  const alpha = options.alpha ?? 255;
  const data = new Uint8ClampedArray(w * h * 4);
  const at = (i: number, j: number, fallback: number): number => {
    const v = values[Math.min(h - 1, Math.max(0, j)) * w + Math.min(w - 1, Math.max(0, i))] as number;
    return Number.isNaN(v) ? fallback : v;
  };
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const c = values[j * w + i] as number;
      const o = (j * w + i) * 4;
      if (Number.isNaN(c)) continue;
      const a = at(i - 1, j - 1, c);
      const b = at(i, j - 1, c);
      const cc = at(i + 1, j - 1, c);
      const d = at(i - 1, j, c);
      const f = at(i + 1, j, c);
      const g = at(i - 1, j + 1, c);
      const hh = at(i, j + 1, c);
      const k = at(i + 1, j + 1, c);
      // dz/dx eastwards, dz/dy northwards (row index grows southwards).
      const dzdx = (cc + 2 * f + k - (a + 2 * d + g)) / (8 * cellXM);
      const dzdy = (a + 2 * b + cc - (g + 2 * hh + k)) / (8 * cellYM);
      const slope = Math.atan(z * Math.hypot(dzdx, dzdy));
      // Aspect: direction the slope faces (downhill), clockwise from north.
      const aspect = Math.atan2(-dzdx, -dzdy);
      const shade = Math.cos(zenith) * Math.cos(slope) + Math.sin(zenith) * Math.sin(slope) * Math.cos(azimuth - aspect);
      const grey = Math.round(255 * Math.max(0, shade));
      data[o] = grey;
      data[o + 1] = grey;
      data[o + 2] = grey;
      data[o + 3] = alpha;
    }
  }
  return { width: w, height: h, data };
}
