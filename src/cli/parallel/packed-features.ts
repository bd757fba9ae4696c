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
 * only when a rule reaches it ({@link PackedSource}).
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
interface PackedStrings {
  bytes: Uint8Array;
  start: Int32Array;
  isNull: Uint8Array;
}

/** Flat rings: feature f has parts `partStart[f]…partStart[f+1]`, part p has `partRings[p]` rings, ring r spans `coords[ringStart[r]…ringStart[r+1]]`. */
interface Rings {
  partStart: Int32Array;
  partRings: Int32Array;
  ringStart: Int32Array;
  coords: Float64Array;
}

/** FNV-1a over the UTF-16 code units of `id` (equal ids, equal hashes). */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Grow<T extends Float64Array | Uint8Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number | SharedArrayBuffer) => T) {
    this.data = make(1024);
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const bigger = this.make(Math.max(this.data.length * 2, this.length + extra));
    bigger.set(this.data);
    this.data = bigger;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  shared(): T {
    const out = this.make(new SharedArrayBuffer(this.length * this.data.BYTES_PER_ELEMENT));
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}

/**
 * A column of integers gathered in one growing Int32Array (every column the same array kind, so the writes stay
 * fast), put on a SharedArrayBuffer of its own type when built (unsigned 32-bit values are kept as their bits).
 */
class Column {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  shared<T extends Int32Array | Uint8Array | Uint16Array | Uint32Array>(make: (b: SharedArrayBuffer) => T, bytes: number): T {
    const out = make(new SharedArrayBuffer(this.length * bytes));
    const values = this.data.subarray(0, this.length);
    out.set(out instanceof Uint32Array ? new Uint32Array(values.buffer, 0, this.length) : values);
    return out;
  }
}

const f64 = (n: number | SharedArrayBuffer): Float64Array => (typeof n === 'number' ? new Float64Array(n) : new Float64Array(n));
const i32 = (n: number | SharedArrayBuffer): Int32Array => (typeof n === 'number' ? new Int32Array(n) : new Int32Array(n));
const u8 = (n: number | SharedArrayBuffer): Uint8Array => (typeof n === 'number' ? new Uint8Array(n) : new Uint8Array(n));
const u16 = (n: number | SharedArrayBuffer): Uint16Array => (typeof n === 'number' ? new Uint16Array(n) : new Uint16Array(n));
const u32 = (n: number | SharedArrayBuffer): Uint32Array => (typeof n === 'number' ? new Uint32Array(n) : new Uint32Array(n));

const encoder = new TextEncoder();

class StringsBuilder {
  private readonly bytes = new Grow(u8);
  private readonly start = new Column();
  private readonly isNull = new Column();
  constructor() {
    this.start.push(0);
  }
  push(s: string | null): void {
    if (s !== null) {
      this.bytes.reserve(s.length * 3);
      const { written } = encoder.encodeInto(s, this.bytes.data.subarray(this.bytes.length));
      this.bytes.length += written;
    }
    this.isNull.push(s === null ? 1 : 0);
    this.start.push(this.bytes.length);
  }
  build(): PackedStrings {
    return { bytes: this.bytes.shared(), start: this.start.shared(i32, 4), isNull: this.isNull.shared(u8, 1) };
  }
}

class Codes<T extends string | null> {
  readonly table: T[] = [];
  private readonly at = new Map<T, number>();
  readonly codes = new Column();
  private last: { value: T; code: number } | null = null;
  push(v: T): void {
    if (this.last !== null && this.last.value === v) {
      this.codes.push(this.last.code);
      return;
    }
    let c = this.at.get(v);
    if (c === undefined) {
      c = this.table.length;
      if (c > 0xffff) throw new RangeError('more than 65 536 distinct layers or categories in one piece');
      this.table.push(v);
      this.at.set(v, c);
    }
    this.last = { value: v, code: c };
    this.codes.push(c);
  }
}

class RingsBuilder {
  readonly partStart = new Column();
  readonly partRings = new Column();
  readonly ringStart = new Column();
  readonly coords = new Grow(f64);
  constructor() {
    this.partStart.push(0);
    this.ringStart.push(0);
  }
  part(rings: number): void {
    this.partRings.push(rings);
  }
  ring(values: Float64Array): void {
    this.coords.reserve(values.length);
    this.coords.data.set(values, this.coords.length);
    this.coords.length += values.length;
    this.ringStart.push(this.coords.length);
  }
  positions(positions: readonly Position[]): void {
    this.coords.reserve(2 * positions.length);
    for (const q of positions) {
      this.coords.data[this.coords.length++] = q[0] as number;
      this.coords.data[this.coords.length++] = q[1] as number;
    }
    this.ringStart.push(this.coords.length);
  }
  endFeature(): void {
    this.partStart.push(this.partRings.length);
  }
  build(): Rings {
    return { partStart: this.partStart.shared(i32, 4), partRings: this.partRings.shared(i32, 4), ringStart: this.ringStart.shared(i32, 4), coords: this.coords.shared() };
  }
}

/** Collects prepared features of one piece and packs them. */
export class PieceBuilder {
  private readonly ids = new StringsBuilder();
  private readonly hashes = new Column();
  private readonly names = new StringsBuilder();
  private readonly layers = new Codes<string>();
  private readonly categories = new Codes<string | null>();
  private readonly precision = new Grow(f64);
  private readonly boxes = new Grow(f64);
  private readonly repaired = new Column();
  private readonly kind = new Column();
  private readonly nums = new Grow(f64);
  private readonly geoType = new Column();
  private readonly shape = new RingsBuilder();
  private readonly geo = new RingsBuilder();
  /** Number of features added. */
  count = 0;

  constructor(private readonly source: string) {}

  /** Adds a prepared feature (its shape in its home frame). */
  add(p: Omit<Prepared, 'index'>): void {
    this.count++;
    this.ids.push(p.ref.id);
    this.hashes.push(idHash(p.ref.id));
    this.names.push(p.ref.name);
    this.layers.push(p.ref.layer);
    this.categories.push(p.ref.category);
    this.precision.push(p.ref.precisionM);
    const box = this.boxes;
    box.reserve(4);
    box.data[box.length++] = p.box[0];
    box.data[box.length++] = p.box[1];
    box.data[box.length++] = p.box[2];
    box.data[box.length++] = p.box[3];
    this.repaired.push(p.repaired ? 1 : 0);
    const shape = p.shapes.get(p.home) as PlanarShape;
    this.kind.push(shape.kind === 'area' ? 0 : 1);
    const nums = this.nums;
    nums.reserve(5);
    nums.data[nums.length++] = shape.minX;
    nums.data[nums.length++] = shape.minY;
    nums.data[nums.length++] = shape.maxX;
    nums.data[nums.length++] = shape.maxY;
    nums.data[nums.length++] = shape.kind === 'area' ? shape.area : 0;
    const s = this.shape;
    if (shape.kind === 'area') {
      let r = 0;
      for (const n of shape.ringCounts) {
        s.part(n);
        for (let k = 0; k < n; k++, r++) s.ring(shape.rings[r] as Float64Array);
      }
    } else {
      s.part(1);
      s.ring(shape.points);
    }
    s.endFeature();
    this.addGeometry(p.geometry);
  }

  private addGeometry(g: Geometry): void {
    const b = this.geo;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      this.geoType.push(g.type === 'Polygon' ? 0 : 1);
      for (const polygon of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
        b.part(polygon.length);
        for (const r of polygon) b.positions(r);
      }
    } else if (g.type === 'Point') {
      this.geoType.push(2);
      b.part(1);
      b.positions([g.coordinates]);
    } else if (g.type === 'MultiPoint') {
      this.geoType.push(3);
      b.part(1);
      b.positions(g.coordinates);
    } else throw new TypeError(`cannot pack a ${g.type}`);
    b.endFeature();
  }

  /** The packed piece, with its R-tree. */
  build(): PackedPiece {
    const boxes = this.boxes.shared();
    let index: SharedArrayBuffer | null = null;
    if (this.count > 0) {
      const tree = new Flatbush(this.count, 16, Float64Array, SharedArrayBuffer);
      for (let f = 0; f < this.count; f++) tree.add(boxes[4 * f] as number, boxes[4 * f + 1] as number, boxes[4 * f + 2] as number, boxes[4 * f + 3] as number);
      tree.finish();
      index = tree.data as SharedArrayBuffer;
    }
    return {
      source: this.source,
      count: this.count,
      ids: this.ids.build(),
      idHash: this.hashes.shared(u32, 4),
      names: this.names.build(),
      layerCode: this.layers.codes.shared(u16, 2),
      layerTable: this.layers.table,
      categoryCode: this.categories.codes.shared(u16, 2),
      categoryTable: this.categories.table,
      precision: this.precision.shared(),
      boxes,
      repaired: this.repaired.shared(u8, 1),
      kind: this.kind.shared(u8, 1),
      nums: this.nums.shared(),
      shape: this.shape.build(),
      geoType: this.geoType.shared(u8, 1),
      geo: this.geo.build(),
      index,
    };
  }
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
