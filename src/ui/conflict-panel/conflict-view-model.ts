import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { flatPositions } from '../../core/geo/positions';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import type { ConflictReport, Finding } from '../../core/conflicts/report';
import type { Rule, RuleOverride, RuleSet } from '../../core/conflicts/rule-schema';
import type { LoadedLayer } from '../../core/model/catalog-feature';

/**
 * Pure helpers of the conflict panel: engine input from the catalog, parameter validation, the
 * overrides sent to the worker, the map overlay of a report, bounding boxes and file names.
 * No DOM, no Lit, no MapLibre (unit-tested in tests/unit/ui/conflict-panel/).
 */

/** Map layer (through MapApi.setLayerData) that shows the findings of the last report. */
export const CONFLICT_OVERLAY_LAYER = 'conflict-overlaps';

/** Catalog layers that are not engine input (the QA markers are not planning features). */
const NOT_INPUT: ReadonlySet<string> = new Set(['qa']);

/**
 * The catalog's layers as engine input. Features are rebuilt as they stand in the data files
 * (feature-level `id`, properties without the viewer-only `qa` join), so the report's layer hashes
 * equal those `npm run check` prints for the same files. Layers are named `<layer id>.geojson`.
 */
export function toInputLayers(layers: readonly LoadedLayer[]): InputLayer[] {
  return layers
    .filter((l) => !NOT_INPUT.has(l.id))
    .map((l) => ({
      name: `${l.id}.geojson`,
      features: l.features.map((f): Feature<Geometry, Record<string, unknown>> => {
        const props: Record<string, unknown> = { ...f.props };
        delete props['qa'];
        return { type: 'Feature', id: f.id, geometry: f.geometry, properties: props };
      }),
    }));
}

/** Why a parameter text was refused. */
export type ParamError = 'empty' | 'not-a-number' | 'negative' | 'too-large';

/** Result of {@link parseParamInput}. */
export type ParamResult = { ok: true; value: number } | { ok: false; error: ParamError };

/** Largest distance a user may enter, in metres (the province is ~700 km long). */
export const MAX_DISTANCE_M = 1_000_000;
/** Largest area tolerance a user may enter, in m² (100 公顷). */
export const MAX_AREA_TOLERANCE_M2 = 1_000_000;

/** Parses a user's parameter text: a finite number ≥ 0 and ≤ `max` (spaces, thousands commas and a full-width point allowed). */
export function parseParamInput(text: string, max: number): ParamResult {
  const s = text.trim().replace(/[,，\s]/g, '').replace(/．/g, '.');
  if (s === '') return { ok: false, error: 'empty' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return { ok: false, error: 'not-a-number' };
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, error: 'too-large' };
  if (value < 0) return { ok: false, error: 'negative' };
  if (value > max) return { ok: false, error: 'too-large' };
  return { ok: true, value };
}

/** What the user changed on one rule: the switch and the raw texts of the parameter fields. */
export interface RuleEdit {
  enabled?: boolean;
  distanceText?: string;
  toleranceText?: string;
}

/** Default parameter values of a rule as texts for the input fields. */
export function defaultTexts(rule: Rule): { distance: string; tolerance: string } {
  return { distance: String(rule.params.distanceM?.value ?? 0), tolerance: String(rule.params.areaToleranceM2?.value ?? 0) };
}

/** Whether a rule has a distance parameter the user may set (only within-distance rules use one). */
export function hasDistance(rule: Rule): boolean {
  return rule.relation === 'within-distance';
}

/** Result of {@link buildOverrides}: the overrides, or the rules whose fields are invalid. */
export type OverridesResult = { ok: true; overrides: RuleOverride[] } | { ok: false; invalid: string[] };

/**
 * Turns the user's edits into engine overrides, in rule order. A value equal to the rule's default
 * is not an override (so the report marks only real changes); an invalid field fails the whole set.
 */
