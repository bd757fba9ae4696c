import type { Remote } from 'comlink';
import type { ExportFormat, FixId, ImportPreview } from '../../core/io/index';
import type { AcceptOutcome, ExportJobOptions, ImportJobOptions, ImportService, ImportStage, LayerSource, PreviewOutcome } from '../../core/import-job/import-service';
import type { OverviewStyle } from '../../core/raster/overview-raster';
import { callback, type WorkerCallResult } from '../worker-protocol';
import type { ImportWorkerApi } from '../../workers/import-worker';
// The user-layer schemas move into src/core/model and src/app with the shell slice of issue 14.
import type { StoredLayer, UserCategory } from '../../core/model/user-layer';
import { userLayerId } from '../../core/model/layer-registry';
import type { ImportWorker, ImportWorkers } from './import-workers';
import type { Notices } from './notices';
import type { UserData } from './user-data';
import { Observable } from './observable';

/**
 * The import session: one path for files of every size. The file goes to the import worker, which
 * previews, fixes and accepts it and keeps the features; the page gets the preview (with the features
 * only for small files, to draw their outline) and stores the accepted layer: small ones inline, large
 * ones as the worker's Blobs with an overview image. Exports run in a worker too. Every outcome is a
 * value: a state change or a notice; progress and cancel for every job.
 */

/** Files from this size on are stored as Blobs and previewed without their features (issue 9). */
export const LARGE_IMPORT_BYTES = 4_000_000;

/** Findings of a large layer listed on the review sheet and drawn (the total is shown). */
export const MAX_LISTED_FINDINGS = 100;

/** Fixes that change the datum: offered, never preselected. */
const DATUM_FIXES: ReadonlySet<FixId> = new Set(['convert-gcj02', 'convert-bd09']);

/** The running job: its stage and, when counted, features done of total. */
export interface JobState {
  readonly stage: ImportStage;
  readonly done: number;
  readonly total: number;
}

/** The file being previewed and how it was read. */
export interface PreviewedFile {
  readonly blob: Blob;
  readonly name: string;
  readonly options: ImportJobOptions;
  /** Stored as Blobs, previewed without features. */
  readonly large: boolean;
}

/** What the user chose in the preview. */
export interface ImportForm {
  readonly layerName: string;
  readonly category: UserCategory;
  readonly allowErrors: boolean;
  /** EPSG code to force ('' = as detected). */
  readonly forcedEpsg: string;
  readonly datum: '' | 'gcj02' | 'bd09';
  /** Fixes ticked. */
  readonly fixes: ReadonlySet<FixId>;
}

/** State of {@link ImportSession}. */
export interface ImportSessionState {
  readonly job: JobState | null;
  readonly preview: ImportPreview | null;
  /** Error-level problems of the preview (exact, also when the preview lists only the first ones). */
  readonly errorCount: number;
  readonly file: PreviewedFile | null;
  readonly form: ImportForm;
}

/** What the session needs from its surroundings. */
export interface ImportSessionDeps {
  readonly workers: ImportWorkers;
  readonly userData: UserData;
  readonly notices: Notices;
  /** Colours of a layer's overview image (the map's style of its catalog id). */
  readonly overviewStyle: (catalogId: string) => OverviewStyle | Promise<OverviewStyle>;
  /** Offers bytes as a download. */
  readonly download: (bytes: Uint8Array, fileName: string, mimeType: string) => void;
  /** Size from which a file takes the large storage. */
  readonly largeBytes?: number;
  /** A new store id (random by default). */
  readonly newId?: () => string;
  readonly now?: () => Date;
}

/** File name without its extension. */
export function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, '').trim() || file;
}

