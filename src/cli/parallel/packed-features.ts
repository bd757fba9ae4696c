import type { Geometry, Position } from 'geojson';
import type { Prepared } from '../../core/conflicts/prepare-features';
import type { MetricProjectionProvider } from '../../core/conflicts/metric-projection';
import type { LayerId } from '../../core/model/feature-props';
import type { FeatureRef } from '../../core/conflicts/report';
import type { AreaShape, PlanarShape, PointShape } from '../../core/conflicts/planar-shape';
import type { LonLatBox } from '../../core/conflicts/spatial-index';

/**
 * Prepared features of one piece of input (a layer file or a byte range of one), packed into typed arrays on
 * SharedArrayBuffers so that every check thread can use the features another thread read and projected without
 * copying their coordinates: rings become views on the shared arrays, the lon/lat geometry is rebuilt only when
 * a pair needs a second frame. Strings (ids, names, categories) travel as arrays.
 */
export interface PackedPiece {
  /** Name of the input layer (the features' `source`). */
  source: string;
  count: number;
  ids: string[];
  names: Array<string | null>;
  categories: Array<string | null>;
  layers: string[];
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
}

/** Flat rings: feature f has parts `partStart[f]…partStart[f+1]`, part p has `partRings[p]` rings, ring r spans `coords[ringStart[r]…ringStart[r+1]]`. */
interface Rings {
  partStart: Int32Array;
  partRings: Int32Array;
  ringStart: Int32Array;
  coords: Float64Array;
}

class Grow<T extends Float64Array | Int32Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number | SharedArrayBuffer) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  shared(): T {
    const out = this.make(new SharedArrayBuffer(this.length * this.data.BYTES_PER_ELEMENT));
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}

const f64 = (n: number | SharedArrayBuffer): Float64Array => (typeof n === 'number' ? new Float64Array(n) : new Float64Array(n));
const i32 = (n: number | SharedArrayBuffer): Int32Array => (typeof n === 'number' ? new Int32Array(n) : new Int32Array(n));
const u8 = (n: number | SharedArrayBuffer): Uint8Array => (typeof n === 'number' ? new Uint8Array(n) : new Uint8Array(n));

class RingsBuilder {
  readonly partStart = new Grow(i32);
  readonly partRings = new Grow(i32);
  readonly ringStart = new Grow(i32);
  readonly coords = new Grow(f64);
  constructor() {
    this.partStart.push(0);
    this.ringStart.push(0);
  }
  part(rings: number): void {
    this.partRings.push(rings);
  }
  endRing(): void {
    this.ringStart.push(this.coords.length);
  }
  endFeature(): void {
    this.partStart.push(this.partRings.length);
  }
  build(): Rings {
    return { partStart: this.partStart.shared(), partRings: this.partRings.shared(), ringStart: this.ringStart.shared(), coords: this.coords.shared() };
  }
}

/** Collects prepared features of one piece and packs them. */
export class PieceBuilder {
  private readonly ids: string[] = [];
  private readonly names: Array<string | null> = [];
  private readonly categories: Array<string | null> = [];
  private readonly layers: string[] = [];
  private readonly precision = new Grow(f64);
  private readonly boxes = new Grow(f64);
  private readonly repaired = new Grow(u8);
  private readonly kind = new Grow(u8);
  private readonly nums = new Grow(f64);
  private readonly geoType = new Grow(u8);
  private readonly shape = new RingsBuilder();
  private readonly geo = new RingsBuilder();

  constructor(private readonly source: string) {}

  /** Number of features added. */
  get count(): number {
    return this.ids.length;
  }

  /** Adds a prepared feature (its shape in its home frame). */
  add(p: Omit<Prepared, 'index'>): void {
    this.ids.push(p.ref.id);
    this.names.push(p.ref.name);
    this.categories.push(p.ref.category);
    this.layers.push(p.ref.layer);
    this.precision.push(p.ref.precisionM);
    for (const v of p.box) this.boxes.push(v);
    this.repaired.push(p.repaired ? 1 : 0);
    const shape = p.shapes.get(p.home) as PlanarShape;
    this.kind.push(shape.kind === 'area' ? 0 : 1);
    this.nums.push(shape.minX);
    this.nums.push(shape.minY);
    this.nums.push(shape.maxX);
    this.nums.push(shape.maxY);
    this.nums.push(shape.kind === 'area' ? shape.area : 0);
    const s = this.shape;
    if (shape.kind === 'area') {
      let r = 0;
      for (const n of shape.ringCounts) {
        s.part(n);
        for (let k = 0; k < n; k++, r++) {
          for (const v of shape.rings[r] as Float64Array) s.coords.push(v);
          s.endRing();
        }
      }
    } else {
      s.part(1);
      for (const v of shape.points) s.coords.push(v);
      s.endRing();
    }
    s.endFeature();
    this.addGeometry(p.geometry);
  }