export function buildOverrides(set: RuleSet, edits: Readonly<Record<string, RuleEdit>>): OverridesResult {
  const overrides: RuleOverride[] = [];
  const invalid: string[] = [];
  for (const rule of set.rules) {
    const e = edits[rule.id];
    if (e === undefined) continue;
    const o: RuleOverride = { ruleId: rule.id };
    if (e.enabled !== undefined && e.enabled !== rule.enabled) o.enabled = e.enabled;
    if (e.distanceText !== undefined && hasDistance(rule)) {
      const p = parseParamInput(e.distanceText, MAX_DISTANCE_M);
      if (!p.ok) invalid.push(rule.id);
      else if (p.value !== (rule.params.distanceM?.value ?? 0)) o.distanceM = p.value;
    }
    if (e.toleranceText !== undefined) {
      const p = parseParamInput(e.toleranceText, MAX_AREA_TOLERANCE_M2);
      if (!p.ok) invalid.push(rule.id);
      else if (p.value !== (rule.params.areaToleranceM2?.value ?? 0)) o.areaToleranceM2 = p.value;
    }
    if (Object.keys(o).length > 1) overrides.push(o);
  }
  return invalid.length > 0 ? { ok: false, invalid: [...new Set(invalid)] } : { ok: true, overrides };
}

/** Stable key of a finding (the id reportToGeoJson gives its overlap feature). */
export function findingKey(f: Finding): string {
  return `${f.ruleId}:${f.a.id}:${f.b?.id ?? '-'}`;
}

type XY = [number, number];


/** Segments (pairs of lon/lat vertices) of a geometry's lines and rings; points are zero-length segments. */
function segments(g: Geometry): Array<[Position, Position]> {
  const ofLine = (line: Position[]): Array<[Position, Position]> => {
    const out: Array<[Position, Position]> = [];
    for (let i = 1; i < line.length; i++) out.push([line[i - 1] as Position, line[i] as Position]);
    if (line.length === 1) out.push([line[0] as Position, line[0] as Position]);
    return out;
  };
  switch (g.type) {
    case 'Point':
      return [[g.coordinates, g.coordinates]];
    case 'MultiPoint':
      return g.coordinates.map((p): [Position, Position] => [p, p]);
    case 'LineString':
      return ofLine(g.coordinates);
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flatMap(ofLine);
    case 'MultiPolygon':
      return g.coordinates.flat().flatMap(ofLine);
    case 'GeometryCollection':
      return g.geometries.flatMap(segments);
  }
}

/** Polygons of a geometry as lists of rings. */
function polygons(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygons);
  return [];
}

