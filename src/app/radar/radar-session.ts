import type { Feature, Point, Polygon } from 'geojson';
import type { Remote } from 'comlink';
import type { FeatureProps } from '../../core/model/feature-props';
import { getRadarType, radarTypeForName, resolveRadarParams } from '../../core/radar/radar-types';
import type { RadarOverrides, RadarParams, RadarParamsResult, RadarTypeId } from '../../core/radar/radar-types';
import type { DemResult } from '../../core/radar/dem-service';
import { isSiteToChoose, pinCandidate } from '../../core/radar/site-pin';
import type { DemWorkerApi } from '../../workers/dem-worker';
import { loadRules } from '../rules-loader';
import type { RulesLoadResult } from '../rules-loader';
import { openWorker } from '../worker-protocol';
import type { WorkerHandle } from '../worker-protocol';
import { startDemWorker } from '../worker-factories';
import { blockageData } from './radar-map-data';
import type { LonLat } from './radar-map-data';
import { analysisRegion, countyDiscOf, demWindow, siteOf } from './radar-region';
import type { CountyDisc } from './radar-region';
import { INITIAL_RADAR_STATE } from './radar-state';
import type { RadarProblemView, RadarSourceFeature, RadarSourceLayer, RadarState, SiteSettings } from './radar-state';

/** Largest DEM window read for the analysis (pixels; larger windows are decimated). */
export const MAX_REGION_PIXELS = 4_000_000;
/** Uncertainty recorded for a pinned candidate (m): the candidate is a sampled point, not a survey. */
export const PIN_PRECISION_M = 50;
/** Problem code: a DEM computation was asked for before a DEM was opened. */
export const RADAR_NEED_DEM = 'need-dem';

/** What the session needs from outside (the defaults start the DEM worker and load the bundled rules). */
export interface RadarSessionDeps {
  /** Opens the DEM worker (called on the first DEM computation, again after the worker stopped). */
  readonly openDemWorker?: () => WorkerHandle<DemWorkerApi>;
  /** Loads the conflict rule set the candidate ranking checks against. */
  readonly loadRules?: () => Promise<RulesLoadResult>;
}

/** The result of {@link RadarSession.pin}. */
export type PinOutcome = { ok: true; feature: Feature<Point, FeatureProps> } | { ok: false; problem: RadarProblemView };

const isRadar = (f: RadarSourceFeature): boolean => f.geometry.type === 'Point' && radarTypeForName(f.props.name) !== null;

const ANALYSIS_CLEARED = { profile: null, grid: null, blockageCells: null, coverage: null, ranked: null, problem: null } as const;

/**
 * Radar siting as an application session, without Lit or MapLibre: the radars of the app's layers, the
 * chosen radar and its parameters, the DEM lifecycle in the DEM worker (open, window, profile, blockage,
 * hillshade, coverage, ranking), region drawing and pinning a candidate. Views read {@link state} and
 * call the actions; {@link subscribe} tells them when the state changed. Every outcome is a value:
 * problems land in `state.problem` as codes and parameters.
 */
export class RadarSession {
  private current: RadarState = INITIAL_RADAR_STATE;
  private layers: readonly RadarSourceLayer[] = [];
  private radarId: string | null = null;
  private readonly listeners = new Set<(state: RadarState) => void>();
  private readonly discs = new Map<string, CountyDisc>();
  private worker: WorkerHandle<DemWorkerApi> | null = null;
  private windowKey = '';
  private readonly openDemWorker: () => WorkerHandle<DemWorkerApi>;
  private readonly rules: () => Promise<RulesLoadResult>;

  constructor(deps: RadarSessionDeps = {}) {
    this.openDemWorker = deps.openDemWorker ?? (() => openWorker<DemWorkerApi>(startDemWorker));
    this.rules = deps.loadRules ?? (() => loadRules());
  }

