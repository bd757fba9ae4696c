import { storedLayerSchema, supersessionSchema } from '../../core/model/user-layer';
import type { StoredLayer, Supersession } from '../../core/model/user-layer';

/**
 * The user's own data in the browser's IndexedDB: imported layers and "official coordinates
 * supersede" records. Every change is one transaction, so a failed write (quota, a closed
 * database) leaves what was stored before untouched; failures come back as values with a message
 * in Chinese and English, never as uncaught exceptions. What is read back is validated: a damaged
 * record is skipped and reported, not shown.
 */

/** Name of the IndexedDB database. */
export const USER_DB_NAME = 'shanxi-gis-user-data';
/** Schema version of the database. */
export const USER_DB_VERSION = 1;
/** Object store of imported layers (key: `id`). */
export const LAYER_STORE = 'layers';
/** Object store of supersede records (key: `featureId`). */
export const SUPERSEDE_STORE = 'supersessions';

export { USER_CATEGORIES, layerSourceSchema, largeLayerSchema, storedLayerSchema, supersessionSchema } from '../../core/model/user-layer';
export type { LargeLayer, StoredLayer, Supersession, UserCategory } from '../../core/model/user-layer';

/** Outcome of a write. */
export type StoreResult = { ok: true } | { ok: false; reason: 'quota' | 'unavailable' | 'not-found' | 'failed'; message: string };

/** Everything read from the store, with the records that were skipped because they are damaged. */
export interface StoreContent {
  layers: StoredLayer[];
  supersessions: Supersession[];
  skipped: string[];
}

/** Turns an IndexedDB / DOM error into a {@link StoreResult} with a bilingual message. */
export function storeFailure(error: unknown): Extract<StoreResult, { ok: false }> {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError') {
    return { ok: false, reason: 'quota', message: `浏览器存储空间不足，未保存任何内容 / browser storage is full; nothing was saved (${detail})` };
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return { ok: false, reason: 'unavailable', message: `浏览器存储不可用 / browser storage is unavailable (${detail})` };
  }
  return { ok: false, reason: 'failed', message: `保存失败，已存数据未改变 / saving failed; stored data is unchanged (${detail})` };
}

function requestDone<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/** Opens (and on first use creates) the database. */
export function openUserDb(factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(USER_DB_NAME, USER_DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(LAYER_STORE)) db.createObjectStore(LAYER_STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(SUPERSEDE_STORE)) db.createObjectStore(SUPERSEDE_STORE, { keyPath: 'featureId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('could not open IndexedDB'));
    req.onblocked = () => reject(new DOMException('the database is blocked by another tab', 'InvalidStateError'));
  });
}

