import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import { layerLabel } from '../layer-label';
import type { LoadedLayer, ViewerProps } from '../../core/model/catalog-feature';
import { t } from '../../i18n/localize';
import type { MessageKey as StringKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { normaliseForSearch } from '../search/search-index';
import type { SelectFeatureDetail } from '../search/search.component';

type Column = 'name' | 'county' | 'status' | 'docNumber' | 'precisionM';
const COLUMNS: ReadonlyArray<{ key: Column; label: StringKey }> = [
  { key: 'name', label: 'fieldName' },
  { key: 'county', label: 'fieldCounty' },
  { key: 'status', label: 'fieldStatus' },
  { key: 'docNumber', label: 'fieldDocNumber' },
  { key: 'precisionM', label: 'fieldPrecision' },
];
const STATUS_KEYS: Record<string, StringKey> = {
  'in-force': 'statusInForce',
  planned: 'statusPlanned',
  superseded: 'statusSuperseded',
  withdrawn: 'statusWithdrawn',
};

/** Compares two features by a column (numbers numerically, text in Chinese collation). */
export function compareBy(key: Column, a: ViewerProps, b: ViewerProps): number {
  if (key === 'precisionM') return a.precisionM - b.precisionM;
  return String(a[key] ?? '').localeCompare(String(b[key] ?? ''), 'zh-CN');
}

/** Per-layer attribute table: sortable, filterable; a row selects and zooms to its feature. This is also the map's text alternative. */
@customElement('gis-attribute-table')
export class AttributeTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.8rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
        margin-bottom: 0.4rem;
      }
      .controls input {
        flex: 1;
        min-width: 6rem;
      }
      .wrap {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        border-bottom: 1px solid #e5e7eb;
        padding: 0.25rem 0.3rem;
        text-align: left;
        vertical-align: top;
      }
      th button {
        border: none;
        background: none;
        padding: 0;
        font-weight: 600;
      }
      td button {
        border: none;
        background: none;
        padding: 0;
        text-align: left;
        color: #0b5394;
        text-decoration: underline;
      }
      tr[aria-current='true'] {
        background: #fff4c2;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) layers: LoadedLayer[] = [];
  @property({ attribute: false }) selectedId: string | null = null;
  @state() private layerId = '';
  @state() private filter = '';
  @state() private sortKey: Column = 'name';
  @state() private sortAsc = true;

  override willUpdate(): void {
    const withData = this.layers.filter((l) => l.features.length > 0);
    if (!withData.some((l) => l.id === this.layerId)) this.layerId = withData[0]?.id ?? '';
  }

  /** Shows the layer of a feature (when a feature is selected elsewhere). */
  showLayerOf(featureId: string): void {
    const layer = this.layers.find((l) => l.features.some((f) => f.id === featureId));
    if (layer) this.layerId = layer.id;
  }

  private sortBy(key: Column): void {
    if (this.sortKey === key) this.sortAsc = !this.sortAsc;
    else {
      this.sortKey = key;
      this.sortAsc = true;
    }
  }

  private cell(p: ViewerProps, key: Column): string {
    if (key === 'status') return t(STATUS_KEYS[p.status] ?? 'unknown', this.locale);
    if (key === 'precisionM') return p.precisionM > 0 ? `±${p.precisionM.toLocaleString()} m` : t('surveyed', this.locale);
    return String(p[key] ?? '—');
  }

  override render(): unknown {
    const L = (k: StringKey): string => t(k, this.locale);
    const layer = this.layers.find((l) => l.id === this.layerId);
    const q = normaliseForSearch(this.filter);
    const rows = (layer?.features ?? [])
      .filter((f) => q === '' || normaliseForSearch(COLUMNS.map((c) => this.cell(f.props, c.key)).join('|')).includes(q))
      .sort((a, b) => (this.sortAsc ? 1 : -1) * compareBy(this.sortKey, a.props, b.props));
    return html`
      <div class="controls">
        <label>${L('tableLayer')}
          <select @change=${(e: Event) => (this.layerId = (e.target as HTMLSelectElement).value)}>
            ${this.layers
              .filter((l) => l.features.length > 0)
              .map((l) => html`<option value=${l.id} ?selected=${l.id === this.layerId}>${L(layerLabel(l.id))} (${l.features.length})</option>`)}
          </select>
        </label>
        <input type="search" aria-label=${L('tableFilter')} placeholder=${L('tableFilter')} .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
      </div>
      <p class="muted" aria-live="polite">${t('tableRows', this.locale, { n: rows.length })}</p>
      <div class="wrap">
        <table data-testid="attribute-table">
          <caption class="sr-only">${layer ? L(layerLabel(layer.id)) : ''}</caption>
          <thead>
            <tr>
              ${COLUMNS.map(
                (c) => html`<th scope="col" aria-sort=${this.sortKey === c.key ? (this.sortAsc ? 'ascending' : 'descending') : 'none'}>
                  <button data-col=${c.key} title=${L('tableSortBy')} @click=${() => this.sortBy(c.key)}>
                    ${L(c.label)}${this.sortKey === c.key ? (this.sortAsc ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (f) => html`<tr data-id=${f.id} aria-current=${f.id === this.selectedId ? 'true' : 'false'}>
                <td><button @click=${() => this.dispatchEvent(new CustomEvent<SelectFeatureDetail>('select-feature', { detail: { id: f.id, zoom: true }, bubbles: true, composed: true }))} lang="zh-CN">${f.props.name}</button></td>
                ${COLUMNS.slice(1).map((c) => html`<td lang=${c.key === 'county' || c.key === 'docNumber' ? 'zh-CN' : nothing}>${this.cell(f.props, c.key)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-attribute-table': AttributeTable;
  }
}
