import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import { CGCS2000_EPSG, converterBetween, findCrs } from '../geo/crs-registry';
import { geodesicArea, planarArea } from '../geo/geodesic';
import type { ZoneWidth } from '../geo/gauss-kruger';
import type { ParsedArea } from './coordinate-table';
import { SHANXI_BBOX, detectCrsInRanges, emptyRanges, shiftedDatumHint, widenRanges, type StatedCrsResult } from './detect-crs';
import { legacyPreview } from './legacy-preview';
import type { LegacyDatum, SevenParams } from '../geo/datum';
import {
  FIX_IDS,
  IMPORT_REASONS,
  importFailure,
  type FixId,
  type ImportFailure,
  type ImportFormat,
  type ImportIssue,
  type ImportPreview,
  type ImportResult,
  type ImportStats,
  type PreviewFeature,
  type SourceProperties,
  type StatedArea,
  type VertexSource,
  type ComputedArea,
} from './import-types';
import { fixGeometry, validateGeometry } from './validate-geometry';
import { allFinite, forEachPositionList, mapPositions, polygonsOf, positionsOf, statsOf, withLonLat } from './preview-geometry';

export { mapPositions, positionsOf, statsOf };

/**
 * The common second half of every importer: from features in source coordinates to an
 * {@link ImportPreview} (CRS chosen, converted to lon/lat, validated, areas compared), plus
 * {@link applyFixes} and {@link acceptPreview}.
 */

/** A feature as read from a file, still in source coordinates (presumed [east, north] order). */
export interface RawFeature {
  readonly geometry: Geometry;
  readonly properties: SourceProperties;
  /** Per part, ring and vertex: where it was read (tables). */
  readonly vertexSources?: VertexSource[][][] | null;
  readonly statedArea?: ParsedArea;
}

/** What a format reader hands to {@link buildPreview}. */
export interface RawImport {
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly features: readonly RawFeature[];
  /** The CRS the file states, if any. */
  readonly stated: StatedCrsResult;
  readonly encoding?: string;
  /** Findings of the reader itself (skipped records, ignored lines …). */
  readonly warnings: readonly ImportIssue[];
  /** Text searched for GCJ-02 / BD-09 hints besides the file name (titles, descriptions). */
  readonly hintText?: string;
  /** Whether the axis order may be swapped by magnitude (default true). */
  readonly allowSwap?: boolean;
  /** Seven parameters the file gives (land-block `转换参数=`), used for a stated Xi'an 80 / Beijing 54. */
  readonly sevenParams?: SevenParams | null;
  /** Position precision in metres the file states (land-block `精度=`). */
  readonly statedPrecisionM?: number | null;
  /**
   * The geometries' arrays belong to this import alone (e.g. fresh from `JSON.parse`, no array
   * used twice), so the preview may keep them when the coordinates need no conversion.
   */
  readonly ownsPositions?: boolean;
}

/** Choices the user (or the caller) makes before the preview is built. */
export interface PreviewOptions {
  /** Force the source CRS (EPSG code of the registry, 4326 or 3857). */
  readonly forceEpsg?: number;
  /** Zone of unprefixed Gauss-Krüger eastings. */
  readonly zone?: number;
  readonly zoneWidth?: ZoneWidth;
  /** The user says the lon/lat are GCJ-02 or BD-09 (adds the matching fix as a warning). */
  readonly sourceDatum?: 'gcj02' | 'bd09';
  /** Seven Bursa-Wolf parameters for a file in Xi'an 80 / Beijing 54 (they override the file's). */
  readonly sevenParams?: SevenParams;
  /**
   * The user says the numbers are Xi'an 80 / Beijing 54 Gauss-Krüger (with `zone`/`zoneWidth` or
   * prefixed eastings) although the file does not say so; needs `sevenParams`.
   */
  readonly legacyDatum?: LegacyDatum;
  /**
   * Apply the safe geometry fixes ({@link SAFE_FIXES}) at once; `undoFixes` restores the file as
   * read. Off by default in the core so that a preview shows the file as it is; the import view
   * passes `autoFix: true` (issue 17: safe fixes applied by default, with an undo).
   */
  readonly autoFix?: boolean;
}

