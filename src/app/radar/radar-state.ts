import type { FeatureCollection, Geometry } from 'geojson';
import type { BlockageGrid } from '../../core/radar/beam-blockage';
import type { CoverageResult } from '../../core/radar/coverage';
import type { DemInfo } from '../../core/radar/dem-reader';
import type { RgbaImage } from '../../core/radar/hillshade';
import type { ProblemParams } from '../../core/radar/radar-problem';
import type { RadarOverrides, RadarTypeId } from '../../core/radar/radar-types';
import type { RankedCandidate } from '../../core/radar/site-ranking';
import type { TerrainProfile } from '../../core/radar/terrain-profile';
import type { FeatureProps } from '../../core/model/feature-props';
import type { LonLat } from './radar-map-data';

/** A feature of the app's layers as the radar session reads it (the catalog's features have this shape). */
export interface RadarSourceFeature {
  readonly id: string;
  readonly geometry: Geometry;
  readonly props: FeatureProps;
}

/** A layer of the app as the radar session reads it. */
export interface RadarSourceLayer {
  readonly id: string;
  readonly features: readonly RadarSourceFeature[];
}

/** Which computation runs (one at a time). */
export type RadarBusy = 'dem' | 'profile' | 'blockage' | 'coverage' | 'rank' | null;

/** A radar's type and its per-site changes. */
export interface SiteSettings {
  readonly typeId: RadarTypeId;
  readonly overrides: RadarOverrides;
}

/**
 * A problem to show: `code` names the message (`radar.problem.<code>` in the radar catalog), `reason` is the
 * reason constant of the module that returned it (kept on the page as `data-reason`), `params` fill the message.
 */
export interface RadarProblemView {
  readonly code: string;
  readonly reason: string;
  readonly params: ProblemParams;
}

/** The opened DEM. */
export interface OpenedDem {
  readonly name: string;
  readonly info: DemInfo;
}

/** The hillshade of the loaded DEM window. */
export interface HillshadeImage {
  readonly image: RgbaImage;
  readonly bounds: readonly [number, number, number, number];
  /** Identifies the window it was computed for (changes when another window is loaded). */
  readonly key: string;
}

/** The last pinned candidate (for the notice). */
export interface PinNotice {
  readonly candidateId: string;
  /** The candidate's rank in the list it was pinned from. */
  readonly candidateRank: number;
  readonly radarName: string;
  readonly precisionM: number;
}

/** Everything the radar views show. A new object on every change; never mutated. */
export interface RadarState {
  /** The radars of the meteo-site layer. */
  readonly radars: readonly RadarSourceFeature[];
  /** The chosen radar (the first planned site still to be chosen when none was picked). */
  readonly radar: RadarSourceFeature | null;
  readonly settings: Readonly<Record<string, SiteSettings>>;
  readonly showRings: boolean;
  readonly showZones: boolean;
  readonly dem: OpenedDem | null;
  readonly busy: RadarBusy;
  readonly problem: RadarProblemView | null;
  readonly hillshade: HillshadeImage | null;
  readonly hillshadeOn: boolean;
  readonly hillshadeOpacity: number;
  readonly azimuthDeg: number;
  readonly profile: TerrainProfile | null;
  /** Index into the radar's elevations used for blockage. */
  readonly blockElevation: number;
  readonly grid: BlockageGrid | null;
  /** Blockage cells for the map, coloured by class. */
  readonly blockageCells: FeatureCollection | null;
  readonly thresholdPct: number;
  readonly heightAglM: number;
  readonly coverage: CoverageResult | null;
  readonly drawing: boolean;
  readonly vertices: readonly LonLat[];
  readonly drawn: readonly LonLat[] | null;
  readonly count: number;
  readonly seed: number;
  readonly ranked: readonly RankedCandidate[] | null;
  readonly pinned: PinNotice | null;
}

/** The state before anything is chosen or loaded. */
export const INITIAL_RADAR_STATE: RadarState = {
  radars: [],
  radar: null,
  settings: {},
  showRings: true,
  showZones: true,
  dem: null,
  busy: null,
  problem: null,
  hillshade: null,
  hillshadeOn: true,
  hillshadeOpacity: 0.6,
  azimuthDeg: 90,
  profile: null,
  blockElevation: 0,
  grid: null,
  blockageCells: null,
  thresholdPct: 50,
  heightAglM: 1000,
  coverage: null,
  drawing: false,
  vertices: [],
  drawn: null,
  count: 8,
  seed: 1,
  ranked: null,
  pinned: null,
};
