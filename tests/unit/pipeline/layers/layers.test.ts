import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { buildAllData } from '../../../../src/pipeline/build-all-data';
import { BUILT_LAYERS } from '../../../../src/pipeline/layers/index';
import type { LayerFeature } from '../../../../src/pipeline/layers/feature-base';
import { LocalMetricFrame } from '../../../../src/core/geo/gauss-kruger';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';
import { eastNorthToLocal } from '../../../../src/core/geometry/offset-rectangle';
import { sourceRecordsFileSchema } from '../../../../src/core/model/gazette-record';
import type { RelicSiteRecord, Zone } from '../../../../src/core/model/gazette-record';
import { featurePropsSchema } from '../../../../src/core/model/feature-props';

const DATA = join(process.cwd(), 'data');
const built = buildAllData(DATA);
if (!built.ok) throw new Error(built.message);
const layers = built.build.layers;
const relicFile = sourceRecordsFileSchema.parse(JSON.parse(readFileSync(join(DATA, 'records/llzh-2022-93.json'), 'utf8')));
const sites = relicFile.records.filter((r): r is RelicSiteRecord => r.kind === 'relic-site');

/** Signed area of a lon/lat ring (shoelace, degrees²): > 0 counter-clockwise. */
function signedArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a / 2;
}

/** Local-frame extents of a lon/lat ring around a feature's anchor, in its construction scheme. */
function localExtent(f: LayerFeature, ring: Position[]): { p: [number, number]; q: [number, number] } {
  const anchor = f.properties.anchor!;
  const frame = new LocalMetricFrame([anchor.lon, anchor.lat]);
  expect(frame.epsg).toBe(f.properties.construction!.frameEpsg);
  const [e0, n0] = frame.forward([anchor.lon, anchor.lat]);
  const scheme = f.properties.construction!.scheme as 'cardinal' | 'diagonal';
  const pts = ring.map((c) => {
    const [e, n] = frame.forward(c);
    return eastNorthToLocal(scheme, e! - e0!, n! - n0!);
  });
  const ps = pts.map((x) => x[0]);
  const qs = pts.map((x) => x[1]);
  return { p: [Math.min(...ps), Math.max(...ps)], q: [Math.min(...qs), Math.max(...qs)] };
}

const CARDINAL_EDGE = { N: ['q', 1], S: ['q', 0], E: ['p', 1], W: ['p', 0] } as const;
const DIAGONAL_EDGE = { NE: ['p', 1], SW: ['p', 0], NW: ['q', 1], SE: ['q', 0] } as const;

function edgeOf(scheme: string, dir: string): readonly ['p' | 'q', 0 | 1] {
  const table: Record<string, readonly ['p' | 'q', 0 | 1]> = scheme === 'cardinal' ? CARDINAL_EDGE : DIAGONAL_EDGE;
  const e = table[dir];
  if (!e) throw new Error(`direction ${dir} outside the ${scheme} scheme`);
  return e;
}

/** Metres the text gives per direction for a zone (offsets and base-point legs). */
function textOffsets(zone: Zone): Map<string, { metres: number; oppositeWall: boolean }> {
  const out = new Map<string, { metres: number; oppositeWall: boolean }>();
  for (const c of zone.clauses) {
    if (c.type === 'offset') {
      const d = c.inferredDirection ?? c.direction;
      const opposite = { N: '南', S: '北', E: '西', W: '东', NE: '西南', SW: '东北', NW: '东南', SE: '西北' }[d];
      out.set(d, { metres: c.metres, oppositeWall: !!c.reference && c.reference.startsWith(opposite) });
    }
    if (c.type === 'base-point') for (const l of c.legs) if (l.metres !== null) out.set(l.direction, { metres: l.metres, oppositeWall: false });
  }
  return out;
}