/** Validates records read back; damaged ones are reported by key. */
export function parseStored(rawLayers: readonly unknown[], rawSupersessions: readonly unknown[]): StoreContent {
  const skipped: string[] = [];
  const layers: StoredLayer[] = [];
  for (const raw of rawLayers) {
    const r = storedLayerSchema.safeParse(raw);
    if (r.success) layers.push(r.data as StoredLayer);
    else skipped.push(`layer ${String((raw as { id?: unknown } | null)?.id ?? '?')}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  const supersessions: Supersession[] = [];
  for (const raw of rawSupersessions) {
    const r = supersessionSchema.safeParse(raw);
    if (r.success) supersessions.push(r.data);
    else skipped.push(`supersession ${String((raw as { featureId?: unknown } | null)?.featureId ?? '?')}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  layers.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { layers, supersessions, skipped };
}

/** The store of the user's layers and supersede records. */
export class UserLayerStore {
  private dbPromise: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory | null = typeof indexedDB === 'undefined' ? null : indexedDB) {}

  private db(): Promise<IDBDatabase> {
    if (this.factory === null) return Promise.reject(new DOMException('IndexedDB is not available', 'InvalidStateError'));
    this.dbPromise ??= openUserDb(this.factory);
    return this.dbPromise;
  }

  /** Reads every stored layer and supersede record. */
  async readAll(): Promise<{ ok: true; content: StoreContent } | Extract<StoreResult, { ok: false }>> {
    try {
      const db = await this.db();
      const tx = db.transaction([LAYER_STORE, SUPERSEDE_STORE], 'readonly');
      const [layers, sup] = await Promise.all([
        requestDone(tx.objectStore(LAYER_STORE).getAll() as IDBRequest<unknown[]>),
        requestDone(tx.objectStore(SUPERSEDE_STORE).getAll() as IDBRequest<unknown[]>),
      ]);
      return { ok: true, content: parseStored(layers, sup) };
    } catch (error: unknown) {
      return storeFailure(error);
    }
  }

  /** Runs `op` in one read-write transaction over `storeNames`; a throw aborts it, so nothing half-written commits. */
  private async transact(storeNames: string[], op: (tx: IDBTransaction) => void): Promise<StoreResult> {
    try {
      const db = await this.db();
      const tx = db.transaction(storeNames, 'readwrite');
      const done = transactionDone(tx);
      try {
        op(tx);
      } catch (error: unknown) {
        // nothing of a half-issued write may commit
        tx.abort();
        await done.catch(() => undefined);
        throw error;
      }
      await done;
      return { ok: true };
    } catch (error: unknown) {
      return storeFailure(error);
    }
  }

  private write(storeName: string, op: (store: IDBObjectStore) => void): Promise<StoreResult> {
    return this.transact([storeName], (tx) => op(tx.objectStore(storeName)));
  }

  /** Adds (or replaces) a layer with all its features in one transaction. */
  putLayer(layer: StoredLayer): Promise<StoreResult> {
    const checked = storedLayerSchema.safeParse(layer);
    if (!checked.success) return Promise.resolve({ ok: false, reason: 'failed', message: `图层数据无效 / invalid layer: ${checked.error.issues[0]?.message ?? ''}` });
    return this.write(LAYER_STORE, (s) => s.put(layer));
  }

  /** Changes a layer's name, category or visibility (read and write in one transaction). */
  async updateLayer(id: string, patch: Partial<Pick<StoredLayer, 'name' | 'visible'>>): Promise<StoreResult> {
    let found = true;
    let putError: unknown = null;
    const r = await this.write(LAYER_STORE, (s) => {
      const get = s.get(id);
      get.onsuccess = () => {
        const cur = get.result as StoredLayer | undefined;
        if (cur === undefined) {
          found = false;
          return;
        }
        // A put that throws here (e.g. QuotaExceededError) would escape as an uncaught error and
        // abort the transaction with a bare AbortError: keep the real error and abort explicitly.
        try {
          s.put({ ...cur, ...patch });
        } catch (error: unknown) {
          putError = error;
          s.transaction.abort();
        }
      };
    });
    if (putError !== null) return storeFailure(putError);
    if (r.ok && !found) return { ok: false, reason: 'not-found', message: `图层 ${id} 不存在 / layer ${id} not found` };
    return r;
  }

  /**
   * Writes a restored backup in one transaction: with `clear`, everything stored is removed first;
   * then every layer and supersede record is put. Any failure (quota …) leaves the store as it was.
   */
  async restore(plan: { clear: boolean; layers: readonly StoredLayer[]; supersessions: readonly Supersession[] }): Promise<StoreResult> {
    for (const layer of plan.layers) {
      const checked = storedLayerSchema.safeParse(layer);
      if (!checked.success) return { ok: false, reason: 'failed', message: `图层数据无效 / invalid layer ${layer.id}: ${checked.error.issues[0]?.message ?? ''}` };
    }
    return this.transact([LAYER_STORE, SUPERSEDE_STORE], (tx) => {
      const layers = tx.objectStore(LAYER_STORE);
      const sup = tx.objectStore(SUPERSEDE_STORE);
      if (plan.clear) {
        layers.clear();
        sup.clear();
      }
      for (const l of plan.layers) layers.put(l);
      for (const r of plan.supersessions) sup.put(r);
    });
  }

  /** Removes a layer. */
  deleteLayer(id: string): Promise<StoreResult> {
    return this.write(LAYER_STORE, (s) => s.delete(id));
  }

  /** Adds (or replaces) a supersede record. */
  putSupersession(record: Supersession): Promise<StoreResult> {
    return this.write(SUPERSEDE_STORE, (s) => s.put(record));
  }

  /** Removes a supersede record (the text-derived shape applies again). */
  deleteSupersession(featureId: string): Promise<StoreResult> {
    return this.write(SUPERSEDE_STORE, (s) => s.delete(featureId));
  }
}

/** Nothing stored. */
export const EMPTY_USER_CONTENT: StoreContent = { layers: [], supersessions: [], skipped: [] };

/** Reads the stored layers and supersede records; an unavailable store gives empty content (with a console warning). */
export async function readUserContent(store: UserLayerStore = new UserLayerStore()): Promise<StoreContent> {
  const r = await store.readAll();
  if (!r.ok) {
    console.warn('user data unavailable:', r.message);
    return EMPTY_USER_CONTENT;
  }
  return r.content;
}
