import { Map as MaplibreMap } from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { CSS_DPI, resolutionAtZoom, zoomForResolution } from '../core/print/page-layout';

/** What to render off-screen: an image of exactly `widthPx` × `heightPx` device pixels. */
export interface OffscreenRequest {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Print resolution: labels, lines and symbols are drawn at their on-screen size in inches (1 CSS px = 1/96 in). */
  readonly dpi: number;
  /**
   * Ground metres per device pixel at the centre latitude (a fixed scale), or null to fit `bounds`
   * (default: the on-screen map's visible area).
   */
  readonly metresPerPixel: number | null;
  /** [west, south, east, north] to fit when `metresPerPixel` is null. */
  readonly bounds?: readonly [number, number, number, number];
  /** Gives up after this long (ms, default 60 s). */
  readonly timeoutMs?: number;
}

/** The rendered map image. */
export interface OffscreenImage {
  readonly png: Blob;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Ground metres per device pixel at the centre latitude, as rendered. */
  readonly metresPerPixel: number;
  readonly center: readonly [number, number];
  /** Attribution texts of the sources drawn (markup removed). */
  readonly attributions: readonly string[];
}

/** Why an off-screen render failed: `too-large` (beyond the browser's drawing-buffer limit), `timeout`, `render-failed`. */
export class OffscreenRenderError extends Error {
  constructor(
    readonly code: 'too-large' | 'timeout' | 'render-failed',
    message: string,
  ) {
    super(message);
    this.name = 'OffscreenRenderError';
  }
}

/**
 * The source map's style as a self-contained style for a second map: GeoJSON data inline (or its
 * URL), image sources without a URL (pixels pushed at run time) and their layers left out.
 */
export function portableStyle(style: StyleSpecification): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, s] of Object.entries(style.sources)) {
    if (s.type === 'image' && !s.url) continue;
    if (s.type === 'video') continue;
    sources[id] = s;
  }
  const layers: LayerSpecification[] = style.layers.filter((l) => !('source' in l) || typeof l.source !== 'string' || l.source in sources);
  return { ...style, sources, layers };
}

function stripMarkup(s: string): string {
  return s
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Renders `source`'s current style (basemap, thematic layers, overlays) on a hidden map of the
 * requested pixel size and returns a PNG. The hidden map has CSS size `px / (dpi / 96)` and that
 * pixel ratio, so text and line widths keep their physical size on paper; its camera is the source
 * map's centre at the zoom whose ground resolution at the centre latitude is the requested one
 * (Web Mercator: the scale holds at the centre latitude). Images the style uses that were added at
 * run time (hatch patterns) are copied. The drawing buffer is preserved and read once the map is idle.
 */
export async function renderOffscreen(source: MaplibreMap, request: OffscreenRequest, fontFamily: string): Promise<OffscreenImage> {
  const ratio = request.dpi / CSS_DPI;
  const cssW = Math.max(1, Math.round(request.widthPx / ratio));
  const cssH = Math.max(1, Math.round(request.heightPx / ratio));
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:fixed;left:-${cssW + 100}px;top:0;width:${cssW}px;height:${cssH}px;pointer-events:none;`;
  document.body.append(host);
  const c = source.getCenter();
  const center: [number, number] = [c.lng, c.lat];
  const fit = request.metresPerPixel === null;
  const b = source.getBounds();
  const bounds = request.bounds ?? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  const zoom = fit ? source.getZoom() : zoomForResolution(request.metresPerPixel * ratio, center[1]);
  let map: MaplibreMap | null = null;
  try {
    map = new MaplibreMap({
      container: host,
      style: portableStyle(source.getStyle()),
      center,
      zoom,
      pixelRatio: ratio,
      maxCanvasSize: [16384, 16384],
      interactive: false,
      attributionControl: false,
      fadeDuration: 0,
      localIdeographFontFamily: fontFamily,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    const m = map;
    m.on('styleimagemissing', (e: { id: string }) => {
      const img = source.getImage(e.id);
      if (img && !m.hasImage(e.id)) m.addImage(e.id, img.data, { pixelRatio: img.pixelRatio, sdf: img.sdf });
    });
    if (fit) m.fitBounds([bounds[0], bounds[1], bounds[2], bounds[3]], { padding: 0, duration: 0 });
    const canvas = m.getCanvas();
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    const drawnW = gl?.drawingBufferWidth ?? canvas.width;
    const drawnH = gl?.drawingBufferHeight ?? canvas.height;
    if (Math.abs(drawnW - request.widthPx) > 2 || Math.abs(drawnH - request.heightPx) > 2) {
      throw new OffscreenRenderError('too-large', `map drawing buffer ${drawnW}×${drawnH} px, asked for ${request.widthPx}×${request.heightPx} px`);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => reject(new OffscreenRenderError('timeout', 'the off-screen map did not finish rendering')), request.timeoutMs ?? 60_000);
      m.once('idle', () => {
        window.clearTimeout(timer);
        resolve();
      });
      m.on('error', (e: { error?: { message?: string } }) => console.warn('off-screen map', e.error?.message));
    });
    const out = document.createElement('canvas');
    out.width = request.widthPx;
    out.height = request.heightPx;
    const ctx = out.getContext('2d');
    if (!ctx) throw new OffscreenRenderError('render-failed', 'no 2D context');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
    const png = await new Promise<Blob>((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new OffscreenRenderError('render-failed', 'PNG encoding failed'))), 'image/png'));
    const mc = m.getCenter();
    const attributions = [
      ...new Set(
        Object.values(m.getStyle().sources)
          .map((s) => ('attribution' in s && typeof s.attribution === 'string' ? stripMarkup(s.attribution) : ''))
          .filter((s) => s !== ''),
      ),
    ];
    return {
      png,
      widthPx: out.width,
      heightPx: out.height,
      metresPerPixel: resolutionAtZoom(m.getZoom(), mc.lat) / ratio,
      center: [mc.lng, mc.lat],
      attributions,
    };
  } finally {
    map?.remove();
    host.remove();
  }
}
