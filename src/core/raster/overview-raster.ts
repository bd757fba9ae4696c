import type { Geometry } from 'geojson';
import { polygonsOf } from '../areas/feature-areas';

/**
 * The overview image of a large layer (issue 9): every polygon filled and outlined once into one
 * PNG in a worker, which the map shows at low zoom (see `LARGE_VECTOR_MIN_ZOOM` in src/map) instead of tiling
 * hundreds of thousands of polygons for a county-wide view. Pixels are linear in Web Mercator
 * over the layer's extent, so MapLibre's image source places them exactly.
 */

/**
 * Longest side of an overview in pixels: about zoom 10.8 for a county 0.6° wide. The image is one
 * texture, uploaded in one frame: 1536² RGBA (9 MB) takes about 100 ms on a software renderer.
 */
export const OVERVIEW_MAX_PIXELS = 1536;

/** Colours of the overview, those of the layer's map style. */
export interface OverviewStyle {
  readonly fill: string;
  readonly fillOpacity: number;
  readonly line: string;
}

/** A mercator-linear pixel grid over an extent. */
export interface OverviewGrid {
  readonly width: number;
  readonly height: number;
  /** [w, s, e, n] of the image's edges in lon/lat (the extent plus one pixel all round). */
  readonly bounds: [number, number, number, number];
  /** Pixel x of a longitude. */
  x(lon: number): number;
  /** Pixel y of a latitude (0 at the north edge). */
  y(lat: number): number;
}

const mercX = (lon: number): number => (lon + 180) / 360;
const mercY = (lat: number): number => {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const lonOf = (x: number): number => x * 360 - 180;
const latOf = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** The pixel grid of an overview of `bbox` whose longer side is `maxPixels`; null for an empty extent. */
export function overviewGrid(bbox: readonly [number, number, number, number], maxPixels = OVERVIEW_MAX_PIXELS): OverviewGrid | null {
  const [w, s, e, n] = bbox;
  const x0 = mercX(w);
  const x1 = mercX(e);
  const y0 = mercY(n);
  const y1 = mercY(s);
  const span = Math.max(x1 - x0, y1 - y0);
  if (!(span > 0) || !Number.isFinite(span)) return null;
  const inner = maxPixels - 2;
  const scale = inner / span;
  const width = Math.max(3, Math.ceil((x1 - x0) * scale) + 2);
  const height = Math.max(3, Math.ceil((y1 - y0) * scale) + 2);
  const left = x0 - 1 / scale;
  const top = y0 - 1 / scale;
  return {
    width,
    height,
    bounds: [lonOf(left), latOf(top + height / scale), lonOf(left + width / scale), latOf(top)],
    x: (lon) => (mercX(lon) - left) * scale,
    y: (lat) => (mercY(lat) - top) * scale,
  };
}

/** Parses `#rrggbb`. */
function rgbOf(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  const v = m?.[1] === undefined ? 0x808080 : parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * Rasterises the polygons of `features` on `grid` into straight-alpha RGBA: each polygon filled
 * by the even-odd rule at pixel centres in `style.fill` at `style.fillOpacity`, and its rings
 * outlined one pixel wide in `style.line`. Plain JavaScript (no canvas), so it runs anywhere and
 * costs a few tens of pixels per parcel.
 */
export function rasterizeOverview(features: ReadonlyArray<{ geometry: Geometry | null }>, grid: OverviewGrid, style: OverviewStyle): Uint8ClampedArray<ArrayBuffer> {
  const { width, height } = grid;
  const rgba = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  const [fr, fg, fb] = rgbOf(style.fill);
  const [lr, lg, lb] = rgbOf(style.line);
  const fa = Math.round(Math.max(0, Math.min(1, style.fillOpacity)) * 255);
  const xs: number[] = [];
  const ys: number[] = [];
  const cross: number[] = [];
  const put = (x: number, y: number, r: number, g: number, b: number, a: number): void => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const o = (y * width + x) * 4;
    rgba[o] = r;
    rgba[o + 1] = g;
    rgba[o + 2] = b;
    rgba[o + 3] = a;
  };
  for (const f of features) {
    for (const polygon of polygonsOf(f.geometry)) {
      xs.length = 0;
      ys.length = 0;
      const starts: number[] = [];
      let minY = Infinity;
      let maxY = -Infinity;
      for (const ring of polygon) {
        starts.push(xs.length);
        for (const p of ring) {
          const y = grid.y(p[1] as number);
          xs.push(grid.x(p[0] as number));
          ys.push(y);
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
      starts.push(xs.length);
      const rows0 = Math.max(0, Math.ceil(minY - 0.5));
      const rows1 = Math.min(height - 1, Math.floor(maxY - 0.5));
      for (let row = rows0; row <= rows1; row++) {
        const cy = row + 0.5;
        cross.length = 0;
        for (let r = 0; r + 1 < starts.length; r++) {
          const a0 = starts[r] as number;
          const a1 = starts[r + 1] as number;
          for (let i = a0; i < a1; i++) {
            const j = i + 1 < a1 ? i + 1 : a0;
            const y0 = ys[i] as number;
            const y1 = ys[j] as number;
            if (y0 <= cy === y1 <= cy) continue;
            const x0 = xs[i] as number;
            cross.push(x0 + ((cy - y0) / (y1 - y0)) * ((xs[j] as number) - x0));
          }
        }
        cross.sort((p, q) => p - q);
        for (let k = 0; k + 1 < cross.length; k += 2) {
          const from = Math.max(0, Math.ceil((cross[k] as number) - 0.5));
          const to = Math.min(width - 1, Math.floor((cross[k + 1] as number) - 0.5));
          for (let x = from; x <= to; x++) put(x, row, fr, fg, fb, fa);
        }
      }
      for (let r = 0; r + 1 < starts.length; r++) {
        const a0 = starts[r] as number;
        const a1 = starts[r + 1] as number;
        for (let i = a0; i + 1 < a1; i++) {
          const x0 = xs[i] as number;
          const y0 = ys[i] as number;
          const dx = (xs[i + 1] as number) - x0;
          const dy = (ys[i + 1] as number) - y0;
          const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))));
          for (let t = 0; t <= steps; t++) put(Math.floor(x0 + (dx * t) / steps), Math.floor(y0 + (dy * t) / steps), lr, lg, lb, 255);
        }
      }
    }
  }
  return rgba;
}

