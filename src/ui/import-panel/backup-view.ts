import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import type { UserData } from '../../app/import/user-data';
import type { Notices } from '../../app/import/notices';
import type { RestoreMode } from '../../app/import/backup';
import { exportBackup, restoreBackup, type RestoreOutcome } from '../../app/import/backup-flow';
import { newStoreId } from '../../app/import/import-session';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { SessionController } from './session-controller';
import { downloadBlob } from '../download';

/**
 * Backup (备份): export every stored layer and supersede record to one file, or restore a backup file
 * next to what is stored or in its place. A view over the app's backup flows.
 */
@customElement('gis-backup-view')
export class BackupView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The user's stored data. */
  @property({ attribute: false }) userData: UserData | null = null;
  /** Where outcomes are told. */
  @property({ attribute: false }) notices: Notices | null = null;

  @state() private mode: RestoreMode = 'add';

  constructor() {
    super();
    new SessionController(this, () => this.userData);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ImportKey): string {
    return t(`import.${key}`, this.locale);
  }

  /** Validates a backup file and restores it in the chosen mode; a bad file changes nothing. */
  async restore(file: Blob): Promise<RestoreOutcome> {
    if (!this.userData || !this.notices) return { restored: false, replaced: false };
    const outcome = await restoreBackup(new Uint8Array(await file.arrayBuffer()), this.mode, this.userData, this.notices, newStoreId);
    this.dispatchEvent(new CustomEvent<RestoreOutcome>('backup-restored', { detail: outcome, bubbles: true, composed: true }));
    return outcome;
  }

  override render(): unknown {
    const L = this.L.bind(this);
    const content = this.userData?.state.content;
    const empty = content === undefined || (content.layers.length === 0 && content.supersessions.length === 0);
    return html`<section class="card" data-testid="backup" aria-labelledby="backup-h">
      <h3 id="backup-h">${L('backupTitle')}</h3>
      <p class="muted">${L('backupHint')}</p>
      <div class="row">
        <button type="button" data-testid="backup-export" ?disabled=${empty}
          @click=${() => content && this.notices && void exportBackup(content, this.notices, downloadBlob)}>${L('backupExport')}</button>
      </div>
      <div class="row">
        <label>${L('backupMode')}
          <select data-testid="backup-mode" @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value === 'replace' ? 'replace' : 'add')}>
            <option value="add" ?selected=${this.mode === 'add'}>${L('backupModeAdd')}</option>
            <option value="replace" ?selected=${this.mode === 'replace'}>${L('backupModeReplace')}</option>
          </select>
        </label>
        <label>${L('backupRestore')}
          <input type="file" data-testid="backup-file" accept=".json,application/json"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void this.restore(file);
              input.value = '';
            }} />
        </label>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-backup-view': BackupView;
  }
}
