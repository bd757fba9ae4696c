// @ts-check
/**
 * Runs a command of src/cli without a TypeScript loader: `node src/cli/run.js <command> [args…]` runs
 * src/cli/<command>.ts from an esbuild bundle kept in the temporary directory until one of its sources changes
 * (module-bundle.js), which starts in a fraction of the time tsx takes to compile the modules one by one. Without
 * esbuild, or if bundling fails, the command runs through tsx as before.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleBundle } from './module-bundle.js';

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || !/^[a-z][a-z0-9-]*$/.test(command)) {
  process.stderr.write('usage: node src/cli/run.js <command> [args…]   (a file src/cli/<command>.ts)\n');
  process.exit(2);
}
const source = join(dirname(fileURLToPath(import.meta.url)), `${command}.ts`);
// The command finds itself as the main module by its source path (`process.argv[1]`).
process.argv = [process.argv[0] ?? 'node', source, ...rest];
let url;
try {
  url = pathToFileURL((await moduleBundle(source, join(tmpdir(), 'gazette-gis-bundles'))).path).href;
} catch {
  const tsx = await import('tsx/esm/api');
  tsx.register();
  url = pathToFileURL(source).href;
}
await import(url);
