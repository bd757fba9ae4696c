import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang, MapApi } from '../../map/map-api';
import { CITIES, SHANXI_BBOX, cityBbox } from '../../app/catalog/cities';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';

/**
 * The tools tab: zoom to Shanxi or a city, the measuring tool, and the print button (`print-sheet` asks the
 * shell to print). Loaded with the other panels after the first paint; rendered in light DOM so the shell's
 * styles apply.
 */
@customElement('gis-shell-tools')
export class ShellToolsView extends LitElement {
  @property() locale: Lang = 'zh-CN';
  /** The map once it is ready (null before). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** Whether the measuring tool is on. */
  @property({ type: Boolean }) measuring = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Zooms to `shanxi` or to a city by id. */
  zoomToArea(value: string): void {
    if (value === 'shanxi') this.map?.fitBounds(SHANXI_BBOX);
    const city = CITIES.find((c) => c.id === value);
    if (city) this.map?.fitBounds(cityBbox(city));
  }

  override render(): unknown {
    const L = (k: MessageKey): string => t(k, this.locale);
    return html`
      <h2>${L('zoomToArea')}</h2>
      <div class="zoom-to" role="group" aria-label=${L('zoomToArea')}>
        <button data-zoom="shanxi" @click=${() => this.zoomToArea('shanxi')}>${L('shanxiWhole')}</button>
        ${CITIES.map((c) => html`<button data-zoom=${c.id} @click=${() => this.zoomToArea(c.id)}>${c.name[this.locale]}</button>`)}
      </div>
      <p class="notice">${L('cityNote')}</p>
      <h2>${L('measure')}</h2>
      <gis-measure-tool .locale=${this.locale} .map=${this.map} ?active=${this.measuring}></gis-measure-tool>
      <h2>${L('print')}</h2>
      <button data-testid="print-button" @click=${() => this.dispatchEvent(new CustomEvent('print-sheet', { bubbles: true, composed: true }))}>${L('print')}</button>
      <button data-testid="print-dialog-button" @click=${() => this.dispatchEvent(new CustomEvent('print-dialog', { bubbles: true, composed: true }))}>${t('print.dialogTitle', this.locale)}…</button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-shell-tools': ShellToolsView;
  }
}
