import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { InputLayer } from '../../core/conflicts/check-conflicts';
import { toInputLayer } from '../../core/conflicts/input-layer';

/** A layer file on the command line: a path, with a category for an imported layer. */
export interface LayerFileSpec {
  path: string;
  category?: string;
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
      value = JSON.parse(readText(spec.path)) as unknown;
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