  private addGeometry(g: Geometry): void {
    const b = this.geo;
    const ring = (positions: readonly Position[]): void => {
      for (const q of positions) {
        b.coords.push(q[0] as number);
        b.coords.push(q[1] as number);
      }
      b.endRing();
    };
    const polygon = (rings: readonly Position[][]): void => {
      b.part(rings.length);
      for (const r of rings) ring(r);
    };
    if (g.type === 'Polygon') {
      this.geoType.push(0);
      polygon(g.coordinates);
    } else if (g.type === 'MultiPolygon') {
      this.geoType.push(1);
      for (const p of g.coordinates) polygon(p);
    } else if (g.type === 'Point') {
      this.geoType.push(2);
      b.part(1);
      ring([g.coordinates]);
    } else if (g.type === 'MultiPoint') {
      this.geoType.push(3);
      b.part(1);
      ring(g.coordinates);
    } else throw new TypeError(`cannot pack a ${g.type}`);
    b.endFeature();
  }

  /** The packed piece. */
  build(): PackedPiece {
    return {
      source: this.source,
      count: this.ids.length,
      ids: this.ids,
      names: this.names,
      categories: this.categories,
      layers: this.layers,
      precision: this.precision.shared(),
      boxes: this.boxes.shared(),
      repaired: this.repaired.shared(),
      kind: this.kind.shared(),
      nums: this.nums.shared(),
      shape: this.shape.build(),
      geoType: this.geoType.shared(),
      geo: this.geo.build(),
    };
  }
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

/** The shapes of a packed feature by frame: the home shape is unpacked on first use (most features never meet a pair). */
class LazyShapes extends Map<Prepared['home'], PlanarShape> {
  private pending = true;
  constructor(
    private readonly home: Prepared['home'],
    private readonly piece: PackedPiece,
    private readonly slot: number,
  ) {
    super();
  }

  override get(frame: Prepared['home']): PlanarShape | undefined {
    if (this.pending && frame === this.home) {
      this.pending = false;
      super.set(this.home, unpackShape(this.piece, this.slot));
    }
    return super.get(frame);
  }
}

class PackedFeature implements Prepared {
  shapes: Map<Prepared['home'], PlanarShape>;
  private lonLat: Geometry | null = null;
  constructor(
    public index: number,
    public ref: FeatureRef,
    public box: LonLatBox,
    public home: Prepared['home'],
    public repaired: boolean,
    private readonly piece: PackedPiece,
    private readonly slot: number,
  ) {
    this.shapes = new LazyShapes(home, piece, slot);
  }

  get geometry(): Geometry {
    this.lonLat ??= unpackGeometry(this.piece, this.slot);
    return this.lonLat;
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

/**
 * The features of `pieces` in order as the engine's prepared features (indices from 0), leaving out the slots in
 * `drop` (piece index → slot indices); home frames come from `projectionFor` as {@link prepareFeatures} chose them.
 */
export function unpackPieces(pieces: readonly PackedPiece[], drop: ReadonlyMap<number, ReadonlySet<number>>, projectionFor: MetricProjectionProvider): Prepared[] {
  const out: Prepared[] = [];
  pieces.forEach((piece, pi) => {
    const dropped = drop.get(pi);
    for (let f = 0; f < piece.count; f++) {
      if (dropped?.has(f) === true) continue;
      const b = piece.boxes;
      const box: LonLatBox = [b[4 * f] as number, b[4 * f + 1] as number, b[4 * f + 2] as number, b[4 * f + 3] as number];
      const home = projectionFor((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
      const ref: FeatureRef = {
        id: piece.ids[f] as string,
        layer: piece.layers[f] as LayerId,
        name: piece.names[f] ?? null,
        category: piece.categories[f] ?? null,
        precisionM: piece.precision[f] as number,
        source: piece.source,
      };
      out.push(new PackedFeature(out.length, ref, box, home, piece.repaired[f] === 1, piece, f));
    }
  });
  return out;
}
