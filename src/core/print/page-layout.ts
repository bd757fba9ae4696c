/**
 * Page arithmetic of a printed map sheet: paper sizes, dots per inch to pixels, map scale to ground
 * metres per pixel and to a Web Mercator zoom, the round length of a scale bar, and where the title,
 * the map and the side panel sit on the page (millimetres from the page's top-left corner).
 * Pure: no DOM, no map library.
 */

/** Paper sizes offered (ISO 216). */
export const PAPERS = ['A4', 'A3', 'A2'] as const;
/** One of {@link PAPERS}. */
export type Paper = (typeof PAPERS)[number];
/** Page orientations. */
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
/** One of {@link ORIENTATIONS}. */
export type Orientation = (typeof ORIENTATIONS)[number];
/** Print resolutions offered, dots per inch. */
export const PRINT_DPIS = [150, 300] as const;
/** One of {@link PRINT_DPIS}. */
export type PrintDpi = (typeof PRINT_DPIS)[number];
/** Scale denominators offered (1:5,000 … 1:50,000); `fit` keeps the area on screen instead. */
export const PRINT_SCALES = [5000, 10000, 25000, 50000] as const;
/** A fixed scale denominator or `fit`. */
export type PrintScale = (typeof PRINT_SCALES)[number] | 'fit';

/** ISO 216 sizes in millimetres, short side first. */
export const PAPER_MM: Readonly<Record<Paper, readonly [number, number]>> = { A4: [210, 297], A3: [297, 420], A2: [420, 594] };

/** Millimetres in an inch. */
export const MM_PER_INCH = 25.4;
/** Millimetres in a PostScript/PDF point (1/72 inch). */
export const MM_PER_POINT = MM_PER_INCH / 72;
/** CSS pixels per inch. */
export const CSS_DPI = 96;
/** Equatorial circumference of the WGS84 / CGCS2000 ellipsoid, m (the Web Mercator scale at zoom 0). */
export const EQUATOR_M = 40_075_016.686;
/** Size of a Web Mercator tile in CSS pixels as MapLibre counts zoom. */
export const TILE_PX = 512;

