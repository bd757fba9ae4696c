// @ts-check
// Plain JavaScript (with module-bundle.d.ts), so that run.js can use it before any TypeScript loader is there.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @param {{ esbuild: string; inputs: Array<{ path: string; size: number; mtimeMs: number }> }} manifest @param {string} version */
function unchanged(manifest, version) {
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

// Built from parts, so that this file's own text never holds what the plugin below replaces.
const META_URL = ['import', 'meta', 'url'].join('.');
const URL_NAME = '__sourceModuleUrl';

/**
 * Gives each bundled module its own `import.meta.url` (its source file's URL), as when it runs unbundled, so
 * that paths found from it (data files, other entry points, packages' own files) stay right.
 * @type {import('esbuild').Plugin}
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(?:[cm]?[jt]s)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(META_URL)) return undefined;
      const ext = extname(args.path);
      const url = `const ${URL_NAME} = ${JSON.stringify(pathToFileURL(args.path).href)};\n`;
      return {
        contents: url + text.replaceAll(META_URL, URL_NAME),
        loader: ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'ts' : 'js',
        resolveDir: resolve(args.path, '..'),
      };
    });
  },
};

/**
 * esbuild's API, found from this file's source location, so that it is not bundled itself (it finds its native
 * binary from its own package) when this module is part of a bundle.
 * @returns {Promise<typeof import('esbuild')>}
 */
async function loadEsbuild() {
  const mod = await import(pathToFileURL(createRequire(import.meta.url).resolve('esbuild')).href);
  return mod.default ?? mod;
}

/**
 * `entry` bundled by esbuild into one ES module under `cacheDir`, so that it starts without a TypeScript loader.
 * The bundle is kept with the list of the files it was made from (size and modification time) and built again
 * only when one of them, or esbuild, changed. Writes go through a temporary name and a rename, so that runs at
 * the same time never read a half-written bundle. Throws when esbuild is missing.
 * @param {string} entry
 * @param {string} cacheDir
 * @returns {Promise<{ path: string; built: boolean }>}
 */
export async function moduleBundle(entry, cacheDir) {
  const esbuild = await loadEsbuild();
  const key = createHash('sha256').update(resolve(entry)).digest('hex').slice(0, 16);
  const out = join(cacheDir, `${key}.mjs`);
  const manifestPath = join(cacheDir, `${key}.json`);
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
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
    plugins: [sourceUrls],
    // Bundled CommonJS packages call require().
    banner: { js: `import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(${META_URL});` },
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
  writeFileSync(manifestTmp, JSON.stringify({ esbuild: esbuild.version, inputs }));
  renameSync(manifestTmp, manifestPath);
  return { path: out, built: true };
}
