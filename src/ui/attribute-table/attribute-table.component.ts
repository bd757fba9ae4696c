import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Lang } from '../../map/index';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import type { StoredLayer } from '../../core/model/user-layer';
import { isUserLayerId, userLayerId } from '../../core/model/layer-registry';
import { buildTableModel } from '../../core/table/table-model';
import type { TableColumn, TableModel, TableRow } from '../../core/table/table-model';
import { filterRows, sortRows } from '../../core/table/table-order';
import type { TableSort } from '../../core/table/table-order';
import type { CsvEncoding } from '../../core/table/csv';
import { t } from '../../i18n/localize';
import type { MessageKey, TableKey } from '../../i18n/localize';
import { layerLabel } from '../layer-label';
import { sharedStyles } from '../shared-styles';
import type { SelectFeatureDetail } from '../search/search.component';
import { DEFAULT_TABLE_URL_STATE } from '../state/url-state';
import type { TableUrlState } from '../state/url-state';
import { ROW_HEIGHT_PX, attributeTableStyles } from './attribute-table.styles';
import { cellSearchText, cellText, columnLabel, isChinese } from './table-columns';
import { downloadCsv, downloadXlsx } from './table-export';

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 8;
/** The order before the user sorts. */
const DEFAULT_SORT: TableSort = { key: 'name', asc: true };
const GROUPS: ReadonlyArray<{ group: TableColumn['group']; label: TableKey }> = [
  { group: 'field', label: 'groupField' },
  { group: 'area', label: 'groupArea' },
  { group: 'attr', label: 'groupAttr' },
  { group: 'prop', label: 'groupProp' },
];

/**
 * The attribute table of one layer (pipeline or imported): every property and the measured areas, a column
 * chooser, sort, filter, a wide view over the bottom of the window, CSV / XLSX export. Rows are virtualised
 * (only the visible ones are in the DOM), so a layer of tens of thousands of features stays fast. A row's
 * name selects and zooms to its feature; this is also the map's text alternative. Emits `table-state`
 * (layer, sort, wide view) for the URL.
 */
