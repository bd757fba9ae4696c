import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import type { FeatureStatus } from '../../core/model/feature-props';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { blurredSwatch, layerSwatch, precisionSwatch } from './legend';

/** One row of the layer panel. */
export interface LayerEntry {
  id: string;
  label: StringKey;
  count: number;
  visible: boolean;
  opacity: number;
}

/** Detail of `layer-visibility`. */
export interface LayerVisibilityDetail {
  layer: string;
  visible: boolean;
}
/** Detail of `layer-opacity`. */
export interface LayerOpacityDetail {
  layer: string;
  opacity: number;
}

/** Status legend rows: each status and how it is drawn. */
export const STATUS_LEGEND: ReadonlyArray<{ status: FeatureStatus; label: StringKey }> = [
  { status: 'in-force', label: 'statusInForce' },
  { status: 'planned', label: 'statusPlanned' },
  { status: 'superseded', label: 'statusSuperseded' },
  { status: 'withdrawn', label: 'statusWithdrawn' },
];

/** Layer list with a toggle, an opacity slider and a legend swatch per layer, then the status and precision legend. */
@customElement('gis-layer-panel')
export class LayerPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.layer {
        padding: 0.35rem 0;
        border-bottom: 1px solid #e5e7eb;
      }
      .row {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .row label.toggle {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        flex: 1;
      }
      .count {
        color: #57606a;
        font-size: 0.75rem;
      }
      .opacity {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.75rem;
        color: #57606a;
        margin-left: 1.6rem;
      }
      .opacity input {
        flex: 1;
        min-width: 0;
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.8rem;
        margin: 0.2rem 0;
      }
      .swatch {
        flex: none;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) entries: LayerEntry[] = [];

  private emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    return html`
      <ul data-testid="layer-list">
        ${this.entries.map(
          (e) => html`<li class="layer" data-layer=${e.id}>
            <div class="row">
              <label class="toggle">
                <input
                  type="checkbox"
                  .checked=${e.visible}
                  @change=${(ev: Event) => this.emit<LayerVisibilityDetail>('layer-visibility', { layer: e.id, visible: (ev.target as HTMLInputElement).checked })}
                />
                ${layerSwatch(e.id)}
                <span>${L(e.label)}</span>
              </label>
              <span class="count">${t('featureCount', this.locale, { n: e.count })}</span>
            </div>
            <label class="opacity">
              ${L('opacity')}
              <input
                type="range"
                min="0"
                max="100"
                step="5"
                .value=${String(Math.round(e.opacity * 100))}
                aria-label=${`${L(e.label)} ${L('opacity')}`}
                aria-valuetext=${`${Math.round(e.opacity * 100)}%`}
                @input=${(ev: Event) => this.emit<LayerOpacityDetail>('layer-opacity', { layer: e.id, opacity: Number((ev.target as HTMLInputElement).value) / 100 })}
              />
              <span>${Math.round(e.opacity * 100)}%</span>
            </label>
          </li>`,
        )}
      </ul>
      <h3>${L('legendStatus')}</h3>
      <ul class="legend">
        ${STATUS_LEGEND.map((s) => html`<li>${layerSwatch('relic-protection', s.status)}${layerSwatch('meteo-site', s.status)}<span>${L(s.label)}</span></li>`)}
      </ul>
      <h3>${L('legendPrecision')}</h3>
      <ul class="legend">
        <li>${precisionSwatch()}<span>${L('legendPrecisionCircle')}</span></li>
        <li>${blurredSwatch()}<span>${L('legendBlurred')}</span></li>
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-layer-panel': LayerPanel;
  }
}