/** A random store id of lower-case letters and digits. */
export function newStoreId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().replace(/-/g, '').slice(0, 10) : Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}${rnd}`.toLowerCase();
}

const EMPTY_FORM: ImportForm = { layerName: '', category: 'project-boundary', allowErrors: false, forcedEpsg: '', datum: '', fixes: new Set() };

/** The import session of the import tab. */
export class ImportSession extends Observable<ImportSessionState> {
  #generation = 0;
  #cancel: (() => void) | null = null;

  constructor(private readonly deps: ImportSessionDeps) {
    super({ job: null, preview: null, errorCount: 0, file: null, form: EMPTY_FORM });
  }

  /** Changes what the user chose. */
  setForm(patch: Partial<ImportForm>): void {
    this.update({ form: { ...this.state.form, ...patch } });
  }

  /** Reads a file (or pasted text as a Blob) and shows its preview. */
  async importFile(blob: Blob, name: string): Promise<void> {
    const large = blob.size >= (this.deps.largeBytes ?? LARGE_IMPORT_BYTES);
    await this.prepare({ blob, name, options: {}, large }, true);
  }

  /** Reads the previewed file again with the CRS and datum of the form. */
  async reread(): Promise<void> {
    const { file, form } = this.state;
    if (file === null) return;
    const epsg = Number(form.forcedEpsg);
    const options: ImportJobOptions = {
      ...(form.forcedEpsg !== '' && Number.isInteger(epsg) ? { forceEpsg: epsg } : {}),
      ...(form.datum !== '' ? { sourceDatum: form.datum } : {}),
    };
    await this.prepare({ ...file, options }, false);
  }

  /** Applies the ticked fixes. */
  async applyFixes(): Promise<void> {
    const { preview, form, file } = this.state;
    const worker = this.deps.workers.active;
    if (preview === null || file === null || worker === null || form.fixes.size === 0) return;
    const fixIds = [...form.fixes];
    const r = await this.track<Awaited<ReturnType<ImportService['fix']>>>(worker, (api, progress) => api.fix(fixIds, !file.large, progress));
    if (r === null) return;
    if (!r.ok) {
      this.discard();
      return;
    }
    this.showPreview(r.preview, r.errorCount);
  }

  /** Accepts the preview as a stored layer with the form's name and category. */
  async accept(): Promise<void> {
    const { preview, file, form } = this.state;
    const worker = this.deps.workers.active;
    if (preview === null || file === null || worker === null) return;
    const storeId = (this.deps.newId ?? newStoreId)();
    const idPrefix = `imp${storeId}`;
    const r = await this.track<AcceptOutcome>(worker, (api, progress) => api.accept(idPrefix, form.allowErrors, file.large ? 'blobs' : 'inline', progress));
    if (r === null) return;
    if (!r.ok) {
      this.deps.notices.error('accept-refused', r.reason, { n: r.errorCount });
      return;
    }
    const name = form.layerName.trim() || baseName(preview.fileName);
    const category = form.category;
    const base = {
      id: storeId,
      name,
      category,
      visible: true,
      createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
      source: { fileName: preview.fileName, format: preview.format, crsEpsg: preview.crs.epsg, crsName: preview.crs.name, zone: preview.crs.zone ?? null },
    };
    let layer: StoredLayer;
    if (r.storage === 'inline') {
      layer = { ...base, features: r.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, category } })) };
    } else {
      const big = r.layer;
      const style = await this.deps.overviewStyle(userLayerId({ id: storeId, category }));
      const overview =
        big.bbox === null ? null : await worker.run((api) => api.overview({ kind: 'stored', data: big.data, idPrefix }, big.bbox as [number, number, number, number], style));
      const image = overview?.ok === true ? overview.value : null;
      layer = {
        ...base,
        features: [],
        large: {
          featureCount: big.featureCount,
          bbox: big.bbox === null ? null : [...big.bbox],
          idPrefix,
          data: big.data,
          map: big.map,
          ...(image === null ? {} : { overview: { image: image.image, bounds: image.bounds } }),
        },
      };
    }
    const n = layer.large?.featureCount ?? layer.features.length;
    const saved = await this.deps.userData.afterWrite(await this.deps.userData.store.putLayer(layer), { code: 'saved', vars: { name, n } });
    if (!saved) return;
    if (file.large) this.deps.workers.keepFor(idPrefix);
    else this.deps.workers.endPreview();
    this.update({ preview: null, file: null, errorCount: 0 });
  }

  /** Drops the preview; nothing is stored. */
  discard(): void {
    this.deps.workers.endPreview();
    this.update({ preview: null, file: null, errorCount: 0 });
  }

  /** Ends the running job (its worker is terminated); nothing is changed. */
  cancel(): void {
    this.#cancel?.();
  }

  /** Writes a stored layer in `format` and offers the file. */
  async exportLayer(layer: StoredLayer, format: ExportFormat, options: ExportJobOptions): Promise<void> {
    const source: LayerSource = layer.large ? { kind: 'stored', data: layer.large.data, idPrefix: layer.large.idPrefix } : { kind: 'features', features: layer.features };
    await this.exportSource(source, format, options);
  }

  /** Writes features in `format` and offers the file. */
  async exportSource(source: LayerSource, format: ExportFormat, options: ExportJobOptions): Promise<void> {
    const borrowed = this.deps.workers.borrow();
    const r = await this.track<Awaited<ReturnType<ImportService['exportFeatures']>>>(borrowed.worker, (api, progress) => api.exportFeatures(source, format, options, progress));
    borrowed.release(false);
    if (r === null) return;
    if (!r.ok) {
      this.deps.notices.error('export-failed', r.reason, { message: r.message });
      return;
    }
    this.deps.download(r.bytes, r.fileName, r.mimeType);
    this.deps.notices.ok('exported', { file: r.fileName });
  }

  /** Ends the workers (the tab is gone). */
  dispose(): void {
    this.cancel();
    this.deps.workers.dispose();
  }

  private async prepare(file: PreviewedFile, fresh: boolean): Promise<void> {
    this.#cancel?.();
    this.deps.notices.clear();
    const worker = this.deps.workers.startPreview();
    const r = await this.track<PreviewOutcome>(worker, (api, progress) => api.prepare(file.blob, file.name, file.options, !file.large, progress));
    if (r === null) return;
    if (!r.ok) {
      this.deps.notices.error('import-failed', r.reason, {}, 'detail' in r ? r.detail : undefined);
      this.discard();
      return;
    }
    this.update({
      file,
      ...(fresh ? { form: { ...this.state.form, layerName: baseName(file.name), forcedEpsg: '', datum: '', allowErrors: false } } : {}),
    });
    this.showPreview(r.preview, r.errorCount);
  }

  private showPreview(preview: ImportPreview, errorCount: number): void {
    const offered = new Set<FixId>();
    for (const i of [...preview.warnings, ...preview.problems]) if (i.fix !== undefined && !DATUM_FIXES.has(i.fix)) offered.add(i.fix);
    this.update({ preview, errorCount, form: { ...this.state.form, fixes: offered } });
  }

  /**
   * Runs `call` on `worker` while the job is shown with its progress and a cancel button. Null when the
   * job was cancelled, failed in the worker (both become notices; a failed preview worker drops the
   * preview it held) or was replaced by a newer job.
   */
  private async track<T>(
    worker: ImportWorker,
    call: (api: Remote<ImportWorkerApi>, progress: (stage: ImportStage, done: number, total: number) => void) => Promise<T>,
  ): Promise<T | null> {
    const generation = ++this.#generation;
    const cancel = (): void => worker.terminate();
    this.#cancel = cancel;
    this.update({ job: { stage: 'reading', done: 0, total: 0 } });
    const progress = callback((stage: ImportStage, done: number, total: number) => {
      if (generation === this.#generation && this.state.job !== null) this.update({ job: { stage, done, total } });
    });
    const r: WorkerCallResult<T> = await worker.run((api) => call(api, progress));
    if (generation !== this.#generation) return null;
    this.#cancel = null;
    this.update({ job: null });
    if (r.ok) return r.value;
    if (r.reason === 'cancelled') this.deps.notices.ok('cancelled');
    else this.deps.notices.error('worker-failed', r.reason, { message: r.detail });
    if (worker === this.deps.workers.active || worker.stopped) {
      if (this.state.preview !== null && this.deps.workers.active === null) this.update({ preview: null, file: null, errorCount: 0 });
    }
    return null;
  }
}
