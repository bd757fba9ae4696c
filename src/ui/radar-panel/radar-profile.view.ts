import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { profileChart } from './profile-chart';
import { RadarView, numberOf } from './radar-view';

/** The terrain profile: azimuth, the button that draws it, and the chart of terrain and beams. */
@customElement('gis-radar-profile')
export class RadarProfileView extends RadarView {
  override render(): unknown {
    const session = this.session;
    const s = session?.state;
    if (!session || !s?.radar) return nothing;
    return html`<fieldset>
      <legend>${this.L('profile')}</legend>
      <div class="row">
        <label>${this.L('azimuth')}
          <input name="azimuth" type="number" min="0" max="359.9" step="1" style="width:5rem" .value=${String(s.azimuthDeg)} @change=${(e: Event) => session.setAzimuth(numberOf(e))} /></label>
        <button type="button" data-testid="profile-button" ?disabled=${s.busy !== null} @click=${() => void session.drawProfile()}>${this.L('drawProfile')}</button>
      </div>
      ${s.profile ? html`<div data-testid="profile-chart">${profileChart(s.profile, this.locale, { width: 330, height: 230, beams: 2 })}</div>` : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-profile': RadarProfileView;
  }
}
