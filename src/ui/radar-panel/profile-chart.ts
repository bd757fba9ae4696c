import { svg } from 'lit';
import type { SVGTemplateResult } from 'lit';
import type { TerrainProfile } from '../../core/radar/terrain-profile';
import type { Lang } from '../../map/map-api';
import { t } from '../../i18n/localize';

/**
 * The terrain-profile chart: terrain (filled), and for the lowest elevations the beam centre
 * (solid) and its half-power bounds (dashed), over ground distance in km and altitude in m.
 * Pure SVG built with Lit; every number is bound as an attribute, never as markup.
 */

/** Drawing size and how many elevations to draw. */
export interface ChartOptions {
  readonly width: number;
  readonly height: number;
  /** Draw the beams of the lowest `beams` elevations (default 2). */
  readonly beams?: number;
}

const PAD = { left: 46, right: 10, top: 10, bottom: 34 };
const BEAM_COLOURS = ['#0072B2', '#CC79A7', '#009E73'];

/** A "nice" tick step (1, 2 or 5 × 10ⁿ) giving about `target` ticks over `span`. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

function ticks(lo: number, hi: number, target: number): number[] {
  const step = niceStep(hi - lo, target);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/** Path through the finite points of a series (gaps where a value is NaN or off the chart). */
function linePath(xs: readonly number[], ys: ArrayLike<number>, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i] as number;
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(xs[i] as number).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}

/** Renders the chart for a profile. */
export function profileChart(p: TerrainProfile, lang: Lang, o: ChartOptions): SVGTemplateResult {
  const km = Array.from(p.distancesM, (d) => d / 1000);
  const maxKm = km[km.length - 1] ?? 1;
  const nBeams = Math.min(o.beams ?? 2, p.beams.length);
  const beams = p.beams.slice(0, nBeams);
  const finite = Array.from(p.terrainM).filter(Number.isFinite);
  const tMin = finite.length ? Math.min(...finite) : 0;
  const tMax = finite.length ? Math.max(...finite) : 100;
  let yMax = Math.max(tMax, p.antennaAltitudeM);
  for (const b of beams) for (const v of b.upperM) if (Number.isFinite(v)) yMax = Math.max(yMax, v);
  // Keep the terrain readable: the beams may leave the chart at the top.
  yMax = Math.min(yMax, tMax + Math.max(3 * (tMax - tMin), 600));
  const yMin = Math.max(0, tMin - 0.1 * (yMax - tMin) - 10);
  const w = o.width - PAD.left - PAD.right;
  const h = o.height - PAD.top - PAD.bottom;
  const x = (v: number): number => PAD.left + (v / maxKm) * w;
  const y = (v: number): number => PAD.top + h - ((Math.min(Math.max(v, yMin - 1e6), yMax + 1e6) - yMin) / (yMax - yMin)) * h;
  const terrainLine = linePath(km, p.terrainM, x, y);
  const terrainArea = terrainLine === '' ? '' : `${terrainLine} L${x(maxKm).toFixed(1)} ${(PAD.top + h).toFixed(1)} L${x(0).toFixed(1)} ${(PAD.top + h).toFixed(1)} Z`;
  const peakIdx = Array.from(p.terrainM).reduce((best, v, i, arr) => (Number.isFinite(v) && (!(Number.isFinite(arr[best] as number)) || v > (arr[best] as number)) ? i : best), 0);
  const label = t('radar.profileAlt', lang, { az: p.azimuthDeg, top: Math.round(tMax), km: ((km[peakIdx] ?? 0)).toFixed(1) });
  return svg`<svg class="profile" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label=${label}
      data-plot-left=${PAD.left} data-px-per-km=${w / maxKm} data-max-km=${maxKm}>
    <defs><clipPath id="plot-clip"><rect x=${PAD.left} y=${PAD.top} width=${w} height=${h}></rect></clipPath></defs>
    <rect x=${PAD.left} y=${PAD.top} width=${w} height=${h} fill="#ffffff" stroke="#999999"></rect>
    ${ticks(yMin, yMax, 5).map((v) => svg`<line x1=${PAD.left} x2=${PAD.left + w} y1=${y(v)} y2=${y(v)} stroke="#e5e5e5"></line>
      <text x=${PAD.left - 4} y=${y(v) + 4} text-anchor="end" class="tick">${v}</text>`)}
    ${ticks(0, maxKm, 6).map((v) => svg`<text x=${x(v)} y=${PAD.top + h + 14} text-anchor="middle" class="tick">${v}</text>`)}
    <text x=${PAD.left + w / 2} y=${o.height - 6} text-anchor="middle" class="axis">${t('radar.distanceKm', lang)}</text>
    <text transform="translate(12 ${PAD.top + h / 2}) rotate(-90)" text-anchor="middle" class="axis">${t('radar.heightM', lang)}</text>
    <g clip-path="url(#plot-clip)">
      <path data-series="terrain-area" d=${terrainArea} fill="#c8b28a" stroke="none"></path>
      <path data-series="terrain" d=${terrainLine} fill="none" stroke="#7a5c2e" stroke-width="1.5"></path>
      ${beams.map((b, i) => {
        const c = BEAM_COLOURS[i % BEAM_COLOURS.length] ?? '#0072B2';
        return svg`<path data-series="beam-lower" data-elevation=${b.elevationDeg} d=${linePath(km, b.lowerM, x, y)} fill="none" stroke=${c} stroke-width="1" stroke-dasharray="4 3"></path>
          <path data-series="beam-centre" data-elevation=${b.elevationDeg} d=${linePath(km, b.centreM, x, y)} fill="none" stroke=${c} stroke-width="2"></path>
          <path data-series="beam-upper" data-elevation=${b.elevationDeg} d=${linePath(km, b.upperM, x, y)} fill="none" stroke=${c} stroke-width="1" stroke-dasharray="4 3"></path>`;
      })}
    </g>
    <g class="key" transform="translate(${PAD.left + 8} ${PAD.top + 8})">
      <rect x="-4" y="-6" width="116" height=${30 + beams.length * 12} fill="#ffffff" fill-opacity="0.85"></rect>
      <rect x="0" y="-2" width="12" height="10" fill="#c8b28a" fill-opacity="0.9"></rect><text x="16" y="8" class="tick" text-anchor="start">${t('radar.terrain', lang)}</text>
      ${beams.map(
        (b, i) => svg`<line x1="0" x2="12" y1=${18 + i * 12} y2=${18 + i * 12} stroke=${BEAM_COLOURS[i % BEAM_COLOURS.length] ?? '#0072B2'} stroke-width="2"></line>
          <text x="16" y=${22 + i * 12} class="tick" text-anchor="start">${t('radar.beamCentre', lang)} ${b.elevationDeg}°</text>`,
      )}
      <line x1="0" x2="12" y1=${18 + beams.length * 12} y2=${18 + beams.length * 12} stroke="#555555" stroke-width="1" stroke-dasharray="4 3"></line>
      <text x="16" y=${22 + beams.length * 12} class="tick" text-anchor="start">${t('radar.halfPower', lang)}</text>
    </g>
  </svg>`;
}