/** A box on the page, millimetres from the top-left corner. */
export interface BoxMm {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Page width and height in millimetres. */
export function pageSizeMm(paper: Paper, orientation: Orientation): { widthMm: number; heightMm: number } {
  const [short, long] = PAPER_MM[paper];
  return orientation === 'portrait' ? { widthMm: short, heightMm: long } : { widthMm: long, heightMm: short };
}

/** Whole device pixels covering `mm` at `dpi`. */
export function mmToPx(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

/** Pixels per inch of `px` pixels printed over `mm` millimetres. */
export function pxPerInch(px: number, mm: number): number {
  return px / (mm / MM_PER_INCH);
}

/** Ground metres covered by one device pixel printed at `dpi` on a map at 1:`scale`. */
export function metresPerDevicePixel(scale: number, dpi: number): number {
  return (scale * MM_PER_INCH) / 1000 / dpi;
}

/** The scale denominator of a map whose device pixels each cover `metresPerPx` ground metres when printed at `dpi`. */
export function scaleOf(metresPerPx: number, dpi: number): number {
  return (metresPerPx * dpi * 1000) / MM_PER_INCH;
}

/**
 * The MapLibre zoom at which one CSS pixel covers `metresPerCssPx` ground metres at latitude `latDeg`
 * (the Web Mercator scale factor 1/cos φ taken at the map's centre).
 */
export function zoomForResolution(metresPerCssPx: number, latDeg: number): number {
  return Math.log2((EQUATOR_M * Math.cos((latDeg * Math.PI) / 180)) / (TILE_PX * metresPerCssPx));
}

/** Ground metres per CSS pixel at latitude `latDeg` and MapLibre zoom `zoom` (inverse of {@link zoomForResolution}). */
export function resolutionAtZoom(zoom: number, latDeg: number): number {
  return (EQUATOR_M * Math.cos((latDeg * Math.PI) / 180)) / (TILE_PX * 2 ** zoom);
}

/** The largest round length (1, 2 or 5 × 10ⁿ m) not longer than `maxM`; 0 when `maxM` is not positive. */
export function niceScaleLength(maxM: number): number {
  if (!(maxM > 0) || !Number.isFinite(maxM)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxM));
  for (const k of [5, 2, 1]) if (k * p <= maxM * (1 + 1e-12)) return k * p;
  return p;
}

/** A scale bar: its ground length (round) and its printed length. */
export interface ScaleBar {
  readonly lengthM: number;
  readonly lengthMm: number;
}

/** The scale bar of a map at 1:`scale` that may be at most `maxMm` long on paper. */
export function scaleBar(scale: number, maxMm: number): ScaleBar {
  const lengthM = niceScaleLength((maxMm / 1000) * scale);
  return { lengthM, lengthMm: (lengthM / scale) * 1000 };
}

/** Where the parts of a map sheet sit on the page. */
export interface SheetLayout {
  readonly paper: Paper;
  readonly orientation: Orientation;
  readonly widthMm: number;
  readonly heightMm: number;
  /** Page margin on every side (the `@page` margin). */
  readonly marginMm: number;
  readonly title: BoxMm;
  readonly map: BoxMm;
  /** Legend, scale, sources, CRS note, review number, date and disclaimer. */
  readonly side: BoxMm;
}

/** Height of the title band, mm. */
const TITLE_MM = 14;
/** Gap between the parts, mm. */
const GAP_MM = 4;
/** Side panel width on landscape pages and band height on portrait pages, per paper, mm. */
const SIDE_MM: Readonly<Record<Paper, number>> = { A4: 62, A3: 80, A2: 100 };

/**
 * The sheet's layout: a title band across the top, the map below it, and the side panel on the
 * right of the map on landscape pages or under it on portrait pages. Boxes are in page millimetres.
 */
export function sheetLayout(paper: Paper, orientation: Orientation, marginMm = 10): SheetLayout {
  const { widthMm, heightMm } = pageSizeMm(paper, orientation);
  const innerW = widthMm - 2 * marginMm;
  const innerH = heightMm - 2 * marginMm;
  const title: BoxMm = { x: marginMm, y: marginMm, w: innerW, h: TITLE_MM };
  const top = marginMm + TITLE_MM + GAP_MM;
  const bodyH = innerH - TITLE_MM - GAP_MM;
  const side = SIDE_MM[paper];
  if (orientation === 'landscape') {
    const mapW = innerW - side - GAP_MM;
    return { paper, orientation, widthMm, heightMm, marginMm, title, map: { x: marginMm, y: top, w: mapW, h: bodyH }, side: { x: marginMm + mapW + GAP_MM, y: top, w: side, h: bodyH } };
  }
  const mapH = bodyH - side - GAP_MM;
  return { paper, orientation, widthMm, heightMm, marginMm, title, map: { x: marginMm, y: top, w: innerW, h: mapH }, side: { x: marginMm, y: top + mapH + GAP_MM, w: innerW, h: side } };
}

/** The map image's size in device pixels for a layout printed at `dpi`. */
export function mapPixels(layout: SheetLayout, dpi: number): { width: number; height: number } {
  return { width: mmToPx(layout.map.w, dpi), height: mmToPx(layout.map.h, dpi) };
}

/** The whole page's size in device pixels at `dpi` (the PNG export). */
export function pagePixels(layout: SheetLayout, dpi: number): { width: number; height: number } {
  return { width: mmToPx(layout.widthMm, dpi), height: mmToPx(layout.heightMm, dpi) };
}

/** The `@page` rule of a page of this paper and orientation. */
export function pageRule(paper: Paper, orientation: Orientation, marginMm: number): string {
  return `@page { size: ${paper} ${orientation}; margin: ${marginMm}mm; }`;
}

/** Print settings chosen in the print dialog. */
export interface PrintSettings {
  readonly paper: Paper;
  readonly orientation: Orientation;
  readonly scale: PrintScale;
  readonly dpi: PrintDpi;
  readonly title: string;
}

/** Reads a print setting from untrusted text (a form field, a URL); returns null for anything not offered. */
export function parsePrintSettings(input: { paper: string; orientation: string; scale: string; dpi: string; title: string }): PrintSettings | null {
  const paper = PAPERS.find((p) => p === input.paper);
  const orientation = ORIENTATIONS.find((o) => o === input.orientation);
  const dpi = PRINT_DPIS.find((d) => String(d) === input.dpi);
  const scale = input.scale === 'fit' ? 'fit' : PRINT_SCALES.find((s) => String(s) === input.scale);
  if (!paper || !orientation || !dpi || !scale) return null;
  return { paper, orientation, scale, dpi, title: input.title.trim().slice(0, 120) };
}
