import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import { townshipKey } from '../../core/gazetteer/shanxi-gazetteer';
import type { DivisionCandidate, ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import { parseGaussKruger, parseLonLat } from '../../core/geo/parse-position';
import type { ReviewSite } from '../../app/notice/notice-review';
import type { SiteDecision } from '../../app/notice/notice-session';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { noticePanelStyles } from './notice-panel.styles';

/** Detail of the events a site view sends to the panel. */
export type SiteAction =
  | { kind: 'county'; recordId: string; county: DivisionCandidate }
  | { kind: 'township'; recordId: string; county: DivisionCandidate; township: DivisionCandidate }
  | { kind: 'place-on-map'; recordId: string }
  | { kind: 'typed'; recordId: string; lon: number; lat: number; precisionM: number };

/**
 * One site of the review: the county and township found, pickers over every Shanxi county and township (anchors
 * where they exist, "no anchor: place on the map" where not), "place on map", and a typed position (WGS84 or
 * CGCS2000 Gauss-Krüger, read by core's parse-position as in 定位).
 */
@customElement('gis-notice-site')
export class NoticeSiteView extends LitElement {
  static override styles = [sharedStyles, noticePanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) site: ReviewSite | null = null;
  @property({ attribute: false }) decision: SiteDecision | null = null;
  @property({ attribute: false }) gazetteer: ShanxiGazetteer | null = null;
  @property({ type: Boolean }) placing = false;
  @property({ type: Boolean }) busy = false;

  @state() private filter = '';
  @state() private countyCode = '';
  @state() private a = '';
  @state() private b = '';
  @state() private precision = '100';
  @state() private typedProblem = '';

  private L(key: MessageKey, vars?: Record<string, string | number>): string {
    return t(key, this.locale, vars);
  }

  private send(action: SiteAction): void {
    this.dispatchEvent(new CustomEvent<SiteAction>('site-action', { detail: action, bubbles: true, composed: true }));
  }

  /** The county shown in the picker: the one picked, else the text's county when the gazetteer knows it. */
  private currentCounty(): DivisionCandidate | null {
    const g = this.gazetteer;
    if (g === null) return null;
    if (this.countyCode) {
      const r = g.resolve({ county: this.countyCode });
      return r.ok ? r.county : null;
    }
    if (this.decision?.county) return this.decision.county;
    if (this.site?.county) {
      const r = g.resolve({ county: this.site.county });
      if (r.ok) return r.county;
    }
    return null;
  }

  /** The township of `county` the site's address names, when exactly one does. */
  private townshipInText(townships: readonly DivisionCandidate[]): DivisionCandidate | null {
    const address = this.site?.address ?? '';
    if (address === '') return null;
    const hits = townships.filter((tw) => address.includes(tw.name) || (townshipKey(tw.name).length >= 2 && address.includes(townshipKey(tw.name))));
    return hits.length === 1 ? hits[0]! : null;
  }

  private counties(): DivisionCandidate[] {
    const g = this.gazetteer;
    if (g === null) return [];
    const q = this.filter.trim();
    if (q !== '') return g.candidates(q, { levels: ['county'], limit: 200 });
    return g.data.counties.flatMap((c) => {
      const r = g.resolve({ county: c.code });
      return r.ok ? [r.county] : [];
    });
  }

  private onCounty(code: string): void {
    const g = this.gazetteer;
    if (!g || !this.site || code === '') return;
    this.countyCode = code;
    const r = g.resolve({ county: code });
    if (r.ok) this.send({ kind: 'county', recordId: this.site.recordId, county: r.county });
  }

  private onTownship(code: string): void {
    const county = this.currentCounty();
    const g = this.gazetteer;
    if (!g || !this.site || !county || code === '') return;
    const township = g.townshipsOf(county.code).find((tw) => tw.code === code);
    if (township) this.send({ kind: 'township', recordId: this.site.recordId, county, township });
  }

  private onTyped(): void {
    if (!this.site) return;
    const big = (v: string): boolean => Math.abs(Number(v.replace(/[\s,，]/g, ''))) >= 1000;
    const pos = big(this.a) || big(this.b) ? parseGaussKruger(this.a, this.b) : parseLonLat(this.a, this.b);
    const precisionM = Number(this.precision);
    if (!pos.ok) {
      this.typedProblem = this.L('notice.positionBad', { code: pos.problem.code });
      return;
    }
    if (!Number.isFinite(precisionM) || precisionM < 0) {
      this.typedProblem = this.L('notice.positionBad', { code: 'precision' });
      return;
    }
    this.typedProblem = '';
    this.send({ kind: 'typed', recordId: this.site.recordId, lon: pos.lon, lat: pos.lat, precisionM });
  }

  private status(s: ReviewSite): unknown {
    if (s.placed && s.anchor) {
      return html`<p class="ok" data-testid="site-placed">${this.L('notice.placedAt', { anchor: s.anchor.name, level: s.anchor.level, precision: Math.round(s.precisionM ?? 0), source: s.anchor.source })}</p>`;
    }
    const why =
      s.unplacedCode === 'no-county' ? this.L('notice.reasonNoCounty') : s.unplacedCode === 'no-anchor' ? this.L('notice.reasonNoAnchor', { county: s.county ?? '' }) : (s.unplacedReason ?? '');
    return html`<p class="problem" data-testid="site-unplaced" data-code=${s.unplacedCode ?? ''} title=${s.unplacedReason ?? ''}>${this.L('notice.unplaced', { reason: why })}</p>`;
  }

  private decisionLine(d: SiteDecision | null): unknown {
    if (!d) return nothing;
    const parts = [
      d.county ? this.L('notice.decision_county', { name: d.county.name }) : '',
      d.township ? this.L('notice.decision_township', { name: d.township.name }) : '',
      d.via === 'map' ? this.L('notice.decision_map') : d.via === 'typed' ? this.L('notice.decision_typed') : '',
    ].filter((p) => p !== '');
    const noAnchor = d.position === null;
    return html`<p data-testid="site-decision">${parts.join(' · ')}${noAnchor ? html` · <strong class="problem" data-testid="no-anchor">${this.L('notice.noAnchor')}</strong>` : nothing}</p>`;
  }

  override render(): unknown {
    const s = this.site;
    if (!s) return nothing;
    const county = this.currentCounty();
    const townships = county && this.gazetteer ? this.gazetteer.townshipsOf(county.code) : [];
    const anchorMark = (c: DivisionCandidate): string => (c.anchor ? '' : ` (${this.L('notice.noAnchor')})`);
    const found = this.townshipInText(townships);
    const picked = this.decision?.township?.code ?? (this.decision?.county ? '' : (found?.code ?? ''));
    return html`<div class="site ${s.placed ? '' : 'unplaced'}" data-testid="notice-site" data-record=${s.recordId} data-placed=${s.placed ? 'yes' : 'no'}>
      <h5 lang="zh-CN">${s.name}</h5>
      <p>${s.county ? this.L('notice.countyFound', { county: s.county }) : this.L('notice.countyNone')}${s.address ? html` · <span lang="zh-CN">${s.address}</span>` : nothing}</p>
      ${found ? html`<p data-testid="township-found">${this.L('notice.townshipFound', { name: found.name, code: found.code })}</p>` : nothing}
      ${this.status(s)} ${this.decisionLine(this.decision)}
      <div class="row">
        <label>${this.L('notice.countyFilter')} <input class="filter" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} /></label>
        <label>${this.L('notice.pickCounty')}
          <select data-testid="county-select" ?disabled=${this.busy || this.gazetteer === null} @change=${(e: Event) => this.onCounty((e.target as HTMLSelectElement).value)}>
            <option value="">${this.L('notice.pickNone')}</option>
            ${this.counties().map((c) => html`<option value=${c.code} ?selected=${county?.code === c.code}>${c.parents.join('')} ${c.name}${anchorMark(c)}</option>`)}
          </select>
        </label>
        <label>${this.L('notice.pickTownship')}
          <select data-testid="township-select" ?disabled=${this.busy || townships.length === 0} @change=${(e: Event) => this.onTownship((e.target as HTMLSelectElement).value)}>
            <option value="">${this.L('notice.pickNone')}</option>
            ${townships.map((tw) => html`<option value=${tw.code} ?selected=${picked === tw.code}>${tw.name}${anchorMark(tw)}</option>`)}
          </select>
        </label>
      </div>
      <div class="row">
        <button type="button" data-testid="place-on-map" aria-pressed=${this.placing ? 'true' : 'false'} ?disabled=${this.busy}
          @click=${() => this.send({ kind: 'place-on-map', recordId: s.recordId })}>${this.placing ? this.L('notice.cancelPlace') : this.L('notice.placeOnMap')}</button>
      </div>
      ${this.placing ? html`<p class="placing" role="status" data-testid="placing-hint">${this.L('notice.placeOnMapHint', { name: s.name })}</p>` : nothing}
      <details>
        <summary>${this.L('notice.typedPosition')}</summary>
        <div class="row">
          <label>${this.L('notice.lonOrX')} <input data-testid="typed-a" .value=${this.a} @input=${(e: Event) => (this.a = (e.target as HTMLInputElement).value)} /></label>
          <label>${this.L('notice.latOrY')} <input data-testid="typed-b" .value=${this.b} @input=${(e: Event) => (this.b = (e.target as HTMLInputElement).value)} /></label>
          <label>${this.L('notice.precision')} <input data-testid="typed-precision" .value=${this.precision} @input=${(e: Event) => (this.precision = (e.target as HTMLInputElement).value)} /></label>
          <button type="button" data-testid="typed-apply" ?disabled=${this.busy} @click=${() => this.onTyped()}>${this.L('notice.applyTyped')}</button>
        </div>
        ${this.typedProblem ? html`<p class="problem" role="alert">${this.typedProblem}</p>` : nothing}
      </details>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-notice-site': NoticeSiteView;
  }
}
