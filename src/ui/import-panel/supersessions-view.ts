import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import type { ImportSession } from '../../app/import/import-session';
import type { UserData } from '../../app/import/user-data';
import type { Supersession } from '../../core/model/user-layer';
import { supersessionFeatures } from '../../core/model/supersession';
import { methodLabel } from '../../i18n/labels';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { SessionController } from './session-controller';

/**
 * The superseded text-derived shapes: show the old shape, export both versions, undo. A view over the
 * user's data (writes) and the import session (exports).
 */
@customElement('gis-supersessions-view')
export class SupersessionsView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The user's stored data. */
  @property({ attribute: false }) userData: UserData | null = null;
  /** The import session (exports). */
  @property({ attribute: false }) session: ImportSession | null = null;

  constructor() {
    super();
    new SessionController(this, () => this.userData);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ImportKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  private renderRecord(r: Supersession): TemplateResult {
    const L = this.L.bind(this);
    return html`<li data-testid="supersession" data-feature-id=${r.featureId}>
      <div class="name">${String(r.previousProps['name'] ?? r.featureId)}</div>
      <div class="muted">${r.method ? `${methodLabel(r.method, this.locale)} · ±${r.precisionM ?? 0} m · ${r.createdAt.slice(0, 10)}` : L('surveyedFrom', { file: r.sourceFile, crs: r.sourceCrs })}</div>
      <div class="row">
        <label class="row"><input type="checkbox" data-testid="show-superseded" .checked=${r.showPrevious}
          @change=${(e: Event) => void this.userData?.showSuperseded(r, (e.target as HTMLInputElement).checked)} />${L('showPrevious')}</label>
        <button type="button" data-testid="export-supersession"
          @click=${() => void this.session?.exportSource({ kind: 'features', features: supersessionFeatures(r) }, 'geojson', { name: `${String(r.previousProps['name'] ?? r.featureId)}-surveyed` })}>${L('exportBoth')}</button>
        <button type="button" data-testid="undo-supersession" @click=${() => void this.userData?.undoSupersede(r)}>${L('undoSupersede')}</button>
      </div>
    </li>`;
  }

  override render(): unknown {
    const records = this.userData?.state.content.supersessions ?? [];
    if (records.length === 0) return nothing;
    return html`<h3>${this.L('supersessions')}</h3>
      <ul class="layers" data-testid="supersessions">${records.map((r) => this.renderRecord(r))}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-supersessions-view': SupersessionsView;
  }
}
