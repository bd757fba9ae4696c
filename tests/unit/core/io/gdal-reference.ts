import { execFileSync } from 'node:child_process';
import type { Feature, Geometry, Position } from 'geojson';
import { geodesicDistance } from '../../../../src/core/geo/geodesic';
import { flatPositions } from '../../../../src/core/geo/positions';

/**
 * GDAL as the reference reader: `ogr2ogr -f GeoJSON` per layer (the GeoJSON driver holds one
 * layer), reprojected to EPSG:4490 when GDAL reports a projected CRS, and `ogrinfo` /
 * `gdalsrsinfo` for exports. Every function returns null when GDAL is not installed.
 */

/** Whether ogr2ogr is on the PATH. */
export function hasGdal(): boolean {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** What GDAL read: features (geometry may be null) or the error text. */
export type GdalRead = { readonly ok: true; readonly features: Feature<Geometry | null>[] } | { readonly ok: false; readonly error: string };

function run(cmd: string, args: string[]): { ok: boolean; out: string; err: string } {
  try {
    const out = execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, timeout: 60_000 }).toString('utf8');
    return { ok: true, out, err: '' };
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, out: e.stdout?.toString('utf8') ?? '', err: e.stderr?.toString('utf8') ?? String(error) };
  }
}

/** Layer names of a data source, from `ogrinfo -ro -q`. */
export function gdalLayers(path: string, restoreShx = false): string[] | string {
  const r = run('ogrinfo', [...(restoreShx ? ['--config', 'SHAPE_RESTORE_SHX', 'YES'] : []), '-ro', '-q', path]);
  if (!r.ok || (r.out.trim() === '' && r.err.trim() !== '')) return r.err.trim().split('\n')[0] ?? 'ogrinfo failed';
  return r.out
    .split('\n')
    .map((l) => /^\d+: (.*?)(?: \([^()]*\))?$/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/**
 * All features of all layers as GDAL reads them, in lon/lat. `restoreShx`: let GDAL rebuild a
 * missing .shx (it writes one next to the .shp, so only for files in a scratch directory).
 */
export function gdalRead(path: string, restoreShx = false): GdalRead {
  const cfg = restoreShx ? ['--config', 'SHAPE_RESTORE_SHX', 'YES'] : [];
  const layers = gdalLayers(path, restoreShx);
  if (typeof layers === 'string') return { ok: false, error: layers };
  const features: Feature<Geometry | null>[] = [];
  for (const layer of layers) {
    let r = run('ogr2ogr', [...cfg, '-f', 'GeoJSON', '/vsistdout/', path, layer]);
    if (!r.ok) return { ok: false, error: r.err.trim().split('\n')[0] ?? 'ogr2ogr failed' };
    let fc = JSON.parse(r.out) as { features: Feature<Geometry | null>[]; crs?: { properties?: { name?: string } } };
    const crs = fc.crs?.properties?.name ?? '';
    if (crs !== '' && !/CRS84|EPSG::4326|EPSG::4490|EPSG::4979/.test(crs)) {
      r = run('ogr2ogr', [...cfg, '-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '/vsistdout/', path, layer]);
      if (!r.ok) return { ok: false, error: r.err.trim().split('\n')[0] ?? 'ogr2ogr failed' };
      fc = JSON.parse(r.out) as typeof fc;
    }
    features.push(...fc.features);
  }
  return { ok: true, features };
}

/** EPSG code GDAL identifies for a .prj (`gdalsrsinfo -e`), or null. */
export function gdalEpsgOfPrj(path: string): number | null {
  const r = run('gdalsrsinfo', ['-e', path]);
  const m = /EPSG:(\d+)/.exec(r.out);
  return m === null ? null : Number(m[1]);
}

/** Feature count and geometry types `ogrinfo -al -so` reports, or the error. */
export function ogrinfoSummary(path: string): { ok: true; count: number; text: string } | { ok: false; error: string } {
  const r = run('ogrinfo', ['-ro', '-al', '-so', path]);
  if (!r.ok) return { ok: false, error: r.err.trim() };
  const count = [...r.out.matchAll(/Feature Count: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  return { ok: true, count, text: r.out };
}

function flat(g: Geometry | null): Position[] {
  return g === null ? [] : flatPositions(g);
}

/**
 * Largest distance in metres between the vertices of two geometries compared as sorted lists (ring
 * direction and start do not matter; counts must agree), or Infinity when the counts differ.
 */
export function vertexDeviationM(a: Geometry | null, b: Geometry | null): number {
  const key = (p: Position): [number, number] => [Number((p[0] ?? NaN).toFixed(9)), Number((p[1] ?? NaN).toFixed(9))];
  const sort = (ps: Position[]): Position[] => [...ps].sort((p, q) => key(p)[0] - key(q)[0] || key(p)[1] - key(q)[1]);
  const pa = sort(flat(a));
  const pb = sort(flat(b));
  if (pa.length !== pb.length) return Infinity;
  let worst = 0;
  pa.forEach((p, i) => {
    const q = pb[i] ?? [NaN, NaN];
    const d = geodesicDistance([p[0] ?? NaN, Math.max(-90, Math.min(90, p[1] ?? NaN))], [q[0] ?? NaN, Math.max(-90, Math.min(90, q[1] ?? NaN))]);
    worst = Math.max(worst, Number.isFinite(d) ? d : Infinity);
  });
  return worst;
}
