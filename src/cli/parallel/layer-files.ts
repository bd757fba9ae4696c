import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import { toInputLayer } from '../../core/conflicts/input-layer';

/** A layer file on the command line: a path, with a category for an imported layer. */
export interface LayerFileSpec {
  path: string;
  category?: string;
}

const RECORD_SEPARATOR = String.fromCharCode(0x1e);

/** True for newline-delimited GeoJSON (one Feature per line): `.ndjson`, `.geojsonl`, `.geojsonseq`. */
export function isLineDelimited(path: string): boolean {
  return /\.(ndjson|geojsonl|geojsonseq|jsonl)$/i.test(path);
}

/** A line of a newline-delimited file that cannot be parsed: its line number in the part read, and the parser's message. */
export class LineError extends SyntaxError {
  constructor(
    readonly lineNo: number,
    readonly detail: string,
  ) {
    super(`line ${lineNo}: ${detail}`);
  }
}

/**
 * Calls `onValue` with each parsed line of newline-delimited GeoJSON in bytes `start`…`end` of `path` (the whole
 * file by default), read in 1 MiB chunks so that no file-sized string is ever built; RS-prefixed lines
 * (RFC 8142) and blank lines are accepted. Returns the number of lines read (line numbers of errors count from
 * 1 at `start`); a line that is not JSON throws a {@link LineError}.
 */
export function forEachLineValue(path: string, onValue: (value: unknown) => void, start = 0, end = Infinity): number {
  const fd = openSync(path, 'r');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunk = Buffer.alloc(1 << 20);
  let rest = '';
  let lineNo = 0;
  let position = start;
  const take = (line: string): void => {
    lineNo++;
    const text = (line.startsWith(RECORD_SEPARATOR) ? line.slice(1) : line).trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw new LineError(lineNo, (error as Error).message);
    }
    onValue(value);
  };
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
      if (n === 0) break;
      position += n;
      const text = rest + decoder.decode(chunk.subarray(0, n), { stream: true });
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    }
    take(rest + decoder.decode());
  } finally {
    closeSync(fd);
  }
  return lineNo;
}

/** {@link forEachLineValue} collecting the values. */
export function readLineRange(path: string, start = 0, end = Infinity): { features: unknown[]; lines: number } {
  const features: unknown[] = [];
  const lines = forEachLineValue(path, (v) => features.push(v), start, end);
  return { features, lines };
}

const ASCII_SPACE = new Uint8Array(256);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) ASCII_SPACE[c] = 1;

/**
 * Counts the lines of bytes `start`…`end` of `path` and those that {@link forEachLineValue} would parse (not
 * blank after an RS and trimming), without decoding or parsing them: a line is blank only if it is ASCII space,
 * or if its text (decoded only when it holds other bytes before its first non-space ASCII) trims to nothing.
 */
export function countLineValues(path: string, start = 0, end = Infinity): { lines: number; values: number } {
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(4 << 20);
  let lines = 0;
  let values = 0;
  let carry: Buffer | null = null;
  let position = start;
  const line = (buf: Buffer, from: number, to: number): void => {
    lines++;
    let i = from;
    if (i < to && buf[i] === 0x1e) i++;
    while (i < to && ASCII_SPACE[buf[i] as number] === 1) i++;
    if (i === to) return;
    if ((buf[i] as number) < 0x80) {
      values++;
      return;
    }
    if (buf.toString('utf8', i, to).trim() !== '') values++;
  };
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
      if (n === 0) break;
      position += n;
      let from = 0;
      for (let at = chunk.indexOf(10, 0); at >= 0 && at < n; at = chunk.indexOf(10, from)) {
        if (carry !== null) {
          const joined = Buffer.concat([carry, chunk.subarray(0, at)]);
          carry = null;
          line(joined, 0, joined.length);
        } else line(chunk, from, at);
        from = at + 1;
      }
      if (from < n) carry = carry === null ? Buffer.from(chunk.subarray(from, n)) : Buffer.concat([carry, chunk.subarray(from, n)]);
    }
    if (carry !== null) line(carry, 0, carry.length);
    else lines++;
  } finally {
    closeSync(fd);
  }
  return { lines, values };
}

/** Reads a whole newline-delimited GeoJSON file (see {@link readLineRange}) as a FeatureCollection value. */
export function readLineDelimited(path: string): unknown {
  return { type: 'FeatureCollection', features: readLineRange(path).features };
}

/**
 * Byte ranges that split `path` into about `parts` pieces, each ending just after a newline (or at the end of
 * the file), so that every line lies in exactly one range.
 */
export function lineRanges(path: string, parts: number): Array<{ start: number; end: number }> {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const ranges: Array<{ start: number; end: number }> = [];
  const probe = Buffer.alloc(1 << 16);
  try {
    let start = 0;
    for (let k = 1; k <= parts && start < size; k++) {
      let end = k === parts ? size : Math.max(start, Math.floor((size * k) / parts));
      while (end < size) {
        const n = readSync(fd, probe, 0, probe.length, end);
        const at = probe.subarray(0, n).indexOf(10);
        if (at >= 0) {
          end += at + 1;
          break;
        }
        end += n;
      }
      ranges.push({ start, end: Math.min(end, size) });
      start = Math.min(end, size);
    }
  } finally {
    closeSync(fd);
  }
  return ranges;
}

/** Reads GeoJSON layer files as the check command does; the first unreadable file stops with its message. */
export function loadLayerFiles(
  specs: readonly LayerFileSpec[],
  readText: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): { ok: true; layers: InputLayer[] } | { ok: false; message: string } {
  const layers: InputLayer[] = [];
  for (const spec of specs) {
    let value: unknown;
    try {
      value = isLineDelimited(spec.path) ? readLineDelimited(spec.path) : (JSON.parse(readText(spec.path)) as unknown);
    } catch (error) {
      const what = error instanceof SyntaxError ? `${spec.path} is not JSON` : `cannot read ${spec.path}`;
      return { ok: false, message: `${what}: ${(error as Error).message}` };
    }
    const layer = toInputLayer(basename(spec.path), value, spec.category === undefined ? {} : { category: spec.category });
    if (!layer.ok) return { ok: false, message: layer.message };
    layers.push(layer.layer);
  }
  return { ok: true, layers };
}
