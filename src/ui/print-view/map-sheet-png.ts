import { MM_PER_INCH, pagePixels } from '../../core/print/page-layout';
import type { BoxMm } from '../../core/print/page-layout';
import { t } from '../../i18n/localize';
import { lengthLabel, sheetScaleBar, sheetText } from './map-sheet';
import type { LegendSwatch, MapSheet } from './map-sheet';
import { PRINT_FONTS } from './print-document';

/**
 * The map sheet as a PNG of the whole page at the chosen resolution: the same layout as the print
 * page ({@link MapSheet}), composited on a canvas of paper × dpi pixels. The map image is drawn
 * pixel for pixel; text uses the system CJK fonts.
 */
export async function mapSheetPng(sheet: MapSheet, mapImage: CanvasImageSource): Promise<Blob> {
  const { layout } = sheet;
  const dpi = sheet.settings.dpi;
  const size = pagePixels(layout, dpi);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  const px = (mm: number): number => (mm / MM_PER_INCH) * dpi;
  const pt = (p: number): number => (p / 72) * dpi;
  const big = layout.paper === 'A4' ? 1 : layout.paper === 'A3' ? 1.2 : 1.45;
  const font = (sizePt: number, bold = false): string => `${bold ? '700 ' : ''}${pt(sizePt * big).toFixed(1)}px ${PRINT_FONTS}`;
  const rect = (b: BoxMm): [number, number, number, number] => [px(b.x), px(b.y), px(b.w), px(b.h)];
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';

  // title
  const [tx, ty, tw, th] = rect(layout.title);
  ctx.font = font(16, true);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(sheet.settings.title, tx + tw / 2, ty + th / 2, tw);
  ctx.lineWidth = px(0.6);
  ctx.beginPath();
  ctx.moveTo(tx, ty + th);
  ctx.lineTo(tx + tw, ty + th);
  ctx.stroke();

  // map, frame, north arrow, scale bar
  const [mx, my, mw, mh] = rect(layout.map);
  ctx.drawImage(mapImage, Math.round(mx), Math.round(my), Math.round(mw), Math.round(mh));
  ctx.lineWidth = px(0.5);
  ctx.strokeRect(mx, my, mw, mh);
  const nx = mx + mw - px(14);
  const ny = my + px(4);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(nx, ny, px(10), px(14));
  ctx.fillStyle = '#000';
  ctx.beginPath();
  ctx.moveTo(nx + px(5), ny + px(1));
  ctx.lineTo(nx + px(8.5), ny + px(10));
  ctx.lineTo(nx + px(5), ny + px(8));
  ctx.closePath();
  ctx.fill();
  ctx.lineWidth = px(0.3);
  ctx.beginPath();
  ctx.moveTo(nx + px(5), ny + px(1));
  ctx.lineTo(nx + px(1.5), ny + px(10));
  ctx.lineTo(nx + px(5), ny + px(8));
  ctx.closePath();
  ctx.stroke();
  ctx.font = `700 ${px(3.4).toFixed(1)}px ${PRINT_FONTS}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(t('print.north', sheet.lang), nx + px(5), ny + px(13.5));

  const bar = sheetScaleBar(sheet);
  const text = sheetText(sheet);
  const bx = mx + px(6);
  const by = my + mh - px(13);
  ctx.font = `${px(2.4).toFixed(1)}px ${PRINT_FONTS}`;
  const boxW = Math.max(px(bar.lengthMm + 4), ctx.measureText(text.scale).width + px(4));
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - px(2), by, boxW, px(9));
  ctx.fillStyle = '#000';
  ctx.fillRect(bx, by + px(1), px(bar.lengthMm / 2), px(1.6));
  ctx.lineWidth = px(0.25);
  ctx.strokeRect(bx, by + px(1), px(bar.lengthMm), px(1.6));
  ctx.font = `${px(2.6).toFixed(1)}px ${PRINT_FONTS}`;
  ctx.textAlign = 'left';
  ctx.fillText('0', bx, by + px(5.5));
  ctx.textAlign = 'right';
  ctx.fillText(lengthLabel(bar.lengthM), bx + px(bar.lengthMm), by + px(5.5));
  ctx.textAlign = 'left';
  ctx.font = `${px(2.4).toFixed(1)}px ${PRINT_FONTS}`;
  ctx.fillText(text.scale, bx, by + px(8.6));

  // side panel
  const [sx, sy, sw, sh] = rect(layout.side);
  ctx.lineWidth = px(0.35);
  ctx.strokeRect(sx, sy, sw, sh);
  ctx.save();
  ctx.beginPath();
  ctx.rect(sx, sy, sw, sh);
  ctx.clip();
  const pad = px(3);
  const columns = layout.orientation === 'portrait' ? 2 : 1;
  const colW = (sw - 2 * pad - (columns - 1) * px(5)) / columns;
  let left = sx + pad;
  const width = colW;
  let y = sy + pad;
  const nextColumn = (): void => {
    if (columns === 1) return;
    left += colW + px(5);
    y = sy + pad;
  };
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const para = (s: string, sizePt: number, indent = 0, bold = false): void => {
    ctx.font = font(sizePt, bold);
    const lh = pt(sizePt * big) * 1.35;
    for (const line of wrap(ctx, s, width - indent)) {
      ctx.fillText(line, left + indent, y);
      y += lh;
    }
  };
  const heading = (s: string): void => {
    y += px(1);
    para(s, 9.5, 0, true);
    ctx.lineWidth = px(0.25);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    y += px(1);
  };
  heading(t('print.scale', sheet.lang));
  para(text.scale, 8);
  para(text.resolution, 8);
  heading(t('print.legend', sheet.lang));
  for (const e of sheet.legend) {
    drawSwatch(ctx, e.swatch, left, y, px);
    const before = y;
    para(e.label, 8, px(10));
    y = Math.max(y, before + px(5.5));
  }
  nextColumn();
  heading(t('print.sources', sheet.lang));
  for (const s of text.sources) para(s, 8);
  para(text.basemap, 8);
  y += px(1);
  for (const n of text.notes) para(n, 7);
  ctx.restore();
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Breaks `s` into lines no wider than `width` (by character: Chinese has no spaces). */
export function wrap(ctx: { measureText(s: string): { width: number } }, s: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of s) {
    if (line !== '' && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = ch.trimStart();
    } else line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function drawSwatch(ctx: CanvasRenderingContext2D, s: LegendSwatch, x: number, y: number, px: (mm: number) => number): void {
  ctx.save();
  if (s.kind === 'zone') {
    ctx.globalAlpha = s.fillOpacity;
    ctx.fillStyle = s.fill;
    ctx.fillRect(x + px(0.5), y + px(0.5), px(7), px(4));
    ctx.globalAlpha = 1;
    ctx.strokeStyle = s.line;
    ctx.lineWidth = px(0.35);
    ctx.strokeRect(x + px(0.5), y + px(0.5), px(7), px(4));
  } else if (s.kind === 'point') {
    ctx.fillStyle = s.fill;
    ctx.beginPath();
    ctx.arc(x + px(4), y + px(2.5), px(1.6), 0, 2 * Math.PI);
    ctx.fill();
  } else {
    ctx.strokeStyle = s.line;
    ctx.lineWidth = px(0.3);
    ctx.setLineDash([px(0.3), px(0.6)]);
    ctx.beginPath();
    ctx.arc(x + px(4), y + px(2.5), px(2.1), 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillStyle = s.line;
    ctx.beginPath();
    ctx.arc(x + px(4), y + px(2.5), px(0.5), 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}
