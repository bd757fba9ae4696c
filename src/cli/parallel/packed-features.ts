import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import type { Prepared, ShapeCache } from '../../core/conflicts/prepare-features';
import type { FeatureSource, SideIndex } from '../../core/conflicts/feature-source';
import { selectorMatches } from '../../core/conflicts/feature-source';
import type { MetricProjectionProvider } from '../../core/conflicts/metric-projection';
import type { LayerId } from '../../core/model/feature-props';
import type { FeatureRef } from '../../core/conflicts/report';
import type { FeatureSelector } from '../../core/conflicts/rule-schema';
import type { AreaShape, PlanarShape, PointShape } from '../../core/conflicts/planar-shape';
import type { LonLatBox } from '../../core/conflicts/spatial-index';

/**
 * Prepared features of one piece of input (a layer file or a byte range of one), packed into typed arrays on
 * SharedArrayBuffers so that every check thread uses the features another thread read and projected without
 * copying them: ids and names as UTF-8 bytes, layers and categories as codes into small tables, rings as
 * views on the shared coordinates, and a packed R-tree (flatbush) over the boxes. A feature object is built
 * only when a rule reaches it ({@link PackedSource}). The pieces are written by piece-builder.ts.
 */
export interface PackedPiece {
  /** Name of the input layer (the features' `source`). */
  source: string;
  count: number;
  ids: PackedStrings;
  /** 32-bit hash of each id ({@link idHash}), for finding ids used twice without decoding them. */
  idHash: Uint32Array;
  names: PackedStrings;
  layerCode: Uint16Array;
  layerTable: string[];
  categoryCode: Uint16Array;
  categoryTable: Array<string | null>;
  precision: Float64Array;
  /** lon/lat boxes, 4 per feature. */
  boxes: Float64Array;
  repaired: Uint8Array;
  /** 0 area, 1 points. */
  kind: Uint8Array;
  /** minX, minY, maxX, maxY, area per feature (area 0 for points). */
  nums: Float64Array;
  shape: Rings;
  /** GeoJSON type per feature: 0 Polygon, 1 MultiPolygon, 2 Point, 3 MultiPoint. */
  geoType: Uint8Array;
  geo: Rings;
  /** Flatbush data over `boxes` (null for an empty piece). */
  index: SharedArrayBuffer | null;
}

/** Strings as UTF-8: string f is `bytes[start[f]…start[f+1]]`; `isNull[f]` marks a null. */
export interface PackedStrings {
  bytes: Uint8Array;
  start: Int32Array;
  isNull: Uint8Array;
}

/** Flat rings: feature f has parts `partStart[f]…partStart[f+1]`, part p has `partRings[p]` rings, ring r spans `coords[ringStart[r]…ringStart[r+1]]`. */
export interface Rings {
  partStart: Int32Array;
  partRings: Int32Array;
  ringStart: Int32Array;
  coords: Float64Array;
}

/** Node Buffers over packed strings' bytes, made once per array (decoding then allocates only the string). */
const byteViews = new WeakMap<Uint8Array, Buffer>();

/** String `f` of packed strings (null where it was null). */
export function stringAt(s: PackedStrings, f: number): string | null {
  if (s.isNull[f] === 1) return null;
  let view = byteViews.get(s.bytes);
  if (view === undefined) {
    view = Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
    byteViews.set(s.bytes, view);
  }
  return view.toString('utf8', s.start[f] as number, s.start[f + 1] as number);
}

function partsOf(r: Rings, f: number): { parts: number[]; firstRing: number } {
  const p0 = r.partStart[f] as number;
  const p1 = r.partStart[f + 1] as number;
  const parts: number[] = [];
  for (let p = p0; p < p1; p++) parts.push(r.partRings[p] as number);
  return { parts, firstRing: ringIndexOfPart(r, p0) };
}

/** Index of the first ring of part `p` (prefix sums, built once per Rings). */
const ringOfPart = new WeakMap<Int32Array, Int32Array>();
function ringIndexOfPart(r: Rings, p: number): number {
  let table = ringOfPart.get(r.partRings);
  if (table === undefined) {
    table = new Int32Array(r.partRings.length + 1);
    for (let i = 0; i < r.partRings.length; i++) table[i + 1] = (table[i] as number) + (r.partRings[i] as number);
    ringOfPart.set(r.partRings, table);
  }
  return table[p] as number;
}

function ringView(r: Rings, ring: number): Float64Array {
  return r.coords.subarray(r.ringStart[ring] as number, r.ringStart[ring + 1] as number);
}

