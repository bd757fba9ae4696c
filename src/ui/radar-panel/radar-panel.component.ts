import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RadarSession } from '../../app/radar/radar-session';
import type { RadarSourceLayer } from '../../app/radar/radar-state';
import type { Lang, MapApi } from '../../map/index';
import { sharedStyles } from '../shared-styles';
import { radarPanelStyles } from './radar-panel.styles';
import { RadarMapController } from './radar-map.controller';
import { problemText } from './radar-view';
import { t } from '../../i18n/localize';
import './radar-params.view';
import './radar-dem.view';
import './radar-profile.view';
import './radar-coverage.view';
import './radar-ranking.view';

export type { RadarPinDetail } from './radar-ranking.view';

/**
 * Radar siting: the panel that hosts the views over one {@link RadarSession} (parameters, DEM, profile,
 * blockage and coverage, ranking), keeps the map in step through {@link RadarMapController}, accepts a
 * dropped GeoTIFF, and shows the session's problem, progress and pin notice. Events: `measure-active`
 * while a region is drawn, `radar-pin` with the moved feature.
 */
@customElement('gis-radar-panel')
export class RadarPanel extends LitElement {
  static override styles = [sharedStyles, radarPanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** The app's layers (the radars come from `meteo-site`; all layers feed the ranking's conflict check). */
  @property({ attribute: false }) layers: readonly RadarSourceLayer[] = [];
  /** Whether the panel is shown (its map overlays are hidden otherwise). */
  @property({ type: Boolean }) active = false;
  /** The session behind the views (one per panel; replaceable, e.g. by tests). */
  @property({ attribute: false }) session = new RadarSession();

  private unsubscribe: (() => void) | null = null;

  constructor() {
    super();
    new RadarMapController(this, () => ({ map: this.map, session: this.session, active: this.active }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
    this.unsubscribe = this.session.subscribe(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dragover', this.onDragOver);
    this.removeEventListener('dragleave', this.onDragLeave);
    this.removeEventListener('drop', this.onDrop);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session.dispose();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session') && changed.get('session') !== undefined) {
      this.unsubscribe?.();
      this.unsubscribe = this.session.subscribe(() => this.requestUpdate());
    }
    if (changed.has('layers') || changed.has('session')) this.session.setLayers(this.layers);
  }

  private readonly onDragOver = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragover', true);
  };

  private readonly onDragLeave = (): void => {
    this.toggleAttribute('dragover', false);
  };

  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragover', false);
    const file = e.dataTransfer?.files[0];
    if (file) void this.session.openDem(file);
  };

  override render(): unknown {
    const session = this.session;
    const s = session.state;
    if (!s.radar) return html`<gis-radar-params .session=${session} .locale=${this.locale}></gis-radar-params>`;
    return html`
      <gis-radar-params .session=${session} .locale=${this.locale}></gis-radar-params>
      <gis-radar-dem .session=${session} .locale=${this.locale}></gis-radar-dem>
      ${s.problem ? html`<p class="error" role="alert" data-testid="radar-error" data-reason=${s.problem.reason}>${problemText(s.problem, this.locale)}</p>` : nothing}
      ${s.busy && s.busy !== 'dem' ? html`<p role="status">${t('radar.busy', this.locale)}</p>` : nothing}
      <gis-radar-profile .session=${session} .locale=${this.locale}></gis-radar-profile>
      <gis-radar-coverage .session=${session} .locale=${this.locale}></gis-radar-coverage>
      <gis-radar-ranking .session=${session} .locale=${this.locale}></gis-radar-ranking>
      ${s.pinned
        ? html`<p class="ok" role="status" data-testid="pin-notice" data-candidate=${s.pinned.candidateId}>${t('radar.pinned', this.locale, { n: s.pinned.candidateRank, name: s.pinned.radarName, p: s.pinned.precisionM })}</p>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-panel': RadarPanel;
  }
}
