import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A bundle of a thread's entry module: its path, and whether it was built by this call or found up to date. */
export interface ThreadBundle {
  path: string;
  built: boolean;
}

interface Manifest {
  esbuild: string;
  inputs: Array<{ path: string; size: number; mtimeMs: number }>;
}

function unchanged(manifest: Manifest, version: string): boolean {
  if (manifest.esbuild !== version) return false;
  for (const input of manifest.inputs) {
    try {
      const s = statSync(input.path);
      if (s.size !== input.size || s.mtimeMs !== input.mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * `entry` bundled by esbuild into one ES module under `cacheDir`, so that worker threads start without a
 * TypeScript loader. The bundle is kept with the list of the files it was made from (size and modification
 * time) and built again only when one of them, or esbuild, changed. Writes go through a temporary name and a
 * rename, so that runs at the same time never read a half-written bundle. Throws when esbuild is missing.
 */
export async function threadBundle(entry: string, cacheDir: string): Promise<ThreadBundle> {
  const esbuild = await import('esbuild');
  const key = createHash('sha256').update(resolve(entry)).digest('hex').slice(0, 16);
  const out = join(cacheDir, `${key}.mjs`);
  const manifestPath = join(cacheDir, `${key}.json`);
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (unchanged(manifest, esbuild.version)) {
      statSync(out);
      return { path: out, built: false };
    }
  } catch {
    // No bundle yet, or an unreadable manifest: build.
  }
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp.mjs`;
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    metafile: true,
    // Bundled CommonJS packages call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).flatMap((p) => {
    const path = resolve(p);
    try {
      const s = statSync(path);
      return [{ path, size: s.size, mtimeMs: s.mtimeMs }];
    } catch {
      return [];
    }
  });
  renameSync(tmp, out);
  const manifestTmp = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(manifestTmp, JSON.stringify({ esbuild: esbuild.version, inputs } satisfies Manifest));
  renameSync(manifestTmp, manifestPath);
  return { path: out, built: true };
}