@customElement('gis-attribute-table')
export class AttributeTable extends LitElement {
  static override styles = [sharedStyles, attributeTableStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /** The user's stored layers (their names and the attributes of their source files). */
  @property({ attribute: false }) userLayers: readonly StoredLayer[] = [];
  @property({ attribute: false }) selectedId: string | null = null;
  /** The table's part of the URL; applied whenever it changes. */
  @property({ attribute: false }) urlState: TableUrlState = DEFAULT_TABLE_URL_STATE;
  /** Wide view: the table over the bottom of the window instead of in the side panel. */
  @property({ type: Boolean, reflect: true }) wide = false;

  /** The layer asked for (by the user or the URL); shown when it has features. */
  @state() private wanted = '';
  @state() private sort: TableSort | null = null;
  @state() private filter = '';
  /** Chosen column keys, or null for the defaults. */
  @state() private chosen: ReadonlySet<string> | null = null;
  @state() private firstRow = 0;
  @state() private viewportRows = 20;
  @state() private encoding: CsvEncoding = 'utf-8-bom';
  @state() private shownOnly = false;
  @state() private message = '';
  @query('.scroller') private scroller!: HTMLDivElement | null;

  readonly #models = new WeakMap<LoadedLayer, TableModel>();
  #sorted: { model: TableModel; sort: TableSort; rows: TableRow[] } | null = null;
  #filtered: { rows: TableRow[]; query: string; lang: Lang; out: TableRow[] } | null = null;
  #rowText = new WeakMap<TableRow, string>();
  #scrollToSelection = false;
  readonly #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.wide) {
      e.stopPropagation();
      this.setWide(false);
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKey);
  }

  /** Shows the layer of a feature (when a feature is selected elsewhere) and scrolls to its row. */
  showLayerOf(featureId: string): void {
    const layer = this.layers.find((l) => l.features.some((f) => f.id === featureId));
    this.#scrollToSelection = true;
    if (layer && layer.id !== this.currentLayer()?.id) {
      this.wanted = layer.id;
      this.emitState();
    }
  }

  private layersWithData(): LoadedLayer[] {
    return this.layers.filter((l) => l.features.length > 0);
  }

  /** The layer shown: the one asked for, else the selection's, else the first with features. */
  private currentLayer(): LoadedLayer | undefined {
    const withData = this.layersWithData();
    return (
      withData.find((l) => l.id === this.wanted) ??
      (this.selectedId === null ? undefined : withData.find((l) => l.features.some((f) => f.id === this.selectedId))) ??
      withData[0]
    );
  }

  private layerName(id: string): string {
    if (isUserLayerId(id)) {
      const stored = this.userLayers.find((s) => userLayerId(s) === id);
      if (stored) return stored.name;
    }
    return t(layerLabel(id), this.locale);
  }

  private modelOf(layer: LoadedLayer): TableModel {
    let m = this.#models.get(layer);
    if (m === undefined) {
      const stored = this.userLayers.find((s) => userLayerId(s) === layer.id);
      const attributes = new Map<string, Record<string, unknown>>();
      for (const f of stored?.features ?? []) {
        const a = f.properties['attributes'];
        const id = f.properties['id'];
        if (typeof id === 'string' && typeof a === 'object' && a !== null) attributes.set(id, a as Record<string, unknown>);
      }
      m = buildTableModel(layer.features.map((f) => ({ id: f.id, geometry: f.geometry, props: f.props, attributes: attributes.get(f.id) ?? null })));
      this.#models.set(layer, m);
    }
    return m;
  }

  private visibleColumns(model: TableModel): TableColumn[] {
    return model.columns.filter((c) => c.key === 'name' || (this.chosen === null ? c.defaultVisible : this.chosen.has(c.key)));
  }

  private rowsOf(model: TableModel): TableRow[] {
    const sort = this.sort ?? DEFAULT_SORT;
    if (this.#sorted?.model !== model || this.#sorted.sort.key !== sort.key || this.#sorted.sort.asc !== sort.asc) {
      const i = model.columns.findIndex((c) => c.key === sort.key);
      const col = model.columns[i];
      this.#sorted = { model, sort, rows: col === undefined ? [...model.rows] : sortRows(model.rows, i, col.kind, sort.asc) };
      this.#filtered = null;
    }
    const rows = this.#sorted.rows;
    if (this.#filtered?.rows !== rows || this.#filtered.query !== this.filter || this.#filtered.lang !== this.locale) {
      const lang = this.locale;
      if (this.#filtered?.lang !== lang) this.#rowText = new WeakMap();
      const text = (r: TableRow): string => {
        let s = this.#rowText.get(r);
        if (s === undefined) {
          s = model.columns.map((c, i) => cellSearchText(c, r.cells[i] ?? null, lang)).join('|');
          this.#rowText.set(r, s);
        }
        return s;
      };
      this.#filtered = { rows, query: this.filter, lang, out: filterRows(rows, this.filter, text) };
    }
    return this.#filtered.out;
  }

  private emitState(): void {
    const detail: TableUrlState = { layer: this.wanted || null, sort: this.sort, wide: this.wide };
    this.dispatchEvent(new CustomEvent<TableUrlState>('table-state', { detail, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('urlState')) {
      this.wanted = this.urlState.layer ?? '';
      this.sort = this.urlState.sort;
      this.wide = this.urlState.wide;
      this.#scrollToSelection = true;
    }
    if (changed.has('selectedId')) this.#scrollToSelection = true;
    if (changed.has('wide')) {
      if (this.wide) {
        this.setAttribute('role', 'region');
        this.setAttribute('aria-label', t('table.wideLabel', this.locale));
      } else {
        this.removeAttribute('role');
        this.removeAttribute('aria-label');
      }
    }
  }

  protected override updated(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const rows = Math.max(1, Math.ceil(scroller.clientHeight / ROW_HEIGHT_PX));
    if (rows !== this.viewportRows) this.viewportRows = rows;
    if (this.#scrollToSelection) {
      this.#scrollToSelection = false;
      const layer = this.currentLayer();
      if (layer && this.selectedId !== null) {
        const index = this.rowsOf(this.modelOf(layer)).findIndex((r) => r.id === this.selectedId);
        if (index >= 0) this.scrollToRow(index);
      }
    }
  }

  /** Scrolls so that row `index` is visible (no movement when it already is). */
  private scrollToRow(index: number): void {
    const s = this.scroller;
    if (!s) return;
    const top = (index + 1) * ROW_HEIGHT_PX;
    if (top - ROW_HEIGHT_PX < s.scrollTop) s.scrollTop = top - ROW_HEIGHT_PX;
    else if (top + ROW_HEIGHT_PX > s.scrollTop + s.clientHeight) s.scrollTop = top + ROW_HEIGHT_PX - s.clientHeight;
    this.onScroll();
  }

  private onScroll(): void {
    const s = this.scroller;
    if (!s) return;
    const first = Math.max(0, Math.floor(s.scrollTop / ROW_HEIGHT_PX) - OVERSCAN);
    if (first !== this.firstRow) this.firstRow = first;
  }

  private setLayer(id: string): void {
    this.wanted = id;
    this.chosen = null;
    this.firstRow = 0;
    if (this.scroller) this.scroller.scrollTop = 0;
    this.emitState();
  }

  private sortBy(key: string): void {
    const cur = this.sort ?? DEFAULT_SORT;
    this.sort = cur.key === key ? { key, asc: !cur.asc } : { key, asc: true };
    this.emitState();
  }

  private setWide(on: boolean): void {
    this.wide = on;
    this.emitState();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-testid=table-wide]')?.focus());
  }

  private toggleColumn(model: TableModel, key: string, on: boolean): void {
    const next = new Set(this.visibleColumns(model).map((c) => c.key));
    if (on) next.add(key);
    else next.delete(key);
    this.chosen = next;
  }

  /** Arrow keys, Page Up/Down, Home and End move between the rows' name buttons. */
  private async onRowKey(e: KeyboardEvent, count: number): Promise<void> {
    const from = Number((e.target as HTMLElement).closest('tr')?.dataset['index'] ?? NaN);
    if (!Number.isFinite(from)) return;
    const page = Math.max(1, this.viewportRows - 2);
    const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: count - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const index = Math.min(count - 1, Math.max(0, to));
    this.scrollToRow(index);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${index}"] button`)?.focus();
  }

  private export(kind: 'csv' | 'xlsx', layer: LoadedLayer, model: TableModel, rows: readonly TableRow[]): void {
    const columns = this.shownOnly ? this.visibleColumns(model) : [...model.columns];
    const e = { model, rows, columns, lang: this.locale, baseName: this.layerName(layer.id) };
    const suffix = t('table.fileSuffix', this.locale);
    const file = kind === 'csv' ? downloadCsv(e, this.encoding, suffix) : downloadXlsx(e, suffix);
    this.message = t('table.exported', this.locale, { file });
  }

  private renderChooser(model: TableModel, shown: readonly TableColumn[]): unknown {
    const T = (k: TableKey, v?: Record<string, string | number>): string => t(`table.${k}`, this.locale, v);
    const on = new Set(shown.map((c) => c.key));
    return html`<details class="chooser" data-testid="column-chooser">
      <summary>${T('columns', { n: shown.length, m: model.columns.length })}</summary>
      <div>
        <button type="button" @click=${() => (this.chosen = null)}>${T('columnsDefault')}</button>
        <button type="button" @click=${() => (this.chosen = new Set(model.columns.map((c) => c.key)))}>${T('columnsAll')}</button>
        ${GROUPS.map(({ group, label }) => {
          const cols = model.columns.filter((c) => c.group === group);
          return cols.length === 0
            ? nothing
            : html`<fieldset><legend>${T(label)}</legend>
                ${cols.map((c) => html`<label><input type="checkbox" data-col=${c.key} .checked=${on.has(c.key)} ?disabled=${c.key === 'name'}
                  @change=${(e: Event) => this.toggleColumn(model, c.key, (e.target as HTMLInputElement).checked)} />
                  <span lang=${group === 'attr' && isChinese(columnLabel(c, this.locale)) ? 'zh-CN' : nothing}>${columnLabel(c, this.locale)}</span></label>`)}
              </fieldset>`;
        })}
      </div>
    </details>`;
  }

  private renderExport(layer: LoadedLayer, model: TableModel, rows: readonly TableRow[]): unknown {
    const T = (k: TableKey, v?: Record<string, string | number>): string => t(`table.${k}`, this.locale, v);
    return html`<details class="export" data-testid="table-export">
      <summary>${T('export')}</summary>
      <div>
        <p class="muted">${T('exportNote', { n: rows.length })}</p>
        <fieldset>
          <legend>${T('encoding')}</legend>
          <label><input type="radio" name="enc" value="utf-8-bom" .checked=${this.encoding === 'utf-8-bom'} @change=${() => (this.encoding = 'utf-8-bom')} />${T('encodingUtf8')}</label>
          <label><input type="radio" name="enc" value="gb18030" .checked=${this.encoding === 'gb18030'} @change=${() => (this.encoding = 'gb18030')} />${T('encodingGb18030')}</label>
        </fieldset>
        <label><input type="checkbox" data-testid="export-shown-only" .checked=${this.shownOnly} @change=${(e: Event) => (this.shownOnly = (e.target as HTMLInputElement).checked)} />${T('exportShownOnly')}</label>
        <div class="controls">
          <button type="button" data-testid="export-csv" @click=${() => this.export('csv', layer, model, rows)}>${T('exportCsv')}</button>
          <button type="button" data-testid="export-xlsx" @click=${() => this.export('xlsx', layer, model, rows)}>${T('exportXlsx')}</button>
        </div>
      </div>
    </details>`;
  }

  override render(): unknown {
    const L = (k: MessageKey, v?: Record<string, string | number>): string => t(k, this.locale, v);
    const layer = this.currentLayer();
    if (!layer) return html`<p class="muted">${L('table.noLayer')}</p>`;
    const model = this.modelOf(layer);
    const rows = this.rowsOf(model);
    const columns = this.visibleColumns(model);
    const index = columns.map((c) => model.columns.indexOf(c));
    const sort = this.sort ?? DEFAULT_SORT;
    const first = Math.min(this.firstRow, Math.max(0, rows.length - 1));
    const last = Math.min(rows.length, first + this.viewportRows + 2 * OVERSCAN);
    const shown = rows.slice(first, last);
    return html`
      <div class="controls">
        <label>${L('tableLayer')}
          <select data-testid="table-layer" @change=${(e: Event) => this.setLayer((e.target as HTMLSelectElement).value)}>
            ${this.layersWithData().map((l) => html`<option value=${l.id} ?selected=${l.id === layer.id}>${this.layerName(l.id)} (${l.features.length})</option>`)}
          </select>
        </label>
        <input type="search" aria-label=${L('tableFilter')} placeholder=${L('tableFilter')} .value=${this.filter}
          @input=${(e: Event) => {
            this.filter = (e.target as HTMLInputElement).value;
            this.firstRow = 0;
            if (this.scroller) this.scroller.scrollTop = 0;
          }} />
        ${this.renderChooser(model, columns)}
        ${this.renderExport(layer, model, rows)}
        <button type="button" data-testid="table-wide" aria-pressed=${this.wide ? 'true' : 'false'} @click=${() => this.setWide(!this.wide)}>${L('table.wide')}</button>
      </div>
      <p class="muted status" aria-live="polite" data-testid="table-count">${L('table.rowsShown', { n: rows.length, total: model.rows.length })}${this.message ? ` · ${this.message}` : ''}</p>
      <div class="scroller" tabindex="-1" @scroll=${() => this.onScroll()}>
        <div class="sizer" style="height:${(rows.length + 1) * ROW_HEIGHT_PX}px">
          <table data-testid="attribute-table" aria-rowcount=${rows.length + 1} style="position:absolute;left:0;top:${first * ROW_HEIGHT_PX}px"
            @keydown=${(e: KeyboardEvent) => void this.onRowKey(e, rows.length)}>
            <caption class="sr-only">${this.layerName(layer.id)}</caption>
            <thead>
              <tr aria-rowindex="1">
                ${columns.map((c) => html`<th scope="col" aria-sort=${sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
                  <button data-col=${c.key} title=${L('tableSortBy')} @click=${() => this.sortBy(c.key)}>
                    ${columnLabel(c, this.locale)}${sort.key === c.key ? (sort.asc ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>`)}
              </tr>
            </thead>
            <tbody>
              ${shown.map((r, k) => {
                const i = first + k;
                return html`<tr data-id=${r.id} data-index=${i} aria-rowindex=${i + 2} aria-current=${r.id === this.selectedId ? 'true' : 'false'}>
                  ${columns.map((c, j) => {
                    const text = cellText(c, r.cells[index[j]!] ?? null, this.locale);
                    const lang = c.kind === 'text' && isChinese(text) ? 'zh-CN' : nothing;
                    if (j === 0) {
                      return html`<td><button lang=${lang} title=${text} @click=${() => this.dispatchEvent(new CustomEvent<SelectFeatureDetail>('select-feature', { detail: { id: r.id, zoom: true }, bubbles: true, composed: true }))}>${text}</button></td>`;
                    }
                    return html`<td class=${c.kind === 'number' ? 'num' : ''} lang=${lang} title=${text}>${text}</td>`;
                  })}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-attribute-table': AttributeTable;
  }
}
