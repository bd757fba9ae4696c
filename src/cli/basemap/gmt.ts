import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Debian command that installs what the basemap build needs from GMT. */
export const GMT_INSTALL_COMMAND = 'apt-get update && apt-get install -y gmt gmt-dcw gmt-gshhg-high';

/** GMT arguments for the Shanxi province outline (DCW 1:1M state polygon CN.SX, multi-segment ASCII). */
export const SHANXI_GMT_ARGS = ['coast', '-ECN.SX', '-M'] as const;

/** Box (west/east/south/north) the rivers are extracted from and clipped to: Shanxi with a small margin. */
export const RIVER_BOX = { west: 110, east: 114.6, south: 34.5, north: 40.8 } as const;

/**
 * WDBII river classes kept: 1 double-lined rivers (the Yellow River here), 2 permanent major rivers (汾河, 沁河,
 * 桑干河…), 3 additional major rivers. Classes 4+ (additional and minor rivers) are left out to keep the file small.
 */
export const RIVER_LEVELS = [1, 2, 3] as const;

/** GMT arguments for the rivers of {@link RIVER_LEVELS} in {@link RIVER_BOX}, full resolution. */
export const RIVERS_GMT_ARGS = [
  'coast',
  `-R${RIVER_BOX.west}/${RIVER_BOX.east}/${RIVER_BOX.south}/${RIVER_BOX.north}`,
  ...RIVER_LEVELS.map((l) => `-I${l}`),
  '-M',
  '-Df',
] as const;

/** One segment of GMT multi-segment ASCII output. */
export interface GmtSegment {
  /** Header text after the '>' (trimmed). */
  header: string;
  /** Points as [lon, lat]. */
  points: [number, number][];
}

/** True when a `gmt` executable answers `gmt --version`. */
export function gmtAvailable(): boolean {
  const r = spawnSync('gmt', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** `gmt --version`, or undefined when GMT is not installed. */
export function gmtVersion(): string | undefined {
  const r = spawnSync('gmt', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Runs one GMT module and returns its standard output. It runs in a scratch folder, so the `gmt.history`
 * GMT leaves behind never lands in the repository. Throws when GMT fails (a missing `gmt` is checked earlier).
 */
export function runGmt(args: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gmt-basemap-'));
  try {
    const r = spawnSync('gmt', [...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`gmt ${args.join(' ')} failed (${String(r.status)}): ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Parses GMT multi-segment ASCII (`-M`): lines starting with '>' open a segment; other lines hold
 * "lon lat" separated by tabs or spaces. Comment lines ('#') are skipped. Malformed lines throw, as they mean
 * GMT was called wrongly.
 */
export function parseGmtMultiSegment(text: string): GmtSegment[] {
  const segments: GmtSegment[] = [];
  let current: GmtSegment | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('>')) {
      current = { header: line.slice(1).trim(), points: [] };
      segments.push(current);
      continue;
    }
    const [a, b] = line.split(/[\s,]+/);
    const lon = Number(a);
    const lat = Number(b);
    if (a === undefined || b === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new Error(`GMT output line ${i + 1} is not "lon lat": ${raw}`);
    }
    if (!current) {
      current = { header: '', points: [] };
      segments.push(current);
    }
    current.points.push([lon, lat]);
  }
  return segments;
}
