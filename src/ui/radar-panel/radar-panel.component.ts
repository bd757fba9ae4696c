import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Lang, LonLat, MapApi, MapClick } from '../../map/index';
import { beamHeightTable } from '../../core/radar/beam-geometry';
import { blockedRayShare, rayEndBlockage } from '../../core/radar/blockage-cells';
import { DEFAULT_RADAR_TYPES, RADAR_TYPE_IDS, getRadarType, radarTypeForName, resolveRadarParams } from '../../core/radar/radar-types';
import type { RadarOverrides, RadarParams, RadarTypeId } from '../../core/radar/radar-types';
import type { BlockageGrid } from '../../core/radar/beam-blockage';
import type { CoverageResult } from '../../core/radar/coverage';
import type { DemInfo } from '../../core/radar/dem-reader';
import type { RankedCandidate } from '../../core/radar/site-ranking';
import type { TerrainProfile } from '../../core/radar/terrain-profile';
import type { FeatureProps } from '../../core/model/feature-props';
import type { LoadedLayer, ViewerFeature } from '../data/layer-catalog';
import { sharedStyles } from '../shared-styles';
import { DemClient } from './dem-client';
import { profileChart } from './profile-chart';
import { radarPanelStyles } from './radar-panel.styles';
import { t } from '../../i18n/localize';
import type { RadarKey as RadarStringKey } from '../../i18n/localize';
import {
  BLOCKAGE_COLOURS,
  BLOCKAGE_LIMITS,
  UNKNOWN_COLOUR,
  blockageData,
  candidatesData,
  profileLineData,
  regionData,
  regionPolygon,
  ringsData,
  zonesData,
} from './radar-map-data';

const RULES_URL = Object.values(import.meta.glob<string>('../../../data/rules/rules.json', { query: '?url', import: 'default', eager: true }))[0];

/** Analysis overlay ids on the map. */
const LAYER_IDS = ['radar-region', 'radar-zones', 'radar-rings', 'radar-blockage', 'radar-profile', 'radar-candidates'] as const;
const HILLSHADE_ID = 'radar-hillshade';
/** Largest DEM window read for the analysis (pixels; larger windows are decimated). */
const MAX_REGION_PIXELS = 4_000_000;
/** Default radius of the county disc when the feature states no precision (m). */
const DEFAULT_DISC_M = 25_000;
/** Uncertainty recorded for a pinned candidate (m): the candidate is a sampled point, not a survey. */
const PIN_PRECISION_M = 50;

/** Detail of the `radar-pin` event: the radar feature with its pinned site. */
export interface RadarPinDetail {
  readonly feature: Feature<Point, FeatureProps>;
}

type Busy = 'dem' | 'profile' | 'blockage' | 'coverage' | 'rank' | null;

interface SiteSettings {
  typeId: RadarTypeId;
  overrides: RadarOverrides;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

function isRadar(f: ViewerFeature): boolean {
  return f.geometry.type === 'Point' && radarTypeForName(f.props.name) !== null;
}

/**
 * Radar siting: pick a radar of the meteorological-sites layer, edit its type parameters, see the
 * range rings, GB 31223 zones and a beam-height table; with a DEM (GeoTIFF read in a worker):
 * terrain profile, beam blockage map with legend, coverage share of the county disc (or a drawn
 * region), hillshade, and a ranked list of candidate sites that can be pinned.
 */
@customElement('gis-radar-panel')
export class RadarPanel extends LitElement {
  static override styles = [sharedStyles, radarPanelStyles];

  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) map: MapApi | null = null;
  /** The app's loaded layers (the radars come from `meteo-site`; all layers feed the conflict check). */
  @property({ attribute: false }) layers: readonly LoadedLayer[] = [];
  /** Whether the panel is shown (its map overlays are hidden otherwise). */
  @property({ type: Boolean }) active = false;

  @state() private radarId: string | null = null;
  @state() private settings: Record<string, SiteSettings> = {};
  @state() private showRings = true;
  @state() private showZones = true;
  @state() private demName = '';
  @state() private demInfo: DemInfo | null = null;
  @state() private busy: Busy = null;
  @state() private error = '';
  /** Reason code of a DEM that could not be opened (the error's `data-reason`), valid while `error` is its message. */
  @state() private demError: { text: string; reason: string } | null = null;
  @state() private hillshadeOn = true;
  @state() private hillshadeOpacity = 0.6;
  @state() private azimuth = 90;
  @state() private profile: TerrainProfile | null = null;
  @state() private blockElevation = 0;
  @state() private grid: BlockageGrid | null = null;
  @state() private blockageFc: FeatureCollection | null = null;
  @state() private thresholdPct = 50;
  @state() private heightAglM = 1000;
  @state() private coverage: CoverageResult | null = null;
  @state() private drawing = false;
  @state() private vertices: LonLat[] = [];
  @state() private drawn: LonLat[] | null = null;
  @state() private count = 8;
  @state() private seed = 1;
  @state() private ranked: RankedCandidate[] | null = null;
  @state() private notice = '';

