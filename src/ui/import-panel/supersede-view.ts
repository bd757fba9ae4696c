import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import type { ImportPreview } from '../../core/io/index';
import type { ImportSession } from '../../app/import/import-session';
import type { Notices } from '../../app/import/notices';
import type { UserData } from '../../app/import/user-data';
import { areaDifference, previewPolygon, supersede } from '../../app/import/supersede-flow';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { SessionController } from './session-controller';
import { formatArea } from '../../i18n/labels';
import { setThresholdPct, thresholdPct } from '../inspector/supersede-threshold';

/**
 * "Official coordinates supersede a text-derived shape" (低精度服从高精度), under the preview: pick the
 * feature (the one selected in the app by default) and replace its shape with the preview's polygons.
 */
@customElement('gis-supersede-view')
export class SupersedeView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The import session whose preview supplies the coordinates. */
  @property({ attribute: false }) session: ImportSession | null = null;
  /** Features that may be replaced. */
  @property({ attribute: false }) targets: readonly ViewerFeature[] = [];
  /** The feature selected in the app (the default target). */
  @property({ attribute: false }) selectedId: string | null = null;
  /** The user's stored data (where the record is written). */
  @property({ attribute: false }) userData: UserData | null = null;
  /** Where the outcome is told. */
  @property({ attribute: false }) notices: Notices | null = null;

  @state() private target = '';
  /** Warning threshold in percent (kept in this browser). */
  @state() private thresholdPct = thresholdPct();
  #previewSeen: ImportPreview | null = null;

  constructor() {
    super();
    new SessionController(this, () => this.session);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ImportKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  protected override willUpdate(): void {
    const preview = this.session?.state.preview ?? null;
    if (preview !== this.#previewSeen) {
      this.#previewSeen = preview;
      if (preview !== null && this.targets.some((f) => f.id === this.selectedId)) this.target = this.selectedId ?? '';
    }
  }

  private async run(): Promise<void> {
    const session = this.session;
    const preview = session?.state.preview ?? null;
    const target = this.targets.find((f) => f.id === this.target);
    if (!session || !preview || !target || !this.userData || !this.notices) return;
    if (await supersede(preview, target, session.state.form.allowErrors, this.userData, this.notices, new Date(), this.thresholdPct / 100)) session.discard();
  }

  override render(): unknown {
    const session = this.session;
    const preview = session?.state.preview ?? null;
    if (!session || preview === null) return nothing;
    const L = this.L.bind(this);
    const polygon = previewPolygon(preview.features);
    const target = this.targets.find((f) => f.id === this.target);
    const diff = polygon === null || !target ? null : areaDifference(polygon, target.props.statedAreaM2);
    const over = diff !== null && Math.abs(diff.share) * 100 > this.thresholdPct;
    return html`<details data-testid="supersede">
      <summary>${L('supersedeTitle')}</summary>
      <p class="muted">${L('supersedeHint')}</p>
      ${polygon === null
        ? html`<p>${L('supersedeNeedsPolygon')}</p>`
        : this.targets.length === 0
          ? html`<p>${L('supersedeNoTarget')}</p>`
          : html`<label class="block" for="supersede-target">${L('supersedeTarget')}</label>
              <select id="supersede-target" data-testid="supersede-target" @change=${(e: Event) => (this.target = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.target === ''}>—</option>
                ${this.targets.map((f) => html`<option value=${f.id} ?selected=${f.id === this.target}>${f.props.name}（${f.props.layer}，±${f.props.precisionM} m）</option>`)}
              </select>
              ${diff === null
                ? nothing
                : html`<p data-testid="supersede-diff" data-over=${over ? 'true' : 'false'} class=${over ? 'warning' : 'muted'}>
                    ${t('table.previewDiff', this.locale, { surveyed: formatArea(diff.surveyedM2, this.locale), stated: formatArea(diff.statedM2, this.locale), pct: `${diff.share >= 0 ? '+' : ''}${(diff.share * 100).toFixed(2)}` })}
                    ${over ? t('table.areaDiffOver', this.locale, { limit: this.thresholdPct }) : ''}
                  </p>`}
              <label class="block" for="supersede-threshold">${t('table.threshold', this.locale)}</label>
              <input id="supersede-threshold" data-testid="supersede-threshold" type="number" min="0" max="100" step="0.5" .value=${String(this.thresholdPct)}
                aria-describedby="supersede-threshold-help"
                @change=${(e: Event) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  if (setThresholdPct(v)) this.thresholdPct = v;
                  else (e.target as HTMLInputElement).value = String(this.thresholdPct);
                }} />
              <p class="muted" id="supersede-threshold-help">${t('table.thresholdHelp', this.locale)}</p>
              <div class="row">
                <button type="button" data-testid="supersede-button" ?disabled=${!target || session.state.job !== null} @click=${() => void this.run()}>
                  ${L('supersedeButton', { name: target?.props.name ?? '…' })}
                </button>
              </div>`}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-supersede-view': SupersedeView;
  }
}