function positions(r: Rings, ring: number): Position[] {
  const c = ringView(r, ring);
  const out: Position[] = [];
  for (let i = 0; i < c.length; i += 2) out.push([c[i] as number, c[i + 1] as number]);
  return out;
}

/** A packed feature as the engine sees it: its home shape is unpacked on first use, shapes in other frames are kept. */
class PackedFeature implements Prepared, ShapeCache {
  readonly shapes: ShapeCache = this;
  private lonLat: Geometry | null = null;
  private homeShape: PlanarShape | null = null;
  private others: Array<[Prepared['home'], PlanarShape]> | null = null;
  constructor(
    public index: number,
    public ref: FeatureRef,
    public box: LonLatBox,
    public home: Prepared['home'],
    public repaired: boolean,
    private readonly piece: PackedPiece,
    private readonly slot: number,
  ) {}

  get geometry(): Geometry {
    this.lonLat ??= unpackGeometry(this.piece, this.slot);
    return this.lonLat;
  }

  get(frame: Prepared['home']): PlanarShape | undefined {
    if (frame === this.home) {
      this.homeShape ??= unpackShape(this.piece, this.slot);
      return this.homeShape;
    }
    return this.others?.find((o) => o[0] === frame)?.[1];
  }

  set(frame: Prepared['home'], shape: PlanarShape): void {
    if (frame === this.home) this.homeShape = shape;
    else (this.others ??= []).push([frame, shape]);
  }
}

