import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, LonLat, MapApi } from '../../map/index';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { formatArea, formatLength } from '../../i18n/labels';
import { sharedStyles } from '../shared-styles';
import { measureVertices, parseLonLat } from './measure';

/** Geodesic distance and area measurement: click the map or type coordinates. */
@customElement('gis-measure-tool')
export class MeasureTool extends LitElement {
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
        gap: 0.4rem;
        align-items: center;
        margin: 0.3rem 0;
      }
      output {
        display: block;
        font-weight: 600;
        margin: 0.3rem 0;
      }
      input[name='coord'] {
        flex: 1;
        min-width: 8rem;
      }
      .error {
        color: #9a3412;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** Whether map clicks add vertices. */
  @property({ type: Boolean }) active = false;
  @state() private vertices: LonLat[] = [];
  @state() private mode: 'line' | 'area' = 'line';
  @state() private error = '';
  private unsubscribe: (() => void) | null = null;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('map') && this.map && !this.unsubscribe) {
      this.unsubscribe = this.map.onClick((e) => {
        if (this.active) this.add(e.position);
      });
    }
    if (changed.has('active')) this.map?.setCursor(this.active ? 'crosshair' : 'default');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private toggleActive(): void {
    this.dispatchEvent(new CustomEvent<boolean>('measure-active', { detail: !this.active, bubbles: true, composed: true }));
  }

  private draw(): void {
    this.map?.setMeasure(this.vertices, this.mode === 'area');
  }

  private add(p: LonLat): void {
    this.vertices = [...this.vertices, p];
    this.draw();
  }

  private setMode(mode: 'line' | 'area'): void {
    this.mode = mode;
    this.draw();
  }

  private onCoord(e: Event): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('coord') as HTMLInputElement;
    const p = parseLonLat(input.value);
    if (!p) {
      this.error = t('measureBadCoord', this.locale);
      return;
    }
    this.error = '';
    input.value = '';
    this.add(p);
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    const m = measureVertices(this.vertices, this.mode === 'area');
    return html`
      <div class="row" role="group" aria-label=${L('measure')}>
        <button aria-pressed=${this.mode === 'line' ? 'true' : 'false'} @click=${() => this.setMode('line')}>${L('measureDistance')}</button>
        <button aria-pressed=${this.mode === 'area' ? 'true' : 'false'} @click=${() => this.setMode('area')}>${L('measureArea')}</button>
        <button data-testid="measure-toggle" aria-pressed=${this.active ? 'true' : 'false'} @click=${() => this.toggleActive()}>
          ${this.active ? L('measureStop') : L('measureStart')}
        </button>
      </div>
      <p class="muted">${L('measureHelp')}</p>
      <form class="row" @submit=${(e: Event) => this.onCoord(e)}>
        <label class="sr-only" for="coord">${L('measureAddCoord')}</label>
        <input id="coord" name="coord" placeholder=${L('measureAddCoord')} autocomplete="off" />
        <button type="submit">+</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button @click=${() => this.map && this.add([this.map.view().lon, this.map.view().lat])}>${L('measureAddCentre')}</button>
        <button ?disabled=${this.vertices.length === 0} @click=${() => { this.vertices = this.vertices.slice(0, -1); this.draw(); }}>${L('measureUndo')}</button>
        <button ?disabled=${this.vertices.length === 0} @click=${() => { this.vertices = []; this.draw(); }}>${L('measureClear')}</button>
      </div>
      <div aria-live="polite" data-testid="measure-result">
        <span class="muted">${t('measurePoints', this.locale, { n: this.vertices.length })}</span>
        <output data-testid="measure-length" data-metres=${String(m.lengthM)}>
          ${this.mode === 'area' && m.areaM2 !== null ? L('measurePerimeter') : L('measureLength')}: ${formatLength(m.lengthM, this.locale)}
        </output>
        ${m.areaM2 !== null ? html`<output data-testid="measure-area" data-m2=${String(m.areaM2)}>${L('measureArea')}: ${formatArea(m.areaM2, this.locale)}</output>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-measure-tool': MeasureTool;
  }
}