  private readonly client = new DemClient();
  private hillshade: { image: { width: number; height: number; data: Uint8ClampedArray }; bounds: [number, number, number, number] } | null = null;
  private regionKey = '';
  private unsubscribe: (() => void) | null = null;
  private readonly shown = new Map<string, FeatureCollection | null>();
  private rules: unknown = null;
  private readonly discs = new Map<string, { centre: LonLat; radiusM: number }>();

  // ---- data ------------------------------------------------------------------------------

  private radars(): ViewerFeature[] {
    return this.layers.find((l) => l.id === 'meteo-site')?.features.filter(isRadar) ?? [];
  }

  private radar(): ViewerFeature | undefined {
    const all = this.radars();
    return all.find((f) => f.id === this.radarId) ?? all.find((f) => f.props.flags.includes('SITE_NOT_CHOSEN')) ?? all[0];
  }

  private site(f: ViewerFeature): LonLat {
    const c = (f.geometry as Point).coordinates;
    return [c[0] as number, c[1] as number];
  }

  private siteSettings(f: ViewerFeature): SiteSettings {
    return this.settings[f.id] ?? { typeId: radarTypeForName(f.props.name) ?? 'x-band-phased-array', overrides: {} };
  }

  private params(f: ViewerFeature): { ok: true; value: RadarParams } | { ok: false; message: string } {
    const s = this.siteSettings(f);
    return resolveRadarParams(s.typeId, s.overrides);
  }

  /**
   * The county disc: centred on the county seat with the seat's position precision as radius. It
   * is remembered per radar, so a pinned site (user anchor, 50 m precision) keeps its county's disc.
   */
  private countyDisc(f: ViewerFeature): { centre: LonLat; radiusM: number } {
    const known = this.discs.get(f.id);
    if (known) return known;
    const a = f.props.anchor;
    const disc = {
      centre: a && a.level === 'county' ? ([a.lon, a.lat] as LonLat) : this.site(f),
      radiusM: f.props.precisionM >= 1000 ? f.props.precisionM : DEFAULT_DISC_M,
    };
    this.discs.set(f.id, disc);
    return disc;
  }

  private discRadiusM(f: ViewerFeature): number {
    return this.countyDisc(f).radiusM;
  }

  private region(f: ViewerFeature): Polygon {
    return regionPolygon(this.discCentre(f), this.discRadiusM(f), this.drawn);
  }