function unpackGeometry(piece: PackedPiece, f: number): Geometry {
  const { parts, firstRing } = partsOf(piece.geo, f);
  const type = piece.geoType[f];
  if (type === 2) return { type: 'Point', coordinates: positions(piece.geo, firstRing)[0] as Position };
  if (type === 3) return { type: 'MultiPoint', coordinates: positions(piece.geo, firstRing) };
  let ring = firstRing;
  const polygons = parts.map((n) => Array.from({ length: n }, () => positions(piece.geo, ring++)));
  return type === 0 ? { type: 'Polygon', coordinates: polygons[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polygons };
}

function unpackShape(piece: PackedPiece, f: number): PlanarShape {
  const { parts, firstRing } = partsOf(piece.shape, f);
  const n = piece.nums;
  const o = 5 * f;
  if (piece.kind[f] === 1) {
    const shape: PointShape = { kind: 'point', points: ringView(piece.shape, firstRing), minX: n[o] as number, minY: n[o + 1] as number, maxX: n[o + 2] as number, maxY: n[o + 3] as number };
    return shape;
  }
  const rings: Float64Array[] = [];
  let total = 0;
  for (const count of parts) total += count;
  for (let r = 0; r < total; r++) rings.push(ringView(piece.shape, firstRing + r));
  const shape: AreaShape = { kind: 'area', rings, ringCounts: parts, minX: n[o] as number, minY: n[o + 1] as number, maxX: n[o + 2] as number, maxY: n[o + 3] as number, area: n[o + 4] as number };
  return shape;
}

/** Features a {@link PackedSource} keeps built (with their shapes in other frames) before it starts again. */
const CACHED_FEATURES = 8192;

/** A piece as the source sees it: where its kept features start in the global numbering, and its dropped slots. */
interface Placed {
  piece: PackedPiece;
  /** Global index of the piece's first kept feature. */
  base: number;
  /** Kept features. */
  kept: number;
  /** With dropped slots: global offset of each slot (−1 dropped) and slot of each kept feature; null without. */
  globalOf: Int32Array | null;
  slotOf: Int32Array | null;
  tree: Flatbush | null;
}

/**
 * The features of `pieces` in order, as a {@link FeatureSource} for the engine (indices from 0), leaving out the
 * slots in `drop` (piece index → slot indices). Features are built when asked for and the last few thousand kept; home frames
 * come from `projectionFor` as {@link prepareFeatures} chose them.
 */
export class PackedSource implements FeatureSource {
  readonly count: number;
  private readonly placed: Placed[] = [];
  private readonly cache = new Map<number, PackedFeature>();

  constructor(
    pieces: readonly PackedPiece[],
    drop: ReadonlyMap<number, ReadonlySet<number>>,
    private readonly projectionFor: MetricProjectionProvider,
  ) {
    let base = 0;
    pieces.forEach((piece, p) => {
      const dropped = drop.get(p);
      let globalOf: Int32Array | null = null;
      let slotOf: Int32Array | null = null;
      let kept = piece.count;
      if (dropped !== undefined && dropped.size > 0) {
        globalOf = new Int32Array(piece.count);
        slotOf = new Int32Array(piece.count - dropped.size);
        kept = 0;
        for (let f = 0; f < piece.count; f++) {
          if (dropped.has(f)) globalOf[f] = -1;
          else {
            globalOf[f] = kept;
            slotOf[kept++] = f;
          }
        }
      }
      this.placed.push({ piece, base, kept, globalOf, slotOf, tree: piece.index === null ? null : Flatbush.from(piece.index as unknown as ArrayBuffer) });
      base += kept;
    });
    this.count = base;
  }

  private placedOf(index: number): Placed {
    let lo = 0;
    let hi = this.placed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.placed[mid] as Placed).base <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.placed[lo] as Placed;
  }

  get(index: number): Prepared {
    let feature = this.cache.get(index);
    if (feature === undefined) {
      const at = this.placedOf(index);
      const local = index - at.base;
      const slot = at.slotOf === null ? local : (at.slotOf[local] as number);
      const { piece } = at;
      const b = piece.boxes;
      const box: LonLatBox = [b[4 * slot] as number, b[4 * slot + 1] as number, b[4 * slot + 2] as number, b[4 * slot + 3] as number];
      const home = this.projectionFor((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
      const ref: FeatureRef = {
        id: stringAt(piece.ids, slot) as string,
        layer: piece.layerTable[piece.layerCode[slot] as number] as LayerId,
        name: stringAt(piece.names, slot),
        category: piece.categoryTable[piece.categoryCode[slot] as number] ?? null,
        precisionM: piece.precision[slot] as number,
        source: piece.source,
      };
      feature = new PackedFeature(index, ref, box, home, piece.repaired[slot] === 1, piece, slot);
      // Neighbouring side-A features meet the same features; the rest are let go so the heap stays small.
      if (this.cache.size >= CACHED_FEATURES) this.cache.clear();
      this.cache.set(index, feature);
    }
    return feature;
  }

  /** Per piece, whether each (layer code, category code) pair can match `selector` (names decide later). */
  private codeMatcher(at: Placed, selector: FeatureSelector): (slot: number) => boolean {
    const { piece } = at;
    const width = piece.categoryTable.length;
    const table = new Uint8Array(piece.layerTable.length * width);
    piece.layerTable.forEach((layer, l) => {
      piece.categoryTable.forEach((category, c) => {
        table[l * width + c] = selectorMatches({ ...selector, nameIncludes: undefined } as FeatureSelector, { layer: layer as LayerId, category, name: null }) ? 1 : 0;
      });
    });
    const byCodes = (slot: number): boolean => table[(piece.layerCode[slot] as number) * width + (piece.categoryCode[slot] as number)] === 1;
    if (selector.nameIncludes === undefined) return byCodes;
    const words = selector.nameIncludes;
    return (slot) => {
      if (!byCodes(slot)) return false;
      const name = stringAt(piece.names, slot) ?? '';
      return words.some((w) => name.includes(w));
    };
  }

  select(selector: FeatureSelector): number[] {
    const out: number[] = [];
    for (const at of this.placed) {
      const match = this.codeMatcher(at, selector);
      for (let slot = 0; slot < at.piece.count; slot++) {
        if (!match(slot)) continue;
        const local = at.globalOf === null ? slot : (at.globalOf[slot] as number);
        if (local >= 0) out.push(at.base + local);
      }
    }
    return out;
  }

  side(selector: FeatureSelector): SideIndex {
    let size = 0;
    let maxPrecision = 0;
    const matchers = this.placed.map((at) => {
      const match = this.codeMatcher(at, selector);
      let any = false;
      for (let slot = 0; slot < at.piece.count; slot++) {
        if (!match(slot) || (at.globalOf !== null && (at.globalOf[slot] as number) < 0)) continue;
        any = true;
        size++;
        maxPrecision = Math.max(maxPrecision, at.piece.precision[slot] as number);
      }
      return any ? match : null;
    });
    return {
      size,
      maxPrecision,
      search: (box) => {
        const out: number[] = [];
        this.placed.forEach((at, p) => {
          const match = matchers[p];
          if (match === null || match === undefined || at.tree === null) return;
          for (const slot of at.tree.search(box[0], box[1], box[2], box[3])) {
            if (!match(slot)) continue;
            const local = at.globalOf === null ? slot : (at.globalOf[slot] as number);
            if (local >= 0) out.push(at.base + local);
          }
        });
        return out.sort((x, y) => x - y);
      },
    };
  }
}