  /** The current state (a new object after every change). */
  get state(): RadarState {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (state: RadarState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the DEM worker (calls in flight settle as cancelled); the opened DEM is forgotten with it. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.forgetDem();
  }

  private forgetDem(): void {
    this.windowKey = '';
    if (this.current.dem || this.current.hillshade) this.set({ dem: null, hillshade: null });
  }

  private set(change: Partial<RadarState>): void {
    this.current = { ...this.current, ...change };
    for (const l of this.listeners) l(this.current);
  }

  // ---- radars and parameters ----------------------------------------------------------------

  /** Takes the app's layers (the radars come from `meteo-site`; all but `qa` feed the ranking's conflict check). */
  setLayers(layers: readonly RadarSourceLayer[]): void {
    this.layers = layers;
    const radars = layers.find((l) => l.id === 'meteo-site')?.features.filter(isRadar) ?? [];
    this.set({ radars, radar: this.pick(radars) });
  }

  private pick(radars: readonly RadarSourceFeature[]): RadarSourceFeature | null {
    return radars.find((f) => f.id === this.radarId) ?? radars.find((f) => f.props.flags.includes('SITE_NOT_CHOSEN')) ?? radars[0] ?? null;
  }

  /** Chooses a radar; a different radar clears the analyses and the drawn region. */
  chooseRadar(id: string): void {
    const before = this.current.radar?.id;
    this.radarId = id;
    const radar = this.pick(this.current.radars);
    if (radar?.id === before) return this.set({ radar });
    this.set({ radar, ...ANALYSIS_CLEARED, drawn: null, vertices: [] });
  }

  /** The type and overrides of a radar. */
  settingsOf(f: RadarSourceFeature): SiteSettings {
    return this.current.settings[f.id] ?? { typeId: radarTypeForName(f.props.name) ?? 'x-band-phased-array', overrides: {} };
  }

  /** The chosen radar's parameters after its overrides, or why they are invalid. */
  params(): RadarParamsResult | null {
    const f = this.current.radar;
    if (!f) return null;
    const s = this.settingsOf(f);
    return resolveRadarParams(s.typeId, s.overrides);
  }

  private updateSettings(change: (s: SiteSettings) => SiteSettings): void {
    const f = this.current.radar;
    if (!f) return;
    this.set({ settings: { ...this.current.settings, [f.id]: change(this.settingsOf(f)) }, ...ANALYSIS_CLEARED });
  }

  /** Switches the chosen radar's type (its overrides are dropped). */
  setType(typeId: RadarTypeId): void {
    this.updateSettings(() => ({ typeId, overrides: {} }));
  }

  /** Drops the chosen radar's overrides. */
  resetOverrides(): void {
    this.updateSettings((s) => ({ ...s, overrides: {} }));
  }

  /**
   * Sets one parameter from the text of its input: a value equal to the type's default (or an empty field)
   * removes the override; elevations are a list separated by commas or spaces.
   */
  setOverride(key: keyof RadarOverrides, raw: string): void {
    this.updateSettings((s) => {
      const type = getRadarType(s.typeId);
      const o: RadarOverrides = { ...s.overrides };
      if (key === 'elevationsDeg') {
        const list = raw.split(/[,，\s]+/).filter((x) => x !== '').map(Number);
        if (list.join() === type.elevationsDeg.value.join()) delete o.elevationsDeg;
        else o.elevationsDeg = list;
      } else {
        const v = Number(raw);
        const def = key === 'maxRangeKm' ? type.maxRangeKm.value : key === 'beamWidthDeg' ? type.beamWidthDeg.value : type.antennaHeightM.value;
        if (raw.trim() === '' || v === def) delete o[key];
        else o[key] = v;
      }
      return { ...s, overrides: o };
    });
  }

  /** Shows or hides the range rings / protection zones. */
  setShown(what: 'rings' | 'zones', on: boolean): void {
    this.set(what === 'rings' ? { showRings: on } : { showZones: on });
  }

  /** Whether a candidate may be pinned as the chosen radar's site (only a planned site still to be chosen). */
  canPin(): boolean {
    const f = this.current.radar;
    return f !== null && isSiteToChoose(f.props);
  }

  // ---- region ------------------------------------------------------------------------------

  /**
   * The county disc of a radar, remembered per radar so that a pinned site (user anchor, 50 m precision)
   * keeps its county's disc.
   */
  disc(f: RadarSourceFeature): CountyDisc {
    const known = this.discs.get(f.id);
    if (known) return known;
    const disc = countyDiscOf(f);
    this.discs.set(f.id, disc);
    return disc;
  }

  /** The analysis region of the chosen radar (drawn polygon or county disc). */
  region(): Polygon | null {
    const f = this.current.radar;
    return f ? analysisRegion(this.disc(f), this.current.drawn) : null;
  }

  /** Starts or stops drawing a region (starting clears the vertices). */
  setDrawing(on: boolean): void {
    this.set(on ? { drawing: true, vertices: [] } : { drawing: false });
  }

  /** Ends drawing; with at least 3 vertices they become the region (coverage and ranking are cleared). */
  finishDrawing(): void {
    const v = this.current.vertices;
    this.set({ drawing: false, vertices: [], ...(v.length >= 3 ? { drawn: [...v], coverage: null, ranked: null } : {}) });
  }

  /** Goes back to the county disc. */
  useDisc(): void {
    this.set({ drawn: null, coverage: null, ranked: null });
  }

  /**
   * A click on the map: a vertex while drawing, otherwise a click on a radar of the meteo-site layer chooses it.
   * The caller passes only clicks made while the radar panel is shown.
   */
  mapClick(position: LonLat, features: ReadonlyArray<{ layer: string; id: string }>): void {
    if (this.current.drawing) return this.set({ vertices: [...this.current.vertices, position] });
    const hit = features.find((x) => x.layer === 'meteo-site' && this.current.radars.some((r) => r.id === x.id));
    if (hit) this.chooseRadar(hit.id);
  }

  // ---- analysis settings -------------------------------------------------------------------

  /** Profile azimuth (normalised to 0…360). */
  setAzimuth(deg: number): void {
    this.set({ azimuthDeg: ((deg % 360) + 360) % 360 });
  }

  /** Which elevation (index) the blockage uses. */
  setBlockElevation(index: number): void {
    this.set({ blockElevation: index });
  }

  /** Blockage threshold in % (clamped to 0…100); clears the coverage. */
  setThreshold(pct: number): void {
    this.set({ thresholdPct: Math.min(100, Math.max(0, pct)), coverage: null });
  }

  /** Highest beam centre above ground (m); clears the coverage. */
  setHeightAgl(m: number): void {
    this.set({ heightAglM: m, coverage: null });
  }

  /** Number of candidates (1…50) and the sampling seed. */
  setRanking(change: { count?: number; seed?: number }): void {
    this.set({
      ...(change.count === undefined ? {} : { count: Math.min(50, Math.max(1, Math.round(change.count))) }),
      ...(change.seed === undefined ? {} : { seed: Math.round(change.seed) }),
    });
  }

  /** Hillshade on/off and opacity. */
  setHillshade(change: { on?: boolean; opacity?: number }): void {
    this.set({ ...(change.on === undefined ? {} : { hillshadeOn: change.on }), ...(change.opacity === undefined ? {} : { hillshadeOpacity: change.opacity }) });
  }

  // ---- DEM ---------------------------------------------------------------------------------

  private async call<T extends object>(fn: (api: Remote<DemWorkerApi>) => Promise<DemResult<T>>): Promise<({ ok: true } & T) | { ok: false; problem: RadarProblemView }> {
    if (!this.worker || this.worker.stopped) this.worker = this.openDemWorker();
    const r = await this.worker.run(fn);
    if (!r.ok) {
      this.forgetDem();
      return { ok: false, problem: { code: r.reason, reason: r.reason, params: {} } };
    }
    const v = r.value;
    if (!v.ok) return { ok: false, problem: { code: v.detail, reason: v.reason, params: v.params } };
    return v;
  }

  /** Opens a DEM file in the worker, then loads the window the chosen radar needs and its hillshade. */
  async openDem(file: File): Promise<void> {
    this.windowKey = '';
    this.set({ busy: 'dem', dem: null, hillshade: null, ...ANALYSIS_CLEARED });
    const r = await this.call((api) => api.open(file));
    if (!r.ok) return this.set({ busy: null, problem: r.problem });
    this.set({ busy: null, dem: { name: file.name, info: r.info } });
    const f = this.current.radar;
    if (f) await this.ensureWindow(f);
  }

  /** Loads the DEM window for the radar's region and range (and its hillshade) unless loaded; false on failure. */
  private async ensureWindow(f: RadarSourceFeature): Promise<boolean> {
    const p = this.params();
    const region = this.region();
    if (!p?.ok || !region || !this.current.dem) return false;
    const { bbox, key } = demWindow(region, siteOf(f), p.value.maxRangeM);
    if (key === this.windowKey) return true;
    this.set({ busy: 'dem' });
    const loaded = await this.call((api) => api.loadRegion({ bbox, maxPixels: MAX_REGION_PIXELS }));
    if (!loaded.ok) {
      this.set({ busy: null, problem: loaded.problem });
      return false;
    }
    this.windowKey = key;
    const hs = await this.call((api) => api.hillshade());
    this.set({ busy: null, ...(hs.ok ? { hillshade: { image: hs.image, bounds: hs.lonLatBounds, key } } : {}) });
    return true;
  }

  /** The chosen radar and its parameters once a DEM is open and its window loaded; null (with a problem where due). */
  private async demReady(): Promise<{ f: RadarSourceFeature; p: RadarParams } | null> {
    const f = this.current.radar;
    const p = this.params();
    if (!f || !p?.ok) return null;
    if (!this.current.dem) {
      this.set({ problem: { code: RADAR_NEED_DEM, reason: RADAR_NEED_DEM, params: {} } });
      return null;
    }
    this.set({ problem: null });
    return (await this.ensureWindow(f)) ? { f, p: p.value } : null;
  }

  private siteRequest(f: RadarSourceFeature, p: RadarParams): { lon: number; lat: number; antennaHeightM: number } {
    const [lon, lat] = siteOf(f);
    return { lon, lat, antennaHeightM: p.antennaHeightM };
  }

  /** Terrain profile and beams along the current azimuth. */
  async drawProfile(): Promise<void> {
    const ready = await this.demReady();
    if (!ready) return;
    const { f, p } = ready;
    this.set({ busy: 'profile' });
    const request = {
      site: this.siteRequest(f, p),
      azimuthDeg: this.current.azimuthDeg,
      maxRangeM: p.maxRangeM,
      stepM: Math.max(25, p.maxRangeM / 500),
      elevationsDeg: [...p.elevationsDeg],
      beamWidthDeg: p.beamWidthDeg,
    };
    const r = await this.call((api) => api.profile(request));
    this.set(r.ok ? { busy: null, profile: r.profile } : { busy: null, problem: r.problem });
  }

  /** Beam blockage at the chosen elevation (the grid, the map cells; the coverage is cleared). */
  async computeBlockage(): Promise<void> {
    const ready = await this.demReady();
    if (!ready) return;
    const { f, p } = ready;
    this.set({ busy: 'blockage' });
    const request = {
      site: this.siteRequest(f, p),
      elevationDeg: p.elevationsDeg[Math.min(this.current.blockElevation, p.elevationsDeg.length - 1)] ?? 0,
      beamWidthDeg: p.beamWidthDeg,
      maxRangeM: p.maxRangeM,
      rangeStepM: Math.max(100, p.maxRangeM / 240),
      azimuthCount: 360,
    };
    const r = await this.call((api) => api.blockage(request));
    this.set(r.ok ? { busy: null, grid: r.grid, blockageCells: blockageData(r.grid), coverage: null } : { busy: null, problem: r.problem });
  }

  /** Covered share of the region (computes the blockage first when there is none). */
  async computeCoverage(): Promise<void> {
    if (!this.current.radar) return;
    if (!this.current.grid) await this.computeBlockage();
    const region = this.region();
    if (!this.current.grid || !region) return;
    this.set({ busy: 'coverage' });
    const request = { region, heightAglM: this.current.heightAglM, blockageThreshold: this.current.thresholdPct / 100, cellSizeM: 500 };
    const r = await this.call((api) => api.coverage(request));
    this.set(r.ok ? { busy: null, coverage: r.coverage } : { busy: null, problem: r.problem });
  }

  /** Samples candidates in the region and ranks them by coverage and conflicts with the other layers. */
  async rank(): Promise<void> {
    const ready = await this.demReady();
    const region = this.region();
    if (!ready || !region) return;
    const { f, p } = ready;
    this.set({ busy: 'rank', pinned: null });
    const rules = await this.rules();
    if (!rules.ok) return this.set({ busy: null, problem: { code: rules.reason, reason: rules.reason, params: {} } });
    const layers = this.layers
      .filter((l) => l.id !== 'qa')
      .map((l) => ({
        name: l.id,
        features: l.features.filter((x) => x.id !== f.id).map((x) => ({ type: 'Feature' as const, properties: { ...x.props } as Record<string, unknown>, geometry: x.geometry })),
      }));
    const request = {
      radarName: f.props.name,
      radarType: this.settingsOf(f).typeId,
      region,
      count: this.current.count,
      seed: this.current.seed,
      minSpacingM: 1000,
      antennaHeightM: p.antennaHeightM,
      elevationDeg: p.elevationsDeg[0] ?? 0.5,
      beamWidthDeg: p.beamWidthDeg,
      maxRangeM: p.maxRangeM,
      rangeStepM: Math.max(250, p.maxRangeM / 120),
      azimuthCount: 180,
      heightAglM: this.current.heightAglM,
      blockageThreshold: this.current.thresholdPct / 100,
      cellSizeM: 1000,
      layers,
      rules: rules.raw,
    };
    const r = await this.call((api) => api.rank(request));
    this.set(r.ok ? { busy: null, ranked: r.ranked } : { busy: null, problem: r.problem });
  }

  /**
   * Pins a ranked candidate as the chosen radar's site: returns the moved feature for the app's layers (the
   * caller replaces it there). Only a planned site still to be chosen can be pinned; an existing facility
   * gives the problem `pin-not-a-candidate` and nothing moves.
   */
  pin(candidateId: string): PinOutcome {
    const f = this.current.radar;
    const c = this.current.ranked?.find((x) => x.id === candidateId);
    if (!f || !c) return { ok: false, problem: { code: 'pin-unknown-candidate', reason: 'pin-unknown-candidate', params: { id: candidateId } } };
    const feature: Feature<Point, FeatureProps> = { type: 'Feature', properties: f.props, geometry: f.geometry as Point };
    const r = pinCandidate(feature, c, PIN_PRECISION_M);
    if (!r.ok) {
      const problem = { code: r.reason, reason: r.reason, params: r.params };
      this.set({ problem });
      return { ok: false, problem };
    }
    this.disc(f);
    this.radarId = f.id;
    this.set({ pinned: { candidateId: c.id, candidateRank: c.rank, radarName: f.props.name, precisionM: PIN_PRECISION_M }, profile: null, grid: null, blockageCells: null, coverage: null, problem: null });
    return { ok: true, feature: r.feature };
  }
}
