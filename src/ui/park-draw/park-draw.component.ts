import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DrawChange, Lang, MapApi } from '../../map/map-api';
import type { CatalogStore } from '../../app/catalog/catalog-store';
import { UserLayerStore } from '../../app/catalog/user-layer-store';
import { ParkDrawSession } from '../../app/park-draw/park-draw-session';
import type { DrawStore, ParkDrawProblem, ParkDrawResult, ParkDrawState } from '../../app/park-draw/park-draw-session';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { DRAWN_ALONG_FOUR_BOUNDS, canDrawAlongFourBounds } from '../../core/park-draw/four-bounds-draw';
import type { Cardinal } from '../../core/park-draw/four-bounds-draw';
import { formatArea, methodLabel } from '../../i18n/labels';
import { t } from '../../i18n/localize';
import type { MessageKey, MessageVars } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';

/** Snapping distance of drawn vertices to basemap lines (CSS px). */
export const DRAW_SNAP_PX = 12;

const SIDE_KEYS: Record<Cardinal, MessageKey> = { E: 'draw.sideE', S: 'draw.sideS', W: 'draw.sideW', N: 'draw.sideN' };
const PROBLEM_KEYS: Record<ParkDrawProblem['code'], MessageKey> = {
  'not-closed': 'draw.notClosed',
  'too-few-vertices': 'draw.tooFew',
  'precision-invalid': 'draw.precisionBad',
  'store-failed': 'draw.storeFailed',
  'nothing-saved': 'draw.notClosed',
};

/**
 * "沿四至绘制 / Draw along 四至": the user draws the selected park's boundary on the map (terra-draw, behind
 * {@link MapApi.startDraw}); beside it the text's sides, each ticked once an edge of the drawing faces that way, the
 * live geodesic area against the stated one, and whether vertices snap. Saving makes the drawing the park's shape in
 * force (a supersede record with method `drawn-along-four-bounds`, the precision the user states and the date).
 * Fires `drawing` (detail: boolean) when drawing starts and ends, so the shell leaves map clicks alone meanwhile, and
 * `user-data-changed` after a save or its undo (other readers of the store, e.g. the import tab's backup, reread it).
 */
