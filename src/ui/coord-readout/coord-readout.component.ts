import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, LonLat, MapApi } from '../../map/index';
import { centralMeridianOf, toGaussKruger } from '../../core/geo/gauss-kruger';
import { t } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';

/** Text of a position in WGS84 and CGCS2000 Gauss-Krüger 3° (X northing, Y easting with the zone prefix). */
export function formatCoordinates(p: LonLat, lang: Lang): { wgs: string; gk: string; gkLabel: string } {
  const wgs = `${p[1].toFixed(6)}°N, ${p[0].toFixed(6)}°E`;
  try {
    const g = toGaussKruger(p[0], p[1], { width: 3, prefixed: true });
    const f = (x: number): string => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
    return { wgs, gk: `X ${f(g.x)} m, Y ${f(g.y)} m`, gkLabel: t('coordGk', lang, { zone: g.zone, cm: centralMeridianOf(g.zone, 3) }) };
  } catch {
    return { wgs, gk: '—', gkLabel: '' };
  }
}

/** Live coordinates under the pointer (or of the map centre when the pointer is away, e.g. for keyboard users). */
@customElement('gis-coord-readout')
export class CoordReadout extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.75rem;
        background: rgb(255 255 255 / 0.92);
        padding: 0.2rem 0.5rem;
        border-radius: 4px;
        font-variant-numeric: tabular-nums;
      }
      .k {
        color: #57606a;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  @state() private pointer: LonLat | null = null;
  @state() private centre: LonLat | null = null;
  private unsubs: Array<() => void> = [];

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('map') && this.map && this.unsubs.length === 0) {
      const map = this.map;
      const v = map.view();
      this.centre = [v.lon, v.lat];
      this.unsubs.push(map.onPointerMove((p) => (this.pointer = p)));
      this.unsubs.push(map.onViewChange((view) => (this.centre = [view.lon, view.lat])));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  override render(): unknown {
    const p = this.pointer ?? this.centre;
    if (!p) return html``;
    const c = formatCoordinates(p, this.locale);
    return html`<div data-testid="coord-readout" aria-label=${t('coordReadout', this.locale)}>
      <span class="k">${this.pointer ? t('coordPointer', this.locale) : t('coordCentre', this.locale)} · WGS84</span> <span data-testid="coord-wgs">${c.wgs}</span><br />
      <span class="k">${c.gkLabel}</span> <span data-testid="coord-gk">${c.gk}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-coord-readout': CoordReadout;
  }
}
