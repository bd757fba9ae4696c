import type { FeatureCollection } from 'geojson';
import { candidatesData, profileLineData, regionData, ringsData, zonesData } from './radar-map-data';
import { siteOf } from './radar-region';
import type { RadarSession } from './radar-session';
import type { HillshadeImage } from './radar-state';

/** Analysis overlay ids of radar siting on the map, bottom to top. */
export const RADAR_OVERLAY_IDS = ['radar-region', 'radar-zones', 'radar-rings', 'radar-blockage', 'radar-profile', 'radar-candidates'] as const;
/** One of {@link RADAR_OVERLAY_IDS}. */
export type RadarOverlayId = (typeof RADAR_OVERLAY_IDS)[number];
/** Id of the hillshade image overlay. */
export const HILLSHADE_OVERLAY_ID = 'radar-hillshade';

/** What the map shows for radar siting: every overlay (null = none) and the hillshade. */
export interface RadarOverlaySet {
  readonly layers: Readonly<Record<RadarOverlayId, FeatureCollection | null>>;
  readonly hillshade: { readonly image: HillshadeImage; readonly opacity: number } | null;
}

const NONE: RadarOverlaySet = {
  layers: { 'radar-region': null, 'radar-zones': null, 'radar-rings': null, 'radar-blockage': null, 'radar-profile': null, 'radar-candidates': null },
  hillshade: null,
};

/**
 * Builds the map overlays from a session's state; a collection is rebuilt only when its inputs change, so that
 * the same object comes back for unchanged data (the map view skips `setAnalysisLayer` for it).
 */
export function radarOverlayBuilder(): (session: RadarSession, active: boolean) => RadarOverlaySet {
  const memo = new Map<string, { key: unknown; fc: FeatureCollection }>();
  const cached = (id: string, key: unknown, build: () => FeatureCollection): FeatureCollection => {
    const hit = memo.get(id);
    if (hit && hit.key === key) return hit.fc;
    const fc = build();
    memo.set(id, { key, fc });
    return fc;
  };
  return (session, active) => {
    const s = session.state;
    const f = s.radar;
    if (!active || !f) return NONE;
    const p = session.params();
    const site = siteOf(f);
    const disc = session.disc(f);
    const rings = p?.ok && s.showRings ? cached('rings', `${f.id}|${site.join()}|${p.value.maxRangeM}`, () => ringsData(site, p.value.maxRangeM)) : null;
    const zones = s.showZones ? cached('zones', `${f.id}|${site.join()}`, () => zonesData(f.id, f.props.name, site, 0)) : null;
    const regionKey = `${f.id}|${disc.centre.join()}|${disc.radiusM}|${JSON.stringify(s.drawn)}|${JSON.stringify(s.vertices)}|${s.drawing}`;
    const region = cached('region', regionKey, () => regionData(s.drawing ? null : session.region(), s.drawing ? s.vertices : []));
    const profile = s.profile;
    const ranked = s.ranked;
    return {
      layers: {
        'radar-region': region,
        'radar-zones': zones,
        'radar-rings': rings,
        'radar-blockage': s.blockageCells,
        'radar-profile': profile ? cached('profile', profile, () => profileLineData(profile.lons, profile.lats)) : null,
        'radar-candidates': ranked ? cached('candidates', ranked, () => candidatesData(ranked)) : null,
      },
      hillshade: s.hillshadeOn && s.hillshade ? { image: s.hillshade, opacity: s.hillshadeOpacity } : null,
    };
  };
}
