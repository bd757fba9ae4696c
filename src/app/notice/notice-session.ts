import type { Feature, Geometry } from 'geojson';
import { COUNTY_FALLBACK_PRECISION_M, TOWNSHIP_FALLBACK_PRECISION_M } from '../../core/gazetteer/resolve-place';
import { parseShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import type { DivisionCandidate, ShanxiGazetteer } from '../../core/gazetteer/shanxi-gazetteer';
import type { StoredLayer } from '../../core/model/user-layer';
import type { NoticeBuild } from '../../pipeline/layers/from-notice';
import type { NoticeEntryResult, NoticeRequest, SiteChoice, SitePosition } from '../../pipeline/layers/notice-entry';
import type { StoreContent, StoreResult } from '../catalog/user-layer-store';
import { reviewOf } from './notice-review';
import type { NoticeReview } from './notice-review';
import { noticeFromPaste, readNoticeFile } from './notice-file';
import type { NoticeFileLike, NoticeInputProblem, NoticeText } from './notice-file';

/**
 * "导入公告 / Add a notice": text in (pasted or a file), records and layers built in the pipeline worker, a review
 * of what was read and where each site goes (the reviewer picks a county or township from the Shanxi gazetteer, or
 * a point on the map), then the layers stored as one user layer with their provenance. Nothing loaded is lost: a
 * failed step keeps the text, the build and the choices made so far. No DOM beyond File, no Lit, no MapLibre.
 */

/** The gazetteer texts and the Shanxi gazetteer a build needs. */
export type NoticeInputs = Pick<NoticeRequest, 'gazetteer' | 'shanxiJson'>;

/** Why an operation did not complete. */
export type NoticeProblem =
  | NoticeInputProblem
  | { code: 'notice-build-failed'; params: { reason: string; detail: string } }
  | { code: 'notice-worker-stopped'; params: { reason: string; detail: string } }
  | { code: 'notice-inputs-failed'; params: { detail: string } }
  | { code: 'notice-nothing-drawn'; params: Record<string, never> }
  | { code: 'notice-store-failed'; params: { detail: string } };

/** A reviewer's decision about a site, as the review shows it. */
export interface SiteDecision {
  county: DivisionCandidate | null;
  township: DivisionCandidate | null;
  /** The position applied; null when the picked division has no anchor (the site waits for a map point). */
  position: SitePosition | null;
  via: 'county' | 'township' | 'map' | 'typed' | null;
}

/** What the session is doing. */
export type NoticePhase = 'idle' | 'reading' | 'building' | 'review' | 'saving' | 'saved';

/** A snapshot of the session. */
export interface NoticeState {
  readonly phase: NoticePhase;
  readonly input: NoticeText | null;
  readonly build: NoticeBuild | null;
  readonly review: NoticeReview | null;
  readonly decisions: ReadonlyMap<string, SiteDecision>;
  readonly problem: NoticeProblem | null;
  /** Store id of the layer saved last. */
  readonly savedId: string | null;
}

/** Dependencies (replaceable in tests). */
export interface NoticeDeps {
  loadInputs: () => Promise<NoticeInputs>;
  build: (req: NoticeRequest) => Promise<{ ok: true; value: NoticeEntryResult } | { ok: false; reason: string; detail: string }>;
  store: { putLayer(layer: StoredLayer): Promise<StoreResult>; readAll(): Promise<{ ok: true; content: StoreContent } | Extract<StoreResult, { ok: false }>> };
  newId: () => string;
  now: () => Date;
}

const EMPTY: NoticeState = { phase: 'idle', input: null, build: null, review: null, decisions: new Map(), problem: null, savedId: null };

/** The notice session. */
export class NoticeSession {
  private state: NoticeState = EMPTY;
  private readonly listeners = new Set<(s: NoticeState) => void>();
  private inputs: Promise<NoticeInputs> | null = null;
  private shanxi: ShanxiGazetteer | null = null;

  constructor(private readonly deps: NoticeDeps) {}

  /** The current state. */
  get(): NoticeState {
    return this.state;
  }

  /** Calls `fn` after every change; returns the unsubscribe function. */
  subscribe(fn: (s: NoticeState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<NoticeState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of [...this.listeners]) fn(this.state);
  }

  private async loadInputs(): Promise<NoticeInputs | null> {
    this.inputs ??= this.deps.loadInputs();
    try {
      const inputs = await this.inputs;
      if (this.shanxi === null) {
        const parsed = parseShanxiGazetteer(inputs.shanxiJson);
        if (!parsed.ok) throw new Error(parsed.message);
        this.shanxi = parsed.gazetteer;
      }
      return inputs;
    } catch (error: unknown) {
      this.inputs = null;
      this.set({ problem: { code: 'notice-inputs-failed', params: { detail: error instanceof Error ? error.message : String(error) } } });
      return null;
    }
  }

  /** The Shanxi gazetteer for the pickers (loaded on first use; null when it cannot be). */
  async gazetteer(): Promise<ShanxiGazetteer | null> {
    await this.loadInputs();
    return this.shanxi;
  }

  /** Reads pasted text and builds it. A refused text leaves the current notice as it was. */
  pasteText(text: string): Promise<boolean> {
    const r = noticeFromPaste(text);
    if (!r.ok) {
      this.set({ problem: r.problem });
      return Promise.resolve(false);
    }
    return this.start(r.notice);
  }

  /** Reads a dropped or picked file and builds it. A refused file leaves the current notice as it was. */
  async loadFile(file: NoticeFileLike): Promise<boolean> {
    const before = this.state.phase;
    this.set({ phase: 'reading', problem: null });
    const r = await readNoticeFile(file);
    if (!r.ok) {
      this.set({ phase: before === 'reading' ? 'idle' : before, problem: r.problem });
      return false;
    }
    return this.start(r.notice);
  }

  private async start(notice: NoticeText): Promise<boolean> {
    const previous = this.state;
    this.set({ phase: 'building', problem: null });
    const build = await this.run(notice, new Map());
    if (build === null) {
      this.set({ phase: previous.phase === 'building' || previous.phase === 'reading' ? 'idle' : previous.phase });
      return false;
    }
    this.set({ phase: 'review', input: notice, build, review: reviewOf(build), decisions: new Map(), savedId: null });
    return true;
  }

  private async run(notice: NoticeText, decisions: ReadonlyMap<string, SiteDecision>): Promise<NoticeBuild | null> {
    const inputs = await this.loadInputs();
    if (inputs === null) return null;
    const choices: SiteChoice[] = [...decisions].map(([recordId, d]) => ({ recordId, county: d.county?.name ?? null, position: d.position }));
    const r = await this.deps.build({ text: notice.text, fileName: notice.fileName, ...inputs, choices });
    if (!r.ok) {
      this.set({ problem: { code: 'notice-worker-stopped', params: { reason: r.reason, detail: r.detail } } });
      return null;
    }
    if (!r.value.ok) {
      this.set({ problem: { code: 'notice-build-failed', params: { reason: r.value.reason, detail: r.value.message } } });
      return null;
    }
    return r.value.build;
  }

  /** Applies a site's decision and builds again; on failure the previous decisions and build stay. */
  private async decide(recordId: string, decision: SiteDecision): Promise<boolean> {
    const { input, decisions } = this.state;
    if (input === null) return false;
    const next = new Map(decisions);
    next.set(recordId, decision);
    this.set({ phase: 'building', problem: null });
    const build = await this.run(input, next);
    if (build === null) {
      this.set({ phase: 'review' });
      return false;
    }
    this.set({ phase: 'review', build, review: reviewOf(build), decisions: next });
    return true;
  }

  /** Counties of Shanxi matching `query` (all of them for an empty query), best match first. */
  async counties(query: string): Promise<DivisionCandidate[]> {
    const g = await this.gazetteer();
    if (g === null) return [];
    if (query.trim() === '') return g.data.counties.map((c) => g.resolve({ county: c.code })).flatMap((r) => (r.ok ? [r.county] : []));
    return g.candidates(query, { levels: ['county'], limit: 200 });
  }

  /** Townships of a county (code), for the picker. */
  async townships(countyCode: string): Promise<DivisionCandidate[]> {
    return (await this.gazetteer())?.townshipsOf(countyCode) ?? [];
  }

  /** Picks a county for a site: placed at its anchor when it has one, else it waits for a map point. */
  pickCounty(recordId: string, county: DivisionCandidate): Promise<boolean> {
    const position = county.anchor
      ? { lon: county.anchor.lon, lat: county.anchor.lat, precisionM: COUNTY_FALLBACK_PRECISION_M, source: `county ${county.name} ${county.code} (${county.anchor.source})` }
      : null;
    return this.decide(recordId, { county, township: null, position, via: position ? 'county' : null });
  }

  /** Picks a township (in the site's picked county): placed at its anchor when it has one. */
  pickTownship(recordId: string, county: DivisionCandidate, township: DivisionCandidate): Promise<boolean> {
    const position = township.anchor
      ? { lon: township.anchor.lon, lat: township.anchor.lat, precisionM: Math.max(township.anchor.precisionM, TOWNSHIP_FALLBACK_PRECISION_M), source: `township ${township.name} ${township.code} (${township.anchor.source})` }
      : null;
    return this.decide(recordId, { county, township, position, via: position ? 'township' : null });
  }

  /** Places a site at a point (a click on the map or typed coordinates) known to ±`precisionM`. */
  placeAt(recordId: string, lon: number, lat: number, precisionM: number, via: 'map' | 'typed'): Promise<boolean> {
    const d = this.state.decisions.get(recordId);
    const source = via === 'map' ? 'placed on the map by the reviewer' : 'position typed by the reviewer';
    return this.decide(recordId, { county: d?.county ?? null, township: d?.township ?? null, position: { lon, lat, precisionM, source }, via });
  }

  /** Stores the drawn features as one user layer; resolves with everything now stored (null on failure). */
  async confirm(name?: string): Promise<StoreContent | null> {
    const { build, input } = this.state;
    if (build === null || input === null) return null;
    if (build.features.length === 0) {
      this.set({ problem: { code: 'notice-nothing-drawn', params: {} } });
      return null;
    }
    const id = this.deps.newId();
    const title = build.header.title?.value ?? input.fileName;
    const layerName = name?.trim() || `${title}${build.header.number ? ` ${build.header.number.value}` : ''}`;
    const features = build.features.map((f): Feature<Geometry, Record<string, unknown>> => {
      const props: Record<string, unknown> = { ...f.properties, id: `n${id}-${f.properties.id}`, notice: { title, fileName: input.fileName, input: input.kind } };
      return { type: 'Feature', id: props['id'] as string, geometry: f.geometry, properties: props };
    });
    const layer: StoredLayer = {
      id,
      name: layerName,
      category: 'other',
      visible: true,
      features,
      createdAt: this.deps.now().toISOString(),
      source: { fileName: input.fileName, format: 'gazette-notice', crsEpsg: 4490, crsName: 'CGCS2000 (text-derived, indicative)', zone: null },
    };
    this.set({ phase: 'saving', problem: null });
    const put = await this.deps.store.putLayer(layer);
    if (!put.ok) {
      this.set({ phase: 'review', problem: { code: 'notice-store-failed', params: { detail: put.message } } });
      return null;
    }
    const all = await this.deps.store.readAll();
    this.set({ phase: 'saved', savedId: id });
    return all.ok ? all.content : null;
  }

  /** Starts over (after a save, or to drop the notice under review). */
  reset(): void {
    this.set({ ...EMPTY, decisions: new Map() });
  }
}