/** Builds the preview from source features: CRS, conversion, validation, areas, statistics. */
export function buildPreview(raw: RawImport, options: PreviewOptions = {}): ImportResult {
  const file = raw.fileName;
  if (raw.features.length === 0) {
    return importFailure(IMPORT_REASONS.noFeatures, { zh: `文件 ${file} 中没有带几何图形的要素`, en: `file ${file} holds no feature with a geometry` });
  }
  if (options.legacyDatum !== undefined && options.forceEpsg === undefined) {
    const w = options.zoneWidth;
    const statement = { datum: options.legacyDatum, kind: 'gk' as const, ...(options.zone !== undefined ? { zone: options.zone } : {}), ...(w !== undefined ? { width: w } : {}) };
    return withAutoFix(legacyPreview(raw, statement, options.sevenParams ?? raw.sevenParams ?? null, 'user', options, buildPreview), options);
  }
  if (raw.stated !== null && !raw.stated.ok && options.forceEpsg === undefined) {
    if (raw.stated.legacy !== undefined) {
      const params = options.sevenParams ?? raw.sevenParams ?? raw.stated.legacy.params ?? null;
      if (params !== null) return withAutoFix(legacyPreview(raw, raw.stated.legacy, params, options.sevenParams !== undefined ? 'user' : 'file', options, buildPreview), options);
    }
    return importFailure(IMPORT_REASONS.unsupportedCrs, {
      zh: `文件 ${file}：${raw.stated.unsupported.zh}`,
      en: `file ${file}: ${raw.stated.unsupported.en}`,
    });
  }
  return withAutoFix(buildPreviewInner(raw, options), options);
}

/** The safe fixes applied by default (datum conversions never are). */
export const SAFE_FIXES: readonly FixId[] = ['close-rings', 'remove-duplicate-vertices', 'fix-orientation', 'drop-empty-parts'];

function withAutoFix(r: ImportResult, options: PreviewOptions): ImportResult {
  if (!r.ok || options.autoFix !== true) return r;
  const offered = new Set(availableFixes(r));
  const ids = SAFE_FIXES.filter((id) => offered.has(id));
  if (ids.length === 0) return r;
  const fixed = applyFixes(r, ids);
  return { ...fixed, asRead: r.asRead ?? r };
}

/**
 * Undoes applied fixes: rebuilds the preview from the file as read with only the fixes in `keep`
 * (default none). A preview without applied fixes is returned unchanged.
 */
export function undoFixes(preview: ImportPreview, keep: readonly FixId[] = []): ImportPreview {
  const base = preview.asRead;
  if (base === undefined) return preview;
  const ids = preview.appliedFixes.filter((id) => keep.includes(id));
  return ids.length === 0 ? base : { ...applyFixes(base, ids), asRead: base };
}

