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
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ is missing: run `npx vite build` first (npm test does it).');
  }
  const { server, url } = await serveStatic('dist', 0);
  project.provide('baseUrl', url);
  return () => new Promise((ok) => server.close(() => ok()));
}