function byId(layer: (typeof BUILT_LAYERS)[number], id: string): LayerFeature {
  const f = layers[layer].find((x) => x.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
}

describe('built layers', () => {
  it('give every feature a valid schema, a source, a method and a precision', () => {
    let n = 0;
    for (const l of BUILT_LAYERS) {
      for (const f of layers[l]) {
        n++;
        expect(featurePropsSchema.safeParse(f.properties).success, f.id).toBe(true);
        expect(f.properties.source?.quote.length, f.id).toBeGreaterThan(0);
        expect(f.properties.method.length, f.id).toBeGreaterThan(0);
        expect(f.properties.precisionM, f.id).toBeGreaterThan(0);
        expect(f.properties.anchor, f.id).not.toBeNull();
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('write right-hand rings with at most 7 decimals', () => {
    for (const l of BUILT_LAYERS) {
      for (const f of layers[l]) {
        expect(JSON.stringify(f.geometry), f.id).not.toMatch(/\d\.\d{8,}/);
        if (f.geometry.type !== 'Polygon') continue;
        const [outer, ...holes] = f.geometry.coordinates;
        expect(signedArea(outer!), f.id).toBeGreaterThan(0);
        for (const h of holes) expect(signedArea(h), f.id).toBeLessThan(0);
      }
    }
  });

  it('match the committed files byte for byte (npm run data is reproducible)', () => {
    for (const [path, content] of built.outputs) {
      expect(readFileSync(join(DATA, path), 'utf8'), path).toBe(content);
    }
  });

  it('draw all 35 relic sites with both zones', () => {
    expect(sites).toHaveLength(35);
    for (const s of sites) {
      expect(layers['relic-protection'].some((f) => f.properties.recordId === s.id), s.name).toBe(true);
      expect(layers['relic-control'].some((f) => f.properties.recordId === s.id), s.name).toBe(true);
    }
  });

  it.each(sites.map((s) => [s.name, s] as const))('%s: protection area and offsets agree with the text', (_name, site) => {
    const f = byId('relic-protection', `relic-protection:${site.id}`);
    const c = f.properties.construction!;
    const stated = site.protectionRange!.area!.m2;
    if (c.notes.includes('solved') || c.notes.includes('limits-only') || c.notes.includes('two-area-solved')) {
      expect(Math.abs(f.properties.computedAreaM2! - stated) / stated).toBeLessThan(0.005);
    } else {
      const qa = built.build.qa.filter((q) => q.featureId === f.id && /AREA_(UNREACHABLE|RESIDUAL)/.test(q.code));
      expect(qa.length, `unreachable ${site.name} must be in the QA report`).toBe(1);
      expect(qa[0]!.message).toMatch(/%/);
    }
    const ext = localExtent(f, (f.geometry as Polygon).coordinates[0]!);
    const halfP = (c.footprintPQM ? c.footprintPQM[0] : (c.footprintM ?? 0)) / 2;
    const halfQ = (c.footprintPQM ? c.footprintPQM[1] : (c.footprintM ?? 0)) / 2;
    const alternative = c.notes.includes('alternative-reading');
    for (const [dir, text] of textOffsets(site.protectionRange!)) {
      const { metres } = text;
      const oppositeWall = text.oppositeWall && !alternative;
      const [axis, end] = edgeOf(c.scheme, dir);
      const half = axis === 'p' ? halfP : halfQ;
      const edge = ext[axis][end];
      const measured = oppositeWall ? (end === 1 ? edge + half : -edge + half) : (end === 1 ? edge - half : -edge - half);
      expect(Math.abs(measured - metres), `${site.name} ${dir}`).toBeLessThan(0.05);
    }
  });

  it.each(sites.map((s) => [s.name, s] as const))('%s: control-zone offsets measured back equal the text', (_name, site) => {
    const f = byId('relic-control', `relic-control:${site.id}`);
    const [outer, inner] = (f.geometry as Polygon).coordinates;
    const o = localExtent(f, outer!);
    const i = localExtent(f, inner!);
    const scheme = f.properties.construction!.scheme;
    for (const [dir, { metres }] of textOffsets(site.controlZone!)) {
      const [axis, end] = edgeOf(scheme, dir);
      const measured = end === 1 ? o[axis][1] - i[axis][1] : i[axis][0] - o[axis][0];
      expect(Math.abs(measured - metres), `${site.name} ${dir}`).toBeLessThan(0.05);
    }
    const stated = site.controlZone!.area!.m2;
    const residual = (f.properties.computedAreaM2! - stated) / stated;
    expect(f.properties.areaResidual).toBeCloseTo(residual, 9);
    if (Math.abs(residual) > 0.005) {
      expect(built.build.qa.some((q) => q.featureId === f.id && q.code === 'CONTROL_AREA_RESIDUAL')).toBe(true);
    }
  });

  it('draw the park clusters within 0.5 % of their stated areas, as separate features', () => {
    const parks = layers['chemical-park'].filter((f) => f.geometry.type === 'Polygon');
    expect(parks.map((p) => p.properties.name).sort()).toEqual(
      ['洪洞经济技术开发区化工园区 三维组团', '洪洞经济技术开发区化工园区 山焦组团', '浮山双新产业园区'].sort(),
    );
    for (const p of parks) {
      const r = Math.abs(p.properties.computedAreaM2! - p.properties.statedAreaM2!) / p.properties.statedAreaM2!;
      expect(r, p.properties.name).toBeLessThan(0.005);
    }
    expect(parks.find((p) => p.properties.name.includes('浮山'))!.properties.statedAreaM2).toBe(5_510_000);
  });

  it('keep the land-acquisition area a marker with no drawn boundary', () => {
    const [f] = layers['land-acquisition'];
    expect(f!.geometry.type).toBe('Point');
    expect(f!.properties.method).toBe('boundary-not-published');
    expect(f!.properties.statedAreaM2).toBeCloseTo(921_536, 6);
    expect(f!.properties.computedAreaM2).toBeNull();
  });

  it('place the 8 planned X-band radars at their counties as unchosen candidates', () => {
    const radars = layers['meteo-site'].filter((f) => f.properties.name.includes('X波段'));
    expect(radars).toHaveLength(8);
    for (const r of radars) {
      expect(r.properties.status).toBe('planned');
      expect(r.properties.flags).toContain('SITE_NOT_CHOSEN');
      expect(r.properties.precisionM).toBeGreaterThanOrEqual(20_000);
    }
  });
});

describe('anchor overrides', () => {
  it('move every shape derived from the overridden place', () => {
    const target: [number, number] = [110.9, 37.45];
    const moved = buildAllData(DATA, [{ name: '龙门会村', county: '柳林县', lon: target[0], lat: target[1], precisionM: 20, source: 'test: surveyed' }]);
    if (!moved.ok) throw new Error(moved.message);
    for (const layer of ['relic-protection', 'relic-control'] as const) {
      const f = moved.build.layers[layer].find((x) => x.properties.recordId === 'llzh-2022-93/dajuesi')!;
      expect(f.properties.anchor).toMatchObject({ level: 'user', lon: target[0], lat: target[1] });
      expect(f.properties.precisionM).toBe(20);
      const ring = (f.geometry as Polygon).coordinates[0]!;
      const centre: Position = [ring.slice(0, 4).reduce((s, c) => s + c[0]!, 0) / 4, ring.slice(0, 4).reduce((s, c) => s + c[1]!, 0) / 4];
      expect(geodesicDistance(centre, target)).toBeLessThan(200);
    }
    const other = moved.build.layers['relic-protection'].find((x) => x.properties.recordId === 'llzh-2022-93/mituoan')!;
    expect(other.properties.anchor?.level).toBe('town');
  });
});
