/** A bundle of an entry module: its path, and whether it was built by this call or found up to date. */
export interface ModuleBundle {
  path: string;
  built: boolean;
}

/**
 * `entry` bundled by esbuild into one ES module under `cacheDir` (each module keeping its source's
 * `import.meta.url`), built again only when one of its files or esbuild changed. Throws when esbuild is missing.
 */
export function moduleBundle(entry: string, cacheDir: string): Promise<ModuleBundle>;