function buildPreviewInner(raw: RawImport, options: PreviewOptions): ImportResult {
  const file = raw.fileName;
  const ranges = emptyRanges();
  const widen = (positions: readonly Position[]): void => {
    for (const p of positions) {
      const a = p[0];
      const b = p[1];
      if (a !== undefined && b !== undefined) widenRanges(ranges, a, b);
    }
  };
  for (const f of raw.features) forEachPositionList(f.geometry, widen);
  const detection = detectCrsInRanges(ranges, {
    stated: raw.stated?.ok === true ? raw.stated.crs : null,
    file,
    allowSwap: raw.allowSwap ?? true,
    ...(options.forceEpsg !== undefined ? { forceEpsg: options.forceEpsg } : {}),
    ...(options.zone !== undefined ? { zone: options.zone } : {}),
    ...(options.zoneWidth !== undefined ? { zoneWidth: options.zoneWidth } : {}),
  });
  if (!detection.ok) return { ...detection, ranges: { ...ranges } };
  const toLonLat = detection.toLonLat;
  const notFinite = nonFiniteIssues(raw.features, file);
  const keep = detection.keepsLonLat && raw.ownsPositions === true;
  const features: PreviewFeature[] = raw.features.map((f) => ({
    type: 'Feature',
    properties: { ...f.properties },
    geometry: keep && hasLonLatPairs(f.geometry) ? f.geometry : mapPositions(f.geometry, (p) => {
      const a = p[0] ?? NaN;
      const b = p[1] ?? NaN;
      if (!Number.isFinite(a) || !Number.isFinite(b)) return withLonLat(p, NaN, NaN);
      const [lon, lat] = toLonLat(a, b);
      return withLonLat(p, lon, lat);
    }),
  }));
  const warnings: ImportIssue[] = [...detection.warnings, ...raw.warnings, ...notFinite];
  const stats0 = statsOf(features);
  const bbox = stats0.bbox;
  if (bbox !== null) {
    const [w, s, e, n] = [bbox[0], bbox[1], bbox[2], bbox[3]];
    const inside = w >= SHANXI_BBOX[0] && s >= SHANXI_BBOX[1] && e <= SHANXI_BBOX[2] && n <= SHANXI_BBOX[3];
    const overlaps = e >= SHANXI_BBOX[0] && w <= SHANXI_BBOX[2] && n >= SHANXI_BBOX[1] && s <= SHANXI_BBOX[3];
    if (!inside) {
      const range = `${w.toFixed(4)}–${e.toFixed(4)}°E, ${s.toFixed(4)}–${n.toFixed(4)}°N`;
      warnings.push({
        code: 'outside-shanxi',
        severity: 'warning',
        location: { file, position: [(w + e) / 2, (s + n) / 2] },
        message: overlaps
          ? { zh: `数据范围（${range}）部分超出山西省`, en: `the extent (${range}) reaches beyond Shanxi` }
          : {
              zh: `数据范围（${range}）完全在山西省以外，请检查坐标系与带号`,
              en: `the extent (${range}) lies entirely outside Shanxi; check the CRS and zone`,
            },
      });
    }
  }
  const datum = options.sourceDatum ?? shiftedDatumHint(`${file}\n${raw.hintText ?? ''}`);
  if (datum !== null && detection.crs.epsg === CGCS2000_EPSG) {
    warnings.push({
      code: datum === 'gcj02' ? 'possible-gcj02' : 'possible-bd09',
      severity: 'warning',
      location: { file },
      message:
        datum === 'gcj02'
          ? {
              zh: '文件名或说明提示坐标来自高德/腾讯地图（GCJ-02 加密坐标，偏移数百米）；确认后可转换为 WGS84',
              en: 'the file name or text suggests AMap/Tencent coordinates (GCJ-02, offset by a few hundred metres); confirm to convert to WGS84',
            }
          : {
              zh: '文件名或说明提示坐标来自百度地图（BD-09，偏移数百米）；确认后可转换为 WGS84',
              en: 'the file name or text suggests Baidu coordinates (BD-09, offset by a few hundred metres); confirm to convert to WGS84',
            },
      fix: datum === 'gcj02' ? 'convert-gcj02' : 'convert-bd09',
    });
  }
  const statedAreas: StatedArea[] = [];
  raw.features.forEach((f, i) => {
    if (f.statedArea === undefined) return;
    statedAreas.push({
      feature: i,
      text: f.statedArea.text,
      line: f.statedArea.line,
      statedM2: f.statedArea.m2,
      toleranceM2: f.statedArea.toleranceM2,
      planarM2: null,
      geodesicM2: 0,
      matches: false,
    });
  });
  return finishPreview({
    ok: true,
    format: raw.format,
    fileName: file,
    crs: detection.crs,
    warnings,
    problems: [],
    features,
    statedAreas,
    stats: stats0,
    vertexSources: raw.features.map((f) => f.vertexSources ?? null),
    appliedFixes: [],
    computedAreas: [],
    sourceRanges: { ...ranges },
    ...(raw.statedPrecisionM !== undefined && raw.statedPrecisionM !== null ? { statedPrecisionM: raw.statedPrecisionM } : {}),
  }, raw.encoding, stats0);
}

/** One error per feature holding a non-finite coordinate (NaN, ±Infinity, an overflowing number). */
function nonFiniteIssues(features: readonly RawFeature[], file: string): ImportIssue[] {
  const out: ImportIssue[] = [];
  features.forEach((f, i) => {
    let bad = 0;
    let first: Position | undefined;
    forEachPositionList(f.geometry, (positions) => {
      for (const p of positions) {
        if (p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])) continue;
        bad++;
        first ??= p;
      }
    });
    if (bad === 0 || out.length >= 100) return;
    const shown = `[${(first ?? []).slice(0, 2).map((v) => String(v).slice(0, 24)).join(', ')}]`;
    out.push({
      code: 'coordinate-not-finite',
      severity: 'error',
      location: { file, feature: i },
      message: {
        zh: `要素 ${i + 1} 有 ${bad} 个坐标不是有限数值（如 ${shown}），无法投影；请修正源文件`,
        en: `feature ${i + 1} has ${bad} coordinate(s) that are not finite numbers (e.g. ${shown}) and cannot be projected; fix the source file`,
      },
    });
  });
  return out;
}

/** Whether every position has at least two ordinates (then converting by identity copies it unchanged). */
function hasLonLatPairs(g: Geometry): boolean {
  let ok = true;
  forEachPositionList(g, (positions) => {
    for (const p of positions) if (p.length < 2) ok = false;
  });
  return ok;
}

