import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { RadarView, numberOf } from './radar-view';

/**
 * The elevation model: a GeoTIFF chosen here (or dropped on the panel) is opened by the session in the DEM
 * worker; shows what was loaded and the hillshade controls.
 */
@customElement('gis-radar-dem')
export class RadarDemView extends RadarView {
  override render(): unknown {
    const session = this.session;
    const s = session?.state;
    if (!session || !s) return nothing;
    const dem = s.dem;
    return html`<fieldset>
      <legend>${this.L('dem')}</legend>
      <label class="row">${this.L('demInput')}
        <input type="file" name="dem" data-testid="dem-input" accept=".tif,.tiff,image/tiff"
          @change=${(e: Event) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void session.openDem(file);
          }} />
      </label>
      <p class="muted">${this.L('demDrop')}</p>
      ${s.busy === 'dem' ? html`<p role="status">${this.L('demLoading')}</p>` : nothing}
      ${dem
        ? html`<p class="ok" data-testid="dem-status">${this.L('demLoaded')}: ${dem.name} — ${dem.info.width} × ${dem.info.height}, EPSG:${dem.info.crs.epsg}, ${dem.info.sampleType}</p>
            <div class="row">
              <label><input type="checkbox" .checked=${s.hillshadeOn} @change=${(e: Event) => session.setHillshade({ on: (e.target as HTMLInputElement).checked })} /> ${this.L('hillshade')}</label>
              <label>${this.L('hillshadeOpacity')}
                <input type="range" min="0" max="1" step="0.1" .value=${String(s.hillshadeOpacity)} @change=${(e: Event) => session.setHillshade({ opacity: numberOf(e) })} /></label>
            </div>`
        : s.busy === 'dem'
          ? nothing
          : html`<p class="muted">${this.L('demNone')}</p>`}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-dem': RadarDemView;
  }
}
