/**
 * The canonical JSON writer of `src/core/conflicts/layer-hash.ts` as it was before the one-pass writer (sorted copies
 * printed by `JSON.stringify`, a careful writer for the rest): the oracle the new writer is tested and benchmarked
 * against, kept unchanged.
 */

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit order, no whitespace, `undefined`
 * members dropped, non-finite numbers rejected (JSON cannot hold them).
 */
export function oracleCanonicalJson(value: unknown): string {
  if (value !== undefined) {
    const copy = sortedCopy(value);
    if (copy !== NOT_PLAIN) return JSON.stringify(copy);
  }
  const parts: string[] = [];
  writeCanonical(value, parts);
  return parts.join('');
}

const NOT_PLAIN = Symbol('not plain');
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

/**
 * A copy of `value` whose objects have their keys inserted in sorted order, so that `JSON.stringify` prints it
 * canonically; NOT_PLAIN when a key looks like an array index (engines list those first, in numeric order) or a
 * value is not JSON (the careful writer then decides). Numeric arrays are shared, not copied.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON cannot hold ${value}`);
    return value;
  }
  if (typeof value !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (numericTree(value, 3)) return value;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === undefined) {
        out[i] = null;
        continue;
      }
      const c = sortedCopy(v);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out[i] = c;
    }
    return out;
  }
  const keys = Object.keys(value).sort();
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of keys) {
    if (INDEX_LIKE.test(k)) return NOT_PLAIN;
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const c = sortedCopy(v);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    out[k] = c;
  }
  return out;
}

function writeCanonical(value: unknown, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonical JSON cannot hold ${value}`);
      out.push(JSON.stringify(value));
      return;
    case 'string':
    case 'boolean':
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        // Fast path for coordinate arrays: nested arrays of finite numbers print the same via JSON.stringify.
        if (numericTree(value, 3)) {
          out.push(JSON.stringify(value));
          return;
        }
        out.push('[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(',');
          const v: unknown = value[i];
          if (v === undefined) out.push('null');
          else writeCanonical(v, out);
        }
        out.push(']');
        return;
      }
      const keys = Object.keys(value).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      out.push('{');
      let first = true;
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(JSON.stringify(k), ':');
        writeCanonical(v, out);
      }
      out.push('}');
      return;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** True when `value` is an array (nested up to `depth` more levels) whose leaves are all finite numbers. */
function numericTree(value: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
    } else if (depth === 0 || !Array.isArray(v) || !numericTree(v, depth - 1)) return false;
  }
  return true;
}

