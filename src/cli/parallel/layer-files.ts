import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
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

/**
 * Reads newline-delimited GeoJSON features from `path` in 4 MiB chunks, so that no file-sized string is ever
 * built; RS-prefixed lines (RFC 8142) and blank lines are accepted. Returns a FeatureCollection value.
 */
export function readLineDelimited(path: string): unknown {
  const fd = openSync(path, 'r');
  const features: unknown[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunk = Buffer.alloc(4 << 20);
  let rest = '';
  let lineNo = 0;
  const take = (line: string): void => {
    lineNo++;
    const text = (line.startsWith(RECORD_SEPARATOR) ? line.slice(1) : line).trim();
    if (text === '') return;
    try {
      features.push(JSON.parse(text) as unknown);
    } catch (error) {
      throw new SyntaxError(`line ${lineNo}: ${(error as Error).message}`, { cause: error });
    }
  };
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = rest + decoder.decode(chunk.subarray(0, n), { stream: true });
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    }
    take(rest + decoder.decode());
  } finally {
    closeSync(fd);
  }
  return { type: 'FeatureCollection', features };
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
