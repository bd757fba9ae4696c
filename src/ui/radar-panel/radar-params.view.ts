import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { siteOf } from '../../app/radar/radar-region';
import { beamTable, parameterFields, radarTypeChoices } from '../../app/radar/radar-derived';
import type { RadarOverrides, RadarParams, RadarTypeId } from '../../core/radar/radar-types';
import type { RadarKey } from '../../i18n/localize';
import { RadarView, problemText } from './radar-view';

/** The message key naming each overridable parameter. */
const PARAM_LABELS: Readonly<Record<keyof RadarOverrides, RadarKey>> = {
  maxRangeKm: 'maxRange',
  beamWidthDeg: 'beamWidth',
  elevationsDeg: 'elevations',
  antennaHeightM: 'antennaHeight',
};

/**
 * The radar and its parameters: the radar list (or a click on the map), its status, the type and per-site
 * parameters, what the map shows (range rings, GB 31223 zones) and the beam-height table (4/3 Earth).
 */
@customElement('gis-radar-params')
export class RadarParamsView extends RadarView {
  private fieldNames(fields: string): string {
    const names = fields.split(', ').map((k) => (k in PARAM_LABELS ? this.L(PARAM_LABELS[k as keyof RadarOverrides]) : k));
    return names.join(this.locale === 'en' ? ', ' : '、');
  }

  private renderParams(): unknown {
    const session = this.session;
    const f = session?.state.radar;
    const p = session?.params();
    if (!session || !f || !p) return nothing;
    const s = session.settingsOf(f);
    const o = parameterFields(s);
    const input = (key: keyof RadarOverrides) => (e: Event) => session.setOverride(key, (e.target as HTMLInputElement).value);
    return html`<fieldset>
      <legend>${this.L('params')}</legend>
      <div class="grid">
        <label for="rp-type">${this.L('type')}</label>
        <select id="rp-type" name="type" @change=${(e: Event) => session.setType((e.target as HTMLSelectElement).value as RadarTypeId)}>
          ${radarTypeChoices().map((c) => html`<option value=${c.id} ?selected=${c.id === s.typeId}>${this.locale === 'en' ? c.nameEn : c.name}</option>`)}
        </select>
        <label for="rp-range">${this.L('maxRange')}</label>
        <input id="rp-range" name="maxRangeKm" type="number" min="1" max="600" step="1" .value=${String(o.maxRangeKm)} @change=${input('maxRangeKm')} />
        <label for="rp-bw">${this.L('beamWidth')}</label>
        <input id="rp-bw" name="beamWidthDeg" type="number" min="0.1" max="10" step="0.1" .value=${String(o.beamWidthDeg)} @change=${input('beamWidthDeg')} />
        <label for="rp-el">${this.L('elevations')}</label>
        <input id="rp-el" name="elevationsDeg" .value=${o.elevationsDeg.join(', ')} @change=${input('elevationsDeg')} />
        <label for="rp-ah">${this.L('antennaHeight')}</label>
        <input id="rp-ah" name="antennaHeightM" type="number" min="0" max="500" step="1" .value=${String(o.antennaHeightM)} @change=${input('antennaHeightM')} />
      </div>
      ${p.ok && p.value.overridden.length > 0
        ? html`<p class="muted" data-testid="overridden" data-overridden=${p.value.overridden.join(' ')}>${this.L('overridden')}${p.value.overridden.map((k) => this.L(PARAM_LABELS[k])).join(this.locale === 'en' ? ', ' : '、')}
            <button type="button" @click=${() => session.resetOverrides()}>${this.L('reset')}</button></p>`
        : nothing}
      ${p.ok ? nothing : html`<p class="error" role="alert" data-testid="params-error" data-reason=${p.reason} data-fields=${String(p.params['fields'] ?? '')}>${problemText({ code: p.reason, reason: p.reason, params: { fields: this.fieldNames(String(p.params['fields'] ?? '')) } }, this.locale)}</p>`}
      <p class="muted">${this.L('defaultsNote')}</p>
    </fieldset>`;
  }

  private renderBeamTable(p: RadarParams): unknown {
    const { ranges, elevations, rows } = beamTable(p);
    const m = (v: number): string => Math.round(v).toLocaleString('en-US');
    return html`<h3>${this.L('beamTable')}</h3>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${this.L('beamTable')}>
        <table data-testid="beam-table">
          <thead>
            <tr>
              <th scope="col">${this.L('range')}</th>
              ${elevations.map((e) => html`<th scope="col">${e}° ${this.L('centre')}<br /><span class="muted">${this.L('bounds')} (m)</span></th>`)}
            </tr>
          </thead>
          <tbody>
            ${ranges.map(
              (r, i) => html`<tr>
                <td>${r / 1000}</td>
                ${elevations.map((_, j) => {
                  const row = rows[i * elevations.length + j];
                  return row
                    ? html`<td data-range=${r} data-elevation=${row.elevationDeg} data-centre=${row.centreM.toFixed(1)}>${m(row.centreM)}<br /><span class="muted">${m(row.lowerM)}–${m(row.upperM)}</span></td>`
                    : html`<td></td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render(): unknown {
    const session = this.session;
    const s = session?.state;
    const f = s?.radar;
    if (!session || !s || !f) return html`<p>${this.L('noRadars')}</p>`;
    const p = session.params();
    const status = f.props.flags.includes('SITE_PINNED_BY_USER') ? 'statusPinned' : f.props.flags.includes('SITE_NOT_CHOSEN') ? 'statusPlanned' : 'statusExisting';
    const [lon, lat] = siteOf(f);
    return html`
      <label for="rp-radar">${this.L('radar')}</label>
      <select id="rp-radar" class="radar-select" name="radar" data-testid="radar-select" @change=${(e: Event) => session.chooseRadar((e.target as HTMLSelectElement).value)}>
        ${s.radars.map((r) => html`<option value=${r.id} ?selected=${r.id === f.id}>${r.props.name}</option>`)}
      </select>
      <p class="muted">${this.L('pickHint')}</p>
      <p data-testid="radar-status" data-status=${status}>${f.props.name} · ${this.L(status)} · ${lon.toFixed(4)}, ${lat.toFixed(4)} (± ${f.props.precisionM} m)</p>
      ${this.renderParams()}
      <fieldset>
        <legend>${this.L('showOnMap')}</legend>
        <label><input type="checkbox" .checked=${s.showRings} @change=${(e: Event) => session.setShown('rings', (e.target as HTMLInputElement).checked)} /> ${this.L('rings')}</label>
        <label><input type="checkbox" .checked=${s.showZones} @change=${(e: Event) => session.setShown('zones', (e.target as HTMLInputElement).checked)} /> ${this.L('zones')}</label>
        <p class="muted">${this.L('zonesUnverified')}</p>
      </fieldset>
      ${p?.ok ? this.renderBeamTable(p.value) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-params': RadarParamsView;
  }
}
