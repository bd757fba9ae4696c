import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Lang, MapApi } from '../../map/index';
import { styleOf } from '../../map/index';
import type { FixId, ImportIssue, ImportPreview } from '../../core/io/import-types';
import type { ExportFormat, ExportResult } from '../../core/io/export-types';
import { findCrs } from '../../core/geo/crs-registry';
import { runImportJob } from '../../workers/import-client';
import type { ImportJobResult, RunningImportJob } from '../../workers/import-client';
import type { ExportJobOptions, ImportJobOptions, ImportStage } from '../../workers/import-messages';
import { runCheckInWorker } from '../../app/conflicts/run-check';
import { sharedStyles } from '../shared-styles';
import { bboxOf } from '../data/layer-catalog';
import type { LoadedLayer, ViewerFeature } from '../data/layer-catalog';
import { USER_CATEGORIES, UserLayerStore } from '../data/user-layer-store';
import type { StoreContent, StoreResult, StoredLayer, Supersession, UserCategory } from '../data/user-layer-store';
import { CATEGORY_LABELS, buildSupersession, isTextDerived, supersessionFeatures, userLayerId } from '../data/user-layers';
import { complianceInputs, complianceRuleSet, findingsOf } from './compliance';
import { reviewSheetTemplate, openReviewSheet, formatArea } from './review-sheet';
import type { ComplianceResult } from './review-sheet';
import { t } from '../../i18n/localize';
import { backupBlob, backupFileName, downloadBlob, parseBackup, planRestore } from './backup';
import type { RestoreMode } from './backup';
import type { ImportKey as ImportStringKey } from '../../i18n/localize';
import { importPanelStyles } from './import-panel.styles';
import { runLargeImportJob } from '../../workers/large-import-client';
import type { LargeLayerData } from '../../workers/large-import-messages';
import { LARGE_STAGES, MAX_LISTED_FINDINGS, isLargeFile } from './large-import';

/** Rows per table of the on-screen review sheet until "show all" (the printed sheet lists all). */
const SHEET_ROWS = 20;

/** Map analysis layer (MapApi.setAnalysisLayer) that outlines the preview before it is accepted. */
export const IMPORT_PREVIEW_LAYER = 'import-preview';
/** Map analysis layer with the overlaps found by the last compliance check. */
export const COMPLIANCE_LAYER = 'compliance-overlaps';

const RULES_URLS = import.meta.glob<string>('../../../data/rules/rules.json', { query: '?url', import: 'default', eager: true });

const STAGE_KEYS: Record<ImportStage, ImportStringKey> = {
  started: 'stageStarted',
  parsing: 'stageParsing',
  validating: 'stageValidating',
  writing: 'stageWriting',
  done: 'stageDone',
};

const EXPORT_FORMATS: ReadonlyArray<{ id: ExportFormat; label: ImportStringKey }> = [
  { id: 'geojson', label: 'fmtGeojson' },
  { id: 'kml', label: 'fmtKml' },
  { id: 'shapefile', label: 'fmtShapefile' },
  { id: 'coordinate-table', label: 'fmtTable' },
];

/** 3° zones a coordinate table of Shanxi may be written in. */
const TABLE_ZONES = [36, 37, 38, 39] as const;

const DATUM_FIXES: ReadonlySet<FixId> = new Set(['convert-gcj02', 'convert-bd09']);

const CATEGORY_COLOURS: Record<UserCategory, string> = {
  'project-boundary': '#6E1F63',
  'ecological-red-line': '#CC3311',
  'permanent-basic-farmland': '#5F5F1F',
  'urban-development-boundary': '#332288',
  other: '#1F6F99',
};

/** Detail of `user-data-changed`: everything now stored. */
export type UserDataChangedDetail = StoreContent;

interface ImportSource {
  bytes: Uint8Array;
  name: string;
  options: ImportJobOptions;
}

function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, '').trim() || file;
}

function newStoreId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().replace(/-/g, '').slice(0, 10) : Math.random().toString(36).slice(2, 12);
  return `${Date.now().toString(36)}${rnd}`.toLowerCase();
}

function polygonOf(features: readonly Feature<Geometry, unknown>[]): Polygon | MultiPolygon | null {
  const polys: Polygon['coordinates'][] = [];
  for (const f of features) {
    if (f.geometry.type === 'Polygon') polys.push(f.geometry.coordinates);
    else if (f.geometry.type === 'MultiPolygon') polys.push(...f.geometry.coordinates);
  }
  if (polys.length === 0) return null;
  if (polys.length === 1 && polys[0] !== undefined) return { type: 'Polygon', coordinates: polys[0] };
  return { type: 'MultiPolygon', coordinates: polys };
}

function layerBbox(features: readonly Feature<Geometry, unknown>[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const f of features) {
    const [w, s, e, n] = bboxOf(f.geometry);
    if (!Number.isFinite(w)) continue;
    box = box === null ? [w, s, e, n] : [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)];
  }
  return box;
}