/**
 * Recomputes problems, stated-area comparisons and statistics of a preview (`knownStats`: the
 * statistics of `p.features` when the caller has them already).
 */
function finishPreview(p: ImportPreview, encoding?: string, knownStats?: ImportStats): ImportPreview {
  const problems: ImportIssue[] = [];
  for (let i = 0; i < p.features.length; i++) {
    const f = p.features[i];
    if (f === undefined) continue;
    for (const issue of validateGeometry(f.geometry, i, { file: p.fileName, vertexSources: p.vertexSources?.[i] ?? null })) problems.push(issue);
  }
  const statedAreas = p.statedAreas.map((s) => compareArea(s, p.features[s.feature]?.geometry ?? null, p.crs.epsg));
  const warnings = p.warnings.filter((w) => w.code !== 'area-mismatch');
  for (const s of statedAreas) {
    if (s.matches) continue;
    const computed = s.planarM2 ?? s.geodesicM2;
    warnings.push({
      code: 'area-mismatch',
      severity: 'warning',
      location: { file: p.fileName, feature: s.feature, ...(s.line !== undefined ? { line: s.line } : {}) },
      message: {
        zh: `要素 ${s.feature + 1} 标注面积 ${s.text}（${s.statedM2.toFixed(2)} m²）与计算面积 ${computed.toFixed(2)} m² 相差 ${(computed - s.statedM2).toFixed(2)} m²，超出标注精度 ±${s.toleranceM2.toPrecision(2)} m²`,
        en: `feature ${s.feature + 1}: stated area ${s.text} (${s.statedM2.toFixed(2)} m²) differs from the computed ${computed.toFixed(2)} m² by ${(computed - s.statedM2).toFixed(2)} m², beyond the stated precision ±${s.toleranceM2.toPrecision(2)} m²`,
      },
    });
  }
  const stats = knownStats ?? statsOf(p.features);
  const computedAreas: ComputedArea[] = [];
  p.features.forEach((f, i) => {
    const polygons = polygonsOf(f.geometry);
    if (polygons.length === 0) return;
    if (!allFinite(polygons)) {
      computedAreas.push({ feature: i, geodesicM2: null, planarM2: null });
      return;
    }
    computedAreas.push({ feature: i, geodesicM2: geodesicArea({ type: 'MultiPolygon', coordinates: polygons }), planarM2: planarAreaIn(polygons, p.crs.epsg) });
  });
  return {
    ...p,
    warnings,
    problems,
    statedAreas,
    computedAreas,
    stats: { ...stats, ...(encoding ?? p.stats.encoding ? { encoding: encoding ?? p.stats.encoding } : {}) },
  };
}

/** Planar area of lon/lat polygons in a Gauss-Krüger plane (null when `epsg` is not projected). */
export function planarAreaIn(polygons: Position[][][], epsg: number): number | null {
  const info = findCrs(epsg);
  if (info === undefined || info.kind === 'geographic') return null;
  const conv = converterBetween(CGCS2000_EPSG, epsg);
  let total = 0;
  for (const polygon of polygons) {
    total += planarArea(polygon.map((r) => r.map((q) => conv.forward([q[0] ?? NaN, q[1] ?? NaN]))));
  }
  return total;
}

function compareArea(s: StatedArea, g: Geometry | null, epsg: number): StatedArea {
  const polygons = polygonsOf(g);
  if (polygons.length === 0 || !allFinite(polygons)) return { ...s, planarM2: null, geodesicM2: 0, matches: false };
  const geodesicM2 = geodesicArea({ type: 'MultiPolygon', coordinates: polygons });
  const planarM2 = planarAreaIn(polygons, epsg);
  const computed = planarM2 ?? geodesicM2;
  // 1e-9 relative slack absorbs floating-point noise of the projection round trip.
  const matches = Math.abs(computed - s.statedM2) <= s.toleranceM2 + 1e-9 * Math.max(1, s.statedM2);
  return { ...s, planarM2, geodesicM2, matches };
}

function convertDatum(p: Position, from: 'gcj02' | 'bd09'): Position {
  const lon = p[0];
  const lat = p[1];
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return p;
  const [x, y] = gcoord.transform<[number, number]>([lon, lat], from === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84);
  return withLonLat(p, x, y);
}

type Sources = readonly (readonly (readonly VertexSource[])[])[];

