import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import type { Prepared } from '../../core/conflicts/prepare-features';
import type { PlanarShape } from '../../core/conflicts/planar-shape';
import type { PackedPiece, PackedStrings, Rings } from './packed-features';

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
