import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { layerSwatch, precisionSwatch } from '../layer-panel/legend';
import { STATUS_LEGEND } from '../layer-panel/layer-panel.component';
import { formatLength } from '../../i18n/labels';
import { sharedStyles } from '../shared-styles';
import { niceScaleLength } from '../../core/print/page-layout';

/** A document cited on the sheet. */
export interface PrintSource {
  docNumber: string;
  issuer: string | null;
  date: string | null;
  file: string | null;
}

/**
 * The quick 公示图 sheet printed from the page itself (Ctrl+P, 打印公示图): the on-screen map's snapshot. The print
 * dialog (`print-dialog.component.ts`) gives the press-quality sheet at a chosen paper, scale and resolution.
 * Title, map image, legend, scale bar, north arrow, CRS note, sources, date, disclaimer.
 */
@customElement('gis-print-view')
export class PrintView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 10pt;
        color: #000;
      }
      h1 {
        text-align: center;
        font-size: 16pt;
        margin: 0 0 4pt;
      }
      .subtitle {
        text-align: center;
        margin: 0 0 6pt;
      }
      .frame {
        position: relative;
        border: 1.5pt solid #000;
      }
      .frame img {
        display: block;
        width: 100%;
      }
      .north {
        position: absolute;
        top: 8pt;
        right: 8pt;
        background: #fff;
        padding: 2pt 4pt;
        text-align: center;
        font-weight: 700;
      }
      .scale {
        position: absolute;
        left: 8pt;
        bottom: 8pt;
        background: #fff;
        padding: 2pt 4pt;
        width: 40%;
      }
      .scale .bar {
        height: 5pt;
        border: 1pt solid #000;
        border-top: none;
      }
      .cols {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8pt;
        margin-top: 6pt;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        gap: 4pt;
        margin: 1pt 0;
      }
      .sources li {
        display: list-item;
        list-style: disc;
        margin-left: 12pt;
      }
      .disclaimer {
        border: 1pt solid #000;
        padding: 4pt;
        margin-top: 6pt;
      }
      h2 {
        font-size: 11pt;
        margin: 2pt 0;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  /** PNG data URL of the map. */
  @property({ attribute: false }) image = '';
  /** Width in CSS pixels of the map the image was taken from. */
  @property({ type: Number }) imageWidthPx = 0;
  @property({ type: Number }) metresPerPixel = 0;
  @property({ attribute: false }) legend: Array<{ id: string; label: StringKey }> = [];
  @property({ attribute: false }) sources: PrintSource[] = [];
  @property() date = '';

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    const widthM = this.metresPerPixel * this.imageWidthPx;
    const bar = niceScaleLength(widthM * 0.3);
    const barShare = widthM > 0 ? (bar / widthM) * 100 : 0;
    return html`
      <article data-testid="print-sheet">
        <h1>${L('printTitle')}</h1>
        <p class="subtitle">${t('productName', this.locale)}</p>
        <div class="frame">
          ${this.image ? html`<img src=${this.image} alt=${L('printTitle')} />` : nothing}
          <div class="north" role="img" aria-label=${L('northArrow')}>▲<br />N</div>
          ${bar > 0
            ? html`<div class="scale" data-testid="print-scale">
                <div class="bar" style="width:${(barShare / 40) * 100}%"></div>
                ${L('printScale')} ${formatLength(bar, this.locale)}
              </div>`
            : nothing}
        </div>
        <div class="cols">
          <section data-testid="print-legend">
            <h2>${L('printLegend')}</h2>
            <ul>
              ${this.legend.map((l) => html`<li>${layerSwatch(l.id)}${L(l.label)}</li>`)}
              ${STATUS_LEGEND.filter((s) => s.status !== 'in-force').map((s) => html`<li>${layerSwatch('relic-protection', s.status)}${L(s.label)}</li>`)}
              <li>${precisionSwatch()}${L('legendPrecisionCircle')}</li>
            </ul>
          </section>
          <section data-testid="print-sources">
            <h2>${L('printSources')}</h2>
            <ul class="sources">
              ${this.sources.map((s) => html`<li>${s.docNumber}${s.issuer ? ` ${s.issuer}` : ''}${s.date ? ` ${s.date}` : ''}${s.file ? `(${s.file})` : ''}</li>`)}
            </ul>
            <p>${L('printCrs')}</p>
            <p>${L('printDate')}: ${this.date}</p>
          </section>
        </div>
        <p class="disclaimer">${L('printDisclaimer')}</p>
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-print-view': PrintView;
  }
}