function ringsForSources(g: Geometry): Position[][][] | null {
  switch (g.type) {
    case 'Polygon':
      return [g.coordinates];
    case 'MultiPolygon':
      return g.coordinates;
    case 'LineString':
      return [[g.coordinates]];
    case 'MultiLineString':
      return g.coordinates.map((l) => [l]);
    default:
      return null;
  }
}

/** Tags each 2-D position with the index of its source entry as a third ordinate. */
function tagSources(g: Geometry, sources: Sources): { tagged: Geometry; flat: VertexSource[] } | null {
  const nested = ringsForSources(g);
  if (nested === null) return null;
  const flat: VertexSource[] = [];
  const index = new Map<Position, number>();
  nested.forEach((part, pi) =>
    part.forEach((ring, ri) =>
      ring.forEach((pos, vi) => {
        const src = sources[pi]?.[ri]?.[vi];
        if (src === undefined) return;
        index.set(pos, flat.length);
        flat.push(src);
      }),
    ),
  );
  for (const p of positionsOf(g)) if (p.length !== 2) return null;
  const tagged = mapPositions(g, (p) => [p[0] ?? NaN, p[1] ?? NaN, index.get(p) ?? -1]);
  return { tagged, flat };
}

function untagSources(g: Geometry, flat: readonly VertexSource[]): { geometry: Geometry; sources: VertexSource[][][] } {
  const nested = ringsForSources(g) ?? [];
  const sources = nested.map((part) =>
    part.map((ring) => ring.map((p) => flat[p[2] ?? -1] ?? { line: 0 })),
  );
  return { geometry: mapPositions(g, (p) => [p[0] ?? NaN, p[1] ?? NaN]), sources };
}

/**
 * Applies fixes to a preview and re-validates it. Geometry fixes act on every finding of their
 * kind; `convert-gcj02` / `convert-bd09` move every position with gcoord. A fix id outside
 * {@link FIX_IDS} is misuse and throws. Features left without geometry by `drop-empty-parts` are
 * removed (their stated areas with them).
 */
export function applyFixes(preview: ImportPreview, fixIds: readonly FixId[]): ImportPreview {
  for (const id of fixIds) {
    if (!(FIX_IDS as readonly string[]).includes(id)) throw new RangeError(`unknown fix id: ${id}`);
  }
  const set = new Set(fixIds);
  const datum = set.has('convert-bd09') ? 'bd09' : set.has('convert-gcj02') ? 'gcj02' : null;
  if (set.has('convert-bd09') && set.has('convert-gcj02')) {
    throw new RangeError('convert-gcj02 and convert-bd09 exclude each other');
  }
  const keptIndex: number[] = [];
  const features: PreviewFeature[] = [];
  const vertexSources: (VertexSource[][][] | null)[] = [];
  preview.features.forEach((f, i) => {
    let g: Geometry | null = f.geometry;
    if (datum !== null) g = mapPositions(g, (p) => convertDatum(p, datum));
    const src = preview.vertexSources?.[i] ?? null;
    const tagged = src === null ? null : tagSources(g, src);
    let fixed = fixGeometry(tagged?.tagged ?? g, set);
    let newSources: VertexSource[][][] | null = null;
    if (fixed !== null && tagged !== null) {
      const u = untagSources(fixed, tagged.flat);
      fixed = u.geometry;
      newSources = u.sources;
    }
    if (fixed === null) return;
    keptIndex.push(i);
    features.push({ ...f, geometry: fixed });
    vertexSources.push(newSources);
  });
  const remap = new Map(keptIndex.map((old, now) => [old, now]));
  const statedAreas = preview.statedAreas.flatMap((s) => {
    const now = remap.get(s.feature);
    return now === undefined ? [] : [{ ...s, feature: now }];
  });
  const warnings = preview.warnings.filter((w) => w.fix === undefined || !set.has(w.fix));
  return finishPreview({
    ...preview,
    features,
    vertexSources,
    statedAreas,
    warnings,
    appliedFixes: [...preview.appliedFixes, ...fixIds.filter((id) => !preview.appliedFixes.includes(id))],
  });
}

/** The fix ids offered by a preview's warnings and problems (each once). */
export function availableFixes(preview: ImportPreview): FixId[] {
  const out = new Set<FixId>();
  for (const i of [...preview.warnings, ...preview.problems]) if (i.fix !== undefined) out.add(i.fix);
  return [...out];
}

export { acceptPreview, ACCEPT_REASONS, type AcceptOptions, type AcceptResult, type ImportedFeatureProps } from './accept-preview';

/** Re-exported for callers that build an {@link ImportFailure} themselves. */
export type { ImportFailure };
