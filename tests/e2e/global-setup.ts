import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../src/cli/serve-static';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the production build (dist/) on 127.0.0.1 for the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // E2E_DIST serves another build (e.g. one made with VITE_LARGE_IMPORT_BYTES to exercise the old import path).
  const dir = process.env['E2E_DIST'] ?? 'dist';
  if (!existsSync(`${dir}/index.html`)) {
    throw new Error(`${dir}/ is missing: run \`npx vite build\` first (npm test does it).`);
  }
  const { server, url } = await serveStatic(dir, 0);
  project.provide('baseUrl', url);
  return () => new Promise((ok) => server.close(() => ok()));
}
