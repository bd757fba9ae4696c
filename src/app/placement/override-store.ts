import { anchorOverrideListSchema } from '../../core/gazetteer/gazetteer-schema';
import type { AnchorOverride } from '../../core/gazetteer/gazetteer-schema';

/** Where a user's placements are kept between visits. */
export interface OverrideStore {
  load(): Promise<{ ok: true; overrides: AnchorOverride[] } | { ok: false; detail: string }>;
  save(overrides: readonly AnchorOverride[]): Promise<{ ok: true } | { ok: false; detail: string }>;
}

const DB = 'shanxi-gis-placements';
const STORE = 'overrides';
const KEY = 'current';

function open(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB open failed'));
  });
}

/** Keeps the placements in IndexedDB (one record, validated on load); a store that cannot open says why. */
export function indexedDbOverrideStore(factory: IDBFactory | null = typeof indexedDB === 'undefined' ? null : indexedDB): OverrideStore {
  let db: Promise<IDBDatabase> | null = null;
  const dbOf = (): Promise<IDBDatabase> => {
    if (factory === null) return Promise.reject(new Error('indexedDB is not available'));
    db ??= open(factory);
    return db;
  };
  return {
    async load() {
      try {
        const d = await dbOf();
        const raw = await new Promise<unknown>((resolve, reject) => {
          const req = d.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
          req.onsuccess = () => resolve(req.result as unknown);
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        });
        if (raw === undefined) return { ok: true, overrides: [] };
        const parsed = anchorOverrideListSchema.safeParse(raw);
        return parsed.success ? { ok: true, overrides: parsed.data } : { ok: false, detail: 'stored placements are invalid' };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
    async save(overrides) {
      try {
        const d = await dbOf();
        await new Promise<void>((resolve, reject) => {
          const tx = d.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).put(overrides, KEY);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
          tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
