import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import { layerLabel } from '../layer-label';
import { t } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { searchIndex } from './search-index';
import { sharedNoteText } from '../shared-anchor-note';
import type { SearchEntry } from './search-index';

/** Detail of `select-feature`. */
export interface SelectFeatureDetail {
  id: string;
  zoom: boolean;
}

/** Search by name, document number, county or pinyin initials, with a results list that zooms to a hit. */
@customElement('gis-search')
export class SearchBox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      input {
        width: 100%;
        box-sizing: border-box;
        padding: 0.3rem 0.5rem;
        border-radius: 4px;
        border: 1px solid #8c959f;
      }
      .results {
        position: absolute;
        z-index: 20;
        top: 100%;
        left: 0;
        right: 0;
        background: #fff;
        color: #1f2328;
        border: 1px solid #8c959f;
        border-radius: 4px;
        box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
        max-height: 60vh;
        overflow: auto;
        margin: 2px 0 0;
        padding: 0.2rem;
        list-style: none;
      }
      .results button {
        display: block;
        width: 100%;
        text-align: left;
        border: none;
        padding: 0.35rem 0.4rem;
      }
      .results button:hover {
        background: #eef2f6;
      }
      .meta {
        display: block;
        font-size: 0.75rem;
        color: #57606a;
      }
      .none {
        padding: 0.4rem;
        font-size: 0.85rem;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) index: SearchEntry[] = [];
  @state() private query = '';
  @state() private open = false;

  private choose(e: SearchEntry): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent<SelectFeatureDetail>('select-feature', { detail: { id: e.id, zoom: true }, bubbles: true, composed: true }));
  }

  private onKey(ev: KeyboardEvent): void {
    if (ev.key === 'Escape') {
      this.open = false;
    } else if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      this.open = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.results button')?.focus());
    } else if (ev.key === 'Enter') {
      const first = searchIndex(this.index, this.query, 1)[0];
      if (first) this.choose(first);
    }
  }

  private onListKey(ev: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.results button')];
    const i = buttons.indexOf(ev.target as HTMLButtonElement);
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const next = ev.key === 'ArrowDown' ? buttons[i + 1] : i <= 0 ? null : buttons[i - 1];
      if (next) next.focus();
      else if (ev.key === 'ArrowUp') this.renderRoot.querySelector('input')?.focus();
    } else if (ev.key === 'Escape') {
      this.open = false;
      this.renderRoot.querySelector('input')?.focus();
    }
  }

  override render(): unknown {
    const L = (k: Parameters<typeof t>[0]): string => t(k, this.locale);
    const results = searchIndex(this.index, this.query);
    const show = this.open && this.query.trim() !== '';
    return html`
      <label class="sr-only" for="q">${L('search')}</label>
      <input
        id="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        autocomplete="off"
        placeholder=${L('searchPlaceholder')}
        .value=${this.query}
        aria-controls="results"
        aria-expanded=${show ? 'true' : 'false'}
        @input=${(e: Event) => {
          this.query = (e.target as HTMLInputElement).value;
          this.open = true;
        }}
        @keydown=${(e: KeyboardEvent) => this.onKey(e)}
        @focus=${() => (this.open = true)}
      />
      <span class="sr-only" aria-live="polite">${show ? t('searchCount', this.locale, { n: results.length }) : ''}</span>
      ${show
        ? html`<ul id="results" class="results" aria-label=${L('searchResults')} data-testid="search-results" @keydown=${(e: KeyboardEvent) => this.onListKey(e)}>
            ${results.length === 0 ? html`<li class="none">${L('searchNone')}</li>` : nothing}
            ${results.map(
              (r) => html`<li>
                <button data-id=${r.id} @click=${() => this.choose(r)}>
                  ${r.name}
                  <span class="meta">${L(layerLabel(r.layer))} · ${r.county}${r.docNumber ? ` · ${r.docNumber}` : ''}</span>
                  ${r.shared ? html`<span class="meta shared" data-testid="search-shared">${sharedNoteText(r.shared, this.locale)}</span>` : nothing}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-search': SearchBox;
  }
}
