import { describe, expect, it } from 'vitest';
import {
  MM_PER_POINT,
  mapPixels,
  metresPerDevicePixel,
  mmToPx,
  niceScaleLength,
  pagePixels,
  pageSizeMm,
  parsePrintSettings,
  pxPerInch,
  resolutionAtZoom,
  scaleBar,
  scaleOf,
  sheetLayout,
  zoomForResolution,
} from '../../../../src/core/print/page-layout';

describe('paper and pixels', () => {
  it('gives ISO 216 sizes and the PDF points poppler reports for A3 landscape', () => {
    expect(pageSizeMm('A3', 'landscape')).toEqual({ widthMm: 420, heightMm: 297 });
    expect(pageSizeMm('A4', 'portrait')).toEqual({ widthMm: 210, heightMm: 297 });
    expect(pageSizeMm('A2', 'landscape')).toEqual({ widthMm: 594, heightMm: 420 });
    // pdfinfo of an A3 landscape page: "Page size: 1190.55 x 841.89 pts (A3)"
    expect((420 / MM_PER_POINT).toFixed(2)).toBe('1190.55');
    expect((297 / MM_PER_POINT).toFixed(2)).toBe('841.89');
  });

  it('converts millimetres to pixels at a resolution (A3 at 300 dpi is 4961 × 3508, A4 at 150 dpi 1240 × 1754)', () => {
    expect(pagePixels(sheetLayout('A3', 'landscape'), 300)).toEqual({ width: 4961, height: 3508 });
    expect(pagePixels(sheetLayout('A4', 'portrait'), 150)).toEqual({ width: 1240, height: 1754 });
    expect(mmToPx(25.4, 300)).toBe(300);
  });

  it('sizes the map image so that its pixels print at the chosen resolution', () => {
    for (const paper of ['A4', 'A3', 'A2'] as const) {
      for (const o of ['portrait', 'landscape'] as const) {
        const layout = sheetLayout(paper, o);
        for (const dpi of [150, 300]) {
          const px = mapPixels(layout, dpi);
          expect(Math.abs(pxPerInch(px.width, layout.map.w) - dpi)).toBeLessThan(0.2);
          expect(Math.abs(pxPerInch(px.height, layout.map.h) - dpi)).toBeLessThan(0.2);
        }
      }
    }
  });
});

describe('scale', () => {
  it('gives ground metres per printed pixel and back', () => {
    // 1:10,000 at 300 dpi: one pixel is 25.4 mm / 300 = 0.084667 mm on paper, 0.84667 m on the ground.
    expect(metresPerDevicePixel(10_000, 300)).toBeCloseTo(0.846667, 5);
    expect(metresPerDevicePixel(50_000, 150)).toBeCloseTo(8.466667, 5);
    expect(scaleOf(metresPerDevicePixel(25_000, 300), 300)).toBeCloseTo(25_000, 6);
  });

  it('matches the Web Mercator resolution MapLibre uses (78,271.517 m per pixel at zoom 0 on the equator)', () => {
    expect(resolutionAtZoom(0, 0)).toBeCloseTo(78_271.517, 2);
    // Taiyuan, 37.87° N: cos φ shrinks the ground size of a pixel.
    const z = zoomForResolution(1.5, 37.87);
    expect(resolutionAtZoom(z, 37.87)).toBeCloseTo(1.5, 9);
    expect(resolutionAtZoom(z, 0)).toBeCloseTo(1.5 / Math.cos((37.87 * Math.PI) / 180), 9);
  });

  it('picks a round scale-bar length no longer than the room', () => {
    expect(niceScaleLength(0)).toBe(0);
    expect(niceScaleLength(-3)).toBe(0);
    expect(niceScaleLength(999)).toBe(500);
    expect(niceScaleLength(1000)).toBe(1000);
    expect(niceScaleLength(1999)).toBe(1000);
    expect(niceScaleLength(4800)).toBe(2000);
    expect(niceScaleLength(0.7)).toBe(0.5);
    // 1:10,000, 60 mm of room = 600 m: the bar is 500 m = 50 mm.
    expect(scaleBar(10_000, 60)).toEqual({ lengthM: 500, lengthMm: 50 });
    const b = scaleBar(25_000, 70);
    expect(b.lengthM).toBe(1000);
    expect(b.lengthMm).toBeCloseTo(40, 9);
  });
});

describe('sheet layout', () => {
  it('keeps every box on the page, inside the margins, without overlaps', () => {
    for (const paper of ['A4', 'A3', 'A2'] as const) {
      for (const o of ['portrait', 'landscape'] as const) {
        const l = sheetLayout(paper, o);
        for (const b of [l.title, l.map, l.side]) {
          expect(b.x).toBeGreaterThanOrEqual(l.marginMm);
          expect(b.y).toBeGreaterThanOrEqual(l.marginMm);
          expect(b.x + b.w).toBeLessThanOrEqual(l.widthMm - l.marginMm + 1e-9);
          expect(b.y + b.h).toBeLessThanOrEqual(l.heightMm - l.marginMm + 1e-9);
          expect(b.w).toBeGreaterThan(0);
          expect(b.h).toBeGreaterThan(0);
        }
        expect(l.map.y).toBeGreaterThanOrEqual(l.title.y + l.title.h);
        if (o === 'landscape') expect(l.side.x).toBeGreaterThanOrEqual(l.map.x + l.map.w);
        else expect(l.side.y).toBeGreaterThanOrEqual(l.map.y + l.map.h);
      }
    }
  });
});

describe('settings from the form', () => {
  it('accepts only what is offered', () => {
    expect(parsePrintSettings({ paper: 'A3', orientation: 'landscape', scale: '10000', dpi: '300', title: '  标题 ' })).toEqual({
      paper: 'A3',
      orientation: 'landscape',
      scale: 10000,
      dpi: 300,
      title: '标题',
    });
    expect(parsePrintSettings({ paper: 'A3', orientation: 'landscape', scale: 'fit', dpi: '150', title: '' })?.scale).toBe('fit');
    expect(parsePrintSettings({ paper: 'A5', orientation: 'landscape', scale: '10000', dpi: '300', title: '' })).toBeNull();
    expect(parsePrintSettings({ paper: 'A3', orientation: 'landscape', scale: '12345', dpi: '300', title: '' })).toBeNull();
    expect(parsePrintSettings({ paper: 'A3', orientation: 'landscape', scale: '10000', dpi: '600', title: '' })).toBeNull();
  });
});
