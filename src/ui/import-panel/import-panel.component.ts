import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang, MapApi } from '../../map/map-api';
import type { ImportPreview } from '../../core/io/index';
import type { ImportStage } from '../../core/import-job/import-service';
import { loadRules } from '../../app/rules-loader';
import { ImportWorkers, openImportWorker, type ImportWorker } from '../../app/import/import-workers';
import { ImportSession, LARGE_IMPORT_BYTES } from '../../app/import/import-session';
import { Notices } from '../../app/import/notices';
import { UserData, type UserStore } from '../../app/import/user-data';
import { ComplianceSession } from '../../app/compliance/compliance-session';
import { supersedeTargets } from '../../app/import/supersede-flow';
import type { RestoreOutcome } from '../../app/import/backup-flow';
import { sharedStyles } from '../shared-styles';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import { UserLayerStore } from '../../app/catalog/user-layer-store';
import type { StoreContent } from '../../app/catalog/user-layer-store';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { importPanelStyles } from './import-panel.styles';
import { SessionController } from './session-controller';
import { noticeText } from './notice-text';
import { drawPreview } from './map-sync';
import { downloadBytes } from '../download';
import './preview-view';
import './stored-layers-view';
import './backup-view';
import './compliance-view';
import './supersessions-view';

export { IMPORT_PREVIEW_LAYER, COMPLIANCE_LAYER } from './map-sync';

/** Detail of `user-data-changed`: everything now stored. */
export type UserDataChangedDetail = StoreContent;

const STAGE_KEYS: Record<ImportStage, ImportKey> = {
  reading: 'stageReading',
  parsing: 'stageParsing',
  validating: 'stageValidating',
  writing: 'stageWriting',
  checking: 'stageChecking',
  done: 'stageDone',
};

/** Size from which a file is stored as Blobs; a build may move it with `VITE_LARGE_IMPORT_BYTES`. */
function largeImportBytes(): number {
  const raw: unknown = import.meta.env['VITE_LARGE_IMPORT_BYTES'];
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? n : LARGE_IMPORT_BYTES;
}

/** What the panel is built from; tests replace the store and the worker. */
export interface ImportPanelDeps {
  readonly store: UserStore;
  readonly openImportWorker: () => ImportWorker;
}

/**
 * The import tab (导入): file picker, drag-and-drop (here and, through the shell, on the map) and a paste
 * box, the job's progress and cancel, and the outcome; then the views over the app's sessions: the
 * preview (with supersede), the stored layers, backup, the compliance result and the superseded shapes.
 */
@customElement('gis-import-panel')
export class ImportPanel extends LitElement {
  static override styles = [sharedStyles, importPanelStyles];

  /** Store and worker used by the next connected panel (component tests set fakes here). */
  static deps: () => ImportPanelDeps = () => ({ store: new UserLayerStore(), openImportWorker });

  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The map (null until ready). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** Every catalog layer, imported ones included (engine input of the compliance check). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /** The feature selected in the app (the default target of "supersede"). */
  @property({ attribute: false }) selectedId: string | null = null;

  @state() private dragOver = false;

  /** The notices of the import area. */
  readonly notices = new Notices();
  /** The user's stored data. */
  readonly userData: UserData;
  /** The import session. */
  readonly session: ImportSession;
  /** The compliance session. */
  readonly compliance: ComplianceSession;
  /** Resolves once the stored layers have been read (for the shell and tests). */
  readonly ready: Promise<void>;
  #resolveReady: () => void = () => undefined;
  #drawnPreview: ImportPreview | null = null;

  constructor() {
    super();
    const deps = ImportPanel.deps();
    const workers = new ImportWorkers(deps.openImportWorker);
    this.userData = new UserData(deps.store, this.notices, (content) =>
      this.dispatchEvent(new CustomEvent<UserDataChangedDetail>('user-data-changed', { detail: content, bubbles: true, composed: true })),
    );
    this.session = new ImportSession({
      workers,
      userData: this.userData,
      notices: this.notices,
      overviewStyle: async (catalogId) => {
        const s = (await import('../../map/index')).styleOf(catalogId);
        return { fill: s.fill, fillOpacity: s.fillOpacity, line: s.line };
      },
      download: downloadBytes,
      largeBytes: largeImportBytes(),
    });
    this.compliance = new ComplianceSession({ workers, notices: this.notices, loadRules: () => loadRules() });
    new SessionController(this, () => this.notices);
    new SessionController(this, () => this.session);
    this.ready = new Promise((ok) => {
      this.#resolveReady = ok;
    });
  }

