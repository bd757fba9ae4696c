import { describe, expect, it } from 'vitest';
import type { Point } from 'geojson';
import { RadarSession, RADAR_NEED_DEM } from '../../../../src/app/radar/radar-session';
import { radarOverlayBuilder } from '../../../../src/app/radar/radar-overlays';
import { PIN_NOT_A_CANDIDATE } from '../../../../src/core/radar/site-pin';
import { DEM_NOT_TIFF } from '../../../../src/core/radar/dem-reader';
import { syntheticDem } from '../../core/radar/helpers/synthetic-dem';
import { ANZE_ID, LINFEN_ID, inProcessDemWorker, pipelineLayer, rulesFromDisk } from './dem-in-process';

const ANZE = { lon: 112.2438687, lat: 36.1478258 };
const LINFEN = { lon: 111.493889, lat: 36.061944 };
const layers = [pipelineLayer('meteo-site'), pipelineLayer('chemical-park'), pipelineLayer('relic-protection')];

/** Plain at 900 m with a 180 m ridge 8–10 km out on azimuths 30°–120° (the browser test's terrain). */
function ridgeDem(site: { lon: number; lat: number }, name: string): File {
  const bytes = syntheticDem({ siteLon: site.lon, siteLat: site.lat, halfSizeM: 45_000, pixelM: 300, epsg: 4490, type: 'int16', noData: -32768, terrain: (d, az) => (az >= 30 && az <= 120 && d >= 8000 && d <= 10_000 ? 1080 : 900) });
  return new File([bytes], name, { type: 'image/tiff' });
}

function session(): { s: RadarSession; worker: ReturnType<typeof inProcessDemWorker>; opened: () => number } {
  const worker = inProcessDemWorker();
  let n = 0;
  const s = new RadarSession({ openDemWorker: () => (n++, worker), loadRules: rulesFromDisk });
  s.setLayers(layers);
  return { s, worker, opened: () => n };
}

