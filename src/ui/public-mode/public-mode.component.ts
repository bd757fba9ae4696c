import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, LonLat, MapApi } from '../../map/index';
import { overallVerdict, zonesAt } from '../../core/geo/zones-at';
import { sharedNotesOf, sharedNoteTemplate } from '../shared-anchor-note';
import type { ZoneHit } from '../../core/geo/zones-at';
import { layerLabel } from '../layer-label';
import type { ViewerFeature, ViewerProps } from '../../core/model/catalog-feature';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { formatLength } from '../../i18n/labels';
import { sharedStyles } from '../shared-styles';
import { layerSwatch } from '../layer-panel/legend';
import { ruleFor } from './zone-rules';

const DISTANCES = [0, 100, 500, 1000, 5000] as const;

/** "What applies here?": the zones at a clicked or located point and within a chosen distance, with their rules and the precision caveat. */
@customElement('gis-public-mode')
export class PublicMode extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0.4rem 0;
      }
      ol {
        padding: 0;
        list-style: none;
        margin: 0;
      }
      li.hit {
        border: 1px solid #d0d7de;
        border-radius: 6px;
        padding: 0.4rem 0.5rem;
        margin: 0.4rem 0;
        background: #fff;
      }
      li.hit h3 {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        margin: 0 0 0.2rem;
        font-size: 0.95rem;
      }
      .where {
        font-weight: 600;
      }
      blockquote {
        margin: 0.3rem 0;
        padding: 0.3rem 0.5rem;
        border-left: 4px solid #8c959f;
        background: #f6f8fa;
      }
      .caveat {
        background: #fff4e5;
        border: 1px solid #f0b400;
        padding: 0.3rem 0.5rem;
        border-radius: 4px;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  @property({ attribute: false }) features: ViewerFeature[] = [];
  @property({ type: Boolean }) active = false;
  @state() private point: LonLat | null = null;
  @state() private radiusM = 100;
  @state() private locating = false;
  @state() private locError = '';
  private unsubscribe: (() => void) | null = null;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('map') && this.map && !this.unsubscribe) {
      this.unsubscribe = this.map.onClick((e) => {
        if (this.active) this.queryAt(e.position);
      });
    }
    if (changed.has('active')) {
      this.map?.setCursor(this.active ? 'crosshair' : 'default');
      this.map?.setQueryMarker(this.active ? this.point : null, this.radiusM);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Runs the query at a point (also used by the device location). */
  queryAt(p: LonLat): void {
    this.point = p;
    this.map?.setQueryMarker(p, this.radiusM);
  }

  private setRadius(r: number): void {
    this.radiusM = r;
    if (this.point) this.map?.setQueryMarker(this.point, r);
  }

  private locate(): void {
    if (!('geolocation' in navigator)) {
      this.locError = t('publicLocationFailed', this.locale);
      return;
    }
    this.locating = true;
    this.locError = '';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.locating = false;
        const p: LonLat = [pos.coords.longitude, pos.coords.latitude];
        this.queryAt(p);
        this.map?.setView({ lon: p[0], lat: p[1], zoom: Math.max(this.map.view().zoom, 14) });
      },
      (err) => {
        this.locating = false;
        this.locError = `${t('publicLocationFailed', this.locale)}${err.message}`;
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  private hits(): ZoneHit<ViewerProps>[] {
    if (!this.point) return [];
    return zonesAt(
      [this.point[0], this.point[1]],
      this.features.map((f) => ({ geometry: f.geometry, properties: f.props })),
      this.radiusM,
      (p) => p.precisionM,
    );
  }

  private renderHit(h: ZoneHit<ViewerProps>): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    const p = h.properties;
    const rule = ruleFor(p.layer);
    const shared = sharedNotesOf(this.features).get(p.id);
    return html`<li class="hit" data-layer=${p.layer} data-id=${p.id}>
      <h3>${layerSwatch(p.layer)}<span>${L(layerLabel(p.layer))}:<span lang="zh-CN">${p.name}</span></span></h3>
      <p class="where" data-verdict=${h.verdict}>${h.verdict === 'inside'
        ? L('publicInside')
        : h.verdict === 'may-be-inside'
          ? t('publicMayBeInside', this.locale, { n: formatLength(p.precisionM, this.locale) })
          : t('publicNear', this.locale, { n: formatLength(h.distanceM, this.locale) })}</p>
      ${shared ? sharedNoteTemplate(shared, this.locale) : nothing}
      <p><strong>${L('publicPlain')}:</strong> <span data-testid="plain-rule">${rule.plain[this.locale]}</span></p>
      ${rule.quote && rule.source
        ? html`<p class="muted">${L('publicRule')}(<span lang="zh-CN">${rule.source.docNumber}</span> ${rule.source.article[this.locale]}):</p>
            <blockquote lang="zh-CN" data-testid="rule-quote">${rule.quote}</blockquote>`
        : nothing}
      <p class="muted"><span lang="zh-CN">${p.docNumber ?? ''}</span> ${p.precisionM > 0 ? `· ${L('fieldPrecision')} ±${formatLength(p.precisionM, this.locale)}` : ''}</p>
    </li>`;
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    const hits = this.hits();
    const overall = overallVerdict(hits);
    const maxPrecision = Math.max(0, ...hits.map((h) => h.properties.precisionM));
    return html`
      <p>${L('publicHelp')}</p>
      <div class="row">
        <button @click=${() => this.locate()} ?disabled=${this.locating}>${this.locating ? L('publicLocating') : L('publicUseLocation')}</button>
        <label>${L('publicDistance')}
          <select @change=${(e: Event) => this.setRadius(Number((e.target as HTMLSelectElement).value))}>
            ${DISTANCES.map((d) => html`<option value=${d} ?selected=${d === this.radiusM}>${d === 0 ? L('publicAtPoint') : formatLength(d, this.locale)}</option>`)}
          </select>
        </label>
      </div>
      ${this.locError ? html`<p role="alert">${this.locError}</p>` : nothing}
      <div aria-live="polite" data-testid="public-results">
        ${this.point
          ? html`<p class="muted">${L('publicPoint')}: ${this.point[1].toFixed(6)}°N, ${this.point[0].toFixed(6)}°E</p>
              <p data-testid="public-verdict" data-verdict=${overall}><strong>${L(overall === 'inside' ? 'publicVerdictInside' : overall === 'may-be-inside' ? 'publicVerdictMay' : hits.length > 0 ? 'publicVerdictNoneNear' : 'publicNone')}</strong></p>
              ${hits.length === 0 ? nothing : html`<ol>${hits.map((h) => this.renderHit(h))}</ol>`}
              ${hits.length > 0 && maxPrecision > 0
                ? html`<p class="caveat" data-testid="public-caveat">${t('publicCaveat', this.locale, { n: formatLength(maxPrecision, this.locale) })}</p>`
                : nothing}`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-public-mode': PublicMode;
  }
}
