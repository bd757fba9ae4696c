import type { StoreContent, StoreResult, UserLayerStore } from '../catalog/user-layer-store';
import type { StoredLayer, Supersession } from '../../core/model/user-layer';
import type { Notices, NoticeCode } from './notices';
import { Observable } from './observable';

/**
 * The user's stored layers and supersede records as the import tab sees them: read once, written
 * through the store, read again after every write, and announced (`onChanged`) so that the shell
 * merges them into the catalog and the map. Failed writes become notices; nothing throws.
 */

/** The store operations the import area uses (the IndexedDB store, or a fake in tests). */
export type UserStore = Pick<UserLayerStore, 'readAll' | 'putLayer' | 'updateLayer' | 'deleteLayer' | 'putSupersession' | 'deleteSupersession' | 'restore'>;

/** State of {@link UserData}. */
export interface UserDataState {
  readonly content: StoreContent;
  /** Whether the store has been read once. */
  readonly loaded: boolean;
}

/** Nothing stored. */
export const EMPTY_CONTENT: StoreContent = { layers: [], supersessions: [], skipped: [] };

/** The user's stored data and its writes. */
export class UserData extends Observable<UserDataState> {
  constructor(
    readonly store: UserStore,
    private readonly notices: Notices,
    private readonly onChanged: (content: StoreContent) => void = () => undefined,
  ) {
    super({ content: EMPTY_CONTENT, loaded: false });
  }

  /** Reads the store again; with `announce`, tells `onChanged`. */
  async reload(announce: boolean): Promise<void> {
    const r = await this.store.readAll();
    if (!r.ok) {
      this.notices.error('store-unavailable', r.reason, { message: r.message });
      this.update({ loaded: true });
      return;
    }
    this.notices.setSkipped(r.content.skipped);
    this.update({ content: r.content, loaded: true });
    if (announce) this.onChanged(r.content);
  }

  /** After a write: a failure becomes a notice; a success shows `ok` (or clears the notice) and reloads. */
  async afterWrite(r: StoreResult, ok?: { code: NoticeCode; vars: Readonly<Record<string, string | number>> }): Promise<boolean> {
    if (!r.ok) {
      this.notices.error('store-failed', r.reason, { message: r.message });
      return false;
    }
    if (ok) this.notices.ok(ok.code, ok.vars);
    else this.notices.clear();
    await this.reload(true);
    return true;
  }

  /** Shows or hides a stored layer. */
  async setVisible(layer: StoredLayer, visible: boolean): Promise<boolean> {
    return this.afterWrite(await this.store.updateLayer(layer.id, { visible }));
  }

  /** Renames a stored layer; a blank or unchanged name does nothing. */
  async rename(layer: StoredLayer, name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === layer.name) return false;
    return this.afterWrite(await this.store.updateLayer(layer.id, { name: trimmed }));
  }

  /** Removes a stored layer. */
  async remove(layer: StoredLayer): Promise<boolean> {
    return this.afterWrite(await this.store.deleteLayer(layer.id));
  }

  /** Shows or hides the superseded text-derived shape of a record. */
  async showSuperseded(record: Supersession, show: boolean): Promise<boolean> {
    return this.afterWrite(await this.store.putSupersession({ ...record, showPrevious: show }));
  }

  /** Undoes a supersede: the text-derived shape is current again. */
  async undoSupersede(record: Supersession): Promise<boolean> {
    return this.afterWrite(await this.store.deleteSupersession(record.featureId));
  }
}