  private discCentre(f: ViewerFeature): LonLat {
    return this.countyDisc(f).centre;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dragover', this.onDragOver);
    this.removeEventListener('dragleave', this.onDragLeave);
    this.removeEventListener('drop', this.onDrop);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.client.dispose();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('map') && this.map && !this.unsubscribe) this.unsubscribe = this.map.onClick((e) => this.onMapClick(e));
    if (changed.has('active') && !this.active && this.drawing) this.setDrawing(false);
    this.syncMap();
  }

  private readonly onDragOver = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragover', true);
  };

  private readonly onDragLeave = (): void => {
    this.toggleAttribute('dragover', false);
  };

  private readonly onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this.toggleAttribute('dragover', false);
    const file = e.dataTransfer?.files[0];
    if (file) void this.openDem(file);
  };

  // ---- map -------------------------------------------------------------------------------

  private show(id: string, data: FeatureCollection | null): void {
    if (!this.map) return;
    if (this.shown.has(id) && this.shown.get(id) === data) return;
    this.shown.set(id, data);
    this.map.setAnalysisLayer(id, data);
  }

  private ringsCache: { key: string; fc: FeatureCollection } | null = null;
  private zonesCache: { key: string; fc: FeatureCollection } | null = null;
  private regionCache: { key: string; fc: FeatureCollection } | null = null;
  private profileCache: { p: TerrainProfile; fc: FeatureCollection } | null = null;
  private candidatesCache: { r: RankedCandidate[]; fc: FeatureCollection } | null = null;
  private hillshadeShown: unknown = undefined;

  private syncMap(): void {
    if (!this.map) return;
    const f = this.radar();
    const on = this.active && f !== undefined;
    const p = f ? this.params(f) : null;
    if (!on || !f || !p) {
      for (const id of LAYER_IDS) this.show(id, null);
      this.setHillshade(false);
      return;
    }
    const site = this.site(f);
    if (p.ok && this.showRings) {
      const key = `${f.id}|${site.join()}|${p.value.maxRangeM}`;
      if (this.ringsCache?.key !== key) this.ringsCache = { key, fc: ringsData(site, p.value.maxRangeM) };
      this.show('radar-rings', this.ringsCache.fc);
    } else this.show('radar-rings', null);
    if (this.showZones) {
      const key = `${f.id}|${site.join()}`;
      if (this.zonesCache?.key !== key) this.zonesCache = { key, fc: zonesData(f.id, f.props.name, site, 0) };
      this.show('radar-zones', this.zonesCache.fc);
    } else this.show('radar-zones', null);
    const rkey = `${f.id}|${this.discCentre(f).join()}|${this.discRadiusM(f)}|${JSON.stringify(this.drawn)}|${JSON.stringify(this.vertices)}|${this.drawing}`;
    if (this.regionCache?.key !== rkey) this.regionCache = { key: rkey, fc: regionData(this.drawing ? null : this.region(f), this.drawing ? this.vertices : []) };
    this.show('radar-region', this.regionCache.fc);
    this.show('radar-blockage', this.blockageFc);
    if (this.profile) {
      if (this.profileCache?.p !== this.profile) this.profileCache = { p: this.profile, fc: profileLineData(this.profile.lons, this.profile.lats) };
      this.show('radar-profile', this.profileCache.fc);
    } else this.show('radar-profile', null);
    if (this.ranked) {
      if (this.candidatesCache?.r !== this.ranked) this.candidatesCache = { r: this.ranked, fc: candidatesData(this.ranked) };
      this.show('radar-candidates', this.candidatesCache.fc);
    } else this.show('radar-candidates', null);
    this.setHillshade(this.hillshadeOn);
  }

  private setHillshade(on: boolean): void {
    if (!this.map) return;
    const h = on ? this.hillshade : null;
    const key = h ? `${this.regionKey}|${this.hillshadeOpacity}` : null;
    if (key === this.hillshadeShown) return;
    this.hillshadeShown = key;
    if (h) this.map.setImageOverlay(HILLSHADE_ID, h.image, h.bounds, this.hillshadeOpacity);
    else this.map.setImageOverlay(HILLSHADE_ID, null, [0, 0, 0, 0], 0);
  }

  private onMapClick(e: MapClick): void {
    if (!this.active) return;
    if (this.drawing) {
      this.vertices = [...this.vertices, e.position];
      return;
    }
    const hit = e.features.find((x) => x.layer === 'meteo-site' && this.radars().some((r) => r.id === x.id));
    if (hit) this.chooseRadar(hit.id);
  }

  // ---- actions ---------------------------------------------------------------------------

  private chooseRadar(id: string): void {
    const current = this.radar()?.id;
    this.radarId = id;
    if (id === current) return;
    this.resetAnalysis();
    this.drawn = null;
    this.vertices = [];
  }

  private resetAnalysis(): void {
    this.profile = null;
    this.grid = null;
    this.blockageFc = null;
    this.coverage = null;
    this.ranked = null;
    this.error = '';
  }

  private updateSettings(f: ViewerFeature, change: (s: SiteSettings) => SiteSettings): void {
    this.settings = { ...this.settings, [f.id]: change(this.siteSettings(f)) };
    this.resetAnalysis();
  }

  private setOverride(f: ViewerFeature, key: keyof RadarOverrides, raw: string): void {
    const type = getRadarType(this.siteSettings(f).typeId);
    this.updateSettings(f, (s) => {
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

  private setDrawing(on: boolean): void {
    this.drawing = on;
    if (on) this.vertices = [];
    this.dispatchEvent(new CustomEvent<boolean>('measure-active', { detail: on, bubbles: true, composed: true }));
    this.map?.setCursor(on ? 'crosshair' : 'default');
  }

  private finishDrawing(): void {
    if (this.vertices.length >= 3) {
      this.drawn = [...this.vertices];
      this.coverage = null;
      this.ranked = null;
    }
    this.setDrawing(false);
    this.vertices = [];
  }

  private async openDem(file: File): Promise<void> {
    this.busy = 'dem';
    this.error = '';
    this.demInfo = null;
    this.demName = file.name;
    this.regionKey = '';
    this.hillshade = null;
    this.resetAnalysis();
    const r = await this.client.call({ type: 'open', file });
    this.busy = null;
    if (!r.ok) {
      this.error = r.message;
      this.demError = { text: r.message, reason: r.reason };
      return;
    }
    this.demInfo = r.info;
    const f = this.radar();
    if (f) await this.ensureRegion(f);
  }

  /** Loads the DEM window the analyses need (site or region plus the maximum range); returns false on failure. */
  private async ensureRegion(f: ViewerFeature): Promise<boolean> {
    const p = this.params(f);
    if (!p.ok || !this.demInfo) return false;
    const region = this.region(f);
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const [lon, lat] of [...(region.coordinates[0] ?? []), this.site(f)] as Array<readonly number[]>) {
      w = Math.min(w, lon as number);
      e = Math.max(e, lon as number);
      s = Math.min(s, lat as number);
      n = Math.max(n, lat as number);
    }
    const r = p.value.maxRangeM * 1.02;
    const dLat = r / 110_900;
    const dLon = r / (111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180));
    const bbox: [number, number, number, number] = [w - dLon, s - dLat, e + dLon, n + dLat];
    const key = bbox.map((v) => v.toFixed(4)).join(',');
    if (key === this.regionKey) return true;
    this.busy = 'dem';
    const loaded = await this.client.call({ type: 'load-region', bbox, maxPixels: MAX_REGION_PIXELS });
    if (!loaded.ok) {
      this.busy = null;
      this.error = loaded.message;
      return false;
    }
    this.regionKey = key;
    const hs = await this.client.call({ type: 'hillshade' });
    this.busy = null;
    if (hs.ok) {
      this.hillshade = { image: hs.image, bounds: hs.lonLatBounds };
      this.hillshadeShown = undefined;
    }
    return true;
  }

  private siteRequest(f: ViewerFeature, p: RadarParams): { lon: number; lat: number; antennaHeightM: number } {
    const [lon, lat] = this.site(f);
    return { lon, lat, antennaHeightM: p.antennaHeightM };
  }

  /**
   * The chosen radar and its parameters once a DEM is loaded and its region read; null (with a message where one
   * is due) otherwise. Every DEM computation starts here.
   */
  private async demReady(): Promise<{ f: ViewerFeature; p: RadarParams } | null> {
    const f = this.radar();
    const p = f ? this.params(f) : null;
    if (!f || !p?.ok) return null;
    if (!this.demInfo) {
      this.error = t('radar.needDem', this.locale);
      return null;
    }
    this.error = '';
    return (await this.ensureRegion(f)) ? { f, p: p.value } : null;
  }

  private async drawProfile(): Promise<void> {
    const ready = await this.demReady();
    if (!ready) return;
    const { f } = ready;
    const p = ready.p;
    this.busy = 'profile';
    const r = await this.client.call({
      type: 'profile',
      site: this.siteRequest(f, p),
      azimuthDeg: this.azimuth,
      maxRangeM: p.maxRangeM,
      stepM: Math.max(25, p.maxRangeM / 500),
      elevationsDeg: [...p.elevationsDeg],
      beamWidthDeg: p.beamWidthDeg,
    });
    this.busy = null;
    if (!r.ok) this.error = r.message;
    else this.profile = r.profile;
  }

  private async computeBlockage(): Promise<void> {
    const ready = await this.demReady();
    if (!ready) return;
    const { f } = ready;
    const p = ready.p;
    this.busy = 'blockage';
    const elevation = p.elevationsDeg[Math.min(this.blockElevation, p.elevationsDeg.length - 1)] ?? 0;
    const r = await this.client.call({
      type: 'blockage',
      site: this.siteRequest(f, p),
      elevationDeg: elevation,
      beamWidthDeg: p.beamWidthDeg,
      maxRangeM: p.maxRangeM,
      rangeStepM: Math.max(100, p.maxRangeM / 240),
      azimuthCount: 360,
    });
    this.busy = null;
    if (!r.ok) {
      this.error = r.message;
      return;
    }
    this.grid = r.grid;
    this.blockageFc = blockageData(r.grid);
    this.coverage = null;
  }

  private async computeCoverage(): Promise<void> {
    const f = this.radar();
    if (!f) return;
    if (!this.grid) await this.computeBlockage();
    if (!this.grid) return;
    this.busy = 'coverage';
    const r = await this.client.call({ type: 'coverage', region: this.region(f), heightAglM: this.heightAglM, blockageThreshold: this.thresholdPct / 100, cellSizeM: 500 });
    this.busy = null;
    if (!r.ok) this.error = r.message;
    else this.coverage = r.coverage;
  }

  private async loadRules(): Promise<unknown> {
    if (this.rules !== null) return this.rules;
    if (!RULES_URL) throw new Error('data/rules/rules.json is not bundled');
    const res = await fetch(RULES_URL);
    if (!res.ok) throw new Error(`rules.json: ${res.status}`);
    this.rules = (await res.json()) as unknown;
    return this.rules;
  }

  private async rank(): Promise<void> {
    const ready = await this.demReady();
    if (!ready) return;
    this.notice = '';
    const { f } = ready;
    const p = ready.p;
    this.busy = 'rank';
    let rules: unknown;
    try {
      rules = await this.loadRules();
    } catch (error: unknown) {
      this.busy = null;
      this.error = error instanceof Error ? error.message : String(error);
      return;
    }
    const layers = this.layers
      .filter((l) => l.id !== 'qa')
      .map((l) => ({
        name: l.id,
        features: l.features
          .filter((x) => x.id !== f.id)
          .map((x) => ({ type: 'Feature' as const, properties: { ...x.props } as Record<string, unknown>, geometry: x.geometry })),
      }));
    const r = await this.client.call({
      type: 'rank',
      radarName: f.props.name,
      radarType: this.siteSettings(f).typeId,
      region: this.region(f),
      count: this.count,
      seed: this.seed,
      minSpacingM: 1000,
      antennaHeightM: p.antennaHeightM,
      elevationDeg: p.elevationsDeg[0] ?? 0.5,
      beamWidthDeg: p.beamWidthDeg,
      maxRangeM: p.maxRangeM,
      rangeStepM: Math.max(250, p.maxRangeM / 120),
      azimuthCount: 180,
      heightAglM: this.heightAglM,
      blockageThreshold: this.thresholdPct / 100,
      cellSizeM: 1000,
      layers,
      rules,
    });
    this.busy = null;
    if (!r.ok) this.error = r.message;
    else this.ranked = r.ranked;
  }

  private async pin(c: RankedCandidate): Promise<void> {
    const f = this.radar();
    if (!f) return;
    const { pinCandidate } = await import('../../core/radar/site-ranking');
    const feature: Feature<Point, FeatureProps> = { type: 'Feature', properties: f.props as FeatureProps, geometry: f.geometry as Point };
    const r = pinCandidate(feature, c, PIN_PRECISION_M);
    if (!r.ok) {
      this.error = r.message;
      return;
    }
    this.countyDisc(f);
    this.radarId = f.id;
    this.dispatchEvent(new CustomEvent<RadarPinDetail>('radar-pin', { detail: { feature: r.feature }, bubbles: true, composed: true }));
    this.notice = t('radar.pinned', this.locale, { id: c.id, name: f.props.name, p: PIN_PRECISION_M });
    this.profile = null;
    this.grid = null;
    this.blockageFc = null;
    this.coverage = null;
  }

  // ---- rendering -------------------------------------------------------------------------

  private L(k: RadarStringKey, vars?: Record<string, string | number>): string {
    return t(`radar.${k}`, this.locale, vars);
  }

  private renderParams(f: ViewerFeature, p: ReturnType<RadarPanel['params']>): unknown {
    const s = this.siteSettings(f);
    const type = getRadarType(s.typeId);
    const o = s.overrides;
    return html`<fieldset>
      <legend>${this.L('params')}</legend>
      <div class="grid">
        <label for="rp-type">${this.L('type')}</label>
        <select id="rp-type" name="type" @change=${(e: Event) => this.updateSettings(f, () => ({ typeId: (e.target as HTMLSelectElement).value as RadarTypeId, overrides: {} }))}>
          ${RADAR_TYPE_IDS.map((id) => {
            const t = DEFAULT_RADAR_TYPES.types.find((x) => x.id === id);
            return html`<option value=${id} ?selected=${id === s.typeId}>${this.locale === 'en' ? t?.nameEn : t?.name}</option>`;
          })}
        </select>
        <label for="rp-range">${this.L('maxRange')}</label>
        <input id="rp-range" name="maxRangeKm" type="number" min="1" max="600" step="1" .value=${String(o.maxRangeKm ?? type.maxRangeKm.value)}
          @change=${(e: Event) => this.setOverride(f, 'maxRangeKm', (e.target as HTMLInputElement).value)} />
        <label for="rp-bw">${this.L('beamWidth')}</label>
        <input id="rp-bw" name="beamWidthDeg" type="number" min="0.1" max="10" step="0.1" .value=${String(o.beamWidthDeg ?? type.beamWidthDeg.value)}
          @change=${(e: Event) => this.setOverride(f, 'beamWidthDeg', (e.target as HTMLInputElement).value)} />
        <label for="rp-el">${this.L('elevations')}</label>
        <input id="rp-el" name="elevationsDeg" .value=${(o.elevationsDeg ?? type.elevationsDeg.value).join(', ')}
          @change=${(e: Event) => this.setOverride(f, 'elevationsDeg', (e.target as HTMLInputElement).value)} />
        <label for="rp-ah">${this.L('antennaHeight')}</label>
        <input id="rp-ah" name="antennaHeightM" type="number" min="0" max="500" step="1" .value=${String(o.antennaHeightM ?? type.antennaHeightM.value)}
          @change=${(e: Event) => this.setOverride(f, 'antennaHeightM', (e.target as HTMLInputElement).value)} />
      </div>
      ${p.ok && p.value.overridden.length > 0
        ? html`<p class="muted">${this.L('overridden')}${p.value.overridden.join(', ')}
            <button type="button" @click=${() => this.updateSettings(f, (x) => ({ ...x, overrides: {} }))}>${this.L('reset')}</button></p>`
        : nothing}
      ${p.ok ? nothing : html`<p class="error" role="alert">${this.L('invalidParams')}${p.message}</p>`}
      <p class="muted">${this.L('defaultsNote')}</p>
    </fieldset>`;
  }

  private renderBeamTable(p: RadarParams): unknown {
    const step = p.maxRangeM <= 100_000 ? 10_000 : 25_000;
    const ranges: number[] = [];
    for (let r = step; r <= p.maxRangeM + 1e-6; r += step) ranges.push(r);
    const elevations = p.elevationsDeg.slice(0, 4);
    const rows = beamHeightTable(ranges, elevations, p.beamWidthDeg, 0);
    const m = (v: number): string => Math.round(v).toLocaleString('en-US');
    return html`<h3>${this.L('beamTable')}</h3>
      <div class="table-wrap" tabindex="0" role="region" aria-label=${this.L('beamTable')}>
        <table data-testid="beam-table">
          <thead>
            <tr>
              <th scope="col">${this.L('range')}</th>
              ${elevations.map((e) => html`<th scope="col">${e}° ${this.L('centre')}<br /><span class="muted">${this.L('bounds')} (m)</span></th>`)}
            </tr>
          </thead>
          <tbody>
            ${ranges.map(
              (r, i) => html`<tr>
                <td>${r / 1000}</td>
                ${elevations.map((_, j) => {
                  const row = rows[i * elevations.length + j];
                  return row ? html`<td data-range=${r} data-elevation=${row.elevationDeg} data-centre=${row.centreM.toFixed(1)}>${m(row.centreM)}<br /><span class="muted">${m(row.lowerM)}–${m(row.upperM)}</span></td>` : html`<td></td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderDem(): unknown {
    const info = this.demInfo;
    return html`<fieldset>
      <legend>${this.L('dem')}</legend>
      <label class="row">${this.L('demInput')}
        <input type="file" name="dem" data-testid="dem-input" accept=".tif,.tiff,image/tiff"
          @change=${(e: Event) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) void this.openDem(file);
          }} />
      </label>
      <p class="muted">${this.L('demDrop')}</p>
      ${this.busy === 'dem' ? html`<p role="status">${this.L('demLoading')}</p>` : nothing}
      ${info
        ? html`<p class="ok" data-testid="dem-status">${this.L('demLoaded')}: ${this.demName} — ${info.width} × ${info.height}, EPSG:${info.crs.epsg}, ${info.sampleType}</p>
            <div class="row">
              <label><input type="checkbox" .checked=${this.hillshadeOn} @change=${(e: Event) => (this.hillshadeOn = (e.target as HTMLInputElement).checked)} /> ${this.L('hillshade')}</label>
              <label>${this.L('hillshadeOpacity')}
                <input type="range" min="0" max="1" step="0.1" .value=${String(this.hillshadeOpacity)} @change=${(e: Event) => (this.hillshadeOpacity = Number((e.target as HTMLInputElement).value))} /></label>
            </div>`
        : this.busy === 'dem'
          ? nothing
          : html`<p class="muted">${this.L('demNone')}</p>`}
    </fieldset>`;
  }

  private renderProfile(): unknown {
    const prof = this.profile;
    return html`<fieldset>
      <legend>${this.L('profile')}</legend>
      <div class="row">
        <label>${this.L('azimuth')}
          <input name="azimuth" type="number" min="0" max="359.9" step="1" style="width:5rem" .value=${String(this.azimuth)}
            @change=${(e: Event) => (this.azimuth = ((Number((e.target as HTMLInputElement).value) % 360) + 360) % 360)} /></label>
        <button type="button" data-testid="profile-button" ?disabled=${this.busy !== null} @click=${() => void this.drawProfile()}>${this.L('drawProfile')}</button>
      </div>
      ${prof ? html`<div data-testid="profile-chart">${profileChart(prof, this.locale, { width: 330, height: 230, beams: 2 })}</div>` : nothing}
    </fieldset>`;
  }

  private renderBlockage(p: RadarParams): unknown {
    const g = this.grid;
    let rayEnd: number | null = null;
    let share: number | null = null;
    if (g) {
      const end = rayEndBlockage(g);
      rayEnd = end[Math.round((this.azimuth / 360) * end.length) % end.length] ?? null;
      share = blockedRayShare(g, this.thresholdPct / 100);
    }
    const labels = BLOCKAGE_LIMITS.map((l, i) => {
      const next = BLOCKAGE_LIMITS[i + 1];
      return next === undefined ? `≥ ${l * 100} %` : `${l * 100}–${next * 100} %`;
    });
    return html`<fieldset>
      <legend>${this.L('blockage')}</legend>
      <div class="row">
        <label>${this.L('blockElevation')}
          <select name="blockElevation" @change=${(e: Event) => (this.blockElevation = Number((e.target as HTMLSelectElement).value))}>
            ${p.elevationsDeg.map((e, i) => html`<option value=${i} ?selected=${i === this.blockElevation}>${e}°</option>`)}
          </select></label>
        <button type="button" data-testid="blockage-button" ?disabled=${this.busy !== null} @click=${() => void this.computeBlockage()}>${this.L('computeBlockage')}</button>
      </div>
      <p class="muted">${this.L('blockageNote')}</p>
      ${g
        ? html`<ul class="legend" aria-label=${this.L('legend')} data-testid="blockage-legend">
              ${BLOCKAGE_COLOURS.map((c, i) => html`<li><span class="swatch" style="background:${c}"></span>${labels[i]}</li>`)}
              <li><span class="swatch" style="background:${UNKNOWN_COLOUR}"></span>${this.L('unknownTerrain')}</li>
            </ul>
            <output data-testid="blockage-summary" data-cells=${this.blockageFc?.features.length ?? 0}>${this.L('cells', { n: this.blockageFc?.features.length ?? 0 })}</output>
            <output data-testid="ray-end-cbb" data-azimuth=${this.azimuth} data-cbb=${rayEnd ?? ''}>${this.L('rayEnd', { az: this.azimuth, v: rayEnd === null ? '—' : pct(rayEnd) })}</output>
            <output data-testid="blocked-share" data-share=${share ?? ''}>${this.L('blockedRays', { t: `${this.thresholdPct} %`, v: share === null ? '—' : pct(share) })}</output>`
        : nothing}
    </fieldset>`;
  }

  private renderCoverage(f: ViewerFeature): unknown {
    const c = this.coverage;
    return html`<fieldset>
      <legend>${this.L('coverage')}</legend>
      <p class="muted" data-testid="region-note">${this.drawn ? this.L('regionDrawn', { n: this.drawn.length }) : this.L('regionDisc', { r: this.discRadiusM(f) / 1000 })}</p>
      <div class="row">
        ${this.drawing
          ? html`<button type="button" @click=${() => this.finishDrawing()} ?disabled=${this.vertices.length < 3}>${this.L('finishRegion')}</button><span class="muted">${this.L('drawHint')}</span>`
          : html`<button type="button" data-testid="draw-region" @click=${() => this.setDrawing(true)}>${this.L('drawRegion')}</button>`}
        ${this.drawn && !this.drawing ? html`<button type="button" @click=${() => { this.drawn = null; this.coverage = null; this.ranked = null; }}>${this.L('useDisc')}</button>` : nothing}
      </div>
      <div class="grid">
        <label for="rp-thr">${this.L('threshold')}</label>
        <input id="rp-thr" name="threshold" type="number" min="0" max="100" step="5" .value=${String(this.thresholdPct)}
          @change=${(e: Event) => { this.thresholdPct = Math.min(100, Math.max(0, Number((e.target as HTMLInputElement).value))); this.coverage = null; }} />
        <label for="rp-agl">${this.L('heightAgl')}</label>
        <input id="rp-agl" name="heightAgl" type="number" min="0" step="100" .value=${String(this.heightAglM)}
          @change=${(e: Event) => { this.heightAglM = Number((e.target as HTMLInputElement).value); this.coverage = null; }} />
      </div>
      <div class="row">
        <button type="button" data-testid="coverage-button" ?disabled=${this.busy !== null} @click=${() => void this.computeCoverage()}>${this.L('computeCoverage')}</button>
      </div>
      ${c ? html`<output data-testid="coverage-share" data-share=${c.share}>${this.L('coverageResult', { v: pct(c.share), a: (c.regionAreaM2 / 1e6).toFixed(0) })}</output>` : nothing}
    </fieldset>`;
  }

  private renderRanking(): unknown {
    const list = this.ranked;
    return html`<fieldset>
      <legend>${this.L('ranking')}</legend>
      <div class="grid">
        <label for="rp-n">${this.L('count')}</label>
        <input id="rp-n" name="count" type="number" min="1" max="50" step="1" .value=${String(this.count)}
          @change=${(e: Event) => (this.count = Math.min(50, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value)))))} />
        <label for="rp-seed">${this.L('seed')}</label>
        <input id="rp-seed" name="seed" type="number" step="1" .value=${String(this.seed)} @change=${(e: Event) => (this.seed = Math.round(Number((e.target as HTMLInputElement).value)))} />
      </div>
      <div class="row">
        <button type="button" data-testid="rank-button" ?disabled=${this.busy !== null} @click=${() => void this.rank()}>${this.L('rank')}</button>
      </div>
      <p class="muted">${this.L('rankNote')}</p>
      ${list
        ? html`<ol class="ranked" data-testid="ranked-list">
            ${list.map(
              (c) => html`<li data-candidate=${c.id} data-score=${c.score} data-lon=${c.lon} data-lat=${c.lat}>
                <span class="num" aria-hidden="true">${c.rank}</span>
                <span><span class="sr-only">${this.L('rankCol')} ${c.rank}: </span>${this.L('score')} ${c.score.toFixed(3)} · ${this.L('coverage')} ${c.coverage === null ? '—' : pct(c.coverage)}
                  · ${this.L('conflicts')} ${c.conflicts.length === 0 ? this.L('none') : c.conflicts.map((x) => `${x.severity} ${x.otherName ?? x.ruleTitle}`).join('; ')}
                  <br /><span class="muted">${this.L('position')} ${c.lon.toFixed(5)}, ${c.lat.toFixed(5)}</span></span>
                <button type="button" data-testid="pin-button" @click=${() => void this.pin(c)}>${this.L('pin')}</button>
              </li>`,
            )}
          </ol>`
        : nothing}
    </fieldset>`;
  }

  override render(): unknown {
    const radars = this.radars();
    const f = this.radar();
    if (!f) return html`<p>${this.L('noRadars')}</p>`;
    const p = this.params(f);
    const status = f.props.flags.includes('SITE_PINNED_BY_USER') ? 'statusPinned' : f.props.flags.includes('SITE_NOT_CHOSEN') ? 'statusPlanned' : 'statusExisting';
    return html`
      <label for="rp-radar">${this.L('radar')}</label>
      <select id="rp-radar" class="radar-select" name="radar" data-testid="radar-select" @change=${(e: Event) => this.chooseRadar((e.target as HTMLSelectElement).value)}>
        ${radars.map((r) => html`<option value=${r.id} ?selected=${r.id === f.id}>${r.props.name}</option>`)}
      </select>
      <p class="muted">${this.L('pickHint')}</p>
      <p data-testid="radar-status">${f.props.name} · ${this.L(status)} · ${this.site(f)[0].toFixed(4)}, ${this.site(f)[1].toFixed(4)} (± ${f.props.precisionM} m)</p>
      ${this.renderParams(f, p)}
      <fieldset>
        <legend>${this.L('showOnMap')}</legend>
        <label><input type="checkbox" .checked=${this.showRings} @change=${(e: Event) => (this.showRings = (e.target as HTMLInputElement).checked)} /> ${this.L('rings')}</label>
        <label><input type="checkbox" .checked=${this.showZones} @change=${(e: Event) => (this.showZones = (e.target as HTMLInputElement).checked)} /> ${this.L('zones')}</label>
        <p class="muted">${this.L('zonesUnverified')}</p>
      </fieldset>
      ${p.ok ? this.renderBeamTable(p.value) : nothing}
      ${this.renderDem()}
      ${this.error ? html`<p class="error" role="alert" data-testid="radar-error" data-reason=${this.demError?.text === this.error ? this.demError.reason : ''}>${this.error}</p>` : nothing}
      ${this.busy && this.busy !== 'dem' ? html`<p role="status">${this.L('busy')}</p>` : nothing}
      ${this.renderProfile()}
      ${p.ok ? this.renderBlockage(p.value) : nothing}
      ${this.renderCoverage(f)}
      ${this.renderRanking()}
      ${this.notice ? html`<p class="ok" role="status" data-testid="pin-notice">${this.notice}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-radar-panel': RadarPanel;
  }
}