@customElement('gis-park-draw')
export class ParkDraw extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; font-size: 0.85rem; border-top: 1px solid #ddd; padding-top: 0.4rem; margin-top: 0.4rem; }
      ul.sides { list-style: none; padding: 0; margin: 0.3rem 0; }
      ul.sides li { margin: 0.15rem 0; }
      .tick { display: inline-block; width: 1.2rem; font-weight: bold; }
      .tick.on { color: #1b5e20; }
      .tick.off { color: #8c959f; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.5rem; margin: 0.3rem 0; }
      dd { margin: 0; }
      .row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: end; margin: 0.3rem 0; }
      label { display: flex; flex-direction: column; gap: 0.1rem; }
      input { width: 6rem; }
      .problem { color: #b00020; }
      .done { color: #1b5e20; }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) feature: ViewerFeature | null = null;
  @property({ attribute: false }) store: CatalogStore | null = null;
  @property({ attribute: false }) map: MapApi | null = null;
  /** The store of supersede records (replaceable in tests). */
  @property({ attribute: false }) userStore: () => DrawStore = () => new UserLayerStore();

  @state() private view: ParkDrawState | null = null;
  @state() private precision = '';
  @state() private snapping: boolean | null = null;
  @state() private message: { key: MessageKey; vars: MessageVars; bad: boolean } | null = null;
  @state() private busy = false;
  private session: ParkDrawSession | null = null;

  private L(key: MessageKey, vars?: MessageVars): string {
    return t(key, this.locale, vars);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const before = changed.get('feature') as ViewerFeature | null | undefined;
    if (before !== undefined && before?.id !== this.feature?.id && this.session) {
      if (this.view) this.endDrawing();
      this.session = null;
      this.message = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.session && this.view) this.endDrawing();
  }

  private announce(active: boolean): void {
    this.dispatchEvent(new CustomEvent('drawing', { detail: active, bubbles: true, composed: true }));
  }

  private start(): void {
    const f = this.feature;
    const map = this.map;
    if (!f || !map) return;
    if (!map.startDraw) {
      this.message = { key: 'draw.noDrawing', vars: {}, bad: true };
      return;
    }
    const existing = this.store?.get().user.supersessions.find((s) => s.featureId === f.id);
    this.session = new ParkDrawSession(f, this.userStore(), existing);
    this.view = this.session.state;
    this.message = null;
    this.refreshSnapping();
    map.startDraw({ snapPx: DRAW_SNAP_PX }, (c) => this.onChange(c));
    this.announce(true);
    void this.updateComplete.then(() => this.scrollIntoView?.({ block: 'nearest' }));
  }

  private onChange(c: DrawChange): void {
    if (!this.session) return;
    this.view = this.session.update(c.ring.map((p) => [p[0], p[1]]), c.closed, c.committed);
    if (c.committed) this.refreshSnapping();
  }

  /** Whether basemap lines that vertices can snap to are drawn in the current view. */
  private refreshSnapping(): void {
    const r = this.map?.renderedBasemap?.();
    this.snapping = r ? r.countyLines > 0 || Object.values(r.user).some((n) => n > 0) : false;
  }

  private undo(): void {
    const map = this.map;
    const session = this.session;
    if (!map || !session || !this.view) return;
    if (!this.view.closed && (this.view.ring.length > 0 || !this.view.canUndo)) {
      map.undoDrawVertex?.();
      return;
    }
    const previous = session.undo();
    if (previous) map.setDrawRing?.(previous.map((p) => [p[0]!, p[1]!] as const));
    this.view = session.state;
  }

  private restart(): void {
    this.session?.restart();
    this.map?.setDrawRing?.(null);
    if (this.session) this.view = this.session.state;
  }

  private endDrawing(): void {
    this.map?.stopDraw?.();
    this.session = null;
    this.view = null;
    this.announce(false);
  }

  private cancel(): void {
    this.endDrawing();
    this.message = null;
  }

  private applied(r: ParkDrawResult, done: MessageKey, vars: MessageVars = {}): boolean {
    if (!r.ok) {
      const detail = r.problem.code === 'store-failed' ? r.problem.detail : '';
      this.message = { key: PROBLEM_KEYS[r.problem.code], vars: { detail }, bad: true };
      return false;
    }
    this.store?.setUserContent(r.content);
    this.dispatchEvent(new CustomEvent('user-data-changed', { bubbles: true, composed: true }));
    this.message = { key: done, vars, bad: false };
    return true;
  }

  private async save(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const precisionM = this.precision.trim() === '' ? Number.NaN : Number(this.precision);
    this.busy = true;
    const r = await session.save(precisionM);
    this.busy = false;
    const record = session.state.saved;
    const ok = this.applied(r, 'draw.saved', {
      method: methodLabel(DRAWN_ALONG_FOUR_BOUNDS, this.locale),
      n: precisionM,
      date: record?.createdAt.slice(0, 10) ?? '',
    });
    if (ok) {
      this.map?.stopDraw?.();
      this.view = null;
      this.announce(false);
    }
  }

  private async revert(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.busy = true;
    const r = await session.revertSave();
    this.busy = false;
    if (this.applied(r, 'draw.reverted')) this.session = null;
  }

  private renderDrawing(v: ParkDrawState): unknown {
    const L = this.L.bind(this);
    const a = v.area;
    const pct = a.share === null ? '—' : `${a.share >= 0 ? '+' : ''}${(a.share * 100).toFixed(2)}%`;
    return html`
      <p class="muted">${L('draw.help')}</p>
      <h4>${L('draw.sides')}</h4>
      <ul class="sides" data-testid="draw-sides">
        ${v.sides.map((s) => {
          const dir = L(SIDE_KEYS[s.edge]);
          return html`<li data-edge=${s.edge} data-drawn=${s.drawn ? 'true' : 'false'}>
            <span class=${s.drawn ? 'tick on' : 'tick off'} role="img" aria-label=${L(s.drawn ? 'draw.sideDrawn' : 'draw.sideNotDrawn', { dir })}>${s.drawn ? '✓' : '☐'}</span>
            <q lang="zh-CN">${s.text}</q></li>`;
        })}
      </ul>
      <p class="muted">${L('draw.tickRule')}</p>
      <dl>
        <dt>${L('draw.areaDrawn')}</dt>
        <dd data-testid="draw-area" data-m2=${a.drawnM2 === null ? '' : String(a.drawnM2)}>${a.drawnM2 === null ? L('draw.areaNone') : formatArea(a.drawnM2, this.locale)}</dd>
        <dt>${L('draw.areaStated')}</dt><dd>${a.statedM2 === null ? '—' : formatArea(a.statedM2, this.locale)}</dd>
        <dt>${L('draw.areaDiff')}</dt><dd data-testid="draw-area-diff">${pct}</dd>
      </dl>
      <p class="muted" data-testid="draw-snapping">${this.snapping ? L('draw.snapOn', { px: DRAW_SNAP_PX }) : L('draw.snapNone')}</p>
      <div class="row">
        <label>${L('draw.precision')}<input data-testid="draw-precision" inputmode="decimal" .value=${this.precision}
          @input=${(e: Event) => (this.precision = (e.target as HTMLInputElement).value)} /></label>
        <button type="button" data-testid="draw-save" ?disabled=${this.busy || !v.closed} @click=${() => void this.save()}>${L('draw.save')}</button>
      </div>
      <div class="row">
        <button type="button" data-testid="draw-undo" ?disabled=${v.closed || v.ring.length === 0 ? !v.canUndo : false} @click=${() => this.undo()}>${L('draw.undo')}</button>
        <button type="button" data-testid="draw-restart" @click=${() => this.restart()}>${L('draw.restart')}</button>
        <button type="button" data-testid="draw-cancel" @click=${() => this.cancel()}>${L('draw.cancel')}</button>
      </div>
    `;
  }

  override render(): unknown {
    if (!this.feature || !canDrawAlongFourBounds(this.feature)) return nothing;
    const L = this.L.bind(this);
    const v = this.view;
    return html`
      <section data-testid="park-draw" aria-label=${L('draw.title')}>
        ${v
          ? html`<h3>${L('draw.title')}</h3>${this.renderDrawing(v)}`
          : html`<button type="button" data-testid="park-draw-start" ?disabled=${this.map === null} @click=${() => this.start()}>${L('draw.start')}</button>
              ${this.session?.state.saved ? html`<button type="button" data-testid="draw-revert" ?disabled=${this.busy} @click=${() => void this.revert()}>${L('draw.revert')}</button>` : nothing}`}
        ${this.message ? html`<p role="status" data-testid="draw-message" class=${this.message.bad ? 'problem' : 'done'}>${L(this.message.key, this.message.vars)}</p>` : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-park-draw': ParkDraw;
  }
}
