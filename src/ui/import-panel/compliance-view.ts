import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, MapApi } from '../../map/map-api';
import type { ComplianceResult, ComplianceSession } from '../../app/compliance/compliance-session';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { SHEET_PAPER, reviewSheetTemplate, openReviewSheet, sheetLayerNamer } from './review-sheet';
import { paperChooser } from '../print-view/print-document';
import type { PaperChoice } from '../print-view/print-document';
import type { NamedLayer } from '../print-view/layer-names';
import { SessionController } from './session-controller';
import { drawCompliance } from './map-sync';

/** Rows per table of the on-screen review sheet until "show all" (the printed sheet lists all). */
const SHEET_ROWS = 20;

/**
 * The result of a compliance check: the review sheet on screen (first rows, "show all"), a printable
 * sheet, and the overlaps on the map. A view over the compliance session.
 */
@customElement('gis-compliance-view')
export class ComplianceView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The map (null until ready). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** The compliance session. */
  @property({ attribute: false }) session: ComplianceSession | null = null;

  /** The user's imported layers (named by their names on the sheet). */
  @property({ attribute: false }) importedLayers: readonly NamedLayer[] = [];
  @state() private allRows = false;
  @state() private paper: PaperChoice = SHEET_PAPER;
  #drawn: ComplianceResult | null | undefined = undefined;

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
    const result = this.session?.state.result ?? null;
    if (result !== this.#drawn && this.map) {
      if (result !== null || this.#drawn !== undefined) drawCompliance(this.map, result);
      if (result !== this.#drawn) this.allRows = false;
      this.#drawn = result;
    }
  }

  override render(): unknown {
    const state = this.session?.state;
    if (!state) return nothing;
    const r = state.result;
    return html`${state.running ? html`<p role="status">${this.L('complianceRunning')}</p>` : nothing}
      ${r
        ? html`<section class="card sheet scroll" data-testid="compliance-result" aria-label=${this.L('complianceTitle', { name: r.layer.name })}>
            <div class="row no-print">
              ${paperChooser(this.paper, this.locale, (p) => (this.paper = p), 'review-paper')}
              <button type="button" data-testid="print-review" @click=${() => openReviewSheet(r, this.locale, this.paper, sheetLayerNamer(r, this.importedLayers, this.locale))}>${this.L('printSheet')}</button>
            </div>
            ${r.totalFindings > r.findings.length
              ? html`<p class="muted" data-testid="compliance-truncated" data-total=${r.totalFindings}>${this.L('complianceTruncated', { n: r.findings.length, total: r.totalFindings })}</p>`
              : nothing}
            ${reviewSheetTemplate(r, this.locale, { maxRows: this.allRows ? Infinity : SHEET_ROWS, onShowAll: () => (this.allRows = true), layerName: sheetLayerNamer(r, this.importedLayers, this.locale) })}
          </section>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-compliance-view': ComplianceView;
  }
}
