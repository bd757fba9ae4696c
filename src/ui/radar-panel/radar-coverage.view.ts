import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { blockageSummary } from '../../app/radar/radar-derived';
import { BLOCKAGE_COLOURS, BLOCKAGE_LIMITS, UNKNOWN_COLOUR } from '../../app/radar/radar-map-data';
import type { RadarParams } from '../../core/radar/radar-types';
import { RadarView, numberOf, pct } from './radar-view';

/**
 * Beam blockage (elevation, legend, CBB at the end of the profile's azimuth, share of blocked rays) and the
 * covered share of the analysis region (county disc or a polygon drawn on the map).
 */
@customElement('gis-radar-coverage')
export class RadarCoverageView extends RadarView {
  private renderBlockage(p: RadarParams): unknown {
    const session = this.session;
    const s = session?.state;
    if (!session || !s) return nothing;
    const g = s.grid;
    const summary = blockageSummary(s);
    const rayEnd = summary?.rayEnd ?? null;
    const share = summary?.share ?? null;
    const labels = BLOCKAGE_LIMITS.map((l, i) => {
      const next = BLOCKAGE_LIMITS[i + 1];
      return next === undefined ? `≥ ${l * 100} %` : `${l * 100}–${next * 100} %`;
    });
    const cells = s.blockageCells?.features.length ?? 0;
    return html`<fieldset>
      <legend>${this.L('blockage')}</legend>
      <div class="row">
        <label>${this.L('blockElevation')}
          <select name="blockElevation" @change=${(e: Event) => session.setBlockElevation(numberOf(e))}>
            ${p.elevationsDeg.map((e, i) => html`<option value=${i} ?selected=${i === s.blockElevation}>${e}°</option>`)}
          </select></label>
        <button type="button" data-testid="blockage-button" ?disabled=${s.busy !== null} @click=${() => void session.computeBlockage()}>${this.L('computeBlockage')}</button>
      </div>
      <p class="muted">${this.L('blockageNote')}</p>
      ${g
        ? html`<ul class="legend" aria-label=${this.L('legend')} data-testid="blockage-legend">
              ${BLOCKAGE_COLOURS.map((c, i) => html`<li><span class="swatch" style="background:${c}"></span>${labels[i]}</li>`)}
              <li><span class="swatch" style="background:${UNKNOWN_COLOUR}"></span>${this.L('unknownTerrain')}</li>
            </ul>
            <output data-testid="blockage-summary" data-cells=${cells}>${this.L('cells', { n: cells })}</output>
            <output data-testid="ray-end-cbb" data-azimuth=${s.azimuthDeg} data-cbb=${rayEnd ?? ''}>${this.L('rayEnd', { az: s.azimuthDeg, v: rayEnd === null ? '—' : pct(rayEnd) })}</output>
            <output data-testid="blocked-share" data-share=${share ?? ''}>${this.L('blockedRays', { t: `${s.thresholdPct} %`, v: share === null ? '—' : pct(share) })}</output>`
        : nothing}
    </fieldset>`;
  }

  private renderCoverage(): unknown {
    const session = this.session;
    const s = session?.state;
    if (!session || !s?.radar) return nothing;
    const c = s.coverage;
    return html`<fieldset>
      <legend>${this.L('coverage')}</legend>
      <p class="muted" data-testid="region-note">${s.drawn ? this.L('regionDrawn', { n: s.drawn.length }) : this.L('regionDisc', { r: session.disc(s.radar).radiusM / 1000 })}</p>
      <div class="row">
        ${s.drawing
          ? html`<button type="button" @click=${() => session.finishDrawing()} ?disabled=${s.vertices.length < 3}>${this.L('finishRegion')}</button><span class="muted">${this.L('drawHint')}</span>`
          : html`<button type="button" data-testid="draw-region" @click=${() => session.setDrawing(true)}>${this.L('drawRegion')}</button>`}
        ${s.drawn && !s.drawing ? html`<button type="button" @click=${() => session.useDisc()}>${this.L('useDisc')}</button>` : nothing}
      </div>
      <div class="grid">
        <label for="rp-thr">${this.L('threshold')}</label>
        <input id="rp-thr" name="threshold" type="number" min="0" max="100" step="5" .value=${String(s.thresholdPct)} @change=${(e: Event) => session.setThreshold(numberOf(e))} />
        <label for="rp-agl">${this.L('heightAgl')}</label>
        <input id="rp-agl" name="heightAgl" type="number" min="0" step="100" .value=${String(s.heightAglM)} @change=${(e: Event) => session.setHeightAgl(numberOf(e))} />
      </div>
      <div class="row">
        <button type="button" data-testid="coverage-button" ?disabled=${s.busy !== null} @click=${() => void session.computeCoverage()}>${this.L('computeCoverage')}</button>
      </div>
      ${c ? html`<output data-testid="coverage-share" data-share=${c.share}>${this.L('coverageResult', { v: pct(c.share), a: (c.regionAreaM2 / 1e6).toFixed(0) })}</output>` : nothing}
    </fieldset>`;
  }

  override render(): unknown {
    const p = this.session?.params();
    return html`${p?.ok ? this.renderBlockage(p.value) : nothing}${this.renderCoverage()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-coverage': RadarCoverageView;
  }
}
