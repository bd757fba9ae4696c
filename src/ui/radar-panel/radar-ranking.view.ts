import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Feature, Point } from 'geojson';
import type { Severity } from '../../core/conflicts/rule-schema';
import type { FeatureProps } from '../../core/model/feature-props';
import type { CandidateConflict } from '../../core/radar/site-ranking';
import { t } from '../../i18n/localize';
import type { Lang } from '../../map/map-api';
import { RadarView, numberOf, pct } from './radar-view';

/** Detail of the `radar-pin` event: the radar feature with its pinned site. */
export interface RadarPinDetail {
  readonly feature: Feature<Point, FeatureProps>;
}

const SEVERITY_KEYS = { 禁止: 'conflicts.sevForbidden', 需审批: 'conflicts.sevApproval', 提示: 'conflicts.sevNotice' } as const satisfies Record<Severity, string>;

function conflictText(c: CandidateConflict, lang: Lang): string {
  return `${t(SEVERITY_KEYS[c.severity], lang)} ${c.otherName ?? c.ruleTitle}`;
}

/**
 * Site ranking: how many candidates and the seed, the ranked list (score, coverage, conflicts, position), and
 * "pin as site" on each candidate when the chosen radar's site is still to be chosen. Pinning fires
 * `radar-pin` (bubbling, composed) with the moved feature for the app's layers.
 */
@customElement('gis-radar-ranking')
export class RadarRankingView extends RadarView {
  private pin(id: string): void {
    const r = this.session?.pin(id);
    if (r?.ok) this.dispatchEvent(new CustomEvent<RadarPinDetail>('radar-pin', { detail: { feature: r.feature }, bubbles: true, composed: true }));
  }

  override render(): unknown {
    const session = this.session;
    const s = session?.state;
    if (!session || !s?.radar) return nothing;
    const list = s.ranked;
    const canPin = session.canPin();
    return html`<fieldset>
      <legend>${this.L('ranking')}</legend>
      <div class="grid">
        <label for="rp-n">${this.L('count')}</label>
        <input id="rp-n" name="count" type="number" min="1" max="50" step="1" .value=${String(s.count)} @change=${(e: Event) => session.setRanking({ count: numberOf(e) })} />
        <label for="rp-seed">${this.L('seed')}</label>
        <input id="rp-seed" name="seed" type="number" step="1" .value=${String(s.seed)} @change=${(e: Event) => session.setRanking({ seed: numberOf(e) })} />
      </div>
      <div class="row">
        <button type="button" data-testid="rank-button" ?disabled=${s.busy !== null} @click=${() => void session.rank()}>${this.L('rank')}</button>
      </div>
      <p class="muted">${this.L('rankNote')}</p>
      ${list && !canPin ? html`<p class="muted" data-testid="pin-unavailable">${this.L('pinExistingNote')}</p>` : nothing}
      ${list
        ? html`<ol class="ranked" data-testid="ranked-list">
            ${list.map(
              (c) => html`<li data-candidate=${c.id} data-score=${c.score} data-lon=${c.lon} data-lat=${c.lat}>
                <span class="num" aria-hidden="true">${c.rank}</span>
                <span><span class="sr-only">${this.L('rankCol')} ${c.rank}: </span>${this.L('score')} ${c.score.toFixed(3)} · ${this.L('coverage')} ${c.coverage === null ? '—' : pct(c.coverage)}
                  · ${this.L('conflicts')} ${c.conflicts.length === 0 ? this.L('none') : c.conflicts.map((x) => conflictText(x, this.locale)).join('; ')}
                  <br /><span class="muted">${this.L('position')} ${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}</span></span>
                ${canPin ? html`<button type="button" data-testid="pin-button" @click=${() => this.pin(c.id)}>${this.L('pin')}</button>` : nothing}
              </li>`,
            )}
          </ol>`
        : nothing}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-ranking': RadarRankingView;
  }
}
