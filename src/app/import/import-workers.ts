import { openWorker, type WorkerHandle } from '../worker-protocol';
import { startImportWorker } from '../worker-factories';
import type { ImportWorkerApi } from '../../workers/import-worker';

/**
 * The import worker's lifetime: one worker holds the file being previewed (and, once accepted, its
 * features); after an accept it is kept for the same layer's overview and compliance check, which then
 * skip reading the stored Blob (seconds for 100 MB), until that check, the next import, or
 * {@link RETAIN_MS} unused. Other jobs (exports, checks of other layers) borrow a worker of their own.
 */

/** How long a kept worker (and the features it holds) may stay unused. */
export const RETAIN_MS = 10 * 60_000;

/** An open import worker. */
export type ImportWorker = WorkerHandle<ImportWorkerApi>;

/** Opens the import worker of the build. */
export function openImportWorker(): ImportWorker {
  return openWorker<ImportWorkerApi>(startImportWorker);
}

/** A borrowed worker; `release(keep)` ends it, or keeps it for the same layer again. */
export interface BorrowedWorker {
  readonly worker: ImportWorker;
  release(keep: boolean): void;
}

/** Opens, keeps and ends the import workers of the page. */
export class ImportWorkers {
  #active: ImportWorker | null = null;
  #kept: { idPrefix: string; worker: ImportWorker; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly open: () => ImportWorker) {}

  /** A fresh worker for a new preview; the previous preview's and any kept worker end. */
  startPreview(): ImportWorker {
    this.endPreview();
    this.releaseKept();
    this.#active = this.open();
    return this.#active;
  }

  /** The worker that holds the current preview, if it still runs. */
  get active(): ImportWorker | null {
    return this.#active !== null && !this.#active.stopped ? this.#active : null;
  }

  /** Ends the preview's worker (discard, cancel). */
  endPreview(): void {
    this.#active?.terminate();
    this.#active = null;
  }

  /** Keeps the preview's worker, which now holds the accepted layer `idPrefix`, for that layer's next jobs. */
  keepFor(idPrefix: string): void {
    const worker = this.#active;
    this.#active = null;
    if (worker === null || worker.stopped) return;
    this.keep(idPrefix, worker);
  }

  /** A worker for a job on layer `idPrefix` (the kept one when it holds that layer), or for any job without it. */
  borrow(idPrefix?: string): BorrowedWorker {
    const kept = this.#kept;
    let worker: ImportWorker;
    if (idPrefix !== undefined && kept !== null && kept.idPrefix === idPrefix && !kept.worker.stopped) {
      clearTimeout(kept.timer);
      this.#kept = null;
      worker = kept.worker;
    } else worker = this.open();
    return {
      worker,
      release: (keep: boolean) => {
        if (keep && idPrefix !== undefined && !worker.stopped) this.keep(idPrefix, worker);
        else worker.terminate();
      },
    };
  }

  /** Ends the kept worker, freeing the features it holds. */
  releaseKept(): void {
    if (this.#kept === null) return;
    clearTimeout(this.#kept.timer);
    this.#kept.worker.terminate();
    this.#kept = null;
  }

  /** Ends every worker. */
  dispose(): void {
    this.endPreview();
    this.releaseKept();
  }

  private keep(idPrefix: string, worker: ImportWorker): void {
    this.releaseKept();
    this.#kept = { idPrefix, worker, timer: setTimeout(() => this.releaseKept(), RETAIN_MS) };
  }
}
