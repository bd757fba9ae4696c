/**
 * Deterministic layer hashes for reproducible reports: SHA-256 of a canonical JSON text (object keys
 * sorted, no whitespace, numbers as JavaScript prints them, `undefined` members dropped). Pure
 * TypeScript so the same hash comes out in browser, worker and Node.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** An incremental SHA-256: feed bytes or UTF-8 text in pieces, then read the digest once. */
export class Sha256 {
  private readonly h = new Uint32Array(IV);
  private readonly w = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private used = 0;
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** Adds bytes. */
  update(bytes: Uint8Array): this {
    let i = 0;
    this.length += bytes.length;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, bytes.length);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 64) return this;
      this.compress(this.view, 0);
      this.used = 0;
    }
    const whole = bytes.length - ((bytes.length - i) % 64);
    if (whole > i) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (; i < whole; i += 64) this.compress(view, i);
    }
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.used = bytes.length - i;
    }
    return this;
  }

  /** Adds the UTF-8 bytes of `text` (pieces must not split a surrogate pair). */
  updateText(text: string): this {
    return this.update(this.encoder.encode(text));
  }

  /** The digest as lowercase hex (the hasher is spent afterwards). */
  hex(): string {
    const bitLength = this.length * 8;
    const tail = new Uint8Array((this.used < 56 ? 64 : 128) - this.used);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
    view.setUint32(tail.length - 4, bitLength >>> 0);
    this.update(tail);
    return Array.from(this.h, (v) => v.toString(16).padStart(8, '0')).join('');
  }

  private compress(view: DataView, off: number): void {
    const { h, w } = this;
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let a = h[0] as number, b = h[1] as number, c = h[2] as number, d = h[3] as number;
    let e = h[4] as number, f = h[5] as number, g = h[6] as number, hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = ((h[0] as number) + a) >>> 0;
    h[1] = ((h[1] as number) + b) >>> 0;
    h[2] = ((h[2] as number) + c) >>> 0;
    h[3] = ((h[3] as number) + d) >>> 0;
    h[4] = ((h[4] as number) + e) >>> 0;
    h[5] = ((h[5] as number) + f) >>> 0;
    h[6] = ((h[6] as number) + g) >>> 0;
    h[7] = ((h[7] as number) + hh) >>> 0;
  }
}

/** SHA-256 of a byte array, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).hex();
}

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export function sha256HexOfText(text: string): string {
  return new Sha256().updateText(text).hex();
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit order, no whitespace, `undefined` members dropped
 * (`null` in arrays, as holes), numbers as `JSON.stringify` prints them (`-0` as `0`), strings escaped as
 * `JSON.stringify` escapes them, non-finite numbers rejected (RangeError, JSON cannot hold them) and so are
 * functions, symbols, bigints and a top-level `undefined` (TypeError). Any other object is written as its own
 * enumerable string-keyed members without calling `toJSON` (a `Date` or a `Map` is `{}`, a typed array an object
 * keyed `"0"`, `"1"`, `"10"`, …). Written in one pass into a list of pieces, without sorted copies.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeValue(value, out);
  return out.join('');
}

/**
 * Appends the {@link canonicalJson} of `value` to `out` as pieces whose concatenation is that text, for writers that
 * join many values at once (cheaper than joining each value's pieces first).
 */
export function appendCanonicalJson(value: unknown, out: string[]): void {
  writeValue(value, out);
}

function notFinite(value: number): never {
  throw new RangeError(`canonical JSON cannot hold ${value}`);
}

function writeValue(value: unknown, out: string[]): void {
  switch (typeof value) {
    case 'number':
      out.push(value - value === 0 ? `${value}` : notFinite(value));
      return;
    case 'string':
      out.push(quote(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (value === null) out.push('null');
      else if (Array.isArray(value)) writeArray(value, out);
      else writeObject(value as Record<string, unknown>, out);
      return;
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function writeArray(a: readonly unknown[], out: string[]): void {
  // Coordinate arrays: nested arrays of finite numbers print the same, and fastest, through JSON.stringify.
  if (numericTree(a, 3)) {
    out.push(JSON.stringify(a));
    return;
  }
  out.push('[');
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out.push(',');
    const v: unknown = a[i];
    if (v === undefined) out.push('null');
    else writeValue(v, out);
  }
  out.push(']');
}

function writeObject(o: Record<string, unknown>, out: string[]): void {
  const keys = Object.keys(o);
  sortKeys(keys);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = o[k];
    if (v === undefined) continue;
    out.push(memberName(k, first));
    first = false;
    if (typeof v === 'string') out.push(quote(v));
    else writeValue(v, out);
  }
  out.push(first ? '{}' : '}');
}

/** Sorts keys by UTF-16 code units in place (insertion sort for the few keys of a typical object). */
function sortKeys(keys: string[]): void {
  const n = keys.length;
  if (n > 12) {
    keys.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return;
  }
  for (let i = 1; i < n; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    if (!(k < (keys[j] as string))) continue;
    do {
      keys[j + 1] = keys[j] as string;
      j--;
    } while (j >= 0 && k < (keys[j] as string));
    keys[j + 1] = k;
  }
}

const FIRST_MEMBERS = new Map<string, string>();
const NEXT_MEMBERS = new Map<string, string>();

/** `{"key":` (the first member) or `,"key":`, from a bounded cache (the keys of a layer's features repeat). */
function memberName(key: string, first: boolean): string {
  const cache = first ? FIRST_MEMBERS : NEXT_MEMBERS;
  let text = cache.get(key);
  if (text === undefined) {
    text = `${first ? '{' : ','}${quote(key)}:`;
    if (cache.size < 4096) cache.set(key, text);
  }
  return text;
}

/** `JSON.stringify(text)`, without its call where nothing needs escaping. */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c < 0xe000)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** True when `value` is an array (nested up to `depth` more levels) whose leaves are all finite numbers. */
function numericTree(value: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v === 'number') {
      if (v - v !== 0) return false;
    } else if (depth === 0 || !Array.isArray(v) || !numericTree(v, depth - 1)) return false;
  }
  return true;
}

/** Something that hashes UTF-8 text given in pieces ({@link Sha256}, or Node's crypto in the CLI). */
export interface TextHasher {
  updateText(text: string): unknown;
  hex(): string;
}

/**
 * `sha256:<hex>` of a layer's (or any JSON value's) canonical JSON. An array (a layer's features) is hashed in
 * pieces, so its canonical text is never built as one string.
 */
export function layerHash(layer: unknown, hasher: TextHasher = new Sha256()): string {
  if (!Array.isArray(layer)) {
    hasher.updateText(canonicalJson(layer));
    return `sha256:${hasher.hex()}`;
  }
  const parts: string[] = ['['];
  for (let i = 0; i < layer.length; i++) {
    if (i > 0) parts.push(',');
    const v: unknown = layer[i];
    if (v === undefined) parts.push('null');
    else appendCanonicalJson(v, parts);
    if (parts.length > 20_000) {
      hasher.updateText(parts.join(''));
      parts.length = 0;
    }
  }
  parts.push(']');
  hasher.updateText(parts.join(''));
  return `sha256:${hasher.hex()}`;
}
