import { BasemapFileError } from './basemap-pmtiles';

const DB_NAME = 'gis-basemap';
const STORE = 'files';
const KEY = 'user-basemap';

/** The user's basemap as kept between visits: the file itself (a Blob in IndexedDB) or a same-origin URL. */
export interface StoredBasemap {
  readonly name: string;
  readonly file: Blob | string;
  readonly savedAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/** Keeps the user's basemap for the next visit (replacing any kept before). */
export async function saveUserBasemap(entry: StoredBasemap): Promise<void> {
  try {
    await run('readwrite', (s) => s.put(entry, KEY));
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    throw new BasemapFileError('store-failed', `底图已打开，但无法保存到浏览器（${text}），下次访问需重新选择。`, `The basemap is open but could not be kept in the browser (${text}); pick it again next visit.`);
  }
}

/** The kept basemap, or null when there is none or storage cannot be read. */
export async function loadUserBasemap(): Promise<StoredBasemap | null> {
  try {
    const v: unknown = await run('readonly', (s) => s.get(KEY));
    if (v && typeof v === 'object' && 'name' in v && 'file' in v && typeof v.name === 'string' && (v.file instanceof Blob || typeof v.file === 'string')) {
      return { name: v.name, file: v.file, savedAt: 'savedAt' in v && typeof v.savedAt === 'string' ? v.savedAt : '' };
    }
    return null;
  } catch {
    return null;
  }
}

/** Forgets the kept basemap. */
export async function clearUserBasemap(): Promise<void> {
  try {
    await run('readwrite', (s) => s.delete(KEY));
  } catch {
    // Nothing kept, or storage unavailable: nothing to forget.
  }
}