  /** The preview shown (null when none). */
  get preview(): ImportPreview | null {
    return this.session.state.preview;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.userData.reload(false).then(() => this.#resolveReady());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session.cancel();
    this.compliance.cancel();
  }

  protected override willUpdate(): void {
    const preview = this.session.state.preview;
    if (this.map && preview !== this.#drawnPreview) {
      this.#drawnPreview = preview;
      drawPreview(this.map, preview);
    }
  }

  private L(key: ImportKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  /** Whether a drag carries files (the shell calls this for drags over the map). */
  allowDrop(e: DragEvent): boolean {
    if (!e.dataTransfer || ![...e.dataTransfer.types].includes('Files')) return false;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    return true;
  }

  /** Imports the first file of a drop (the shell forwards drops on the map here). */
  async acceptDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dragOver = false;
    const file = e.dataTransfer?.files[0];
    if (file) await this.importFile(file);
  }

  /** Imports a file in the worker and shows its preview. */
  async importFile(file: File): Promise<void> {
    await this.session.importFile(file, file.name);
  }

  private onRestored(e: CustomEvent<RestoreOutcome>): void {
    if (e.detail.replaced) this.compliance.clear();
  }

  override render(): unknown {
    const L = this.L.bind(this);
    const job = this.session.state.job;
    const notice = this.notices.state.current;
    const skipped = this.notices.state.skipped;
    const stage = job ? L('working', { stage: L(STAGE_KEYS[job.stage]) }) : '';
    return html`
      <p class="muted">${L('intro')}</p>
      <div class="drop ${this.dragOver ? 'over' : ''}" data-testid="import-drop"
        @dragover=${(e: DragEvent) => {
          if (this.allowDrop(e)) this.dragOver = true;
        }}
        @dragleave=${() => (this.dragOver = false)}
        @drop=${(e: DragEvent) => void this.acceptDrop(e)}>
        <p>${L('dropHere')}</p>
        <label>${L('chooseFile')}
          <input type="file" data-testid="import-file" accept=".geojson,.json,.kml,.kmz,.zip,.shp,.txt,.csv,.tsv,.dat"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void this.importFile(file);
              input.value = '';
            }} />
        </label>
      </div>
      <label class="block" for="paste">${L('pasteLabel')}</label>
      <textarea id="paste" data-testid="import-paste" spellcheck="false"></textarea>
      <div class="row">
        <button type="button" data-testid="import-paste-read" @click=${() => {
          const text = this.renderRoot.querySelector<HTMLTextAreaElement>('#paste')?.value ?? '';
          void this.session.importFile(new Blob([text], { type: 'text/plain' }), `${L('pastedName')}.txt`);
        }}>${L('pasteRead')}</button>
      </div>
      ${job
        ? html`<div class="row" role="status" data-testid="import-progress">
            <progress aria-label=${stage} value=${job.total ? job.done : nothing} max=${job.total ? job.total : nothing}></progress>
            ${job.total ? html`<span data-testid="import-progress-count">${job.done} / ${job.total}</span>` : nothing}
            <span>${stage}</span>
            <button type="button" data-testid="import-cancel" @click=${() => this.session.cancel()}>${L('cancel')}</button>
          </div>`
        : nothing}
      ${notice?.kind === 'error' ? html`<p class="error" role="alert" data-testid="import-error" data-reason=${notice.reason}>${noticeText(notice, this.locale)}</p>` : nothing}
      ${notice?.kind === 'ok' ? html`<p class="ok" role="status" data-testid="import-message">${noticeText(notice, this.locale)}</p>` : nothing}
      ${notice?.kind === 'warning' ? html`<p class="error" role="alert" data-testid="import-warning" data-reason=${notice.reason}>${noticeText(notice, this.locale)}</p>` : nothing}
      ${skipped.length > 0 ? html`<p class="error" role="alert" data-testid="store-error">${skipped.join('; ')}</p>` : nothing}
      <gis-import-preview .locale=${this.locale} .session=${this.session}
        .supersede=${{ targets: supersedeTargets(this.layers, this.userData.state.content.supersessions), selectedId: this.selectedId, userData: this.userData, notices: this.notices }}></gis-import-preview>
      <gis-stored-layers .locale=${this.locale} .map=${this.map} .userData=${this.userData} .session=${this.session} .compliance=${this.compliance} .layers=${this.layers}></gis-stored-layers>
      <gis-backup-view .locale=${this.locale} .userData=${this.userData} .notices=${this.notices} @backup-restored=${(e: CustomEvent<RestoreOutcome>) => this.onRestored(e)}></gis-backup-view>
      <gis-compliance-view .locale=${this.locale} .map=${this.map} .session=${this.compliance} .importedLayers=${this.userData.state.content.layers}></gis-compliance-view>
      <gis-supersessions-view .locale=${this.locale} .userData=${this.userData} .session=${this.session}></gis-supersessions-view>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-import-panel': ImportPanel;
  }
}