describe('RadarSession', () => {
  it('reads the radars of meteo-site, starts on a site still to be chosen, and keeps parameters per radar', () => {
    const { s, opened } = session();
    expect(s.state.radars.map((r) => r.props.name)).toHaveLength(9);
    expect(s.state.radar?.props.flags).toContain('SITE_NOT_CHOSEN');
    const seen: number[] = [];
    s.subscribe((st) => seen.push(st.radars.length));
    s.chooseRadar(ANZE_ID);
    s.setOverride('maxRangeKm', '30');
    const p = s.params();
    expect(p?.ok && p.value.maxRangeM).toBe(30_000);
    expect(p?.ok && p.value.overridden).toEqual(['maxRangeKm']);
    s.setOverride('maxRangeKm', '700');
    const bad = s.params();
    expect(bad?.ok === false && bad.reason === 'radar-override-invalid' && bad.params['fields']).toBe('maxRangeKm');
    s.resetOverrides();
    expect(s.params()?.ok && s.params()).toMatchObject({ value: { overridden: [] } });
    s.chooseRadar(LINFEN_ID);
    expect(s.state.radar?.id).toBe(LINFEN_ID);
    expect(s.canPin()).toBe(false);
    s.chooseRadar(ANZE_ID);
    expect(s.canPin()).toBe(true);
    expect(seen.length).toBeGreaterThan(4);
    // Nothing asked for the DEM yet: no worker started.
    expect(opened()).toBe(0);
  });

  it('asks for a DEM first, and reports an unreadable file as codes with the file name', async () => {
    const { s } = session();
    await s.drawProfile();
    expect(s.state.problem).toEqual({ code: RADAR_NEED_DEM, reason: RADAR_NEED_DEM, params: {} });
    await s.openDem(new File([new TextEncoder().encode('not a tiff at all')], 'notes.tif'));
    expect(s.state.dem).toBeNull();
    expect(s.state.busy).toBeNull();
    expect(s.state.problem?.reason).toBe(DEM_NOT_TIFF);
    expect(s.state.problem?.params['file']).toBe('notes.tif');
  });

  it('opens a DEM, loads the window with its hillshade, draws a profile, blockage, coverage and ranks candidates', { timeout: 120_000 }, async () => {
    const { s, worker } = session();
    s.chooseRadar(ANZE_ID);
    s.setOverride('maxRangeKm', '30');
    await s.openDem(ridgeDem(ANZE, 'anze.tif'));
    expect(s.state.problem).toBeNull();
    expect(s.state.dem?.info.crs.epsg).toBe(4490);
    expect(s.state.hillshade?.image.width).toBeGreaterThan(100);
    const callsAfterOpen = worker.calls;
    s.setAzimuth(-285);
    expect(s.state.azimuthDeg).toBe(75);
    await s.drawProfile();
    const prof = s.state.profile;
    expect(prof?.azimuthDeg).toBe(75);
    // The window was loaded once: the profile made one call.
    expect(worker.calls).toBe(callsAfterOpen + 1);
    const peak = Array.from(prof?.terrainM ?? []).reduce((best, v, i, a) => (v > (a[best] ?? -Infinity) ? i : best), 0);
    const peakKm = (prof?.distancesM[peak] ?? 0) / 1000;
    expect(peakKm).toBeGreaterThan(7.7);
    expect(peakKm).toBeLessThan(10.3);
    await s.computeBlockage();
    expect(s.state.grid?.azimuthsDeg.length).toBe(360);
    expect(s.state.blockageCells?.features.length).toBeGreaterThan(50);
    await s.computeCoverage();
    const cov = s.state.coverage?.share ?? NaN;
    // Only the ridge sector (≈ 91° of 360°) beyond 8 km of the 25 km disc is blocked above 50 %.
    expect(Math.abs(cov - (1 - (91 / 360) * (1 - (8 / 25) ** 2)))).toBeLessThan(0.02);
    s.setRanking({ count: 3, seed: 7 });
    await s.rank();
    expect(s.state.problem).toBeNull();
    const ranked = s.state.ranked ?? [];
    expect(ranked.map((c) => c.rank)).toEqual([1, 2, 3]);
    // The map overlays follow the state; unchanged data comes back as the same object.
    const build = radarOverlayBuilder();
    const a = build(s, true);
    expect(a.layers['radar-candidates']?.features).toHaveLength(3);
    expect(a.layers['radar-blockage']).toBe(s.state.blockageCells);
    expect(build(s, true).layers['radar-rings']).toBe(a.layers['radar-rings']);
    expect(build(s, false).layers['radar-rings']).toBeNull();

    const first = ranked[0]!;
    const pinned = s.pin(first.id);
    if (!pinned.ok) throw new Error(pinned.problem.code);
    expect(pinned.feature.geometry.coordinates).toEqual([first.lon, first.lat]);
    expect(pinned.feature.properties.flags).toContain('SITE_PINNED_BY_USER');
    expect(pinned.feature.properties.status).toBe('planned');
    expect(s.state.pinned).toEqual({ candidateId: first.id, candidateRank: 1, radarName: pinned.feature.properties.name, precisionM: 50 });
    expect(s.state.profile).toBeNull();
    // The app puts the moved feature into its layers: the radar stays chosen and keeps its county disc.
    const discBefore = s.disc(s.state.radar!);
    s.setLayers(layers.map((l) => (l.id !== 'meteo-site' ? l : { ...l, features: l.features.map((f) => (f.id === ANZE_ID ? { ...f, geometry: pinned.feature.geometry, props: pinned.feature.properties } : f)) })));
    expect(s.state.radar?.id).toBe(ANZE_ID);
    expect((s.state.radar?.geometry as Point).coordinates).toEqual([first.lon, first.lat]);
    expect(s.disc(s.state.radar!)).toBe(discBefore);
    expect(s.canPin()).toBe(true);
  });

  it('never pins a candidate as the site of the existing 临汾 radar (issue 16: it moved 18 km)', { timeout: 120_000 }, async () => {
    const { s } = session();
    s.chooseRadar(LINFEN_ID);
    const before = s.state.radar!;
    expect(before.props.status).toBe('in-force');
    s.setOverride('maxRangeKm', '30');
    await s.openDem(ridgeDem(LINFEN, 'linfen.tif'));
    s.setRanking({ count: 2 });
    await s.rank();
    const ranked = s.state.ranked ?? [];
    expect(ranked).toHaveLength(2);
    expect(s.canPin()).toBe(false);
    const r = s.pin(ranked[0]!.id);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.reason).toBe(PIN_NOT_A_CANDIDATE);
    expect(s.state.problem?.reason).toBe(PIN_NOT_A_CANDIDATE);
    expect(s.state.pinned).toBeNull();
    expect(s.state.radar).toBe(before);
    expect((s.state.radar?.geometry as Point).coordinates).toEqual([LINFEN.lon, LINFEN.lat]);
  });

  it('draws a region from map clicks and otherwise picks a radar clicked on the map', () => {
    const { s } = session();
    s.mapClick([110.7, 36.4], [{ layer: 'meteo-site', id: 'meteo-site:lfzf-2023-5-observation/xboduanshuangpianzhenxiangkongzhentianqi-daning' }]);
    expect(s.state.radar?.props.name).toContain('大宁');
    s.setDrawing(true);
    s.mapClick([110.6, 36.4], [{ layer: 'meteo-site', id: ANZE_ID }]);
    s.mapClick([110.75, 36.35], []);
    expect(s.state.radar?.props.name).toContain('大宁');
    s.finishDrawing();
    expect(s.state.drawn).toBeNull();
    s.setDrawing(true);
    for (const p of [[110.6, 36.4], [110.75, 36.35], [110.7, 36.5]] as const) s.mapClick(p, []);
    s.finishDrawing();
    expect(s.state.drawn).toHaveLength(3);
    expect(s.region()?.coordinates[0]).toHaveLength(4);
    s.useDisc();
    expect(s.region()?.coordinates[0]?.length).toBe(97);
  });

  it('settles a call cut short by the worker stopping as a problem, and starts a new worker next time', async () => {
    const worker = inProcessDemWorker();
    let started = 0;
    const s = new RadarSession({ openDemWorker: () => (started++, worker.stopped ? inProcessDemWorker() : worker), loadRules: rulesFromDisk });
    s.setLayers(layers);
    const opening = s.openDem(ridgeDem(ANZE, 'anze.tif'));
    s.dispose();
    await opening;
    expect(s.state.problem?.reason).toBe('cancelled');
    expect(s.state.dem).toBeNull();
    await s.openDem(ridgeDem(ANZE, 'anze.tif'));
    expect(started).toBe(2);
    expect(s.state.dem?.name).toBe('anze.tif');
  });
});

describe('RadarSession after the DEM worker stops', () => {
  it('forgets the DEM that lived in the stopped worker and asks for it again', async () => {
    const { s, worker } = session();
    s.chooseRadar(ANZE_ID);
    s.setOverride('maxRangeKm', '20');
    await s.openDem(ridgeDem(ANZE, 'anze.tif'));
    expect(s.state.dem).not.toBeNull();
    worker.terminate();
    await s.drawProfile();
    expect(s.state.problem?.reason).toBe('cancelled');
    expect(s.state.dem).toBeNull();
    expect(s.state.hillshade).toBeNull();
    await s.drawProfile();
    expect(s.state.problem?.reason).toBe(RADAR_NEED_DEM);
  });
});