function inRing(p: XY, ring: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as XY;
    const b = ring[j] as XY;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function closestOnSegment(p: XY, a: XY, b: XY): XY {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [a[0] + t * dx, a[1] + t * dy];
}

function segmentIntersection(a: XY, b: XY, c: XY, d: XY): XY | null {
  const r: XY = [b[0] - a[0], b[1] - a[1]];
  const s: XY = [d[0] - c[0], d[1] - c[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (den === 0) return null;
  const t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den;
  const u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [a[0] + t * r[0], a[1] + t * r[1]] : null;
}

const d2 = (p: XY, q: XY): number => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;

/**
 * The closest pair of points of two geometries, for drawing a distance finding's link on the map.
 * Works in a local equirectangular frame (good to a fraction of a percent over tens of km; the
 * report's distances come from the engine, not from here). When the geometries touch, overlap or
 * one contains the other, both points are the same point of contact.
 */
export function nearestPoints(a: Geometry, b: Geometry): [Position, Position] | null {
  const pa = flatPositions(a);
  const first = pa[0] ?? flatPositions(b)[0];
  if (first === undefined || flatPositions(b).length === 0) return null;
  const k = Math.cos(((first[1] ?? 0) * Math.PI) / 180);
  const fwd = (p: Position): XY => [(p[0] ?? 0) * k, p[1] ?? 0];
  const back = (p: XY): Position => [p[0] / k, p[1]];
  const polysA = polygons(a).map((rings) => rings.map((r) => r.map(fwd)));
  const polysB = polygons(b).map((rings) => rings.map((r) => r.map(fwd)));
  const inside = (p: XY, polys: XY[][][]): boolean => polys.some((rings) => rings[0] !== undefined && inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h)));
  for (const p of pa) {
    const q = fwd(p);
    if (inside(q, polysB)) return [back(q), back(q)];
  }
  for (const p of flatPositions(b)) {
    const q = fwd(p);
    if (inside(q, polysA)) return [back(q), back(q)];
  }
  const sa = segments(a).map(([p, q]): [XY, XY] => [fwd(p), fwd(q)]);
  const sb = segments(b).map(([p, q]): [XY, XY] => [fwd(p), fwd(q)]);
  const best: { pair: [XY, XY] | null; d: number } = { pair: null, d: Infinity };
  const consider = (p: XY, q: XY): void => {
    const d = d2(p, q);
    if (d >= best.d) return;
    best.pair = [p, q];
    best.d = d;
  };
  for (const [a0, a1] of sa) {
    for (const [b0, b1] of sb) {
      const x = segmentIntersection(a0, a1, b0, b1);
      if (x !== null) return [back(x), back(x)];
      consider(a0, closestOnSegment(a0, b0, b1));
      consider(a1, closestOnSegment(a1, b0, b1));
      consider(closestOnSegment(b0, a0, a1), b0);
      consider(closestOnSegment(b1, a0, a1), b1);
    }
  }
  if (best.pair === null) return null;
  const [p, q] = best.pair;
  return [back(p), back(q)];
}

/** Kinds of overlay features: an overlap polygon, a link between a distance pair, a contact marker. */
export type OverlayKind = 'overlap' | 'link' | 'marker';

/**
 * The map overlay of a report: each finding's overlap polygon (for outside-of, the part outside)
 * and, for findings without one, a line joining the closest points of the two features (a marker
 * where they touch). Every feature carries the finding key as `id`, its severity, verdict, `kind`
 * and whether it is the `focus`ed finding. `geometryOf` looks a feature's geometry up by id.
 */
export function overlayCollection(report: ConflictReport, geometryOf: (id: string) => Geometry | undefined, focus: string | null): FeatureCollection {
  const out: Feature[] = [];
  for (const f of report.findings) {
    const id = findingKey(f);
    const props = (kind: OverlayKind): Record<string, unknown> => ({ id, kind, severity: f.severity, verdict: f.verdict, ruleId: f.ruleId, focus: id === focus });
    if (f.overlap !== null) {
      out.push({ type: 'Feature', properties: props('overlap'), geometry: f.overlap });
      continue;
    }
    const ga = geometryOf(f.a.id);
    const gb = f.b === null ? undefined : geometryOf(f.b.id);
    if (ga === undefined || gb === undefined) continue;
    const pair = nearestPoints(ga, gb);
    if (pair === null) continue;
    const [p, q] = pair;
    if (p[0] === q[0] && p[1] === q[1]) out.push({ type: 'Feature', properties: props('marker'), geometry: { type: 'Point', coordinates: p } });
    else out.push({ type: 'Feature', properties: props('link'), geometry: { type: 'LineString', coordinates: [p, q] } });
  }
  return { type: 'FeatureCollection', features: out };
}

/** Bounding box [w, s, e, n] of some geometries, or null when they have no vertex. */
export function bboxOfGeometries(geometries: readonly Geometry[]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const g of geometries) {
    for (const p of flatPositions(g)) {
      const x = p[0] ?? NaN;
      const y = p[1] ?? NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  return w <= e && s <= n ? [w, s, e, n] : null;
}

/** The box to zoom to for a finding: its overlap polygon, else both features. */
export function findingBbox(f: Finding, geometryOf: (id: string) => Geometry | undefined): [number, number, number, number] | null {
  if (f.overlap !== null) return bboxOfGeometries([f.overlap]);
  const gs = [geometryOf(f.a.id), f.b === null ? undefined : geometryOf(f.b.id)].filter((g): g is Geometry => g !== undefined);
  return bboxOfGeometries(gs);
}

/** Download file name for a report export, e.g. `conflict-report-2026-11-23T10-15-00Z.csv`. */
export function exportFileName(generatedAt: string, extension: 'csv' | 'geojson'): string {
  const stamp = generatedAt.replace(/\.\d+(?=Z$)/, '').replace(/[^0-9A-Za-z-]/g, '-').replace(/-+/g, '-');
  return `conflict-report-${stamp}.${extension}`;
}