/** The rendered overview: a PNG and the lon/lat edges of its pixels. */
export interface OverviewImage {
  readonly image: Blob;
  readonly bounds: [number, number, number, number];
  readonly width: number;
  readonly height: number;
}

/** The 2D context an overview is encoded with (structural, so that core needs no DOM types). */
export interface OverviewContext {
  createImageData(width: number, height: number): { readonly data: Uint8ClampedArray };
  putImageData(image: { readonly data: Uint8ClampedArray }, dx: number, dy: number): void;
}

/** A canvas that can encode a PNG (an `OffscreenCanvas` in browsers and workers). */
export interface OverviewCanvas {
  getContext(kind: '2d', options?: { willReadFrequently?: boolean }): OverviewContext | null;
  convertToBlob(options: { type: string }): Promise<Blob>;
}

/** Makes a canvas of a size, or null where there is none. */
export type OverviewCanvasFactory = (width: number, height: number) => OverviewCanvas | null;

/**
 * Renders the polygons of `features` into a PNG with `style` ({@link rasterizeOverview}) on a canvas from
 * `createCanvas` (which encodes it); null without a canvas or for an empty extent.
 */
export async function renderOverview(
  features: ReadonlyArray<{ geometry: Geometry | null }>,
  bbox: readonly [number, number, number, number],
  style: OverviewStyle,
  createCanvas: OverviewCanvasFactory,
  maxPixels = OVERVIEW_MAX_PIXELS,
): Promise<OverviewImage | null> {
  const grid = overviewGrid(bbox, maxPixels);
  if (grid === null) return null;
  const canvas = createCanvas(grid.width, grid.height);
  const ctx = canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
  if (canvas === null || ctx === null) return null;
  const image = ctx.createImageData(grid.width, grid.height);
  image.data.set(rasterizeOverview(features, grid, style));
  ctx.putImageData(image, 0, 0);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  return { image: png, bounds: grid.bounds, width: grid.width, height: grid.height };
}
