import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import { layerLabel } from '../layer-label';
import type { QaFinding, ViewerProps } from '../../core/model/catalog-feature';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { LEVEL_KEYS, flagLabel, formatArea, formatLength, methodLabel, qaSeverityLabel } from '../../i18n/labels';
import { sharedStyles } from '../shared-styles';
import { highlightClauses } from './highlight';
import { sharedNoteTemplate } from '../shared-anchor-note';
import type { SharedAnchorNote } from '../../core/geo/shared-anchor-note';
import type { Supersession } from '../../core/model/user-layer';
import { inspectorQa, qaCodeLabel, renderSupersedeAreas } from './supersede-areas';
import { THRESHOLD_EVENT, thresholdShare } from './supersede-threshold';

const STATUS_KEYS: Record<string, StringKey> = {
  'in-force': 'statusInForce',
  planned: 'statusPlanned',
  superseded: 'statusSuperseded',
  withdrawn: 'statusWithdrawn',
};

/** English text with the Chinese names in it marked as Chinese (for screen readers and the language check). */
function withNamesMarked(text: string): unknown[] {
  return text.split(/([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+)/).map((part, i) => (i % 2 === 1 ? html`<span lang="zh-CN">${part}</span>` : part));
}

/** Details and provenance of the selected feature. */
@customElement('gis-inspector')
export class Inspector extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
      }
      .head h2 {
        flex: 1;
        margin: 0 0 0.4rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 0.6rem;
        margin: 0.4rem 0;
      }
      dt {
        color: #57606a;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      blockquote {
        margin: 0.3rem 0;
        padding: 0.4rem 0.6rem;
        border-left: 4px solid #882255;
        background: #f6f8fa;
        white-space: pre-wrap;
        line-height: 1.55;
      }
      .note {
        background: #fff4e5;
        border: 1px solid #f0b400;
        padding: 0.3rem 0.5rem;
        border-radius: 4px;
      }
      ul.flags {
        margin: 0;
        padding-left: 1.1rem;
      }
      .actions {
        display: flex;
        gap: 0.4rem;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) feature: ViewerProps | null = null;
  /** QA findings about the feature's record (from the catalog store). */
  @property({ attribute: false }) qa: readonly QaFinding[] = [];
  /** Core's note when the feature shares its approximate position with other sites (issue 16), else null. */
  @property({ attribute: false }) sharedNote: SharedAnchorNote | null = null;
  /** The supersede record of the feature, when surveyed coordinates replaced its text-derived shape. */
  @property({ attribute: false }) supersession: Supersession | null = null;
  @state() private warnShare = thresholdShare();
  readonly #onThreshold = (): void => {
    this.warnShare = thresholdShare();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(THRESHOLD_EVENT, this.#onThreshold);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(THRESHOLD_EVENT, this.#onThreshold);
  }

  private emit(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  /**
   * A QA finding: its code and severity in words. The pipeline's detail is English: shown as it is in English,
   * and on demand (marked as English) in Chinese.
   */
  private renderQa(q: QaFinding): unknown {
    const head = html`<strong data-code=${q.code}>${qaCodeLabel(q.code, this.locale)}</strong>（${qaSeverityLabel(q.severity, this.locale)}）`;
    const detail = html`<span lang="en">${withNamesMarked(q.message)}</span>`;
    if (this.locale === 'en') return html`<li>${head} ${detail}</li>`;
    return html`<li>${head}<details><summary>${t('qaDetailEnglish', this.locale)}</summary>${detail}</details></li>`;
  }

  override render(): unknown {
    const f = this.feature;
    if (!f) return nothing;
    const L = (k: StringKey): string => t(k, this.locale);
    const dash = L('none');
    const qa = inspectorQa(this.qa, f, this.supersession, this.warnShare);
    const residual = f.areaResidual === null ? dash : `${f.areaResidual >= 0 ? '+' : ''}${(f.areaResidual * 100).toFixed(2)}%`;
    return html`
      <section aria-labelledby="insp-title" data-testid="inspector">
        <div class="head">
          <h2 id="insp-title" tabindex="-1" lang="zh-CN">${f.name}</h2>
          <div class="actions">
            <button @click=${() => this.emit('zoom-to')}>${L('zoomTo')}</button>
            ${f.precisionM > 0 && f.recordId !== null ? html`<button data-testid="place-start" @click=${() => this.emit('place')}>${L('placeButton')}</button>` : nothing}
            <button @click=${() => this.emit('close')} aria-label=${`${L('close')} ${L('inspector')}`}>✕</button>
          </div>
        </div>
        ${f.precisionM > 0 ? html`<p class="note">${L('textDerivedNote')}</p>` : nothing}
        ${this.sharedNote ? sharedNoteTemplate(this.sharedNote, this.locale) : nothing}
        <dl>
          <dt>${L('fieldLayer')}</dt><dd>${L(layerLabel(f.layer))}</dd>
          <dt>${L('fieldCounty')}</dt><dd lang=${f.county ? 'zh-CN' : nothing}>${f.county || dash}</dd>
          <dt>${L('fieldStatus')}</dt><dd>${L(STATUS_KEYS[f.status] ?? 'unknown')}</dd>
          <dt>${L('fieldDocNumber')}</dt><dd data-testid="doc-number" lang=${f.docNumber ? 'zh-CN' : nothing}>${f.docNumber ?? dash}</dd>
          <dt>${L('fieldDocDate')}</dt><dd>${f.docDate ?? dash}</dd>
          <dt>${L('fieldIssuer')}</dt><dd lang=${f.issuer ? 'zh-CN' : nothing}>${f.issuer ?? dash}</dd>
          <dt>${L('fieldMethod')}</dt><dd data-code=${f.method}>${methodLabel(f.method, this.locale)}</dd>
          <dt>${L('fieldAnchor')}</dt>
          <dd>${f.anchor ? html`<span lang="zh-CN">${f.anchor.name}</span>(${L(LEVEL_KEYS[f.anchor.level] ?? 'unknown')})${f.anchor.lon.toFixed(5)}, ${f.anchor.lat.toFixed(5)}` : dash}</dd>
          <dt>${L('fieldAnchorSource')}</dt><dd>${f.anchor?.source ?? dash}</dd>
          <dt>${L('fieldPrecision')}</dt>
          <dd data-testid="precision">${f.precisionM > 0 ? t('precisionWithin', this.locale, { n: formatLength(f.precisionM, this.locale) }) : L('surveyed')}</dd>
          ${this.supersession
            ? renderSupersedeAreas(f, this.supersession, this.warnShare, this.locale)
            : html`<dt>${L('fieldStatedArea')}</dt><dd>${f.statedAreaM2 === null ? dash : formatArea(f.statedAreaM2, this.locale)}</dd>
              <dt>${L('fieldComputedArea')}</dt><dd>${f.computedAreaM2 === null ? dash : formatArea(f.computedAreaM2, this.locale)}</dd>
              <dt>${L('fieldResidual')}</dt><dd>${residual}</dd>`}
          <dt>${L('fieldFlags')}</dt>
          <dd>${f.flags.length === 0 ? dash : html`<ul class="flags">${f.flags.map((c) => html`<li data-code=${c}>${flagLabel(c, this.locale)}</li>`)}</ul>`}</dd>
          ${qa.length > 0
            ? html`<dt>${L('layerQa')}</dt>
                <dd data-testid="qa-findings"><ul class="flags">${qa.map((q) => this.renderQa(q))}</ul></dd>`
            : nothing}
          <dt>${L('fieldRecord')}</dt><dd>${f.recordId ?? dash}</dd>
        </dl>
        ${f.source
          ? html`<h3>${L('fieldSource')}</h3>
              <blockquote data-testid="quote" lang="zh-CN">${highlightClauses(f.source.quote, f.clauseTexts ?? f.clauses?.map((c) => c.text)).map((p) => (p.mark ? html`<mark>${p.text}</mark>` : p.text))}</blockquote>
              <p class="muted">${L('quoteHelp')}</p>
              <p class="muted" data-testid="source-ref">${L('fieldSourceFile')}: ${f.source.file} · ${L('fieldLines')} ${f.source.lines[0]}–${f.source.lines[1]}</p>`
          : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-inspector': Inspector;
  }
}
