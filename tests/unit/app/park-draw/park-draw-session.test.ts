import { readFileSync } from 'node:fs';
import type { Position } from 'geojson';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseLayer } from '../../../../src/app/catalog/catalog-load';
import { UserLayerStore } from '../../../../src/app/catalog/user-layer-store';
import type { StoreResult } from '../../../../src/app/catalog/user-layer-store';
import { ParkDrawSession } from '../../../../src/app/park-draw/park-draw-session';
import type { DrawStore } from '../../../../src/app/park-draw/park-draw-session';
import { buildSupersession } from '../../../../src/core/model/supersession';
import { ringPolygon } from '../../../../src/core/park-draw/four-bounds-draw';

const parks = parseLayer('chemical-park', JSON.parse(readFileSync('data/layers/chemical-park.geojson', 'utf8')));
const park = parks.features.find((f) => f.props.name === '洪洞经济技术开发区化工园区 三维组团');
if (!park) throw new Error('三维组团 not in data/layers/chemical-park.geojson');
const NOW = new Date('2026-12-02T04:00:00Z');

const square = (d: number): Position[] => [
  [111.6, 36.2],
  [111.6 + d, 36.2],
  [111.6 + d, 36.2 + d],
  [111.6, 36.2 + d],
  [111.6, 36.2],
];

const session = (store: DrawStore = new UserLayerStore(new IDBFactory()), existing?: Parameters<typeof buildSupersession>[0]) =>
  new ParkDrawSession(park, store, existing ? buildSupersession(existing, ringPolygon(square(0.01)), 'survey.csv', 'EPSG:4546', NOW) : undefined, () => NOW);

describe('the park drawing session', () => {
  it('lists the stated sides and ticks those an edge faces as the drawing grows', () => {
    const s = session();
    expect(s.state.sides.map((x) => [x.edge, x.drawn])).toEqual(s.state.sides.map((x) => [x.edge, false]));
    expect(s.state.sides).toHaveLength(4);
    // a triangle south-west → south-east → north-east: faces S, E and north-west (counted as W or N, not both)
    const tri = s.update([square(0.02)[0]!, square(0.02)[1]!, square(0.02)[2]!, square(0.02)[0]!], false, false);
    expect(tri.sides.filter((x) => x.drawn).map((x) => x.edge).sort()).toEqual(['E', 'S', 'W']);
    const closed = s.update(square(0.02), true, true);
    expect(closed.sides.every((x) => x.drawn)).toBe(true);
    expect(closed.area.drawnM2).toBeGreaterThan(0);
    expect(closed.area.statedM2).toBe(park.props.statedAreaM2);
  });

  it('undo steps back over closed shapes, not past the first', () => {
    const s = session();
    s.update(square(0.02), true, true);
    expect(s.state.canUndo).toBe(false);
    s.update(square(0.021), true, true);
    s.update(square(0.022), true, false);
    s.update(square(0.023), true, true);
    expect(s.undo()).toEqual(square(0.022));
    expect(s.undo()).toEqual(square(0.02));
    expect(s.undo()).toBeNull();
    expect(s.state.ring).toEqual(square(0.02));
  });

  it('starting again keeps the closed shape for undo', () => {
    const s = session();
    s.update(square(0.02), true, true);
    s.restart();
    expect(s.state).toMatchObject({ ring: [], closed: false, canUndo: true });
    s.update([], false, true);
    expect(s.undo()).toEqual(square(0.02));
  });

  it('saves only a closed shape with a valid precision; the record is stored and read back', async () => {
    const store = new UserLayerStore(new IDBFactory());
    const s = session(store);
    s.update(square(0.02).slice(0, 4), false, false);
    expect(await s.save(10)).toEqual({ ok: false, problem: { code: 'not-closed' } });
    s.update(square(0.02), true, true);
    expect(await s.save(-3)).toEqual({ ok: false, problem: { code: 'precision-invalid' } });
    const r = await s.save(15);
    if (!r.ok) throw new Error(r.problem.code);
    expect(r.content.supersessions).toHaveLength(1);
    expect(r.content.supersessions[0]).toMatchObject({ featureId: park.id, method: 'drawn-along-four-bounds', precisionM: 15, createdAt: NOW.toISOString() });
    expect(r.content.supersessions[0]?.previousGeometry).toEqual(park.geometry);
  });

  it('undoing the save restores the record it replaced, or none', async () => {
    const store = new UserLayerStore(new IDBFactory());
    const plain = session(store);
    plain.update(square(0.02), true, true);
    await plain.save(5);
    const undone = await plain.revertSave();
    expect(undone.ok && undone.content.supersessions).toEqual([]);
    expect(await plain.revertSave()).toEqual({ ok: false, problem: { code: 'nothing-saved' } });

    const surveyed = session(store, park);
    surveyed.update(square(0.02), true, true);
    await surveyed.save(5);
    const back = await surveyed.revertSave();
    expect(back.ok && back.content.supersessions.map((x) => [x.sourceFile, x.method])).toEqual([['survey.csv', undefined]]);
  });

  it('a failed write says why and changes nothing in the session', async () => {
    const failing: DrawStore = {
      readAll: () => Promise.reject(new Error('not reached')),
      putSupersession: (): Promise<StoreResult> => Promise.resolve({ ok: false, reason: 'quota', message: 'full' }),
      deleteSupersession: (): Promise<StoreResult> => Promise.resolve({ ok: false, reason: 'quota', message: 'full' }),
    };
    const s = session(failing);
    s.update(square(0.02), true, true);
    expect(await s.save(5)).toEqual({ ok: false, problem: { code: 'store-failed', detail: 'full' } });
    expect(s.state.saved).toBeNull();
  });
});