function download(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const blob = new Blob([bytes.slice().buffer], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The import tab (导入): file picker, drag-and-drop (here and, through the shell, on the map), a
 * paste box for coordinate tables; the preview with CRS, zone and why, alternatives, axis order,
 * warnings and problems with safe fixes, counts, extent and an outline on the map; then accept
 * (saved to IndexedDB) or discard. Below: the stored layers (rename, show/hide, remove, export in
 * four formats, compliance check with a printable review sheet) and the superseded text-derived
 * shapes. Parsing, fixing, accepting, exporting and the checks run in Web Workers.
 */
@customElement('gis-import-panel')
export class ImportPanel extends LitElement {
  static override styles = [sharedStyles, importPanelStyles];

  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The map (null until ready). */
  @property({ attribute: false }) map: MapApi | null = null;
  /** Every catalog layer, imported ones included (engine input of the compliance check). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /** The feature selected in the app (the default target of "supersede"). */
  @property({ attribute: false }) selectedId: string | null = null;

  @state() private content: StoreContent = { layers: [], supersessions: [], skipped: [] };
  @state() private storeError = '';
  @state() private job: { stage: ImportStage; cancel: () => void; done?: number; total?: number } | null = null;
  /** The large file being previewed (its features stay in the worker's Blobs) and what the worker made of it. */
  @state() private large: { file: File; options: ImportJobOptions; fixIds: readonly FixId[]; idPrefix: string; storeId: string; layer: LargeLayerData } | null = null;
  /** Findings of a large layer's check before the list was cut to {@link MAX_LISTED_FINDINGS}. */
  @state() private largeFindingsTotal: number | null = null;
  /** Whether the on-screen review sheet lists every row (after "show all"). */
  @state() private sheetAllRows = false;
  @state() private error = '';
  /** Reason code of the error shown (its `data-reason`), valid while `error` is still this text. */
  @state() private errorReason: { text: string; reason: string } | null = null;
  /** How a backup file is restored (default: next to what is stored). */
  @state() private restoreMode: RestoreMode = 'add';
  @state() private message = '';
  @state() private preview: ImportPreview | null = null;
  @state() private fixes: ReadonlySet<FixId> = new Set();
  @state() private layerName = '';
  @state() private category: UserCategory = 'project-boundary';
  @state() private allowErrors = false;
  @state() private forcedEpsg = '';
  @state() private datum: '' | 'gcj02' | 'bd09' = '';
  @state() private supersedeTarget = '';
  @state() private dragOver = false;
  @state() private confirmRemove: string | null = null;
  @state() private exportFormat: Record<string, ExportFormat> = {};
  @state() private exportZone: Record<string, number> = {};
  @state() private renaming: Record<string, string> = {};
  @state() private compliance: ComplianceResult | null = null;
  @state() private complianceRunning: string | null = null;

  private readonly store = new UserLayerStore();
  private source: ImportSource | null = null;
  private cancelCheck: (() => void) | null = null;

  /** Resolves once the stored layers have been read (for the shell and tests). */
  readonly ready: Promise<void>;
  private resolveReady: () => void = () => undefined;

  constructor() {
    super();
    this.ready = new Promise((ok) => {
      this.resolveReady = ok;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload(false).then(() => this.resolveReady());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.job?.cancel();
    this.cancelCheck?.();
  }

  private L(key: ImportStringKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  // ---- store -----------------------------------------------------------------------------

  /** Reads the store again; with `notify`, tells the shell (which redraws the map and the catalog). */
  private async reload(notify: boolean): Promise<void> {
    const r = await this.store.readAll();
    if (!r.ok) {
      this.storeError = `${this.L('storeUnavailable')}${r.message}`;
      return;
    }
    this.storeError = r.content.skipped.length > 0 ? r.content.skipped.join('; ') : '';
    this.content = r.content;
    if (notify) this.dispatchEvent(new CustomEvent<UserDataChangedDetail>('user-data-changed', { detail: r.content, bubbles: true, composed: true }));
  }

  /** Shows an error with its reason code (exposed as `data-reason` for tests and assistive tools). */
  private fail(text: string, reason: string): void {
    this.error = text;
    this.errorReason = { text, reason };
  }

  private async afterWrite(r: StoreResult, okMessage = ''): Promise<boolean> {
    if (!r.ok) {
      this.fail(`${this.L('storeFailed')}${r.message}`, r.reason);
      return false;
    }
    this.error = '';
    this.message = okMessage;
    await this.reload(true);
    return true;
  }

  // ---- import ------------------------------------------------------------------------------

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

  /** Reads a file and starts its import in the worker. */
  async importFile(file: File): Promise<void> {
    if (isLargeFile(file)) {
      await this.startLargeImport(file, {}, [], true);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    await this.startImport({ bytes, name: file.name, options: {} }, true);
  }

  private async startImport(src: ImportSource, fresh: boolean): Promise<void> {
    this.job?.cancel();
    this.error = '';
    this.message = '';
    const keep = src.bytes.slice();
    const running = runImportJob<'import'>({ type: 'import', bytes: src.bytes, name: src.name, options: src.options }, (stage) => {
      if (this.job) this.job = { ...this.job, stage };
    });
    const r = await this.track(running);
    if (r === null) return;
    if (!r.ok) return;
    const result = r.value;
    if (!result.ok) {
      this.fail(`${this.L('importFailed')}${this.locale === 'en' ? result.detail.en : result.detail.zh}`, result.reason);
      this.clearPreview();
      return;
    }
    this.source = { ...src, bytes: keep };
    if (fresh) {
      this.layerName = baseName(src.name);
      this.forcedEpsg = '';
      this.datum = '';
      this.allowErrors = false;
    }
    this.setPreview(result);
  }

  /** Waits for a job while showing its stage and a cancel button; null when another job replaced it. */
  private async track<T>(running: RunningImportJob<T>): Promise<ImportJobResult<T> | null> {
    const handle = { stage: 'started' as ImportStage, cancel: () => running.cancel() };
    this.job = handle;
    const r = await running.result;
    if (this.job !== null && this.job.cancel !== handle.cancel) return null;
    this.job = null;
    if (!r.ok) this.fail(r.reason === 'cancelled' ? '' : r.message, r.reason);
    if (!r.ok && r.reason === 'cancelled') this.message = this.L('cancelled');
    return r;
  }

  private setPreview(p: ImportPreview): void {
    this.preview = p;
    const offered = new Set<FixId>();
    for (const i of [...p.warnings, ...p.problems]) if (i.fix !== undefined && !DATUM_FIXES.has(i.fix)) offered.add(i.fix);
    this.fixes = offered;
    const target = this.textDerivedTargets().find((f) => f.id === this.selectedId);
    if (target) this.supersedeTarget = target.id;
    this.drawPreview();
  }

  private drawPreview(): void {
    const p = this.preview;
    if (!this.map) return;
    if (p === null) {
      this.map.setAnalysisLayer(IMPORT_PREVIEW_LAYER, null);
      return;
    }
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: p.features.map((f, i) => ({
        type: 'Feature',
        properties: { id: `preview-${i}`, stroke: '#b35c00', strokeWidth: 3, dashed: true, fill: '#f0b400', fillOpacity: 0.15, radius: 5 },
        geometry: f.geometry,
      })),
    };
    this.map.setAnalysisLayer(IMPORT_PREVIEW_LAYER, fc);
    const b = p.stats.bbox;
    if (b) {
      const pad = 0.002;
      this.map.fitBounds([b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]);
    }
  }

  private clearPreview(): void {
    this.preview = null;
    this.source = null;
    this.large = null;
    this.map?.setAnalysisLayer(IMPORT_PREVIEW_LAYER, null);
  }

  private async reread(): Promise<void> {
    const epsg = Number(this.forcedEpsg);
    const options: ImportJobOptions = {
      ...(this.forcedEpsg !== '' && Number.isInteger(epsg) ? { forceEpsg: epsg } : {}),
      ...(this.datum !== '' ? { sourceDatum: this.datum } : {}),
    };
    if (this.large) {
      await this.startLargeImport(this.large.file, options, [], false);
      return;
    }
    if (!this.source) return;
    await this.startImport({ ...this.source, bytes: this.source.bytes.slice(), options }, false);
  }

  private async applyFixes(): Promise<void> {
    const p = this.preview;
    if (!p || this.fixes.size === 0) return;
    if (this.large) {
      await this.startLargeImport(this.large.file, this.large.options, [...new Set([...this.large.fixIds, ...this.fixes])], false);
      return;
    }
    const r = await this.track(runImportJob<'fix'>({ type: 'fix', preview: p, fixIds: [...this.fixes] }));
    if (r?.ok) this.setPreview(r.value);
  }

  private async accept(): Promise<void> {
    const p = this.preview;
    if (!p) return;
    if (this.large) {
      await this.acceptLarge(p, this.large);
      return;
    }
    const id = newStoreId();
    const r = await this.track(runImportJob<'accept'>({ type: 'accept', preview: p, idPrefix: `imp${id}`, allowErrors: this.allowErrors }));
    if (!r?.ok) return;
    if (!r.value.ok) {
      this.error = `${this.L('acceptRefused')}${r.value.message}`;
      return;
    }
    const name = this.layerName.trim() || baseName(p.fileName);
    const layer: StoredLayer = {
      id,
      name,
      category: this.category,
      visible: true,
      createdAt: new Date().toISOString(),
      source: { fileName: p.fileName, format: p.format, crsEpsg: p.crs.epsg, crsName: p.crs.name, zone: p.crs.zone ?? null },
      features: r.value.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, category: this.category } })),
    };
    const saved = await this.store.putLayer(layer);
    if (await this.afterWrite(saved, this.L('saved', { name, n: layer.features.length }))) this.clearPreview();
  }

  // ---- large files (issue 9) -------------------------------------------------------------------

  /**
   * Imports a large file in the large-import worker: the page passes the File handle and gets
   * back the preview without features and the accepted layer as Blobs; progress per chunk.
   */
  private async startLargeImport(file: File, options: ImportJobOptions, fixIds: readonly FixId[], fresh: boolean): Promise<void> {
    this.job?.cancel();
    this.error = '';
    this.message = '';
    const storeId = newStoreId();
    const idPrefix = `imp${storeId}`;
    const running = runLargeImportJob<'prepare'>({ type: 'prepare', file, name: file.name, options, fixIds, idPrefix }, (stage, done, total) => {
      if (this.job) this.job = { ...this.job, stage: LARGE_STAGES[stage], done, total };
    });
    const r = await this.track(running);
    if (r === null || !r.ok) return;
    const result = r.value;
    if (!result.ok) {
      this.fail(`${this.L('importFailed')}${this.locale === 'en' ? result.detail.en : result.detail.zh}`, result.reason);
      this.clearPreview();
      return;
    }
    this.source = null;
    if (fresh) {
      this.layerName = baseName(file.name);
      this.forcedEpsg = '';
      this.datum = '';
      this.allowErrors = false;
    }
    this.large = { file, options, fixIds, idPrefix, storeId, layer: result.layer };
    this.setPreview(result.preview);
  }

  /** Stores a large layer: a small record whose features are the worker's Blobs. */
  private async acceptLarge(p: ImportPreview, large: NonNullable<ImportPanel['large']>): Promise<void> {
    if (large.layer.errorCount > 0 && !this.allowErrors) {
      this.error = `${this.L('acceptRefused')}还有 ${large.layer.errorCount} 个错误未处理 / ${large.layer.errorCount} error(s) remain unresolved`;
      return;
    }
    const name = this.layerName.trim() || baseName(p.fileName);
    const overview = await this.largeOverview(large);
    const layer: StoredLayer = {
      id: large.storeId,
      name,
      category: this.category,
      visible: true,
      createdAt: new Date().toISOString(),
      source: { fileName: p.fileName, format: p.format, crsEpsg: p.crs.epsg, crsName: p.crs.name, zone: p.crs.zone ?? null },
      features: [],
      large: {
        featureCount: large.layer.featureCount,
        bbox: large.layer.bbox === null ? null : [...large.layer.bbox],
        idPrefix: large.idPrefix,
        data: large.layer.data,
        map: large.layer.map,
        ...(overview === null ? {} : { overview }),
      },
    };
    const saved = await this.store.putLayer(layer);
    if (await this.afterWrite(saved, this.L('saved', { name, n: large.layer.featureCount }))) this.clearPreview();
  }

  /**
   * The overview image of a large layer in its category's colours, drawn by the worker that still
   * holds the features; null (the map then tiles the polygons at every zoom) when it cannot be drawn.
   */
  private async largeOverview(large: NonNullable<ImportPanel['large']>): Promise<{ image: Blob; bounds: [number, number, number, number] } | null> {
    const bbox = large.layer.bbox;
    if (bbox === null) return null;
    const s = styleOf(userLayerId({ id: large.storeId, category: this.category }));
    const job = runLargeImportJob<'overview'>({ type: 'overview', data: large.layer.data, idPrefix: large.idPrefix, bbox, style: { fill: s.fill, fillOpacity: s.fillOpacity, line: s.line } });
    const r = await job.result;
    return r.ok && r.value !== null ? { image: r.value.image, bounds: r.value.bounds } : null;
  }

  /** The compliance check of a large layer, in the large-import worker from the stored Blob. */
  private async runLargeCompliance(layer: StoredLayer, big: NonNullable<StoredLayer['large']>, rules: { ruleSet: unknown; derived: string[] }): Promise<void> {
    const catalogId = userLayerId(layer);
    const names = new Map(this.content.layers.map((l) => [userLayerId(l), l.name]));
    const inputs = complianceInputs(this.layers, catalogId, names, layer.category);
    if (inputs === null) throw new Error(`layer ${layer.name} is not loaded`);
    const job = runLargeImportJob<'check'>({
      type: 'check',
      data: big.data,
      layerName: layer.name,
      category: layer.category,
      idPrefix: big.idPrefix,
      others: inputs.slice(1),
      rules: rules.ruleSet,
      time: new Date().toISOString(),
      maxFindings: MAX_LISTED_FINDINGS,
    });
    this.cancelCheck = () => job.cancel();
    const r = await job.result;
    if (!r.ok) throw new Error(r.message);
    const checked = r.value;
    if (!checked.ok || checked.report === null) throw new Error(checked.message);
    this.largeFindingsTotal = checked.totalFindings;
    this.compliance = {
      layerId: catalogId,
      layer,
      report: checked.report,
      findings: checked.report.findings,
      derivedRules: rules.derived,
      areas: checked.areas.map((a) => ({ ...a, name: a.featureId, statedM2: null })),
    };
    const overlaps: Feature[] = checked.report.findings.flatMap((f, i) =>
      f.overlap === null ? [] : [{ type: 'Feature', properties: { id: `compliance-${i}`, fill: f.severity === '禁止' ? '#d00000' : '#f0b400', fillOpacity: 0.45, stroke: '#000000', strokeWidth: 1.5 }, geometry: f.overlap }],
    );
    this.map?.setAnalysisLayer(COMPLIANCE_LAYER, overlaps.length > 0 ? { type: 'FeatureCollection', features: overlaps } : null);
  }

  // ---- supersede ----------------------------------------------------------------------------

  private textDerivedTargets(): ViewerFeature[] {
    return this.layers.flatMap((l) => l.features).filter((f) => isTextDerived(f) || this.content.supersessions.some((s) => s.featureId === f.id));
  }

  private async supersede(): Promise<void> {
    const p = this.preview;
    const target = this.textDerivedTargets().find((f) => f.id === this.supersedeTarget);
    const surveyed = p ? polygonOf(p.features) : null;
    if (!p || !target || !surveyed) return;
    const errors = p.problems.filter((x) => x.severity === 'error');
    if (errors.length > 0 && !this.allowErrors) {
      this.error = `${this.L('acceptRefused')}${errors.map((e) => (this.locale === 'en' ? e.message.en : e.message.zh)).join('; ')}`;
      return;
    }
    const crsText = `${p.crs.name} (EPSG:${p.crs.epsg})`;
    const existing = this.content.supersessions.find((s) => s.featureId === target.id);
    const record: Supersession = existing
      ? { ...existing, surveyed, sourceFile: p.fileName, sourceCrs: crsText, createdAt: new Date().toISOString() }
      : buildSupersession(target, surveyed, p.fileName, crsText, new Date());
    const r = await this.store.putSupersession(record);
    if (await this.afterWrite(r, this.L('superseded', { name: target.props.name }))) this.clearPreview();
  }

  private async toggleSuperseded(record: Supersession, show: boolean): Promise<void> {
    await this.afterWrite(await this.store.putSupersession({ ...record, showPrevious: show }));
  }

  private async undoSupersede(record: Supersession): Promise<void> {
    await this.afterWrite(await this.store.deleteSupersession(record.featureId));
  }

  private async exportSupersession(record: Supersession): Promise<void> {
    const name = `${String(record.previousProps['name'] ?? record.featureId)}-surveyed`;
    await this.runExport(supersessionFeatures(record), 'geojson', { name });
  }

  // ---- stored layers ------------------------------------------------------------------------

  private async setVisible(layer: StoredLayer, visible: boolean): Promise<void> {
    await this.afterWrite(await this.store.updateLayer(layer.id, { visible }));
  }

  private async rename(layer: StoredLayer): Promise<void> {
    const name = (this.renaming[layer.id] ?? '').trim();
    if (name === '' || name === layer.name) return;
    const ok = await this.afterWrite(await this.store.updateLayer(layer.id, { name }));
    if (ok) {
      const { [layer.id]: _done, ...rest } = this.renaming;
      this.renaming = rest;
    }
  }

  private async removeLayer(layer: StoredLayer): Promise<void> {
    this.confirmRemove = null;
    const ok = await this.afterWrite(await this.store.deleteLayer(layer.id));
    if (ok && this.compliance?.layerId === userLayerId(layer)) this.clearCompliance();
  }

  private zoomTo(layer: StoredLayer): void {
    const b = layer.large ? layer.large.bbox : layerBbox(layer.features);
    if (b && this.map) this.map.fitBounds([b[0] - 0.002, b[1] - 0.002, b[2] + 0.002, b[3] + 0.002]);
  }

  private defaultZone(layer: StoredLayer): number {
    const b = layer.large ? layer.large.bbox : layerBbox(layer.features);
    const zone = b ? Math.round((b[0] + b[2]) / 2 / 3) : 37;
    return (TABLE_ZONES as readonly number[]).includes(zone) ? zone : 37;
  }

  private async exportLayer(layer: StoredLayer): Promise<void> {
    const format = this.exportFormat[layer.id] ?? 'geojson';
    const options: ExportJobOptions = format === 'coordinate-table' ? { name: layer.name, zone: this.exportZone[layer.id] ?? this.defaultZone(layer), zoneWidth: 3 } : { name: layer.name };
    if (layer.large) {
      // Large layers are exported in the worker from the stored Blob.
      const r = await this.track(runLargeImportJob<'export'>({ type: 'export', data: layer.large.data, format, options }));
      if (!r?.ok) return;
      if (!r.value.ok) {
        this.error = `${this.L('exportFailed')}${r.value.message}`;
        return;
      }
      download(r.value.bytes, r.value.fileName, r.value.mimeType);
      this.message = this.L('exported', { file: r.value.fileName });
      return;
    }
    await this.runExport(layer.features, format, options);
  }

  private async runExport(features: ReadonlyArray<Feature<Geometry, Record<string, unknown>>>, format: ExportFormat, options: ExportJobOptions): Promise<void> {
    const r = await this.track(runImportJob<'export'>({ type: 'export', features, format, options }));
    if (!r?.ok) return;
    const out: ExportResult = r.value;
    if (!out.ok) {
      this.error = `${this.L('exportFailed')}${out.message}`;
      return;
    }
    download(out.bytes, out.fileName, out.mimeType);
    this.message = this.L('exported', { file: out.fileName });
  }

  // ---- backup ---------------------------------------------------------------------------------

  /** Downloads every stored layer and supersede record as one backup file. */
  private async exportAll(): Promise<void> {
    const now = new Date();
    const name = backupFileName(now);
    try {
      downloadBlob(await backupBlob(this.content, now), name);
    } catch (error: unknown) {
      this.fail(`${this.L('exportFailed')}${error instanceof Error ? error.message : String(error)}`, 'backup-export-failed');
      return;
    }
    this.error = '';
    this.message = this.L('backupExported', { file: name, n: this.content.layers.length });
  }

  /** Validates a backup file and restores it as the user chose; a bad file changes nothing. */
  async restoreBackup(file: File): Promise<void> {
    this.message = '';
    const parsed = parseBackup(new Uint8Array(await file.arrayBuffer()));
    if (!parsed.ok) {
      this.fail(`${this.L('backupRefused')}${parsed.message}`, 'backup-invalid');
      return;
    }
    const plan = planRestore(parsed.backup, this.content, this.restoreMode, newStoreId);
    const ok = await this.afterWrite(
      await this.store.restore(plan),
      this.L('backupRestored', { n: plan.layers.length, m: plan.supersessions.length }),
    );
    if (ok && plan.clear) this.clearCompliance();
  }

  private renderBackup(): TemplateResult {
    const L = (k: ImportStringKey, v?: Record<string, string | number>): string => this.L(k, v);
    return html`<section class="card" data-testid="backup" aria-labelledby="backup-h">
      <h3 id="backup-h">${L('backupTitle')}</h3>
      <p class="muted">${L('backupHint')}</p>
      <div class="row">
        <button type="button" data-testid="backup-export" ?disabled=${this.content.layers.length === 0 && this.content.supersessions.length === 0} @click=${() => void this.exportAll()}>${L('backupExport')}</button>
      </div>
      <div class="row">
        <label>${L('backupMode')}
          <select data-testid="backup-mode" @change=${(e: Event) => (this.restoreMode = (e.target as HTMLSelectElement).value === 'replace' ? 'replace' : 'add')}>
            <option value="add" ?selected=${this.restoreMode === 'add'}>${L('backupModeAdd')}</option>
            <option value="replace" ?selected=${this.restoreMode === 'replace'}>${L('backupModeReplace')}</option>
          </select>
        </label>
        <label>${L('backupRestore')}
          <input type="file" data-testid="backup-file" accept=".json,application/json"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void this.restoreBackup(file);
              input.value = '';
            }} />
        </label>
      </div>
    </section>`;
  }

  // ---- compliance check ---------------------------------------------------------------------

  private clearCompliance(): void {
    this.compliance = null;
    this.map?.setAnalysisLayer(COMPLIANCE_LAYER, null);
  }

  private async runCompliance(layer: StoredLayer): Promise<void> {
    this.cancelCheck?.();
    this.clearCompliance();
    this.error = '';
    const catalogId = userLayerId(layer);
    const rulesUrl = Object.values(RULES_URLS)[0];
    if (rulesUrl === undefined) return;
    this.complianceRunning = catalogId;
    try {
      const res = await fetch(rulesUrl);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      const rules = complianceRuleSet((await res.json()) as unknown, layer.category);
      if (!rules.ok) throw new Error(rules.message);
      this.largeFindingsTotal = null;
      this.sheetAllRows = false;
      if (layer.large) {
        await this.runLargeCompliance(layer, layer.large, rules);
        return;
      }
      const names = new Map(this.content.layers.map((l) => [userLayerId(l), l.name]));
      const inputs = complianceInputs(this.layers, catalogId, names);
      if (inputs === null) throw new Error(`layer ${layer.name} is not loaded`);
      const check = runCheckInWorker(inputs, rules.ruleSet, []);
      const areasJob = runImportJob<'areas'>({ type: 'areas', features: layer.features });
      this.cancelCheck = () => {
        check.cancel();
        areasJob.cancel();
      };
      const [checked, areas] = await Promise.all([check.result, areasJob.result]);
      if (!checked.ok) throw new Error(checked.message);
      if (!areas.ok) throw new Error(areas.message);
      const ids = new Set(layer.features.map((f) => String(f.properties['id'] ?? '')));
      const findings = findingsOf(checked.report, ids);
      this.compliance = {
        layerId: catalogId,
        layer,
        report: checked.report,
        findings,
        derivedRules: rules.derived,
        areas: areas.value.map((a, i) => {
          const props = layer.features[i]?.properties ?? {};
          const stated = props['statedAreaM2'];
          return { ...a, name: String(props['name'] ?? a.featureId), statedM2: typeof stated === 'number' ? stated : null };
        }),
      };
      const overlaps: Feature[] = findings.flatMap((f, i) =>
        f.overlap === null ? [] : [{ type: 'Feature', properties: { id: `compliance-${i}`, fill: f.severity === '禁止' ? '#d00000' : '#f0b400', fillOpacity: 0.45, stroke: '#000000', strokeWidth: 1.5 }, geometry: f.overlap }],
      );
      this.map?.setAnalysisLayer(COMPLIANCE_LAYER, overlaps.length > 0 ? { type: 'FeatureCollection', features: overlaps } : null);
    } catch (error: unknown) {
      this.error = `${this.L('compliance')}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.complianceRunning = null;
      this.cancelCheck = null;
    }
  }

  // ---- rendering ----------------------------------------------------------------------------

  private issueText(i: ImportIssue): string {
    const where = [i.location.line !== undefined ? `L${i.location.line}` : '', i.location.pointName ?? '', i.location.feature !== undefined ? `#${i.location.feature + 1}` : ''].filter((s) => s !== '').join(' ');
    return `${where ? `[${where}] ` : ''}${this.locale === 'en' ? i.message.en : i.message.zh}`;
  }

  private renderIssues(list: readonly ImportIssue[], testid: string): TemplateResult {
    if (list.length === 0) return html`<p class="muted" data-testid=${testid}>${this.L('none')}</p>`;
    return html`<ul class="issues" data-testid=${testid}>
      ${list.slice(0, 50).map((i) => html`<li class=${i.severity === 'error' ? 'error-sev' : ''} data-code=${i.code}>${this.issueText(i)}</li>`)}
      ${list.length > 50 ? html`<li>… ${list.length - 50}</li>` : nothing}
    </ul>`;
  }

  private renderPreview(p: ImportPreview): TemplateResult {
    const L = (k: ImportStringKey, v?: Record<string, string | number>): string => this.L(k, v);
    const conf: ImportStringKey = p.crs.confidence === 'stated' ? 'confStated' : p.crs.confidence === 'detected' ? 'confDetected' : 'confAssumed';
    const offered = [...new Set([...p.warnings, ...p.problems].flatMap((i) => (i.fix === undefined ? [] : [i.fix])))];
    const errors = p.problems.filter((i) => i.severity === 'error').length;
    const b = p.stats.bbox;
    const targets = this.textDerivedTargets();
    const polygon = polygonOf(p.features);
    const target = targets.find((f) => f.id === this.supersedeTarget);
    const alternatives = [p.crs.epsg, ...p.crs.alternatives.filter((a) => a !== p.crs.epsg)];
    return html`
      <section class="card" data-testid="import-preview" aria-labelledby="preview-h">
        <h3 id="preview-h">${L('preview')}</h3>
        <dl>
          <dt>${L('file')}</dt><dd data-testid="preview-file">${p.fileName}</dd>
          <dt>${L('format')}</dt><dd data-testid="preview-format">${p.format}${p.stats.encoding ? ` · ${p.stats.encoding}` : ''}</dd>
          <dt>${L('crs')}</dt>
          <dd data-testid="preview-crs" data-epsg=${String(p.crs.epsg)} data-zone=${String(p.crs.zone ?? '')}>${p.crs.name} (EPSG:${p.crs.epsg})</dd>
          ${p.crs.zone !== undefined ? html`<dt>${L('zone')}</dt><dd data-testid="preview-zone">${p.crs.zone}（${p.crs.zoneWidth ?? 3}°）</dd>` : nothing}
          <dt>${L('reason')}</dt><dd data-testid="preview-reason">${this.locale === 'en' ? p.crs.reason.en : p.crs.reason.zh}</dd>
          <dt>${L('confidence')}</dt><dd data-testid="preview-confidence" data-confidence=${p.crs.confidence}>${L(conf)}</dd>
          <dt></dt><dd data-testid="preview-axes" data-swapped=${String(p.crs.axesSwapped)}>${p.crs.axesSwapped ? L('axesSwapped') : L('axesAsWritten')}</dd>
          <dt>${L('features')}</dt><dd data-testid="preview-count">${p.stats.features}</dd>
          <dt>${L('vertices')}</dt><dd>${p.stats.vertices}</dd>
          <dt>${L('bbox')}</dt><dd data-testid="preview-bbox">${b ? `${b[0].toFixed(5)}–${b[2].toFixed(5)}°E, ${b[1].toFixed(5)}–${b[3].toFixed(5)}°N` : '—'}</dd>
        </dl>
        <div class="row">
          <label>${L('otherCrs')}
            <select data-testid="preview-alternative" @change=${(e: Event) => (this.forcedEpsg = (e.target as HTMLSelectElement).value)}>
              ${alternatives.map((code) => html`<option value=${code === p.crs.epsg ? '' : String(code)} ?selected=${String(code) === this.forcedEpsg || (code === p.crs.epsg && this.forcedEpsg === '')}>${findCrs(code)?.name ?? (code === 3857 ? 'Web Mercator' : 'EPSG')} (EPSG:${code})</option>`)}
            </select>
          </label>
          <label>${L('datum')}
            <select data-testid="preview-datum" @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.datum = v === 'gcj02' || v === 'bd09' ? v : '';
            }}>
              <option value="" ?selected=${this.datum === ''}>${L('datumWgs')}</option>
              <option value="gcj02" ?selected=${this.datum === 'gcj02'}>${L('datumGcj')}</option>
              <option value="bd09" ?selected=${this.datum === 'bd09'}>${L('datumBd')}</option>
            </select>
          </label>
          <button type="button" @click=${() => void this.reread()}>${L('reread')}</button>
        </div>
        <h4>${L('warnings')}</h4>
        ${this.renderIssues(p.warnings, 'preview-warnings')}
        <h4>${L('problems')}</h4>
        ${this.renderIssues(p.problems, 'preview-problems')}
        ${offered.length > 0
          ? html`<fieldset data-testid="preview-fixes">
              <legend>${L('fixes')}</legend>
              ${offered.map(
                (fix) => html`<label class="row"><input type="checkbox" value=${fix} .checked=${this.fixes.has(fix)}
                  @change=${(e: Event) => {
                    const next = new Set(this.fixes);
                    if ((e.target as HTMLInputElement).checked) next.add(fix);
                    else next.delete(fix);
                    if (fix === 'convert-gcj02') next.delete('convert-bd09');
                    if (fix === 'convert-bd09') next.delete('convert-gcj02');
                    this.fixes = next;
                  }} />${this.fixLabel(fix, p)}</label>`,
              )}
              <button type="button" data-testid="apply-fixes" ?disabled=${this.fixes.size === 0} @click=${() => void this.applyFixes()}>${L('applyFixes')}</button>
            </fieldset>`
          : nothing}
        ${p.appliedFixes.length > 0 ? html`<p class="muted">${L('applied')}: ${p.appliedFixes.join(', ')}</p>` : nothing}
        ${p.statedAreas.length > 0
          ? html`<div class="scroll"><table data-testid="preview-areas">
              <thead><tr><th>#</th><th>${L('statedArea')}</th><th>${L('planarArea')}</th><th>${L('geodesicArea')}</th><th></th></tr></thead>
              <tbody>${p.statedAreas.map((s) => html`<tr><td>${s.feature + 1}</td><td>${s.text}</td><td class="num">${formatArea(s.planarM2, this.locale)}</td><td class="num">${formatArea(s.geodesicM2, this.locale)}</td><td>${s.matches ? L('matches') : L('differs')}</td></tr>`)}</tbody>
            </table></div>`
          : nothing}
        <label class="block" for="layer-name">${L('layerName')}</label>
        <input id="layer-name" data-testid="import-name" .value=${this.layerName} @input=${(e: Event) => (this.layerName = (e.target as HTMLInputElement).value)} />
        <label class="block" for="layer-category">${L('category')}</label>
        <select id="layer-category" data-testid="import-category" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value as UserCategory)}>
          ${USER_CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === this.category}>${CATEGORY_LABELS[c][this.locale]}</option>`)}
        </select>
        ${errors > 0
          ? html`<label class="row"><input type="checkbox" .checked=${this.allowErrors} @change=${(e: Event) => (this.allowErrors = (e.target as HTMLInputElement).checked)} />${L('allowErrors')}</label>`
          : nothing}
        <div class="row">
          <button type="button" data-testid="import-accept" ?disabled=${this.job !== null} @click=${() => void this.accept()}>${L('accept')}</button>
          <button type="button" data-testid="import-discard" @click=${() => this.clearPreview()}>${L('discard')}</button>
        </div>
        <details data-testid="supersede">
          <summary>${L('supersedeTitle')}</summary>
          <p class="muted">${L('supersedeHint')}</p>
          ${polygon === null
            ? html`<p>${L('supersedeNeedsPolygon')}</p>`
            : targets.length === 0
              ? html`<p>${L('supersedeNoTarget')}</p>`
              : html`<label class="block" for="supersede-target">${L('supersedeTarget')}</label>
                  <select id="supersede-target" data-testid="supersede-target" @change=${(e: Event) => (this.supersedeTarget = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${this.supersedeTarget === ''}>—</option>
                    ${targets.map((f) => html`<option value=${f.id} ?selected=${f.id === this.supersedeTarget}>${f.props.name}（${f.props.layer}，±${f.props.precisionM} m）</option>`)}
                  </select>
                  <div class="row">
                    <button type="button" data-testid="supersede-button" ?disabled=${!target || this.job !== null} @click=${() => void this.supersede()}>
                      ${L('supersedeButton', { name: target?.props.name ?? '…' })}
                    </button>
                  </div>`}
        </details>
      </section>
    `;
  }

  private fixLabel(fix: FixId, p: ImportPreview): string {
    const issue = [...p.warnings, ...p.problems].find((i) => i.fix === fix);
    const count = [...p.warnings, ...p.problems].filter((i) => i.fix === fix).length;
    return `${fix}${count > 1 ? ` ×${count}` : ''}${issue ? `：${this.locale === 'en' ? issue.message.en : issue.message.zh}` : ''}`;
  }

  private renderLayer(layer: StoredLayer): TemplateResult {
    const L = (k: ImportStringKey, v?: Record<string, string | number>): string => this.L(k, v);
    const catalogId = userLayerId(layer);
    const format = this.exportFormat[layer.id] ?? 'geojson';
    const renameValue = this.renaming[layer.id];
    return html`<li data-testid="user-layer" data-layer-id=${layer.id} data-catalog-id=${catalogId}>
      <div class="row">
        <label class="row">
          <input type="checkbox" data-testid="user-layer-visible" .checked=${layer.visible} @change=${(e: Event) => void this.setVisible(layer, (e.target as HTMLInputElement).checked)} />
          <span class="swatch" style="border-color:${CATEGORY_COLOURS[layer.category]}" aria-hidden="true"></span>
          <span class="name" data-testid="user-layer-name">${layer.name}</span>
          <span class="sr-only">${L('show')}</span>
        </label>
        <span class="muted">${CATEGORY_LABELS[layer.category][this.locale]} · ${L('featuresN', { n: layer.large?.featureCount ?? layer.features.length })}</span>
      </div>
      <div class="row">
        <button type="button" @click=${() => this.zoomTo(layer)}>${L('zoomTo')}</button>
        <button type="button" data-testid="compliance-button" ?disabled=${this.complianceRunning !== null} @click=${() => void this.runCompliance(layer)}>${L('compliance')}</button>
        ${this.confirmRemove === layer.id
          ? html`<span role="alert">${L('confirmRemove', { name: layer.name })}</span>
              <button type="button" class="danger" data-testid="confirm-remove" @click=${() => void this.removeLayer(layer)}>${L('yes')}</button>
              <button type="button" @click=${() => (this.confirmRemove = null)}>${L('no')}</button>`
          : html`<button type="button" data-testid="remove-layer" @click=${() => (this.confirmRemove = layer.id)}>${L('remove')}</button>`}
      </div>
      <div class="row">
        <label>${L('rename')}
          <input data-testid="rename-input" .value=${renameValue ?? layer.name}
            @input=${(e: Event) => (this.renaming = { ...this.renaming, [layer.id]: (e.target as HTMLInputElement).value })}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && void this.rename(layer)} />
        </label>
        <button type="button" data-testid="rename-save" ?disabled=${renameValue === undefined || renameValue.trim() === '' || renameValue.trim() === layer.name} @click=${() => void this.rename(layer)}>${L('save')}</button>
      </div>
      <div class="row">
        <label>${L('exportAs')}
          <select data-testid="export-format" @change=${(e: Event) => (this.exportFormat = { ...this.exportFormat, [layer.id]: (e.target as HTMLSelectElement).value as ExportFormat })}>
            ${EXPORT_FORMATS.map((f) => html`<option value=${f.id} ?selected=${f.id === format}>${L(f.label)}</option>`)}
          </select>
        </label>
        ${format === 'coordinate-table'
          ? html`<label>${L('tableZone')}
              <select data-testid="export-zone" @change=${(e: Event) => (this.exportZone = { ...this.exportZone, [layer.id]: Number((e.target as HTMLSelectElement).value) })}>
                ${TABLE_ZONES.map((z) => html`<option value=${z} ?selected=${z === (this.exportZone[layer.id] ?? this.defaultZone(layer))}>${z}（${z * 3}°E）</option>`)}
              </select>
            </label>`
          : nothing}
        <button type="button" data-testid="export-button" ?disabled=${this.job !== null} @click=${() => void this.exportLayer(layer)}>${L('exportButton')}</button>
      </div>
    </li>`;
  }

  private renderSupersession(r: Supersession): TemplateResult {
    const L = (k: ImportStringKey, v?: Record<string, string | number>): string => this.L(k, v);
    return html`<li data-testid="supersession" data-feature-id=${r.featureId}>
      <div class="name">${String(r.previousProps['name'] ?? r.featureId)}</div>
      <div class="muted">${L('surveyedFrom', { file: r.sourceFile, crs: r.sourceCrs })}</div>
      <div class="row">
        <label class="row"><input type="checkbox" data-testid="show-superseded" .checked=${r.showPrevious} @change=${(e: Event) => void this.toggleSuperseded(r, (e.target as HTMLInputElement).checked)} />${L('showPrevious')}</label>
        <button type="button" data-testid="export-supersession" @click=${() => void this.exportSupersession(r)}>${L('exportBoth')}</button>
        <button type="button" data-testid="undo-supersession" @click=${() => void this.undoSupersede(r)}>${L('undoSupersede')}</button>
      </div>
    </li>`;
  }

  override render(): unknown {
    const L = (k: ImportStringKey, v?: Record<string, string | number>): string => this.L(k, v);
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
          void this.startImport({ bytes: new TextEncoder().encode(text), name: `${L('pastedName')}.txt`, options: {} }, true);
        }}>${L('pasteRead')}</button>
      </div>
      ${this.job
        ? html`<div class="row" role="status" data-testid="import-progress">
            <progress aria-label=${L('working', { stage: L(STAGE_KEYS[this.job.stage]) })} value=${this.job.total ? this.job.done ?? 0 : nothing} max=${this.job.total ? this.job.total : nothing}></progress>
            ${this.job.total ? html`<span data-testid="import-progress-count">${this.job.done ?? 0} / ${this.job.total}</span>` : nothing}
            <span>${L('working', { stage: L(STAGE_KEYS[this.job.stage]) })}</span>
            <button type="button" data-testid="import-cancel" @click=${() => this.job?.cancel()}>${L('cancel')}</button>
          </div>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="import-error" data-reason=${this.errorReason?.text === this.error ? this.errorReason.reason : ''}>${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-testid="import-message">${this.message}</p>` : nothing}
      ${this.storeError ? html`<p class="error" role="alert" data-testid="store-error">${this.storeError}</p>` : nothing}
      ${this.preview ? this.renderPreview(this.preview) : nothing}

      <h3>${L('storedLayers')}</h3>
      ${this.content.layers.length === 0
        ? html`<p class="muted" data-testid="no-user-layers">${L('noStored')}</p>`
        : html`<ul class="layers" data-testid="user-layers">${this.content.layers.map((l) => this.renderLayer(l))}</ul>`}
      ${this.renderBackup()}
      ${this.complianceRunning ? html`<p role="status">${L('complianceRunning')}</p>` : nothing}
      ${this.compliance
        ? html`<section class="card sheet scroll" data-testid="compliance-result" aria-label=${L('complianceTitle', { name: this.compliance.layer.name })}>
            <div class="row no-print">
              <button type="button" data-testid="print-review" @click=${() => this.compliance && openReviewSheet(this.compliance, this.locale)}>${L('printSheet')}</button>
            </div>
            ${this.largeFindingsTotal !== null && this.largeFindingsTotal > this.compliance.findings.length
              ? html`<p class="muted" data-testid="compliance-truncated" data-total=${this.largeFindingsTotal}>${this.locale === 'en'
                  ? `Large layer: the first ${this.compliance.findings.length} of ${this.largeFindingsTotal} findings are listed (definite ones first, then nearest).`
                  : `大图层：共 ${this.largeFindingsTotal} 条发现，列出前 ${this.compliance.findings.length} 条（先列确定的，再按距离）。`}</p>`
              : nothing}
            ${reviewSheetTemplate(this.compliance, this.locale, {
              maxRows: this.sheetAllRows ? Infinity : SHEET_ROWS,
              onShowAll: () => (this.sheetAllRows = true),
            })}
          </section>`
        : nothing}
      ${this.content.supersessions.length > 0
        ? html`<h3>${L('supersessions')}</h3>
            <ul class="layers" data-testid="supersessions">${this.content.supersessions.map((r) => this.renderSupersession(r))}</ul>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-import-panel': ImportPanel;
  }
}
