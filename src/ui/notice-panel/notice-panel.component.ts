import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FeatureCollection } from 'geojson';
import type { Lang, MapApi, MapClick } from '../../map/map-api';
import type { ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import { flatPositions } from '../../core/geo/positions';
import type { StoreContent } from '../../app/catalog/user-layer-store';
import type { NoticeSession, NoticeState } from '../../app/notice/notice-session';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { noticePanelStyles } from './notice-panel.styles';
import { problemText, renderPassage, renderSummary, renderUnread } from './notice-review-view';
import type { SiteAction } from './notice-site.component';
import './notice-site.component';

/** Map overlay (MapApi.setAnalysisLayer) that previews the shapes under review. */
export const NOTICE_PREVIEW_LAYER = 'notice-preview';

/** How many CSS pixels a click on the map is taken to be good to (its precision is this many pixels in metres). */
const CLICK_PIXELS = 10;

let defaultSession: Promise<NoticeSession> | null = null;

/** The page's notice session, its code loaded on first use. */
function pageSession(): Promise<NoticeSession> {
  defaultSession ??= Promise.all([import('../../app/notice/notice-session'), import('../../app/notice/notice-deps')]).then(([s, d]) => new s.NoticeSession(d.noticeDeps()));
  return defaultSession;
}

/**
 * "导入公告 / Add a notice": paste a notice or drop / choose a .txt, .html or .docx file; the pipeline worker reads
 * it; the review shows the passage coloured by what was read, the unread parts, and each site with its county and
 * township pickers or "place on map"; confirming stores one user layer (event `notice-saved` with the stored content).
 */
@customElement('gis-notice-panel')
export class NoticePanel extends LitElement {
  static override styles = [sharedStyles, noticePanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** The session (replaceable in tests). */
  @property({ attribute: false }) session: () => Promise<NoticeSession> = pageSession;

  @state() private s: NoticeState | null = null;
  @state() private text = '';
  @state() private over = false;
  @state() private placingId: string | null = null;
  @state() private gazetteer: ShanxiGazetteer | null = null;
  @state() private layerName = '';
  @state() private savedMessage = '';
  private unsubscribe: (() => void) | null = null;
  private unclick: (() => void) | null = null;
  private bound: NoticeSession | null = null;
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') this.placingId = null;
  };

  private L(key: MessageKey, vars?: Record<string, string | number>): string {
    return t(key, this.locale, vars);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
    this.unsubscribe?.();
    this.unclick?.();
    this.unclick = null;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('map')) {
      this.unclick?.();
      this.unclick = this.map ? this.map.onClick((e) => void this.onMapClick(e)) : null;
    }
  }

  private async ready(): Promise<NoticeSession> {
    const session = await this.session();
    if (this.bound !== session) {
      this.unsubscribe?.();
      this.bound = session;
      this.unsubscribe = session.subscribe((s) => this.onState(s));
      this.s = session.get();
    }
    return session;
  }

  private onState(s: NoticeState): void {
    const previous = this.s;
    this.s = s;
    if (s.build !== previous?.build) this.showPreview(s);
    if (s.review && this.gazetteer === null) void this.bound?.gazetteer().then((g) => (this.gazetteer = g));
  }

  private showPreview(s: NoticeState): void {
    if (!this.map) return;
    if (!s.build || s.phase === 'saved') {
      this.map.setAnalysisLayer(NOTICE_PREVIEW_LAYER, null);
      return;
    }
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: s.build.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { id: `notice-preview:${f.id}`, stroke: '#b35c00', strokeWidth: 2, dashed: true, fill: '#b35c00', fillOpacity: 0.12 } })),
    };
    this.map.setAnalysisLayer(NOTICE_PREVIEW_LAYER, fc);
    const points = s.build.features.flatMap((f) => flatPositions(f.geometry));
    if (points.length === 0) return;
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    const pad = 0.02;
    this.map.fitBounds([Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad], { top: 40, right: 40, bottom: 40, left: 40 });
  }

  private async onMapClick(e: MapClick): Promise<void> {
    const id = this.placingId;
    if (id === null || !this.map) return;
    this.placingId = null;
    const precisionM = Math.max(1, Math.round(this.map.metresPerPixel() * CLICK_PIXELS));
    await (await this.ready()).placeAt(id, e.position[0], e.position[1], precisionM, 'map');
  }

  private async readPasted(): Promise<void> {
    this.savedMessage = '';
    await (await this.ready()).pasteText(this.text);
  }

  /** Reads a file dropped or chosen (also called by the shell for a notice dropped elsewhere). */
  async acceptFile(file: File): Promise<void> {
    this.savedMessage = '';
    await (await this.ready()).loadFile(file);
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.acceptFile(file);
  }

  private async onSiteAction(a: SiteAction): Promise<void> {
    const session = await this.ready();
    if (a.kind === 'place-on-map') {
      this.placingId = this.placingId === a.recordId ? null : a.recordId;
      return;
    }
    this.placingId = null;
    if (a.kind === 'county') await session.pickCounty(a.recordId, a.county);
    else if (a.kind === 'township') await session.pickTownship(a.recordId, a.county, a.township);
    else await session.placeAt(a.recordId, a.lon, a.lat, a.precisionM, 'typed');
  }

  private async confirm(): Promise<void> {
    const session = await this.ready();
    const n = this.s?.build?.features.length ?? 0;
    const content: StoreContent | null = await session.confirm(this.layerName);
    if (content === null) return;
    const saved = content.layers.find((l) => l.id === session.get().savedId);
    this.savedMessage = this.L('notice.saved', { name: saved?.name ?? '', n });
    this.map?.setAnalysisLayer(NOTICE_PREVIEW_LAYER, null);
    this.dispatchEvent(new CustomEvent<StoreContent>('notice-saved', { detail: content, bubbles: true, composed: true }));
  }

  private async startOver(): Promise<void> {
    (await this.ready()).reset();
    this.placingId = null;
    this.layerName = '';
  }

  private renderInput(busy: boolean): unknown {
    return html`<div class="drop ${this.over ? 'over' : ''}" data-testid="notice-drop"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
        @dragleave=${() => (this.over = false)} @drop=${(e: DragEvent) => this.onDrop(e)}>
        <label for="notice-text">${this.L('notice.pasteLabel')}</label>
        <textarea id="notice-text" data-testid="notice-text" placeholder=${this.L('notice.pastePlaceholder')} .value=${this.text}
          @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        <div class="row">
          <button type="button" data-testid="notice-read" ?disabled=${busy || this.text.trim() === ''} @click=${() => void this.readPasted()}>${this.L('notice.read')}</button>
          <label>${this.L('notice.chooseFile')}
            <input type="file" data-testid="notice-file" accept=".txt,.html,.htm,.docx,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" ?disabled=${busy}
              @change=${(e: Event) => {
                const input = e.target as HTMLInputElement;
                const file = input.files?.[0];
                input.value = '';
                if (file) void this.acceptFile(file);
              }} />
          </label>
          <span>${this.L('notice.dropHint')}</span>
        </div>
      </div>`;
  }

  private renderReview(s: NoticeState, busy: boolean): unknown {
    if (!s.review || !s.build) return nothing;
    return html`<section data-testid="notice-review" aria-label=${this.L('notice.reviewTitle', { file: s.input?.fileName ?? '' })}>
      ${renderSummary(s, this.locale)} ${renderPassage(s.review, this.locale)} ${renderUnread(s.review, this.locale)}
      <h4>${this.L('notice.sitesTitle')}</h4>
      <div @site-action=${(e: CustomEvent<SiteAction>) => void this.onSiteAction(e.detail)}>
        ${s.review.sites.map(
          (site) => html`<gis-notice-site .locale=${this.locale} .site=${site} .decision=${s.decisions.get(site.recordId) ?? null} .gazetteer=${this.gazetteer}
            ?placing=${this.placingId === site.recordId} ?busy=${busy}></gis-notice-site>`,
        )}
      </div>
      <p>${this.L('notice.confirmHint')}</p>
      <div class="row">
        <label>${this.L('notice.layerName')} <input data-testid="notice-layer-name" .value=${this.layerName} placeholder=${s.build.header.title?.value ?? s.input?.fileName ?? ''}
          @input=${(e: Event) => (this.layerName = (e.target as HTMLInputElement).value)} /></label>
        <button type="button" data-testid="notice-confirm" ?disabled=${busy || s.build.features.length === 0} @click=${() => void this.confirm()}>${this.L('notice.confirm')}</button>
        <button type="button" data-testid="notice-start-over" ?disabled=${busy} @click=${() => void this.startOver()}>${this.L('notice.startOver')}</button>
      </div>
    </section>`;
  }

  override render(): unknown {
    const s = this.s;
    const phase = s?.phase ?? 'idle';
    const busy = phase === 'reading' || phase === 'building' || phase === 'saving';
    const busyKey: MessageKey | null = phase === 'reading' ? 'notice.reading' : phase === 'building' ? 'notice.building' : phase === 'saving' ? 'notice.saving' : null;
    return html`<h3>${this.L('notice.title')}</h3>
      <p>${this.L('notice.intro')}</p>
      ${this.renderInput(busy)}
      <p class="busy" role="status" data-testid="notice-status" data-phase=${phase}>${busyKey ? this.L(busyKey) : ''}</p>
      ${s?.problem ? html`<p class="problem" role="alert" data-testid="notice-problem" data-code=${s.problem.code}>${problemText(s.problem, this.locale)}</p>` : nothing}
      ${this.savedMessage ? html`<p class="ok" role="status" data-testid="notice-saved">${this.savedMessage}</p>` : nothing}
      ${s && phase !== 'saved' ? this.renderReview(s, busy) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-notice-panel': NoticePanel;
  }
}
